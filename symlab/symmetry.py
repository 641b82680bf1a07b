"""The experiments of the symmetry chapter (notebooks 02–05), as numbers.

Each function here runs a small seeded experiment and returns (or prints) the
numbers a notebook states; the tests assert them on the same settings.

* notebook 02 — :func:`constant_rows_table` (rows of ``W1`` stay identical under
  constant init), :func:`label_switches` and :func:`width_table` (a constant-init
  net of any width draws one straight line);
* notebook 03 — :func:`label_set`, :func:`zero_init_outcome` and
  :func:`zero_init_table` (the all-zero net per activation and label balance),
  :func:`start_run` and :func:`compare_starts` (zeros, constants, tied random rows,
  ``W2 = 0``, distinct biases, He);
* notebook 04 — :func:`dropout_run`, :func:`dropout_table` and
  :func:`minibatch_spread` (does dropout break the symmetry, and how well);
* notebook 05 — :func:`convex_starts`, :func:`softmax_mirror`,
  :func:`perceptron_starts` (from any start a convex model reaches the same
  weights, or an equally good line) against :func:`hidden_layer_starts`,
  :func:`hidden_segment` and :func:`symmetric_average` (a hidden layer's loss is
  not convex, and its start decides which units exist).

Conventions as in :mod:`symlab.mlp`: ``W1`` has shape ``(H, n_x)``, row j is hidden
unit j's incoming weights; losses are mean cross-entropies in nats.
"""

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ._checks import check_choice, check_int, check_positive, check_probability, check_scale
from .activations import ACTIVATIONS
from .data import make_dataset
from .experiments import PROBE_X1, Run, symmetry_run
from .init import as_rng
from .linear import logistic_newton, logistic_regression
from .metrics import distinct_units, label_entropy, row_spread, unit_params
from .mlp import MLP
from .train import train

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
PROBE = np.vstack([PROBE_X1, np.zeros_like(PROBE_X1)])


def small(x, floor=1e-11):
    """Format a non-negative number that is 0 up to rounding: ``"0"``, ``"< 1e-11"`` or ``"3.2e-05"``.

    Values below ``floor`` are rounding error, whose last digits can differ between
    machines (BLAS builds, CPUs); printing only the bound keeps notebook outputs identical.
    """
    x = float(x)
    if x == 0:
        return "0"
    return f"< {floor:.0e}" if abs(x) < floor else f"{x:.1e}"


def epochs_to(history, accuracy=0.95):
    """First epoch at whose start the training accuracy is >= ``accuracy``, or ``None``."""
    reached = np.flatnonzero(np.asarray(history.accuracy) >= accuracy)
    if len(reached):
        return int(reached[0])
    return len(history.loss) if history.final_accuracy >= accuracy else None


# ------------------------------------------------------------------ notebook 02
def constant_rows_table(activations=HIDDEN_ACTIVATIONS, hidden=4, epochs=3000, lr=1.0, scale=0.5, seed=0):
    """Train constant-init ``[2, hidden, 1]`` nets on circles and measure their rows.

    For each activation: how far ``W1`` moved from its start (``moved``, the largest
    change of one weight), the row spread of ``W1`` (0 = all rows identical, see
    :func:`symlab.row_spread`) and the number of distinct units after ``epochs``
    full-batch steps. Data: 200 circles points, noise 0.1, seed ``seed``.

    Prints one line per activation and returns the rows as dicts.
    """
    X, Y = make_dataset("circles", 200, 0.1, seed)
    rows = []
    print(f"{'activation':<10} {'W1 moved by':>11}  {'row spread of W1':>16}  {'distinct units':>14}  accuracy")
    for activation in activations:
        check_choice("activation", activation, HIDDEN_ACTIVATIONS)
        net = MLP([2, hidden, 1], activation=activation, init="constant", scale=scale, seed=seed)
        start = net.params["W1"].copy()
        history = train(net, X, Y, epochs=epochs, lr=lr)
        row = dict(activation=activation, moved=float(np.abs(net.params["W1"] - start).max()),
                   spread=row_spread(net.params["W1"]), distinct=distinct_units(unit_params(net.params)),
                   hidden=hidden, accuracy=history.final_accuracy)
        rows.append(row)
        print(f"{activation:<10} {row['moved']:>11.3f}  {row['spread']:>16.1e}  "
              f"{row['distinct']:>7} of {hidden:<4}  {row['accuracy']:.1%}")
    return rows


ROW_SCHEMES = {"constant": 0.5, "tied_normal": 1.0, "he_normal": 1.0}


def rows_run(scheme="constant", activation="tanh"):
    """The 2-4-1 run of notebook 02, every epoch recorded.

    :func:`symlab.experiments.symmetry_run` (cached) with ``hidden=4``,
    ``record_every=1`` and its defaults otherwise: 200 circles points, 200
    full-batch steps at learning rate 1.5. ``scheme`` is ``constant`` (0.5),
    ``tied_normal`` (1.0) or ``he_normal`` (1.0).
    """
    check_choice("scheme", scheme, tuple(ROW_SCHEMES))
    return symmetry_run(scheme=scheme, scale=ROW_SCHEMES[scheme], activation=activation, hidden=4, record_every=1)


def rows_table(activation="tanh", epochs=(0, 1, 100, 200)):
    """Row spread of ``W1`` at several epochs of :func:`rows_run`, per scheme; prints a table.

    Returns a dict ``scheme -> dict`` with ``spread`` (list, one per epoch),
    ``distinct`` (units at the end) and ``accuracy`` (final training accuracy).
    """
    table = {}
    header = "".join(f"{'epoch ' + str(e):>10}" for e in epochs)
    print(f"{'':<12}{'row spread of W1 at':^{10 * len(epochs)}}".rstrip())
    print(f"{'scheme':<12}{header}  {'distinct units':>14}  {'accuracy':>8}")
    for scheme in ROW_SCHEMES:
        run = rows_run(scheme, activation)
        spreads = [row_spread(run.history.snapshot(e).params["W1"]) for e in epochs]
        table[scheme] = dict(spread=spreads, distinct=distinct_units(unit_params(run.net.params)),
                             accuracy=run.history.final_accuracy)
        cells = "".join(f"{x:>10.3g}" for x in spreads)
        print(f"{scheme:<12}{cells}  {table[scheme]['distinct']:>9} of 4  {run.history.final_accuracy:>8.1%}")
    return table


def grid_points(lim=1.6, resolution=200):
    """A ``resolution`` × ``resolution`` grid over [−lim, lim]², as inputs of shape (2, resolution²)."""
    g = np.linspace(-lim, lim, check_int("resolution", resolution, 2))
    G1, G2 = np.meshgrid(g, g)
    return np.vstack([G1.ravel(), G2.ravel()])


def label_switches(net, points=None, unit=0):
    """How often the predicted label changes along the direction of one hidden unit.

    Sorts ``points`` (2, P) by ``u = W1[unit]·x + b1[unit]`` — the input of hidden
    unit ``unit`` — and counts the changes of the predicted label along that
    order. If every hidden unit is a copy of that one, the output is a monotone
    function of ``u`` alone (the sum of H equal, monotone curves), so the label
    changes at most **once**: the decision boundary is the straight line
    ``u = const``. A net whose units differ can switch many times.

    Parameters
    ----------
    net : MLP with a sigmoid output
    points : array (2, P), optional
        Default: a 200 × 200 grid over [−1.6, 1.6]² (:func:`grid_points`).

    Returns
    -------
    int >= 0
    """
    points = grid_points() if points is None else points
    u = net.params["W1"][unit] @ points + net.params["b1"][unit, 0]
    labels = net.predict(points)[0][np.argsort(u, kind="stable")]
    return int(np.count_nonzero(np.diff(labels)))


def width_table(widths=(2, 8, 32), random_hidden=8, **settings):
    """Constant-init nets of several widths against one random-init net, on circles.

    Uses :func:`symlab.experiments.symmetry_run` (defaults: tanh, 200 steps at
    learning rate 1.5, constant 0.5 / He). For each: distinct units, final
    training accuracy and :func:`label_switches` (1 = the boundary is one line).
    Prints a table and returns the rows.
    """
    rows = []
    print(f"{'init':<10} {'H':>3}  {'distinct units':>14}  {'train accuracy':>14}  {'label switches along u':>22}")
    cases = [("constant", 0.5, H) for H in widths] + [("he_normal", 1.0, random_hidden)]
    for scheme, scale, H in cases:
        run = symmetry_run(scheme=scheme, scale=scale, hidden=H, **settings)
        row = dict(scheme=scheme, hidden=H, distinct=distinct_units(unit_params(run.net.params)),
                   accuracy=run.history.final_accuracy, switches=label_switches(run.net))
        rows.append(row)
        print(f"{scheme:<10} {H:>3}  {row['distinct']:>7} of {H:<4}  {row['accuracy']:>14.1%}  {row['switches']:>22}")
    return rows


# ------------------------------------------------------------------ notebook 03
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


STARTS = ("zeros", "constant", "tied_normal", "zero_W2", "he_normal")
START_LABELS = {
    "zeros": "all zeros",
    "constant": "constant 0.5",
    "tied_normal": "tied random rows",
    "zero_W2": "random W1, W2 = 0",
    "he_normal": "He random",
}


def starting_net(start, activation="tanh", hidden=8, bias_scale=0.0, seed=0):
    """A ``[2, hidden, 1]`` net at one of the starting points of notebook 03.

    Parameters
    ----------
    start : one of :data:`STARTS`
        ``zeros``; ``constant`` (every weight 0.5); ``tied_normal`` (one random
        N(0, 1) row copied into every row of ``W1``, one random outgoing weight
        shared by all units); ``zero_W2`` (He-random ``W1``, then ``W2`` set to 0);
        ``he_normal``.
    bias_scale : float >= 0
        Biases drawn N(0, bias_scale²) instead of 0 (see :class:`symlab.MLP`).
    seed : int >= 0
    """
    check_choice("start", start, STARTS)
    if start == "zero_W2":
        net = MLP([2, hidden, 1], activation, "he_normal", 1.0, seed, bias_scale=bias_scale)
        net.params["W2"][:] = 0.0
        return net
    scale = {"zeros": 0.0, "constant": 0.5, "tied_normal": 1.0, "he_normal": 1.0}[start]
    return MLP([2, hidden, 1], activation, start, scale, seed, bias_scale=bias_scale)


def start_run(start="constant", activation="tanh", labels="balanced", hidden=8, bias_scale=0.0, seed=0,
              lr=1.5, epochs=300, record_every=5):
    """Train a net from one of :data:`STARTS` and record it (cached, like ``symmetry_run``).

    Snapshots are kept at epochs 0, 1, 2 and every ``record_every`` epochs. Returns
    a :class:`symlab.experiments.Run` (its ``settings`` hold these arguments).

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


def compare_starts(cases, **settings):
    """Train one :func:`start_run` per ``(start, bias_scale)`` and print a table.

    Returns the summaries (:func:`start_summary`, with ``start`` and ``bias_scale`` added).
    """
    rows = []
    print(f"{'start':<18} {'biases':>10}  {'max|dW1| step 0':>15}  {'step 1':>8}  {'distinct units':>14}  "
          f"{'final loss':>10}  {'accuracy':>8}  {'epochs to 95%':>13}")
    for start, bias_scale in cases:
        run = start_run(start=start, bias_scale=bias_scale, **settings)
        row = dict(start=start, bias_scale=bias_scale, **start_summary(run))
        rows.append(row)
        biases = "0" if bias_scale == 0 else f"N(0, {bias_scale:g}²)"
        to95 = "never" if row["to95"] is None else str(row["to95"])
        print(f"{START_LABELS[start]:<18} {biases:>10}  {row['dW1_step0']:>15.1e}  {row['dW1_step1']:>8.1e}  "
              f"{row['distinct']:>7} of {row['hidden']:<4}  {row['final_loss']:>10.3f}  {row['accuracy']:>8.1%}  "
              f"{to95:>13}")
    return rows


# ------------------------------------------------------------------ notebook 04
@dataclass(frozen=True)
class DropoutRun:
    """A ``[2, H, 1]`` tanh net trained on circles with dropout (see :func:`dropout_run`).

    Attributes
    ----------
    run : symlab.experiments.Run
    epochs : ndarray (R,)
        The recorded epochs.
    spread : ndarray (R,)
        Row spread of ``W1`` at each recorded epoch (0 = every row identical).
    """

    run: Run
    epochs: np.ndarray
    spread: np.ndarray

    @property
    def history(self):
        return self.run.history


def dropout_run(p=0.2, init="constant", seed=0, hidden=8, epochs=1000, lr=1.0, record_every=10):
    """Train a ``[2, hidden, 1]`` tanh net on 200 circles points with inverted dropout ``p`` (cached).

    Parameters
    ----------
    p : float in [0, 1)
        Probability of dropping each hidden output, per example and step; 0 = no dropout.
    init : {"constant", "he_normal"}
        Constant 0.5 (symmetric) or He's random init.
    seed : int >= 0
        Seeds the He weights and the dropout masks (the data are always seed 0).
    epochs, lr : full-batch steps and learning rate (the loss is recorded without dropout).
    record_every : int
        Interval of the recorded row spread (epochs); epochs 0 and 1 are always recorded.

    Returns
    -------
    DropoutRun
    """
    return _dropout_run(check_probability("p", p), check_choice("init", init, ("constant", "he_normal")),
                        check_int("seed", seed, 0), check_int("hidden", hidden, 1, 256), check_int("epochs", epochs),
                        check_positive("lr", lr), check_int("record_every", record_every))


@lru_cache(maxsize=64)
def _dropout_run(p, init, seed, hidden, epochs, lr, record_every):
    X, Y = make_dataset("circles", 200, 0.1, 0)
    net = MLP([2, hidden, 1], "tanh", init, 0.5 if init == "constant" else 1.0, seed)
    record = sorted(set(range(0, epochs + 1, record_every)) | {1, epochs})
    history = train(net, X, Y, epochs=epochs, lr=lr, dropout=p, seed=seed + 1000, record=record, probe=PROBE)
    spread = np.array([row_spread(history.snapshots[e].params["W1"]) for e in record])
    settings = dict(p=p, init=init, seed=seed, hidden=hidden, epochs=epochs, lr=lr, record_every=record_every)
    return DropoutRun(Run(settings, net, history, X, Y, PROBE, label_entropy(Y)), np.array(record), spread)


SPLIT_LEVEL = 0.1  # row spread (weight units) taken as "the units have split"


def dropout_summary(d, at=200):
    """Numbers of one :class:`DropoutRun`: spreads, losses, accuracy, epochs to 95 %.

    ``spread_first`` is the row spread of ``W1`` after the first step (epoch 1),
    ``spread_at`` at epoch ``at`` (the latest recorded epoch at or before it),
    ``spread_end`` after training; ``loss_at`` is the training loss at epoch ``at``;
    ``split_at`` the first recorded epoch with a row spread >= :data:`SPLIT_LEVEL`
    (``None`` if never).
    """
    h = d.history
    index = np.searchsorted(d.epochs, at, side="right") - 1
    split = np.flatnonzero(d.spread >= SPLIT_LEVEL)
    return dict(p=d.run.settings["p"], init=d.run.settings["init"], seed=d.run.settings["seed"],
                spread_first=float(d.spread[1]), spread_at=float(d.spread[index]), spread_end=float(d.spread[-1]),
                loss_at=float(h.loss[min(at, len(h.loss) - 1)]), final_loss=h.final_loss,
                accuracy=h.final_accuracy, to95=epochs_to(h),
                distinct=distinct_units(unit_params(d.run.net.params)), hidden=d.run.settings["hidden"],
                split_at=int(d.epochs[split[0]]) if len(split) else None)


def dropout_table(cases=(("constant", 0.2), ("he_normal", 0.2), ("he_normal", 0.0)), seeds=range(5), at=200,
                  **settings):
    """Print, per ``(init, p)``, the mean over ``seeds`` of the numbers of :func:`dropout_summary`.

    Also prints the range (min–max over seeds) of the epochs to 95 % accuracy.
    Returns a dict ``(init, p) -> list of summaries`` (one per seed).
    """
    table = {}
    print(f"{'init':<10} {'dropout':>7}  {'row spread after step 1':>23}  {'loss at ' + str(at):>11}  "
          f"{'final loss':>10}  {'accuracy':>8}  {'epochs to 95%':>13}")
    for init, p in cases:
        rows = [dropout_summary(dropout_run(p, init, seed, **settings), at) for seed in seeds]
        table[(init, p)] = rows
        to95 = [r["to95"] for r in rows]
        span = "never" if None in to95 else f"{min(to95)}-{max(to95)}"
        print(f"{init:<10} {p:>7g}  {np.mean([r['spread_first'] for r in rows]):>23.1e}  "
              f"{np.mean([r['loss_at'] for r in rows]):>11.3f}  {np.mean([r['final_loss'] for r in rows]):>10.3f}  "
              f"{np.mean([r['accuracy'] for r in rows]):>8.1%}  {span:>13}")
    return table


def dropout_verdict(table):
    """Print the verdict of :func:`dropout_table` in words, every number computed from ``table``.

    ``table`` must hold ``("constant", p)``, ``("he_normal", p)`` (the same p > 0) and
    ``("he_normal", 0.0)``. Returns a dict: ``p``, ``all_distinct`` (every constant +
    dropout run ended with all units distinct), ``spread_ratio`` (He's row spread after
    one step over dropout's, mean over seeds), ``slowdown`` (min and max over seeds of
    the constant + dropout run's epochs to 95 % divided by He's without dropout, same
    seed; ``None`` if a run never got there).
    """
    p = next(p for init, p in table if init == "constant")
    constant, he = table[("constant", p)], table[("he_normal", 0.0)]
    split = [r["split_at"] for r in constant]
    distinct_runs = sum(r["distinct"] == r["hidden"] for r in constant)
    spread_ratio = float(np.mean([r["spread_first"] for r in he]) / np.mean([r["spread_first"] for r in constant]))
    ratios = [c["to95"] / h["to95"] for c, h in zip(constant, he) if c["to95"] and h["to95"]]
    slowdown = (min(ratios), max(ratios)) if len(ratios) == len(constant) else None
    print(f"With dropout p = {p:g}, the constant start ended with all units distinct in "
          f"{distinct_runs} of {len(constant)} seeds: dropout does break the symmetry.")
    print(f"But it starts {spread_ratio:.0f} times less different than He's random start (row spread after one step),")
    print(f"its row spread stays below {SPLIT_LEVEL:g} until epoch {min(split)} to {max(split)},")
    if slowdown is None:
        print("and some runs never reached 95% training accuracy.")
    else:
        print(f"and it needs {slowdown[0]:.1f} to {slowdown[1]:.1f} times as many epochs (seed by seed) "
              f"as He's start without dropout "
              "to reach 95% training accuracy.")
    return dict(p=p, all_distinct=distinct_runs == len(constant), spread_ratio=spread_ratio, slowdown=slowdown,
                split=(min(split), max(split)))


def minibatch_spread(batch_size=20, epochs=100, lr=0.5, seed=0):
    """Row spread of ``W1`` after mini-batch gradient descent from a constant start (no dropout).

    A ``[2, 8, 1]`` tanh net, constant 0.5, 200 circles points, shuffled
    mini-batches of ``batch_size``. Every batch still gives identical rows of
    ``dW1``, so the spread stays exactly 0: shuffling alone breaks nothing.
    """
    X, Y = make_dataset("circles", 200, 0.1, 0)
    net = MLP([2, 8, 1], "tanh", "constant", 0.5, 0)
    train(net, X, Y, epochs=epochs, lr=lr, batch_size=batch_size, seed=seed)
    return row_spread(net.params["W1"])


# ------------------------------------------------------------------ notebook 05
def convex_data():
    """The data of notebook 05: 200 moons points with noise 0.2 (seed 0); no line separates them."""
    return make_dataset("moons", 200, 0.2, 0)


def random_start(scale=3.0, seed=1, n_x=2):
    """A random logistic-regression start: ``w0`` (1, n_x) and ``b0`` (1, 1), entries N(0, scale²)."""
    rng = as_rng(check_int("seed", seed, 0), "seed")
    scale = check_scale("scale", scale)
    w0 = scale * rng.standard_normal((1, n_x))
    return w0, scale * rng.standard_normal((1, 1))


@lru_cache(maxsize=32)
def logistic_from(start_scale, seed, lr=1.0, epochs=3000):
    """Logistic regression on :func:`convex_data` from zeros (``start_scale=0``) or a :func:`random_start`."""
    X, Y = convex_data()
    w0, b0 = (None, None) if start_scale == 0 else random_start(start_scale, seed)
    return logistic_regression(X, Y, w0, b0, lr=lr, epochs=epochs)


def convex_starts(seeds=range(1, 6), scale=3.0, lr=1.0, epochs=3000):
    """Logistic regression from zeros and from random starts: do they reach the same weights?

    Returns a dict: ``optimum`` (Newton's ``[w | b]``, shape (3,)); ``zero`` and
    ``random`` (final ``[w | b]`` from zeros and per seed); ``distance_start``,
    ``distance_end`` (largest ``|θ_random − θ_zero|`` entry at the start and after
    ``epochs``, per seed); ``to_optimum`` (largest distance of any final θ from
    Newton's); ``losses`` (final loss from zeros, then per seed, nats);
    ``accuracy`` (training accuracy of the minimum). Prints a table.
    """
    X, Y = convex_data()
    w, b = logistic_newton(X, Y)
    optimum = np.hstack([w, b]).ravel()
    zero = logistic_from(0.0, 0, lr, epochs)
    fits = [logistic_from(float(scale), seed, lr, epochs) for seed in seeds]
    finals = np.array([f.theta for f in fits])
    result = dict(optimum=optimum, zero=zero.theta, random=finals,
                  distance_start=np.array([np.abs(f.path[0] - zero.path[0]).max() for f in fits]),
                  distance_end=np.abs(finals - zero.theta).max(axis=1),
                  to_optimum=float(np.abs(np.vstack([finals, zero.theta]) - optimum).max()),
                  losses=np.array([zero.loss[-1]] + [f.loss[-1] for f in fits]),
                  accuracy=float(np.mean(((w @ X + b) > 0) == (Y > 0.5))))
    w1, w2, b0 = optimum
    print(f"minimum by Newton's method: w = [{w1:.6f}, {w2:.6f}], b = {b0:.6f}, loss {result['losses'][0]:.6f} "
          f"nats, training accuracy {result['accuracy']:.1%}")
    print(f"{'start':<22} {'max |θ − θ_zero| at the start':>29}  {f'after {epochs} steps':>17}  {'final loss':>10}")
    print(f"{'zeros':<22} {0.0:>29.2f}  {'0':>17}  {zero.loss[-1]:>10.6f}")
    for seed, fit, d0, d1 in zip(seeds, fits, result["distance_start"], result["distance_end"]):
        print(f"{f'N(0, {scale:g}²), seed {seed}':<22} {d0:>29.2f}  {small(d1):>17}  {fit.loss[-1]:>10.6f}")
    print(f"largest distance of any final θ from Newton's minimum: {small(result['to_optimum'])}")
    return result


@lru_cache(maxsize=16)
def moons_net(init="he_normal", seed=1, hidden=8, epochs=2000, lr=1.0):
    """A ``[2, hidden, 1]`` tanh net trained on :func:`convex_data` (cached; treat as read-only).

    ``init`` is ``"zeros"`` or ``"he_normal"``. Returns ``(net, history)``.
    """
    check_choice("init", init, ("zeros", "he_normal"))
    X, Y = convex_data()
    net = MLP([2, hidden, 1], "tanh", init, 1.0, check_int("seed", seed, 0))
    return net, train(net, X, Y, epochs=epochs, lr=lr)


def hidden_layer_starts(seeds=range(1, 6), **settings):
    """The same moons data with one tanh hidden layer: final loss from zeros and from He starts.

    ``settings`` go to :func:`moons_net`. Returns a dict: ``zero_loss`` and
    ``zero_distinct`` (the all-zero start), ``losses`` and ``distinct`` (per seed).
    The loss is not convex: different starts end at different losses.
    """
    zero, _ = moons_net("zeros", 0, **settings)
    nets = [moons_net("he_normal", seed, **settings)[0] for seed in seeds]
    X, Y = convex_data()
    result = dict(zero_loss=zero.loss(X, Y), zero_distinct=distinct_units(unit_params(zero.params)),
                  losses=np.array([net.loss(X, Y) for net in nets]),
                  distinct=[distinct_units(unit_params(net.params)) for net in nets],
                  accuracy=[net.accuracy(X, Y) for net in nets])
    H = zero.layer_sizes[1]
    print(f"{'start':<20} {'final loss':>10}  {'distinct units':>14}  {'accuracy':>8}")
    print(f"{'zeros':<20} {result['zero_loss']:>10.3f}  {result['zero_distinct']:>7} of {H:<4}  "
          f"{zero.accuracy(X, Y):>8.1%}")
    for seed, loss, k, acc in zip(seeds, result["losses"], result["distinct"], result["accuracy"]):
        print(f"{f'He random, seed {seed}':<20} {loss:>10.3f}  {k:>7} of {H:<4}  {acc:>8.1%}")
    return result


def swap_units(net, i=0, j=1):
    """A copy of ``net`` with hidden units ``i`` and ``j`` exchanged (rows of W1, b1; columns of W2).

    It computes exactly the same function: the same loss, at a different point.
    """
    H = net.layer_sizes[1]
    order = np.arange(H)
    order[[check_int("i", i, 0, H - 1), check_int("j", j, 0, H - 1)]] = [j, i]
    twin = net.copy()
    twin.params["W1"] = net.params["W1"][order]
    twin.params["b1"] = net.params["b1"][order]
    twin.params["W2"] = net.params["W2"][:, order]
    return twin


def hidden_segment(net, steps=41):
    """The loss along the straight line from a trained net to its :func:`swap_units` copy.

    Both ends compute the same function, so they have the same loss. At the
    midpoint units 0 and 1 are identical. For a convex loss every point between
    two minima is at least as good; here the middle is worse.
    Returns ``(t, losses)``: ``steps`` points t in [0, 1] and the loss (nats) at
    ``(1 − t) θ + t θ_swapped`` on :func:`convex_data`.
    """
    X, Y = convex_data()
    other = swap_units(net)
    t = np.linspace(0, 1, check_int("steps", steps, 3))
    losses = []
    for s in t:
        point = net.copy()
        point.params = {k: (1 - s) * net.params[k] + s * other.params[k] for k in net.params}
        losses.append(point.loss(X, Y))
    return t, np.array(losses)


def logistic_segment(seeds=(1, 2), scale=3.0, steps=41):
    """The logistic-regression loss along the straight line between two random starts.

    Returns ``(t, losses, chord)``: the loss (nats) at ``steps`` points and the
    straight line between the two end values. A convex loss never rises above the
    chord.
    """
    X, Y = convex_data()
    (wa, ba), (wb, bb) = random_start(scale, seeds[0]), random_start(scale, seeds[1])
    t = np.linspace(0, 1, check_int("steps", steps, 3))
    losses = np.array([logistic_regression(X, Y, (1 - s) * wa + s * wb, (1 - s) * ba + s * bb, epochs=1).loss[0]
                       for s in t])
    return t, losses, (1 - t) * losses[0] + t * losses[-1]


def symmetric_average(net):
    """The average of ``net`` over all H cyclic shifts of its hidden units: every unit identical.

    Returns ``(averaged_net, loss)`` on :func:`convex_data`.
    """
    H = net.layer_sizes[1]
    average = net.copy()
    rolled = [np.roll(np.arange(H), k) for k in range(H)]
    average.params = dict(net.params)
    average.params["W1"] = np.mean([net.params["W1"][r] for r in rolled], axis=0)
    average.params["b1"] = np.mean([net.params["b1"][r] for r in rolled], axis=0)
    average.params["W2"] = np.mean([net.params["W2"][:, r] for r in rolled], axis=0)
    X, Y = convex_data()
    return average, average.loss(X, Y)


def softmax_mirror(lr=0.5, epochs=3000, scale=1.0, seed=1):
    """Two-class softmax regression on :func:`convex_data`, from zeros and from a random start.

    Returns a dict with ``zero`` and ``random`` (the :class:`~symlab.linear.LinearFit`\\ s),
    ``mirror_gap`` (largest ``|W[0] + W[1]|`` entry over the whole zero-start path,
    biases included: 0 = mirror images), ``logistic_gap`` (largest difference between
    the zero start's ``W[1] − W[0]`` and logistic regression run with learning rate
    ``2·lr``, over the path), ``sum_drift`` (how far ``W[0] + W[1]`` of the random
    start moved from its start: 0 = conserved) and ``prediction_gap`` (largest
    difference of the two fits' class-1 probabilities on the data).
    """
    from .data import one_hot
    from .linear import softmax_regression
    from .mlp import softmax

    X, Y = convex_data()
    Y2 = one_hot(Y[0].astype(int), 2)
    zero = softmax_regression(X, Y2, lr=lr, epochs=epochs)
    rng = as_rng(check_int("seed", seed, 0), "seed")
    W0 = check_scale("scale", scale) * rng.standard_normal((2, 2))
    b0 = scale * rng.standard_normal((2, 1))
    rand = softmax_regression(X, Y2, W0, b0, lr=lr, epochs=epochs)
    logistic = logistic_regression(X, Y, lr=2 * lr, epochs=epochs)
    difference = zero.path[:, 1] - zero.path[:, 0]             # (epochs + 1, 3)
    sums = rand.path.sum(axis=1)                                # (epochs + 1, 3)
    p_zero = softmax(zero.W @ X + zero.b)[1]
    p_rand = softmax(rand.W @ X + rand.b)[1]
    r = dict(zero=zero, random=rand, mirror_gap=float(np.abs(zero.path.sum(axis=1)).max()),
             logistic_gap=float(np.abs(difference - logistic.path[:, 0]).max()),
             sum_drift=float(np.abs(sums - sums[0]).max()),
             prediction_gap=float(np.abs(p_zero - p_rand).max()), chance=label_entropy(Y))
    print(f"from zeros, after {epochs} steps: [W | b] =\n{np.round(np.hstack([zero.W, zero.b]), 6)}")
    print(f"largest |W[0] + W[1]| over all {epochs} steps (0 = mirror images): {small(r['mirror_gap'])}")
    print(f"largest difference between W[1] − W[0] and logistic regression at lr {2 * lr:g}: "
          f"{small(r['logistic_gap'])}")
    print(f"from a random start: [W | b] =\n{np.round(np.hstack([rand.W, rand.b]), 6)}")
    print(f"how far W[0] + W[1] moved from its random start: {small(r['sum_drift'])}")
    print(f"largest difference in predicted probability, zero start vs random start: {small(r['prediction_gap'])}")
    return r


def perceptron_starts(seeds=range(1, 6), scale=3.0, m=100):
    """The perceptron on :func:`symlab.linear.make_separable` data, from zero and random starts.

    Returns a dict: ``zero`` (the fit from zero) and ``zero_epochs`` (passes until a
    mistake-free pass); ``zero_small_lr_same`` (True if the run with ``lr=0.01``
    makes the same predictions on a grid: from zero the step size only rescales);
    ``random_epochs`` (per seed); ``angles`` (degrees between each random start's
    final ``w`` and the zero start's: different, equally correct lines);
    ``random_mistakes`` (final mistakes per seed, all 0).
    """
    from .linear import make_separable, perceptron

    X, Y = make_separable(m, seed=0)
    zero, zero_epochs = perceptron(X, Y, seed=0)
    small, _ = perceptron(X, Y, lr=0.01, seed=0)
    grid = grid_points(3.0, 60)
    same = bool(np.array_equal(zero.W @ grid + zero.b > 0, small.W @ grid + small.b > 0))
    epochs, angles, mistakes = [], [], []
    for seed in seeds:
        w0, b0 = random_start(scale, seed)
        fit, converged = perceptron(X, Y, w0, b0, seed=0)
        epochs.append(converged)
        mistakes.append(int(fit.loss[-1]))
        cos = float(fit.W[0] @ zero.W[0] / (np.linalg.norm(fit.W) * np.linalg.norm(zero.W)))
        angles.append(float(np.degrees(np.arccos(np.clip(cos, -1, 1)))))
    r = dict(zero=zero, zero_epochs=zero_epochs, zero_small_lr_same=same, random_epochs=epochs,
             angles=np.array(angles), random_mistakes=mistakes, X=X, Y=Y, zero_mistakes=zero.loss.astype(int))
    print(f"from zero: misclassified points after each pass {[int(k) for k in r['zero_mistakes']]}; "
          f"a pass without mistakes at pass {zero_epochs}")
    print(f"from zero with lr = 0.01 instead of 1: the same predictions everywhere: {same}")
    print(f"{'start':<20} {'passes':>6}  {'final mistakes':>14}  {'angle to the zero-start line':>28}")
    for seed, n, k, angle in zip(seeds, epochs, mistakes, angles):
        print(f"{f'N(0, {scale:g}²), seed {seed}':<20} {n:>6}  {k:>14}  {angle:>26.1f} °")
    return r


# ------------------------------------------------------------------ exercises
def exercise_answer(exercise_id):
    """The answer of a chapter exercise (``"02.1"`` … ``"05.2"``), computed; used by :mod:`symlab.exercises`.

    Each is computed by a different route from the one the learner is asked to
    take (e.g. ``net.backward`` against a hand-written formula, Newton's method
    against gradient descent), so a right answer agrees for a reason.
    """
    from .linear import make_separable, perceptron
    from .mlp import cross_entropy

    if exercise_id == "02.1":  # the first step of the constant 2-4-1 tanh net, from backward()
        run = symmetry_run(scheme="constant", scale=0.5, hidden=4, record_every=1)
        return float(np.abs(run.history.snapshot(0).grads["dW1"]).max())
    if exercise_id == "02.2":
        return symmetry_run(scheme="constant", scale=0.5, hidden=64).history.final_accuracy
    if exercise_id == "03.1":
        return label_entropy(label_set("unbalanced")[1])
    if exercise_id == "03.2":
        return zero_init_outcome("sigmoid", "unbalanced").first_step["W1"]
    if exercise_id == "04.1":
        return float(dropout_run(0.5).spread[1])
    if exercise_id == "04.2":
        return epochs_to(dropout_run(0.1).history)
    if exercise_id == "05.1":  # the minimum itself, by Newton's method rather than gradient descent
        X, Y = convex_data()
        w, b = logistic_newton(X, Y)
        return cross_entropy(w @ X + b, Y, "sigmoid")
    if exercise_id == "05.2":  # with the default step size: from zero the step size changes nothing
        X, Y = make_separable()
        return perceptron(X, Y, seed=0)[1]
    raise ValueError(f"exercise_id={exercise_id!r} is not valid; choose one of: "
                     "02.1, 02.2, 03.1, 03.2, 04.1, 04.2, 05.1, 05.2")
