"""Imitate another learner's machine inside any Python process started with this folder on PYTHONPATH.

Used by ``tests/test_perturbations.py``. Other CPUs round differently (other BLAS kernels,
numpy's SIMD loops for exp and tanh): the environment variables ``OPENBLAS_CORETYPE`` and
``NPY_DISABLE_CPU_FEATURES`` imitate some of that. This file imitates the rest: with
``SYMLAB_JITTER=1e-12`` set, every data set scikit-learn generates or loads (circles, moons,
blobs, the digits) comes back multiplied by ``1 + 1e-12·u``, u a fixed pattern of ±1 — a relative
change of the size that rounding makes. A number that changes under it depends on rounding,
so no learner can be promised it.
"""

import functools
import os

JITTER = float(os.environ.get("SYMLAB_JITTER", "0") or 0)


def _jittered(array):
    import numpy as np

    array = np.asarray(array, dtype=float)
    signs = np.random.default_rng(12345).choice([-1.0, 1.0], size=array.shape)
    return array * (1.0 + JITTER * signs)


def _wrap_generator(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        X, y = function(*args, **kwargs)
        return _jittered(X), y
    return wrapper


def _wrap_loader(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        bunch = function(*args, **kwargs)
        bunch.data = _jittered(bunch.data)
        return bunch
    return wrapper


if JITTER:
    import sklearn.datasets

    sklearn.datasets.make_circles = _wrap_generator(sklearn.datasets.make_circles)
    sklearn.datasets.make_moons = _wrap_generator(sklearn.datasets.make_moons)
    sklearn.datasets.make_blobs = _wrap_generator(sklearn.datasets.make_blobs)
    sklearn.datasets.load_digits = _wrap_loader(sklearn.datasets.load_digits)
