"""Notebook 04, part 2: the symmetric state is an unstable equilibrium.

In exact arithmetic — and in symlab's, which keeps identical units bit-identical (see
:func:`symlab.mlp.matmul`) — a constant start stays symmetric for ever. But the symmetric
state is unstable: start the units a tiny ``ε`` apart and gradient descent pulls them further
apart, slowly at first. :func:`split_times` measures how long that takes for ε from 1e-1 down
to 1e-15 (about ten times the spacing of floating-point numbers near 0.5), against He's random
start. The time grows roughly like ``log(1/ε)``: a difference the size of rounding error splits
the units too, but thousands of epochs late. That is why breaking the symmetry is necessary, not
a speed-up, and why *how* different the units start sets how fast the net learns.

The perturbation is drawn (``np.random.default_rng(seed)``), not left to the machine's
rounding, so the table is the same on every computer.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..checks import check_int, check_positive
from ..data import make_dataset
from ..metrics import row_spread
from ..mlp import MLP
from ..train import train_many
from .figures import new_figure

#: The differences ε tried: each W1 entry of the constant start moves by ε · N(0, 1).
EPSILONS = (1e-1, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-15)
#: Row spread of W1 (weight units) from which the units count as split (as in notebook 04's dropout part).
SPLIT_LEVEL = 0.1
#: Training accuracy taken as "learned".
LEARNED = 0.95


def perturbed_start(epsilon, seed=0, hidden=8):
    """The constant-0.5 ``[2, hidden, 1]`` tanh net with every entry of W1 moved by ``epsilon · N(0, 1)``.

    ``np.random.default_rng(seed)`` draws the perturbation; ``epsilon = 0`` is the exact constant
    start. W2 and the biases stay as the constant scheme sets them (0.5 and 0).
    """
    net = MLP([2, hidden, 1], activation="tanh", init="constant", scale=0.5, seed=seed)
    noise = np.random.default_rng(seed).standard_normal(net.params["W1"].shape)
    net.params["W1"] = net.params["W1"] + epsilon * noise
    return net


@dataclass(frozen=True)
class SplitTimes:
    """What :func:`split_times` measured.

    Attributes
    ----------
    labels : list of str
        One per row: ``"he_normal"``, then ``"ε = 1e-01"`` … and ``"ε = 0 (exact)"``.
    epsilons : list of float or None
        The row's ε (None for He).
    split_at : ndarray (rows, seeds) of int
        First measured epoch at which the row spread of W1 reached :data:`SPLIT_LEVEL`;
        −1 if it never did. Measured every ``every`` epochs, from epoch 0.
    learned_at : ndarray (rows, seeds) of int
        First epoch with training accuracy >= :data:`LEARNED`; −1 if never.
    spread : ndarray (rows, seeds, checks)
        Row spread of W1 at epochs ``checked``.
    checked : ndarray (checks,)
        The epochs at which the spread was measured.
    settings : dict
    """

    labels: list
    epsilons: list
    split_at: np.ndarray
    learned_at: np.ndarray
    spread: np.ndarray
    checked: np.ndarray
    settings: dict

    def epochs_per_decade(self):
        """Median extra epochs to split per factor 10 smaller ε, fitted over ε = 1e-2 … 1e-10 (least squares)."""
        rows = [i for i, e in enumerate(self.epsilons) if e is not None and 1e-10 <= e <= 1e-2]
        decades = np.array([-np.log10(self.epsilons[i]) for i in rows])
        epochs = np.array([np.median(self.split_at[i]) for i in rows])
        return float(np.polyfit(decades, epochs, 1)[0])


def split_times(epsilons=EPSILONS, seeds=3, epochs=5000, lr=1.0, every=10, hidden=8):
    """Train He's start, the constant start moved by each ε, and the exact constant start, in lockstep.

    A ``[2, hidden, 1]`` tanh net on 200 circles points (noise 0.1, seed 0), full-batch gradient
    descent at learning rate ``lr`` for ``epochs`` epochs, ``seeds`` seeds per row (seed s draws He's
    weights or the perturbation). The row spread of W1 is measured every ``every`` epochs.

    Returns
    -------
    SplitTimes (cached)
    """
    epsilons = tuple(float(check_positive("epsilon", e)) for e in epsilons)
    return _split_times(epsilons, check_int("seeds", seeds, 1, 20), check_int("epochs", epochs),
                        check_positive("lr", lr), check_int("every", every), check_int("hidden", hidden, 2, 64))


@lru_cache(maxsize=4)
def _split_times(epsilons, seeds, epochs, lr, every, hidden):
    X, Y = make_dataset("circles", 200, 0.1, 0)
    rows = [None, *epsilons, 0.0]
    nets = [MLP([2, hidden, 1], "tanh", "he_normal", 1.0, s) if e is None else perturbed_start(e, s, hidden)
            for e in rows for s in range(seeds)]
    checked = np.arange(0, epochs + 1, every)
    spread = np.empty((len(nets), len(checked)))
    spread[:, 0] = [row_spread(net.params["W1"]) for net in nets]
    accuracy = []
    for k in range(1, len(checked)):  # train_many in chunks of `every` epochs, measuring the spread between chunks
        accuracy.append(train_many(nets, X, Y, epochs=every, lr=lr).accuracy)
        spread[:, k] = [row_spread(net.params["W1"]) for net in nets]
    accuracy = np.concatenate(accuracy, axis=1)  # accuracy[n, e]: before update e
    split_at = np.array([checked[np.argmax(s >= SPLIT_LEVEL)] if np.any(s >= SPLIT_LEVEL) else -1 for s in spread])
    learned_at = np.array([np.argmax(a >= LEARNED) if np.any(a >= LEARNED) else -1 for a in accuracy])
    labels = ["he_normal"] + [f"ε = {e:.0e}" for e in epsilons] + ["ε = 0 (exact)"]
    shape = (len(rows), seeds)
    settings = dict(epsilons=epsilons, seeds=seeds, epochs=epochs, lr=lr, every=every, hidden=hidden)
    return SplitTimes(labels, rows, split_at.reshape(shape), learned_at.reshape(shape),
                      spread.reshape(shape + (len(checked),)), checked, settings)


#: Below this ε the units start within a few rounding errors of each other (a float near 0.5 is
#: spaced 1.1e-16 apart), so rounding, which differs between machines, moves the split by dozens
#: of epochs: those rows are printed to one significant digit.
ROUNDING_LEVEL = 1e-13


def _span(values, never, coarse=False):
    """``"epoch a–b"`` over seeds (or ``"epoch a"``); ``"≈ epoch n"`` to one significant digit of the
    median when ``coarse``; ``never`` if any seed never got there."""
    if np.any(values < 0):
        return never
    if coarse:
        median = float(np.median(values))
        return f"≈ epoch {round(median, -int(math.floor(math.log10(median)))):.0f}"
    low, high = int(values.min()), int(values.max())
    return f"epoch {low}" if low == high else f"epoch {low}–{high}"


def print_split_times(result=None):
    """Print :func:`split_times` as a table (epoch ranges over seeds); returns the result."""
    result = result or split_times()
    s = result.settings
    never = f"never (in {s['epochs']} epochs)"
    print(f"{'start (tanh, H = ' + str(s['hidden']) + ')':<26} {'units split (spread ≥ ' + str(SPLIT_LEVEL) + ')':>26} "
          f"{'95% training accuracy':>22}")
    for i, (label, epsilon) in enumerate(zip(result.labels, result.epsilons)):
        name = "He's random start" if label == "he_normal" else "constant + " + label if "exact" not in label \
            else "constant, " + label
        coarse = epsilon is not None and 0 < epsilon < ROUNDING_LEVEL
        print(f"{name:<26} {_span(result.split_at[i], never, coarse):>26} "
              f"{_span(result.learned_at[i], never, coarse):>22}")
    print(f"\nEach factor 10 smaller ε costs about {round(result.epochs_per_decade(), -1):.0f} more epochs before the "
          "units split "
          f"(ε from 1e-2 to 1e-10, median over {s['seeds']} seeds).")
    return result


def plot_split_times(result=None):
    """Row spread of W1 against epochs, one curve per ε (median over seeds), He's start in grey; a StaticFigure."""
    result = result or split_times()
    fig = new_figure(10, 3.6)
    ax = fig.add_subplot(1, 1, 1)
    colors = iter(f"C{i}" for i in range(10))
    for i, label in enumerate(result.labels):
        median = np.median(result.spread[i], axis=0)
        if label == "he_normal":
            ax.plot(result.checked, median, color="0.6", lw=3, label="He's random start")
        elif "exact" in label:
            ax.plot(result.checked, np.full_like(median, 1e-17), color="k", ls=":", label="ε = 0: spread exactly 0")
        else:
            ax.plot(result.checked, median, color=next(colors), lw=1.5, label=label)
    ax.axhline(SPLIT_LEVEL, color="0.3", lw=0.8, ls="--")
    ax.text(result.checked[-1], SPLIT_LEVEL * 1.3, "split", ha="right", va="bottom", fontsize=9, color="0.3")
    ax.set_yscale("log")
    ax.set_ylim(1e-17, 30)
    ax.set_xlabel("epoch")
    ax.set_ylabel("row spread of W1 (weight units)")
    ax.set_title("A constant start moved by ε: the units drift apart, later the smaller ε")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9, frameon=False)
    fig.subplots_adjust(left=0.08, right=0.78, bottom=0.14, top=0.9)
    return fig
