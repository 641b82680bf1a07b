"""Numbers that make symmetry (and its breaking) measurable.

Two hidden units are interchangeable when everything that defines them is equal:
incoming weights (their row of ``W[l]``), bias (their entry of ``b[l]``) and
outgoing weights (their column of ``W[l+1]``). :func:`unit_params` lines these
up as one row per unit; :func:`distinct_units` and :func:`row_spread` measure
how many different rows there are and how far apart they lie.

Also here: :func:`label_entropy` and :func:`chance_loss` (the loss of a net that ignores
its input) and :func:`saturated_fraction` (how many tanh/sigmoid outputs sit on a flat
tail, where the slope g′ is nearly 0).
"""

import math

import numpy as np

from .checks import check_choice, check_int, check_matrix, check_scale, check_targets


def distinct_units(M, atol=1e-10):
    """Number of distinct rows of ``M`` (e.g. ``W1`` or ``dW1``: one row per unit).

    Two rows count as the same if every entry differs by at most ``atol``.
    Rows are grouped greedily: each row joins the first earlier group whose
    representative is within ``atol``, otherwise it starts a new group.

    Parameters
    ----------
    M : array (n_units, n_features)
    atol : float >= 0

    Returns
    -------
    int in [1, n_units]
    """
    M = check_matrix("M", M)
    atol = check_scale("atol", atol)
    # close[i, j]: rows i and j differ by at most atol in every entry
    close = np.abs(M[:, None, :] - M[None, :, :]).max(axis=2) <= atol
    representatives = []
    for i in range(len(M)):
        if not close[i, representatives].any():
            representatives.append(i)
    return len(representatives)


def row_spread(M):
    """Largest difference between two rows of ``M``: max over columns of (max − min).

    Equals ``max_{i,j} max_k |M[i,k] − M[j,k]|``; 0 exactly when all rows are equal.
    Same units as ``M`` (a weight, a gradient).
    """
    M = check_matrix("M", M)
    return float(np.max(M.max(axis=0) - M.min(axis=0)))


def unit_params(params, layer=1):
    """Everything that defines each unit of hidden layer ``layer``, one row per unit.

    Row j is ``[W[l][j, :], b[l][j], W[l+1][:, j]]`` — incoming weights, bias,
    outgoing weights — shape ``(n[l], n[l-1] + 1 + n[l+1])``. Two units with equal
    rows compute the same function and receive the same gradient: they stay equal
    under gradient descent.
    """
    layer = check_int("layer", layer)
    if f"W{layer + 1}" not in params:
        hidden = [int(k[1:]) for k in params if k.startswith("W")][:-1]
        raise ValueError(f"layer={layer} is not a hidden layer; hidden layers: {hidden}")
    return np.hstack([params[f"W{layer}"], params[f"b{layer}"], params[f"W{layer + 1}"].T])


def label_entropy(Y):
    """Entropy (nats) of the label distribution of ``Y``: the "chance-level" loss.

    A model that ignores its input can at best predict the class frequencies;
    its cross-entropy is then this entropy. ``Y`` is (1, m) of 0/1 labels or
    (K, m) one-hot. Balanced binary labels give ln 2 ≈ 0.693; K balanced
    classes give ln K.
    """
    Y = check_targets("Y", check_matrix("Y", Y), "sigmoid" if len(Y) == 1 else "softmax")
    if Y.shape[0] == 1:
        p = np.array([1.0 - Y.mean(), Y.mean()])
    else:
        p = Y.mean(axis=1)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))


def chance_loss(n_classes):
    """ln K: the cross-entropy of a uniform guess over K classes (nats)."""
    return math.log(check_int("n_classes", n_classes, 2))


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
