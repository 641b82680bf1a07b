"""Figures and widget apps of the symmetry chapter (notebooks 02–05).

Each interactive app has a static twin drawn by the same code: a ``…Figure``
class lays out the panels once and :meth:`show` updates their data; a
``plot_…`` function draws one setting on a pyplot-free
:class:`~symlab.plots.StaticFigure` (the preview for readers without a kernel),
and a :class:`~symlab.dashboard.Dashboard` subclass redraws it when a control
moves. Every number in a title or readout is computed by :mod:`symlab.symmetry`.

================================  ==========================================================
notebook 02                       :func:`plot_forward_symmetry`, :class:`RowsFigure`,
                                  :func:`plot_rows`, :func:`rows_dashboard`,
                                  :func:`plot_width_comparison`
notebook 03                       :func:`plot_zero_init_losses`, :class:`StartFigure`,
                                  :func:`plot_start`, :func:`starts_dashboard`,
                                  :func:`plot_starts_boundaries`
notebook 04                       :class:`DropoutFigure`, :func:`plot_dropout`,
                                  :func:`dropout_dashboard`, :func:`plot_dropout_spreads`
notebook 05                       :class:`ConvexFigure`, :func:`plot_convex_starts`,
                                  :func:`convex_dashboard`, :func:`plot_softmax_mirror`,
                                  :func:`plot_perceptron`, :func:`plot_segments`
================================  ==========================================================
"""

import numpy as np
from matplotlib.collections import LineCollection

from . import symmetry as sym
from .dashboard import Dashboard, dropdown, float_slider, int_slider, log_slider
from .experiments import symmetry_run
from .linear import logistic_newton
from .metrics import distinct_units, row_spread, unit_params
from .mlp import cross_entropy
from .plots import UNIT_COLORS, Blitter, draw_decision_boundary, new_figure

LIM = 1.6  # the 2-D data sets lie in [-1.6, 1.6]^2
APP_SIZE = (9.6, 3.6)  # inches at 90 dpi = 864 x 324 px: fits JupyterLab beside the file browser, like notebook 01


def _unit_widths(H, widest=5.0, narrowest=1.5):
    """Line widths from wide (unit 0) to narrow (unit H-1): identical curves show as nested stripes."""
    return list(np.linspace(widest, narrowest, H)) if H > 1 else [2.0]


def _activation_ylim(activation, values=None):
    if activation == "tanh":
        return (-1.08, 1.08)
    if activation == "sigmoid":
        return (-0.04, 1.04)
    top = max(1.0, float(np.max(np.abs(values)))) if values is not None else 1.0
    return (-0.04 * top, 1.04 * top) if activation == "relu" else (-1.04 * top, 1.04 * top)


class UnitCurves:
    """Hidden-unit outputs ``A1[j]`` along the line x₂ = 0, one curve per unit, drawn widest first.

    Identical units draw as one curve made of nested coloured stripes.
    """

    def __init__(self, ax, ylabel="hidden-unit output A1[j]", title="hidden-unit outputs"):
        self.ax = ax
        self.heading = title
        self.curves = LineCollection([], capstyle="round")
        ax.add_collection(self.curves)
        ax.set_xlim(-1.5, 1.5)
        ax.set_xlabel("input x₁ (along the line x₂ = 0)")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)

    def show(self, x, hidden, distinct, ylim):
        H = len(hidden)
        self.curves.set_segments([np.column_stack([x, y]) for y in hidden])
        self.curves.set_linewidths(_unit_widths(H))
        self.curves.set_colors([UNIT_COLORS[j % 10] for j in range(H)])
        if ylim is not None:  # None keeps the limits (fixed per run by the caller)
            self.ax.set_ylim(*ylim)
        self.ax.set_title(f"{self.heading}\n{H} units, {distinct} distinct curve{'s' * (distinct > 1)}", fontsize=10)


class BoundaryPanel:
    """A net's predicted probability over the plane (colours), its 0.5 contour and the data."""

    def __init__(self, ax, X, Y, resolution=90):
        self.ax = ax
        grid = np.linspace(-LIM, LIM, resolution)
        G1, G2 = np.meshgrid(grid, grid)
        self.shape = G1.shape
        self.G1, self.G2 = G1, G2
        self.points = np.vstack([G1.ravel(), G2.ravel()])
        self.image = ax.imshow(np.full(self.shape, 0.5), extent=(-LIM, LIM, -LIM, LIM), origin="lower",
                               cmap="RdBu_r", vmin=0, vmax=1, alpha=0.45, interpolation="bilinear")
        self.contour = None
        self.data = ax.scatter(X[0], X[1], c=Y[0], cmap="RdBu_r", s=9, edgecolors="k", linewidths=0.3,
                               vmin=0, vmax=1)
        ax.set_xlim(-LIM, LIM)
        ax.set_ylim(-LIM, LIM)
        ax.set_aspect("equal")
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")

    def show(self, net):
        P, _ = net.forward(self.points)
        P = P.reshape(self.shape)
        self.image.set_data(P)
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        if P.min() < 0.5 < P.max():
            self.contour = self.ax.contour(self.G1, self.G2, P, levels=[0.5], colors="k", linewidths=1.6)


def _net_at(run, params):
    twin = run.net.copy()
    twin.params = {k: v.copy() for k, v in params.items()}
    return twin


def _chance_line(ax, chance):
    return ax.axhline(chance, color="k", ls=":", lw=1.4, label=f"chance level = {chance:.3f} nats")


# =================================================================== notebook 02
def plot_forward_symmetry(activation="tanh"):
    """Hidden-unit outputs of the 2-4-1 net before training: constant 0.5 against He.

    Returns a StaticFigure (10 × 3.6 in). Panel titles give the largest difference
    between two units' outputs, computed.
    """
    fig = new_figure(10, 3.9)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.76, wspace=0.25)
    for ax, scheme in zip(fig.subplots(1, 2), ("constant", "he_normal")):
        run = sym.rows_run(scheme, activation)
        hidden = run.history.snapshot(0).hidden
        gap = float(np.ptp(hidden, axis=0).max())
        panel = UnitCurves(ax, ylabel=f"A1[j] = {activation}(Z1[j])",
                           title=f"{scheme} {sym.ROW_SCHEMES[scheme]:g}, before training: largest gap {gap:.3g}")
        panel.show(run.probe[0], hidden, distinct_units(hidden, atol=0), _activation_ylim(activation, hidden))
    fig.suptitle("Forward symmetry: equal incoming weights, equal outputs for every input", fontsize=11)
    return fig


class RowsFigure:
    """Three panels for stepping through training: rows of W1, hidden outputs, decision boundary.

    (1) each row of ``W1`` (unit j's two incoming weights) as a point in the weight
    plane, with its path from epoch 0; identical rows move as one point.
    (2) the hidden-unit outputs along x₂ = 0 at that epoch. (3) the decision boundary.

    With ``blit=True`` (the interactive app) the axes of a run are drawn once and
    kept as a background image; stepping to another epoch redraws only what changes
    (paths, dots, curves, boundary, titles) on top of it, as
    :class:`symlab.plots.SymmetryFigure` does. Axis limits are fixed per run.
    """

    def __init__(self, fig, blit=False):
        self.fig = fig
        self.blit = blit
        fig.subplots_adjust(left=0.08, right=0.975, bottom=0.15, top=0.76, wspace=0.4)
        self.ax_w, self.ax_h, self.ax_b = fig.subplots(1, 3)
        self.title = fig.suptitle("", fontsize=11)
        self.paths, self.heads = [], None
        self.units = UnitCurves(self.ax_h)
        self.ax_w.set_xlabel("weight from x₁: W1[j, 0]")
        self.ax_w.set_ylabel("weight from x₂: W1[j, 1]")
        self.ax_w.grid(alpha=0.3)
        self.boundary = None
        self._run = None
        self.blitter = Blitter(fig, self.frame_artists) if blit else None

    def frame_artists(self):
        """What changes from one epoch to the next."""
        artists = self.paths + [self.heads, self.units.curves, self.boundary.image, self.boundary.data]
        if self.boundary.contour is not None:
            artists.append(self.boundary.contour)
        return artists + [self.title, self.ax_w.title, self.ax_h.title, self.ax_b.title]

    def _setup_run(self, run):
        for line in self.paths:
            line.remove()
        if self.heads is not None:
            self.heads.remove()
        H = run.settings["hidden"]
        widths = _unit_widths(H, 6.0, 1.5)
        self.paths = [self.ax_w.plot([], [], color=UNIT_COLORS[j % 10], lw=widths[j], alpha=0.9,
                                     solid_capstyle="round")[0] for j in range(H)]
        sizes = np.linspace(15, 5, H) if H > 1 else [9]
        self.heads = self.ax_w.scatter(np.zeros(H), np.zeros(H), s=np.square(sizes),
                                       c=[UNIT_COLORS[j % 10] for j in range(H)], edgecolors="k", zorder=3)
        epochs = run.recorded_epochs
        W = np.array([run.history.snapshots[e].params["W1"] for e in epochs])  # (E, H, 2)
        low, high = W.reshape(-1, 2).min(axis=0), W.reshape(-1, 2).max(axis=0)
        pad = 0.12 * max(float(np.max(high - low)), 0.5)
        self.ax_w.set_xlim(low[0] - pad, high[0] + pad)
        self.ax_w.set_ylim(low[1] - pad, high[1] + pad)
        hidden = np.array([run.history.snapshots[e].hidden for e in epochs])
        self.ax_h.set_ylim(*_activation_ylim(run.settings["activation"], hidden))
        self._W, self._epochs = W, np.array(epochs)
        if self.boundary is None:
            self.boundary = BoundaryPanel(self.ax_b, run.X, run.Y)
        self._run = run

    def show(self, run, epoch):
        """Draw ``run`` at ``epoch`` (latest snapshot at or before it); returns the snapshot."""
        new_run = run is not self._run
        if new_run:
            self._setup_run(run)
        snap = run.history.snapshot(epoch)
        upto = self._epochs <= snap.epoch
        for j, line in enumerate(self.paths):
            line.set_data(self._W[upto, j, 0], self._W[upto, j, 1])
        self.heads.set_offsets(snap.params["W1"])
        H = run.settings["hidden"]
        distinct = distinct_units(unit_params(snap.params))
        spread = row_spread(snap.params["W1"])
        self.ax_w.set_title(f"rows of W1 (one dot per unit)\nrow spread = {spread:.3g}", fontsize=10)
        self.units.show(run.probe[0], snap.hidden, distinct, None)
        net = _net_at(run, snap.params)
        self.boundary.show(net)
        index = min(snap.epoch, len(run.history.accuracy) - 1)
        accuracy = run.history.final_accuracy if snap.epoch == run.settings["epochs"] else run.history.accuracy[index]
        self.ax_b.set_title(f"decision boundary\ntrain accuracy {accuracy:.0%}", fontsize=10)
        s = run.settings
        self.title.set_text(f"{s['scheme']} init, {s['activation']}, H = {H}: epoch {snap.epoch} of {s['epochs']} "
                            f"(lr {s['lr']:g}) — {distinct} distinct unit{'s' * (distinct > 1)}")
        if self.blit:
            self.blitter.render(None if new_run else 0)  # a new run changes the axes: full redraw
        return snap


def plot_rows(scheme="constant", epoch=100, activation="tanh"):
    """Static picture of :func:`rows_dashboard` at one epoch. Returns a StaticFigure (11 × 3.7 in)."""
    fig = new_figure(*APP_SIZE)
    RowsFigure(fig).show(sym.rows_run(scheme, activation), epoch)
    return fig


class RowsDashboard(Dashboard):
    """Step through the training of a 2-4-1 net: do the rows of W1 move together?

    Controls: ``scheme`` (constant / tied_normal / he_normal), ``activation`` and
    ``epoch`` (0–200, continuous: it only reads recorded snapshots). The readout
    gives the epoch, the row spread of W1, the distinct units, loss and accuracy.
    """

    def __init__(self, scheme="constant", activation="tanh", epoch=0, use_ipympl=None):
        controls = {
            "scheme": dropdown("init scheme", tuple(sym.ROW_SCHEMES), scheme),
            "activation": dropdown("activation", sym.HIDDEN_ACTIVATIONS, activation),
            "epoch": int_slider("epoch", epoch, 0, 200, continuous=True),
        }
        controls["epoch"].layout.width = "480px"
        super().__init__(controls, [["scheme", "activation"], ["epoch"]], APP_SIZE, use_ipympl)
        self.panels = RowsFigure(self.fig, blit=self.use_ipympl)
        self.draws_itself = self.use_ipympl
        self.start()

    def update(self, changed):
        if changed != "epoch":
            self.run = sym.rows_run(self.controls["scheme"].value, self.controls["activation"].value)
        snap = self.panels.show(self.run, self.controls["epoch"].value)
        h = self.run.history
        loss = h.final_loss if snap.epoch == len(h.loss) else h.loss[snap.epoch]
        accuracy = h.final_accuracy if snap.epoch == len(h.loss) else h.accuracy[snap.epoch]
        k = distinct_units(unit_params(snap.params))
        self.readout.value = (f"<b>epoch {snap.epoch}</b> &nbsp;·&nbsp; <b>row spread of W1: "
                              f"{row_spread(snap.params['W1']):.3g}</b> &nbsp;·&nbsp; distinct hidden units: {k} of "
                              f"{self.run.settings['hidden']} &nbsp;·&nbsp; loss {loss:.3f} nats &nbsp;·&nbsp; "
                              f"train accuracy {accuracy:.0%}")


def rows_dashboard(scheme="constant", activation="tanh", epoch=0):
    """Build the notebook-02 epoch stepper; display it by making it a cell's last expression."""
    return RowsDashboard(scheme, activation, epoch)


def plot_width_comparison(widths=(2, 8, 32), random_hidden=8):
    """Decision boundaries of constant-init nets of several widths and one He-initialised net, on circles.

    The runs are :func:`symlab.experiments.symmetry_run` (tanh, 200 steps at lr 1.5).
    Titles give distinct units and training accuracy. Returns a StaticFigure.
    """
    cases = [("constant", 0.5, H) for H in widths] + [("he_normal", 1.0, random_hidden)]
    fig = new_figure(3.0 * len(cases), 3.7)
    fig.subplots_adjust(left=0.05, right=0.99, bottom=0.14, top=0.78, wspace=0.3)
    for ax, (scheme, scale, H) in zip(fig.subplots(1, len(cases)), cases):
        run = symmetry_run(scheme=scheme, scale=scale, hidden=H)
        k = distinct_units(unit_params(run.net.params))
        draw_decision_boundary(ax, run.net, run.X, run.Y)
        ax.set_title(f"{scheme}, H = {H}\n{k} distinct unit{'s' * (k > 1)}, "
                     f"accuracy {run.history.final_accuracy:.0%}", fontsize=10)
    fig.suptitle("After 200 steps: a constant start draws one straight line, whatever the width", fontsize=11)
    return fig


# =================================================================== notebook 03
def plot_zero_init_losses():
    """Loss of the all-zero 2-4-1 net per activation, on the three label sets, with the chance level.

    Uses :func:`symlab.symmetry.zero_init_outcome` (3000 steps at lr 1). Returns a StaticFigure.
    """
    fig = new_figure(11, 3.6)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=0.15, top=0.82, wspace=0.28)
    styles = {"sigmoid": dict(color="C2", lw=2.5), "tanh": dict(color="C0", lw=4, alpha=0.5),
              "relu": dict(color="C3", lw=1.6, ls="--")}
    for ax, labels in zip(fig.subplots(1, 3), sym.LABEL_SETS):
        for activation in sym.HIDDEN_ACTIVATIONS:
            o = sym.zero_init_outcome(activation, labels)
            ax.plot(o.loss, label=f"{activation}: {', '.join(o.moved) or 'nothing'} moved", **styles[activation])
        chance = sym.zero_init_outcome("tanh", labels).entropy
        _chance_line(ax, chance)
        share = sym.label_set(labels)[1].mean()
        ax.set_title(f"{labels} labels ({share:.1%} label 1)", fontsize=10)
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("training loss (nats)")
        ax.set_ylim(0.5, 0.75)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower left")
    fig.suptitle("All weights zero: the loss sits at the chance level unless sigmoid meets unbalanced labels",
                 fontsize=11)
    return fig


class StartFigure:
    """One starting point after training: hidden outputs, decision boundary, loss with chance level."""

    def __init__(self, fig):
        self.fig = fig
        fig.subplots_adjust(left=0.08, right=0.975, bottom=0.15, top=0.76, wspace=0.4)
        self.ax_h, self.ax_b, self.ax_l = fig.subplots(1, 3)
        self.title = fig.suptitle("", fontsize=11)
        self.units = UnitCurves(self.ax_h, ylabel="A1[j] after training")
        ax = self.ax_l
        self.reference, = ax.plot([], [], color="0.6", lw=1.5, label="He random (reference)")
        self.loss, = ax.plot([], [], color="C3", lw=2, label="this start")
        self.chance = ax.axhline(np.log(2), color="k", ls=":", lw=1.4, label="chance level")
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("training loss (nats)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower left")
        self.boundary = None
        self._labels = None

    def show(self, run, reference):
        s = run.settings
        if s["labels"] != self._labels:
            if self.boundary is not None:
                self.ax_b.clear()
            self.boundary = BoundaryPanel(self.ax_b, run.X, run.Y)
            self._labels = s["labels"]
        summary = sym.start_summary(run)
        snap = run.history.snapshot(s["epochs"])
        self.units.show(run.probe[0], snap.hidden, summary["distinct"], _activation_ylim(s["activation"], snap.hidden))
        self.boundary.show(run.net)
        self.ax_b.set_title(f"decision boundary\ntrain accuracy {summary['accuracy']:.0%}", fontsize=10)
        self.loss.set_data(np.arange(len(run.history.loss)), run.history.loss)
        self.reference.set_data(np.arange(len(reference.history.loss)), reference.history.loss)
        self.chance.set_ydata([run.chance, run.chance])
        self.chance.set_label(f"chance level = {run.chance:.3f} nats")
        self.ax_l.legend(fontsize=8, loc="lower left")
        self.ax_l.set_xlim(0, s["epochs"])
        top = max(0.8, 1.1 * float(np.max(run.history.loss[:20])))
        self.ax_l.set_ylim(0, top)
        self.ax_l.set_title(f"training loss: {summary['final_loss']:.3f} at the end", fontsize=10)
        biases = "zero biases" if s["bias_scale"] == 0 else f"biases N(0, {s['bias_scale']:g}²)"
        self.title.set_text(f"{sym.START_LABELS[s['start']]}, {biases}, {s['activation']}, {s['labels']} labels: "
                            f"{summary['distinct']} distinct of {s['hidden']} units")
        return summary


def plot_start(start="constant", bias_scale=0.0, activation="tanh", labels="balanced"):
    """Static picture of :func:`starts_dashboard` for one setting. Returns a StaticFigure (11 × 3.7 in)."""
    run = sym.start_run(start, activation, labels, bias_scale=bias_scale)
    reference = sym.start_run("he_normal", activation, labels)
    fig = new_figure(*APP_SIZE)
    StartFigure(fig).show(run, reference)
    return fig


class StartsDashboard(Dashboard):
    """Pick a starting point, activation, label set and bias scale; see what training makes of it.

    Every control retrains (cached). The readout gives the distinct units, the
    largest ``|dW1|`` entry of the first step, the final loss against the chance
    level and the training accuracy.
    """

    def __init__(self, start="constant", activation="tanh", labels="balanced", bias_scale=0.0, use_ipympl=None):
        controls = {
            "start": dropdown("start", [(sym.START_LABELS[s], s) for s in sym.STARTS], start),
            "activation": dropdown("activation", sym.HIDDEN_ACTIVATIONS, activation),
            "labels": dropdown("labels", sym.LABEL_SETS, labels),
            "bias_scale": float_slider("bias scale", bias_scale, 0.0, 1.0, 0.05),
        }
        super().__init__(controls, [["start", "activation"], ["labels", "bias_scale"]], APP_SIZE, use_ipympl)
        self.panels = StartFigure(self.fig)
        self.start()

    def update(self, changed):
        v = self.values()
        self.run = sym.start_run(v["start"], v["activation"], v["labels"], bias_scale=float(v["bias_scale"]))
        self.reference = sym.start_run("he_normal", v["activation"], v["labels"])
        s = self.panels.show(self.run, self.reference)
        self.readout.value = (f"<b>distinct hidden units: {s['distinct']} of {s['hidden']}</b> &nbsp;·&nbsp; "
                              f"max |dW1| at step 0: {s['dW1_step0']:.1e} &nbsp;·&nbsp; final loss "
                              f"{s['final_loss']:.3f} nats (chance {s['chance']:.3f}) &nbsp;·&nbsp; "
                              f"train accuracy {s['accuracy']:.0%}")


def starts_dashboard(start="constant", activation="tanh", labels="balanced", bias_scale=0.0):
    """Build the notebook-03 "what breaks the symmetry" app; display it as a cell's last expression."""
    return StartsDashboard(start, activation, labels, bias_scale)


def plot_starts_boundaries(cases, **settings):
    """Decision boundaries after training from several ``(start, bias_scale)`` pairs, side by side.

    ``settings`` go to :func:`symlab.symmetry.start_run`. Returns a StaticFigure.
    """
    columns = min(3, len(cases))
    rows = -(-len(cases) // columns)
    fig = new_figure(3.4 * columns, 3.5 * rows + 0.4)
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.07, top=1 - 0.9 / (3.5 * rows + 0.4), wspace=0.15,
                        hspace=0.5)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax in axes[len(cases):]:
        ax.set_visible(False)
    for ax, (start, bias_scale) in zip(axes, cases):
        run = sym.start_run(start, bias_scale=bias_scale, **settings)
        s = sym.start_summary(run)
        draw_decision_boundary(ax, run.net, run.X, run.Y)
        extra = "" if bias_scale == 0 else f"\n+ biases N(0, {bias_scale:g}²)"
        ax.set_title(f"{sym.START_LABELS[start]}{extra}\n{s['distinct']} of {s['hidden']} units, "
                     f"accuracy {s['accuracy']:.0%}", fontsize=10)
    fig.suptitle("What breaks the symmetry: after 300 steps from each start", fontsize=11)
    return fig


# =================================================================== notebook 04
SPREAD_RANGE = (1e-3, 30.0)


class DropoutFigure:
    """Dropout on a constant-init net: row spread of W1, hidden outputs at the end, loss.

    (1) row spread of ``W1`` against epoch (log scale; 0 cannot be drawn, the
    note says so), with a He-initialised net without dropout for reference;
    (2) hidden-unit outputs after training; (3) training loss (measured without
    dropout) against the reference and the chance level.
    """

    def __init__(self, fig):
        self.fig = fig
        fig.subplots_adjust(left=0.08, right=0.975, bottom=0.15, top=0.76, wspace=0.4)
        self.ax_s, self.ax_h, self.ax_l = fig.subplots(1, 3)
        self.title = fig.suptitle("", fontsize=11)
        ax = self.ax_s
        self.spread_ref, = ax.plot([], [], color="0.6", lw=1.5, label="He random, no dropout")
        self.spread, = ax.plot([], [], color="C4", lw=2, label="constant + dropout")
        self.zero_note = ax.text(0.5, 0.5, "row spread exactly 0\nat every epoch", transform=ax.transAxes,
                                 ha="center", va="center", fontsize=10,
                                 bbox=dict(facecolor="white", alpha=0.9, edgecolor="0.5"))
        ax.set_yscale("log")
        ax.set_ylim(*SPREAD_RANGE)
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("row spread of W1 (weight units)")
        ax.set_title("how different the units' weights are", fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower right")
        self.units = UnitCurves(self.ax_h, ylabel="A1[j] after training", title="hidden-unit outputs at the end")
        ax = self.ax_l
        self.loss_ref, = ax.plot([], [], color="0.6", lw=1.5, label="He random, no dropout")
        self.loss, = ax.plot([], [], color="C4", lw=2, label="constant + dropout")
        self.chance = ax.axhline(np.log(2), color="k", ls=":", lw=1.4, label="chance level")
        ax.set_ylim(0, 0.8)
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("training loss (nats, no dropout)")
        ax.grid(alpha=0.3)
        self.ax_l.legend(fontsize=8, loc="lower left")

    def show(self, d, reference):
        """Draw :class:`~symlab.symmetry.DropoutRun` ``d`` against ``reference``; returns its summary."""
        s = sym.dropout_summary(d)
        p = d.run.settings["p"]
        epochs = d.run.settings["epochs"]
        positive = d.spread > 0
        self.spread.set_data(d.epochs[positive], d.spread[positive])
        self.spread.set_label(f"constant + dropout p = {p:g}")
        self.spread_ref.set_data(reference.epochs, reference.spread)
        self.zero_note.set_visible(not positive.any())
        self.ax_s.set_xlim(0, epochs)
        self.ax_s.legend(fontsize=8, loc="lower right")
        snap = d.history.snapshot(epochs)
        self.units.show(d.run.probe[0], snap.hidden, s["distinct"], _activation_ylim("tanh"))
        self.loss.set_data(np.arange(len(d.history.loss)), d.history.loss)
        self.loss.set_label(f"constant + dropout p = {p:g}")
        self.loss_ref.set_data(np.arange(len(reference.history.loss)), reference.history.loss)
        self.chance.set_ydata([d.run.chance, d.run.chance])
        self.chance.set_label(f"chance level = {d.run.chance:.3f} nats")
        self.ax_l.set_xlim(0, epochs)
        self.ax_l.legend(fontsize=8, loc="lower left")
        to95 = "not reached" if s["to95"] is None else f"epoch {s['to95']}"
        self.ax_l.set_title(f"loss; 95% accuracy: {to95}", fontsize=10)
        self.title.set_text(f"Constant init 0.5 + dropout p = {p:g} (seed {d.run.settings['seed']}), tanh, H = "
                            f"{d.run.settings['hidden']}, lr {d.run.settings['lr']:g}: {s['distinct']} distinct units")
        return s


def plot_dropout(p=0.2, seed=0):
    """Static picture of :func:`dropout_dashboard` for one drop probability. Returns a StaticFigure."""
    fig = new_figure(*APP_SIZE)
    DropoutFigure(fig).show(sym.dropout_run(p, seed=seed), sym.dropout_run(0.0, "he_normal", seed))
    return fig


class DropoutDashboard(Dashboard):
    """Drop probability and seed of a constant-init net with dropout, against a He net without.

    The readout gives the row spread of ``W1`` after the first step, at epoch 200 and
    at the end, the distinct units, the loss at epoch 200 and the epochs to 95 %
    training accuracy (the He reference's in brackets).
    """

    def __init__(self, p=0.2, seed=0, use_ipympl=None):
        controls = {
            "p": float_slider("dropout p", p, 0.0, 0.5, 0.05),
            "seed": int_slider("seed", seed, 0, 9),
        }
        super().__init__(controls, [["p", "seed"]], APP_SIZE, use_ipympl)
        self.panels = DropoutFigure(self.fig)
        self.start()

    def update(self, changed):
        p, seed = round(float(self.controls["p"].value), 4), int(self.controls["seed"].value)
        self.run = sym.dropout_run(p, seed=seed)
        self.reference = sym.dropout_run(0.0, "he_normal", seed)
        s = self.panels.show(self.run, self.reference)
        ref = sym.dropout_summary(self.reference)
        to95 = "never" if s["to95"] is None else str(s["to95"])
        self.readout.value = (f"<b>row spread of W1: {s['spread_first']:.2g} after 1 step, {s['spread_at']:.2g} at "
                              f"epoch 200, {s['spread_end']:.2g} at the end</b> &nbsp;·&nbsp; distinct units "
                              f"{s['distinct']} of 8 &nbsp;·&nbsp; loss at epoch 200: {s['loss_at']:.3f} nats "
                              f"(He: {ref['loss_at']:.3f}) &nbsp;·&nbsp; epochs to 95% accuracy: {to95} "
                              f"(He: {ref['to95']})")


def dropout_dashboard(p=0.2, seed=0):
    """Build the notebook-04 dropout app; display it as a cell's last expression."""
    return DropoutDashboard(p, seed)


def plot_dropout_spreads(ps=(0.1, 0.2, 0.5), seeds=range(3)):
    """Row spread of W1 and loss against epoch for several drop probabilities and seeds.

    One colour per ``p``, one line per seed; He without dropout in grey. Returns a StaticFigure.
    """
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.07, right=0.985, bottom=0.14, top=0.84, wspace=0.25)
    ax_s, ax_l = fig.subplots(1, 2)
    for seed in seeds:
        ref = sym.dropout_run(0.0, "he_normal", seed)
        label = "He random, no dropout" if seed == seeds[0] else None
        ax_s.plot(ref.epochs, ref.spread, color="0.6", lw=1.3, label=label)
        ax_l.plot(ref.history.loss, color="0.6", lw=1.3, label=label)
        for i, p in enumerate(ps):
            d = sym.dropout_run(p, seed=seed)
            label = f"constant + dropout p = {p:g}" if seed == seeds[0] else None
            positive = d.spread > 0
            ax_s.plot(d.epochs[positive], d.spread[positive], color=f"C{i + 4}", lw=1.4, label=label)
            ax_l.plot(d.history.loss, color=f"C{i + 4}", lw=1.4, label=label)
    _chance_line(ax_l, sym.dropout_run(ps[0], seed=seeds[0]).run.chance)
    ax_s.set_yscale("log")
    ax_s.set_ylim(*SPREAD_RANGE)
    ax_s.set_ylabel("row spread of W1 (weight units)")
    ax_s.set_title(f"how different the units are ({len(seeds)} seeds each); without dropout: exactly 0",
                   fontsize=10)
    ax_l.set_ylim(0, 0.8)
    ax_l.set_ylabel("training loss (nats, no dropout)")
    ax_l.set_title("training loss", fontsize=10)
    for ax in (ax_s, ax_l):
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_xlim(0, sym.dropout_run(ps[0]).run.settings["epochs"])
        ax.grid(alpha=0.3)
    ax_s.legend(fontsize=8, loc="lower right")
    ax_l.legend(fontsize=8, loc="upper right")
    fig.suptitle("Dropout splits a constant start, but from a tiny, noisy difference: it learns late", fontsize=11)
    return fig


# =================================================================== notebook 05
class ConvexFigure:
    """Logistic regression from several starts: paths in the weight plane and distance to the minimum.

    (1) the paths of ``(w1, w2)`` over contours of the loss (with the bias at its
    optimum), the minimum from Newton's method as a star; (2) the largest
    difference between ``[w | b]`` and Newton's minimum against epoch (log scale).
    """

    def __init__(self, fig):
        self.fig = fig
        fig.subplots_adjust(left=0.07, right=0.97, bottom=0.14, top=0.84, wspace=0.25)
        self.ax_p, self.ax_d = fig.subplots(1, 2)
        self.title = fig.suptitle("", fontsize=11)
        X, Y = sym.convex_data()
        w, b = logistic_newton(X, Y)
        self.optimum = np.hstack([w, b]).ravel()
        ax = self.ax_p
        g1, g2 = np.linspace(-9, 9, 121), np.linspace(-11, 7, 121)
        G1, G2 = np.meshgrid(g1, g2)
        Z = (np.stack([G1.ravel(), G2.ravel()], axis=1) @ X) + self.optimum[2]      # (P, m)
        L = cross_entropy(Z[:, None, :], Y, "sigmoid").reshape(G1.shape)  # one loss per grid point (w1, w2)
        contours = ax.contour(G1, G2, L, levels=[0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0], colors="0.55",
                              linewidths=0.9)
        ax.clabel(contours, fontsize=7, fmt="%.2g")
        ax.plot(*self.optimum[:2], marker="*", ms=17, color="gold", mec="k", zorder=4, ls="none",
                label="minimum (Newton's method)")
        ax.set_xlim(-9, 9)
        ax.set_ylim(-11, 7)
        ax.set_xlabel("w1 (weight on x₁)")
        ax.set_ylabel("w2 (weight on x₂)")
        ax.set_title("paths of gradient descent over the loss (nats)", fontsize=10)
        self.ax_d.set_yscale("log")
        self.ax_d.set_ylim(1e-14, 30)
        self.ax_d.set_xlabel("epoch (full-batch steps)")
        self.ax_d.set_ylabel("max |θ − θ*| (weight units)")
        self.ax_d.set_title("distance from the minimum θ* = [w | b]", fontsize=10)
        self.ax_d.grid(alpha=0.3)
        self.lines = []

    def show(self, fits, labels):
        """Draw ``fits`` (:class:`~symlab.linear.LinearFit`) with their ``labels``; returns final distances."""
        for line in self.lines:
            line.remove()
        self.lines = []
        finals = []
        for i, (fit, label) in enumerate(zip(fits, labels)):
            color = "k" if i == 0 else f"C{i}"
            path = fit.path[:, 0, :]
            distance = np.abs(path - self.optimum).max(axis=1)
            finals.append(float(distance[-1]))
            self.lines += self.ax_p.plot(path[:, 0], path[:, 1], color=color, lw=2 if i == 0 else 1.5, label=label)
            self.lines += self.ax_p.plot(path[0, 0], path[0, 1], "o", color=color, ms=6, mec="k")
            self.lines += self.ax_d.plot(np.maximum(distance, 1e-16), color=color, lw=2 if i == 0 else 1.5,
                                         label=f"{label}: {distance[-1]:.0e} at the end")
        self.ax_d.set_xlim(0, len(fits[0].loss) - 1)
        self.ax_p.legend(fontsize=8, loc="lower left")
        self.ax_d.legend(fontsize=8, loc="upper right")
        return finals


def _convex_fits(seeds, scale):
    fits = [sym.logistic_from(0.0, 0)] + [sym.logistic_from(float(scale), int(seed)) for seed in seeds]
    labels = ["from zeros"] + [f"random start, seed {seed}" for seed in seeds]
    return fits, labels


def plot_convex_starts(seeds=(1, 2, 3), scale=3.0):
    """Logistic regression on moons from zeros and random starts N(0, scale²). Returns a StaticFigure."""
    fig = new_figure(9.6, 4.0)
    panels = ConvexFigure(fig)
    fits, labels = _convex_fits(seeds, scale)
    panels.show(fits, labels)
    panels.title.set_text(f"Logistic regression (convex): every start ends at the same weights "
                          f"(3000 steps, lr 1, starts N(0, {scale:g}²))")
    return fig


class ConvexDashboard(Dashboard):
    """Move the random start of logistic regression (scale and seed); the zero start is always drawn.

    The readout gives the largest difference between the two final ``[w | b]``.
    """

    def __init__(self, scale=3.0, seed=1, use_ipympl=None):
        controls = {
            "scale": log_slider("start scale", scale, -1, 1),
            "seed": int_slider("seed", seed, 1, 30),
        }
        super().__init__(controls, [["scale", "seed"]], (9.6, 4.0), use_ipympl)
        self.panels = ConvexFigure(self.fig)
        self.start()

    def update(self, changed):
        scale, seed = round(float(self.controls["scale"].value), 6), int(self.controls["seed"].value)
        fits, labels = _convex_fits([seed], scale)
        self.panels.show(fits, labels)
        self.panels.title.set_text(f"Logistic regression from zeros and from a random start N(0, {scale:.3g}²)")
        gap = float(np.abs(fits[1].theta - fits[0].theta).max())
        start = float(np.abs(fits[1].path[0] - fits[0].path[0]).max())
        self.readout.value = (f"<b>final weights differ by {gap:.1e}</b> (started {start:.2f} apart) "
                              f"&nbsp;·&nbsp; final loss {fits[0].loss[-1]:.6f} and {fits[1].loss[-1]:.6f} nats")


def convex_dashboard(scale=3.0, seed=1):
    """Build the notebook-05 app; display it as a cell's last expression."""
    return ConvexDashboard(scale, seed)


def plot_softmax_mirror(result=None):
    """Two-class softmax regression: mirror-image rows from zeros; any start predicts the same.

    ``result`` is :func:`symlab.symmetry.softmax_mirror` (computed if omitted).
    Panels: the rows of ``[W | b]`` from zeros, the same from a random start, and
    ``W[1] − W[0]`` (all that the predictions depend on) for both. Returns a StaticFigure.
    """
    r = sym.softmax_mirror() if result is None else result
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.27, top=0.8, wspace=0.28)
    ax_z, ax_r, ax_d = fig.subplots(1, 3)
    names = ["w₁ (x₁)", "w₂ (x₂)", "b"]
    epochs = len(r["zero"].loss) - 1
    for ax, fit, title in ((ax_z, r["zero"], "from zeros: W[0] = −W[1]"),
                           (ax_r, r["random"], "from a random start: no mirror")):
        for k, name in enumerate(names):
            ax.plot(fit.path[:, 1, k], color=f"C{k}", lw=2.2, label=f"class 1: {name}")
            ax.plot(fit.path[:, 0, k], color=f"C{k}", lw=2.2, ls="--", label=f"class 0: {name}")
        ax.set_title(title, fontsize=10)
        ax.set_ylabel("weight")
    for fit, style, label in ((r["zero"], "-", "from zeros"), (r["random"], ":", "from a random start")):
        difference = fit.path[:, 1] - fit.path[:, 0]
        for k, name in enumerate(names):
            ax_d.plot(difference[:, k], color=f"C{k}", lw=2.6 if style == "-" else 2.0, ls=style,
                      label=f"{label}: {name}")
    ax_d.set_title("W[1] − W[0]: the same from both starts", fontsize=10)
    ax_d.set_ylabel("difference of the class weights")
    for ax in (ax_z, ax_r, ax_d):
        ax.axhline(0, color="k", lw=0.8)
        ax.set_xscale("symlog", linthresh=10)
        ax.set_xlim(0, epochs)
        ax.set_xlabel("epoch (log scale after 10)")
        ax.grid(alpha=0.3)
    ax_z.legend(fontsize=8, ncol=3, loc="upper left", bbox_to_anchor=(0.0, -0.2))
    ax_d.legend(fontsize=8, ncol=2, loc="upper left", bbox_to_anchor=(-0.3, -0.2))
    fig.suptitle(f"2-class softmax regression: the two starts end {r['prediction_gap']:.0e} apart in every "
                 "predicted probability", fontsize=11)
    return fig


def plot_perceptron(result=None):
    """The perceptron from zero and random starts: mistakes per pass, and the lines it ends with.

    ``result`` is :func:`symlab.symmetry.perceptron_starts` (computed if omitted). Returns a StaticFigure.
    """
    from .linear import perceptron
    r = sym.perceptron_starts() if result is None else result
    X, Y = r["X"], r["Y"]
    fig = new_figure(11, 4.0)
    fig.subplots_adjust(left=0.07, right=0.985, bottom=0.14, top=0.84, wspace=0.25)
    ax_m, ax_d = fig.subplots(1, 2)
    fits = [("from zero", r["zero"], "k")]
    for i, seed in enumerate(range(1, 4)):
        fit, _ = perceptron(X, Y, *sym.random_start(3.0, seed), seed=0)
        fits.append((f"random start, seed {seed}", fit, f"C{i + 1}"))
    ax_d.scatter(X[0], X[1], c=Y[0], cmap="RdBu_r", s=14, edgecolors="k", linewidths=0.3, vmin=0, vmax=1)
    x1 = np.linspace(-4, 4, 2)
    for label, fit, color in fits:
        ax_m.plot(fit.loss, "o-", color=color, lw=2, label=label)
        w, b = fit.W[0], fit.b[0, 0]
        ax_d.plot(x1, -(w[0] * x1 + b) / w[1], color=color, lw=2, label=label)
    ax_m.set_xlabel("pass over the data (0 = the start)")
    ax_m.set_xticks(range(int(max(len(f.loss) for _, f, _ in fits))))
    ax_m.set_ylabel("misclassified training points")
    ax_m.set_title("mistakes after each pass", fontsize=10)
    ax_m.grid(alpha=0.3)
    ax_m.legend(fontsize=8)
    ax_d.set_xlim(-4, 4)
    ax_d.set_ylim(-4, 4)
    ax_d.set_aspect("equal")
    ax_d.set_xlabel("x₁")
    ax_d.set_ylabel("x₂")
    ax_d.set_title("final lines: all separate the data", fontsize=10)
    ax_d.legend(fontsize=8, loc="lower right", framealpha=0.95)
    fig.suptitle(f"The perceptron: from zero it is done after {r['zero_epochs']} passes; "
                 "other starts give other, equally correct lines", fontsize=11)
    return fig


def plot_segments():
    """The loss along a straight line between two points: logistic regression against a hidden layer.

    Left: between two random logistic-regression starts (below the chord: convex).
    Right: between a trained 2-8-1 tanh net and the same net with units 0 and 1
    swapped (the same function at both ends; worse in the middle). Returns a StaticFigure.
    """
    fig = new_figure(11, 3.8)
    fig.subplots_adjust(left=0.07, right=0.985, bottom=0.15, top=0.8, wspace=0.25)
    ax_c, ax_h = fig.subplots(1, 2)
    t, losses, chord = sym.logistic_segment()
    ax_c.plot(t, losses, color="C0", lw=2.2, label="loss along the line")
    ax_c.plot(t, chord, color="k", ls="--", lw=1.2, label="straight line between the ends")
    ax_c.set_title("logistic regression: between two random starts", fontsize=10)
    net, _ = sym.moons_net()
    t, losses = sym.hidden_segment(net)
    ax_h.plot(t, losses, color="C3", lw=2.2, label="loss along the line")
    ax_h.plot([0, 1], [losses[0], losses[-1]], color="k", ls="--", lw=1.2, label="straight line between the ends")
    mid = len(t) // 2
    ax_h.annotate(f"midpoint: units 0 and 1 identical\nloss {losses[mid]:.3f} (ends {losses[0]:.3f})",
                  (t[mid], losses[mid]), xytext=(0.5, 0.22), textcoords="axes fraction", ha="center", fontsize=9,
                  bbox=dict(facecolor="white", edgecolor="0.7", alpha=0.95),
                  arrowprops=dict(arrowstyle="->", color="0.3"))
    ax_h.set_title("2-8-1 tanh net: between a minimum and its unit-swapped copy", fontsize=10)
    for ax in (ax_c, ax_h):
        ax.set_xlabel("position t along the line (0 = first end, 1 = second end)")
        ax.set_ylabel("training loss (nats)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
    fig.suptitle("Convex or not: the loss on the straight line between two points", fontsize=11)
    return fig
