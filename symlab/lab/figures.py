"""The pieces every figure of the notebooks is built from.

Every ``plot_*`` function in the lab returns a :class:`StaticFigure`: a matplotlib
``Figure`` built without pyplot, so it shows as a static image in any notebook front
end (and on GitHub), leaves no figure open behind it, and can be inspected in tests
(``fig.axes[0].lines``…). Figures that move (the dashboards, the epoch scrubbers) draw
their axes once and update their artists in place; :class:`Blitter` redraws only what
changed. A dashboard shows each panel as a figure of its own (:data:`PANEL` inches,
:func:`panel_axes`), so the panels can wrap on a narrow screen; a still picture puts the
same panels side by side on one figure (:func:`panel_grid`). :class:`UnitCurves` and
:class:`BoundaryPanel` are panels several chapters share.
"""

import io

import contourpy
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox



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


class Blitter:
    """Redraw only what changed on one or more figures (matplotlib's "blitting").

    ``layers`` are functions, each returning the artists drawn over the layers
    before it — for the symmetry dashboard: what changes with a run, then what
    changes with every epoch of it. The artists may sit on any of ``figs`` (a
    dashboard has one figure per panel). After every full draw of a figure (ours,
    or one the front end asks for) the picture under each layer is kept;
    :meth:`render` then restores, from the picture under one layer, the axes of
    that layer's artists and the place of every text that changed, redraws what
    lies there, and the canvas sends only the pixels that changed. A title whose
    text did not change is not drawn again (text is the slowest thing to draw).

    A figure is drawn in full only when it is *stale*: matplotlib marks it so when
    anything that is not one of the layers' (animated) artists changed — an axis
    limit, a tick, a label. So an update that only changes data is blitted, and
    one that moves an axis redraws that panel alone. ``full_draws`` counts the
    full draws (tests use it).
    """

    def __init__(self, figs, *layers):
        self.figs = list(figs) if isinstance(figs, (list, tuple)) else [figs]
        self.layers = layers
        self.backgrounds = {id(fig): [None] * len(layers) for fig in self.figs}
        self.texts = {}  # id(Text) -> (visible, string, extent) as last drawn
        self.full_draws = 0
        for fig in self.figs:
            fig.canvas.mpl_connect("draw_event", lambda event, fig=fig: self._on_draw(fig))

    def _artists(self, i, fig):
        return [artist for artist in self.layers[i]() if artist.figure is fig]

    def _text_state(self, text, renderer):
        visible = text.get_visible() and bool(text.get_text())
        extent = text.get_window_extent(renderer).padded(2) if visible else None
        return visible, text.get_text(), None if extent is None else tuple(extent.extents)

    def _on_draw(self, fig):
        self.full_draws += 1
        self.backgrounds[id(fig)][0] = fig.canvas.copy_from_bbox(fig.bbox)
        renderer = fig.canvas.get_renderer()
        for i in range(len(self.layers)):
            if i > 0:
                self.backgrounds[id(fig)][i] = fig.canvas.copy_from_bbox(fig.bbox)
            for artist in self._artists(i, fig):
                fig.draw_artist(artist)  # skips invisible artists
                if isinstance(artist, Text):
                    self.texts[id(artist)] = self._text_state(artist, renderer)

    def _blit(self, fig, first):
        """Restore the changed places from the picture under layer ``first``; redraw what lies there."""
        renderer = fig.canvas.get_renderer()
        layers = [self._artists(i, fig) for i in range(first, len(self.layers))]
        regions, states = [], {}
        for artist in (a for layer in layers for a in layer):
            if isinstance(artist, Text):
                state = states[id(artist)] = self._text_state(artist, renderer)
                old = self.texts.get(id(artist))
                if old != state:  # its old place and its new place
                    regions += [Bbox.from_extents(*e) for e in (old and old[2], state[2]) if e is not None]
            else:  # data artists are clipped to their axes
                regions.append((artist.axes.bbox if artist.axes else fig.bbox).padded(1))
        if not regions:
            return False
        height = fig.bbox.height
        for region in regions:  # Agg wants rows counted from the top, and where the whole copy goes (0, 0)
            x0, y0, x1, y1 = region.extents
            fig.canvas.restore_region(self.backgrounds[id(fig)][first], bbox=(x0, height - y1, x1, height - y0),
                                      xy=(0, 0))
        for i, layer in enumerate(layers, start=first):
            if i > first:
                self.backgrounds[id(fig)][i] = fig.canvas.copy_from_bbox(fig.bbox)
            for artist in layer:
                if isinstance(artist, Text):  # again only if it changed, or something restored its place
                    state = states[id(artist)]
                    place = state[2] and Bbox.from_extents(*state[2])
                    if self.texts.get(id(artist)) == state and not (place and any(place.overlaps(r) for r in regions)):
                        continue
                    self.texts[id(artist)] = state
                fig.draw_artist(artist)
        return True

    def render(self, first=None):
        """A full redraw (``first=None``), or layers ``first`` … last redrawn over the kept picture.

        Figures that are stale are drawn in full; figures where nothing changed are left alone.
        """
        for layer in self.layers:  # a full draw leaves these out, to be drawn on top
            for artist in layer():
                artist.set_animated(True)
        for fig in self.figs:
            if first is None or fig.stale or self.backgrounds[id(fig)][first] is None:
                fig.canvas.draw()  # fires draw_event -> _on_draw
            elif self._blit(fig, first):
                fig.canvas.blit(fig.bbox)
            fig.stale = False


# ------------------------------------------------------------ panel layout

#: A dashboard panel: 3.1 x 2.9 inches at 90 dpi = 279 x 261 px. Two fit side by side in
#: JupyterLab beside the file browser on a 1024-px screen, three on a wide one.
PANEL = (3.1, 2.9)
BOUNDARY_PANEL = (3.2, 2.9)  # a decision-boundary panel, with room for its colour key
PANEL_DPI = 90
#: Font sizes of dashboard panels (points; at 90 dpi 1 pt = 1.25 px, so none is under 10 px).
TICK_SIZE, LABEL_SIZE, TITLE_SIZE, NOTE_SIZE = 8.5, 9, 9.5, 8


def style_panel(ax):
    """Dashboard font sizes on ``ax``: ticks, axis labels and title."""
    ax.tick_params(labelsize=TICK_SIZE)
    ax.xaxis.label.set_size(LABEL_SIZE)
    ax.yaxis.label.set_size(LABEL_SIZE)
    ax.title.set_size(TITLE_SIZE)
    return ax


def panel_axes(fig, left=0.66, right=0.2, bottom=0.52, top=0.46):
    """The Axes of a dashboard panel figure; margins in inches (ticks, labels, a two-line title)."""
    width, height = fig.get_size_inches()
    ax = fig.add_axes((left / width, bottom / height, 1 - (left + right) / width, 1 - (bottom + top) / height))
    return style_panel(ax)


def panel_grid(target, count, **adjust):
    """``count`` Axes: one per figure if ``target`` is a list of dashboard panel figures, else
    side by side on the one (still) figure ``target``, placed by ``subplots_adjust(**adjust)``."""
    if isinstance(target, (list, tuple)):
        return [panel_axes(fig) for fig in target]
    target.subplots_adjust(**adjust)
    return list(target.subplots(1, count))


def suptitle(target, fontsize=11):
    """A still figure's title; a dashboard's panels have none (its controls and readout say it all):
    then a Text that belongs to no figure, so ``set_text`` on it is harmless."""
    return Text() if isinstance(target, (list, tuple)) else target.suptitle("", fontsize=fontsize)


def probability_key(ax, mappable, size=None):
    """A slim colour bar beside ``ax`` for a decision boundary's colours: P(label 1), 0 … 1."""
    cax = ax.inset_axes((1.04, 0.0, 0.05, 1.0))
    bar = ax.figure.colorbar(mappable, cax=cax, ticks=[0, 0.5, 1])
    bar.set_label("P(label 1)", size=size or LABEL_SIZE, labelpad=1)
    cax.tick_params(labelsize=size or TICK_SIZE)
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
