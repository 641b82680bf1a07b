"""Activation functions g(z) and their derivatives g'(z), element-wise on any array.

Each derivative is written, as in Andrew Ng's course, in terms of the
activation's *output* ``A = g(Z)``, which the forward pass has already computed:
tanh'(z) = 1 − a², σ'(z) = a(1 − a), relu'(z) = 1 if a > 0 else 0, linear' = 1.
Nothing overflows: ``sigmoid(±1000)`` is exactly 1.0 / 0.0 without a
RuntimeWarning. Used by :class:`symlab.MLP` for hidden layers; the output layer
is always sigmoid or softmax (see ``symlab.mlp``).
"""

import numpy as np

from .checks import check_choice


def sigmoid(Z):
    """Logistic sigmoid σ(z) = 1 / (1 + e^(−z)), values in [0, 1].

    Computed from e^(−|z|), which never exceeds 1, so no input overflows:
    for z >= 0 it is 1 / (1 + e^(−z)); for z < 0 it is e^z / (1 + e^z).
    """
    Z = np.asarray(Z, dtype=float)
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0 / (1.0 + E), E / (1.0 + E))


def sigmoid_derivative(A):
    """σ'(z) = a(1 − a) with a = σ(z); at most 0.25 (at z = 0), ≈ 0 when |z| is large."""
    return A * (1.0 - A)


def tanh(Z):
    """Hyperbolic tangent, values in [−1, 1]; tanh(0) = 0."""
    return np.tanh(Z)


def tanh_derivative(A):
    """tanh'(z) = 1 − a² with a = tanh(z); 1 at z = 0, ≈ 0 when |z| is large (saturation)."""
    return 1.0 - A * A


def relu(Z):
    """Rectified linear unit max(0, z); relu(0) = 0."""
    return np.maximum(Z, 0.0)


def relu_derivative(A):
    """ReLU'(z) = 1 if z > 0 else 0, from a = relu(z) (a > 0 exactly when z > 0).

    At z = 0 the derivative is undefined; like most frameworks we take it to be 0.
    This matters for an all-zero net: every Z is exactly 0, so no gradient passes.
    """
    return (np.asarray(A) > 0).astype(float)


def linear(Z):
    """Identity g(z) = z (a "linear" layer, no non-linearity)."""
    return np.asarray(Z, dtype=float)


def linear_derivative(A):
    """g'(z) = 1 everywhere."""
    return np.ones_like(A, dtype=float)


#: name -> (g, g') for every hidden activation symlab knows; g' takes A = g(Z).
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "linear": (linear, linear_derivative),
}


def get_activation(name):
    """Return ``(g, g_prime)`` for an activation name; ``g_prime`` takes ``A = g(Z)``.

    Raises ``ValueError`` naming the valid choices for an unknown name.
    """
    check_choice("activation", name, tuple(ACTIVATIONS))
    return ACTIVATIONS[name]
