"""Notebook 02: forward and backward symmetry, measured.

* :func:`constant_rows_table` — rows of ``W1`` stay identical under constant init;
* :func:`rows_run`, :func:`rows_table` and :class:`RowsFigure` / :func:`rows_dashboard` —
  the rows of Z1, A1 and dW1 epoch by epoch;
* :func:`label_switches`, :func:`width_table`, :func:`plot_width_comparison` — a
  constant-init net of any width draws one straight line.

Conventions as in :mod:`symlab.mlp`: ``W1`` has shape ``(H, n_x)``, row j is hidden
unit j's incoming weights; losses are mean cross-entropies in nats.
"""

from functools import lru_cache

import numpy as np

from ..metrics import distinct_units, row_spread, unit_params
from ..mlp import MLP
from ..train import train
from .apps import Dashboard, dropdown
from ..checks import check_choice, check_int
from ..data import make_dataset, one_hot
from .figures import (APP_SIZE, UNIT_COLORS, BoundaryPanel, UnitCurves, draw_decision_boundary, draw_unit_maps,
                      net_at, new_figure, panel_grid, probability_key_beside, suptitle, unit_widths, unit_ylim)
from .runs import HIDDEN_ACTIVATIONS, symmetry_run
from .view import COLOURS, MAP_GRID, View, frame_maps, output_map, tile_grid, unit_tiles


# ----------------------------------------------------------- experiments


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

    :func:`symlab.lab.runs.symmetry_run` (cached) with ``hidden=4``,
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

    Uses :func:`symlab.lab.runs.symmetry_run` (defaults: tanh, 200 steps at
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


def three_class_data(m=300, seed=0):
    """Three Gaussian blobs (std 0.4) around the corners of a triangle, (−1, −1), (0, 1) and (1, −1).

    ``sklearn.datasets.make_blobs(m, centers=…, cluster_std=0.4, random_state=seed)``; returns
    ``X`` (2, m) and one-hot ``Y`` (3, m).
    """
    import sklearn.datasets

    X, labels = sklearn.datasets.make_blobs(check_int("m", m, 3), centers=[(-1, -1), (0, 1), (1, -1)],
                                            cluster_std=0.4, random_state=check_int("seed", seed, 0))
    return X.T, one_hot(labels, 3)


@lru_cache(maxsize=4)
def _softmax_line_rows(hidden, epochs, lr):
    X, Y = three_class_data()
    rows = []
    for scheme, scale in (("constant", 0.5), ("he_normal", 1.0)):
        net = MLP([2, hidden, 3], activation="tanh", init=scheme, scale=scale, seed=0, output="softmax")
        history = train(net, X, Y, epochs=epochs, lr=lr)
        rows.append(dict(scheme=scheme, distinct=distinct_units(unit_params(net.params)), hidden=hidden,
                         accuracy=history.final_accuracy, switches=label_switches(net, grid_points(2.5)), net=net))
    return rows


def softmax_line_rows(hidden=8, epochs=500, lr=1.0):
    """The rows :func:`softmax_lines` prints, computed once (cached; treat the nets as read-only)."""
    return _softmax_line_rows(check_int("hidden", hidden, 1, 64), check_int("epochs", epochs), float(lr))


def softmax_lines(hidden=8, epochs=500, lr=1.0):
    """A constant start with a 3-class softmax output: parallel lines, at most K − 1 = 2 of them.

    Every hidden unit computes the same ``tanh(u)``, ``u = w·x + b``, so each class's logit is its own
    affine function ``a_c·tanh(u) + b_c`` of that one number, and the argmax can change at most K − 1
    times along ``u``: the boundaries are straight lines ``u = const``, parallel to each other. Trains
    ``[2, hidden, 3]`` tanh nets from constant 0.5 and from He on :func:`three_class_data`; prints
    distinct units, training accuracy and :func:`label_switches` (over a grid). Returns the rows.
    """
    rows = softmax_line_rows(hidden, epochs, lr)
    print(f"{'init':<10} {'distinct units':>14}  {'train accuracy':>14}  {'label switches along u':>22}")
    for row in rows:
        print(f"{row['scheme']:<10} {row['distinct']:>7} of {hidden:<4}  {row['accuracy']:>14.1%}  "
              f"{row['switches']:>22}")
    return rows


# ------------------------------------------------------- figures and app


def plot_forward_symmetry(activation="tanh"):
    """Hidden-unit outputs of the 2-4-1 net before training: constant 0.5 against He.

    Returns a StaticFigure (10 × 3.6 in). Panel titles give the largest difference
    between two units' outputs, computed.
    """
    fig = new_figure(10, 3.9)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.76, wspace=0.25)
    for ax, scheme in zip(fig.subplots(1, 2), ("constant", "he_normal")):
        run = rows_run(scheme, activation)
        hidden = run.history.snapshot(0).hidden
        gap = float(np.ptp(hidden, axis=0).max())
        panel = UnitCurves(ax, ylabel=f"A1[j] = {activation}(Z1[j])",
                           title=f"{scheme} {ROW_SCHEMES[scheme]:g}, before training: largest gap {gap:.3g}")
        panel.show(run.probe[0], hidden, distinct_units(hidden, atol=0), unit_ylim(activation, hidden))
    fig.suptitle("Forward symmetry: equal incoming weights, equal outputs for every input", fontsize=11)
    return fig


class RowsFigure:
    """Three panels for stepping through training: rows of W1, hidden outputs, decision boundary.

    (1) each row of ``W1`` (unit j's two incoming weights) as a point in the weight
    plane, with its path from epoch 0; identical rows move as one point.
    (2) the hidden-unit outputs along x₂ = 0 at that epoch. (3) the decision boundary.

    ``fig`` is the still picture the panels are drawn on (the dashboard, :func:`rows_view`, is
    drawn in the browser).
    """

    def __init__(self, fig):
        self.ax_w, self.ax_h, self.ax_b = panel_grid(fig, 3, left=0.08, right=0.91, bottom=0.15, top=0.76, wspace=0.4)
        self.title = suptitle(fig)
        self.paths, self.heads = [], None
        self.units = UnitCurves(self.ax_h)
        self.ax_w.set_xlabel("weight from x₁: W1[j, 0]")
        self.ax_w.set_ylabel("weight from x₂: W1[j, 1]")
        self.ax_w.grid(alpha=0.3)
        self.ax_w.set_title(" ", fontsize=min(10, self.ax_w.title.get_fontsize()))
        self.boundary = None
        self._run = None

    def _setup_run(self, run):
        for line in self.paths:
            line.remove()
        if self.heads is not None:
            self.heads.remove()
        H = run.settings["hidden"]
        widths = unit_widths(H, 6.0, 1.5)
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
        ylim = unit_ylim(run.settings["activation"], hidden)
        if ylim != self.ax_h.get_ylim():
            self.ax_h.set_ylim(*ylim)
        self._W, self._epochs = W, np.array(epochs)
        if self.boundary is None:
            self.boundary = BoundaryPanel(self.ax_b, run.X, run.Y)
            self.ax_b.set_title(" ", fontsize=min(10, self.ax_b.title.get_fontsize()))
        self._run = run

    def show(self, run, epoch):
        """Draw ``run`` at ``epoch`` (latest snapshot at or before it); returns the snapshot."""
        if run is not self._run:
            self._setup_run(run)
        snap = run.history.snapshot(epoch)
        upto = self._epochs <= snap.epoch
        for j, line in enumerate(self.paths):
            line.set_data(self._W[upto, j, 0], self._W[upto, j, 1])
        self.heads.set_offsets(snap.params["W1"])
        H = run.settings["hidden"]
        distinct = distinct_units(unit_params(snap.params))
        spread = row_spread(snap.params["W1"])
        # title.set_text, not ax.set_title, which would make the figure stale (see UnitCurves.show)
        self.ax_w.title.set_text(f"rows of W1 (one dot per unit)\nrow spread = {spread:.3g}")
        self.units.show(run.probe[0], snap.hidden, distinct, None)
        self.boundary.show(net_at(run, snap.params))
        index = min(snap.epoch, len(run.history.accuracy) - 1)
        accuracy = run.history.final_accuracy if snap.epoch == run.settings["epochs"] else run.history.accuracy[index]
        self.ax_b.title.set_text(f"decision boundary\ntrain accuracy {accuracy:.0%}")
        s = run.settings
        self.title.set_text(f"{s['scheme']} init, {s['activation']}, H = {H}: epoch {snap.epoch} of {s['epochs']} "
                            f"(lr {s['lr']:g}) — {distinct} distinct unit{'s' * (distinct > 1)}")
        return snap


def plot_rows(scheme="constant", epoch=100, activation="tanh"):
    """Static picture of :func:`rows_dashboard` at one epoch. Returns a StaticFigure (9.6 × 3.6 in)."""
    fig = new_figure(*APP_SIZE)
    RowsFigure(fig).show(rows_run(scheme, activation), epoch)
    return fig


def rows_view(run):
    """The :class:`~symlab.lab.view.View` of a :func:`rows_run`, one frame per epoch.

    Panels: (1) each row of ``W1`` (unit j's two incoming weights) as a dot in the weight plane, with
    its path from epoch 0 — identical rows move as one dot; (2) each unit's output over the input
    square (one tile per unit); (3) the output P(label 1) with its 0.5 contour and the data.
    """
    epochs = run.recorded_epochs
    snaps = [run.history.snapshots[e] for e in epochs]
    H, s, h = run.settings["hidden"], run.settings, run.history
    readouts = []
    for snap in snaps:
        last = snap.epoch == len(h.loss)
        loss = h.final_loss if last else h.loss[snap.epoch]
        accuracy = h.final_accuracy if last else h.accuracy[snap.epoch]
        k = distinct_units(unit_params(snap.params))
        readouts.append(f"<b>row spread of W1: {row_spread(snap.params['W1']):.3g}</b> · distinct hidden units: "
                        f"{k} of {H} · loss {loss:.3f} nats · train accuracy {accuracy:.0%}")
    view = View(epochs, readouts, key=f"{s['scheme']}, {s['activation']}", last_epoch=s["epochs"], aspect=0.3,
                height=[170, 290], play_ms=30)
    W = np.array([snap.params["W1"] for snap in snaps])  # (F, H, 2)
    low, high = W.reshape(-1, 2).min(axis=0), W.reshape(-1, 2).max(axis=0)
    pad = 0.12 * max(float(np.max(high - low)), 0.5)
    colours = [COLOURS[j % 10] for j in range(H)]
    paths = dict(kind="lines", x=view.array("w_x", W[:, :, 0].T), y=view.array("w_y", W[:, :, 1].T), upto=True,
                 colors=colours, widths=unit_widths(H, 6.0, 1.5), alpha=0.9)
    heads = dict(kind="points", x=view.array("head_x", W[:, :, 0]), y=view.array("head_y", W[:, :, 1]),
                 per_frame=True, colors=colours, sizes=list(np.linspace(8, 3.5, H)), stroke="#000")
    view.panel([f"rows of W1 (a dot per unit):\nspread {row_spread(w):.3g}" for w in W], [paths, heads],
               x=dict(label="weight from x₁", range=[low[0] - pad, high[0] + pad]),
               y=dict(label="weight from x₂", range=[low[1] - pad, high[1] + pad]), weight=1.1)
    tiles, _ = frame_maps(run.net, [snap.params for snap in snaps], tile_grid(H))
    distinct = [distinct_units(unit_params(snap.params)) for snap in snaps]
    unit_tiles(view, tiles, s["activation"], run.X, [f"hidden units A1[j]:\n{k} distinct of {H}" for k in distinct],
               weight=1.0)
    _, outputs = frame_maps(run.net, [snap.params for snap in snaps], MAP_GRID, hidden=False)
    accuracy = [h.final_accuracy if e == len(h.loss) else h.accuracy[e] for e in epochs]
    output_map(view, outputs, run.X, run.Y, [f"P(label 1),\naccuracy {a:.0%}" for a in accuracy])
    return view


class RowsDashboard(Dashboard):
    """Step through the training of a 2-4-1 net: do the rows of W1 move together?

    Controls: ``scheme`` (constant / tied_normal / he_normal) and ``activation``; the scrubber and
    ▶ play move through the 200 epochs (every one recorded) in the browser. The readout gives the
    row spread of W1, the distinct units, loss and accuracy at the epoch shown.
    """

    factory = "forward_backward.rows_dashboard"

    def __init__(self, scheme="constant", activation="tanh", epoch=0):
        controls = {
            "scheme": dropdown("init scheme", tuple(ROW_SCHEMES), scheme),
            "activation": dropdown("activation", HIDDEN_ACTIVATIONS, activation),
        }
        super().__init__(controls, check_int("epoch", epoch, 0, 200))
        self.start()

    def settings(self, values):
        return dict(scheme=values["scheme"], activation=values["activation"])

    def view(self, scheme, activation):
        return rows_view(rows_run(scheme, activation))


def rows_dashboard(scheme="constant", activation="tanh", epoch=0):
    """Build the notebook-02 rows app at ``epoch``; display it as a cell's last expression."""
    return RowsDashboard(scheme, activation, epoch)


def plot_width_comparison(widths=(2, 8, 32), random_hidden=8):
    """Decision boundaries of constant-init nets of several widths and one He-initialised net, on circles,
    and under each its hidden units' maps (:func:`~symlab.lab.figures.draw_unit_maps`).

    The runs are :func:`symlab.lab.runs.symmetry_run` (tanh, 200 steps at lr 1.5).
    Titles give distinct units and training accuracy. Returns a StaticFigure.
    """
    cases = [("constant", 0.5, H) for H in widths] + [("he_normal", 1.0, random_hidden)]
    fig = new_figure(3.0 * len(cases), 6.6)
    fig.subplots_adjust(left=0.05, right=0.96, bottom=0.03, top=0.87, wspace=0.3, hspace=0.3)
    axes = fig.subplots(2, len(cases))
    for ax, maps, (scheme, scale, H) in zip(axes[0], axes[1], cases):
        run = symmetry_run(scheme=scheme, scale=scale, hidden=H)
        k = distinct_units(unit_params(run.net.params))
        shading = draw_decision_boundary(ax, run.net, run.X, run.Y)
        ax.set_title(f"{scheme}, H = {H}\n{k} distinct unit{'s' * (k > 1)}, "
                     f"accuracy {run.history.final_accuracy:.0%}", fontsize=10)
        draw_unit_maps(maps, run.net, run.X, f"its {H} hidden units A1[j]")
    probability_key_beside(axes[0], shading)
    fig.suptitle("After 200 steps: a constant start draws one straight line, whatever the width", fontsize=11)
    return fig


def plot_softmax_lines(rows=None):
    """The predicted class over the plane for :func:`softmax_lines`' constant and He nets; a StaticFigure."""
    rows = rows or softmax_lines()
    X, Y = three_class_data()
    lim = 2.5
    g = np.linspace(-lim, lim, 200)
    G1, G2 = np.meshgrid(g, g)
    fig = new_figure(9.6, 4.2)
    axes = fig.subplots(1, len(rows))
    for ax, row in zip(axes, rows):
        classes = row["net"].predict(np.vstack([G1.ravel(), G2.ravel()]))[0].reshape(G1.shape)
        ax.contourf(G1, G2, classes, levels=[-0.5, 0.5, 1.5, 2.5], colors=["C0", "C1", "C2"], alpha=0.3)
        ax.scatter(X[0], X[1], c=[f"C{k}" for k in Y.argmax(axis=0)], s=9, edgecolors="k", linewidths=0.3)
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        shape = f"{row['switches']} label switches along u" if row["distinct"] == 1 else "boundaries bend"
        ax.set_title(f"{row['scheme']}: {row['distinct']} distinct of {row['hidden']} units,\n"
                     f"{row['accuracy']:.0%} right, {shape}", fontsize=10)
    fig.suptitle("Three classes, softmax output: a constant start draws parallel lines", fontsize=11)
    fig.subplots_adjust(left=0.08, right=0.98, top=0.8, bottom=0.12, wspace=0.3)
    return fig
