"""Notebook 07, sections 4 and 5: chains of matrix products — lengths kept (orthogonal), kept on
average (LeCun), or lost to overflow and underflow (fast.ai's 512 × 512 ``randn`` chain).

* :func:`matrix_chain` — fast.ai's chain (course v3 part 2, lesson 8, and S. Gugger, "How to
  initialize your neural net", 2019), and deep *linear* chains with a new matrix per layer;
* :func:`chain_ratios` — the distribution of ``|x_end| / |x_0|`` over many deep linear chains:
  what one chain's number means;
* :func:`print_chains`, :func:`plot_matrix_chains`.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..checks import check_choice, check_int, check_scale
from ..init import SCHEMES, initialize
from ._blas import one_blas_thread
from .depth import format_table, rms
from .figures import new_figure, scheme_name


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


def chain_ratios(init="lecun_normal", width=64, depth=100, chains=200):
    """``|x_end| / |x_0|`` after ``depth`` products with a new ``init`` matrix each time, for ``chains`` seeds.

    A float64 deep *linear* chain (:func:`matrix_chain` with ``same_matrix=False``) from seeds
    0 … chains−1. With LeCun's ``Var(w) = 1/fan_in`` the *mean* of ``|Wx|²`` equals ``|x|²``, but
    ``log |x|`` takes a random walk with a downward drift of about ``1/(2·fan_in)`` per product:
    the typical chain shrinks. Orthogonal matrices give exactly 1 every time.

    Returns an ndarray (chains,) of ratios.
    """
    chains = check_int("chains", chains, 1, 10000)
    return np.array([matrix_chain(init, 1.0, width, depth, "float64", seed, same_matrix=False).norm_ratio
                     for seed in range(chains)])


def print_chain_ratios(inits=("lecun_normal", "orthogonal"), width=64, depth=100, chains=200):
    """Print the median and the fractions below 1/2 and above 2 of :func:`chain_ratios`; returns a dict."""
    out, rows = {}, []
    for init in inits:
        r = chain_ratios(init, width, depth, chains)
        out[init] = r
        rows.append([init, f"{np.median(r):.2f}", f"{np.mean(r <= 0.5):.0%}", f"{np.mean(r >= 2):.0%}"])
    print(f"{chains} chains of {depth} products, width {width}")
    print("\n".join(format_table(["init", "median |x_end|/|x_0|", "halved or less", "doubled or more"], rows,
                                 "<>>>")))
    return out


def print_chains(chains):
    """One line per :class:`Chain`: growth factor per product (geometric mean over the first 20
    products), overflow/underflow layer, final RMS ratio (a table of :func:`~symlab.lab.depth.format_table`)."""
    rows = []
    for c in chains:
        s = c.settings
        name = f"{scheme_name(s['init'], s['scale'])}, {s['dtype']}, {s['depth']} products"
        name += "" if s["same_matrix"] else " (new W each)"
        nonfinite = "-" if c.first_nonfinite is None else str(c.first_nonfinite)
        zero = "-" if c.first_zero is None else str(c.first_zero)
        ratio = c.norm_ratio
        final = "inf/NaN" if math.isnan(ratio) else ("0" if ratio == 0 else f"{ratio:.12f}" if abs(ratio - 1) < 1e-9
                                                      else f"{ratio:.3g}")
        rows.append([name, f"{c.growth_per_layer():.4g}", nonfinite, zero, final])
    header = ["chain", "growth per product\n(first 20 products)", "inf/NaN after", "exactly 0 after",
              "|x_end| / |x_0|"]
    print("\n".join(format_table(header, rows, "<>>>>")))


def plot_matrix_chains(chains, title="fast.ai's chain: x ← W x with one 512 × 512 matrix W"):
    """log10 RMS of x against the number of products, for several :class:`symlab.lab.depth.Chain`.

    Dotted lines: the largest float32 and float64 numbers. Overflow (inf/NaN) and
    underflow (exactly 0) are marked with a cross at the product where they happen.
    """
    fig = new_figure(11, 4.2)
    fig.subplots_adjust(left=0.07, right=0.72, top=0.9, bottom=0.13)
    ax = fig.add_subplot()
    for i, chain in enumerate(chains):
        s = chain.settings
        label = f"{scheme_name(s['init'], s['scale'])}, {s['dtype']}"
        color = f"C{i}"
        y = np.where(np.isfinite(chain.log10_rms), chain.log10_rms, np.nan)
        ax.plot(np.arange(len(y)), y, color=color, lw=2, label=label)
        if chain.first_nonfinite:
            ax.plot(chain.first_nonfinite, y[chain.first_nonfinite - 1], "x", color=color, ms=11, mew=2.5)
            ax.annotate(f"inf/NaN at {chain.first_nonfinite}", (chain.first_nonfinite, y[chain.first_nonfinite - 1]),
                        textcoords="offset points", xytext=(6, -14), fontsize=9, color=color)
        if chain.first_zero:
            ax.plot(chain.first_zero - 1, y[chain.first_zero - 1], "x", color=color, ms=11, mew=2.5)
            ax.annotate(f"exactly 0 at {chain.first_zero}", (chain.first_zero - 1, y[chain.first_zero - 1]),
                        textcoords="offset points", xytext=(6, 4), fontsize=9, color=color)
    for dtype, ls in (("float32", ":"), ("float64", "--")):
        top = float_max_log10(dtype)
        ax.axhline(top, color="k", ls=ls, lw=1)
        ax.text(1.01, top, f"largest {dtype}\n(1e{top:.1f})", transform=ax.get_yaxis_transform(), fontsize=8,
                va="center")
    ax.set_xlabel("number of matrix products (layers)")
    ax.set_ylabel("log10 of the RMS of x")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.13, 1.0))
    ax.set_title(title, fontsize=10)
    return fig
