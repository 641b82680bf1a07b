"""Notebook 07's figures: per-layer statistics of deep stacks, matrix chains, deep ReLU training
(experiments in :mod:`symlab.lab.depth`)."""

import numpy as np

from ..init import SCHEMES
from . import depth, depth_signal
from .apps import Dashboard, dropdown, int_slider, log_slider
from .figures import new_figure
from .view import View, colour


STACK_COLORS = {("tanh", "normal", 0.01): "C0", ("tanh", "normal", 1.0): "C3", ("tanh", "xavier_normal", 1.0): "C2",
                ("relu", "xavier_normal", 1.0): "C1", ("relu", "he_normal", 1.0): "C4"}


def _stack_label(key):
    return depth.stack_label(*key)


def plot_layer_stats(settings=depth.CS231N_SETTINGS):
    """Per-layer std of the activations, saturated fraction, and back-propagated gradient std.

    One line per ``(activation, init, scale)`` of ``settings`` through
    :func:`symlab.lab.depth.deep_stack` (10 layers × 500 units, 1,000 N(0, 1) examples). A saturation
    curve that would lie hidden under a later one (``0.01 * randn`` under Xavier's: no saturated units) is
    drawn dashed on top, and the panel's legend says the two coincide (:func:`coinciding_curves`).
    """
    fig = new_figure(11, 3.8)
    fig.subplots_adjust(left=0.065, right=0.985, top=0.86, bottom=0.3, wspace=0.3)
    ax_std, ax_sat, ax_grad = fig.subplots(1, 3)
    saturation = {}
    for key in settings:
        stats = depth.deep_stack(*key)
        layers = np.arange(1, stats.settings["depth"] + 1)
        kw = dict(color=STACK_COLORS.get(key), marker="o", ms=4, label=_stack_label(key))
        ax_std.plot(layers, stats.act_std, **kw)
        if key[0] == "tanh":  # saturation is a tanh notion; ReLU has no saturated side
            saturation[key] = ax_sat.plot(layers, stats.saturated, **kw)[0]
        ax_grad.plot(layers, stats.grad_std, **kw)
    _show_hidden_curves(ax_sat, saturation)
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


#: Two curves of the saturation panel "coincide" when they are this close at every layer (a fraction of
#: the units; 0.01 is under two pixels on its axis): the one drawn first would be hidden under the other
SAME_CURVE = 0.01


def coinciding_curves(curves, tolerance=SAME_CURVE):
    """Pairs (hidden, on_top) of ``{key: values}`` (in drawing order) whose values differ by at most
    ``tolerance`` at every point: the curve drawn first would be hidden under the later one."""
    keys = list(curves)
    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]
            if np.max(np.abs(np.asarray(curves[a]) - np.asarray(curves[b]))) <= tolerance]


def _show_hidden_curves(ax, lines):
    """Keep visible the curves of ``ax`` hidden under a later one (``lines``: {key: Line2D} in drawing order):
    each hidden curve is drawn dashed with open markers on top of the one it coincides with, and a legend in
    the panel names both and says how far apart they are."""
    handles, labels = [], []
    for hidden, top in coinciding_curves({key: line.get_ydata() for key, line in lines.items()}):
        below, above = lines[hidden], lines[top]
        below.set(linestyle="--", lw=2, marker="o", ms=7, mfc="none", mew=1.5, zorder=above.get_zorder() + 1)
        gap = float(np.max(np.abs(below.get_ydata() - above.get_ydata())))
        differ = np.flatnonzero(below.get_ydata() != above.get_ydata())
        if not differ.size:
            where = "equal at every layer"
        else:
            where = f"≤ {gap:.1g} apart"
            if differ[-1] + 1 < len(below.get_xdata()):  # equal from some layer to the last
                where += f",\nequal from layer {below.get_xdata()[differ[-1] + 1]:g} on"
        handles += [above, below]
        labels += [_stack_label(top), f"{_stack_label(hidden)} (dashed):\ncoincides with it ({where})"]
    if handles:
        ax.legend(handles, labels, fontsize=8, loc="center right", framealpha=0.9)


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




# ------------------------------------------------------------------- app


def _log_ticks():
    """Ticks of the log10 |value| axis; the lowest bin also holds exact zeros (half of a ReLU layer)."""
    return [[float(e), "≤1e-12" if e == -12 else ("1" if e == 0 else f"1e{e}")] for e in range(-12, 13, 6)]


def depth_view(signal):
    """The :class:`~symlab.lab.view.View` of a :class:`~symlab.lab.depth_signal.DepthSignal` (one frame).

    Panels: (1) each layer's distribution of log10 |A[l]| as a column of colours (CS231n's histograms,
    side by side); (2) the same for the gradients dW[l] (Glorot & Bengio's picture); (3) the std of
    A[l] and of dW[l] against the layer on a log axis, with the lines the variance argument predicts.
    The readout says in words what happened to the signal and to the gradient.
    """
    s, L = signal.settings, signal.settings["depth"]
    last, first = signal.act_std[-1], signal.act_std[0]
    act_words = depth_signal.depth_verdict(last, first)
    grad_words = depth_signal.depth_verdict(signal.dA_std[0], signal.dA_std[-1])
    step = signal.dW_std[0] / signal.W_std if signal.W_std > 0 else float("nan")
    fmt = lambda x: f"{x:.0e}" if np.isfinite(x) else "inf"  # noqa: E731
    readout = (f"<b>layer {L}: activations std {fmt(last)} — {act_words}</b> (layer 1: {fmt(first)}) · "
               f"<b>gradient at layer 1: {fmt(signal.dA_std[0])} — {grad_words}</b> (layer {L}: "
               f"{fmt(signal.dA_std[-1])}) · dW[1]/W {fmt(step)} · predicted: ×"
               f"{depth_signal.layer_factor(s):.3g} per layer")
    view = View([0], readout, key=depth.stack_label(s["activation"], s["scheme"], s["scale"]) +
                f", {L} × {s['width']}", aspect=0.3, height=[180, 300])
    cmap = view.cmap("Blues")
    extent = [0.5, L + 0.5, float(depth_signal.LOG_BINS[0]), float(depth_signal.LOG_BINS[-1])]
    layer_axis = dict(label="layer l", range=[0.5, L + 0.5],
                      ticks=[[l, str(l)] for l in sorted({1, (L + 1) // 2, L})])
    for name, hist, title in (("act_hist", signal.act_hist, f"|A[l]| per layer: {act_words}"),
                              ("dW_hist", signal.dW_hist, f"|dW[l]| per layer: {grad_words}")):
        layer = dict(kind="image", z=view.array(name, hist.T), extent=extent, cmap=cmap, range=[0, 0.4])
        view.panel(title, [layer], x=layer_axis, y=dict(label="|value|", range=extent[2:],
                                                        ticks=_log_ticks()), grid=False)
    layers = np.arange(1, L + 1)
    lines = []
    for name, values, colour_name, dash in (("act_std", signal.act_std, "C0", None),
                                             ("predicted_act", signal.predicted_act_std, "C0", [6, 4]),
                                             ("dA_std", signal.dA_std, "C1", None),
                                             ("predicted_dA", signal.predicted_dA_std, "C1", [6, 4]),
                                             ("dW_std", signal.dW_std, "C3", None),
                                             ("predicted_dW", signal.predicted_dW_std, "C3", [6, 4])):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            shown = np.where((values > 0) & np.isfinite(values), values, np.nan)
        lines.append(dict(kind="lines", x=view.array(f"{name}_layers", layers), y=view.array(name, shown[None]),
                          colors=colour(colour_name), widths=2.5 if dash is None else 1.8, dash=dash))
    view.panel("std per layer (dashed:\nthe variance argument)", lines, x=layer_axis,
               y=dict(label="std (log scale)", range=[1e-12, 1e12], log=True, ticks=[[10.0 ** e, "1" if e == 0 else f"1e{e}"] for e in
                                                                                     range(-12, 13, 6)]),
               legend=[[colour("C0"), "A[l]", False], [colour("C1"), "dA[l]", False],
                       [colour("C3"), "dW[l]", False], ["#555", "predicted", True]])
    return view


class DepthDashboard(Dashboard):
    """Notebook 07's depth dashboard: init scheme and scale, depth, width, activation and seed against each
    layer's activations and gradients (:func:`depth_view` of :func:`symlab.lab.depth_signal.depth_signal`)."""

    factory = "depth_figures.depth_dashboard"

    def __init__(self, scheme="xavier_normal", scale=1.0, depth=10, width=256, activation="tanh", seed=0):
        controls = {
            "scheme": dropdown("init scheme", SCHEMES, scheme),
            "scale": log_slider("init scale", scale, -3, 2),
            "depth": int_slider("depth (layers)", depth, 1, 30),
            "width": int_slider("width (units)", width, 16, 512, step=16),
            "activation": dropdown("activation", ("tanh", "relu", "sigmoid", "linear"), activation),
            "seed": int_slider("seed", seed, 0, 9),
        }
        super().__init__(controls)
        self.start()

    def settings(self, values):
        v = values
        return dict(scheme=v["scheme"], scale=float(f"{v['scale']:.10g}"), depth=int(v["depth"]),
                    width=int(v["width"]), activation=v["activation"], seed=int(v["seed"]))

    def view(self, **settings):
        return depth_view(depth_signal.depth_signal(**settings))


def depth_dashboard(scheme="xavier_normal", scale=1.0, depth=10, width=256, activation="tanh", seed=0):
    """Build notebook 07's depth dashboard; display it by making it a cell's last expression."""
    return DepthDashboard(scheme, scale, depth, width, activation, seed)
