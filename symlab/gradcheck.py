"""Finite-difference gradient check: is backprop right? (CS231n, "Gradient checks")."""

import numpy as np

from .checks import check_matrix, check_positive


def numerical_grads(net, X, Y, eps=1e-6):
    """Central-difference estimate of every ``dW[l]``, ``db[l]``.

    ``(loss(θ + eps) − loss(θ − eps)) / (2 eps)``, one parameter at a time: slow
    (two forward passes per weight), so use it on small nets. Returns a dict with
    the same keys and shapes as the analytic gradients (``"dW1"``, ``"db1"``, …).
    """
    X = check_matrix("X", X, rows=net.layer_sizes[0])
    Y = check_matrix("Y", Y, rows=net.layer_sizes[-1], cols=X.shape[1])
    eps = check_positive("eps", eps)
    grads = {}
    for key, P in net.params.items():
        G = np.zeros_like(P)
        for idx in np.ndindex(P.shape):
            saved = P[idx]
            P[idx] = saved + eps
            plus = net.loss(X, Y)
            P[idx] = saved - eps
            minus = net.loss(X, Y)
            P[idx] = saved
            G[idx] = (plus - minus) / (2 * eps)
        grads["d" + key] = G
    return grads


def check_grad(net, X, Y, eps=1e-6, verbose=True):
    """Compare backprop's gradients with finite differences, parameter by parameter.

    Prints, for each parameter, the largest exact and approximate gradient entry,
    the largest absolute difference, and the relative error
    ``‖exact − approx‖ / (‖exact‖ + ‖approx‖)`` (0 when both are 0). Below about
    1e-7 the backward pass is right; above 1e-3 something is wrong.

    Returns
    -------
    dict
        ``{"dW1": relative_error, …}`` (floats).
    """
    _, cache = net.forward(X)
    exact = net.backward(cache, Y)
    approx = numerical_grads(net, X, Y, eps)
    errors = {}
    lines = [f"{'gradient':>8}  {'max|exact|':>11}  {'max|approx|':>11}  {'max|diff|':>10}  {'rel. error':>10}"]
    for key, A in approx.items():
        E = exact[key]
        denominator = np.linalg.norm(E) + np.linalg.norm(A)
        errors[key] = float(np.linalg.norm(E - A) / denominator) if denominator > 0 else 0.0
        lines.append(f"{key:>8}  {np.max(np.abs(E)):11.3e}  {np.max(np.abs(A)):11.3e}  "
                     f"{np.max(np.abs(E - A)):10.2e}  {errors[key]:10.2e}")
    if verbose:
        print("\n".join(lines))
    return errors


def hessian(net, X, Y, eps=1e-5):
    """The Hessian of the mean loss with respect to every parameter, by central differences of backprop.

    Parameters are flattened in the order of ``net.params`` (``W1``, ``b1``, ``W2``, …, each in C
    order); column i of the result is ``(g(θ + eps·e_i) − g(θ − eps·e_i)) / (2 eps)`` with ``g`` the
    backprop gradient, and the matrix is symmetrised. Shape (P, P) for P parameters — use it on small
    nets. Its eigenvalues tell a minimum (all > 0) from a saddle (some < 0) and show flat directions
    (eigenvalues near 0). Units: nats per (weight unit)².
    """
    X = check_matrix("X", X, rows=net.layer_sizes[0])
    Y = check_matrix("Y", Y, rows=net.layer_sizes[-1], cols=X.shape[1])
    eps = check_positive("eps", eps)
    params = list(net.params.values())
    size = sum(P.size for P in params)

    def gradient():
        _, cache = net.forward(X)
        grads = net.backward(cache, Y)
        return np.concatenate([grads["d" + key].ravel() for key in net.params])

    H = np.empty((size, size))
    column = 0
    for P in params:
        flat = P.reshape(-1)  # a view: changing it changes the net
        for i in range(flat.size):
            saved = flat[i]
            flat[i] = saved + eps
            plus = gradient()
            flat[i] = saved - eps
            minus = gradient()
            flat[i] = saved
            H[:, column] = (plus - minus) / (2 * eps)
            column += 1
    return (H + H.T) / 2
