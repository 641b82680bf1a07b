"""Notebook 07, section 3½ — the depth dashboard's measurements: one pass forward and back through a
deep stack, per layer, as the live dashboard (:mod:`symlab.lab.depth_figures`) draws it.

:func:`depth_signal` pushes N(0, 1) inputs through ``depth`` layers and back from a fixed loss, and
measures each layer's activations ``A[l]``, the gradient ``dA[l]`` reaching it and ``dW[l]``: their
stds, histograms of log10 |value|, and what the variance argument (:mod:`symlab.lab.depth`'s
docstring) predicts. :func:`print_depth_cases` prints the notebook's "predict first" answers.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..activations import get_activation
from ..checks import check_choice, check_int, check_scale
from ..init import SCHEMES, init_std, initialize
from ._blas import one_blas_thread
from .depth import stack_label


#: Examples pushed through the depth dashboard's stack: 32 columns × width units per layer is enough for
#: its histograms and stds (16,384 entries at width 512) and keeps a new setting fast at 30 × 512
DASHBOARD_EXAMPLES = 32
#: Rows of dW[l] the dashboard computes (its std and histogram come from these rows' width entries each)
DW_ROWS = 64
#: Bins of log10 |value| for the per-layer histograms: 10^-12 … 10^12 in steps of half a decade
LOG_BINS = np.arange(-12.0, 12.01, 0.5)


@lru_cache(maxsize=4)
def unit_weights(scheme, width, seed, depth=30):
    """The weights of a ``depth``-layer stack of ``width`` units drawn at scale 1, shape
    (depth, width, width), with ``np.random.default_rng(seed)`` (cached: a new scale, depth or activation
    only rescales or slices them; every scheme's weights are proportional to its scale)."""
    rng = np.random.default_rng(seed)
    return np.stack([initialize(scheme, (width, width), 1.0, rng) for _ in range(depth)])


@dataclass(frozen=True)
class DepthSignal:
    """One pass forward and back through a deep stack, per layer l = 1 … depth (see :func:`depth_signal`).

    Attributes
    ----------
    settings : dict
    act_std, dA_std, dW_std : ndarray (depth,)
        Std of ``A[l]`` over all entries, of the gradient ``dA[l]`` reaching layer l from the loss, and of
        ``dW[l]`` (over its first :data:`DW_ROWS` rows).
    predicted_act_std, predicted_dA_std, predicted_dW_std : ndarray (depth,)
        What the variance argument predicts (:func:`layer_factor`): each layer multiplies the activations'
        std by the factor going up (from layer 1's), and the gradient's by the same factor going down
        (from layer ``depth``'s); so ``dW[l]``, the product of the two, is the same at every layer.
    W_std : float
        Std of one weight: ``dW_std / W_std`` is how much a step of learning rate 1 moves the weights.
    act_hist, dW_hist : ndarray (depth, bins)
        Fractions of entries per bin of log10 |value| (:data:`LOG_BINS`); exact zeros counted in the
        lowest bin.
    input_std : float
    """

    settings: dict
    act_std: np.ndarray
    dA_std: np.ndarray
    dW_std: np.ndarray
    predicted_act_std: np.ndarray
    predicted_dA_std: np.ndarray
    predicted_dW_std: np.ndarray
    W_std: float
    act_hist: np.ndarray
    dW_hist: np.ndarray
    input_std: float


def _log_hist(values):
    """Fractions of ``values`` per bin of log10 |value| (:data:`LOG_BINS`): zeros and values below the first
    edge in the first bin, values above the last edge and inf/NaN (overflow) in the last."""
    magnitudes = np.abs(values.ravel())
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log10(np.where(magnitudes > 0, magnitudes, 10.0 ** LOG_BINS[0]))
    logs = np.nan_to_num(logs, nan=LOG_BINS[-1], posinf=LOG_BINS[-1])
    bins = len(LOG_BINS) - 1
    index = np.clip(((logs - LOG_BINS[0]) / (LOG_BINS[1] - LOG_BINS[0])).astype(int), 0, bins - 1)  # no sort
    return np.bincount(index, minlength=bins) / max(1, magnitudes.size)


#: Variance gain of each activation near 0 (E[g(z)²] / Var(z) for small z; ReLU halves it exactly)
GAIN = {"tanh": 1.0, "linear": 1.0, "relu": 0.5, "sigmoid": 1 / 16}


def depth_signal(scheme="xavier_normal", scale=1.0, depth=10, width=256, activation="tanh", seed=0):
    """Push N(0, 1) inputs through ``depth`` layers of ``width`` units and back; measure every layer.

    ``X`` (width, :data:`DASHBOARD_EXAMPLES`) has N(0, 1) entries; ``W[l]`` = ``scale`` × the scheme's
    weights (:func:`unit_weights`), no biases, ``A[l] = g(W[l] A[l-1])``. Backward from the fixed loss
    ``L = mean(R ⊙ A[depth])`` with R ~ N(0, 1): ``dZ[l] = dA[l] ⊙ g′(Z[l])``, ``dW[l] = dZ[l] A[l-1]ᵀ``,
    ``dA[l-1] = W[l]ᵀ dZ[l]`` (Glorot & Bengio 2010's picture; CS231n's forward one). A picture for the
    dashboard, computed with BLAS; notebook 07's printed tables come from :func:`deep_stack`.

    Returns a :class:`DepthSignal` (values that overflow are inf/NaN and show as "exploded").
    Raises ``ValueError`` for an unknown scheme or activation, depth outside 1 … 30, width outside 16 … 512.
    """
    check_choice("scheme", scheme, SCHEMES)
    scale = check_scale("scale", scale)
    depth = check_int("depth", depth, 1, 30)
    width = check_int("width", width, 16, 512)
    check_choice("activation", activation, tuple(GAIN))
    seed = check_int("seed", seed, 0)
    g, g_prime = get_activation(activation)
    rng = np.random.default_rng(seed + 1)
    X = rng.standard_normal((width, DASHBOARD_EXAMPLES))
    R = rng.standard_normal((width, DASHBOARD_EXAMPLES))
    Ws = unit_weights(scheme, width, seed)[:depth] * scale
    act_std, dA_std, dW_std = np.empty(depth), np.empty(depth), np.empty(depth)
    act_hist, dW_hist = np.empty((depth, len(LOG_BINS) - 1)), np.empty((depth, len(LOG_BINS) - 1))
    with np.errstate(all="ignore"), one_blas_thread():  # one thread: the same sums on every machine, no spinning
        acts = [X]
        for l in range(depth):
            acts.append(g(Ws[l] @ acts[-1]))
            act_std[l] = float(np.std(acts[-1], dtype=np.float64))
            act_hist[l] = _log_hist(acts[-1])
        dA = R / DASHBOARD_EXAMPLES
        for l in range(depth, 0, -1):
            dA_std[l - 1] = float(np.std(dA))
            dZ = dA * g_prime(acts[l])
            dW = dZ[:DW_ROWS] @ acts[l - 1].T
            dW_std[l - 1] = float(np.std(dW, dtype=np.float64))
            dW_hist[l - 1] = _log_hist(dW)
            dA = Ws[l - 1].T @ dZ
    factor = layer_factor(settings := dict(scheme=scheme, scale=scale, depth=depth, width=width,
                                           activation=activation, seed=seed))
    layers = np.arange(depth)
    with np.errstate(over="ignore", invalid="ignore"):
        predicted_act = act_std[0] * factor ** layers
        predicted_dA = dA_std[depth - 1] * factor ** (depth - 1 - layers)
    predicted_dW = np.full(depth, dW_std[depth - 1])
    W_std = init_std(scheme, width, width, scale)
    return DepthSignal(settings, act_std, dA_std, dW_std, predicted_act, predicted_dA, predicted_dW, W_std,
                       act_hist, dW_hist, float(X.std()))


def layer_factor(settings):
    """The factor by which the variance argument says each layer multiplies the std (of A going up, of the
    gradient going down): ``sqrt(fan_in · Var(w) · gain)`` (:data:`GAIN`). 1 keeps the signal."""
    s = settings
    return math.sqrt(s["width"] * init_std(s["scheme"], s["width"], s["width"], s["scale"]) ** 2 * GAIN[s["activation"]])


def depth_verdict(values, first):
    """Words for a std against a reference one (layer 1's, or the weights'): "vanished" (< 1e-3 ×),
    "exploded" (> 1e3 × or not finite), "shrinking"/"growing" (beyond ×2), else "kept within ×2"."""
    if not math.isfinite(values) or values > 1e3 * first:
        return "exploded"
    if values < 1e-3 * first:
        return "vanished"
    if values < first / 2:
        return "shrinking"
    if values > 2 * first:
        return "growing"
    return "kept within ×2"


#: The depth dashboard's "predict first" cases in notebook 07: (activation, scheme, scale), 30 layers of 256
DASHBOARD_CASES = (("tanh", "xavier_normal", 1.0), ("relu", "xavier_normal", 1.0), ("relu", "he_normal", 1.0),
                   ("tanh", "normal", 1.0))


def _ratio_words(ratios):
    """The words of :func:`depth_verdict` for the smallest and largest ratio (one phrase if they agree)."""
    low, high = depth_verdict(min(ratios), 1.0), depth_verdict(max(ratios), 1.0)
    return low if low == high else f"{low} to {high}"


def _ratio_range(ratios):
    """``min … max`` with one digit; beyond 1e3 only a bound a decade under the smallest ("> 1e12"): a gradient
    that explodes through saturated tanh units passes through 1 − A² of A ≈ ±1, whose last digits differ from
    one BLAS to the next, and its size with them (by ×2 between machines), not its verdict."""
    if min(ratios) > 1e3:
        return f"> 1e{math.floor(math.log10(min(ratios))) - 1}"
    return f"{min(ratios):.0e} … {max(ratios):.0e}"


def print_depth_cases(cases=DASHBOARD_CASES, depth=30, width=256, seeds=range(5)):
    """For each case of :func:`depth_signal` over ``seeds``: how much the activations' std changes from layer 1
    to the top (top ÷ layer 1), and the gradient's from the top down to layer 1 (layer 1 ÷ top) — the
    smallest and largest ratio over the seeds, with :func:`depth_verdict`'s words for both. Ratios print
    with one significant digit (what every BLAS reproduces). Returns {case: (activation ratios, gradient
    ratios)}."""
    out = {}
    print(f"{len(seeds)} seeds, {depth} layers of {width} units: std at the end ÷ std at the start")
    print(f"{'setting':<22} {'activations, layer ' + str(depth) + ' ÷ layer 1':<40} {'gradient, layer 1 ÷ layer ' + str(depth)}")
    for activation, scheme, scale in cases:
        acts, grads = [], []
        for seed in seeds:
            sig = depth_signal(scheme, scale, depth, width, activation, seed)
            with np.errstate(all="ignore"):
                acts.append(float(sig.act_std[-1] / sig.act_std[0]))
                grads.append(float(sig.dA_std[0] / sig.dA_std[-1]))
        out[(activation, scheme, scale)] = (np.array(acts), np.array(grads))
        act = f"{_ratio_range(acts)} {_ratio_words(acts)}"
        grad = f"{_ratio_range(grads)} {_ratio_words(grads)}"
        print(f"{stack_label(activation, scheme, scale):<22} {act:<40} {grad}")
    return out
