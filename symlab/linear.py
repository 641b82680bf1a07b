"""Convex models without a hidden layer: where the starting weights do not matter.

Three hand-written models in the course notation (``X`` of shape ``(n_x, m)``,
one example per column; weights ``w`` of shape ``(1, n_x)`` or ``W`` of shape
``(K, n_x)``, one row per output):

* :func:`logistic_regression` — ``p = σ(w x + b)``, mean binary cross-entropy,
  full-batch gradient descent. The loss is convex; when the two classes overlap
  (no line separates them) and the inputs are not all on one line, it is
  *strictly* convex and has exactly one minimum, so every start reaches the same
  weights. :func:`logistic_newton` finds that minimum independently, by Newton's
  method (iteratively reweighted least squares).
* :func:`softmax_regression` — ``p = softmax(W x + b)``, categorical cross-entropy.
  Convex, but not strictly: adding the same vector to every row of ``W`` changes
  no prediction, so the sum of the rows is never changed by a gradient step (the
  gradient's rows sum to 0). From zeros, the two rows of a 2-class model stay
  mirror images, ``W[0] = −W[1]``.
* :func:`perceptron` — Rosenblatt's rule ``w ← w + lr·y·x`` on each mistake
  (labels ±1). On separable data it stops after finitely many mistakes from any
  start, including zero (Novikoff 1962).

:func:`make_separable` draws two Gaussian blobs that a line separates, for the
perceptron. Everything is plain numpy and seeded.

Sources: Bishop, *Pattern Recognition and Machine Learning* (2006), §4.3.2–4.3.3
(logistic regression, IRLS) and §4.1.7 (the perceptron); Novikoff, "On convergence
proofs on perceptrons" (1962).
"""

from dataclasses import dataclass

import numpy as np

from .checks import check_int, check_matrix, check_positive, check_scale
from .activations import sigmoid
from .init import as_rng
from .mlp import cross_entropy, softmax


@dataclass
class LinearFit:
    """A trained linear model and its path.

    Attributes
    ----------
    W : ndarray (K, n_x)
        Final weights (K = 1 for logistic regression and the perceptron).
    b : ndarray (K, 1)
        Final biases.
    path : ndarray (epochs + 1, K, n_x + 1)
        ``[W | b]`` at the start of every epoch and after the last one
        (``path[0]`` = the start).
    loss : ndarray (epochs + 1,)
        Mean cross-entropy (nats) at each entry of ``path``; for the perceptron,
        the number of training points it misclassifies there.
    """

    W: np.ndarray
    b: np.ndarray
    path: np.ndarray
    loss: np.ndarray

    @property
    def theta(self):
        """``[W | b]`` flattened, shape (K · (n_x + 1),): the final parameters as one vector."""
        return np.hstack([self.W, self.b]).ravel()


def _start(W0, b0, K, n_x, name):
    W = np.zeros((K, n_x)) if W0 is None else check_matrix(f"{name}0", W0, rows=K, cols=n_x).copy()
    b = np.zeros((K, 1)) if b0 is None else check_matrix("b0", np.reshape(b0, (-1, 1)), rows=K, cols=1).copy()
    return W, b


def logistic_regression(X, Y, w0=None, b0=None, lr=1.0, epochs=2000):
    """Logistic regression by full-batch gradient descent.

    Parameters
    ----------
    X : array (n_x, m)
    Y : array (1, m) of 0/1 labels
    w0 : array (1, n_x), optional
        Starting weights; default zeros.
    b0 : float or array (1, 1), optional
        Starting bias; default 0.
    lr : float > 0
        Learning rate: ``w -= lr · dw`` with ``dw = (1/m) (p − y) Xᵀ``.
    epochs : int >= 1

    Returns
    -------
    LinearFit
        ``loss`` in nats, computed from the logits (never ``log 0``).

    Raises
    ------
    ValueError
        For shapes that do not match, non-finite entries, ``lr <= 0`` or ``epochs < 1``.
    """
    X = check_matrix("X", X)
    n_x, m = X.shape
    Y = check_matrix("Y", Y, rows=1, cols=m)
    lr = check_positive("lr", lr)
    epochs = check_int("epochs", epochs)
    W, b = _start(w0, b0, 1, n_x, "w")
    path = np.empty((epochs + 1, 1, n_x + 1))
    for epoch in range(epochs + 1):
        path[epoch, :, :n_x], path[epoch, :, n_x:] = W, b
        if epoch == epochs:
            break
        dZ = sigmoid(W @ X + b) - Y          # (1, m)
        W = W - lr * (dZ @ X.T) / m          # dw = (1/m) dZ Xᵀ
        b = b - lr * np.sum(dZ, axis=1, keepdims=True) / m
    # the loss at every point of the path at once: logits (epochs + 1, 1, m), one cross-entropy each
    Z = path[:, :, :n_x] @ X + path[:, :, n_x:]
    loss = cross_entropy(Z, Y, "sigmoid")
    return LinearFit(W, b, path, loss)


def logistic_newton(X, Y, iterations=50, tol=1e-13):
    """The minimum of the logistic-regression loss by Newton's method (IRLS).

    An independent route to the weights gradient descent should reach:
    ``θ ← θ − H⁻¹ g`` with ``g = (1/m) X̃ (p − y)ᵀ`` and
    ``H = (1/m) X̃ diag(p(1 − p)) X̃ᵀ``, where ``X̃`` is ``X`` with a row of ones
    (Bishop 2006, §4.3.3). Converges quadratically when the minimum exists.

    Returns
    -------
    (w, b) : ndarray (1, n_x), ndarray (1, 1)

    Raises
    ------
    ValueError
        For bad shapes, or if the step does not shrink below ``tol`` within
        ``iterations`` (the classes are separable: the loss has no minimum, the
        weights grow for ever).
    """
    X = check_matrix("X", X)
    n_x, m = X.shape
    Y = check_matrix("Y", Y, rows=1, cols=m)
    iterations = check_int("iterations", iterations)
    Xt = np.vstack([X, np.ones((1, m))])
    theta = np.zeros(n_x + 1)
    for _ in range(iterations):
        p = sigmoid(theta @ Xt)
        gradient = Xt @ (p - Y[0]) / m
        hessian = (Xt * (p * (1 - p))) @ Xt.T / m
        step = np.linalg.solve(hessian, gradient)
        theta = theta - step
        if np.max(np.abs(step)) < tol:
            return theta[None, :n_x], theta[None, n_x:]
    raise ValueError(f"iterations={iterations}: Newton's method did not converge; are the classes separable "
                     "by a line? Then the logistic loss has no minimum")


def softmax_regression(X, Y, W0=None, b0=None, lr=1.0, epochs=2000):
    """Softmax (multinomial logistic) regression by full-batch gradient descent.

    Parameters
    ----------
    X : array (n_x, m)
    Y : array (K, m)
        One-hot targets (:func:`symlab.one_hot`), K >= 2.
    W0 : array (K, n_x), optional
        Starting weights, one row per class; default zeros.
    b0 : array (K, 1), optional
        Starting biases; default zeros.
    lr : float > 0
    epochs : int >= 1

    Returns
    -------
    LinearFit
        ``W`` (K, n_x), ``b`` (K, 1); ``loss`` in nats.

    Notes
    -----
    ``dW = (1/m) (P − Y) Xᵀ``; each column of ``P − Y`` sums to 0, so the rows of
    ``dW`` sum to 0 and ``W[0] + … + W[K−1]`` never changes. Started at zero, a
    2-class model keeps ``W[0] = −W[1]``, and ``W[1] − W[0]`` follows logistic
    regression run with twice the learning rate.
    """
    X = check_matrix("X", X)
    n_x, m = X.shape
    Y = check_matrix("Y", Y, cols=m)
    K = Y.shape[0]
    if K < 2:
        raise ValueError(f"Y has {K} row; softmax regression needs one-hot targets with K >= 2 rows")
    lr = check_positive("lr", lr)
    epochs = check_int("epochs", epochs)
    W, b = _start(W0, b0, K, n_x, "W")
    path = np.empty((epochs + 1, K, n_x + 1))
    loss = np.empty(epochs + 1)
    for epoch in range(epochs + 1):
        Z = W @ X + b
        path[epoch] = np.hstack([W, b])
        loss[epoch] = cross_entropy(Z, Y, "softmax")
        if epoch == epochs:
            break
        dZ = softmax(Z) - Y                  # (K, m)
        W = W - lr * (dZ @ X.T) / m
        b = b - lr * np.sum(dZ, axis=1, keepdims=True) / m
    return LinearFit(W, b, path, loss)


def perceptron(X, Y, w0=None, b0=None, lr=1.0, max_epochs=100, seed=0):
    """Rosenblatt's perceptron, one example at a time, until an epoch without mistakes.

    Parameters
    ----------
    X : array (n_x, m)
    Y : array (1, m) of 0/1 labels (used as y = ±1)
    w0 : array (1, n_x), optional
        Starting weights; default zeros.
    b0 : float or array (1, 1), optional
    lr : float > 0
        Step on each mistake, ``w ← w + lr·y·x``, ``b ← b + lr·y``. From a zero
        start it only rescales ``w`` and ``b``, so it changes no prediction.
    max_epochs : int >= 1
        Passes over the data (in a seeded random order each pass).
    seed : int or np.random.Generator

    Returns
    -------
    (LinearFit, converged_at)
        ``path`` and ``loss`` hold one entry per epoch (the start, then after each
        pass); ``loss`` counts the misclassified training points (a point exactly
        on the line counts as a mistake). ``converged_at`` is the first pass with
        no mistake (its weights are final), or ``None`` if ``max_epochs`` ran out.
    """
    X = check_matrix("X", X)
    n_x, m = X.shape
    Y = check_matrix("Y", Y, rows=1, cols=m)
    lr = check_positive("lr", lr)
    max_epochs = check_int("max_epochs", max_epochs)
    rng = as_rng(seed, "seed")
    W, b = _start(w0, b0, 1, n_x, "w")
    signs = 2.0 * Y[0] - 1.0

    def mistakes():
        return int(np.sum(signs * (W @ X + b)[0] <= 0))

    path, loss = [np.hstack([W, b])], [mistakes()]
    converged_at = None
    for epoch in range(1, max_epochs + 1):
        updates = 0
        for i in rng.permutation(m):
            if signs[i] * (W[0] @ X[:, i] + b[0, 0]) <= 0:
                W = W + lr * signs[i] * X[:, i][None, :]
                b = b + lr * signs[i]
                updates += 1
        path.append(np.hstack([W, b]))
        loss.append(mistakes())
        if updates == 0:
            converged_at = epoch
            break
    return LinearFit(W, b, np.array(path), np.array(loss, dtype=float)), converged_at


def make_separable(m=100, gap=0.5, noise=1.0, seed=0):
    """Two Gaussian blobs that the line x₁ + x₂ = 0 separates with a margin.

    Parameters
    ----------
    m : int >= 2
        Points; labels alternate, so an even m gives m/2 of each class.
    gap : float > 0
        Distance of each blob's centre from the line.
    noise : float >= 0
        Standard deviation of each coordinate around the centre. Points that would
        land within ``gap / 4`` of the line (or across it) are redrawn, so the set
        is always separable with margin ``gap / 4``.
    seed : int >= 0

    Returns
    -------
    X : ndarray (2, m), Y : ndarray (1, m) of 0.0/1.0
    """
    m = check_int("m", m, 2)
    gap = check_positive("gap", gap)
    noise = check_scale("noise", noise)
    rng = as_rng(check_int("seed", seed, 0), "seed")
    normal = np.array([1.0, 1.0]) / np.sqrt(2.0)
    Y = (np.arange(m) % 2).astype(float)
    X = np.empty((m, 2))
    for i in range(m):
        sign = 1.0 if Y[i] == 1 else -1.0
        while True:
            x = sign * gap * normal + noise * rng.standard_normal(2)
            if sign * (x @ normal) >= gap / 4:
                break
        X[i] = x
    return X.T, Y[None, :]
