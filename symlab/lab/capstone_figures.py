"""Notebook 09's figures: the deeplearning.ai runs' boundaries and losses, the digits
(experiments in :mod:`symlab.lab.capstone`)."""

import math

import numpy as np

from . import capstone, digits
from .figures import SCHEME_COLORS, draw_decision_boundary, new_figure, scheme_name


def plot_dlai_boundaries(runs):
    """Decision boundaries of the assignment's net after training, one panel per run (2 rows)."""
    cols = math.ceil(len(runs) / 2)
    fig = new_figure(2.75 * cols, 6.2)
    fig.subplots_adjust(left=0.05, right=0.99, top=0.9, bottom=0.07, hspace=0.4, wspace=0.3)
    axes = fig.subplots(2, cols, squeeze=False).ravel()
    X, Y, _, _ = capstone.dlai_data()
    for ax, run in zip(axes, runs):
        name = scheme_name(run.init, run.scale)
        draw_decision_boundary(ax, run.net, X, Y, resolution=120)
        ax.set_title(f"{name}\ntrain {run.train_accuracy:.1%}, test {run.test_accuracy:.0%}", fontsize=9)
        ax.tick_params(labelsize=7)
        ax.xaxis.label.set_fontsize(8)
        ax.yaxis.label.set_fontsize(8)
    for ax in axes[len(runs):]:
        ax.set_visible(False)
    fig.suptitle("The assignment's [2, 10, 5, 1] ReLU net after 15,000 steps (training points shown)", fontsize=11)
    return fig


def plot_dlai_losses(runs):
    """Loss curves (nats, log scale) of the assignment's net for every run."""
    fig = new_figure(9, 3.9)
    fig.subplots_adjust(left=0.08, right=0.7, top=0.9, bottom=0.14)
    ax = fig.add_subplot()
    for run in runs:
        name = scheme_name(run.init, run.scale)
        ax.plot(run.history.loss, color=SCHEME_COLORS.get(run.init), lw=1.8,
                ls="--" if run.init in ("constant", "tied_normal") else "-", label=name)
    ax.axhline(math.log(2), color="k", ls=":", lw=1.2, label="chance (ln 2)")
    ax.set_yscale("log")
    ax.set_ylim(3e-2, 3e3)
    ax.set_xlabel("iteration (full-batch steps, lr 0.01)")
    ax.set_ylabel("cross-entropy loss (nats)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title("Loss curves, the assignment's seeding (np.random.seed(3))", fontsize=10)
    return fig


def plot_digit_samples(n=10):
    """The first ``n`` test images of the digits set, with their labels."""
    _, _, _, Yt, images = digits.digits_data()
    fig = new_figure(1.05 * n, 1.45)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.8, bottom=0.02, wspace=0.15)
    for i, ax in enumerate(fig.subplots(1, n)):
        ax.imshow(images[i], cmap="gray_r", vmin=0, vmax=16)
        ax.set_title(f"label {int(np.argmax(Yt[:, i]))}", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    return fig


def plot_digits(result):
    """Digits comparison: loss curves (mean over seeds, min-max band) and test accuracy per scheme."""
    fig = new_figure(11, 4.0)
    fig.subplots_adjust(left=0.065, right=0.985, top=0.87, bottom=0.22, wspace=0.25)
    ax_loss, ax_acc = fig.subplots(1, 2, gridspec_kw=dict(width_ratios=[1.3, 1]))
    names = []
    for i, (key, loss) in enumerate(result.loss.items()):
        color = SCHEME_COLORS.get(key[0]) if key != ("normal", 1.0) else "C6"
        epochs = np.arange(loss.shape[1])
        ax_loss.fill_between(epochs, np.nanmin(loss, axis=0), np.nanmax(loss, axis=0), color=color, alpha=0.2, lw=0)
        ax_loss.plot(epochs, np.nanmean(loss, axis=0), color=color, lw=1.8, label=scheme_name(*key))
        acc = result.test_accuracy[key]
        ax_acc.bar(i, acc.mean(), yerr=acc.std(), color=color, capsize=3)
        ax_acc.plot(np.full(acc.size, i), acc, "k.", ms=4)
        names.append(scheme_name(*key))
    ax_loss.axhline(math.log(10), color="k", ls=":", lw=1.2, label="chance (ln 10)")
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(1e-2, 3e2)
    ax_loss.set_xlabel(f"epoch (full-batch steps, lr {result.settings['lr']:g})")
    ax_loss.set_ylabel("cross-entropy loss (nats)")
    ax_loss.set_title(f"Loss: mean over {result.settings['seeds']} seeds, band = min…max", fontsize=10)
    ax_loss.grid(alpha=0.3)
    ax_loss.legend(fontsize=8, loc="upper right", ncol=2)
    ax_acc.axhline(0.1, color="k", ls=":", lw=1.2)
    ax_acc.set_xticks(range(len(names)), names, rotation=35, ha="right", fontsize=8)
    ax_acc.set_ylim(0, 1.05)
    ax_acc.set_ylabel("test accuracy (450 images)")
    ax_acc.set_title("Test accuracy: mean ± std, dots = seeds", fontsize=10)
    ax_acc.grid(alpha=0.3, axis="y")
    layers = ", ".join(str(n) for n in result.settings["layers"])
    fig.suptitle(f"Digits: [{layers}] {result.settings['activation']} net, softmax output", fontsize=11)
    return fig
