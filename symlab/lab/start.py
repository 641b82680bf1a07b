"""Notebook 00: the numbers behind its plain answers to the four questions learners arrive with.

Each function is small and fast (the notebook opens the course): the first gradient at several
scales (why zero is the slowest start), and how long a constant start moved by a tiny ε takes to
learn (why breaking the symmetry is necessary, and how the size of the difference sets the speed —
notebook 04 measures it fully).
"""

import numpy as np

from ..data import make_dataset
from ..mlp import MLP
from ..train import train
from .instability import perturbed_start
from .runs import epochs_to


def first_gradients(scales=(1e-4, 1e-2, 1.0), hidden=8):
    """Largest ``|dW1|`` entry on the first step of a ``[2, hidden, 1]`` tanh net from N(0, s²) (and from 0).

    Returns a dict scale -> value, with scale 0.0 for the all-zero start. Near 0 both layers are small,
    and ``dW1 = (1/m) (W2ᵀ dZ2 ⊙ g′(Z1)) Xᵀ`` is proportional to ``W2``: the gradient shrinks with the scale.
    """
    X, Y = make_dataset("circles", 200, 0.1, 0)
    out = {}
    for scale in (0.0, *scales):
        net = MLP([2, hidden, 1], "tanh", "normal" if scale else "zeros", scale, seed=0)
        _, cache = net.forward(X)
        out[scale] = float(np.abs(net.backward(cache, Y)["dW1"]).max())
    return out


def epochs_to_learn(epsilon=1e-6, epochs=2000, lr=1.0):
    """Epochs to 95% training accuracy of the 2-8-1 tanh net from He's start, from the constant 0.5 start
    moved by ``epsilon · N(0, 1)`` (:func:`symlab.lab.instability.perturbed_start`, seed 0), and from the
    exact constant start. Returns a dict label -> epochs (None = not within ``epochs``)."""
    X, Y = make_dataset("circles", 200, 0.1, 0)
    nets = {"he_normal": MLP([2, 8, 1], "tanh", "he_normal", 1.0, 0),
            f"constant + {epsilon:g} noise": perturbed_start(epsilon, 0),
            "constant": perturbed_start(0.0, 0)}
    return {label: epochs_to(train(net, X, Y, epochs=epochs, lr=lr)) for label, net in nets.items()}


def print_answer_numbers():
    """Print the numbers the plain answers cite; returns ``(gradients, epochs)``."""
    gradients = first_gradients()
    epochs = epochs_to_learn()
    print("largest |dW1| on the first step, weights N(0, s²):  "
          + "   ".join(f"s = {s:g}: {'0' if v == 0 else f'{v:.1e}'}" for s, v in gradients.items()))
    print("epochs to 95% training accuracy (2000 at most):     "
          + "   ".join(f"{label}: {'never' if e is None else e}" for label, e in epochs.items()))
    return gradients, epochs
