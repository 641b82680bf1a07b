"""Notebook 03's figures and app: the all-zero losses, one start's panels, the starts dashboard and
every start side by side (experiments in :mod:`symlab.lab.zeros`)."""

import numpy as np

from .apps import Dashboard, dropdown, float_slider
from .figures import (APP_SIZE, BoundaryPanel, UnitCurves, chance_line, cut_note, draw_decision_boundary, new_figure,
                      panel_grid, probability_key_beside, suptitle, unit_ylim)
from ..metrics import distinct_units, unit_params
from .view import MAP_GRID, View, frame_maps, loss_panel, output_map, tile_grid, unit_tiles
from .zeros import (HIDDEN_ACTIVATIONS, LABEL_SETS, START_LABELS, STARTS, label_set, start_run, start_summary,
                    zero_init_outcome)


def plot_zero_init_losses():
    """Loss of the all-zero 2-4-1 net per activation, on the three label sets, with the chance level.

    Uses :func:`symlab.lab.zeros.zero_init_outcome` (3000 steps at lr 1). Returns a StaticFigure.
    """
    fig = new_figure(11, 3.6)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=0.15, top=0.82, wspace=0.28)
    styles = {"sigmoid": dict(color="C2", lw=2.5), "tanh": dict(color="C0", lw=4, alpha=0.5),
              "relu": dict(color="C3", lw=1.6, ls="--")}
    for ax, labels in zip(fig.subplots(1, 3), LABEL_SETS):
        for activation in HIDDEN_ACTIVATIONS:
            o = zero_init_outcome(activation, labels)
            ax.plot(o.loss, label=f"{activation}: {', '.join(o.moved) or 'nothing'} moved", **styles[activation])
        chance = zero_init_outcome("tanh", labels).entropy
        chance_line(ax, chance)
        share = label_set(labels)[1].mean()
        ax.set_title(f"{labels} labels ({share:.1%} label 1)", fontsize=10)
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("cross-entropy loss (nats)")
        ax.set_ylim(0.5, 0.75)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower left")
    fig.suptitle("All weights zero: the loss sits at the chance level unless sigmoid meets unbalanced labels",
                 fontsize=11)
    return fig


class StartFigure:
    """One starting point after training: hidden outputs, decision boundary, loss with chance level.

    Drawn on the still figure ``fig`` (the app, :func:`start_view`, is drawn in the browser).
    """

    def __init__(self, fig):
        self.ax_h, self.ax_b, self.ax_l = panel_grid(fig, 3, left=0.08, right=0.975, bottom=0.15, top=0.76,
                                                     wspace=0.75)
        self.title = suptitle(fig)
        self.units = UnitCurves(self.ax_h, ylabel="A1[j] after training")
        ax = self.ax_l
        note = min(8, ax.title.get_fontsize())
        self.reference, = ax.plot([], [], color="0.6", lw=1.5, label="he_normal (reference)")
        self.chance = ax.axhline(np.log(2), color="k", ls=":", lw=1.4, label="chance level")
        self.loss, = ax.plot([], [], color="C3", lw=2, label="this start", zorder=3)  # over the chance line
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("cross-entropy loss (nats)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=note, loc="lower left")
        for axes in (self.ax_b, self.ax_l):
            axes.set_title(" ", fontsize=min(10, axes.title.get_fontsize()))
        self.boundary = None
        self._labels = None

    def show(self, run, reference):
        s = run.settings
        if self.boundary is None:
            self.boundary = BoundaryPanel(self.ax_b, run.X, run.Y)
        elif s["labels"] != self._labels:
            self.boundary.data.set_offsets(run.X.T)
            self.boundary.data.set_array(run.Y[0])
        self._labels = s["labels"]
        summary = start_summary(run)
        snap = run.history.snapshot(s["epochs"])
        self.units.show(run.probe[0], snap.hidden, summary["distinct"], unit_ylim(s["activation"], snap.hidden),
                        cut_note(s["activation"], snap.hidden))
        self.boundary.show(run.net)
        self.ax_b.title.set_text(f"decision boundary\ntrain accuracy {summary['accuracy']:.0%}")
        self.loss.set_data(np.arange(len(run.history.loss)), run.history.loss)
        self.reference.set_data(np.arange(len(reference.history.loss)), reference.history.loss)
        self.chance.set_ydata([run.chance, run.chance])
        top = np.ceil(10 * max(0.8, 1.1 * float(np.max(run.history.loss[:20])))) / 10  # 0.8 for most starts
        if (0, s["epochs"]) != self.ax_l.get_xlim():
            self.ax_l.set_xlim(0, s["epochs"])
        if (0, top) != self.ax_l.get_ylim():
            self.ax_l.set_ylim(0, top)
        self.ax_l.title.set_text(f"training loss: {summary['final_loss']:.3f} at the end\n"
                                 f"(chance level {run.chance:.3f} nats)")
        biases = "zero biases" if s["bias_scale"] == 0 else f"biases N(0, {s['bias_scale']:g}²)"
        self.title.set_text(f"{START_LABELS[s['start']]}, {biases}, {s['activation']}, {s['labels']} labels: "
                            f"{summary['distinct']} distinct of {s['hidden']} units")
        return summary


def plot_start(start="constant", bias_scale=0.0, activation="tanh", labels="balanced"):
    """Static picture of :func:`starts_dashboard` for one setting. Returns a StaticFigure (9.6 × 3.6 in)."""
    run = start_run(start, activation, labels, bias_scale=bias_scale)
    reference = start_run("he_normal", activation, labels)
    fig = new_figure(*APP_SIZE)
    StartFigure(fig).show(run, reference)
    return fig


def start_view(run, reference):
    """The :class:`~symlab.lab.view.View` of a :func:`~symlab.lab.zeros.start_run`, one frame per recorded epoch.

    Panels: each hidden unit's output over the input square (one tile per unit), the output P(label 1)
    with its 0.5 contour and the data, and the loss against the He ``reference`` and the chance level.
    """
    s, h = run.settings, run.history
    summary = start_summary(run)
    epochs = run.recorded_epochs
    snaps = [h.snapshots[e] for e in epochs]
    distinct = [distinct_units(unit_params(snap.params)) for snap in snaps]
    readouts = []
    for e, k in zip(epochs, distinct):
        last = e >= len(h.loss)
        loss = h.final_loss if last else h.loss[e]
        accuracy = h.final_accuracy if last else h.accuracy[e]
        readouts.append(f"<b>distinct hidden units: {k} of {s['hidden']}</b> · max |dW1| at step 0: "
                        f"{summary['dW1_step0']:.1e} · loss {loss:.3f} nats (chance {run.chance:.3f}) · "
                        f"train accuracy {accuracy:.0%}")
    biases = "zero biases" if s["bias_scale"] == 0 else f"biases N(0, {s['bias_scale']:g}²)"
    view = View(epochs, readouts, key=f"{START_LABELS[s['start']]}, {biases}, {s['activation']}, {s['labels']}",
                last_epoch=s["epochs"], aspect=0.3, height=[170, 290])
    tiles, _ = frame_maps(run.net, [snap.params for snap in snaps], tile_grid(s["hidden"]))
    unit_tiles(view, tiles, s["activation"], run.X, [f"hidden units A1[j]:\n{k} distinct of {s['hidden']}"
                                                      for k in distinct])
    _, outputs = frame_maps(run.net, [snap.params for snap in snaps], MAP_GRID, hidden=False)
    accuracy = [h.final_accuracy if e >= len(h.loss) else h.accuracy[e] for e in epochs]
    output_map(view, outputs, run.X, run.Y, [f"P(label 1),\naccuracy {a:.0%}" for a in accuracy])
    top = float(np.ceil(10 * max(0.8, 1.1 * float(np.max(h.loss[:20])))) / 10)  # 0.8 for most starts
    loss_panel(view, h.loss, f"training loss: {summary['final_loss']:.3f}\nat the end", chance=run.chance,
               reference=reference.history.loss, ylim=(0, top), log=False, label="this start")
    return view


class StartsDashboard(Dashboard):
    """Pick a starting point, activation, label set and bias scale; see what training makes of it.

    Every control retrains (cached); the scrubber moves through the recorded epochs. The readout
    gives the distinct units, the largest ``|dW1|`` entry of the first step, the loss against the
    chance level and the training accuracy at the epoch shown.
    """

    factory = "zeros_figures.starts_dashboard"

    def __init__(self, start="constant", activation="tanh", labels="balanced", bias_scale=0.0, epoch=None):
        controls = {
            "start": dropdown("init scheme", [(START_LABELS[s], s) for s in STARTS], start),
            "activation": dropdown("activation", HIDDEN_ACTIVATIONS, activation),
            "labels": dropdown("labels", LABEL_SETS, labels),
            "bias_scale": float_slider("bias scale", bias_scale, 0.0, 1.0, 0.05),
        }
        self.record_every = 5  # epochs between frames (a static page records fewer)
        super().__init__(controls, epoch)
        self.start()

    def settings(self, values):
        """The control values as arguments of :func:`~symlab.lab.zeros.start_run` (bias scale rounded)."""
        v = values
        return dict(start=v["start"], activation=v["activation"], labels=v["labels"],
                    bias_scale=round(float(v["bias_scale"]), 6))

    def view(self, start, activation, labels, bias_scale):
        return start_view(start_run(start, activation, labels, bias_scale=bias_scale, record_every=self.record_every),
                          start_run("he_normal", activation, labels))


def starts_dashboard(start="constant", activation="tanh", labels="balanced", bias_scale=0.0, epoch=None):
    """Build the notebook-03 "what breaks the symmetry" app, showing ``epoch`` (default: the end of training);
    display it as a cell's last expression."""
    return StartsDashboard(start, activation, labels, bias_scale, epoch)


def plot_starts_boundaries(cases, **settings):
    """Decision boundaries after training from several ``(start, bias_scale)`` pairs, side by side.

    ``settings`` go to :func:`symlab.lab.zeros.start_run`. Returns a StaticFigure.
    """
    columns = min(3, len(cases))
    rows = -(-len(cases) // columns)
    fig = new_figure(3.4 * columns, 3.5 * rows + 0.4)
    fig.subplots_adjust(left=0.06, right=0.95, bottom=0.07, top=1 - 0.9 / (3.5 * rows + 0.4), wspace=0.15,
                        hspace=0.5)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax in axes[len(cases):]:
        ax.set_visible(False)
    for ax, (start, bias_scale) in zip(axes, cases):
        run = start_run(start, bias_scale=bias_scale, **settings)
        s = start_summary(run)
        shading = draw_decision_boundary(ax, run.net, run.X, run.Y)
        extra = "" if bias_scale == 0 else f"\n+ biases N(0, {bias_scale:g}²)"
        ax.set_title(f"{START_LABELS[start]}{extra}\n{s['distinct']} of {s['hidden']} units, "
                     f"accuracy {s['accuracy']:.0%}", fontsize=10)
    probability_key_beside(axes[:len(cases)], shading)
    fig.suptitle("What breaks the symmetry: after 300 steps from each start", fontsize=11)
    return fig
