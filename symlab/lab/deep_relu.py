"""Notebook 07, section 6: training a deep ReLU net from He's and Xavier's starts.

He et al. 2015 ("Delving deep into rectifiers", figure 3: a 30-layer ReLU net converges with their
init and stalls with Xavier's) at a size a laptop trains in seconds: :func:`deep_relu_training`,
:func:`print_deep_relu` (counts that hold on every machine), :func:`print_deep_relu_seeds` (this
machine's digits), :func:`plot_deep_relu`.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..checks import check_int, check_positive
from ..data import make_dataset
from ..mlp import MLP
from ..train import train_many
from .depth import format_table
from .figures import SCHEME_COLORS, new_figure, scheme_name


#: Schemes compared on the deep ReLU net: (init, scale).
DEEP_RELU_SCHEMES = (("he_normal", 1.0), ("xavier_normal", 1.0), ("normal", 0.01))

@dataclass(frozen=True)
class DeepTraining:
    """Deep ReLU nets trained side by side (see :func:`deep_relu_training`).

    Attributes
    ----------
    settings : dict
    loss : dict (init, scale) -> ndarray (seeds, epochs)
        Loss curves (nats), one row per seed.
    final_loss, final_accuracy : dict (init, scale) -> ndarray (seeds,)
    act_std : dict (init, scale) -> ndarray (seeds, depth)
        Std of each hidden layer's activations at initialisation, per seed, on the training inputs.
    chance : float
        ln 2: the loss of predicting the (balanced) label frequencies.
    """

    settings: dict
    loss: dict
    final_loss: dict
    final_accuracy: dict
    act_std: dict
    chance: float

    def left_chance(self, key):
        """Number of seeds of scheme ``key`` whose final loss is below :data:`LEFT_CHANCE` nats."""
        return int(np.sum(self.final_loss[key] < LEFT_CHANCE))

    def at_chance(self, key):
        """Number of seeds of scheme ``key`` whose final loss is within :data:`AT_CHANCE` of ln 2."""
        return int(np.sum(np.abs(self.final_loss[key] - self.chance) < AT_CHANCE))

    def dead_at_start(self, key):
        """Number of seeds of scheme ``key`` whose last hidden layer outputs exactly 0 at the start."""
        return int(np.sum(self.act_std[key][:, -1] == 0))

#: A net has "left the chance level" when its loss is below this (nats); ln 2 ≈ 0.693.
LEFT_CHANCE = 0.6

#: A net "has not moved" when its loss is within this of ln 2 (nats).
AT_CHANCE = 1e-3

def deep_relu_training(depth=30, width=16, epochs=200, lr=0.02, seeds=10, m=64):
    """Train ``[2] + [width] * depth + [1]`` ReLU nets on circles with each scheme of
    :data:`DEEP_RELU_SCHEMES`, seeds 0 … seeds−1, full batch, all in lockstep.

    He et al. 2015 (figure 3) trained a 30-layer ReLU net: with their init it
    converged, with Xavier's it did not learn at all. Here the data is
    ``make_dataset("circles", m, noise=0.1, seed=0)`` and the net has 30 hidden
    layers of 16 units (about 7,700 weights). The defaults stop after the first 200 steps:
    whether a net *starts* to learn is the same on every machine, while where a deep net ends
    after many more steps of plain gradient descent depends on rounding (a chaotic path).

    Returns
    -------
    DeepTraining (cached)
    """
    depth = check_int("depth", depth, 1, 200)
    width = check_int("width", width, 1, 512)
    epochs = check_int("epochs", epochs)
    lr = check_positive("lr", lr)
    seeds = check_int("seeds", seeds, 1, 50)
    m = check_int("m", m, 2)
    return _deep_relu_training(depth, width, epochs, lr, seeds, m)

@lru_cache(maxsize=4)
def _deep_relu_training(depth, width, epochs, lr, seeds, m):
    X, Y = make_dataset("circles", m, 0.1, 0)
    sizes = [2] + [width] * depth + [1]
    nets = [MLP(sizes, activation="relu", init=init, scale=scale, seed=s)
            for init, scale in DEEP_RELU_SCHEMES for s in range(seeds)]
    stds = []
    for net in nets:
        _, cache = net.forward(X)
        stds.append([cache[f"A{l}"].std() for l in range(1, depth + 1)])
    history = train_many(nets, X, Y, epochs=epochs, lr=lr)
    loss, final_loss, final_accuracy, act_std = {}, {}, {}, {}
    for i, key in enumerate(DEEP_RELU_SCHEMES):
        rows = slice(i * seeds, (i + 1) * seeds)
        loss[key] = history.loss[rows]
        final_loss[key] = history.final_loss[rows]
        final_accuracy[key] = history.final_accuracy[rows]
        act_std[key] = np.array(stds[rows])
    settings = dict(depth=depth, width=width, epochs=epochs, lr=lr, seeds=seeds, m=m)
    return DeepTraining(settings, loss, final_loss, final_accuracy, act_std, math.log(2))

def print_deep_relu(result=None):
    """Per scheme of :func:`deep_relu_training`: how many seeds left ln 2, how many did not move, and the
    signal reaching the last layer at the start. Every count has a wide margin (see the tests), so it is the
    same on every machine. Returns the result."""
    result = result or deep_relu_training()
    s, last = result.settings, result.settings["depth"]
    print(f"{s['depth']} hidden layers of {s['width']} ReLU units, {s['m']} circles points, {s['epochs']} steps at "
          f"lr {s['lr']:g}, {s['seeds']} seeds per scheme")
    header = ["init", f"left ln 2 (loss < {LEFT_CHANCE})", f"within {AT_CHANCE:g} of ln 2",
              f"std of A[{last}] at the start (median)"]
    rows = [[scheme_name(*key), f"{result.left_chance(key)} of {s['seeds']}",
             f"{result.at_chance(key)} of {s['seeds']}", f"{np.median(result.act_std[key][:, -1]):.1e}"]
            for key in result.loss]
    print("\n".join(format_table(header, rows, "<>>>")))
    return result

def print_deep_relu_seeds(result=None):
    """Final loss and training accuracy of every seed (this machine's numbers: the path of a deep net
    under gradient descent is chaotic, so other machines print other digits). Returns the result."""
    result = result or deep_relu_training()
    print(f"{'init':<16} final loss per seed (nats) / training accuracy")
    for key in result.loss:
        cells = " ".join(f"{loss:.3f}/{acc:.0%}" for loss, acc in zip(result.final_loss[key], result.final_accuracy[key]))
        print(f"{scheme_name(*key):<16} {cells}")
    return result


def plot_deep_relu(result=None):
    """The deep ReLU experiment: activation std per layer at the start, and the loss curves."""
    result = result or deep_relu_training()
    s = result.settings
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.07, right=0.985, top=0.85, bottom=0.15, wspace=0.25)
    ax_std, ax_loss = fig.subplots(1, 2)
    for key, stds in result.act_std.items():
        color = SCHEME_COLORS.get(key[0])
        std = np.median(stds, axis=0)
        ax_std.plot(np.arange(1, s["depth"] + 1), np.where(std > 0, std, np.nan), "o-", ms=3, color=color,
                    label=scheme_name(*key))
        for i, curve in enumerate(result.loss[key]):
            ax_loss.plot(curve, color=color, lw=1.8, alpha=0.85, label=scheme_name(*key) if i == 0 else None)
    ax_std.set_yscale("log")
    ax_std.set_xlabel("hidden layer l")
    ax_std.set_ylabel("std of A[l] at the start (log scale)")
    ax_std.set_title(f"Signal at the start (median over {s['seeds']} seeds)", fontsize=10)
    ax_std.grid(alpha=0.3)
    ax_std.legend(fontsize=9)
    ax_loss.axhline(result.chance, color="k", ls=":", lw=1.2, label="chance (ln 2)")
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(5e-4, 3)
    ax_loss.set_xlabel("epoch (full-batch steps, lr %g)" % s["lr"])
    ax_loss.set_ylabel("cross-entropy loss (nats)")
    ax_loss.set_title(f"Training, {s['seeds']} seeds per scheme", fontsize=10)
    ax_loss.grid(alpha=0.3)
    ax_loss.legend(fontsize=9, loc="lower left")
    flat = [scheme_name(*key) for key in result.loss if result.at_chance(key) == s["seeds"]]
    if flat:
        ax_loss.text(0.98, 0.97, f"{' and '.join(flat)}:\nevery seed ends within {AT_CHANCE:g} of ln 2", fontsize=8,
                     transform=ax_loss.transAxes, ha="right", va="top",
                     bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
    fig.suptitle(f"{s['depth']} hidden ReLU layers × {s['width']} units on circles ({s['m']} points)", fontsize=11)
    return fig
