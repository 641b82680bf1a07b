"""Notebook 06 — one hidden layer, one scale knob: saturation, vanishing steps, and overflow.

:func:`scale_run` starts a ``[2, H, 1]`` net from ``N(0, scale²)`` weights and
records what notebook 06 shows: the pre-activations ``Z1`` and slopes
``g'(Z1)`` of the hidden units at the start, the fraction of saturated units,
the size of the first gradient ``dW1``, the loss at step 0 by symlab's
from-logits formula and by the textbook ("naive") formula, and the training
loss curve with its "cold start" plateau. :class:`ScaleFigure` and
:func:`scale_dashboard` show it under a log scale slider.

Sources: saturation and the slow start of sigmoid/tanh nets with large weights —
LeCun et al. 1998, "Efficient BackProp", section 4.6; Glorot & Bengio 2010;
the naive loss is deeplearning.ai's ``compute_loss`` (course 2, week 1,
"Initialization"), which prints ``inf`` for its ``randn * 10`` run.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..checks import check_choice, check_int, check_positive
from ..data import make_dataset
from ..metrics import label_entropy, saturated_fraction
from ..activations import get_activation, sigmoid
from ..mlp import MLP, matmul
from ..train import train


# ----------------------------------------------------------- experiments


#: The data of notebook 06: the circles of notebooks 00-01 (200 points, noise 0.1, seed 0).
DATA = dict(name="circles", m=200, noise=0.1, seed=0)


#: Scales of the sweep figure: 10^-3 … 10^2 in half-decade steps.
SWEEP_SCALES = tuple(float(f"{10 ** (k / 2):.4g}") for k in range(-6, 5))


#: The dashboard slider's grid: 10^-3 … 10^2 in tenth-decade steps (rounded to 4 digits).
SLIDER_SCALES = tuple(float(f"{10 ** (k / 10):.4g}") for k in range(-30, 21))


#: "Has learned": training accuracy at or above this fraction.
LEARNED = 0.9


def naive_cross_entropy(AL, Y):
    """The textbook loss from probabilities, as the deeplearning.ai assignment computes it.

    ``(1/m) · nansum(−y log a − (1 − y) log(1 − a))`` for ``AL``, ``Y`` of shape
    (1, m). Once an output rounds to exactly 1.0 (z above about 37) or 0.0, a
    wrong label gives ``log(0) = −inf`` and the loss is ``inf``, although the true
    loss is finite (about |z| nats for that example). symlab's
    :func:`symlab.cross_entropy` works from the logits instead and stays finite.
    No RuntimeWarning is printed. Returns a float (may be ``inf``).
    """
    AL = np.asarray(AL, dtype=float)
    Y = np.asarray(Y, dtype=float)
    with np.errstate(all="ignore"):
        logprobs = -np.log(AL) * Y - np.log(1 - AL) * (1 - Y)
        return float(np.nansum(logprobs) / AL.shape[1])


@dataclass(frozen=True)
class ScaleRun:
    """A ``[2, H, 1]`` net started from ``N(0, scale²)`` weights, and its training.

    Attributes
    ----------
    settings : dict
        The arguments of :func:`scale_run`.
    Z1 : ndarray (H, m)
        Hidden pre-activations at the start.
    slopes : ndarray (H, m)
        ``g'(Z1)`` at the start (tanh: 1 − a², sigmoid: a(1 − a), ReLU: 0 or 1).
    saturated : float
        :func:`symlab.saturated_fraction` of ``A1`` at the start.
    dW1_norm, W1_norm : float
        Frobenius norms of the first gradient ``dW1`` and of ``W1``.
    loss0, naive_loss0 : float
        Loss (nats) at step 0 from the logits, and by the naive formula (may be inf).
    history : symlab.History
        The training run (full batch).
    epochs_to_learn : int or None
        First epoch whose training accuracy is at least 90% (None: not within the run).
    chance : float
        Label entropy (nats): ln 2 here.
    """

    settings: dict
    Z1: np.ndarray
    slopes: np.ndarray
    saturated: float
    dW1_norm: float
    W1_norm: float
    loss0: float
    naive_loss0: float
    history: object
    epochs_to_learn: int
    chance: float

    @property
    def relative_step(self):
        """``|dW1| / |W1|``: how much one unit-learning-rate step changes W1, relative to its size."""
        return self.dW1_norm / self.W1_norm if self.W1_norm > 0 else float("inf")


def scale_run(scale=1.0, activation="tanh", hidden=32, epochs=500, lr=1.0, seed=0):
    """Start a ``[2, hidden, 1]`` net from ``N(0, scale²)`` weights and train it on circles.

    Parameters
    ----------
    scale : float > 0
        Std of every weight (``init="normal"``); biases start at 0.
    activation : {"tanh", "sigmoid", "relu"}
    hidden : int in [1, 256]
    epochs : int >= 1
        Full-batch steps at learning rate ``lr``.
    lr : float > 0
    seed : int >= 0
        Seeds the weights (the data is fixed: :data:`DATA`).

    Returns
    -------
    ScaleRun (cached: the 64 most recent settings)

    Raises
    ------
    ValueError
        For a scale <= 0 or any other invalid setting, naming it.
    """
    scale = check_positive("scale", scale)
    check_choice("activation", activation, ("tanh", "sigmoid", "relu"))
    hidden = check_int("hidden", hidden, 1, 256)
    epochs = check_int("epochs", epochs)
    lr = check_positive("lr", lr)
    seed = check_int("seed", seed, 0)
    return _scale_run(scale, activation, hidden, epochs, lr, seed)


@lru_cache(maxsize=64)
def _scale_run(scale, activation, hidden, epochs, lr, seed):
    X, Y = make_dataset(**DATA)
    net = MLP([2, hidden, 1], activation=activation, init="normal", scale=scale, seed=seed)
    AL, cache = net.forward(X)
    grads = net.backward(cache, Y)
    A1 = cache["A1"]
    W1_norm = float(np.linalg.norm(net.params["W1"]))  # before training changes it
    history = train(net, X, Y, epochs=epochs, lr=lr)
    reached = np.flatnonzero(history.accuracy >= LEARNED)
    settings = dict(scale=scale, activation=activation, hidden=hidden, epochs=epochs, lr=lr, seed=seed)
    return ScaleRun(settings, cache["Z1"], net.g_prime(A1), saturated_fraction(A1, activation),
                    float(np.linalg.norm(grads["dW1"])), W1_norm, float(history.loss[0]),
                    naive_cross_entropy(AL, Y), history, int(reached[0]) if reached.size else None,
                    label_entropy(Y))


def scale_sweep(activation="tanh", scales=SWEEP_SCALES, **settings):
    """:func:`scale_run` over ``scales``; returns a dict of arrays, one entry per scale.

    Keys: ``scale``, ``saturated``, ``mean_slope`` (mean g'(Z1)), ``dW1_norm``,
    ``relative_step``, ``loss0``, ``naive_loss0``, ``epochs_to_learn`` (NaN where
    not reached), ``final_loss``.
    """
    runs = [scale_run(scale, activation, **settings) for scale in scales]
    return dict(
        scale=np.array(scales, dtype=float),
        saturated=np.array([r.saturated for r in runs]),
        mean_slope=np.array([float(r.slopes.mean()) for r in runs]),
        dW1_norm=np.array([r.dW1_norm for r in runs]),
        relative_step=np.array([r.relative_step for r in runs]),
        loss0=np.array([r.loss0 for r in runs]),
        naive_loss0=np.array([r.naive_loss0 for r in runs]),
        epochs_to_learn=np.array([np.nan if r.epochs_to_learn is None else r.epochs_to_learn for r in runs]),
        final_loss=np.array([r.history.final_loss for r in runs]),
    )


def first_naive_overflow(activation="tanh", scales=SLIDER_SCALES, **settings):
    """The smallest scale in ``scales`` whose naive loss at step 0 is inf (None if none).

    Only the initial forward pass is needed, so no training is done.
    """
    X, Y = make_dataset(**DATA)
    hidden = settings.get("hidden", 32)
    seed = settings.get("seed", 0)
    for scale in scales:
        net = MLP([2, hidden, 1], activation=activation, init="normal", scale=scale, seed=seed)
        AL, _ = net.forward(X)
        if np.isinf(naive_cross_entropy(AL, Y)):
            return scale
    return None


#: Bounds of the "epochs to 90%" column: a run that learns within 20 epochs prints "≤ 20", and so on.
#: Coarse on purpose: at large scales the exact epoch depends on rounding (tanh at scale 31.62 needs
#: 178 epochs on one machine and 187 on another), while the bucket holds everywhere.
EPOCH_BUCKETS = (20, 50, 100, 200, 500)


def epoch_bucket(epochs, limit):
    """``"≤ b"`` for the smallest bound b of :data:`EPOCH_BUCKETS` >= ``epochs``; ``"> limit"`` for NaN/None."""
    if epochs is None or not np.isfinite(epochs):
        return f"> {limit}"
    return f"≤ {next(b for b in EPOCH_BUCKETS if epochs <= b)}"


def print_sweep(activation="tanh", scales=SWEEP_SCALES, **settings):
    """Print the sweep of :func:`scale_sweep` as a table (one row per scale); returns the dict."""
    sweep = scale_sweep(activation, scales, **settings)
    epochs = scale_run(scales[0], activation, **settings).settings["epochs"]
    print(f"{activation + ':':<8} {'scale':>8} {'saturated':>9} {'mean g′':>8} {'|dW1|':>9} {'|dW1|/|W1|':>10} "
          f"{'loss@0':>9} {'naive@0':>8} {'epochs to 90%':>13}")
    for i, scale in enumerate(sweep["scale"]):
        reach = epoch_bucket(sweep["epochs_to_learn"][i], epochs)
        print(f"{'':<8} {scale:>8g} {sweep['saturated'][i]:>9.1%} {sweep['mean_slope'][i]:>8.3f} "
              f"{sweep['dW1_norm'][i]:>9.2e} {sweep['relative_step'][i]:>10.2e} {sweep['loss0'][i]:>9.3g} "
              f"{sweep['naive_loss0'][i]:>8.3g} {reach:>13}")
    return sweep


#: Scales of the seed sweep, per activation: the sweep's scales from the first at which seed 0's net
#: leaves the cold-start plateau within 500 epochs (tanh 0.1, sigmoid 0.3162, ReLU 0.001) up to 100.
#: Below them the sweep's tables print "> 500"; at the large end the time to learn is a chaotic
#: function of the start, so it is counted over seeds.
SEED_SCALES = {"tanh": SWEEP_SCALES[4:], "sigmoid": SWEEP_SCALES[5:], "relu": SWEEP_SCALES}


#: Seeds of the seed sweep: 20 starts per scale (a chaotic run is stated as a rate over seeds).
SEEDS = tuple(range(20))


@lru_cache(maxsize=8)
def _seed_sweep(activation, scales, seeds, hidden, epochs, lr):
    X, Y = make_dataset(**DATA)
    m = X.shape[1]
    g, g_prime = get_activation(activation)
    nets = [MLP([2, hidden, 1], activation=activation, init="normal", scale=s, seed=seed)
            for s in scales for seed in seeds]
    W1, b1, W2, b2 = (np.stack([net.params[k] for net in nets]) for k in ("W1", "b1", "W2", "b2"))
    W1_norm = np.linalg.norm(W1, axis=(1, 2))
    reached = np.full(len(nets), np.nan)
    relative_step = None
    active = np.arange(len(nets))  # nets not yet at 90%: only they are trained on (same steps as symlab.train)
    with np.errstate(all="ignore"):
        for epoch in range(epochs):
            A1 = g(matmul(W1, X) + b1)
            AL = sigmoid(matmul(W2, A1) + b2)
            learned = np.mean((AL > 0.5) == Y, axis=(1, 2)) >= LEARNED
            dZ2 = AL - Y
            dW2 = matmul(dZ2, np.swapaxes(A1, 1, 2)) / m
            db2 = np.sum(dZ2, axis=2, keepdims=True) / m
            # W2ᵀ dZ2 has one term per entry (one output unit): the outer product, exactly as matmul computes it
            dZ1 = (np.swapaxes(W2, 1, 2) * dZ2) * g_prime(A1)
            dW1 = matmul(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=2, keepdims=True) / m
            if epoch == 0:
                relative_step = np.linalg.norm(dW1, axis=(1, 2)) / W1_norm
            reached[active[learned]] = epoch
            keep = ~learned
            active = active[keep]
            if active.size == 0:
                break
            W1, b1 = W1[keep] - lr * dW1[keep], b1[keep] - lr * db1[keep]
            W2, b2 = W2[keep] - lr * dW2[keep], b2[keep] - lr * db2[keep]
    shape = (len(scales), len(seeds))
    return dict(scale=np.array(scales, dtype=float), seeds=np.array(seeds),
                epochs_to_learn=reached.reshape(shape), relative_step=relative_step.reshape(shape))


def seed_sweep(activation="tanh", scales=None, seeds=SEEDS, hidden=32, epochs=500, lr=1.0):
    """Epochs to 90% training accuracy and the first relative step, for every scale × seed.

    The net, data and training are those of :func:`scale_run` (``[2, hidden, 1]``,
    ``N(0, scale²)`` weights, biases 0, full-batch steps at ``lr``), for each seed in
    ``seeds``; all nets train together, one batched product per layer, and a net
    stops training once it reaches 90%.

    ``scales`` defaults to :data:`SEED_SCALES` of the activation. Returns a dict
    (cached): ``scale`` (S,), ``seeds`` (K,), ``epochs_to_learn``
    (S, K), the first epoch at or above 90% training accuracy (NaN: not within
    ``epochs``), and ``relative_step`` (S, K), ``|dW1| / |W1|`` at step 0.
    Raises ValueError for an invalid setting, naming it.
    """
    check_choice("activation", activation, ("tanh", "sigmoid", "relu"))
    scales = tuple(check_positive("scale", float(s)) for s in (SEED_SCALES[activation] if scales is None else scales))
    seeds = tuple(check_int("seed", int(s), 0) for s in seeds)
    if not scales or not seeds:
        raise ValueError(f"scales={scales!r} and seeds={seeds!r} must each hold at least one value")
    return _seed_sweep(activation, scales, seeds, check_int("hidden", hidden, 1, 256), check_int("epochs", epochs),
                       check_positive("lr", lr))


def print_seed_sweep(activation="tanh", scales=None, seeds=SEEDS, within=(50, 100), **settings):
    """Print :func:`seed_sweep` as a table: per scale, how many seeds reach 90% within each bound; returns the dict.

    Columns: the number of seeds (of K) at 90% training accuracy within each epoch
    bound of ``within`` and within all the epochs, and the median ``|dW1|/|W1|`` at
    step 0. Counts, not one seed's epoch: at large scales the epoch of a single
    seed differs from one CPU to the next (the bounds are far from every seed's epoch
    here on every CPU tried; ``tests/test_scale_and_convex_claims.py``).
    """
    sweep = seed_sweep(activation, scales, seeds, **settings)
    epochs = settings.get("epochs", 500)
    K = len(sweep["seeds"])
    bounds = (*within, epochs)
    print(f"{activation + ':':<8} {'scale':>8} " + " ".join(f"{'≤ ' + str(b):>7}" for b in bounds)
          + f"  {'median |dW1|/|W1|':>17}   (of {K} seeds, how many reach 90% within … epochs)")
    for scale, reached, rel in zip(sweep["scale"], sweep["epochs_to_learn"], sweep["relative_step"]):
        counts = " ".join(f"{f'{int(np.sum(reached <= b))}/{K}':>7}" for b in bounds)
        print(f"{'':<8} {scale:>8g} {counts}  {np.median(rel):>17.1e}")
    window = every_seed_learns(sweep)
    print(f"{'':<8} every one of the {K} seeds reaches 90% within {epochs} epochs "
          + (f"at every scale from {window[0]:g} to {window[1]:g}" if window else "at no scale"))
    return sweep


def print_step_ratio(activation="tanh", good=1.0, large=31.62, **settings):
    """Print how much smaller the first relative step ``|dW1|/|W1|`` is at scale ``large`` than at ``good``.

    Over the seeds of :func:`seed_sweep` (both scales must be in its ``scales``):
    the ratio of the medians, and the range of the ratio seed by seed (seed k at
    both scales). Step 0 only, so no chaos: the digits printed hold on every CPU.
    Returns a dict (``median_good``, ``median_large``, ``ratio``, ``per_seed`` (K,)).
    """
    sweep = seed_sweep(activation, **settings)
    rows = [int(np.flatnonzero(sweep["scale"] == s)[0]) for s in (good, large)]
    at_good, at_large = sweep["relative_step"][rows[0]], sweep["relative_step"][rows[1]]
    result = dict(median_good=float(np.median(at_good)), median_large=float(np.median(at_large)),
                  per_seed=at_good / at_large)
    result["ratio"] = result["median_good"] / result["median_large"]
    print(f"{activation}, median |dW1|/|W1| over {len(at_good)} seeds: {result['median_good']:.1e} at scale {good:g}, "
          f"{result['median_large']:.1e} at scale {large:g}: {result['ratio']:.0f} times smaller")
    print(f"  seed by seed (the same seed at both scales): {result['per_seed'].min():.0f} to "
          f"{result['per_seed'].max():.0f} times smaller")
    return result


def every_seed_learns(sweep):
    """``(lowest, highest)`` scale of the widest run of consecutive scales in ``sweep`` where every seed
    reaches 90% (None if no scale does)."""
    ok = np.all(~np.isnan(sweep["epochs_to_learn"]), axis=1)
    best, start = None, None
    for i, good in enumerate([*ok, False]):
        if good and start is None:
            start = i
        elif not good and start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return None if best is None else (float(sweep["scale"][best[0]]), float(sweep["scale"][best[1] - 1]))


def overflow_report(scale=31.62, activation="tanh", hidden=32, seed=0):
    """Print why the naive loss is inf at step 0 for this scale, and symlab's finite loss; returns a dict.

    Counts the outputs ``σ(z)`` that round to exactly 1.0 (z ≳ 36.7) or 0.0
    (z ≲ −745) in float64, and how many of those carry the opposite label: each
    such example contributes ``−log(0) = inf`` to the naive formula, and about
    ``|z|`` nats to the true loss.
    """
    X, Y = make_dataset(**DATA)
    net = MLP([2, hidden, 1], activation=activation, init="normal", scale=scale, seed=seed)
    AL, cache = net.forward(X)
    Z2 = cache["Z2"]
    rounded = (AL == 1.0) | (AL == 0.0)
    wrong = rounded & (AL != Y)
    report = dict(max_abs_z=float(np.abs(Z2).max()), rounded=int(rounded.sum()), wrong=int(wrong.sum()),
                  naive=naive_cross_entropy(AL, Y), symlab=float(net.loss(X, Y)),
                  worst_example=float(np.max(np.abs(Z2[wrong]))) if wrong.any() else 0.0)
    print(f"scale {scale:g}, {activation}: largest |Z2| = {report['max_abs_z']:.1f}; "
          f"{report['rounded']} of {Y.shape[1]} outputs are exactly 0.0 or 1.0, "
          f"{report['wrong']} of them with the other label")
    print(f"  naive loss = {report['naive']:.4g}   symlab's loss from logits = {report['symlab']:.2f} nats")
    return report


# ------------------------------------------------------- figures and app


