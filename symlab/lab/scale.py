"""Notebook 06 — one hidden layer, one scale knob: saturation, vanishing steps, and overflow.

:func:`scale_run` starts a ``[2, H, 1]`` net from ``N(0, scale²)`` weights and
records what notebook 06 shows: the pre-activations ``Z1`` and slopes
``g'(Z1)`` of the hidden units at the start, the fraction of saturated units,
the size of the first gradient ``dW1``, the loss at step 0 by symlab's
from-logits formula and by the textbook ("naive") formula, and the training
loss curve with its "cold start" plateau. :class:`ScaleFigure` and
:func:`scale_dashboard` show it under a log scale slider.

Sources: saturation and the slow start of sigmoid/tanh nets with large weights —
LeCun et al. 1998, "Efficient BackProp", section 4.6; Glorot & Bengio 2010;
the naive loss is deeplearning.ai's ``compute_loss`` (course 2, week 1,
"Initialization"), which prints ``inf`` for its ``randn * 10`` run.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..checks import check_choice, check_int, check_positive
from ..data import make_dataset
from ..metrics import SATURATION, label_entropy, saturated_fraction
from ..mlp import MLP
from ..train import train
from .apps import Dashboard, dropdown, log_slider
from .figures import new_figure, nice_ceiling


# ----------------------------------------------------------- experiments


#: The data of notebook 06: the circles of notebooks 00-01 (200 points, noise 0.1, seed 0).
DATA = dict(name="circles", m=200, noise=0.1, seed=0)


#: Scales of the sweep figure: 10^-3 … 10^2 in half-decade steps.
SWEEP_SCALES = tuple(float(f"{10 ** (k / 2):.4g}") for k in range(-6, 5))


#: The dashboard slider's grid: 10^-3 … 10^2 in tenth-decade steps (rounded to 4 digits).
SLIDER_SCALES = tuple(float(f"{10 ** (k / 10):.4g}") for k in range(-30, 21))


#: "Has learned": training accuracy at or above this fraction.
LEARNED = 0.9


def naive_cross_entropy(AL, Y):
    """The textbook loss from probabilities, as the deeplearning.ai assignment computes it.

    ``(1/m) · nansum(−y log a − (1 − y) log(1 − a))`` for ``AL``, ``Y`` of shape
    (1, m). Once an output rounds to exactly 1.0 (z above about 37) or 0.0, a
    wrong label gives ``log(0) = −inf`` and the loss is ``inf``, although the true
    loss is finite (about |z| nats for that example). symlab's
    :func:`symlab.cross_entropy` works from the logits instead and stays finite.
    No RuntimeWarning is printed. Returns a float (may be ``inf``).
    """
    AL = np.asarray(AL, dtype=float)
    Y = np.asarray(Y, dtype=float)
    with np.errstate(all="ignore"):
        logprobs = -np.log(AL) * Y - np.log(1 - AL) * (1 - Y)
        return float(np.nansum(logprobs) / AL.shape[1])


@dataclass(frozen=True)
class ScaleRun:
    """A ``[2, H, 1]`` net started from ``N(0, scale²)`` weights, and its training.

    Attributes
    ----------
    settings : dict
        The arguments of :func:`scale_run`.
    Z1 : ndarray (H, m)
        Hidden pre-activations at the start.
    slopes : ndarray (H, m)
        ``g'(Z1)`` at the start (tanh: 1 − a², sigmoid: a(1 − a), ReLU: 0 or 1).
    saturated : float
        :func:`symlab.saturated_fraction` of ``A1`` at the start.
    dW1_norm, W1_norm : float
        Frobenius norms of the first gradient ``dW1`` and of ``W1``.
    loss0, naive_loss0 : float
        Loss (nats) at step 0 from the logits, and by the naive formula (may be inf).
    history : symlab.History
        The training run (full batch).
    epochs_to_learn : int or None
        First epoch whose training accuracy is at least 90% (None: not within the run).
    chance : float
        Label entropy (nats): ln 2 here.
    """

    settings: dict
    Z1: np.ndarray
    slopes: np.ndarray
    saturated: float
    dW1_norm: float
    W1_norm: float
    loss0: float
    naive_loss0: float
    history: object
    epochs_to_learn: int
    chance: float

    @property
    def relative_step(self):
        """``|dW1| / |W1|``: how much one unit-learning-rate step changes W1, relative to its size."""
        return self.dW1_norm / self.W1_norm if self.W1_norm > 0 else float("inf")


def scale_run(scale=1.0, activation="tanh", hidden=32, epochs=500, lr=1.0, seed=0):
    """Start a ``[2, hidden, 1]`` net from ``N(0, scale²)`` weights and train it on circles.

    Parameters
    ----------
    scale : float > 0
        Std of every weight (``init="normal"``); biases start at 0.
    activation : {"tanh", "sigmoid", "relu"}
    hidden : int in [1, 256]
    epochs : int >= 1
        Full-batch steps at learning rate ``lr``.
    lr : float > 0
    seed : int >= 0
        Seeds the weights (the data is fixed: :data:`DATA`).

    Returns
    -------
    ScaleRun (cached: the 64 most recent settings)

    Raises
    ------
    ValueError
        For a scale <= 0 or any other invalid setting, naming it.
    """
    scale = check_positive("scale", scale)
    check_choice("activation", activation, ("tanh", "sigmoid", "relu"))
    hidden = check_int("hidden", hidden, 1, 256)
    epochs = check_int("epochs", epochs)
    lr = check_positive("lr", lr)
    seed = check_int("seed", seed, 0)
    return _scale_run(scale, activation, hidden, epochs, lr, seed)


@lru_cache(maxsize=64)
def _scale_run(scale, activation, hidden, epochs, lr, seed):
    X, Y = make_dataset(**DATA)
    net = MLP([2, hidden, 1], activation=activation, init="normal", scale=scale, seed=seed)
    AL, cache = net.forward(X)
    grads = net.backward(cache, Y)
    A1 = cache["A1"]
    W1_norm = float(np.linalg.norm(net.params["W1"]))  # before training changes it
    history = train(net, X, Y, epochs=epochs, lr=lr)
    reached = np.flatnonzero(history.accuracy >= LEARNED)
    settings = dict(scale=scale, activation=activation, hidden=hidden, epochs=epochs, lr=lr, seed=seed)
    return ScaleRun(settings, cache["Z1"], net.g_prime(A1), saturated_fraction(A1, activation),
                    float(np.linalg.norm(grads["dW1"])), W1_norm, float(history.loss[0]),
                    naive_cross_entropy(AL, Y), history, int(reached[0]) if reached.size else None,
                    label_entropy(Y))


def scale_sweep(activation="tanh", scales=SWEEP_SCALES, **settings):
    """:func:`scale_run` over ``scales``; returns a dict of arrays, one entry per scale.

    Keys: ``scale``, ``saturated``, ``mean_slope`` (mean g'(Z1)), ``dW1_norm``,
    ``relative_step``, ``loss0``, ``naive_loss0``, ``epochs_to_learn`` (NaN where
    not reached), ``final_loss``.
    """
    runs = [scale_run(scale, activation, **settings) for scale in scales]
    return dict(
        scale=np.array(scales, dtype=float),
        saturated=np.array([r.saturated for r in runs]),
        mean_slope=np.array([float(r.slopes.mean()) for r in runs]),
        dW1_norm=np.array([r.dW1_norm for r in runs]),
        relative_step=np.array([r.relative_step for r in runs]),
        loss0=np.array([r.loss0 for r in runs]),
        naive_loss0=np.array([r.naive_loss0 for r in runs]),
        epochs_to_learn=np.array([np.nan if r.epochs_to_learn is None else r.epochs_to_learn for r in runs]),
        final_loss=np.array([r.history.final_loss for r in runs]),
    )


def first_naive_overflow(activation="tanh", scales=SLIDER_SCALES, **settings):
    """The smallest scale in ``scales`` whose naive loss at step 0 is inf (None if none).

    Only the initial forward pass is needed, so no training is done.
    """
    X, Y = make_dataset(**DATA)
    hidden = settings.get("hidden", 32)
    seed = settings.get("seed", 0)
    for scale in scales:
        net = MLP([2, hidden, 1], activation=activation, init="normal", scale=scale, seed=seed)
        AL, _ = net.forward(X)
        if np.isinf(naive_cross_entropy(AL, Y)):
            return scale
    return None


#: Bounds of the "epochs to 90%" column: a run that learns within 20 epochs prints "≤ 20", and so on.
#: Coarse on purpose: at large scales the exact epoch depends on rounding (tanh at scale 31.62 needs
#: 178 epochs on one machine and 187 on another), while the bucket holds everywhere.
EPOCH_BUCKETS = (20, 50, 100, 200, 500)


def epoch_bucket(epochs, limit):
    """``"≤ b"`` for the smallest bound b of :data:`EPOCH_BUCKETS` >= ``epochs``; ``"> limit"`` for NaN/None."""
    if epochs is None or not np.isfinite(epochs):
        return f"> {limit}"
    return f"≤ {next(b for b in EPOCH_BUCKETS if epochs <= b)}"


def print_sweep(activation="tanh", scales=SWEEP_SCALES, **settings):
    """Print the sweep of :func:`scale_sweep` as a table (one row per scale); returns the dict."""
    sweep = scale_sweep(activation, scales, **settings)
    epochs = scale_run(scales[0], activation, **settings).settings["epochs"]
    print(f"{activation + ':':<8} {'scale':>8} {'saturated':>9} {'mean g′':>8} {'|dW1|':>9} {'|dW1|/|W1|':>10} "
          f"{'loss@0':>9} {'naive@0':>8} {'epochs to 90%':>13}")
    for i, scale in enumerate(sweep["scale"]):
        reach = epoch_bucket(sweep["epochs_to_learn"][i], epochs)
        print(f"{'':<8} {scale:>8g} {sweep['saturated'][i]:>9.1%} {sweep['mean_slope'][i]:>8.3f} "
              f"{sweep['dW1_norm'][i]:>9.2e} {sweep['relative_step'][i]:>10.2e} {sweep['loss0'][i]:>9.3g} "
              f"{sweep['naive_loss0'][i]:>8.3g} {reach:>13}")
    return sweep


def overflow_report(scale=31.62, activation="tanh", hidden=32, seed=0):
    """Print why the naive loss is inf at step 0 for this scale, and symlab's finite loss; returns a dict.

    Counts the outputs ``σ(z)`` that round to exactly 1.0 (z ≳ 36.7) or 0.0
    (z ≲ −745) in float64, and how many of those carry the opposite label: each
    such example contributes ``−log(0) = inf`` to the naive formula, and about
    ``|z|`` nats to the true loss.
    """
    X, Y = make_dataset(**DATA)
    net = MLP([2, hidden, 1], activation=activation, init="normal", scale=scale, seed=seed)
    AL, cache = net.forward(X)
    Z2 = cache["Z2"]
    rounded = (AL == 1.0) | (AL == 0.0)
    wrong = rounded & (AL != Y)
    report = dict(max_abs_z=float(np.abs(Z2).max()), rounded=int(rounded.sum()), wrong=int(wrong.sum()),
                  naive=naive_cross_entropy(AL, Y), symlab=float(net.loss(X, Y)),
                  worst_example=float(np.max(np.abs(Z2[wrong]))) if wrong.any() else 0.0)
    print(f"scale {scale:g}, {activation}: largest |Z2| = {report['max_abs_z']:.1f}; "
          f"{report['rounded']} of {Y.shape[1]} outputs are exactly 0.0 or 1.0, "
          f"{report['wrong']} of them with the other label")
    print(f"  naive loss = {report['naive']:.4g}   symlab's loss from logits = {report['symlab']:.2f} nats")
    return report


# ------------------------------------------------------- figures and app


#: |z| beyond which a unit is saturated: tanh(2.647) = 0.99, sigmoid(4.595) = 0.99.
SATURATION_Z = {"tanh": math.atanh(SATURATION), "sigmoid": math.log(SATURATION / (1 - SATURATION))}


#: Largest slope g'(z) of each activation (for the slope histogram's axis).
MAX_SLOPE = {"tanh": 1.0, "sigmoid": 0.25, "relu": 1.0}


class ScaleFigure:
    """Notebook 06's panels for one :class:`symlab.lab.scale.ScaleRun`, updated in place.

    (1) Histogram of the hidden pre-activations ``Z1`` at the start, with the
    saturated range shaded (tanh: |z| > 2.65; sigmoid: |z| > 4.60; ReLU: z < 0,
    where the slope is 0). (2) Histogram of the slopes ``g'(Z1)``. (3) The
    training loss (nats, log scale) with the chance level and the epoch at which
    training accuracy first reaches 90%.

    ``axes`` are three matplotlib Axes; :meth:`show` draws a run into them.
    """

    def __init__(self, axes, compact=False):
        self.ax_z, self.ax_g, self.ax_loss = axes
        self.compact = compact
        edges = np.linspace(-1, 1, 41)
        self.z_hist = self.ax_z.stairs(np.zeros(40), edges, fill=True, color="C0", alpha=0.75)
        self.shade = [self.ax_z.axvspan(-1, -1, color="C3", alpha=0.18, lw=0, label="saturated (g′ ≈ 0)"),
                      self.ax_z.axvspan(1, 1, color="C3", alpha=0.18, lw=0)]
        self.z_note = self.ax_z.text(0.03, 0.95, "", transform=self.ax_z.transAxes, va="top", fontsize=9,
                                     bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
        self.ax_z.set_xlabel("hidden pre-activation Z1 at the start")
        self.ax_z.set_ylabel("fraction of entries")
        self.ax_z.legend(loc="upper right", fontsize=8)

        self.g_hist = self.ax_g.stairs(np.zeros(30), np.linspace(0, 1, 31), fill=True, color="C2", alpha=0.75)
        self.g_note = self.ax_g.text(0.5, 0.95, "", transform=self.ax_g.transAxes, va="top", ha="center",
                                     fontsize=9, bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
        self.ax_g.set_xlabel("slope g′(Z1) at the start")
        self.ax_g.set_ylabel("fraction of entries")

        self.loss_line, = self.ax_loss.plot([], [], color="C3", lw=2, label="training loss")
        self.chance_line = self.ax_loss.axhline(math.log(2), color="k", ls=":", lw=1.2, label="chance (ln 2)")
        self.learned_line = self.ax_loss.axvline(0, color="C0", lw=1.2, ls="--", label="90% accuracy reached")
        self.loss_note = self.ax_loss.text(0.97, 0.95, "", transform=self.ax_loss.transAxes, ha="right",
                                           va="top", fontsize=9,
                                           bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_xlabel("epoch (full-batch steps)")
        self.ax_loss.set_ylabel("cross-entropy loss (nats)")
        self.ax_loss.grid(alpha=0.3)
        self.ax_loss.legend(loc="lower left", fontsize=8)
        for ax in axes:
            ax.title.set_fontsize(10)

    def show(self, run):
        """Draw ``run`` (a :class:`symlab.lab.scale.ScaleRun`)."""
        activation = run.settings["activation"]
        z = run.Z1.ravel()
        lim = max(1.05 * float(np.max(np.abs(z))), 1e-12)
        counts, edges = np.histogram(z, bins=np.linspace(-lim, lim, 41))
        self.z_hist.set_data(counts / z.size, edges)
        self.ax_z.set_xlim(-lim, lim)
        self.ax_z.set_ylim(0, 1.3 * counts.max() / z.size)
        if activation in SATURATION_Z:
            t = SATURATION_Z[activation]
            self.shade[0].set_x(-lim), self.shade[0].set_width(max(0.0, lim - t))
            self.shade[1].set_x(min(t, lim)), self.shade[1].set_width(max(0.0, lim - t))
            self.shade[0].set_label(f"saturated: |z| > {t:.2f}")
        else:  # ReLU: slope 0 for z < 0
            self.shade[0].set_x(-lim), self.shade[0].set_width(lim)
            self.shade[1].set_width(0.0)
            self.shade[0].set_label("inactive: z < 0, slope 0")
        self.ax_z.legend(loc="upper right", fontsize=8)
        self.z_note.set_text(f"std {z.std():.3g}\nsaturated {run.saturated:.1%}")
        self.ax_z.set_title(f"Z1 = W1 X at scale {run.settings['scale']:g}")

        top = MAX_SLOPE[activation]
        slopes = run.slopes.ravel()
        counts, edges = np.histogram(slopes, bins=np.linspace(0, top, 31))
        self.g_hist.set_data(counts / slopes.size, edges)
        self.ax_g.set_xlim(0, top)
        self.ax_g.set_ylim(0, min(1.0, 1.3 * counts.max() / slopes.size) if counts.max() < slopes.size else 1.05)
        self.g_note.set_text(f"mean g′ = {slopes.mean():.3f}\n|dW1| = {run.dW1_norm:.2e}")
        self.ax_g.set_title(f"slopes of the {activation} units")

        history = run.history
        epochs = run.settings["epochs"]
        self.loss_line.set_data(np.arange(len(history.loss)), history.loss)
        self.chance_line.set_ydata([run.chance, run.chance])
        self.ax_loss.set_xlim(0, epochs)
        peak = float(np.nanmax(history.loss))
        self.ax_loss.set_ylim(1e-2, max(2.0, nice_ceiling(1.5 * peak)))
        reached = run.epochs_to_learn
        self.learned_line.set_visible(reached is not None)
        if reached is not None:
            self.learned_line.set_xdata([reached, reached])
        shown = [line for line in (self.loss_line, self.chance_line, self.learned_line) if line.get_visible()]
        self.ax_loss.legend(handles=shown, loc="lower left", fontsize=8)
        self.loss_note.set_text(f"90% accurate\nafter {reached} epochs" if reached is not None
                                else f"not 90% accurate\nwithin {epochs} epochs")
        naive = "inf" if math.isinf(run.naive_loss0) else f"{run.naive_loss0:.3g}"
        self.ax_loss.set_title(f"loss at step 0: {run.loss0:.3g}\n(naive formula: {naive})")


def plot_scale(scales=(0.01, 1.0, 31.62), activation="tanh", **settings):
    """Notebook 06's panels for several scales, one row each (static preview of the dashboard)."""
    height = 3.0 * len(scales) + 0.5
    fig = new_figure(11, height)
    fig.subplots_adjust(left=0.07, right=0.98, top=1 - 0.75 / height, bottom=0.5 / height, hspace=0.62, wspace=0.3)
    axes = fig.subplots(len(scales), 3, squeeze=False)
    for row, s in zip(axes, scales):
        ScaleFigure(row).show(scale_run(s, activation, **settings))
    fig.suptitle(f"One hidden layer of 32 {activation} units, weights N(0, scale²), circles data", fontsize=11)
    return fig


def plot_scale_sweep(activations=("tanh", "sigmoid", "relu"), **settings):
    """Saturation, gradient size and time to learn against the init scale (log axis), per activation."""
    fig = new_figure(11, 3.6)
    fig.subplots_adjust(left=0.065, right=0.985, top=0.78, bottom=0.16, wspace=0.32)
    ax_sat, ax_grad, ax_time = fig.subplots(1, 3)
    epochs = None
    for i, activation in enumerate(activations):
        sweep = scale_sweep(activation, **settings)
        epochs = scale_run(sweep["scale"][0], activation, **settings).settings["epochs"]
        color = f"C{i}"
        ax_sat.plot(sweep["scale"], sweep["saturated"], "o-", color=color, label=activation)
        ax_sat.plot(sweep["scale"], sweep["mean_slope"] / MAX_SLOPE[activation], "s--", color=color, alpha=0.6, ms=4)
        ax_grad.plot(sweep["scale"], sweep["dW1_norm"], "o-", color=color, label=activation)
        ax_grad.plot(sweep["scale"], sweep["relative_step"], "s--", color=color, alpha=0.6, ms=4)
        reach = np.where(np.isnan(sweep["epochs_to_learn"]), 1.15 * epochs, sweep["epochs_to_learn"])
        ax_time.plot(sweep["scale"], reach, "o-", color=color, label=activation)
    ax_time.axhline(1.15 * epochs, color="k", lw=0.8, ls=":")
    ax_time.text(1.1e-3, 1.17 * epochs, f"not within {epochs} epochs", fontsize=8, va="bottom")
    for ax in (ax_sat, ax_grad, ax_time):
        ax.set_xscale("log")
        ax.set_xlabel("init scale (std of every weight)")
        ax.grid(alpha=0.3)
    ax_sat.set_ylabel("fraction")
    ax_sat.set_ylim(-0.03, 1.03)
    ax_sat.set_title("Saturated units (solid)\nmean slope g′ / its maximum (dashed)", fontsize=10)
    ax_sat.legend(fontsize=8, loc="center left")
    ax_grad.set_yscale("log")
    ax_grad.set_ylabel("Frobenius norm (log scale)")
    ax_grad.set_title("First gradient: |dW1| (solid)\nrelative to the weights, |dW1| / |W1| (dashed)", fontsize=10)
    ax_grad.legend(fontsize=8, loc="upper left")
    ax_time.set_ylim(0, 1.3 * epochs)
    ax_time.set_ylabel("epochs until 90% training accuracy")
    ax_time.set_title("Time to learn: a U-shape", fontsize=10)
    ax_time.legend(fontsize=8, loc="center left")
    fig.suptitle("Too small, too large: one hidden layer (32 units) on circles, lr 1", fontsize=11)
    return fig


class ScaleDashboard(Dashboard):
    """Notebook 06's app: a log scale slider (10^-3 … 10^2) and the activation.

    Attributes
    ----------
    controls : dict
        ``scale`` (the std of every weight) and ``activation``.
    readout : ipywidgets.HTML
        Saturated fraction, mean slope, |dW1|, loss at step 0 (both formulas)
        and epochs to 90% accuracy of the run shown.
    run : symlab.lab.scale.ScaleRun
        What is shown now.
    """

    def __init__(self, scale=1.0, activation="tanh", use_ipympl=None):
        controls = {
            "scale": log_slider("init scale", scale, -3, 2, step=0.1),
            "activation": dropdown("activation", ("tanh", "sigmoid", "relu"), activation),
        }
        super().__init__(controls, [["scale", "activation"]], figsize=(9.6, 3.4), use_ipympl=use_ipympl)
        self.fig.subplots_adjust(left=0.075, right=0.985, top=0.86, bottom=0.16, wspace=0.36)
        self.panels = ScaleFigure(self.fig.subplots(1, 3))
        self.start()

    def settings(self):
        """The current controls as arguments of :func:`symlab.lab.scale.scale_run` (scale rounded to 4 digits)."""
        return dict(scale=float(f"{self.controls['scale'].value:.4g}"), activation=self.controls["activation"].value)

    def update(self, changed):
        self.run = scale_run(**self.settings())
        self.panels.show(self.run)
        run = self.run
        naive = "<b style='color:#c00'>inf</b>" if math.isinf(run.naive_loss0) else f"{run.naive_loss0:.3g}"
        reached = (f"{run.epochs_to_learn} epochs" if run.epochs_to_learn is not None
                   else f"not within {run.settings['epochs']} epochs")
        self.readout.value = (
            f"<b>scale {run.settings['scale']:g}, {run.settings['activation']}</b> &nbsp;·&nbsp; "
            f"saturated units {run.saturated:.1%} &nbsp;·&nbsp; mean g′(Z1) {run.slopes.mean():.3f} "
            f"&nbsp;·&nbsp; |dW1| {run.dW1_norm:.2e} (|dW1|/|W1| {run.relative_step:.1e}) &nbsp;·&nbsp; "
            f"loss at step 0: {run.loss0:.3g} nats, naive formula {naive} &nbsp;·&nbsp; "
            f"90% accuracy after: {reached}")


def scale_dashboard(scale=1.0, activation="tanh"):
    """Build notebook 06's dashboard; display it by making it a cell's last expression."""
    return ScaleDashboard(scale, activation)
