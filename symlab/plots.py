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
from matplotlib.figure import Figure

from .experiments import symmetry_run
from .metrics import distinct_units, unit_params

UNIT_COLORS = [f"C{i}" for i in range(10)]
MAX_UNITS = 256


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


class SymmetryFigure:
    """The dashboard's three panels on ``fig``, redrawn in place by :meth:`show`.

    Panels: (1) each hidden unit's output ``A1[j]`` along the line x₂ = 0 — one
    curve per unit, so identical units draw on top of each other; (2) the matrix
    ``[dW1 | db1]`` as colours, one row per hidden unit — identical rows have
    identical colours; (3) training loss (nats, log scale) against epoch, with a
    faint He-initialised reference run and the chance level.
    All artists are created once; :meth:`show` only changes their data.
    """

    def __init__(self, fig):
        self.fig = fig
        bottom, height = 0.19, 0.6
        self.ax_units = fig.add_axes((0.075, bottom, 0.265, height))
        self.ax_grad = fig.add_axes((0.43, bottom, 0.14, height))
        ax_colorbar = fig.add_axes((0.58, bottom, 0.012, height))
        self.ax_loss = fig.add_axes((0.71, bottom, 0.275, height))
        self.title = fig.suptitle("", fontsize=11)

        ax = self.ax_units
        self.unit_lines = [ax.plot([], [], lw=1.8, color=UNIT_COLORS[j % 10], visible=False)[0]
                           for j in range(MAX_UNITS)]
        ax.set_xlim(-1.5, 1.5)
        ax.set_xlabel("input x₁ (along the line x₂ = 0)")
        ax.set_ylabel("hidden-unit output A1[j]")
        ax.grid(alpha=0.3)
        self.units_note = ax.text(0.02, 0.96, "", transform=ax.transAxes, va="top", fontsize=9,
                                  bbox=dict(facecolor="white", alpha=0.8, edgecolor="none"))

        ax = self.ax_grad
        self.grad_image = ax.imshow(np.zeros((1, 3)), cmap="RdBu_r", aspect="auto",
                                    interpolation="nearest", vmin=-1, vmax=1)
        self.colorbar = fig.colorbar(self.grad_image, cax=ax_colorbar)
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
        self.diverged_note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                                     color="C3", fontsize=11, fontweight="bold",
                                     bbox=dict(facecolor="white", alpha=0.85, edgecolor="C3"))
        ax.set_yscale("log")
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("cross-entropy loss (nats)")
        ax.grid(alpha=0.3)
        ax.legend(loc="lower left", fontsize=8)

    def show(self, run, epoch, reference=None):
        """Draw ``run`` as it was at ``epoch`` (the latest snapshot at or before it).

        ``reference`` is another :class:`~symlab.experiments.Run` drawn faintly in
        the loss panel (the dashboard passes the He-initialised run). Returns the
        snapshot shown.
        """
        history = run.history
        snap = history.snapshot(epoch)
        H = run.settings["hidden"]
        distinct = distinct_units(unit_params(snap.params))

        # (1) hidden-unit outputs along x2 = 0
        for j, line in enumerate(self.unit_lines):
            if j < H:
                line.set_data(run.probe[0], snap.hidden[j])
            line.set_visible(j < H)
        low, high = float(np.min(snap.hidden[:H])), float(np.max(snap.hidden[:H]))
        if run.settings["activation"] == "tanh":
            low, high = -1.0, 1.0
        elif run.settings["activation"] == "sigmoid":
            low, high = 0.0, 1.0
        pad = max(0.05 * (high - low), 1e-3)
        self.ax_units.set_ylim(low - pad, high + pad)
        self.ax_units.set_title(f"Hidden-unit outputs, epoch {snap.epoch}", fontsize=10)
        curves = "curve" if distinct == 1 else "different curves"
        self.units_note.set_text(f"{H} units, {distinct} {curves}")

        # (2) rows of [dW1 | db1]
        G = np.hstack([snap.grads["dW1"], snap.grads["db1"]])
        limit = float(np.max(np.abs(G))) if np.all(np.isfinite(G)) else 1.0
        limit = limit if limit > 0 else 1e-12
        self.grad_image.set_data(G)
        self.grad_image.set_extent((-0.5, 2.5, H - 0.5, -0.5))
        self.grad_image.set_clim(-limit, limit)
        self.colorbar.set_ticks([-limit, 0, limit], labels=[f"{-limit:.1g}", "0", f"{limit:.1g}"])
        rows = distinct_units(G, atol=1e-12 * max(limit, 1e-300))
        self.zero_note.set_visible(not np.any(G))
        self.ax_grad.set_title(f"dW1 | db1: {rows} distinct row{'s' * (rows > 1)}", fontsize=10)
        step = max(1, int(np.ceil(H / 8)))
        self.ax_grad.set_yticks(range(0, H, step))

        # (3) loss curves
        epochs = np.arange(len(history.loss))
        self.loss_line.set_data(epochs, history.loss)
        curves = [history.loss]
        if reference is not None:
            self.reference_line.set_data(np.arange(len(reference.history.loss)), reference.history.loss)
            curves.append(reference.history.loss)
        self.reference_line.set_visible(reference is not None)
        self.chance_line.set_ydata([run.chance, run.chance])
        self.epoch_line.set_xdata([snap.epoch, snap.epoch])
        values = np.concatenate(curves + [[run.chance]])
        values = values[np.isfinite(values) & (values > 0)]
        self.ax_loss.set_xlim(0, run.settings["epochs"])
        # losses of a diverging run can reach 1e300; the axis stops at 1e8
        self.ax_loss.set_ylim(max(values.min() / 1.5, 1e-4), min(values.max() * 1.5, 1e8))
        self.ax_loss.set_title("Training loss", fontsize=10)
        if history.diverged:
            self.diverged_note.set_text(f"diverged at epoch {history.diverged_at}\n(loss or weights became inf/NaN)")
        self.diverged_note.set_visible(history.diverged)

        self.title.set_text(describe(run.settings))
        return snap


def plot_symmetry(epoch=None, **settings):
    """Static picture of the symmetry dashboard for one setting.

    ``settings`` are the keyword arguments of :func:`symlab.experiments.symmetry_run`
    (scheme, scale, activation, hidden, dataset, seed, lr, epochs). ``epoch``
    defaults to the end of training. Returns a Figure (9.6 × 3.4 in).
    """
    run = symmetry_run(**settings)
    reference = symmetry_run(**{**run.settings, "scheme": "he_normal", "scale": 1.0})
    fig = new_figure(9.6, 3.4)
    SymmetryFigure(fig).show(run, run.settings["epochs"] if epoch is None else epoch, reference)
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
