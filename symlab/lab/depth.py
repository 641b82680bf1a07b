"""Notebook 07, sections 1–3 — signals and gradients through deep stacks: what the init scale does
layer by layer.

Everything here is plain numpy on the course convention (``W[l]`` has shape
``(n[l], n[l-1])``, examples are columns).

* :func:`deep_stack` — the CS231n demo (lecture 6, "Training Neural Networks I",
  2017; Karpathy's 2016 lecture 5): 1,000 N(0, 1) examples of 500 features pushed
  through 10 fully connected layers of 500 units, with per-layer statistics of
  the activations forward and of the gradients backward (figures in
  :mod:`symlab.lab.depth_figures`).
* Sections 4–6 of the notebook are in :mod:`symlab.lab.chains` (matrix-product chains) and
  :mod:`symlab.lab.deep_relu` (training a 30-layer ReLU net).

The variance argument behind all of it (Glorot & Bengio 2010, He et al. 2015):
for ``z = Σ_i w_i x_i`` with ``fan_in`` independent zero-mean weights of variance
``Var(w)``, independent of the inputs, ``Var(z) = fan_in · Var(w) · E[x²]``.
With tanh near 0, ``E[x²] ≈ Var(z_prev)`` and the layer multiplies the variance
by ``fan_in · Var(w)``: Xavier/LeCun's ``Var(w) = 1/fan_in`` keeps it at 1. A
ReLU zeroes half of a symmetric z, so ``E[relu(z)²] = Var(z) / 2``, and the
layer multiplies by ``fan_in · Var(w) / 2``: He's ``Var(w) = 2/fan_in`` keeps it.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..activations import get_activation
from ..checks import check_choice, check_int, check_scale
from ..init import SCHEMES, init_std, initialize
from ..metrics import saturated_fraction
from ._blas import one_blas_thread
from .figures import scheme_name


def rms(x):
    """Root mean square of ``x`` (any shape), computed without overflowing the squares.

    inf/NaN entries give NaN. Units: those of ``x``.
    """
    x = np.abs(np.asarray(x, dtype=np.float64))
    if not np.all(np.isfinite(x)):
        return float("nan")
    top = float(x.max()) if x.size else 0.0
    if top == 0:
        return 0.0
    return top * float(np.sqrt(np.mean((x / top) ** 2)))


# ----------------------------------------------------------- deep stacks


@dataclass(frozen=True)
class StackStats:
    """Per-layer statistics of one pass through a deep stack (layers l = 1 … depth).

    Attributes
    ----------
    settings : dict
        The arguments of :func:`deep_stack`.
    act_mean, act_std : ndarray (depth,)
        Mean and std of ``A[l]`` over all units and examples.
    z_std : ndarray (depth,)
        Std of the pre-activations ``Z[l]``.
    predicted_z_std : ndarray (depth,)
        ``sqrt(fan_in · Var(w) · E[A[l-1]²])`` — the variance argument, with the
        measured ``E[A[l-1]²]`` of the layer below and the scheme's ``Var(w)``.
    relu_ratio : ndarray (depth,)
        ``E[A[l]²] / Var(Z[l])``: 1/2 for ReLU (the factor 2 in He's init), ≈ 1
        for tanh in its linear range.
    saturated : ndarray (depth,)
        :func:`saturated_fraction` of ``A[l]``.
    grad_std : ndarray (depth,)
        Std of ``dZ[l]``, the gradient reaching layer l's pre-activations when the
        top layer receives ``dA[depth]`` ~ N(0, 1) (back-propagation:
        ``dZ[l] = dA[l] * g'(Z[l])``, ``dA[l-1] = W[l]ᵀ dZ[l]``).
    grad_median : ndarray (depth,)
        Median of ``|dZ[l]|``: the typical entry, where the std is dominated by the largest.
    dW_std : ndarray (depth,)
        Std of ``dW[l] = (1/m) dZ[l] A[l-1]ᵀ``.
    samples : ndarray (depth, k)
        The activations of the first ``k = min(examples, 40) · width`` entries of
        each layer, for histograms.
    input_std : float
        Std of the input X.
    """

    settings: dict
    act_mean: np.ndarray
    act_std: np.ndarray
    z_std: np.ndarray
    predicted_z_std: np.ndarray
    relu_ratio: np.ndarray
    saturated: np.ndarray
    grad_std: np.ndarray
    grad_median: np.ndarray
    dW_std: np.ndarray
    samples: np.ndarray
    input_std: float

    @property
    def label(self):
        """e.g. ``tanh, normal × 0.01`` or ``relu, he_normal``."""
        s = self.settings
        scale = f" × {s['scale']:g}" if s["init"] in ("normal", "uniform") or s["scale"] != 1 else ""
        return f"{s['activation']}, {s['init']}{scale}"


def deep_stack(activation="tanh", init="normal", scale=0.01, depth=10, width=500, examples=1000, seed=0):
    """Push N(0, 1) inputs through ``depth`` layers of ``width`` units and measure each layer.

    The CS231n demo: ``X`` of shape (width, examples) = (500, 1000) with N(0, 1)
    entries, ``W[l]`` of shape (width, width) drawn by
    :func:`symlab.initialize` (``init``, ``scale``), no biases, ``A[l] = g(W[l] A[l-1])``.
    CS231n writes ``W = 0.01 * np.random.randn(fan_in, fan_out)`` with examples
    as rows; that is ``init="normal", scale=0.01`` here, and their "Xavier"
    ``randn / sqrt(fan_in)`` is ``xavier_normal`` (equal fan-in and fan-out) or
    ``lecun_normal``; their He is ``he_normal``.

    Parameters
    ----------
    activation : {"tanh", "sigmoid", "relu", "linear"}
    init : str, one of :data:`symlab.SCHEMES`
    scale : float >= 0
    depth : int in [1, 100]
    width : int in [1, 2000]
        Units per layer, and input features.
    examples : int in [1, 5000]
    seed : int >= 0
        One ``np.random.default_rng(seed)`` draws X, then W1 … W[depth], then the
        top gradient.

    Returns
    -------
    StackStats (cached: the same arguments return the same object)
    """
    check_choice("activation", activation, ("sigmoid", "tanh", "relu", "linear"))
    check_choice("init", init, SCHEMES)
    scale = check_scale("scale", scale)
    depth = check_int("depth", depth, 1, 100)
    width = check_int("width", width, 1, 2000)
    examples = check_int("examples", examples, 1, 5000)
    seed = check_int("seed", seed, 0)
    return _deep_stack(activation, init, scale, depth, width, examples, seed)


@lru_cache(maxsize=16)
def _deep_stack(activation, init, scale, depth, width, examples, seed):
    with one_blas_thread():
        return _measure_stack(activation, init, scale, depth, width, examples, seed)


def _measure_stack(activation, init, scale, depth, width, examples, seed):
    rng = np.random.default_rng(seed)
    g, g_prime = get_activation(activation)
    X = rng.standard_normal((width, examples))
    weight_var = init_std(init, width, width, scale) ** 2
    A, Ws, acts = X, [], [X]
    stats = {k: np.empty(depth) for k in ("act_mean", "act_std", "z_std", "predicted", "ratio", "saturated")}
    keep = min(examples, 40)
    samples = np.empty((depth, width * keep))
    for l in range(depth):
        W = initialize(init, (width, width), scale, rng)
        Z = W @ A
        stats["predicted"][l] = math.sqrt(width * weight_var * float(np.mean(A * A)))
        A = g(Z)
        z_var = float(Z.var())
        stats["act_mean"][l], stats["act_std"][l], stats["z_std"][l] = A.mean(), A.std(), math.sqrt(z_var)
        stats["ratio"][l] = float(np.mean(A * A)) / z_var if z_var > 0 else float("nan")
        stats["saturated"][l] = saturated_fraction(A, activation)
        samples[l] = A[:, :keep].ravel()
        Ws.append(W)
        acts.append(A)
    grad_std, grad_median, dW_std = np.empty(depth), np.empty(depth), np.empty(depth)
    dA = rng.standard_normal(A.shape)
    for l in range(depth, 0, -1):
        dZ = dA * g_prime(acts[l])
        grad_std[l - 1] = dZ.std()
        grad_median[l - 1] = np.median(np.abs(dZ))
        dW_std[l - 1] = (dZ @ acts[l - 1].T / examples).std()
        dA = Ws[l - 1].T @ dZ
    settings = dict(activation=activation, init=init, scale=scale, depth=depth, width=width,
                    examples=examples, seed=seed)
    return StackStats(settings, stats["act_mean"], stats["act_std"], stats["z_std"], stats["predicted"],
                      stats["ratio"], stats["saturated"], grad_std, grad_median, dW_std, samples, float(X.std()))


#: The five settings of the CS231n demo: (activation, init, scale).
CS231N_SETTINGS = (
    ("tanh", "normal", 0.01),
    ("tanh", "normal", 1.0),
    ("tanh", "xavier_normal", 1.0),
    ("relu", "xavier_normal", 1.0),
    ("relu", "he_normal", 1.0),
)


#: CS231n 2017 lecture 6, slide "Activation statistics", W = 0.01 * randn: the
#: printed std of hidden layers 1 … 10 (one run of their random draw).
CS231N_SMALL_INIT_STDS = (0.213081, 0.047551, 0.010630, 0.002378, 0.000532, 0.000119, 0.000026,
                          0.000006, 0.000001, 0.000000)


# -------------------------------------------------------- printed tables


def stack_label(activation, init, scale):
    """Short label of a :func:`deep_stack` setting, e.g. ``tanh, normal × 0.01`` or ``relu, he_normal``."""
    return f"{activation}, {scheme_name(init, scale)}"


def format_table(header, rows, align, gap=3):
    """The lines of a plain-text table whose columns read apart: each column as wide as its widest header
    line or cell, ``gap`` spaces between columns (labels such as ``tanh, normal × 1`` hold single spaces), every
    header line and cell aligned as its column.

    ``header``: one str per column, ``"\\n"`` between the lines of a header of several lines; ``rows``: lists
    of str; ``align``: one ``"<"`` (left) or ``">"`` (right) per column.
    """
    heads = [h.split("\n") for h in header]
    tall = max(len(h) for h in heads)
    heads = [h + [""] * (tall - len(h)) for h in heads]
    widths = [max(len(text) for text in [*head, *(row[i] for row in rows)]) for i, head in enumerate(heads)]
    lines = [[head[k] for head in heads] for k in range(tall)] + [list(row) for row in rows]
    return [(" " * gap).join(f"{cell:{a}{w}}" for cell, a, w in zip(line, align, widths)).rstrip() for line in lines]


def print_layer_table(settings=CS231N_SETTINGS, field="act_std", digits=6):
    """Print one statistic of :func:`deep_stack` per layer (rows) and setting (columns).

    ``field`` is an array attribute of :class:`StackStats` (``act_std``,
    ``saturated``, ``grad_std``, ``dW_std``, ``relu_ratio`` …). Each column is as wide as its
    setting's label, with three spaces between columns (:func:`format_table`). Returns the
    (depth, len(settings)) array printed.
    """
    stats = [deep_stack(*key) for key in settings]
    table = np.column_stack([getattr(s, field) for s in stats])
    rows = [[f"layer {layer}"] + [f"{value:.{digits}f}" if abs(value) >= 1e-4 or value == 0 else f"{value:.2e}"
                                  for value in row] for layer, row in enumerate(table, start=1)]
    header = [field] + [stack_label(*key) for key in settings]
    print("\n".join(format_table(header, rows, "<" + ">" * len(settings))))
    return table


def compare_cs231n():
    """Print symlab's layer stds for ``0.01 * randn`` beside the CS231n slide's; returns the ratios.

    The ratio symlab / CS231n is computed for layers 1-9 (the slide prints layer
    10 as 0.000000, rounded to 6 decimals).
    """
    ours = deep_stack("tanh", "normal", 0.01).act_std
    print(f"{'layer':>5} {'CS231n slide':>13} {'symlab':>12} {'ratio':>7}")
    ratios = []
    for layer, (theirs, mine) in enumerate(zip(CS231N_SMALL_INIT_STDS, ours), start=1):
        ratio = mine / theirs if theirs > 0 else float("nan")
        ratios.append(ratio)
        shown = f"{ratio:7.3f}" if theirs > 0 else "      -"
        print(f"{layer:>5} {theirs:>13.6f} {mine:>12.6f} {shown}")
    return np.array(ratios)


def print_variance_check(settings=CS231N_SETTINGS):
    """For each setting, the range over layers of measured std(Z[l]) / predicted std(Z[l]); returns them."""
    ratios, rows = {}, []
    for key in settings:
        s = deep_stack(*key)
        r = s.z_std / s.predicted_z_std
        ratios[key] = r
        rows.append([stack_label(*key), f"{r.min():.3f} … {r.max():.3f}"])
    depth = deep_stack(*settings[0]).settings["depth"]
    header = ["setting", f"measured / predicted std of Z[l]\nlowest … highest over layers 1-{depth}"]
    print("\n".join(format_table(header, rows, "<>")))
    return ratios
