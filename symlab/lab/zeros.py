"""Notebook 03: zeros, constants, and what breaks the symmetry.

* :func:`label_set`, :func:`zero_init_outcome` and :func:`zero_init_table` — the all-zero
  net per activation and label balance;
* :func:`start_run`, :func:`compare_starts` — zeros, constants, tied random rows, ``W2 = 0``,
  ``W1 = 0``, distinct biases, He;
* :func:`zero_layers_table` — one zero layer slows a net down, two in a row stop it.

The figures and the app are in :mod:`symlab.lab.zeros_figures`.
"""

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..checks import check_choice, check_int, check_positive, check_scale
from ..activations import ACTIVATIONS
from ..data import make_dataset
from ..metrics import distinct_units, label_entropy, unit_params
from ..mlp import MLP
from ..train import train
from .runs import HIDDEN_ACTIVATIONS, PROBE, Run, epochs_to, small


# ----------------------------------------------------------- experiments


LABEL_SETS = ("balanced", "unbalanced", "xor")


def label_set(name):
    """The data sets of notebook 03, ``X`` (2, m) and ``Y`` (1, m).

    ``"balanced"``: 200 circles points (noise 0.1, seed 0), exactly 100 of each label.
    ``"unbalanced"``: 40 of its inner-circle points and all 100 outer ones (28.6 %
    label 1). ``"xor"``: 200 XOR points (noise 0.2, seed 0), exactly balanced.
    Raises ``ValueError`` for another name.
    """
    check_choice("labels", name, LABEL_SETS)
    if name == "xor":
        return make_dataset("xor", 200, 0.2, 0)
    X, Y = make_dataset("circles", 200, 0.1, 0)
    if name == "unbalanced":
        keep = np.r_[np.flatnonzero(Y[0] == 1)[:40], np.flatnonzero(Y[0] == 0)]
        X, Y = X[:, keep], Y[:, keep]
    return X, Y


PARAM_NAMES = ("W1", "b1", "W2", "b2")


@dataclass(frozen=True)
class ZeroOutcome:
    """What an all-zero ``[2, H, 1]`` net did (see :func:`zero_init_outcome`).

    Attributes
    ----------
    activation, labels : str
    moved : tuple of str
        The parameters with any non-zero entry after training (``()`` = nothing moved).
    first_step : dict name -> int or None
        The first step (0 = the first update) whose gradient for that parameter was
        non-zero, among the first ``watch`` steps.
    distinct : int
        Distinct hidden units after training (of H).
    final_loss, entropy : float
        Final training loss and the label entropy (nats).
    prior_gap : float
        Largest ``|output − mean(Y)|`` over the training inputs: 0 means the net
        predicts the class prior for every input.
    accuracy : float
    loss : ndarray (epochs,)
        Training loss (nats) at the start of every epoch.
    """

    activation: str
    labels: str
    moved: tuple
    first_step: dict
    distinct: int
    final_loss: float
    entropy: float
    prior_gap: float
    accuracy: float
    loss: np.ndarray = field(repr=False, compare=False, default=None)

    @property
    def verdict(self):
        """A short description computed from the numbers above."""
        if not self.moved:
            return "nothing moves"
        if self.moved == ("b2",):
            return "only b2 moves: predicts the prior"
        if self.distinct == 1:
            order = sorted((step, name) for name, step in self.first_step.items() if step is not None)
            return "moves (" + ", ".join(f"{n}@{s}" for s, n in order) + "), 1 unit"
        return f"{self.distinct} distinct units"


@lru_cache(maxsize=16)
def zero_init_outcome(activation, labels, hidden=4, epochs=3000, lr=1.0, watch=3):
    """Train an all-zero ``[2, hidden, 1]`` net and report what moved (cached).

    Parameters
    ----------
    activation : {"sigmoid", "tanh", "relu"}
    labels : {"balanced", "unbalanced", "xor"}
        See :func:`label_set`.
    hidden : int >= 1
    epochs : int >= 1
        Full-batch gradient-descent steps at learning rate ``lr``.
    watch : int >= 1
        Steps whose gradients are recorded for ``first_step``.

    Returns
    -------
    ZeroOutcome
    """
    check_choice("activation", activation, HIDDEN_ACTIVATIONS)
    X, Y = label_set(labels)
    watch = check_int("watch", watch, 1, epochs)
    net = MLP([2, check_int("hidden", hidden), 1], activation=activation, init="zeros", seed=0)
    history = train(net, X, Y, epochs=epochs, lr=lr, record=range(watch))
    first = {}
    for name in PARAM_NAMES:
        steps = [e for e in range(watch) if np.any(history.snapshots[e].grads["d" + name])]
        first[name] = steps[0] if steps else None
    moved = tuple(name for name in PARAM_NAMES if np.any(net.params[name]))
    out, _ = net.forward(X)
    return ZeroOutcome(activation, labels, moved, first, distinct_units(unit_params(net.params)),
                       history.final_loss, label_entropy(Y), float(np.abs(out - Y.mean()).max()),
                       history.final_accuracy, history.loss)


def zero_init_table(activations=HIDDEN_ACTIVATIONS, labels=LABEL_SETS, **settings):
    """Print the outcome of the all-zero net for every activation × label set.

    ``settings`` go to :func:`zero_init_outcome` (hidden, epochs, lr). Returns the
    :class:`ZeroOutcome` objects, activation by activation.
    """
    def first(o, name):
        return "never" if o.first_step[name] is None else f"step {o.first_step[name]}"

    outcomes = []
    print(f"{'activation':<10} {'labels':<10} {'what moved':<14} {'W2 moves':>8} {'W1 moves':>8}  "
          f"{'loss':>5}  {'label entropy':>13}  {'max|out - prior|':>16}  {'units':>5}")
    for activation in activations:
        for name in labels:
            o = zero_init_outcome(activation, name, **settings)
            outcomes.append(o)
            moved = ", ".join(o.moved) if o.moved else "nothing"
            print(f"{activation:<10} {name:<10} {moved:<14} {first(o, 'W2'):>8} {first(o, 'W1'):>8}  "
                  f"{o.final_loss:>5.3f}  {o.entropy:>13.3f}  {small(o.prior_gap):>16}  {o.distinct:>5}")
    return outcomes


STARTS = ("zeros", "constant", "tied_normal", "zero_W2", "zero_W1", "he_normal")


START_LABELS = {  # scheme names as in symlab.SCHEMES; the two half-zero starts say which layer is 0
    "zeros": "zeros",
    "constant": "constant × 0.5",
    "tied_normal": "tied_normal",
    "zero_W2": "he_normal, W2 = 0",
    "zero_W1": "W1 = 0, he_normal",
    "he_normal": "he_normal",
}


def starting_net(start, activation="tanh", hidden=8, bias_scale=0.0, seed=0):
    """A ``[2, hidden, 1]`` net at one of the starting points of notebook 03.

    Parameters
    ----------
    start : one of :data:`STARTS`
        ``zeros``; ``constant`` (every weight 0.5); ``tied_normal`` (one random
        N(0, 1) row copied into every row of ``W1``, one random outgoing weight
        shared by all units); ``zero_W2`` (He-random ``W1``, then ``W2`` set to 0);
        ``zero_W1`` (``W1`` set to 0, He-random ``W2``); ``he_normal``.
    bias_scale : float >= 0
        Biases drawn N(0, bias_scale²) instead of 0 (see :class:`symlab.MLP`).
    seed : int >= 0
    """
    check_choice("start", start, STARTS)
    if start in ("zero_W2", "zero_W1"):
        net = MLP([2, hidden, 1], activation, "he_normal", 1.0, seed, bias_scale=bias_scale)
        net.params[start[-2:]][:] = 0.0
        return net
    scale = {"zeros": 0.0, "constant": 0.5, "tied_normal": 1.0, "he_normal": 1.0}[start]
    return MLP([2, hidden, 1], activation, start, scale, seed, bias_scale=bias_scale)


def start_run(start="constant", activation="tanh", labels="balanced", hidden=8, bias_scale=0.0, seed=0,
              lr=1.5, epochs=300, record_every=5):
    """Train a net from one of :data:`STARTS` and record it (cached, like ``symmetry_run``).

    Snapshots are kept at epochs 0, 1, 2 and every ``record_every`` epochs. Returns
    a :class:`symlab.lab.runs.Run` (its ``settings`` hold these arguments).

    Raises
    ------
    ValueError
        For an unknown start, activation or label set, or a bad number.
    """
    check_choice("start", start, STARTS)
    check_choice("activation", activation, tuple(ACTIVATIONS))
    check_choice("labels", labels, LABEL_SETS)
    return _start_run(start, activation, labels, check_int("hidden", hidden, 1, 256),
                      check_scale("bias_scale", bias_scale), check_int("seed", seed, 0), check_positive("lr", lr),
                      check_int("epochs", epochs), check_int("record_every", record_every))


@lru_cache(maxsize=32)
def _start_run(start, activation, labels, hidden, bias_scale, seed, lr, epochs, record_every):
    X, Y = label_set(labels)
    net = starting_net(start, activation, hidden, bias_scale, seed)
    record = sorted({0, 1, 2, epochs} | set(range(0, epochs + 1, record_every)))
    history = train(net, X, Y, epochs=epochs, lr=lr, record=record, probe=PROBE)
    settings = dict(start=start, activation=activation, labels=labels, hidden=hidden, bias_scale=bias_scale,
                    seed=seed, lr=lr, epochs=epochs, record_every=record_every)
    return Run(settings, net, history, X, Y, PROBE, label_entropy(Y))


def start_summary(run):
    """The numbers notebook 03 states about a :func:`start_run`, as a dict.

    ``distinct`` (units after training), ``dW1_step0``/``dW1_step1`` (largest
    ``|dW1|`` entry of the first and second step), ``final_loss``, ``accuracy``,
    ``chance`` (label entropy), ``to95`` (epochs to 95 % training accuracy or None).
    """
    h = run.history
    return dict(distinct=distinct_units(unit_params(run.net.params)), hidden=run.settings["hidden"],
                dW1_step0=float(np.abs(h.snapshots[0].grads["dW1"]).max()),
                dW1_step1=float(np.abs(h.snapshots[1].grads["dW1"]).max()),
                final_loss=h.final_loss, accuracy=h.final_accuracy, chance=run.chance, to95=epochs_to(h))


def compare_starts(cases, show_accuracy=True, **settings):
    """Train one :func:`start_run` per ``(start, bias_scale)`` and print a table.

    ``show_accuracy=False`` leaves out the final accuracy: after thousands of steps one point near
    the boundary can end on either side on another CPU, so a long run's accuracy is not printed.
    Returns the summaries (:func:`start_summary`, with ``start`` and ``bias_scale`` added).
    """
    rows = []
    accuracy = f"  {'accuracy':>8}" if show_accuracy else ""
    print(f"{'start':<18} {'biases':>10}  {'max|dW1| step 0':>15}  {'step 1':>8}  {'distinct units':>14}  "
          f"{'final loss':>10}{accuracy}  {'epochs to 95%':>13}")
    for start, bias_scale in cases:
        run = start_run(start=start, bias_scale=bias_scale, **settings)
        row = dict(start=start, bias_scale=bias_scale, **start_summary(run))
        rows.append(row)
        biases = "0" if bias_scale == 0 else f"N(0, {bias_scale:g}²)"
        to95 = "never" if row["to95"] is None else str(row["to95"])
        print(f"{START_LABELS[start]:<18} {biases:>10}  {row['dW1_step0']:>15.1e}  {row['dW1_step1']:>8.1e}  "
              f"{row['distinct']:>7} of {row['hidden']:<4}  {row['final_loss']:>10.2f}"
              + (f"  {row['accuracy']:>8.1%}" if show_accuracy else "") + f"  {to95:>13}")
    return rows


def zero_layers(zero=("W1", "W2"), activation="tanh", hidden=8, epochs=3000, lr=1.5, labels="balanced"):
    """A ``[2, hidden, hidden, 1]`` He-initialised net with the layers named in ``zero`` set to 0, trained.

    Two zero layers in a row stop every gradient that would reach them: for tanh or ReLU (g(0) = 0),
    with ``W1 = W2 = 0`` the first hidden layer outputs 0 for every input, ``dW2 = dZ2 A1ᵀ = 0`` and
    ``dW1 = W2ᵀ dZ2 ⊙ … = 0``, for ever; only biases can move. One zero layer only slows the start.

    Returns a dict: ``zero``, ``moved`` (names of the parameters that changed), ``final_loss`` (nats),
    ``accuracy``, ``to95`` (epochs to 95 % training accuracy, or None), ``chance``.
    """
    X, Y = label_set(labels)
    net = MLP([2, hidden, hidden, 1], activation, "he_normal", 1.0, 0)
    for name in zero:
        check_choice("zero", name, ("W1", "W2", "W3"))
        net.params[name][:] = 0.0
    start = {k: v.copy() for k, v in net.params.items()}
    history = train(net, X, Y, epochs=epochs, lr=lr)
    return dict(zero=tuple(zero), moved=tuple(k for k in net.params if np.any(net.params[k] != start[k])),
                final_loss=history.final_loss, accuracy=history.final_accuracy, to95=epochs_to(history),
                chance=label_entropy(Y))


def zero_layers_table(cases=(("W1",), ("W2",), ("W1", "W2"), ("W2", "W3")), **settings):
    """Print :func:`zero_layers` for each set of zero layers (a 2-8-8-1 tanh net, 3000 steps); returns the rows."""
    rows = [zero_layers(zero, **settings) for zero in cases]
    print(f"{'zero layers':<12} {'parameters that moved':<36} {'final loss':>10} {'accuracy':>9} {'epochs to 95%':>14}")
    for row in rows:
        moved = ", ".join(row["moved"]) or "none"
        to95 = "never" if row["to95"] is None else str(row["to95"])
        print(f"{' and '.join(row['zero']):<12} {moved:<36} {row['final_loss']:>10.2f} {row['accuracy']:>9.1%} "
              f"{to95:>14}")
    return rows


def zero_layers_verdict(row, margin=0.01):
    """``"learns"`` (reaches 95 % training accuracy), ``"stuck at chance"`` (final loss within
    ``margin`` nats of the label entropy) or ``"partly"``, for a :func:`zero_layers` row."""
    if row["to95"] is not None:
        return "learns"
    return "stuck at chance" if abs(row["final_loss"] - row["chance"]) < margin else "partly"


def zero_layers_conditions(cases=(("W1", "W2"), ("W2", "W3")), activations=HIDDEN_ACTIVATIONS,
                           labels=("balanced", "unbalanced"), **settings):
    """Print :func:`zero_layers` for two zero layers in a row × hidden activation × label balance.

    Whether two zero layers stop a net depends on g(0): with tanh or ReLU (g(0) = 0) a zero layer
    outputs 0 and blocks every gradient; with sigmoid (g(0) = 1/2) it outputs a constant 1/2, so
    on unbalanced labels (output error with non-zero mean) the layer above still gets a gradient.
    ``settings`` go to :func:`zero_layers` (hidden, epochs, lr). Returns the rows, each with
    ``activation``, ``labels`` and ``verdict`` (:func:`zero_layers_verdict`) added.
    """
    rows = []
    print(f"{'zero layers':<12} {'activation':<10} {'labels':<10} {'weights that moved':<19} {'final loss':>10} "
          f"{'chance':>6} {'epochs to 95%':>14}  verdict")
    for zero in cases:
        for activation in activations:
            for name in labels:
                row = dict(zero_layers(zero, activation=activation, labels=name, **settings),
                           activation=activation, labels=name)
                row["verdict"] = zero_layers_verdict(row)
                rows.append(row)
                weights = ", ".join(k for k in row["moved"] if k.startswith("W")) or "none"
                to95 = "never" if row["to95"] is None else str(row["to95"])
                print(f"{' and '.join(zero):<12} {activation:<10} {name:<10} {weights:<19} {row['final_loss']:>10.2f} "
                      f"{row['chance']:>6.2f} {to95:>14}  {row['verdict']}")
    return rows
