"""Weight initialisation schemes.

Convention (Andrew Ng's deep learning course): ``W[l]`` has shape
``(n[l], n[l-1]) = (fan_out, fan_in)``, so row j holds the incoming weights of
unit j of layer l.

What ``scale`` means depends on the scheme:

=================  =====================================================  ===========================
scheme             distribution of every weight                           source
=================  =====================================================  ===========================
``zeros``          0 (``scale`` is ignored)                               —
``constant``       ``scale``                                              —
``uniform``        U(−scale, scale)                                       —
``normal``         N(0, scale²)                                           the "0.01 * randn" habit
``tied_normal``    one N(0, scale²) row, copied into every row            symlab: random yet symmetric
``lecun_normal``   N(0, σ²), σ = scale · sqrt(1 / fan_in)                 LeCun et al. 1998, "Efficient BackProp"
``xavier_uniform`` U(−a, a), a = scale · sqrt(6 / (fan_in + fan_out))     Glorot & Bengio 2010
``xavier_normal``  N(0, σ²), σ = scale · sqrt(2 / (fan_in + fan_out))     Glorot & Bengio 2010
``he_uniform``     U(−a, a), a = scale · sqrt(6 / fan_in)                 He et al. 2015
``he_normal``      N(0, σ²), σ = scale · sqrt(2 / fan_in)                 He et al. 2015
``orthogonal``     scale · Q, Q with orthonormal rows or columns          Saxe et al. 2013
=================  =====================================================  ===========================

For the scaled schemes ``scale`` is a *gain*: ``scale=1`` gives the textbook formula.
"""

import math

import numpy as np

from .checks import check_choice, check_int, check_scale

SCHEMES = (
    "zeros",
    "constant",
    "uniform",
    "normal",
    "tied_normal",
    "lecun_normal",
    "xavier_uniform",
    "xavier_normal",
    "he_uniform",
    "he_normal",
    "orthogonal",
)


def as_rng(rng, name="rng"):
    """Turn ``rng`` into a random generator.

    ``rng`` may be an int seed (gives ``np.random.default_rng(seed)``), a
    ``np.random.Generator`` (used as is) or a legacy ``np.random.RandomState``
    (used as is, so that code written with ``np.random.seed(3)`` and ``randn``
    can be reproduced draw for draw). Both kinds provide ``standard_normal`` and
    ``uniform`` with the same meaning, which is all symlab uses.
    Anything else (including ``None``: symlab never draws from a hidden seed)
    raises ``ValueError``.
    """
    if isinstance(rng, (np.random.Generator, np.random.RandomState)):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool) and rng >= 0:
        return np.random.default_rng(int(rng))
    raise ValueError(
        f"{name}={rng!r} is not valid; pass a seed (int >= 0), a np.random.Generator "
        "or a np.random.RandomState"
    )


def init_std(scheme, fan_in, fan_out, scale=1.0):
    """Standard deviation of one weight drawn by ``scheme`` for a layer of this shape.

    A uniform U(−a, a) has std a / sqrt(3). For ``zeros`` and ``constant`` the
    std is 0 (every weight is the same). For ``orthogonal`` it is the std of an
    entry of a random orthogonal matrix, scale / sqrt(max(fan_in, fan_out)).
    """
    check_choice("scheme", scheme, SCHEMES)
    scale = check_scale("scale", scale)
    fan_in = check_int("fan_in", fan_in)
    fan_out = check_int("fan_out", fan_out)
    if scheme in ("zeros", "constant"):
        return 0.0
    if scheme == "uniform":
        return scale / math.sqrt(3.0)
    if scheme in ("normal", "tied_normal"):
        return scale
    if scheme == "lecun_normal":
        return scale * math.sqrt(1.0 / fan_in)
    if scheme in ("xavier_uniform", "xavier_normal"):
        return scale * math.sqrt(2.0 / (fan_in + fan_out))
    if scheme in ("he_uniform", "he_normal"):
        return scale * math.sqrt(2.0 / fan_in)
    return scale / math.sqrt(max(fan_in, fan_out))  # orthogonal


def initialize(scheme, shape, scale=1.0, rng=0):
    """Draw a weight matrix ``W`` of shape ``(fan_out, fan_in)`` with ``scheme``.

    Parameters
    ----------
    scheme : str
        One of :data:`SCHEMES` (table in the module docstring).
    shape : tuple (fan_out, fan_in)
        ``(n[l], n[l-1])``: units in this layer, units feeding it.
    scale : float >= 0
        Constant value, uniform bound, normal std, or gain (see module docstring).
    rng : int, np.random.Generator or np.random.RandomState
        Source of randomness (see :func:`as_rng`); unused by ``zeros``/``constant``.

    Returns
    -------
    W : ndarray of float64, shape ``(fan_out, fan_in)``

    Raises
    ------
    ValueError
        For an unknown scheme, a NaN/inf/negative scale, a shape that is not two
        integers >= 1, or an invalid ``rng``.
    """
    check_choice("scheme", scheme, SCHEMES)
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise ValueError(f"shape={shape!r} must be a pair (fan_out, fan_in) of integers >= 1")
    fan_out = check_int("shape[0] (fan_out)", shape[0])
    fan_in = check_int("shape[1] (fan_in)", shape[1])
    shape = (fan_out, fan_in)
    scale = check_scale("scale", scale)

    if scheme == "zeros":
        return np.zeros(shape)
    if scheme == "constant":
        return np.full(shape, scale)
    rng = as_rng(rng)
    if scheme == "uniform":
        return rng.uniform(-scale, scale, size=shape)
    if scheme == "tied_normal":
        row = scale * rng.standard_normal(fan_in)
        return np.tile(row, (fan_out, 1))
    if scheme == "orthogonal":
        return scale * _orthogonal(shape, rng)
    if scheme in ("xavier_uniform", "he_uniform"):
        bound = math.sqrt(3.0) * init_std(scheme, fan_in, fan_out, scale)
        return rng.uniform(-bound, bound, size=shape)
    # normal, lecun_normal, xavier_normal, he_normal: std * randn
    return rng.standard_normal(shape) * init_std(scheme, fan_in, fan_out, scale)


def _orthogonal(shape, rng):
    """A matrix with orthonormal columns (tall) or rows (wide), uniformly random.

    QR of a Gaussian matrix, with the signs of R's diagonal moved into Q so the
    result is uniformly distributed over orthogonal matrices (Mezzadri 2007).
    """
    fan_out, fan_in = shape
    tall = fan_out >= fan_in
    A = rng.standard_normal((fan_out, fan_in) if tall else (fan_in, fan_out))
    Q, R = np.linalg.qr(A)
    Q = Q * np.sign(np.diag(R))
    return Q if tall else Q.T
