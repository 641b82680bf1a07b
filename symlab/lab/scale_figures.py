"""Notebook 06's figures and app: ``Z1`` and its slopes at the start, the loss, under a log scale
slider (experiments in :mod:`symlab.lab.scale`)."""

import math

import numpy as np

from ..metrics import SATURATION
from .apps import Dashboard, dropdown, log_slider
from .figures import new_figure, nice_ceiling
from .view import View, colour, loss_panel
from .scale import scale_run, scale_sweep


#: |z| beyond which a unit is saturated: tanh(2.647) = 0.99, sigmoid(4.595) = 0.99.
SATURATION_Z = {"tanh": math.atanh(SATURATION), "sigmoid": math.log(SATURATION / (1 - SATURATION))}


#: The loss axis, the same for every scale and activation (the largest loss at step 0 is about 200 nats).
LOSS_LIMITS = (1e-2, 1e3)


#: How the scale is printed: the slider's readout (d3-format in the browser: ".4g" keeps trailing zeros,
#: "10.00") and the readout line and panel title (Python: "#.4g" is the same, "10.00") show the same
#: digits, those of the scale the run uses (4 significant digits).
SCALE_FORMAT, SLIDER_FORMAT = "#.4g", ".4g"


#: Largest slope g'(z) of each activation (for the slope histogram's axis).
MAX_SLOPE = {"tanh": 1.0, "sigmoid": 0.25, "relu": 1.0}


class ScaleFigure:
    """Notebook 06's panels for one :class:`symlab.lab.scale.ScaleRun`, updated in place.

    (1) Histogram of the hidden pre-activations ``Z1`` at the start, with the
    saturated range shaded (tanh: |z| > 2.65; sigmoid: |z| > 4.60; ReLU: z < 0,
    where the slope is 0). (2) Histogram of the slopes ``g'(Z1)``. (3) The
    training loss (nats, log scale) with the chance level and the epoch at which
    training accuracy first reaches 90%.

    ``axes`` are three matplotlib Axes; :meth:`show` draws a run into them. Axis
    limits move in steps of 1, 2, 5 × 10^k, so neighbouring scales share their axes
    and the dashboard only blits :meth:`artists`.
    """

    def __init__(self, axes, compact=False):
        self.ax_z, self.ax_g, self.ax_loss = axes
        self.compact = compact
        # what the panels measure goes in their titles: boxes on the plots covered the data
        note = min(9, axes[0].title.get_fontsize() - 1)
        edges = np.linspace(-1, 1, 41)
        self.z_hist = self.ax_z.stairs(np.zeros(40), edges, fill=True, color="C0", alpha=0.75)
        self.shade = [self.ax_z.axvspan(-1, -1, color="C3", alpha=0.18, lw=0),
                      self.ax_z.axvspan(1, 1, color="C3", alpha=0.18, lw=0)]
        self.ax_z.set_xlabel("hidden pre-activation Z1 at the start")
        self.ax_z.set_ylabel("fraction of entries")

        self.g_hist = self.ax_g.stairs(np.zeros(30), np.linspace(0, 1, 31), fill=True, color="C2", alpha=0.75)
        self.ax_g.set_xlabel("slope g′(Z1) at the start")
        self.ax_g.set_ylabel("fraction of entries")

        self.chance_line = self.ax_loss.axhline(math.log(2), color="k", ls=":", lw=1.2, label="chance (ln 2)")
        self.loss_line, = self.ax_loss.plot([], [], color="C3", lw=2, label="training loss", zorder=3)
        self.learned_line = self.ax_loss.axvline(0, color="C0", lw=1.2, ls="--", label="90% accuracy reached")
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_xlabel("epoch (full-batch steps)")
        self.ax_loss.set_ylabel("cross-entropy loss (nats)")
        self.ax_loss.grid(alpha=0.3)
        self.ax_loss.legend(handles=[self.loss_line, self.chance_line, self.learned_line], loc="lower left",
                            fontsize=min(8, note))
        for ax in axes:
            ax.title.set_fontsize(min(10, ax.title.get_fontsize()))

    @staticmethod
    def _limits(ax, xlim=None, ylim=None):
        """Set limits that changed (an unchanged axis keeps the figure un-stale: blitting, no full redraw)."""
        if xlim is not None and tuple(xlim) != ax.get_xlim():
            ax.set_xlim(*xlim)
        if ylim is not None and tuple(ylim) != ax.get_ylim():
            ax.set_ylim(*ylim)

    def show(self, run):
        """Draw ``run`` (a :class:`symlab.lab.scale.ScaleRun`)."""
        activation = run.settings["activation"]
        z = run.Z1.ravel()
        lim = nice_ceiling(1.05 * float(np.max(np.abs(z))))
        counts, edges = np.histogram(z, bins=np.linspace(-lim, lim, 41))
        self.z_hist.set_data(counts / z.size, edges)
        self._limits(self.ax_z, (-lim, lim), (0, nice_ceiling(1.3 * counts.max() / z.size)))
        if activation in SATURATION_Z:
            t = SATURATION_Z[activation]
            self.shade[0].set_x(-lim), self.shade[0].set_width(max(0.0, lim - t))
            self.shade[1].set_x(min(t, lim)), self.shade[1].set_width(max(0.0, lim - t))
            shaded = f"shaded |z| > {t:.2f}: {run.saturated:.1%}"
        else:  # ReLU: slope 0 for z < 0
            self.shade[0].set_x(-lim), self.shade[0].set_width(lim)
            self.shade[1].set_width(0.0)
            shaded = f"shaded z < 0 (slope 0): {np.mean(z < 0):.0%}"
        self.ax_z.title.set_text(f"Z1 = W1 X at scale {run.settings['scale']:{SCALE_FORMAT}}\n"
                                 f"std {z.std():.3g}; {shaded}")

        top = MAX_SLOPE[activation]
        slopes = run.slopes.ravel()
        counts, edges = np.histogram(slopes, bins=np.linspace(0, top, 31))
        self.g_hist.set_data(counts / slopes.size, edges)
        high = nice_ceiling(1.3 * counts.max() / slopes.size) if counts.max() < slopes.size else 1.05
        self._limits(self.ax_g, (0, top), (0, min(1.05, high)))
        self.ax_g.title.set_text(f"slopes of the {activation} units\nmean g′ {slopes.mean():.3f}, "
                                 f"|dW1| {run.dW1_norm:.2e}")

        history = run.history
        epochs = run.settings["epochs"]
        self.loss_line.set_data(np.arange(len(history.loss)), history.loss)
        self.chance_line.set_ydata([run.chance, run.chance])
        self._limits(self.ax_loss, (0, epochs), LOSS_LIMITS)  # fixed: every scale's curve on the same axes
        reached = run.epochs_to_learn
        self.learned_line.set_visible(reached is not None)
        if reached is not None:
            self.learned_line.set_xdata([reached, reached])
        # in the title, not in a box on the plot: a box there covered the loss curve sitting on the chance line
        naive = "inf" if math.isinf(run.naive_loss0) else f"{run.naive_loss0:.3g}"
        self.ax_loss.title.set_text(f"loss at step 0: {run.loss0:.3g} (naive: {naive})\n"
                                    + (f"90% accurate after {reached} epochs" if reached is not None
                                       else f"not 90% accurate in {epochs} epochs"))


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


def scale_view(run):
    """The :class:`~symlab.lab.view.View` of a :class:`~symlab.lab.scale.ScaleRun` (one frame: the start).

    Panels as :class:`ScaleFigure`: the histogram of ``Z1`` at the start with the saturated range shaded,
    the histogram of the slopes ``g′(Z1)``, and the training loss (log scale) with the chance level and
    the epoch at which training accuracy first reaches 90%.
    """
    activation, scale = run.settings["activation"], run.settings["scale"]
    naive = "<b style='color:#c00'>inf</b>" if math.isinf(run.naive_loss0) else f"{run.naive_loss0:.3g}"
    reached = (f"{run.epochs_to_learn} epochs" if run.epochs_to_learn is not None
               else f"not within {run.settings['epochs']} epochs")
    readout = (f"<b>scale {scale:{SCALE_FORMAT}}, {activation}</b> · saturated units {run.saturated:.1%} · "
               f"|dW1|/|W1| {run.relative_step:.1e} · loss at step 0: {run.loss0:.3g} nats, naive formula {naive} · "
               f"90% accuracy after: {reached}")
    view = View([0], readout, key=f"scale {scale:{SCALE_FORMAT}}, {activation}", aspect=0.3, height=[180, 300])
    z = run.Z1.ravel()
    lim = nice_ceiling(1.05 * float(np.max(np.abs(z))))
    counts, edges = np.histogram(z, bins=np.linspace(-lim, lim, 41))
    if activation in SATURATION_Z:
        t = SATURATION_Z[activation]
        spans, shaded = [[-lim, -min(t, lim)], [min(t, lim), lim]], f"|z| > {t:.2f}: {run.saturated:.1%}"
    else:
        spans, shaded = [[-lim, 0.0]], f"z < 0 (slope 0): {np.mean(z < 0):.0%}"
    layers = [dict(kind="span", spans=spans, color="rgba(214,39,40,0.18)"),
              dict(kind="bars", edges=view.array("z_edges", edges), heights=view.array("z_counts", counts / z.size),
                   color=colour("C0"))]
    view.panel(f"Z1 at the start: std {z.std():.3g}\nshaded {shaded}", layers,
               x=dict(label="Z1 = W1 X", range=[-lim, lim]),
               y=dict(label="fraction", range=[0, nice_ceiling(1.3 * counts.max() / z.size)]))
    top = MAX_SLOPE[activation]
    slopes = run.slopes.ravel()
    counts, edges = np.histogram(slopes, bins=np.linspace(0, top, 31))
    high = nice_ceiling(1.3 * counts.max() / slopes.size) if counts.max() < slopes.size else 1.05
    layers = [dict(kind="bars", edges=view.array("g_edges", edges), heights=view.array("g_counts", counts / slopes.size),
                   color=colour("C2"))]
    view.panel(f"slopes g′(Z1): mean {slopes.mean():.3f}\n|dW1| = {run.dW1_norm:.2e}",
               layers, x=dict(label=f"slope of {activation} at Z1", range=[0, top]),
               y=dict(label="fraction", range=[0, min(1.05, high)]))
    learned = [] if run.epochs_to_learn is None else [
        dict(kind="vline", at=run.epochs_to_learn, color=colour("C0"), dash=[6, 4], width=1.5)]
    loss_panel(view, run.history.loss, f"loss at step 0: {run.loss0:.3g} nats\n"
               + (f"90% accurate at epoch {run.epochs_to_learn}" if learned
                  else f"not 90% in {run.settings['epochs']} epochs"),
               chance=run.chance, ylim=LOSS_LIMITS, label="training loss", marker=False, extra=learned)
    if learned:
        view.spec["panels"][-1]["legend"].append([colour("C0"), "90% accuracy reached", True])
    return view


class ScaleDashboard(Dashboard):
    """Notebook 06's app: a log scale slider (10^-3 … 10^2) and the activation.

    Attributes
    ----------
    controls : dict
        ``scale`` (the std of every weight) and ``activation``.
    panels : PanelsWidget
        The :func:`scale_view` of the run; its readout gives the saturated fraction, mean slope,
        |dW1|, loss at step 0 (both formulas) and epochs to 90% accuracy.
    """

    factory = "scale_figures.scale_dashboard"

    def __init__(self, scale=1.0, activation="tanh"):
        controls = {
            # the readout shows 4 digits, as the run uses them and the readout below prints them
            "scale": log_slider("init scale", scale, -3, 2, step=0.1, readout_format=SLIDER_FORMAT),
            "activation": dropdown("activation", ("tanh", "sigmoid", "relu"), activation),
        }
        super().__init__(controls)
        self.start()

    def settings(self, values):
        """Control values as arguments of :func:`symlab.lab.scale.scale_run` (scale rounded to 4 digits)."""
        return dict(scale=float(format(values["scale"], SCALE_FORMAT)), activation=values["activation"])

    def view(self, scale, activation):
        return scale_view(scale_run(scale, activation))

    @property
    def run(self):
        """The run shown."""
        return scale_run(**self.settings(self.values()))


def scale_dashboard(scale=1.0, activation="tanh"):
    """Build notebook 06's dashboard; display it by making it a cell's last expression."""
    return ScaleDashboard(scale, activation)
