"""Notebook 08 — Many random starts: where gradient descent ends, and how often it succeeds.

Gradient descent is greedy: it walks downhill from wherever it starts and stops
in the first minimum (or flat region) it reaches. This module measures that.

* :func:`bumpy_loss`, :func:`descend_1d` — a 1-D non-convex loss with several
  minima and plain gradient descent from many starts at once.
* :func:`xor_restarts`, :func:`best_of_k` — success rates of a 2-H-1 XOR net over
  many seeds, and of "restart k times, keep the lowest loss".

Sources: the restart strategy and its success rate 1 − (1 − p)^k are textbook
(e.g. Goodfellow, Bengio & Courville, *Deep Learning*, 2016, section 8.2 on local
minima); Hamey (1998), "XOR has no local minima", Neural Networks 11(4), shows
that failures of the 2-2-1 XOR net are plateaus and saddles, not strict local
minima — which is why :func:`xor_restarts` reports whether longer training
rescues the failed runs.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..checks import check_choice, check_int, check_positive, check_scale
from ..init import SCHEMES
from ..mlp import MLP
from ..train import train_many


# ------------------------------------------------------- a 1-D landscape


def bumpy_loss(w):
    """A 1-D non-convex loss ``L(w) = 0.1·w² + sin(2w)`` (element-wise on any array).

    Gradient descent from [−6, 6] ends in one of five minima: the global one at
    w ≈ −0.75 (L ≈ −0.94) and local ones at w ≈ 2.24, −3.74, 5.22 and −6.70
    (:func:`bumpy_minima` finds them).
    Unitless: a toy curve, not a network.
    """
    w = np.asarray(w, dtype=float)
    return 0.1 * w ** 2 + np.sin(2 * w)


def bumpy_grad(w):
    """dL/dw of :func:`bumpy_loss`: ``0.2·w + 2·cos(2w)``."""
    w = np.asarray(w, dtype=float)
    return 0.2 * w + 2 * np.cos(2 * w)


def bumpy_minima(low=-6.0, high=6.0):
    """The minima of :func:`bumpy_loss` in [low, high], sorted by w.

    Found by gradient descent from a fine grid of starts (step 0.05, 4,000 steps,
    which converges to 1e-10), with duplicates merged. Returns an array of w.
    """
    ends = descend_1d(np.arange(low, high + 1e-9, 0.01), lr=0.05, steps=4000)[-1]
    ends = np.unique(np.round(ends, 6))
    keep = [ends[0]]
    for w in ends[1:]:
        if w - keep[-1] > 1e-3:
            keep.append(w)
    return np.array(keep)


def descend_1d(starts, lr=0.05, steps=300):
    """Plain gradient descent on :func:`bumpy_loss` from every start at once.

    Parameters
    ----------
    starts : array (n,)
        Starting points w₀.
    lr : float > 0
        Step size: ``w ← w − lr · dL/dw``.
    steps : int >= 1

    Returns
    -------
    path : ndarray (steps + 1, n)
        ``path[t]`` = every run's w after t steps (``path[0] = starts``).
    """
    lr = check_positive("lr", lr)
    steps = check_int("steps", steps)
    w = np.asarray(starts, dtype=float).copy()
    path = np.empty((steps + 1, w.size))
    path[0] = w
    for t in range(1, steps + 1):
        w = w - lr * bumpy_grad(w)
        path[t] = w
    return path


@dataclass(frozen=True)
class BumpyRestarts:
    """Gradient descent on :func:`bumpy_loss` from many random starts.

    Attributes
    ----------
    starts : ndarray (n,)
        Uniform in [−6, 6].
    path : ndarray (steps + 1, n)
        Every run's w after each step.
    minima : ndarray (k,)
        All minima the runs can reach (:func:`bumpy_minima`), sorted by w.
    ends_at : ndarray (n,) of int
        Index into ``minima`` of where each run ended.
    """

    starts: np.ndarray
    path: np.ndarray
    minima: np.ndarray
    ends_at: np.ndarray

    @property
    def global_index(self):
        """Index into ``minima`` of the lowest one."""
        return int(np.argmin(bumpy_loss(self.minima)))

    @property
    def global_fraction(self):
        """Fraction of starts that end in the global minimum."""
        return float(np.mean(self.ends_at == self.global_index))


def bumpy_restarts(n=200, seed=0, lr=0.05, steps=300):
    """Start gradient descent on :func:`bumpy_loss` from ``n`` points drawn uniform in [−6, 6].

    ``np.random.default_rng(seed)`` draws the starts. Returns :class:`BumpyRestarts`.
    """
    n = check_int("n", n, 1, 100000)
    seed = check_int("seed", seed, 0)
    starts = np.random.default_rng(seed).uniform(-6.0, 6.0, n)
    path = descend_1d(starts, lr, steps)
    minima = bumpy_minima()
    return BumpyRestarts(starts, path, minima, nearest_minimum(path[-1], minima))


def nearest_minimum(ends, minima):
    """Index into ``minima`` of the minimum each end point is closest to (array of int)."""
    ends = np.asarray(ends, dtype=float)
    return np.argmin(np.abs(ends[:, None] - np.asarray(minima)[None, :]), axis=1)


# ------------------------------------------------------------------- XOR


#: The four XOR points as columns (inputs ±1) and their labels: 1 where the signs differ.
XOR_X = np.array([[-1.0, -1.0, 1.0, 1.0], [-1.0, 1.0, -1.0, 1.0]])


XOR_Y = np.array([[0.0, 1.0, 1.0, 0.0]])


@dataclass(frozen=True)
class RestartResult:
    """Many seeds of one XOR setting, trained with :func:`train_many`.

    Attributes
    ----------
    settings : dict
        The arguments of :func:`xor_restarts`.
    final_loss : ndarray (S,)
        Cross-entropy (nats) after training, one per seed (NaN if diverged).
    solved : ndarray (S,) of bool
        All four points classified correctly after ``epochs`` steps.
    loss : ndarray (S, epochs)
        The loss curves.
    solved_later : ndarray (S,) of bool
        Solved after ``epochs + extra_epochs`` steps (the failed runs trained on).
    """

    settings: dict
    final_loss: np.ndarray
    solved: np.ndarray
    loss: np.ndarray
    solved_later: np.ndarray

    @property
    def success_rate(self):
        """Fraction of seeds that solved XOR within ``epochs`` steps."""
        return float(np.mean(self.solved))


def xor_restarts(hidden=2, seeds=200, activation="tanh", init="xavier_normal", scale=1.0, lr=0.5,
                 epochs=2000, extra_epochs=0):
    """Train a ``[2, hidden, 1]`` net on the four XOR points from seeds 0 … seeds−1.

    Parameters
    ----------
    hidden : int in [1, 256]
        Hidden units H.
    seeds : int in [1, 10000]
        Number of random starts (``MLP(..., seed=s)`` for s = 0 … seeds−1).
    activation, init, scale
        Hidden activation and initialisation (see :class:`symlab.MLP`).
    lr : float > 0
        Learning rate of full-batch gradient descent.
    epochs : int >= 1
        Steps after which "solved" is judged.
    extra_epochs : int >= 0
        Further steps given to every run, to see whether failures are only slow
        (``solved_later``).

    Returns
    -------
    RestartResult (cached: the same arguments return the same object)
    """
    hidden = check_int("hidden", hidden, 1, 256)
    seeds = check_int("seeds", seeds, 1, 10000)
    check_choice("activation", activation, ("sigmoid", "tanh", "relu", "linear"))
    check_choice("init", init, SCHEMES)
    scale = check_scale("scale", scale)
    lr = check_positive("lr", lr)
    epochs = check_int("epochs", epochs)
    extra_epochs = check_int("extra_epochs", extra_epochs, 0)
    return _xor_restarts(hidden, seeds, activation, init, scale, lr, epochs, extra_epochs)


@lru_cache(maxsize=64)
def _xor_restarts(hidden, seeds, activation, init, scale, lr, epochs, extra_epochs):
    nets = [MLP([2, hidden, 1], activation=activation, init=init, scale=scale, seed=s) for s in range(seeds)]
    history = train_many(nets, XOR_X, XOR_Y, epochs=epochs, lr=lr)
    solved = history.final_accuracy == 1.0
    solved_later = solved.copy()
    if extra_epochs:
        later = train_many(nets, XOR_X, XOR_Y, epochs=extra_epochs, lr=lr)
        solved_later = later.final_accuracy == 1.0
    settings = dict(hidden=hidden, seeds=seeds, activation=activation, init=init, scale=scale, lr=lr,
                    epochs=epochs, extra_epochs=extra_epochs)
    return RestartResult(settings, history.final_loss, solved, history.loss, solved_later)


def best_of_k(final_loss, solved, k):
    """Success rate of "run k seeds, keep the one with the lowest final loss".

    The S runs are split, in seed order, into ⌊S / k⌋ disjoint groups of k; a
    group succeeds if its lowest-loss run solved the task. Returns
    ``(measured, predicted)``: the fraction of successful groups, and
    1 − (1 − p)^k with p the single-run success rate (what independent restarts
    predict when the lowest loss always picks a success if there is one).
    """
    final_loss = np.asarray(final_loss, dtype=float)
    solved = np.asarray(solved, dtype=bool)
    k = check_int("k", k, 1, len(final_loss))
    groups = len(final_loss) // k
    losses = np.where(np.isfinite(final_loss), final_loss, np.inf)[:groups * k].reshape(groups, k)
    picked = np.argmin(losses, axis=1)
    measured = float(np.mean(solved[:groups * k].reshape(groups, k)[np.arange(groups), picked]))
    p = float(np.mean(solved))
    return measured, 1.0 - (1.0 - p) ** k


@dataclass(frozen=True)
class FailureAnatomy:
    """What the failed XOR runs of :func:`xor_restarts` do along their training (see :func:`failure_anatomy`).

    Attributes
    ----------
    seeds : ndarray (F,)
        The seeds that failed within the run's ``epochs``.
    checks : tuple of int
        Epochs at which each run was measured.
    loss, weight_norm, grad_norm, hessian_min, hessian_max : ndarray (F, len(checks))
        Per failed seed and check: the loss (nats), ``|θ|`` (all weights and biases), the gradient's
        norm, and the smallest and largest eigenvalue of the loss's Hessian (:func:`symlab.hessian`).
    """

    seeds: np.ndarray
    checks: tuple
    loss: np.ndarray
    weight_norm: np.ndarray
    grad_norm: np.ndarray
    hessian_min: np.ndarray
    hessian_max: np.ndarray


def failure_anatomy(hidden=2, checks=(0, 100, 500, 2000, 10000), **settings):
    """Follow every seed that failed in :func:`xor_restarts` and measure where it is going.

    The failed nets are retrained in lockstep (:func:`symlab.train_many`) and measured at each epoch
    of ``checks``: loss, weight norm, gradient norm, and the extreme eigenvalues of the Hessian. A
    saddle shows a negative eigenvalue; a strict local minimum a positive one with a gradient that
    vanishes at finite weights. ``settings`` go to :func:`xor_restarts`. Cached.
    """
    result = xor_restarts(hidden=hidden, **settings)
    s = result.settings
    return _failure_anatomy(hidden, tuple(checks), s["activation"], s["init"], s["scale"], s["lr"],
                            tuple(np.flatnonzero(~result.solved)))


@lru_cache(maxsize=8)
def _failure_anatomy(hidden, checks, activation, init, scale, lr, seeds):
    from ..gradcheck import hessian

    nets = [MLP([2, hidden, 1], activation=activation, init=init, scale=scale, seed=int(seed)) for seed in seeds]
    shape = (len(nets), len(checks))
    loss, weights, grads, low, high = (np.empty(shape) for _ in range(5))
    done = 0
    for k, epoch in enumerate(checks):
        if epoch > done:
            train_many(nets, XOR_X, XOR_Y, epochs=epoch - done, lr=lr)
            done = epoch
        for i, net in enumerate(nets):
            _, cache = net.forward(XOR_X)
            g = net.backward(cache, XOR_Y)
            eigenvalues = np.linalg.eigvalsh(hessian(net, XOR_X, XOR_Y))
            loss[i, k] = net.loss(XOR_X, XOR_Y)
            weights[i, k] = np.sqrt(sum(np.sum(P ** 2) for P in net.params.values()))
            grads[i, k] = np.sqrt(sum(np.sum(g["d" + key] ** 2) for key in net.params))
            low[i, k], high[i, k] = eigenvalues[0], eigenvalues[-1]
    return FailureAnatomy(np.array(seeds), checks, loss, weights, grads, low, high)


def print_failure_anatomy(anatomy=None):
    """Print the medians over the failed runs of :func:`failure_anatomy` at each check; returns it."""
    a = anatomy or failure_anatomy()
    half = math.log(2) / 2
    print(f"{len(a.seeds)} failed runs, medians at each epoch:")
    print(f"{'epoch':>6} {'loss − (ln 2)/2':>16} {'|θ|':>6} {'|gradient|':>11} {'smallest Hessian eigenvalue':>28} "
          f"{'negative in':>12}")
    for k, epoch in enumerate(a.checks):
        negative = int(np.sum(a.hessian_min[:, k] < 0))
        print(f"{epoch:>6} {np.median(a.loss[:, k]) - half:>16.1e} {np.median(a.weight_norm[:, k]):>6.1f} "
              f"{np.median(a.grad_norm[:, k]):>11.1e} {np.median(a.hessian_min[:, k]):>28.1e} "
              f"{negative:>5} of {len(a.seeds)}")
    return a


@dataclass(frozen=True)
class StartCurvature:
    """Where every seed of :func:`xor_restarts` starts (see :func:`start_curvature`), arrays of shape (S,):
    ``solved`` (bool: the run solved XOR within its ``epochs``), ``grad_norm`` (norm of the loss gradient
    over all weights and biases at the start), ``hessian_min`` (smallest eigenvalue of the loss's Hessian,
    :func:`symlab.hessian`, at the start)."""

    solved: np.ndarray
    grad_norm: np.ndarray
    hessian_min: np.ndarray


def start_curvature(hidden=2, **settings):
    """Gradient norm and smallest Hessian eigenvalue at the start of every seed of :func:`xor_restarts`.

    A negative eigenvalue means the loss curves down in some direction there; with a gradient that is
    not near 0 the start is not a critical point, so not a saddle. ``settings`` go to
    :func:`xor_restarts`. Cached. Returns a :class:`StartCurvature`.
    """
    result = xor_restarts(hidden=hidden, **settings)
    s = result.settings
    return _start_curvature(hidden, s["seeds"], s["activation"], s["init"], s["scale"], tuple(result.solved))


@lru_cache(maxsize=8)
def _start_curvature(hidden, seeds, activation, init, scale, solved):
    from ..gradcheck import hessian

    grads, low = np.empty(seeds), np.empty(seeds)
    for seed in range(seeds):
        net = MLP([2, hidden, 1], activation=activation, init=init, scale=scale, seed=seed)
        _, cache = net.forward(XOR_X)
        g = net.backward(cache, XOR_Y)
        grads[seed] = np.sqrt(sum(np.sum(g["d" + key] ** 2) for key in net.params))
        low[seed] = np.linalg.eigvalsh(hessian(net, XOR_X, XOR_Y))[0]
    return StartCurvature(np.array(solved), grads, low)


def print_start_curvature(curvature=None):
    """Print, for the solved and the failed seeds, how many start with a negative Hessian eigenvalue
    and the median gradient norm at the start; returns the :class:`StartCurvature`."""
    c = curvature or start_curvature()
    print(f"{'runs':<8} {'seeds':>5} {'negative eigenvalue at the start':>33} {'median |gradient| at the start':>31}")
    for name, group in (("solved", c.solved), ("failed", ~c.solved), ("all", np.ones_like(c.solved))):
        negative = int(np.sum(c.hessian_min[group] < 0))
        print(f"{name:<8} {int(group.sum()):>5} {negative:>19} of {int(group.sum()):<3} ({negative / group.sum():>4.0%})"
              f" {np.median(c.grad_norm[group]):>31.2f}")
    return c


# -------------------------------------------------------- printed tables


def print_xor_table(results):
    """One line per :class:`RestartResult`: width, setting, seeds solved, and solved after extra training."""
    print(f"{'H':>3} {'init':<16} {'solved within ' + str(results[0].settings['epochs']) + ' steps':>24} "
          f"{'median final loss':>18} {'solved after more steps':>24}")
    for r in results:
        s = r.settings
        name = s["init"] if s["scale"] == 1.0 and s["init"] not in ("normal", "constant") else \
            f"{s['init']} × {s['scale']:g}"
        later = (f"{int(r.solved_later.sum())}/{s['seeds']} (+{s['extra_epochs']})" if s["extra_epochs"] else "-")
        print(f"{s['hidden']:>3} {name:<16} {int(r.solved.sum()):>14}/{s['seeds']:<3} = {r.success_rate:>4.0%} "
              f"{np.nanmedian(r.final_loss):>18.4f} {later:>24}")


def print_best_of_k(result, ks):
    """Measured and predicted success of best-of-k for each k in ``ks``; returns ``(measured, predicted)`` lists."""
    measured, predicted = [], []
    print(f"{'k':>3} {'groups':>6} {'measured':>9} {'1-(1-p)^k':>10}")
    for k in ks:
        got, expected = best_of_k(result.final_loss, result.solved, k)
        measured.append(got)
        predicted.append(expected)
        print(f"{k:>3} {len(result.final_loss) // k:>6} {got:>9.3f} {expected:>10.3f}")
    return measured, predicted


def print_bumpy(result):
    """One line per minimum of a :class:`BumpyRestarts`: where, how low, how many runs end there."""
    counts = np.bincount(result.ends_at, minlength=len(result.minima))
    print(f"{'minimum at w':>12} {'L(w)':>7} {'runs ending here':>17}")
    for j, w in enumerate(result.minima):
        mark = "  <- global minimum" if j == result.global_index else ""
        print(f"{w:>12.3f} {bumpy_loss(w):>7.3f} {counts[j]:>8} = {counts[j] / len(result.starts):>5.1%}{mark}")


# --------------------------------------------------------------- figures


