"""Ready-made training runs that the notebooks, figures and dashboards share.

:func:`symmetry_run` trains one small net on a 2-D set and records what the
symmetry dashboard shows. Runs are cached (most recent 32 settings), so moving a
slider back to a setting seen before costs no training.

The defaults (200 full-batch steps at learning rate 1.5) follow the same path as
300 steps at learning rate 1 in two thirds of the time: fast enough to retrain on every
slider release.

Also here: small helpers every chapter uses (:func:`small`, :func:`epochs_to`, :data:`PROBE`).
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..activations import ACTIVATIONS
from ..checks import check_choice, check_int, check_positive, check_scale
from ..data import DATASETS, make_dataset
from ..init import SCHEMES
from ..metrics import distinct_units, label_entropy, unit_params
from ..mlp import MLP
from ..train import History, train


#: Points where hidden-unit outputs are recorded: the line x₂ = 0, x₁ in [−1.5, 1.5].
PROBE_X1 = np.linspace(-1.5, 1.5, 121)


@dataclass(frozen=True)
class Run:
    """One trained net with its data and recorded history.

    Attributes
    ----------
    settings : dict
        The keyword arguments of :func:`symmetry_run` that produced it.
    net : MLP
        The trained net (final weights). Treat as read-only: runs are cached.
    history : History
        Loss/accuracy per epoch and snapshots every ``record_every`` epochs.
    X, Y : arrays (2, m), (1, m)
        Training data.
    probe : array (2, P)
        Inputs on which hidden outputs are recorded (the line x₂ = 0).
    chance : float
        Label entropy of ``Y`` (nats): the loss of the best input-blind guess.
    """

    settings: dict
    net: MLP
    history: History
    X: np.ndarray
    Y: np.ndarray
    probe: np.ndarray
    chance: float

    @property
    def recorded_epochs(self):
        """Sorted epochs at which snapshots exist."""
        return sorted(self.history.snapshots)


def symmetry_run(scheme="constant", scale=0.5, activation="tanh", hidden=8, dataset="circles",
                 seed=0, lr=1.5, epochs=200, m=200, noise=0.1, record_every=4):
    """Train a ``[2, hidden, 1]`` net and record it for the symmetry plots.

    Parameters
    ----------
    scheme, scale : str, float
        Initialisation of every weight (see :func:`symlab.initialize`); biases start at 0.
    activation : str
        Hidden activation.
    hidden : int in [1, 256]
        Hidden units H.
    dataset : {"circles", "moons", "xor"}
        ``m`` points with Gaussian noise of std ``noise`` (:func:`symlab.make_dataset`).
    seed : int >= 0
        Seeds the data and the weights.
    lr : float > 0
        Learning rate of full-batch gradient descent.
    epochs : int >= 1
        Full-batch steps.
    record_every : int >= 1
        Snapshot interval (epochs); the last epoch is always recorded.

    Returns
    -------
    Run (cached: the same arguments return the same object)

    Raises
    ------
    ValueError
        For any invalid setting, naming it.
    """
    check_choice("scheme", scheme, SCHEMES)
    scale = check_scale("scale", scale)
    check_choice("activation", activation, tuple(ACTIVATIONS))
    hidden = check_int("hidden", hidden, 1, 256)
    check_choice("dataset", dataset, DATASETS)
    seed = check_int("seed", seed, 0)
    lr = check_positive("lr", lr)
    epochs = check_int("epochs", epochs, 1)
    m = check_int("m", m, 2)
    noise = check_scale("noise", noise)
    record_every = check_int("record_every", record_every)
    return _cached_run(scheme, scale, activation, hidden, dataset, seed, lr, epochs, m, noise, record_every)


@lru_cache(maxsize=32)
def _cached_run(scheme, scale, activation, hidden, dataset, seed, lr, epochs, m, noise, record_every):
    X, Y = make_dataset(dataset, m, noise, seed)
    probe = np.vstack([PROBE_X1, np.zeros_like(PROBE_X1)])
    net = MLP([2, hidden, 1], activation=activation, init=scheme, scale=scale, seed=seed)
    record = sorted(set(range(0, epochs + 1, record_every)) | {epochs})
    history = train(net, X, Y, epochs=epochs, lr=lr, record=record, probe=probe)
    settings = dict(scheme=scheme, scale=scale, activation=activation, hidden=hidden, dataset=dataset,
                    seed=seed, lr=lr, epochs=epochs, m=m, noise=noise, record_every=record_every)
    return Run(settings, net, history, X, Y, probe, label_entropy(Y))


def summarize(run):
    """The numbers a notebook states about a run, as a dict.

    ``distinct_units`` (of H, after training, counting incoming weights, bias and
    outgoing weights), ``first_loss`` and ``final_loss`` (nats), ``final_accuracy``
    (fraction), ``chance`` (label entropy, nats), ``diverged_at`` (epoch or None).
    """
    h = run.history
    return dict(distinct_units=distinct_units(unit_params(run.net.params)), hidden=run.settings["hidden"],
                first_loss=float(h.loss[0]) if len(h.loss) else float("nan"),
                final_loss=h.final_loss, final_accuracy=h.final_accuracy, chance=run.chance,
                diverged_at=h.diverged_at)


def compare(schemes, **settings):
    """Train one run per ``(scheme, scale)`` and print a table of :func:`summarize`.

    ``settings`` are further keyword arguments of :func:`symmetry_run`. Returns
    the list of summaries (dicts, with ``scheme`` and ``scale`` added), in order.
    """
    runs = [symmetry_run(scheme=scheme, scale=scale, **settings) for scheme, scale in schemes]  # checks first
    rows = []
    print(f"{'scheme':<14} {'scale':>6}  {'distinct units':>14}  {'loss: start -> end':>19}  {'train accuracy':>14}")
    for (scheme, scale), run in zip(schemes, runs):
        row = dict(scheme=scheme, scale=scale, **summarize(run))
        rows.append(row)
        units = f"{row['distinct_units']} of {row['hidden']}"
        if row["diverged_at"] is not None:
            end = f"diverged at {row['diverged_at']}"
            print(f"{scheme:<14} {scale:>6g}  {units:>14}  {end:>19}  {'-':>14}")
            continue
        losses = f"{row['first_loss']:.3f} -> {row['final_loss']:.3f}"
        print(f"{scheme:<14} {scale:>6g}  {units:>14}  {losses:>19}  {row['final_accuracy']:>14.1%}")
    return rows


# -------------------------------------------------------- shared helpers


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
