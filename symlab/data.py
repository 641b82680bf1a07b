"""Small seeded data sets in the course convention: ``X`` (n_x, m), ``Y`` (1, m).

The 2-D sets all lie roughly inside the square [−1.5, 1.5]², so plots of
different sets share axes. Circles and moons come from scikit-learn's
generators; scikit-learn has no XOR generator, so :func:`make_dataset` builds
four Gaussian blobs.
"""

import numpy as np

from .checks import check_choice, check_int, check_scale

DATASETS = ("circles", "moons", "xor")


def make_dataset(name="circles", m=200, noise=0.1, seed=0):
    """A 2-D binary classification set.

    Parameters
    ----------
    name : {"circles", "moons", "xor"}
        ``circles``: ``sklearn.datasets.make_circles`` (inner radius 0.5, outer 1,
        label 1 = inner circle). ``moons``: ``sklearn.datasets.make_moons``, shifted
        so its centre is the origin. ``xor``: blobs around (±1, ±1), label 1 where
        the signs of x₁ and x₂ differ.
    m : int >= 2
        Number of examples. For circles, moons and even-sized xor the two labels
        are exactly balanced (m/2 each) when m is even.
    noise : float >= 0
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int
        Seed of the draw: the same seed gives the same points.

    Returns
    -------
    X : ndarray (2, m)
    Y : ndarray (1, m) of 0.0/1.0

    Raises
    ------
    ValueError
        Unknown name, m < 2, negative or non-finite noise, negative seed.
    """
    check_choice("name", name, DATASETS)
    m = check_int("m", m, 2)
    noise = check_scale("noise", noise)
    seed = check_int("seed", seed, 0)
    import sklearn.datasets  # here, not at the top: `import symlab` loads numpy only

    if name == "circles":
        X, y = sklearn.datasets.make_circles(m, noise=noise, factor=0.5, random_state=seed)
    elif name == "moons":
        X, y = sklearn.datasets.make_moons(m, noise=noise, random_state=seed)
        X = X - np.array([0.5, 0.25])
    else:
        rng = np.random.default_rng(seed)
        corner = np.arange(m) % 4            # 0: (-1,-1), 1: (-1,1), 2: (1,1), 3: (1,-1)
        centres = np.array([[-1, -1], [-1, 1], [1, 1], [1, -1]], dtype=float)
        X = centres[corner] + noise * rng.standard_normal((m, 2))
        y = corner % 2                       # signs differ at corners 1 and 3
        order = rng.permutation(m)
        X, y = X[order], y[order]
    return X.T.astype(float), y.reshape(1, -1).astype(float)


def one_hot(labels, n_classes):
    """One-hot targets ``Y`` (n_classes, m) from integer labels of shape (m,)."""
    labels = np.asarray(labels)
    n_classes = check_int("n_classes", n_classes, 2)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(f"labels must be a non-empty 1-D array of class indices; got shape {labels.shape}")
    if labels.min() < 0 or labels.max() >= n_classes or not np.all(labels == np.round(labels)):
        raise ValueError(f"labels must be integers in [0, {n_classes - 1}]; got values "
                         f"from {labels.min()} to {labels.max()}")
    Y = np.zeros((n_classes, labels.size))
    Y[labels.astype(int), np.arange(labels.size)] = 1.0
    return Y
