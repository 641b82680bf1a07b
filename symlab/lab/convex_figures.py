"""Notebook 05's figures and app: convex fits from many starts, the softmax mirror, the perceptron,
and the loss along a segment between two starts (experiments in :mod:`symlab.lab.convex`)."""

from functools import lru_cache

import numpy as np

from ..linear import logistic_newton, perceptron
from ..mlp import cross_entropy
from . import convex
from .apps import Dashboard, int_slider, log_slider
from .figures import NOTE_SIZE, new_figure, panel_grid, suptitle
from .runs import small
from .view import View, colour


class ConvexFigure:
    """Logistic regression from several starts: paths in the weight plane and distance to the minimum.

    (1) the paths of ``(w1, w2)`` over contours of the loss (with the bias at its
    optimum), the minimum from Newton's method as a star; (2) the largest
    difference between ``[w | b]`` and Newton's minimum against epoch (log scale).

    Drawn on the still figure ``fig``, ``starts`` lines and a legend naming each (the app,
    :func:`convex_view`, is drawn in the browser).
    """

    def __init__(self, fig, starts=2):
        self.ax_p, self.ax_d = panel_grid(fig, 2, left=0.07, right=0.97, bottom=0.14, top=0.82, wspace=0.25)
        self.title = suptitle(fig)
        note = NOTE_SIZE
        X, Y = convex.convex_data()
        w, b = logistic_newton(X, Y)
        self.optimum = np.hstack([w, b]).ravel()
        ax = self.ax_p
        g1, g2 = np.linspace(-9, 9, 121), np.linspace(-11, 7, 121)
        G1, G2 = np.meshgrid(g1, g2)
        Z = (np.stack([G1.ravel(), G2.ravel()], axis=1) @ X) + self.optimum[2]      # (P, m)
        L = cross_entropy(Z[:, None, :], Y, "sigmoid").reshape(G1.shape)  # one loss per grid point (w1, w2)
        contours = ax.contour(G1, G2, L, levels=[0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0], colors="0.55",
                              linewidths=0.9)
        ax.clabel(contours, fontsize=8, fmt="%.2g")
        ax.plot(*self.optimum[:2], marker="*", ms=17, color="gold", mec="k", zorder=4, ls="none",
                label="minimum (Newton's method)")
        ax.set_xlim(-9, 9)
        ax.set_ylim(-11, 7)
        ax.set_xlabel("w1 (weight on x₁)")
        ax.set_ylabel("w2 (weight on x₂)")
        split = " "
        ax.set_title(f"paths of gradient descent{split}over the loss (nats)", fontsize=min(10, ax.title.get_fontsize()))
        self.ax_d.set_yscale("log")
        self.ax_d.set_ylim(1e-14, 30)
        self.ax_d.set_xlabel("epoch (full-batch steps)")
        self.ax_d.set_ylabel("max |θ − θ*| (weight units)")
        self.ax_d.set_title(f"distance from the minimum{split}θ* = [w | b]",
                            fontsize=min(10, self.ax_d.title.get_fontsize()))
        self.ax_d.grid(alpha=0.3)
        self.lines = []
        for i in range(starts):
            color, lw = ("k", 2) if i == 0 else (f"C{i}", 1.5)
            label = "from zeros" if i == 0 else "random start"
            self.lines.append((self.ax_p.plot([], [], color=color, lw=lw, label=label)[0],
                               self.ax_p.plot([], [], "o", color=color, ms=6, mec="k")[0],
                               self.ax_d.plot([], [], color=color, lw=lw, label=label)[0]))
        self.ax_p.legend(fontsize=note, loc="lower left")
        self.ax_d.legend(fontsize=note, loc="upper right")
        self._note = note

    def show(self, fits, labels=None):
        """Draw ``fits`` (:class:`~symlab.linear.LinearFit`), one per line; returns the final distances.

        ``labels`` (a still picture) name the lines in the legends, with the final distances.
        """
        finals = []
        for (path_line, start_dot, distance_line), fit in zip(self.lines, fits):
            path = fit.path[:, 0, :]
            distance = np.abs(path - self.optimum).max(axis=1)
            finals.append(float(distance[-1]))
            path_line.set_data(path[:, 0], path[:, 1])
            start_dot.set_data(path[:1, 0], path[:1, 1])
            distance_line.set_data(np.arange(len(distance)), np.maximum(distance, 1e-16))
        if self.ax_d.get_xlim() != (0, len(fits[0].loss) - 1):
            self.ax_d.set_xlim(0, len(fits[0].loss) - 1)
        if labels is not None:
            for (path_line, _, distance_line), label, final in zip(self.lines, labels, finals):
                path_line.set_label(label)
                distance_line.set_label(f"{label}: {final:.0e} at the end")
            self.ax_p.legend(fontsize=self._note, loc="lower left")
            self.ax_d.legend(fontsize=self._note, loc="upper right")
        return finals


def _convex_fits(seeds, scale):
    fits = [convex.logistic_from(0.0, 0)] + [convex.logistic_from(float(scale), int(seed)) for seed in seeds]
    labels = ["from zeros"] + [f"random start, seed {seed}" for seed in seeds]
    return fits, labels


def plot_convex_starts(seeds=(1, 2, 3), scale=3.0):
    """Logistic regression on moons from zeros and random starts N(0, scale²). Returns a StaticFigure."""
    fig = new_figure(9.6, 4.0)
    panels = ConvexFigure(fig, starts=1 + len(seeds))
    fits, labels = _convex_fits(seeds, scale)
    panels.show(fits, labels)
    panels.title.set_text(f"Logistic regression (convex): every start ends at the same weights "
                          f"(3000 steps, lr 1, starts N(0, {scale:g}²))")
    return fig


#: Loss levels (nats) drawn as contours in the weight plane
CONVEX_LEVELS = [0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0]


@lru_cache(maxsize=1)
def _landscape():
    """The logistic loss (nats) over a 91 × 91 grid of (w1, w2) in [−9, 9] × [−11, 7], the bias at its optimum."""
    X, Y = convex.convex_data()
    w, b = logistic_newton(X, Y)
    G1, G2 = np.meshgrid(np.linspace(-9, 9, 91), np.linspace(-11, 7, 91))
    Z = (np.stack([G1.ravel(), G2.ravel()], axis=1) @ X) + float(b[0, 0])
    return cross_entropy(Z[:, None, :], Y, "sigmoid").reshape(G1.shape)


def convex_view(fits, key=""):
    """The :class:`~symlab.lab.view.View` of logistic regression from zeros (``fits[0]``) and a random start.

    Frames: every step up to 30, then every 30th. Panels: the two paths of ``(w1, w2)`` up to the step
    shown, over the loss's contours (bias at its optimum) with Newton's minimum; the largest difference
    between each ``[w | b]`` and that minimum against the step (log scale), a marker at the step shown.
    """
    X, Y = convex.convex_data()
    w, b = logistic_newton(X, Y)
    optimum = np.hstack([w, b]).ravel()
    steps = len(fits[0].loss)
    frames = np.array(sorted(set(range(min(30, steps))) | set(range(0, steps, 30)) | {steps - 1}))
    paths = [fit.path[:, 0, :] for fit in fits]                        # (steps, 3) each
    distances = [np.maximum(np.abs(p - optimum).max(axis=1), 1e-16) for p in paths]
    apart = np.abs(paths[1] - paths[0]).max(axis=1)
    gap = float(np.abs(fits[1].theta - fits[0].theta).max())
    near = lambda x: small(x) if x < 1e-3 else f"{x:.2g}"  # noqa: E731 (rounding-sized gaps print as a bound)
    readouts = [f"<b>the two starts are {near(apart[e])} apart at step {e}</b> · after {steps - 1} steps: "
                f"{small(gap)} · final loss {fits[0].loss[-1]:.6f} and {fits[1].loss[-1]:.6f} nats" for e in frames]
    view = View(frames, readouts, key=key, frame_name="step", last_epoch=steps - 1, aspect=0.36, height=[190, 320],
                play_ms=30)
    L = _landscape()
    colours = ["#000", colour("C1")]
    layers = [dict(kind="image", z=view.array("landscape", L), extent=[-9, 9, -11, 7], cmap=view.cmap("Greys"),
                   range=[0, 8], alpha=0.25, smooth=True, levels=CONVEX_LEVELS, line_color="#999", line_width=1)]
    for i, path in enumerate(paths):
        layers.append(dict(kind="lines", x=view.array(f"path{i}_w1", path[frames, 0][None]),
                           y=view.array(f"path{i}_w2", path[frames, 1][None]), upto=True, colors=colours[i],
                           widths=2.5 if i == 0 else 2))
        layers.append(dict(kind="points", x=view.array(f"now{i}_w1", path[frames, 0][:, None]),
                           y=view.array(f"now{i}_w2", path[frames, 1][:, None]), per_frame=True,
                           colors=colours[i], sizes=5.5, stroke="#000"))
    layers.append(dict(kind="points", x=view.array("optimum_w1", optimum[:1]), y=view.array("optimum_w2", optimum[1:2]),
                       colors="#f5c400", sizes=8, stroke="#000"))
    legend = [["#000", "from zeros", False], [colour("C1"), "random start", False], ["#f5c400", "minimum (Newton)", False]]
    view.panel("gradient descent paths over\nthe loss (contours in nats)", layers,
               x=dict(label="w1 (weight on x₁)", range=[-9, 9]), y=dict(label="w2 (weight on x₂)", range=[-11, 7]),
               legend=legend, square=True, grid=False)
    lines = [dict(kind="lines", x=view.array(f"steps{i}", np.arange(steps)), y=view.array(f"distance{i}", d[None]),
                  colors=colours[i], widths=2.5 if i == 0 else 2) for i, d in enumerate(distances)]
    lines.append(dict(kind="vline", at="epoch", color=colour("C0"), width=1.5, alpha=0.7))
    view.panel("distance from the minimum\nθ* = [w | b]", lines, x=dict(label="step", range=[0, steps - 1]),
               y=dict(label="max |θ − θ*|", range=[1e-14, 30], log=True), legend=legend[:2])
    return view


class ConvexDashboard(Dashboard):
    """Move the random start of logistic regression (scale and seed); the zero start is always drawn.

    The readout gives how far apart the two ``[w | b]`` are at the step shown and at the end.
    """

    factory = "convex_figures.convex_dashboard"

    def __init__(self, scale=3.0, seed=1, epoch=None):
        controls = {
            "scale": log_slider("start scale", scale, -1, 1),
            "seed": int_slider("seed", seed, 1, 30),
        }
        super().__init__(controls, epoch)
        self.start()

    def settings(self, values):
        return dict(scale=round(float(values["scale"]), 6), seed=int(values["seed"]))

    def view(self, scale, seed):
        """The fits from zeros and from this random start (cached), as a View."""
        return convex_view(_convex_fits([seed], scale)[0], key=f"random start N(0, {scale:g}²), seed {seed}")


def convex_dashboard(scale=3.0, seed=1, epoch=None):
    """Build the notebook-05 app, showing step ``epoch`` (default: the last); display it as a cell's last
    expression."""
    return ConvexDashboard(scale, seed, epoch)


def plot_softmax_mirror(result=None):
    """Two-class softmax regression: mirror-image rows from zeros; any start predicts the same.

    ``result`` is :func:`symlab.lab.convex.softmax_mirror` (computed if omitted).
    Panels: the rows of ``[W | b]`` from zeros, the same from a random start, and
    ``W[1] − W[0]`` (all that the predictions depend on) for both. Returns a StaticFigure.
    """
    r = convex.softmax_mirror() if result is None else result
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

    ``result`` is :func:`symlab.lab.convex.perceptron_starts` (computed if omitted). Returns a StaticFigure.
    """
    r = convex.perceptron_starts() if result is None else result
    X, Y = r["X"], r["Y"]
    fig = new_figure(11, 4.0)
    fig.subplots_adjust(left=0.07, right=0.985, bottom=0.14, top=0.84, wspace=0.25)
    ax_m, ax_d = fig.subplots(1, 2)
    fits = [("from zero", r["zero"], "k")]
    for i, seed in enumerate(range(1, 4)):
        fit, _ = perceptron(X, Y, *convex.random_start(3.0, seed), seed=0)
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
    t, losses, chord = convex.logistic_segment()
    ax_c.plot(t, losses, color="C0", lw=2.2, label="loss along the line")
    ax_c.plot(t, chord, color="k", ls="--", lw=1.2, label="straight line between the ends")
    ax_c.set_title("logistic regression: between two random starts", fontsize=10)
    net, _ = convex.moons_net()
    t, losses = convex.hidden_segment(net)
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
        ax.set_ylabel("cross-entropy loss (nats)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
    fig.suptitle("Convex or not: the loss on the straight line between two points", fontsize=11)
    return fig
