"""The pieces every figure of the notebooks is built from.

Every ``plot_*`` function in the lab returns a :class:`StaticFigure`: a matplotlib
``Figure`` built without pyplot, so it shows as a static image in any notebook front
end (and on GitHub), leaves no figure open behind it, and can be inspected in tests
(``fig.axes[0].lines``…). The dashboards are drawn in the browser instead
(:mod:`symlab.lab.view`); their still pictures (``plot_symmetry``, ``plot_rows`` …) put
the same panels side by side on one figure (:func:`panel_grid`). :class:`UnitCurves`,
:class:`BoundaryPanel` and :func:`draw_unit_maps` are panels several chapters share.
"""

import io

import contourpy
import numpy as np
from matplotlib import colormaps
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


#: The largest |hidden-unit output| an axis shows: a diverging ReLU or linear run reaches 1e148,
#: which would squash every curve flat; beyond it the curves are cut and the panel says so.
UNIT_TOP = 100.0


def activation_ylim(activation, top=1.0):
    """y-limits for hidden-unit outputs: tanh's [−1, 1] and sigmoid's [0, 1] with a margin;
    for ReLU [0, top] and linear [−top, top], ``top`` being the largest |output| to show
    (at most :data:`UNIT_TOP`)."""
    top = min(top, UNIT_TOP)
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


# ------------------------------------------------------------ panel layout

#: Font size (points) of the notes on still pictures of the dashboards' panels
NOTE_SIZE = 8
LABEL_SIZE = 9


def panel_grid(fig, count, **adjust):
    """``count`` Axes side by side on ``fig``, placed by ``subplots_adjust(**adjust)``."""
    fig.subplots_adjust(**adjust)
    return list(fig.subplots(1, count))


def suptitle(fig, fontsize=11):
    """``fig``'s title, empty until a picture's settings are known."""
    return fig.suptitle("", fontsize=fontsize)


def probability_key(ax, mappable, size=None):
    """A slim colour bar beside ``ax`` for a decision boundary's colours: P(label 1), 0 … 1."""
    cax = ax.inset_axes((1.04, 0.0, 0.05, 1.0))
    bar = ax.figure.colorbar(mappable, cax=cax, ticks=[0, 0.5, 1])
    bar.set_label("P(label 1)", size=size or LABEL_SIZE, labelpad=1)
    cax.tick_params(labelsize=size or LABEL_SIZE)
    return bar


def probability_key_beside(axes, mappable):
    """One colour bar "P(label 1)" to the right of a row of decision-boundary panels (a still figure)."""
    bar = axes[0].figure.colorbar(mappable, ax=list(axes), fraction=0.02, pad=0.015, aspect=25, ticks=[0, 0.5, 1])
    bar.set_label("P(label 1)", size=9)
    return bar


def draw_decision_boundary(ax, net, X, Y, title=None, resolution=150, key=False):
    """Shade ``net``'s predicted probability over the plane, with the data on top.

    ``X`` (2, m) and ``Y`` (1, m) are plotted as points (colour = label); the
    0.5 contour (the decision boundary) is a black line. ``key=True`` adds a colour
    bar "P(label 1)" beside the panel. Returns the shading (for a colour bar).
    """
    lim = 1.6
    grid = np.linspace(-lim, lim, resolution)
    G1, G2 = np.meshgrid(grid, grid)
    P, _ = net.forward(np.vstack([G1.ravel(), G2.ravel()]))
    P = P.reshape(G1.shape)
    shading = ax.contourf(G1, G2, P, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.45)
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
    if key:
        probability_key(ax, shading, size=8)
    return shading


# --------------------------------------------------------- shared panels


LIM = 1.6  # the 2-D data sets lie in [-1.6, 1.6]^2


APP_SIZE = (9.6, 3.6)  # inches at 90 dpi = 864 x 324 px: a still picture of a dashboard's three panels


def unit_widths(H, widest=5.0, narrowest=1.5):
    """Line widths from wide (unit 0) to narrow (unit H-1): identical curves show as nested stripes."""
    return list(np.linspace(widest, narrowest, H)) if H > 1 else [2.0]


def unit_ylim(activation, values=None):
    """:func:`activation_ylim`, scaled to ``values`` (at least 1, at most :data:`UNIT_TOP`) for ReLU and linear units."""
    top = max(1.0, float(np.nanmax(np.abs(values)))) if values is not None else 1.0
    return activation_ylim(activation, top)


def cut_note(activation, values):
    """", cut at ±100" when ReLU or linear outputs reach beyond :data:`UNIT_TOP`, else ""."""
    if activation in ("tanh", "sigmoid") or values is None:
        return ""
    return f", cut at ±{UNIT_TOP:g}" if not float(np.nanmax(np.abs(values))) <= UNIT_TOP else ""


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
        ax.title.set_text(title)
        ax.title.set_size(min(ax.title.get_fontsize(), 10))  # a dashboard panel's is smaller
        ax.grid(alpha=0.3)

    def show(self, x, hidden, distinct, ylim, note=""):
        H = len(hidden)
        self.curves.set_segments([np.column_stack([x, y]) for y in hidden])
        self.curves.set_linewidths(unit_widths(H))
        self.curves.set_colors([UNIT_COLORS[j % 10] for j in range(H)])
        if ylim is not None and tuple(ylim) != self.ax.get_ylim():  # None keeps the limits (fixed per run)
            self.ax.set_ylim(*ylim)
        # set_text, not ax.set_title: set_title also moves the (unseen) side titles, which makes the
        # figure stale and a blitting dashboard would redraw it in full
        self.ax.title.set_text(f"{self.heading}\n{H} units, {distinct} distinct curve{'s' * (distinct > 1)}{note}")


class BoundaryPanel:
    """A net's predicted probability over the plane (colours, keyed "P(label 1)"), its 0.5 contour and the data.

    :meth:`show` changes data only (the image and the contour's segments), so a
    blitting dashboard never has to redraw the panel's axes for it.
    """

    def __init__(self, ax, X, Y, resolution=90, key=True):
        self.ax = ax
        grid = np.linspace(-LIM, LIM, resolution)
        G1, G2 = np.meshgrid(grid, grid)
        self.shape = G1.shape
        self.G1, self.G2 = G1, G2
        self.points = np.vstack([G1.ravel(), G2.ravel()])
        self.image = ax.imshow(np.full(self.shape, 0.5), extent=(-LIM, LIM, -LIM, LIM), origin="lower",
                               cmap="RdBu_r", vmin=0, vmax=1, alpha=0.45, interpolation="bilinear")
        self.data = ax.scatter(X[0], X[1], c=Y[0], cmap="RdBu_r", s=9, edgecolors="k", linewidths=0.3,
                               vmin=0, vmax=1)
        self.contour = LineCollection([], colors="k", linewidths=1.6)  # the 0.5 level: the decision boundary
        ax.add_collection(self.contour)
        ax.set_xlim(-LIM, LIM)
        ax.set_ylim(-LIM, LIM)
        ax.set_aspect("equal")
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        self.key = probability_key(ax, self.image) if key else None

    def show(self, net):
        P, _ = net.forward(self.points)
        P = P.reshape(self.shape)
        self.image.set_data(P)
        lines = contourpy.contour_generator(self.G1, self.G2, P).lines(0.5) if P.min() < 0.5 < P.max() else []
        self.contour.set_segments(lines)

    def artists(self):
        """What :meth:`show` changes, and the points drawn over it, in drawing order."""
        return [self.image, self.data, self.contour]


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


# ------------------------------------------------------------ unit maps


def draw_unit_maps(ax, net, X, title=None, points=40):
    """Each hidden unit's output ``A1[j]`` over the input square [−1.6, 1.6]², one tile per unit.

    The TensorFlow Playground's picture, as the dashboards draw it (:func:`symlab.lab.view.unit_tiles`):
    one shared colour scale (tanh −1 … 1, sigmoid 0 … 1, ReLU/linear to the largest output, at most 100),
    tiles numbered from 1, the data ``X`` (2, m) as faint dots. Identical units give identical tiles.
    Returns the image (for a colour bar); the Axes is labelled "unit map" and has no ticks.
    """
    from .view import activation_range, grid  # the dashboards' grid and colour scale

    G = grid(points)
    _, cache = net.forward(G)
    A1 = cache["A1"]
    H = len(A1)
    low, high = activation_range(net.activation, A1)
    columns = int(np.ceil(np.sqrt(H)))
    rows = int(np.ceil(H / columns))
    gap = max(2, points // 10)
    step = points + gap
    mosaic = np.full((rows * step - gap, columns * step - gap), np.nan)
    for j in range(H):
        r, c = divmod(j, columns)
        mosaic[r * step:r * step + points, c * step:c * step + points] = A1[j].reshape(points, points)[::-1]
    cmap = colormaps["PuOr_r"].with_extremes(bad="white")  # the gaps between tiles
    image = ax.imshow(mosaic, cmap=cmap, vmin=low, vmax=high, interpolation="bilinear")
    scale = (points - 1) / (2 * LIM)
    for j in range(H):
        r, c = divmod(j, columns)
        ax.scatter(c * step + (X[0] + LIM) * scale, r * step + (LIM - X[1]) * scale, s=0.6, c="k", alpha=0.25,
                   linewidths=0)
        if H <= 16:
            ax.text(c * step + 1, r * step + 1, str(j + 1), fontsize=7, va="top", ha="left")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_label("unit map")
    for side in ax.spines.values():
        side.set_visible(False)
    if title:
        ax.set_title(title, fontsize=10)
    return image
