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

#: the learning rate of notebook 00's experiment (and of notebook 10), used by every number it prints
LR = 1.5


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


def epochs_to_learn(epsilon=1e-6, epochs=2000, lr=LR):
    """Epochs to 95% training accuracy of the 2-8-1 tanh net from He's start, from the constant 0.5 start
    moved by ``epsilon · N(0, 1)`` (:func:`symlab.lab.instability.perturbed_start`, seed 0), and from the
    exact constant start. ``lr``: the learning rate (step size of full-batch gradient descent), 1.5 as in
    notebook 00's experiment and notebook 10. Returns a dict label -> epochs (None = not within ``epochs``)."""
    X, Y = make_dataset("circles", 200, 0.1, 0)
    nets = {"he_normal": MLP([2, 8, 1], "tanh", "he_normal", 1.0, 0),
            f"constant + {epsilon:g} noise": perturbed_start(epsilon, 0),
            "constant": perturbed_start(0.0, 0)}
    return {label: epochs_to(train(net, X, Y, epochs=epochs, lr=lr)) for label, net in nets.items()}


def print_answer_numbers():
    """Print the numbers the plain answers cite; returns ``(gradients, epochs)``."""
    gradients = first_gradients()
    epochs = epochs_to_learn()
    # a label line, then an indented line of values: short lines that do not wrap beside a file browser
    print("largest |dW1| on the first step, weights N(0, s²):\n  "
          + "   ".join(f"s = {s:g}: {'0' if v == 0 else f'{v:.1e}'}" for s, v in gradients.items()))
    print(f"epochs to 95% training accuracy (learning rate {LR:g}, 2000 at most):\n  "
          + "   ".join(f"{label}: {'never' if e is None else e}" for label, e in epochs.items()))
    return gradients, epochs


def spread_growth(epsilon=1e-6, every=100, until=400, lr=LR, seed=0):
    """How the difference between the units of a constant start moved by ``epsilon`` grows.

    Trains :func:`symlab.lab.instability.perturbed_start` (``epsilon``, ``seed``) on the circles as
    :func:`epochs_to_learn` does, and returns a dict epoch -> :func:`symlab.row_spread` of ``W1`` at
    epochs 0, ``every``, 2·``every``, … ``until``. Geometric growth: the same factor every ``every``
    epochs, so the time to reach a fixed spread grows with log(1/epsilon).
    """
    from ..metrics import row_spread

    X, Y = make_dataset("circles", 200, 0.1, 0)
    net = perturbed_start(epsilon, seed)
    out = {0: row_spread(net.params["W1"])}
    for epoch in range(every, until + 1, every):
        train(net, X, Y, epochs=every, lr=lr)
        out[epoch] = row_spread(net.params["W1"])
    return out


def growth_steps(growth):
    """The factor by which the spread of a :func:`spread_growth` dict grew over each of its steps."""
    epochs = list(growth)
    return [growth[b] / growth[a] for a, b in zip(epochs, epochs[1:])]


def growth_factors(epsilon=1e-6, seeds=40):
    """The per-100-epoch growth factors of :func:`spread_growth` after epoch 100, over nudges drawn with seeds
    0 … ``seeds``−1 (the same data): a (seeds, 3) array. Shows how much the factor of one run varies."""
    return np.array([growth_steps(spread_growth(epsilon, seed=seed))[1:] for seed in range(seeds)])


def one_start_success(widths=(2, 8)):
    """Fraction of 200 seeds whose single ``xavier_normal`` start solves XOR, per hidden width
    (:func:`symlab.lab.restarts.xor_restarts`, notebook 08). Returns a dict width -> rate."""
    from .restarts import xor_restarts

    return {h: xor_restarts(hidden=h).success_rate for h in widths}


def print_growth_and_width(epsilon=1e-6):
    """Print the numbers behind answers 2 and 4: :func:`spread_growth` (2 significant digits and the factor
    per step) and :func:`one_start_success`; returns ``(growth, success)``."""
    growth = spread_growth(epsilon)
    epochs = list(growth)
    print(f"constant + {epsilon:g} noise, largest difference of two W1 rows, by epoch:\n  "
          + "   ".join(f"{e}: {growth[e]:.1e}" for e in epochs))
    factors = growth_steps(growth)
    # the range is rounded outwards (down, up), so no rounding edge sits near a printed digit
    others = growth_factors(epsilon)
    print(f"growth per {epochs[1]} epochs:\n  ×{factors[0]:.1f} up to epoch {epochs[1]}, then between "
          f"×{np.floor(min(factors[1:])):.0f} and ×{np.ceil(max(factors[1:])):.0f}\n"
          f"  {len(others)} draws of the nudge, after epoch {epochs[1]}: between ×{np.floor(others.min()):.0f} "
          f"and ×{np.ceil(others.max()):.0f}")
    success = one_start_success()
    print("XOR, one xavier_normal start, 200 seeds, share that solves it:\n  "
          + "   ".join(f"{h} hidden units: {rate:.1%}" for h, rate in success.items()))
    return growth, success
