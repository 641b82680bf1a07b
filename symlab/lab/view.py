"""The dashboards' picture of a run, computed here and drawn in the browser.

A :class:`View` holds what a dashboard shows of one run: the recorded epochs (its
frames), one readout per frame, and its panels — each a list of layers (lines,
points, images, histograms, marker lines) over arrays computed with numpy. The
kernel computes a View once per setting; :class:`PanelsWidget` (an anywidget) sends
it to the browser as one binary message, and ``web/panels.js`` draws the panels,
scrubs and plays through the frames there, with no kernel round trip. The same module
draws the static pages (:mod:`symlab.lab.pages`) with no kernel at all.

Shared panels live here too: :func:`unit_tiles` (one map per hidden unit, the
TensorFlow Playground's picture), :func:`output_map` (P(label 1) over the input plane,
with the 0.5 contour and the data) and :func:`loss_panel`.
"""

from pathlib import Path

import anywidget
import numpy as np
import traitlets
from matplotlib import colormaps
from matplotlib.colors import to_hex

from ..activations import get_activation, sigmoid
from ..mlp import matmul

WEB = Path(__file__).with_name("web")
LIM = 1.6  # the 2-D data sets lie in [-LIM, LIM]^2
#: Points per side of the unit maps: finer for few units, coarser for many (the message stays small)
TILE_GRID = {8: 28, 16: 22, 64: 16}
MAP_GRID = 40
CHUNK = 8  # frames computed at once by frame_maps
COLOURS = [to_hex(f"C{i}") for i in range(10)]


def colour(name):
    """A matplotlib colour ("C3", "0.6", "k") as a CSS hex string."""
    return to_hex(name)


class View:
    """What a dashboard shows of one run (see the module docstring).

    Parameters
    ----------
    frames : sequence of int
        The recorded epochs, in order; the browser's scrubber moves among them.
    readout : str or list of str
        HTML under the controls: one string, or one per frame.
    key : str
        Names the settings (the static pages look runs up by it; tests read it back).
    """

    def __init__(self, frames, readout, key="", **extra):
        self.spec = dict(frames=[int(f) for f in frames], readout=readout, key=key, panels=[], cmaps={}, **extra)
        self.arrays = {}

    def array(self, name, values, dtype="float32"):
        """Store ``values`` (cast to float32, or uint8/uint16 for colour indices) under ``name``; returns the name."""
        if dtype == "float32":  # inf, and finite values beyond float32 (a diverging run), become NaN: a gap
            with np.errstate(over="ignore", invalid="ignore"):
                values = np.asarray(values, dtype=np.float64).astype(np.float32)
            values = np.where(np.isfinite(values), values, np.float32(np.nan))
        values = np.ascontiguousarray(values, dtype=dtype)
        self.arrays[name] = values
        return name

    def cmap(self, name):
        """Add matplotlib's colour map ``name`` (256 RGB entries); returns the name."""
        if name not in self.spec["cmaps"]:
            rgb = (colormaps[name](np.linspace(0, 1, 256))[:, :3] * 255).round().astype(int)
            self.spec["cmaps"][name] = rgb.ravel().tolist()
        return name

    def panel(self, title, layers, kind="plot", **options):
        """Append a panel: ``title`` (str or one per frame), ``layers`` (dicts), axes ``x``/``y`` (dicts with
        ``label``, ``range``, optional ``log``, ``ticks``, ``hide_ticks``), ``legend`` ([colour, label, dashed]),
        ``weight`` (its share of the row's width), ``note`` (a boxed message, str or one per frame)."""
        panel = dict(kind=kind, title=title, layers=list(layers), **options)
        self.spec["panels"].append(panel)
        return panel

    def pack(self):
        """(spec with an index of the arrays, one little-endian buffer with all of them)."""
        index, chunks, offset = {}, [], 0
        for name, values in self.arrays.items():
            pad = (-offset) % 4  # Float32Array needs offsets that are multiples of 4
            chunks.append(b"\0" * pad)
            offset += pad
            raw = values.astype(values.dtype.newbyteorder("<"), copy=False).tobytes()
            index[name] = dict(offset=offset, shape=list(values.shape), dtype=values.dtype.name)
            chunks.append(raw)
            offset += len(raw)
        return {**self.spec, "arrays": index}, b"".join(chunks)

    def frame_of(self, epoch):
        """Index of the last frame at or before ``epoch`` (the first frame if none)."""
        frames = np.asarray(self.spec["frames"])
        return int(max(0, np.searchsorted(frames, epoch, side="right") - 1))

    def digest(self, panel, frame):
        """What the browser reports drawing (per layer: how many finite values, their sum) for ``frame``."""
        out = []
        spec = self.spec["panels"][panel]
        if spec["kind"] == "tiles":
            z = self.arrays[spec["z"]][frame]
            return [dict(kind="tiles", n=int(z.size), sum=float(z.sum()), tiles=len(z))]
        for layer in spec["layers"]:
            values = _drawn_values(self, layer, frame)
            finite = values[np.isfinite(values)]
            out.append(dict(kind=layer["kind"], n=int(finite.size), sum=float(finite.sum(dtype=np.float64))))
        return out


def _drawn_values(view, layer, frame):
    kind, a = layer["kind"], view.arrays
    at = (lambda name: a[name][frame] if layer.get("per_frame") else a[name])
    if kind == "lines":
        y = at(layer["y"]).reshape(-1, at(layer["y"]).shape[-1])
        return y[:, :frame + 1].ravel() if layer.get("upto") else y.ravel()
    if kind == "points":
        x, y = at(layer["x"]), at(layer["y"])
        keep = np.isfinite(x) & np.isfinite(y)
        return np.concatenate([x[keep], y[keep]])
    if kind == "image":
        return at(layer["z"]).ravel().astype(np.float64)
    if kind == "bars":
        return at(layer["heights"]).ravel()
    if kind in ("vline", "hline"):
        value = layer["at"]
        value = view.spec["frames"][frame] if value == "epoch" else value
        value = value[min(frame, len(value) - 1)] if isinstance(value, list) else value
        return np.array([np.nan if value is None else value], dtype=float)
    if kind == "span":
        spans = layer["spans"][frame] if layer.get("per_frame") else layer["spans"]
        return np.array(spans, dtype=float).ravel()
    raise ValueError(f"layer kind={kind!r} is not valid")


class PanelsWidget(anywidget.AnyWidget):
    """The browser side of a dashboard: readout, scrubber with ▶ play, and the panels of a :class:`View`.

    Traits (synced): ``spec`` (dict), ``data`` (bytes), ``frame`` (index into ``spec["frames"]``; the
    browser moves it while scrubbing and playing and tells the kernel within 150 ms).
    """

    _esm = WEB / "panels.js"
    _css = WEB / "panels.css"
    spec = traitlets.Dict().tag(sync=True)
    data = traitlets.Bytes().tag(sync=True)
    frame = traitlets.Int(0).tag(sync=True)

    def show(self, view, epoch=None):
        """Send ``view``, showing the frame at ``epoch`` (default: the last frame)."""
        spec, data = view.pack()
        frame = len(view.spec["frames"]) - 1 if epoch is None else view.frame_of(epoch)
        self.view = view
        with self.hold_sync():
            self.spec, self.data, self.frame = spec, data, frame

    @property
    def epoch(self):
        """The epoch of the frame shown."""
        return self.spec["frames"][min(self.frame, len(self.spec["frames"]) - 1)]

    @property
    def readout(self):
        """The readout (HTML) of the frame shown."""
        text = self.spec["readout"]
        return text[min(self.frame, len(text) - 1)] if isinstance(text, list) else text


# ---------------------------------------------------------------- shared panels


def grid(points):
    """``points`` × ``points`` inputs over [−LIM, LIM]², as an array (2, points²), rows running along x₁."""
    axis = np.linspace(-LIM, LIM, points)
    G1, G2 = np.meshgrid(axis, axis)
    return np.vstack([G1.ravel(), G2.ravel()])


def frame_maps(net, params, points, hidden=True):
    """A ``[2, H, 1]`` net's hidden outputs and output on a :func:`grid` of ``points``², for each parameter set
    in ``params`` (one per frame), all frames at once.

    Returns ``(A1, P)``: arrays (F, H, points²) (``None`` if not ``hidden``) and (F, points²), F = len(params).
    Computed with :func:`symlab.mlp.matmul`, so identical units give bit-identical maps, as in training.
    """
    X = grid(points)
    g = get_activation(net.activation)[0]
    maps, outputs = [], []
    for start in range(0, len(params), CHUNK):  # a few frames at a time: 64 units × 1600 points stay small
        stack = {k: np.stack([p[k] for p in params[start:start + CHUNK]]) for k in ("W1", "b1", "W2", "b2")}
        A1 = g(matmul(stack["W1"], X) + stack["b1"])                                  # (chunk, H, P)
        outputs.append(sigmoid(matmul(stack["W2"], A1) + stack["b2"])[:, 0, :])      # (chunk, P)
        if hidden:
            maps.append(A1)
    return (np.concatenate(maps) if hidden else None), np.concatenate(outputs)


def tile_grid(H):
    """Points per side of the unit maps for ``H`` hidden units (:data:`TILE_GRID`)."""
    return next(points for most, points in TILE_GRID.items() if H <= most) if H <= 64 else 12


def activation_range(activation, values):
    """The colour scale's ends for hidden outputs: tanh [−1, 1], sigmoid [0, 1], ReLU [0, top], linear ±top."""
    if activation == "tanh":
        return (-1.0, 1.0)
    if activation == "sigmoid":
        return (0.0, 1.0)
    finite = np.abs(values[np.isfinite(values)])
    top = float(min(100.0, max(1.0, finite.max() if finite.size else 1.0)))
    return (0.0, top) if activation == "relu" else (-top, top)


def quantize(values, low, high, levels=256):
    """Colour indices 0 … levels − 1 of ``values`` on the scale ``low`` … ``high`` (clipped; NaN → the middle):
    uint8 for 256 levels, uint16 for 65536."""
    with np.errstate(invalid="ignore", over="ignore"):
        t = np.clip((np.nan_to_num(values, nan=(low + high) / 2) - low) / (high - low), 0, 1)
    return np.round((levels - 1) * t).astype(np.uint8 if levels <= 256 else np.uint16)


#: Below this spread of P(label 1) over the square (max − min), a map has no boundary worth drawing: its
#: P = ½ line would follow rounding, not the net
FLAT_MAP = 0.01


def unit_tiles(view, hidden_maps, activation, X, title, weight=1.3):
    """Add the unit-maps panel: ``hidden_maps`` (F, H, G²) are A1[j] on :func:`grid` per frame.

    One tile per hidden unit on one shared colour scale (tanh −1 … 1, sigmoid 0 … 1, ReLU 0 … the run's
    largest output, at most 100), the data ``X`` (2, m) as faint dots. Identical units give identical tiles.
    """
    F, H, size = hidden_maps.shape
    side = int(round(np.sqrt(size)))
    low, high = activation_range(activation, hidden_maps)
    cmap = view.cmap("PuOr_r" if low < 0 else "viridis")
    z = view.array("tiles", quantize(hidden_maps, low, high).reshape(F, H, side, side), "uint8")
    finite = hidden_maps[np.isfinite(hidden_maps)]
    cut = finite.size and float(np.abs(finite).max()) > high  # ReLU/linear beyond 100: the colours stop there
    ticks = [[0, f"≤{low:g}" if cut and low < 0 else f"{low:g}"], [0.5, f"{(low + high) / 2:g}"],
             [1, f"≥{high:g}" if cut else f"{high:g}"]]
    view.panel(title, [], kind="tiles", z=z, cmap=cmap, extent=[-LIM, LIM, -LIM, LIM], weight=weight,
               points=dict(x=view.array("data_x1", X[0]), y=view.array("data_x2", X[1]), every=1),
               colorbar=dict(cmap=cmap, width=34, ticks=ticks))


def output_map(view, maps, X, Y, title, weight=0.9, per_frame=True):
    """Add the output panel: ``maps`` (F, G²) or (G²,) hold P(label 1) on :func:`grid` (colours 0 … 1, the
    0.5 contour in black = the decision boundary, sent in 4096 steps of 2.4e-4 as uint16), the data (2, m) coloured
    by label on top. A frame whose P spreads less than :data:`FLAT_MAP` gets no contour and a note saying so."""
    side = int(round(np.sqrt(maps.shape[-1])))
    cmap = view.cmap("RdBu_r")
    shape = (len(maps), side, side) if per_frame else (side, side)
    # 4096 levels, each the middle of its 16 uint16 steps (½ lies between 32760 and 32776): fine enough for
    # the contour, and the unused low bits let a static page's gzip shrink them
    levels = quantize(maps, 0.0, 1.0, 4096).astype(np.uint16) * 16 + 8
    z = view.array("output_map", levels.reshape(shape), "uint16")
    frames = maps.reshape(-1, side * side) if per_frame else maps.reshape(1, -1)
    spread = np.ptp(frames, axis=1)
    flat = [bool(s < FLAT_MAP) for s in spread]
    notes = [f"P within {p.min():.2f}–{p.max():.2f}\neverywhere: no boundary" if f else ""
             for f, p in zip(flat, frames)]
    data_x = view.array("points_x1", X[0])
    data_y = view.array("points_x2", X[1])
    labels = view.array("labels", Y[0])
    layers = [dict(kind="image", z=z, per_frame=per_frame, extent=[-LIM, LIM, -LIM, LIM], cmap=cmap, range=[0, 1],
                   alpha=0.55, smooth=True, levels=[32767.5], contour=[not f for f in flat]),
              dict(kind="points", x=data_x, y=data_y, c=labels, cmap=cmap, sizes=2.6, stroke="#333")]
    axis = dict(range=[-LIM, LIM], hide_ticks=True)
    legend = [["#000", "P = ½", False]]
    view.panel(title, layers, x=dict(axis, label="x₁"), y=dict(axis, label="x₂"), square=True, weight=weight,
               grid=False, legend=legend, note=notes if any(flat) else "")


def loss_panel(view, loss, title, chance=None, reference=None, ylim=(1e-2, 1e2), log=True, label="this run",
               colour_name="C3", weight=1.1, marker=True, extra=()):
    """Add a loss-against-epoch panel: this run's loss (nats) per epoch, an optional faint He reference,
    the chance level (dotted) and a marker at the frame's epoch. The legend sits under the plot."""
    epochs = max(len(loss), len(reference) if reference is not None else 0, view.spec["frames"][-1])
    layers, legend = [], []
    if reference is not None:
        layers.append(dict(kind="lines", x=view.array("ref_epochs", np.arange(len(reference))),
                           y=view.array("ref_loss", np.asarray(reference)[None]), colors=colour("0.55"), widths=2,
                           alpha=0.8))
        legend.append([colour("0.55"), "He init", False])
    if chance is not None:
        layers.append(dict(kind="hline", at=float(chance), color="#000", dash=[2, 4], width=1.5))
        legend.append(["#000", "chance", True])
    layers += list(extra)
    layers.append(dict(kind="lines", x=view.array("loss_epochs", np.arange(len(loss))),
                       y=view.array("loss", np.asarray(loss)[None]), colors=colour(colour_name), widths=2.5))
    legend.append([colour(colour_name), label, False])
    if marker:
        layers.append(dict(kind="vline", at="epoch", color=colour("C0"), width=1.5, alpha=0.7))
    y = dict(label="loss (nats)", range=list(ylim), log=log)
    view.panel(title, layers, x=dict(label="epoch", range=[0, epochs]), y=y, legend=legend, weight=weight)
