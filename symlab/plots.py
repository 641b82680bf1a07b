"""Figures for the notebooks.

Every function returns a ``matplotlib.figure.Figure`` built without pyplot, so it
shows as a static image in any notebook front end (and on GitHub), leaves no
figure open behind it, and can be inspected in tests (``fig.axes[0].lines``…).

:class:`SymmetryFigure` draws the three panels of the symmetry dashboard —
hidden-unit outputs, rows of dW1, loss curves — and updates them in place, so the
interactive dashboard and its static preview share one drawing code.
"""

import io

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ._checks import check_int
from .experiments import symmetry_run
from .metrics import distinct_units, unit_params

UNIT_COLORS = [f"C{i}" for i in range(10)]


class StaticFigure(Figure):
    """A matplotlib Figure that shows itself as a PNG in any notebook, whatever the backend."""

    def _repr_png_(self):
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()


def new_figure(width, height):
    """A pyplot-free :class:`StaticFigure` of ``width`` × ``height`` inches at 90 dpi."""
    return StaticFigure(figsize=(width, height), dpi=90)


def describe(settings):
    """One-line summary of a run's settings, e.g. ``constant, scale 0.5, tanh, H = 8, circles``."""
    return (f"{settings['scheme']}, scale {settings['scale']:.3g}, {settings['activation']}, "
            f"H = {settings['hidden']}, {settings['dataset']}, lr {settings['lr']:.3g}, seed {settings['seed']}")


LOSS_RANGE = (1e-2, 1e2)  # nats; fixed so that loss curves of different settings compare at a glance


def nice_ceiling(x):
    """The smallest of 1, 2, 5 × 10^k that is >= x (for stable axis limits)."""
    if not np.isfinite(x) or x <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(x))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= x))


class Blitter:
    """Redraw only what changed on a figure (matplotlib's "blitting").

    ``layers`` are functions, each returning the artists drawn over the layers
    before it — for the symmetry dashboard: what changes with a run, then what
    changes with every epoch of it. After every full draw (ours, or one the front
    end asks for) the picture under each layer is kept; :meth:`render` then starts
    from the picture under one layer and redraws that layer and those above it,
    and the canvas sends only the pixels that changed.
    """

    def __init__(self, fig, *layers):
        self.fig, self.layers = fig, layers
        self.backgrounds = [None] * len(layers)
        fig.canvas.mpl_connect("draw_event", self._on_draw)

    def _on_draw(self, event):
        self.backgrounds[0] = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._draw_layers(0)

    def _draw_layers(self, first):
        for i in range(first, len(self.layers)):
            if i > first:
                self.backgrounds[i] = self.fig.canvas.copy_from_bbox(self.fig.bbox)
            for artist in self.layers[i]():
                self.fig.draw_artist(artist)  # skips invisible artists

    def render(self, first=None):
        """A full redraw (``first=None``), or layers ``first`` … last redrawn over the kept picture."""
        for layer in self.layers:  # a full draw leaves these out, to be drawn on top
            for artist in layer():
                artist.set_animated(True)
        if first is None or self.backgrounds[first] is None:
            self.fig.canvas.draw()  # fires draw_event -> _on_draw
            return
        self.fig.canvas.restore_region(self.backgrounds[first])
        self._draw_layers(first)
        self.fig.canvas.blit(self.fig.bbox)


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
        self.reference_line, = ax.plot([], [], color="0.6", lw=1.5, alpha=0.6, label="he_normal reference")
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

        ``reference`` is another :class:`~symlab.experiments.Run` drawn faintly in
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
        activation = run.settings["activation"]
        if activation == "tanh":
            ylim = (-1.08, 1.08)
        elif activation == "sigmoid":
            ylim = (-0.04, 1.04)
        else:
            top = nice_ceiling(max(float(np.max(np.abs(s.hidden))) for s in history.snapshots.values()))
            ylim = (-0.04 * top, 1.04 * top) if activation == "relu" else (-1.04 * top, 1.04 * top)
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

    ``settings`` are the keyword arguments of :func:`symlab.experiments.symmetry_run`
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


def draw_decision_boundary(ax, net, X, Y, title=None, resolution=150):
    """Shade ``net``'s predicted probability over the plane, with the data on top.

    ``X`` (2, m) and ``Y`` (1, m) are plotted as points (colour = label); the
    0.5 contour (the decision boundary) is a black line.
    """
    lim = 1.6
    grid = np.linspace(-lim, lim, resolution)
    G1, G2 = np.meshgrid(grid, grid)
    P, _ = net.forward(np.vstack([G1.ravel(), G2.ravel()]))
    P = P.reshape(G1.shape)
    ax.contourf(G1, G2, P, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.45)
    if P.min() < 0.5 < P.max():
        ax.contour(G1, G2, P, levels=[0.5], colors="k", linewidths=1.5)
    ax.scatter(X[0], X[1], c=Y[0], cmap="RdBu_r", s=10, edgecolors="k", linewidths=0.3, vmin=0, vmax=1)
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    if title:
        ax.set_title(title, fontsize=10)


def plot_init_comparison(schemes, **settings):
    """One row per ``(scheme, scale)`` pair: hidden-unit outputs, decision boundary, loss.

    ``schemes`` is a list of ``(scheme, scale)``; ``settings`` are the other keyword
    arguments of :func:`symlab.experiments.symmetry_run`. Each row's title gives
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
