"""Signals and gradients through deep stacks: what the init scale does layer by layer.

Everything here is plain numpy on the course convention (``W[l]`` has shape
``(n[l], n[l-1])``, examples are columns).

* :func:`saturated_fraction` — how many tanh/sigmoid outputs sit on a flat tail.
* :func:`deep_stack` — the CS231n demo (lecture 6, "Training Neural Networks I",
  2017; Karpathy's 2016 lecture 5): 1,000 N(0, 1) examples of 500 features pushed
  through 10 fully connected layers of 500 units, with per-layer statistics of
  the activations forward and of the gradients backward.
* :func:`matrix_chain` — fast.ai's 512 × 512 matrix-product chain (course v3
  part 2, lesson 8, and S. Gugger, "How to initialize your neural net", 2019).
* :func:`deep_relu_training` — He et al. 2015 ("Delving deep into rectifiers",
  figure 3: a 30-layer ReLU net converges with their init and stalls with
  Xavier's) at a size a laptop trains in seconds.

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

from ._blas import one_blas_thread
from ._checks import check_choice, check_int, check_positive, check_scale
from .activations import get_activation
from .data import make_dataset
from .init import SCHEMES, init_std, initialize
from .mlp import MLP
from .restarts import train_many

#: |tanh| above this, or sigmoid within 1 − this of 0 or 1, counts as saturated.
SATURATION = 0.99


def saturated_fraction(A, activation):
    """Fraction (in [0, 1]) of the outputs ``A = g(Z)`` (any shape) that are saturated.

    tanh: ``|a| > 0.99`` (then tanh' = 1 − a² < 0.02); sigmoid: ``a < 0.01`` or
    ``a > 0.99`` (then σ' = a(1 − a) < 0.0099, under 4% of its peak 0.25). This is
    CS231n's criterion. ReLU and linear units never saturate — their slope is 1
    for every positive input, however large — so the fraction is 0.

    Raises ``ValueError`` for an unknown activation.
    """
    check_choice("activation", activation, ("sigmoid", "tanh", "relu", "linear"))
    A = np.asarray(A, dtype=float)
    if activation == "tanh":
        return float(np.mean(np.abs(A) > SATURATION))
    if activation == "sigmoid":
        return float(np.mean((A < 1 - SATURATION) | (A > SATURATION)))
    return 0.0


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


# ------------------------------------------------------------- deep stacks
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


# ----------------------------------------------------------- matrix chains
@dataclass(frozen=True)
class Chain:
    """``x ← W x`` repeated ``depth`` times, in one floating-point type.

    Attributes
    ----------
    settings : dict
        The arguments of :func:`matrix_chain`.
    log10_rms : ndarray (depth + 1,)
        log10 of the RMS of x after 0 … depth products (NaN once x holds an
        inf/NaN, −inf once x is exactly 0).
    first_nonfinite : int or None
        The first product after which x holds an inf or NaN (1-based: "layer").
    first_zero : int or None
        The first product after which every entry of x is exactly 0 (underflow).
    start_rms, end_rms : float
        RMS of x before the first and after the last product (NaN if it overflowed).
    """

    settings: dict
    log10_rms: np.ndarray
    first_nonfinite: int
    first_zero: int
    start_rms: float
    end_rms: float

    def growth_per_layer(self, layers=20):
        """Mean factor by which the RMS grows per product over the first ``layers`` (finite) steps."""
        finite = self.log10_rms[np.isfinite(self.log10_rms)][:layers + 1]
        return float(10 ** np.mean(np.diff(finite))) if len(finite) > 1 else float("nan")

    @property
    def norm_ratio(self):
        """|x| after the last product divided by |x| at the start (NaN if it overflowed)."""
        return self.end_rms / self.start_rms


#: Largest finite values: float32 ≈ 3.4e38, float64 ≈ 1.8e308.
DTYPES = ("float32", "float64")


def matrix_chain(init="normal", scale=1.0, width=512, depth=100, dtype="float32", seed=0, same_matrix=True):
    """fast.ai's experiment: multiply a random vector by a random matrix ``depth`` times.

    ``x`` (width,) and ``W`` (width, width) are drawn from
    ``np.random.default_rng(seed)`` (x first), W by :func:`symlab.initialize`,
    then both are rounded to ``dtype`` and the products computed in ``dtype``.
    With ``same_matrix=True`` one W is reused at every step, as in the fast.ai
    notebook (``a = torch.randn(512, 512); for i in range(100): x = a @ x``); with
    ``False`` each step draws a fresh W — a deep linear network.

    Each ``randn`` product multiplies the RMS by about sqrt(width) (≈ 22.6 for
    512), so float32 (max ≈ 3.4e38) overflows after about 38.5 / log10(22.6) ≈ 28
    products and float64 (max ≈ 1.8e308) after about 227. ``scale=0.01`` shrinks
    the RMS by ≈ 0.226 per product, reaching exactly 0 (underflow below the
    smallest subnormal, 1.4e-45 in float32) after about 70 products.

    Parameters
    ----------
    init, scale : a scheme of :data:`symlab.SCHEMES` and its scale
    width : int in [1, 4096]
    depth : int in [1, 1000]
    dtype : {"float32", "float64"}
    seed : int >= 0
    same_matrix : bool

    Returns
    -------
    Chain (cached)
    """
    check_choice("init", init, SCHEMES)
    scale = check_scale("scale", scale)
    width = check_int("width", width, 1, 4096)
    depth = check_int("depth", depth, 1, 1000)
    check_choice("dtype", dtype, DTYPES)
    seed = check_int("seed", seed, 0)
    return _matrix_chain(init, scale, width, depth, dtype, seed, bool(same_matrix))


@lru_cache(maxsize=32)
def _matrix_chain(init, scale, width, depth, dtype, seed, same_matrix):
    with one_blas_thread():
        return _run_chain(init, scale, width, depth, dtype, seed, same_matrix)


def _run_chain(init, scale, width, depth, dtype, seed, same_matrix):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(width).astype(dtype)
    W = initialize(init, (width, width), scale, rng).astype(dtype)
    log10_rms = np.empty(depth + 1)
    start = value = rms(x)
    log10_rms[0] = math.log10(start)
    first_nonfinite = first_zero = None
    with np.errstate(all="ignore"):
        for layer in range(1, depth + 1):
            if not same_matrix and layer > 1:
                W = initialize(init, (width, width), scale, rng).astype(dtype)
            x = W @ x
            value = rms(x)
            if math.isnan(value):
                first_nonfinite = first_nonfinite or layer
                log10_rms[layer] = np.nan
            elif value == 0:
                first_zero = first_zero or layer
                log10_rms[layer] = -np.inf
            else:
                log10_rms[layer] = math.log10(value)
    settings = dict(init=init, scale=scale, width=width, depth=depth, dtype=dtype, seed=seed,
                    same_matrix=same_matrix)
    return Chain(settings, log10_rms, first_nonfinite, first_zero, start, value)


def float_max_log10(dtype):
    """log10 of the largest finite number of ``dtype`` ("float32" → 38.53, "float64" → 308.25)."""
    check_choice("dtype", dtype, DTYPES)
    return math.log10(float(np.finfo(dtype).max))


# ------------------------------------------------------ a deep ReLU net
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
    act_std : dict (init, scale) -> ndarray (depth,)
        Std of each hidden layer's activations at initialisation (seed 0) on the
        training inputs.
    chance : float
        ln 2: the loss of predicting the (balanced) label frequencies.
    """

    settings: dict
    loss: dict
    final_loss: dict
    final_accuracy: dict
    act_std: dict
    chance: float


def deep_relu_training(depth=30, width=32, epochs=400, lr=0.05, seeds=3, m=200):
    """Train ``[2] + [width] * depth + [1]`` ReLU nets on circles with each scheme of
    :data:`DEEP_RELU_SCHEMES`, seeds 0 … seeds−1, full batch, all in lockstep.

    He et al. 2015 (figure 3) trained a 30-layer ReLU net: with their init it
    converged, with Xavier's it did not learn at all. Here the data is
    ``make_dataset("circles", m, noise=0.1, seed=0)`` and the net has 30 hidden
    layers of 32 units (about 31,000 weights).

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
    act_std = {}
    for i, key in enumerate(DEEP_RELU_SCHEMES):
        _, cache = nets[i * seeds].forward(X)
        act_std[key] = np.array([cache[f"A{l}"].std() for l in range(1, depth + 1)])
    history = train_many(nets, X, Y, epochs=epochs, lr=lr)
    loss, final_loss, final_accuracy = {}, {}, {}
    for i, key in enumerate(DEEP_RELU_SCHEMES):
        rows = slice(i * seeds, (i + 1) * seeds)
        loss[key] = history.loss[rows]
        final_loss[key] = history.final_loss[rows]
        final_accuracy[key] = history.final_accuracy[rows]
    settings = dict(depth=depth, width=width, epochs=epochs, lr=lr, seeds=seeds, m=m)
    return DeepTraining(settings, loss, final_loss, final_accuracy, act_std, math.log(2))


# ------------------------------------------------------------ printed tables
def stack_label(activation, init, scale):
    """Short label of a :func:`deep_stack` setting, e.g. ``tanh, normal × 0.01`` or ``relu, he_normal``."""
    name = f"{init} × {scale:g}" if init in ("normal", "uniform", "constant") or scale != 1.0 else init
    return f"{activation}, {name}"


def print_layer_table(settings=CS231N_SETTINGS, field="act_std", digits=6):
    """Print one statistic of :func:`deep_stack` per layer (rows) and setting (columns).

    ``field`` is an array attribute of :class:`StackStats` (``act_std``,
    ``saturated``, ``grad_std``, ``dW_std``, ``relu_ratio`` …). Returns the
    (depth, len(settings)) array printed.
    """
    stats = [deep_stack(*key) for key in settings]
    table = np.column_stack([getattr(s, field) for s in stats])
    labels = [stack_label(*key) for key in settings]
    width = max(13, max(len(label) for label in labels) + 1)
    print(f"{field:<8}" + "".join(f"{label:>{width}}" for label in labels))
    for layer, row in enumerate(table, start=1):
        cells = "".join(f"{value:>{width}.{digits}f}" if abs(value) >= 1e-4 or value == 0
                        else f"{value:>{width}.2e}" for value in row)
        print(f"layer {layer:<2}{cells}")
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
    ratios = {}
    print(f"{'setting':<24} {'measured / predicted std of Z[l], layers 1-10':>46}")
    for key in settings:
        s = deep_stack(*key)
        r = s.z_std / s.predicted_z_std
        ratios[key] = r
        print(f"{stack_label(*key):<24} {r.min():>21.3f} … {r.max():.3f}")
    return ratios


def print_chains(chains):
    """One line per :class:`Chain`: growth factor per product (geometric mean over the first 20
    products), overflow/underflow layer, final RMS ratio."""
    print(f"{'chain':<38} {'growth per product':>18} {'inf/NaN after':>13} {'exactly 0 after':>15} "
          f"{'|x_end| / |x_0|':>16}")
    print(f"{'':<38} {'(first 20 products)':>18}")
    for c in chains:
        s = c.settings
        name = f"{stack_label('', s['init'], s['scale'])[2:]}, {s['dtype']}, {s['depth']} products"
        name += "" if s["same_matrix"] else " (new W each)"
        nonfinite = "-" if c.first_nonfinite is None else str(c.first_nonfinite)
        zero = "-" if c.first_zero is None else str(c.first_zero)
        ratio = c.norm_ratio
        final = "inf/NaN" if math.isnan(ratio) else ("0" if ratio == 0 else f"{ratio:.12f}" if abs(ratio - 1) < 1e-9
                                                      else f"{ratio:.3g}")
        print(f"{name:<38} {c.growth_per_layer():>18.4g} {nonfinite:>13} {zero:>15} {final:>16}")


def print_deep_relu(result=None):
    """Final loss and training accuracy per scheme and seed of :func:`deep_relu_training`; returns the result."""
    result = result or deep_relu_training()
    last = result.settings["depth"]
    print(f"{'init':<16} {'final loss per seed (nats)':>27}   {'train accuracy per seed':>23}   "
          f"{'std of A[' + str(last) + '] at the start':>24}")
    for key in result.loss:
        name = stack_label("", *key)[2:]
        losses = " ".join(f"{v:.4f}" for v in result.final_loss[key])
        accs = " ".join(f"{v:.0%}" for v in result.final_accuracy[key])
        print(f"{name:<16} {losses:>27}   {accs:>23}   {result.act_std[key][-1]:>24.1e}")
    return result
