"""Notebook 07's figures: per-layer statistics of deep stacks, matrix chains, deep ReLU training
(experiments in :mod:`symlab.lab.depth`)."""

import numpy as np

from . import depth
from .figures import new_figure


STACK_COLORS = {("tanh", "normal", 0.01): "C0", ("tanh", "normal", 1.0): "C3", ("tanh", "xavier_normal", 1.0): "C2",
                ("relu", "xavier_normal", 1.0): "C1", ("relu", "he_normal", 1.0): "C4"}


def _stack_label(key):
    return depth.stack_label(*key)


def plot_layer_stats(settings=depth.CS231N_SETTINGS):
    """Per-layer std of the activations, saturated fraction, and back-propagated gradient std.

    One line per ``(activation, init, scale)`` of ``settings`` through
    :func:`symlab.lab.depth.deep_stack` (10 layers × 500 units, 1,000 N(0, 1) examples).
    """
    fig = new_figure(11, 3.8)
    fig.subplots_adjust(left=0.065, right=0.985, top=0.86, bottom=0.3, wspace=0.3)
    ax_std, ax_sat, ax_grad = fig.subplots(1, 3)
    for key in settings:
        stats = depth.deep_stack(*key)
        layers = np.arange(1, stats.settings["depth"] + 1)
        kw = dict(color=STACK_COLORS.get(key), marker="o", ms=4, label=_stack_label(key))
        ax_std.plot(layers, stats.act_std, **kw)
        if key[0] == "tanh":  # saturation is a tanh notion; ReLU has no saturated side
            ax_sat.plot(layers, stats.saturated, **kw)
        ax_grad.plot(layers, stats.grad_std, **kw)
    ax_std.set_yscale("log")
    ax_std.set_ylabel("std of activations A[l]")
    ax_std.set_title("Forward: activation std per layer", fontsize=10)
    ax_sat.set_ylabel("fraction of tanh units with |a| > 0.99")
    ax_sat.set_ylim(-0.03, 1.03)
    ax_sat.set_title("Saturated tanh units per layer", fontsize=10)
    ax_grad.set_yscale("log")
    ax_grad.set_ylabel("std of dZ[l]")
    ax_grad.set_title("Backward: gradient std per layer\n(top layer gets dA ~ N(0, 1))", fontsize=10)
    for ax in (ax_std, ax_sat, ax_grad):
        ax.set_xlabel("layer l")
        ax.set_xticks(layers)
        ax.grid(alpha=0.3)
    handles, labels = ax_std.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(settings), fontsize=9, frameon=False)
    fig.suptitle("10 layers × 500 units, 1,000 N(0, 1) inputs (the CS231n demo)", fontsize=11)
    return fig


def plot_layer_histograms(settings=depth.CS231N_SETTINGS, layers=(1, 2, 4, 7, 10)):
    """Histograms of the activations of selected layers (columns), one row per setting.

    tanh rows: values in [−1, 1]. ReLU rows: the positive values only (clipped at
    2.5), with the fraction that is exactly 0 written in the panel. Each row shares
    its vertical scale, so the panels of one row compare directly.
    """
    height = 1.75 * len(settings) + 0.8
    fig = new_figure(11, height)
    fig.subplots_adjust(left=0.16, right=0.985, top=1 - 0.6 / height, bottom=0.45 / height, hspace=0.6, wspace=0.25)
    axes = fig.subplots(len(settings), len(layers), squeeze=False)
    for row, key in zip(axes, settings):
        stats = depth.deep_stack(*key)
        relu = key[0] == "relu"
        edges = np.linspace(0, 2.5, 31) if relu else np.linspace(-1, 1, 31)
        tallest = 0.0
        for ax, layer in zip(row, layers):
            values = stats.samples[layer - 1]
            shown = values[values > 0] if relu else values
            counts, _ = np.histogram(np.clip(shown, edges[0], edges[-1]), bins=edges)
            fractions = counts / values.size
            tallest = max(tallest, float(fractions.max()))
            ax.stairs(fractions, edges, fill=True, color=STACK_COLORS.get(key, "C0"), alpha=0.8)
            ax.tick_params(labelsize=8)
            ax.set_title(f"layer {layer}: std {stats.act_std[layer - 1]:.2g}", fontsize=9)
            if relu:
                ax.text(0.97, 0.9, f"{np.mean(values == 0):.0%} exactly 0", transform=ax.transAxes, ha="right",
                        va="top", fontsize=8)
        for ax in row:
            ax.set_ylim(0, 1.15 * tallest)
            if ax is not row[0]:
                ax.set_yticklabels([])
        row[0].set_ylabel(_stack_label(key).replace(", ", ",\n"), fontsize=9, rotation=0, ha="right", va="center")
    for ax in axes[-1]:
        ax.set_xlabel("activation value", fontsize=9)
    fig.text(0.005, 0.5, "fraction of activations per bin", rotation=90, va="center", fontsize=9)
    fig.suptitle("Where the activations sit, layer by layer (ReLU rows: positive values; above 2.5 in the last bin)",
                 fontsize=11)
    return fig


def plot_variance_check(settings=depth.CS231N_SETTINGS):
    """Predicted std of Z[l], sqrt(fan_in · Var(w) · E[A[l-1]²]), against the measured one (log-log)."""
    fig = new_figure(5.6, 4.6)
    fig.subplots_adjust(left=0.15, right=0.97, top=0.88, bottom=0.13)
    ax = fig.add_subplot()
    for key in settings:
        stats = depth.deep_stack(*key)
        ax.plot(stats.predicted_z_std, stats.z_std, "o", color=STACK_COLORS.get(key), ms=5, label=_stack_label(key))
    ax.plot([1e-8, 1e3], [1e-8, 1e3], "k--", lw=1, label="measured = predicted")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1e-8, 1e3)
    ax.set_ylim(1e-8, 1e3)
    ax.set_xlabel("predicted std of Z[l] = sqrt(fan_in · Var(w) · E[A[l-1]²])")
    ax.set_ylabel("measured std of Z[l]")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title("Var(z) = fan_in · Var(w) · E[x²], every layer of every run", fontsize=10)
    return fig


