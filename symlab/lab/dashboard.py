"""Notebooks 00 and 01: the symmetry dashboard and the three-start comparison.

:func:`symmetry_view` is what the dashboard shows of a run — a map per hidden unit, the
output P(label 1), the rows of dW1 and the loss, at every recorded epoch — and
:func:`symmetry_dashboard` puts controls above it. :func:`plot_symmetry` is its still
picture at one epoch; :func:`plot_init_comparison` draws notebook 00's side-by-side runs.
"""

import numpy as np
from matplotlib.colors import SymLogNorm
from matplotlib.text import Text

from ..activations import ACTIVATIONS
from ..checks import check_between, check_choice, check_int
from ..data import DATASETS
from ..init import SCHEMES
from ..metrics import distinct_units, unit_params
from .apps import Dashboard, dropdown, int_slider, log_slider
from .figures import (LOSS_RANGE, activation_ylim, describe, draw_decision_boundary, draw_unit_maps, net_at,
                      new_figure, nice_ceiling, panel_grid, unit_widths, UNIT_TOP)
from .runs import symmetry_run
from .view import COLOURS, MAP_GRID, View, frame_maps, loss_panel, output_map, tile_grid, unit_tiles


# ---------------------------------------------------------------- figure

#: Colour scales of the dW1 panel: one fixed logarithmic scale for every run and epoch (so a
#: gradient of 3e-5 looks fainter than one of 5e-3), or each frame divided by its largest entry.
GRAD_COLOURS = {"fixed": "on a log scale", "frame": "÷ its largest"}
#: The fixed scale: symmetric-logarithmic, linear within ±GRAD_LINTHRESH, ending at ±GRAD_RANGE
GRAD_RANGE, GRAD_LINTHRESH = 0.1, 1e-6


def plot_symmetry(epoch=None, **settings):
    """Still picture of the symmetry dashboard for one setting, at one epoch.

    ``settings`` are the keyword arguments of :func:`symlab.lab.runs.symmetry_run` (scheme, scale,
    activation, hidden, dataset, seed, lr, epochs). ``epoch`` (0 … epochs, default: the end of
    training) picks the snapshot shown — the latest recorded at or before it. Panels as the
    dashboard's: a map per hidden unit, the output P(label 1), the rows of ``[dW1 | db1]`` (symmetric
    log colours, ±1e-6 … ±0.1) and the loss with the He reference and the chance level.
    Returns a StaticFigure (11 × 3.3 in). Raises ``ValueError`` for an epoch outside 0 … epochs.
    """
    run = symmetry_run(**settings)
    s = run.settings
    epoch = s["epochs"] if epoch is None else check_int("epoch", epoch, 0, s["epochs"])
    reference = symmetry_run(**{**s, "scheme": "he_normal", "scale": 1.0})
    snap = run.history.snapshot(epoch)
    net = net_at(run, snap.params)
    fig = new_figure(11, 3.3)
    ax_units, ax_map, ax_grad, ax_loss = panel_grid(fig, 4, left=0.02, right=0.985, bottom=0.15, top=0.76,
                                                    wspace=0.6)
    k, H = distinct_units(unit_params(snap.params)), s["hidden"]
    image = draw_unit_maps(ax_units, net, run.X, f"hidden units A1[j]:\n{k} distinct of {H}")
    fig.colorbar(image, ax=ax_units, fraction=0.05, pad=0.03, ticks=np.linspace(*image.get_clim(), 3)).ax.tick_params(
        labelsize=8)
    accuracy = run.history.accuracy[min(snap.epoch, len(run.history.accuracy) - 1)]
    draw_decision_boundary(ax_map, net, run.X, run.Y, title=f"P(label 1), accuracy {accuracy:.0%}")
    G = np.hstack([snap.grads["dW1"], snap.grads["db1"]])
    top = float(np.max(np.abs(G)))
    grads = ax_grad.imshow(G, cmap="RdBu_r", aspect="auto", interpolation="nearest",
                           norm=SymLogNorm(linthresh=GRAD_LINTHRESH, linscale=0.5, vmin=-GRAD_RANGE, vmax=GRAD_RANGE))
    ax_grad.set_xticks([0, 1, 2], ["x₁", "x₂", "b"])
    ax_grad.set_yticks(range(0, H, max(1, int(np.ceil(H / 8)))))
    ax_grad.set_xlabel("weight from")
    ax_grad.set_ylabel("hidden unit j (row)")
    rows = distinct_units(G, atol=1e-12 * top) if top > 0 else 1
    ax_grad.set_title(f"rows of dW1 | db1 (one per unit):\n{rows} distinct, max {top:.0e}", fontsize=10)
    fig.colorbar(grads, ax=ax_grad, fraction=0.1, pad=0.05, ticks=[-0.1, -1e-4, 0, 1e-4, 0.1]).ax.tick_params(
        labelsize=8)
    ax_loss.plot(reference.history.loss, color="0.6", lw=1.5, label="He reference")
    ax_loss.axhline(run.chance, color="k", ls=":", lw=1.2, label="chance")
    ax_loss.plot(run.history.loss, color="C3", lw=2, label="this run")
    ax_loss.axvline(snap.epoch, color="C0", lw=1, alpha=0.7)
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(*LOSS_RANGE)
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("loss (nats)")
    ax_loss.set_title("training loss", fontsize=10)
    ax_loss.grid(alpha=0.3)
    ax_loss.legend(fontsize=8, loc="lower left")
    fig.suptitle(f"{describe(s)} — epoch {snap.epoch}", fontsize=11)
    return fig


def plot_init_comparison(schemes, **settings):
    """One row per ``(scheme, scale)`` pair: a map per hidden unit, the decision boundary, the loss.

    ``schemes`` is a list of ``(scheme, scale)``; ``settings`` are the other keyword
    arguments of :func:`symlab.lab.runs.symmetry_run`. Each row's title gives
    the distinct-unit count and final accuracy, computed from the run.
    """
    fig = new_figure(11, 3.4 * len(schemes))
    fig.subplots_adjust(left=0.08, right=0.98, top=0.93, bottom=0.35 / len(schemes), hspace=0.75, wspace=0.5)
    axes = fig.subplots(len(schemes), 3, squeeze=False)
    for row, (scheme, scale) in zip(axes, schemes):
        run = symmetry_run(scheme=scheme, scale=scale, **settings)
        H = run.settings["hidden"]
        distinct = distinct_units(unit_params(run.net.params))
        image = draw_unit_maps(row[0], run.net, run.X, f"{scheme} (scale {scale:g}):\n{distinct} distinct of {H} units")
        fig.colorbar(image, ax=row[0], fraction=0.05, pad=0.02, label="A1[j] after training")
        accuracy = run.history.final_accuracy
        draw_decision_boundary(row[1], run.net, run.X, run.Y,
                               title=f"decision boundary,\ntrain accuracy {accuracy:.0%}", key=True)
        row[2].plot(run.history.loss, color="C3", lw=2)
        row[2].axhline(run.chance, color="k", ls=":", lw=1.2, label=f"chance = {run.chance:.3f}")
        row[2].set_title(f"loss (nats):\n{run.history.loss[0]:.3f} → {run.history.final_loss:.3f}", fontsize=10)
        row[2].set_xlabel("epoch")
        row[2].set_ylabel("cross-entropy (nats)")
        row[2].set_ylim(0, max(1.0, 1.1 * float(np.nanmax(run.history.loss[:50]))))
        row[2].legend(fontsize=8, loc="upper right")
    for text in fig.findobj(Text):  # read on a projector: the figure is shown at about 60% of its size
        text.set_fontsize(text.get_fontsize() * 1.4)
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
#: What the numbers of :data:`SCHEME_MENU` mean: the scheme menu's tooltip (the static page shows it on the
#: menu's label and under its title) and a sentence of notebook 01 above the dashboard
SCHEME_MENU_NOTE = ("In the init scheme menu, the numbers after each scheme are the notebooks that explain it: "
                    "constant (00, 02) in notebooks 00 and 02.")
#: What the hidden-unit panel shows: one map per unit over the input square, or every unit along x₂ = 0
UNIT_VIEWS = {"maps": "unit maps", "slice": "curves along x₂ = 0"}


def _symlog_position(v):
    f = lambda x: np.sign(x) * np.log10(1 + abs(x) / GRAD_LINTHRESH)  # noqa: E731
    return float((f(v) + f(GRAD_RANGE)) / (2 * f(GRAD_RANGE)))


def _grad_panel(view, snaps, mode):
    """The rows of [dW1 | db1] per frame as colours: one row per hidden unit, identical rows alike."""
    G = np.array([np.hstack([s.grads["dW1"], s.grads["db1"]]) for s in snaps])  # (F, H, 3)
    F, H, _ = G.shape
    largest = np.array([np.max(np.abs(g)) if np.all(np.isfinite(g)) else np.nan for g in G])
    titles, notes = [], []
    for g, top in zip(G, largest):
        rows = distinct_units(g, atol=1e-12 * top) if np.isfinite(top) and top > 0 else 1
        # a non-breaking hyphen (U+2011): a narrow panel must not wrap "5e-4" after its "-"
        shown = f"{top:.0e}".replace("e-0", "e-").replace("-", "\u2011")
        titles.append(f"dW1 | db1 rows:\n{rows} distinct, max {shown}")
        notes.append("all exactly 0" if top == 0 else "")
    cmap = view.cmap("RdBu_r")
    if mode == "fixed":
        z = view.array("grads", G)
        layer = dict(kind="image", z=z, per_frame=True, cmap=cmap, range=[-GRAD_RANGE, GRAD_RANGE], norm="symlog",
                     linthresh=GRAD_LINTHRESH)
        ticks = [[_symlog_position(v), label] for v, label in
                 [(-0.1, "−0.1"), (-1e-4, "−1e-4"), (0, "0"), (1e-4, "1e-4"), (0.1, "0.1")]]
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            z = view.array("grads", G / np.where(largest > 0, largest, 1)[:, None, None])
        layer = dict(kind="image", z=z, per_frame=True, cmap=cmap, range=[-1, 1])
        ticks = [[0, "−max"], [0.5, "0"], [1, "+max"]]
    layer.update(extent=[-0.5, 2.5, H - 0.5, -0.5], origin="upper")
    view.panel(titles, [layer], weight=1.05, note=notes,
               x=dict(range=[-0.5, 2.5], ticks=[[0, "x₁"], [1, "x₂"], [2, "b"]]),
               y=dict(range=[H - 0.5, -0.5], hide_ticks=True),
               grid=False, colorbar=dict(cmap=cmap, width=42, ticks=ticks))


def symmetry_view(run, reference=None, units="maps", grad_colours="fixed"):
    """The :class:`~symlab.lab.view.View` of a symmetry run, one frame per recorded epoch.

    Panels: (1) ``units="maps"``: each hidden unit's output A1[j] over the input square, one tile per
    unit on one colour scale, the data faint on top — identical units give identical tiles; or
    ``"slice"``: every unit's output along x₂ = 0, one curve each. (2) The net's output P(label 1) over
    the plane with the 0.5 contour (the decision boundary) and the data. (3) The rows of
    ``[dW1 | db1]`` as colours (``grad_colours``: ``"fixed"`` symmetric-log scale ±1e-6 … ±0.1 for every
    run, or ``"frame"``: each frame ÷ its largest entry). (4) The training loss (nats, log scale
    1e-2 … 1e2) with ``reference`` (the He run) faint and the chance level.
    The readout per frame: distinct units, epoch, loss, accuracy, divergence.
    """
    check_choice("units", units, tuple(UNIT_VIEWS))
    check_choice("grad_colours", grad_colours, tuple(GRAD_COLOURS))
    history, s = run.history, run.settings
    epochs, H = run.recorded_epochs, s["hidden"]
    snaps = [history.snapshots[e] for e in epochs]
    distinct = [distinct_units(unit_params(snap.params)) for snap in snaps]
    readouts = []
    for snap, k in zip(snaps, distinct):
        if snap.epoch == s["epochs"] and not history.diverged:
            loss, accuracy = history.final_loss, history.final_accuracy
        else:
            index = min(snap.epoch, len(history.loss) - 1)
            loss, accuracy = history.loss[index], history.accuracy[index]
        loss_text = f"{loss:.3g}" if loss >= 1000 else f"{loss:.3f}"  # a diverging run's loss can be 1e300
        text = (f"<b>distinct hidden units: {k} of {H}</b> · loss {loss_text} nats · "
                f"train accuracy {accuracy:.0%}")
        if history.diverged:
            text += (f" · <b style='color:#c00'>diverged at epoch {history.diverged_at}</b>: lower the scale or "
                     "the learning rate")
        readouts.append(text)
    view = View(epochs, readouts, key=describe(s), last_epoch=s["epochs"], aspect=0.26, height=[150, 280])
    if units == "maps":
        tiles, _ = frame_maps(run.net, [snap.params for snap in snaps], tile_grid(H))
        unit_tiles(view, tiles, s["activation"], run.X,
                   [f"hidden units A1[j]:\n{k} distinct of {H}" for k in distinct], weight=1.2)
    else:
        hidden = np.array([snap.hidden for snap in snaps])  # (F, H, P)
        top = nice_ceiling(float(np.nanmax(np.abs(hidden)))) if s["activation"] in ("relu", "linear") else 1.0
        curves = dict(kind="lines", x=view.array("probe", run.probe[0]), y=view.array("hidden", hidden),
                      per_frame=True, colors=[COLOURS[j % 10] for j in range(H)], widths=unit_widths(H, 5, 1.5))
        cut = ", cut at ±100" if s["activation"] in ("relu", "linear") and np.nanmax(np.abs(hidden)) > UNIT_TOP else ""
        view.panel([f"A1[j] along x₂ = 0:\n{k} distinct of {H}{cut}" for k in distinct],
                   [curves], x=dict(label="x₁ (x₂ = 0)", range=[-1.5, 1.5]),
                   y=dict(label="A1[j]", range=list(activation_ylim(s["activation"], top))), weight=1.3)
    _, map_outputs = frame_maps(run.net, [snap.params for snap in snaps], MAP_GRID, hidden=False)
    accuracy = [history.accuracy[min(e, len(history.accuracy) - 1)] if len(history.accuracy) else np.nan
                for e in epochs]
    output_map(view, map_outputs, run.X, run.Y, [f"P(label 1),\naccuracy {a:.0%}" for a in accuracy])
    _grad_panel(view, snaps, grad_colours)
    peak = float(np.max(history.loss)) if len(history.loss) else float("nan")
    above = f"\npeak loss {peak:.2g}: above the chart" if peak > LOSS_RANGE[1] else "\n "
    diverged = f"diverged at epoch {history.diverged_at}\n(loss or weights inf/NaN)" if history.diverged else ""
    loss_panel(view, history.loss, f"training loss{above}", chance=run.chance,
               reference=None if reference is None else reference.history.loss, ylim=LOSS_RANGE)
    view.spec["panels"][-1]["note"] = diverged
    return view


class SymmetryDashboard(Dashboard):
    """Init scheme and scale against the hidden units, the output, the rows of dW1 and the loss.

    Picking a scheme moves the scale slider to that scheme's usual value
    (:data:`SCHEME_SCALE`, else 1.0), so ``he_normal`` means the textbook He init; ``zeros``
    has no scale, and the slider is disabled.

    Attributes
    ----------
    controls : dict name -> widget
        ``scheme``, ``scale``, ``activation``, ``hidden``, ``dataset``, ``seed``, ``lr`` (each
        retrains, cached) and ``display`` ("units/grad_colours": maps or the x₂ = 0 curves, and dW1's
        colour scale).
    panels : PanelsWidget
        The :func:`symmetry_view` of the setting, with the scrubber over the recorded epochs.
    """

    factory = "dashboard.symmetry_dashboard"

    def __init__(self, scheme="constant", scale=0.5, activation="tanh", hidden=8, dataset="circles",
                 seed=0, lr=1.5, epochs=200, units="maps", grad_colours="fixed", epoch=None):
        # starting values must lie on the controls, or a widget would silently clip them
        check_choice("scheme", scheme, SCHEMES)
        check_between("scale (slider range)", scale, 1e-3, 1e2)
        check_choice("activation", activation, tuple(ACTIVATIONS))
        check_int("hidden", hidden, 1, 64)
        check_choice("dataset", dataset, DATASETS)
        check_int("seed", seed, 0, 20)
        check_between("lr (slider range)", lr, 1e-2, 1e2)
        self.epochs = check_int("epochs", epochs, 1, 5000)
        self.record_every = max(1, epochs // 50)  # 51 frames: smooth to play, light to send and to keep
        menu = dropdown("init scheme", [(SCHEME_MENU[name], name) for name in SCHEMES], scheme)
        # the static page shows it on hovering the menu's label; ipywidgets 8.1 draws no tooltip for a Dropdown
        # that has a description (JupyterLab, Voilà), so notebook 01 says it above the dashboard, in a cell that its
        # Voilà app shows too
        menu.tooltip = SCHEME_MENU_NOTE
        controls = {
            "scheme": menu,
            "scale": log_slider("init scale", scale, -3, 2),
            "activation": dropdown("activation", tuple(ACTIVATIONS), activation),
            "hidden": int_slider("hidden units", hidden, 1, 64),
            "dataset": dropdown("dataset", DATASETS, dataset),
            "seed": int_slider("seed", seed, 0, 20),
            "lr": log_slider("learning rate", lr, -2, 2),
            # one menu for the two ways of drawing (one row fewer on a projector)
            "display": dropdown("show", [(f"{UNIT_VIEWS[u]}, dW1 {GRAD_COLOURS[g]}", f"{u}/{g}")
                                         for u in UNIT_VIEWS for g in GRAD_COLOURS], f"{units}/{grad_colours}"),
        }
        super().__init__(controls, epoch)
        self.adjust(None)
        self.start()

    def adjust(self, changed):
        """Picking a scheme moves the scale to its usual value; zeros disables the scale (it has none)."""
        scheme = self.controls["scheme"].value
        if changed == "scheme":
            scale = SCHEME_SCALE.get(scheme, 1.0)
            if scale is not None:
                self.set_quietly("scale", scale)
        self.controls["scale"].disabled = scheme == "zeros"
        self.controls["scale"].tooltip = ("zeros has no scale: every weight is 0"
                                                      if scheme == "zeros" else None)

    def settings(self, values):
        """The control values as keyword arguments of :func:`symmetry_view`'s run.

        Log-slider values are rounded to 10 digits: the browser computes them (10 ** exponent) and may
        differ from Python's in the last bit, which would miss the cache of a prefetched run.
        """
        v = values
        return dict(scheme=v["scheme"], scale=1.0 if v["scheme"] == "zeros" else float(f"{v['scale']:.10g}"),
                    activation=v["activation"], hidden=int(v["hidden"]), dataset=v["dataset"],
                    seed=int(v["seed"]), lr=float(f"{v['lr']:.10g}"), epochs=self.epochs,
                    units=v["display"].split("/")[0], grad_colours=v["display"].split("/")[1])

    def neighbour(self, values, name, value):
        """A scheme picked from the menu starts at its usual scale: prefetch that setting."""
        usual = SCHEME_SCALE.get(value, 1.0) if name == "scheme" else None
        return {**values, name: value, **({"scale": usual} if usual is not None else {})}

    def view(self, units, grad_colours, **settings):
        run = symmetry_run(**settings, record_every=self.record_every)
        reference = symmetry_run(**{**settings, "scheme": "he_normal", "scale": 1.0}, record_every=self.record_every)
        return symmetry_view(run, reference, units, grad_colours)

    @property
    def run(self):
        """The run shown."""
        s = {k: v for k, v in self.settings(self.values()).items() if k not in ("units", "grad_colours")}
        return symmetry_run(**s, record_every=self.record_every)


def symmetry_dashboard(scheme="constant", scale=0.5, activation="tanh", hidden=8, dataset="circles",
                       seed=0, lr=1.5, epochs=200, units="maps", grad_colours="fixed", epoch=None):
    """Build the symmetry dashboard; display it by making it a cell's last expression.

    The arguments are the controls' starting values (see :func:`symlab.lab.runs.symmetry_run`);
    ``epochs`` fixes the training length. The scrubber and ▶ play move through the recorded
    epochs in the browser. ``units``: ``"maps"`` (a map per hidden unit) or ``"slice"`` (x₂ = 0);
    ``grad_colours``: ``"fixed"`` (logarithmic, the same for every run) or ``"frame"`` (÷ the largest entry).
    """
    return SymmetryDashboard(scheme, scale, activation, hidden, dataset, seed, lr, epochs, units, grad_colours, epoch)
