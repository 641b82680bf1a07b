"""The pieces every figure of the notebooks is built from.

Every ``plot_*`` function in the lab returns a :class:`StaticFigure`: a matplotlib
``Figure`` built without pyplot, so it shows as a static image in any notebook front
end (and on GitHub), leaves no figure open behind it, and can be inspected in tests
(``fig.axes[0].lines``…). Figures that move (the dashboards, the epoch scrubbers) draw
their axes once and update their artists in place; :class:`Blitter` redraws only what
changed. :class:`UnitCurves` and :class:`BoundaryPanel` are panels several chapters share.
"""

import io

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure



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


def activation_ylim(activation, top=1.0):
    """y-limits for hidden-unit outputs: tanh's [−1, 1] and sigmoid's [0, 1] with a margin;
    for ReLU [0, top] and linear [−top, top], ``top`` being the largest |output| to show."""
    if activation == "tanh":
        return (-1.08, 1.08)
    if activation == "sigmoid":
        return (-0.04, 1.04)
    return (-0.04 * top, 1.04 * top) if activation == "relu" else (-1.04 * top, 1.04 * top)


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


# --------------------------------------------------------- shared panels


LIM = 1.6  # the 2-D data sets lie in [-1.6, 1.6]^2


APP_SIZE = (9.6, 3.6)  # inches at 90 dpi = 864 x 324 px: fits JupyterLab beside the file browser, like notebook 01


def unit_widths(H, widest=5.0, narrowest=1.5):
    """Line widths from wide (unit 0) to narrow (unit H-1): identical curves show as nested stripes."""
    return list(np.linspace(widest, narrowest, H)) if H > 1 else [2.0]


def unit_ylim(activation, values=None):
    """:func:`activation_ylim`, scaled to ``values`` (at least 1) for ReLU and linear units."""
    top = max(1.0, float(np.max(np.abs(values)))) if values is not None else 1.0
    return activation_ylim(activation, top)


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
        self.curves.set_linewidths(unit_widths(H))
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


def net_at(run, params):
    twin = run.net.copy()
    twin.params = {k: v.copy() for k, v in params.items()}
    return twin


def chance_line(ax, chance):
    return ax.axhline(chance, color="k", ls=":", lw=1.4, label=f"chance level = {chance:.3f} nats")


# -------------------------------------------------------- scheme colours


SCHEME_COLORS = {"zeros": "0.5", "constant": "C7", "tied_normal": "C8", "normal": "C3", "lecun_normal": "C4",
                 "xavier_normal": "C1", "he_normal": "C0", "orthogonal": "C2", "xavier_uniform": "C5",
                 "he_uniform": "C9", "uniform": "C6"}


def scheme_name(init, scale):
    """Short label of an (init, scale) pair: ``he_normal``, ``normal × 0.01``, ``zeros``."""
    if init == "zeros":
        return "zeros"
    return init if init in ("zeros",) or (scale == 1.0 and init not in ("normal", "uniform", "constant")) \
        else f"{init} × {scale:g}"
