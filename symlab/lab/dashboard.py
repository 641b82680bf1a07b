"""Notebooks 00 and 01: the symmetry dashboard and the three-start comparison.

:class:`SymmetryFigure` draws the dashboard's three panels — hidden-unit outputs,
rows of dW1, loss curves — and updates them in place, so the interactive
:func:`symmetry_dashboard` and its static preview :func:`plot_symmetry` share one
drawing code. :func:`plot_init_comparison` draws notebook 00's side-by-side runs.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection

from ..activations import ACTIVATIONS
from ..checks import check_between, check_choice, check_int
from ..data import DATASETS
from ..init import SCHEMES
from ..metrics import distinct_units, unit_params
from .apps import FIGSIZE, Dashboard, dropdown, int_slider, log_slider
from .figures import (LOSS_RANGE, UNIT_COLORS, Blitter, activation_ylim, describe, draw_decision_boundary, new_figure,
                      nice_ceiling)
from .runs import symmetry_run


# ---------------------------------------------------------------- figure


class SymmetryFigure:
    """The dashboard's three panels on ``fig``, redrawn in place by :meth:`show`.

    Panels: (1) each hidden unit's output ``A1[j]`` along the line x₂ = 0 — one
    curve per unit (``unit_curves``, a LineCollection), so identical units draw
    on top of each other; (2) the matrix
    ``[dW1 | db1]`` as colours, one row per hidden unit, scaled by its largest
    entry — identical rows have identical colours; (3) training loss (nats, log
    scale) against epoch, with a faint He-initialised reference run and the
    chance level.

    All artists are created once; :meth:`show` only changes their data. With
    ``blit=True`` (the interactive dashboard) the axes, ticks and labels are drawn
    once and kept as a background image; an update redraws only the artists that
    change (curves, image, texts) on top of it and sends that. A full redraw
    happens only when the axes themselves change (number of units, the
    activation's output range).
    """

    def __init__(self, fig, blit=False):
        self.fig = fig
        self.blit = blit
        bottom, height = (0.19, 0.64) if blit else (0.19, 0.58)  # the still picture has a suptitle
        self.ax_units = fig.add_axes((0.075, bottom, 0.265, height))
        self.ax_grad = fig.add_axes((0.43, bottom, 0.14, height))
        ax_colorbar = fig.add_axes((0.58, bottom, 0.012, height))
        self.ax_loss = fig.add_axes((0.71, bottom, 0.275, height))
        self.title = fig.suptitle("", fontsize=11)

        ax = self.ax_units
        # one collection of H curves draws much faster than H separate lines
        self.unit_curves = LineCollection([], linewidths=1.8)
        ax.add_collection(self.unit_curves)
        ax.set_xlim(-1.5, 1.5)
        ax.set_xlabel("input x₁ (along the line x₂ = 0)")
        ax.set_ylabel("hidden-unit output A1[j]")
        ax.grid(alpha=0.3)
        self.units_note = ax.text(0.02, 0.96, "", transform=ax.transAxes, va="top", fontsize=9,
                                  bbox=dict(facecolor="white", alpha=0.8, edgecolor="none"))

        ax = self.ax_grad
        self.grad_image = ax.imshow(np.zeros((1, 3)), cmap="RdBu_r", aspect="auto",
                                    interpolation="nearest", vmin=-1, vmax=1)
        colorbar = fig.colorbar(self.grad_image, cax=ax_colorbar)
        colorbar.set_ticks([-1, 0, 1], labels=["−max", "0", "+max"])
        ax.set_xticks([0, 1, 2], ["x₁", "x₂", "bias"])
        ax.set_xlabel("weight from")
        ax.set_ylabel("hidden unit j (row)")
        self.zero_note = ax.text(0.5, 0.5, "all exactly 0", transform=ax.transAxes, ha="center", va="center",
                                 fontsize=9, bbox=dict(facecolor="white", alpha=0.85, edgecolor="0.5"))

        ax = self.ax_loss
        self.reference_line, = ax.plot([], [], color="0.6", lw=1.5, alpha=0.6, label="he_normal (reference)")
        self.loss_line, = ax.plot([], [], color="C3", lw=2, label="this run")
        self.chance_line = ax.axhline(np.log(2), color="k", ls=":", lw=1.2, label="chance (label entropy)")
        self.epoch_line = ax.axvline(0, color="C0", lw=1, alpha=0.7)
        self.loss_note = ax.text(0.98, 0.96, "", transform=ax.transAxes, ha="right", va="top", fontsize=8)
        self.diverged_note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                                     color="C3", fontsize=9, fontweight="bold",
                                     bbox=dict(facecolor="white", alpha=0.85, edgecolor="C3"))
        ax.set_yscale("log")
        ax.set_ylim(*LOSS_RANGE)
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("cross-entropy loss (nats)")
        ax.grid(alpha=0.3)
        ax.legend(loc="lower left", fontsize=8)

        self.ax_units.set_title("Hidden-unit outputs", fontsize=10, y=1.01)
        self.ax_loss.set_title("Training loss", fontsize=10, y=1.01)
        self.grad_title = self.ax_grad.set_title("", fontsize=10, y=1.01)
        # what changes with the run, and what changes with every epoch of it
        self.run_artists = [self.title, self.reference_line, self.loss_line, self.chance_line, self.loss_note,
                            self.diverged_note]
        self.frame_artists = [self.unit_curves, self.units_note, self.grad_image, self.grad_title, self.zero_note,
                              self.epoch_line]
        self._axes_state = None
        self._shown = None
        self.blitter = Blitter(fig, lambda: self.run_artists, lambda: self.frame_artists) if blit else None

    def show(self, run, epoch, reference=None):
        """Draw ``run`` as it was at ``epoch`` (the latest snapshot at or before it).

        ``reference`` is another :class:`~symlab.lab.runs.Run` drawn faintly in
        the loss panel (the dashboard passes the He-initialised run). Returns the
        snapshot shown. With ``blit=True`` the canvas is updated too; otherwise the
        caller draws or saves the figure.
        """
        history = run.history
        snap = history.snapshot(epoch)
        H = run.settings["hidden"]
        distinct = distinct_units(unit_params(snap.params))

        # (1) hidden-unit outputs along x2 = 0, on axes fixed for the whole run
        x = run.probe[0]
        self.unit_curves.set_segments([np.column_stack([x, y]) for y in snap.hidden])
        self.unit_curves.set_colors([UNIT_COLORS[j % 10] for j in range(H)])
        activation, top = run.settings["activation"], 1.0
        if activation in ("relu", "linear"):  # unbounded outputs: the run's largest sets the axis
            top = nice_ceiling(max(float(np.max(np.abs(s.hidden))) for s in history.snapshots.values()))
        ylim = activation_ylim(activation, top)
        curves = "curve" if distinct == 1 else "different curves"
        self.units_note.set_text(f"{H} units, {distinct} {curves}")

        # (2) rows of [dW1 | db1], divided by the largest entry
        G = np.hstack([snap.grads["dW1"], snap.grads["db1"]])
        finite = bool(np.all(np.isfinite(G)))
        largest = float(np.max(np.abs(G))) if finite else float("nan")
        self.grad_image.set_data(G / largest if finite and largest > 0 else np.zeros_like(G))
        rows = distinct_units(G, atol=1e-12 * largest) if finite and largest > 0 else 1
        self.zero_note.set_visible(finite and largest == 0)
        self.grad_title.set_text(f"dW1 | db1: {rows} distinct row{'s' * (rows > 1)}\n"
                                f"max |entry| = {largest:.1e}")

        # (3) loss curves on fixed axes: 10^-2 ... 10^2 nats
        self.loss_line.set_data(np.arange(len(history.loss)), history.loss)
        if reference is not None:
            self.reference_line.set_data(np.arange(len(reference.history.loss)), reference.history.loss)
        self.reference_line.set_visible(reference is not None)
        self.chance_line.set_ydata([run.chance, run.chance])
        self.epoch_line.set_xdata([snap.epoch, snap.epoch])
        peak = float(np.max(history.loss)) if len(history.loss) else float("nan")
        self.loss_note.set_text(f"peak loss {peak:.2g} is above the chart" if peak > LOSS_RANGE[1] else "")
        if history.diverged:
            self.diverged_note.set_text(f"diverged at epoch {history.diverged_at}\n(loss or weights\nbecame inf/NaN)")
        self.diverged_note.set_visible(history.diverged)
        if not self.blit:  # a still picture names its settings; the dashboard's controls show them
            self.title.set_text(f"{describe(run.settings)} — epoch {snap.epoch}")

        axes_state = (ylim, H, run.settings["epochs"])
        if axes_state != self._axes_state:
            self.ax_units.set_ylim(*ylim)
            self.grad_image.set_extent((-0.5, 2.5, H - 0.5, -0.5))
            self.ax_grad.set_yticks(range(0, H, max(1, int(np.ceil(H / 8)))))
            self.ax_loss.set_xlim(0, run.settings["epochs"])
            first = None  # the axes changed: full redraw
        else:
            same_run = self._shown is not None and self._shown[0] is run and self._shown[1] is reference
            first = 1 if same_run else 0  # redraw the epoch's artists only, or the run's too
        self._axes_state, self._shown = axes_state, (run, reference)
        if self.blit:
            self.blitter.render(first)
        return snap


def plot_symmetry(epoch=None, **settings):
    """Static picture of the symmetry dashboard for one setting.

    ``settings`` are the keyword arguments of :func:`symlab.lab.runs.symmetry_run`
    (scheme, scale, activation, hidden, dataset, seed, lr, epochs). ``epoch``
    (0 … epochs, default: the end of training) picks the snapshot shown — the latest
    recorded at or before it; the title names the epoch shown. Returns a Figure
    (9.6 × 3.4 in). Raises ``ValueError`` for an epoch outside 0 … epochs.
    """
    run = symmetry_run(**settings)
    epochs = run.settings["epochs"]
    epoch = epochs if epoch is None else check_int("epoch", epoch, 0, epochs)
    reference = symmetry_run(**{**run.settings, "scheme": "he_normal", "scale": 1.0})
    fig = new_figure(9.6, 3.4)
    SymmetryFigure(fig).show(run, epoch, reference)
    return fig


def plot_init_comparison(schemes, **settings):
    """One row per ``(scheme, scale)`` pair: hidden-unit outputs, decision boundary, loss.

    ``schemes`` is a list of ``(scheme, scale)``; ``settings`` are the other keyword
    arguments of :func:`symlab.lab.runs.symmetry_run`. Each row's title gives
    the distinct-unit count and final accuracy, computed from the run.
    """
    fig = new_figure(11, 3.1 * len(schemes))
    fig.subplots_adjust(left=0.07, right=0.98, top=0.94, bottom=0.06, hspace=0.5, wspace=0.3)
    axes = fig.subplots(len(schemes), 3, squeeze=False)
    for row, (scheme, scale) in zip(axes, schemes):
        run = symmetry_run(scheme=scheme, scale=scale, **settings)
        snap = run.history.snapshot(run.settings["epochs"])
        H = run.settings["hidden"]
        distinct = distinct_units(unit_params(run.net.params))
        for j in range(H):
            row[0].plot(run.probe[0], snap.hidden[j], color=UNIT_COLORS[j % 10], lw=1.5)
        row[0].set_title(f"{scheme} (scale {scale:g}): {distinct} distinct of {H} units", fontsize=10)
        row[0].set_xlabel("input x₁ (along x₂ = 0)")
        row[0].set_ylabel("A1[j] after training")
        accuracy = run.history.final_accuracy
        draw_decision_boundary(row[1], run.net, run.X, run.Y,
                               title=f"decision boundary, train accuracy {accuracy:.0%}")
        row[2].plot(run.history.loss, color="C3", lw=2)
        row[2].axhline(run.chance, color="k", ls=":", lw=1.2, label=f"chance = {run.chance:.3f}")
        row[2].set_title(f"loss: {run.history.loss[0]:.3f} → {run.history.final_loss:.3f} nats", fontsize=10)
        row[2].set_xlabel("epoch")
        row[2].set_ylabel("cross-entropy (nats)")
        row[2].set_ylim(0, max(1.0, 1.1 * float(np.nanmax(run.history.loss[:50]))))
        row[2].legend(fontsize=8, loc="upper right")
    return fig


# ------------------------------------------------------------------- app


#: the scale a scheme starts at when it is picked in the dashboard (1 = the textbook formula
#: for the scaled schemes, the std for normal ones); zeros ignores the scale
SCHEME_SCALE = {"constant": 0.5, "zeros": None}

#: The scheme menu of notebook 01, each scheme with the notebook that explains it, so a first-week
#: learner sees which ones are for now and which come later.
SCHEME_MENU = {
    "zeros": "zeros (00, 03)", "constant": "constant (00, 02)", "tied_normal": "tied_normal (01, 03)",
    "uniform": "uniform (06)", "normal": "normal (06, 09)", "lecun_normal": "lecun_normal (07)",
    "xavier_uniform": "xavier_uniform (07)", "xavier_normal": "xavier_normal (07)",
    "he_uniform": "he_uniform (07)", "he_normal": "he_normal (00, 07)", "orthogonal": "orthogonal (07)",
}


class SymmetryDashboard(Dashboard):
    """Init scheme and scale against hidden-unit outputs, rows of dW1 and the loss.

    Picking a scheme moves the scale slider to that scheme's usual value
    (:data:`SCHEME_SCALE`, else 1.0), so ``he_normal`` means the textbook He init.

    Attributes
    ----------
    controls : dict name -> widget
        ``scheme``, ``scale``, ``activation``, ``hidden``, ``dataset``, ``seed``,
        ``lr`` (each retrains, cached) and ``epoch`` (scrubs the recorded run).
    readout : ipywidgets.HTML
        "distinct hidden units: k of H", epoch, loss, accuracy, divergence.
    panels : SymmetryFigure
        The three panels and their artists (blitted with ipympl).
    run, reference : Run
        What is shown now, and the He-initialised run with the same settings.
    """

    def __init__(self, scheme="constant", scale=0.5, activation="tanh", hidden=8, dataset="circles",
                 seed=0, lr=1.5, epochs=200, use_ipympl=None):
        # starting values must lie on the controls, or a widget would silently clip them
        check_choice("scheme", scheme, SCHEMES)
        check_between("scale (slider range)", scale, 1e-3, 1e2)
        check_choice("activation", activation, tuple(ACTIVATIONS))
        check_int("hidden", hidden, 1, 64)
        check_choice("dataset", dataset, DATASETS)
        check_int("seed", seed, 0, 20)
        check_between("lr (slider range)", lr, 1e-2, 1e2)
        self.epochs = check_int("epochs", epochs, 1, 5000)
        self.record_every = max(1, epochs // 50)
        controls = {
            "scheme": dropdown("init scheme", [(SCHEME_MENU[name], name) for name in SCHEMES], scheme),
            "scale": log_slider("init scale", scale, -3, 2),
            "activation": dropdown("activation", tuple(ACTIVATIONS), activation),
            "hidden": int_slider("hidden units", hidden, 1, 64),
            "dataset": dropdown("dataset", DATASETS, dataset),
            "seed": int_slider("seed", seed, 0, 20),
            "lr": log_slider("learning rate", lr, -2, 2),
            "epoch": int_slider("epoch", epochs, 0, epochs, step=self.record_every, continuous=True),
        }
        controls["epoch"].layout = widgets.Layout(width="480px")
        rows = [["scheme", "scale", "activation", "hidden"], ["dataset", "seed", "lr"], ["epoch"]]
        super().__init__(controls, rows, FIGSIZE, use_ipympl)
        self.panels = SymmetryFigure(self.fig, blit=self.use_ipympl)
        self.draws_itself = self.use_ipympl
        self.start()

    def settings(self):
        """The current control values as keyword arguments of ``symmetry_run``."""
        c = self.controls
        return dict(scheme=c["scheme"].value, scale=float(c["scale"].value), activation=c["activation"].value,
                    hidden=int(c["hidden"].value), dataset=c["dataset"].value, seed=int(c["seed"].value),
                    lr=float(c["lr"].value), epochs=self.epochs, record_every=self.record_every)

    def update(self, changed):
        if changed == "scheme":
            scale = SCHEME_SCALE.get(self.controls["scheme"].value, 1.0)
            if scale is not None:
                self.set_quietly("scale", scale)
        if changed != "epoch":  # every other control changes the run (cached per setting)
            settings = self.settings()
            self.run = symmetry_run(**settings)
            self.reference = symmetry_run(**{**settings, "scheme": "he_normal", "scale": 1.0})
        snap = self.panels.show(self.run, self.controls["epoch"].value, self.reference)
        history = self.run.history
        H = self.run.settings["hidden"]
        k = distinct_units(unit_params(snap.params))
        if snap.epoch == self.epochs and not history.diverged:
            loss, accuracy = history.final_loss, history.final_accuracy
        else:
            index = min(snap.epoch, len(history.loss) - 1)
            loss, accuracy = history.loss[index], history.accuracy[index]
        loss_text = f"{loss:.3g}" if loss >= 1000 else f"{loss:.3f}"  # a diverging run's loss can be 1e300
        text = (f"<b>distinct hidden units: {k} of {H}</b> &nbsp;·&nbsp; epoch {snap.epoch} &nbsp;·&nbsp; "
                f"loss {loss_text} nats &nbsp;·&nbsp; train accuracy {accuracy:.0%}")
        if history.diverged:
            text += (f" &nbsp;·&nbsp; <b style='color:#c00'>diverged at epoch {history.diverged_at}</b> (the loss "
                     f"or weights became inf/NaN; the panels show epoch {snap.epoch}, the last one recorded): "
                     "lower the scale or the learning rate")
        self.readout.value = text


def symmetry_dashboard(scheme="constant", scale=0.5, activation="tanh", hidden=8, dataset="circles",
                       seed=0, lr=1.5, epochs=200):
    """Build the symmetry dashboard; display it by making it a cell's last expression.

    The arguments are the controls' starting values (see
    :func:`symlab.lab.runs.symmetry_run`); ``epochs`` fixes the training length.
    The epoch scrubber updates continuously, as it only reads recorded snapshots.
    """
    return SymmetryDashboard(scheme, scale, activation, hidden, dataset, seed, lr, epochs)
