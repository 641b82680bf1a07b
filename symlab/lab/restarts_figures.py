"""Notebook 08's figures: descent on the 1-D landscape, XOR success by width, best of k
(experiments in :mod:`symlab.lab.restarts`)."""

import math

import numpy as np

from .figures import new_figure
from .restarts import bumpy_loss, nearest_minimum


def plot_bumpy_descent(starts, path, minima):
    """The 1-D loss with each run's start and end, and how many runs end in each minimum."""
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.07, right=0.985, top=0.87, bottom=0.15, wspace=0.28)
    ax_curve, ax_bar = fig.subplots(1, 2, gridspec_kw=dict(width_ratios=[1.6, 1]))
    w = np.linspace(min(-6.0, float(minima.min()) - 0.4), 6, 600)
    ax_curve.plot(w, bumpy_loss(w), color="k", lw=2, label="L(w) = 0.1 w² + sin 2w")
    ax_curve.axvspan(-6, 6, color="0.95", zorder=0, lw=0, label="where starts are drawn")
    ends = path[-1]
    which = nearest_minimum(ends, minima)
    rug = float(np.min(bumpy_loss(w))) - 0.45
    for j, w_min in enumerate(minima):
        mine = which == j
        ax_curve.plot(starts[mine], np.full(mine.sum(), rug), "|", color=f"C{j}", ms=14, mew=1.2,
                      label="starts, coloured by where they end" if j == 0 else None)
        ax_curve.plot(w_min, bumpy_loss(w_min), "o", color=f"C{j}", ms=11, mec="k",
                      label="minima (where runs end)" if j == 0 else None)
    ax_curve.set_xlabel("weight w")
    ax_curve.set_ylabel("loss L(w)")
    ax_curve.set_title(f"{len(starts)} random starts, then gradient descent", fontsize=10)
    ax_curve.grid(alpha=0.3)
    ax_curve.legend(fontsize=8, loc="upper center")
    counts = np.bincount(which, minlength=len(minima))
    bars = ax_bar.bar(range(len(minima)), counts / len(starts), color=[f"C{j}" for j in range(len(minima))])
    for bar, w_min in zip(bars, minima):
        ax_bar.annotate(f"{bar.get_height():.1%}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=9)
    ax_bar.set_xticks(range(len(minima)),
                      [f"w = {w_min:.2f}\nL = {bumpy_loss(w_min):.2f}" for w_min in minima], fontsize=8)
    ax_bar.set_ylabel("fraction of starts")
    ax_bar.set_ylim(0, 1.1 * max(counts) / len(starts) + 0.05)
    ax_bar.set_title("Where the runs end (best = lowest L)", fontsize=10)
    return fig


def plot_xor_success(widths, results, detail):
    """Success rate against hidden width, and the loss curves of one width split by outcome.

    ``results`` are :class:`symlab.RestartResult` for ``widths``; ``detail``
    is the one whose curves are drawn (solved in blue, failed in red).
    """
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.07, right=0.985, top=0.86, bottom=0.15, wspace=0.25)
    ax_rate, ax_loss = fig.subplots(1, 2)
    rates = [r.success_rate for r in results]
    bars = ax_rate.bar([str(w) for w in widths], rates, color="C0")
    for bar, r in zip(bars, results):
        ax_rate.annotate(f"{int(r.solved.sum())}/{len(r.solved)}",
                         (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom", fontsize=9)
    ax_rate.set_ylim(0, 1.12)
    ax_rate.set_xlabel("hidden units H")
    ax_rate.set_ylabel("fraction of seeds that solve XOR")
    s = results[0].settings
    ax_rate.set_title(f"2-H-1 {s['activation']} nets, {s['init']}, {s['epochs']} steps, lr {s['lr']:g}", fontsize=10)
    ax_rate.grid(alpha=0.3, axis="y")
    for solved, color, label in ((True, "C0", "solved"), (False, "C3", "not solved")):
        curves = detail.loss[detail.solved == solved]
        for i, curve in enumerate(curves[:60]):
            ax_loss.plot(curve, color=color, lw=0.7, alpha=0.4,
                         label=f"{label} ({len(curves)} runs)" if i == 0 else None)
    ax_loss.axhline(math.log(2), color="k", ls=":", lw=1.2, label="chance (ln 2)")
    ax_loss.axhline(math.log(2) / 2, color="0.4", ls="--", lw=1, label="ln 2 / 2: two points left at 50%")
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(1e-3, 2)
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("cross-entropy loss (nats)")
    ax_loss.set_title(f"H = {detail.settings['hidden']}: loss curves (up to 60 of each)", fontsize=10)
    ax_loss.grid(alpha=0.3)
    ax_loss.legend(fontsize=8, loc="lower left")
    return fig


def plot_best_of_k(ks, measured, predicted, p):
    """Measured success of best-of-k restarts against 1 − (1 − p)^k."""
    fig = new_figure(5.6, 3.9)
    fig.subplots_adjust(left=0.15, right=0.97, top=0.87, bottom=0.15)
    ax = fig.add_subplot()
    ax.plot(ks, predicted, "k--", lw=1.2, label=f"1 − (1 − p)^k, p = {p:.3f}")
    ax.plot(ks, measured, "o-", color="C0", ms=6, label="measured (disjoint groups of seeds)")
    ax.set_xscale("log")
    ax.set_xticks(ks, [str(k) for k in ks])
    ax.set_ylim(min(0.5, p - 0.05), 1.02)
    ax.set_xlabel("restarts k (keep the lowest final loss)")
    ax.set_ylabel("fraction that solve XOR")
    ax.set_title("Best of k restarts", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    return fig
