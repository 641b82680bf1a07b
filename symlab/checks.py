"""Input checks shared by the package.

Every check raises ``ValueError`` with a message that names the parameter, the
value it got and what would have been valid, so a learner who mistypes a slider
value or a scheme name is told exactly what to change.
"""

import math
import numbers

import numpy as np


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices``, else raise ``ValueError``."""
    if isinstance(value, str) and value in choices:
        return value
    raise ValueError(f"{name}={value!r} is not valid; choose one of: {', '.join(choices)}")


def check_scale(name, value):
    """Return ``value`` as a float if it is finite and >= 0, else raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}={value!r} must be a real number >= 0 (a finite float such as 0.5)")
    value = float(value)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name}={value!r} must be finite and >= 0 (e.g. 0.01, 1.0, 10.0)")
    return value


def check_positive(name, value):
    """Return ``value`` as a float if it is finite and > 0, else raise ``ValueError``."""
    value = check_scale(name, value)
    if value == 0:
        raise ValueError(f"{name}=0.0 must be > 0 (e.g. 0.1)")
    return value


def check_int(name, value, low=1, high=None):
    """Return ``value`` if it is an integer in ``[low, high]``, else raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name}={value!r} must be an integer >= {low}")
    value = int(value)
    if value < low or (high is not None and value > high):
        valid = f">= {low}" if high is None else f"between {low} and {high}"
        raise ValueError(f"{name}={value!r} must be an integer {valid}")
    return value


def check_between(name, value, low, high):
    """Return ``value`` as a float if it is finite and in ``[low, high]``, else raise ``ValueError``."""
    value = check_scale(name, value) if low >= 0 else float(value)
    if not low <= value <= high:
        raise ValueError(f"{name}={value!r} must be between {low:g} and {high:g}")
    return value


def check_probability(name, value):
    """Return ``value`` if it is a drop probability in ``[0, 1)``, else raise ``ValueError``."""
    value = check_scale(name, value)
    if value >= 1:
        raise ValueError(f"{name}={value!r} must be in [0, 1): the probability of dropping a unit")
    return value


def check_matrix(name, value, rows=None, cols=None):
    """Return ``value`` as a finite 2-D float array, checking its shape.

    ``rows`` and ``cols`` are the expected sizes (``None`` accepts any size >= 1).
    """
    array = np.asarray(value, dtype=float)
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array of shape ({rows or 'n'}, m) with examples as columns; "
            f"got shape {array.shape}"
        )
    if array.shape[1] == 0 or array.shape[0] == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}); it needs at least one example (column)")
    if (rows is not None and array.shape[0] != rows) or (cols is not None and array.shape[1] != cols):
        expected = (rows if rows is not None else "any", cols if cols is not None else "any")
        raise ValueError(f"{name} has shape {array.shape}; expected shape {expected}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or inf values; every entry must be finite")
    return array


def check_targets(name, Y, output):
    """Raise ``ValueError`` unless ``Y`` holds valid cross-entropy targets for ``output``.

    Sigmoid outputs need every entry in [0, 1] (0/1 labels, or probabilities);
    softmax outputs need columns of entries in [0, 1] summing to 1 (one-hot).
    Labels coded as ±1 (as for a perceptron) would make the loss negative.
    """
    low, high = float(Y.min()), float(Y.max())
    if low < 0 or high > 1:
        raise ValueError(f"{name} has values from {low:g} to {high:g}; cross-entropy targets must lie in [0, 1] "
                         "(0/1 labels). For labels coded as -1/+1 use (Y + 1) / 2")
    if output == "softmax":
        sums = Y.sum(axis=0)
        if not np.allclose(sums, 1.0):
            raise ValueError(f"{name} columns sum to {sums.min():g} … {sums.max():g}; a softmax output needs "
                             "one-hot columns (symlab.one_hot(labels, K))")
    return Y
