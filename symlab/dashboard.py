"""Widget apps: controls, one figure updated in place, and a readout.

:class:`Dashboard` is the shared machinery; each app (the symmetry dashboard here,
others in later notebooks) subclasses it and implements :meth:`Dashboard.update`.

In JupyterLab with ``%matplotlib widget`` (ipympl) the figure is one persistent
canvas whose artists are updated in place. In a front end without ipympl the
figure is rendered to PNG and shown in an ``ipywidgets.Image`` — slower, but it
works wherever widgets do. Controls that retrain update when released
(``continuous_update=False``), so a drag does not queue dozens of runs.
"""

import ipywidgets as widgets
import matplotlib

from ._checks import check_between, check_choice, check_int
from .activations import ACTIVATIONS
from .data import DATASETS
from .experiments import symmetry_run
from .init import SCHEMES
from .metrics import distinct_units, unit_params
from .plots import SymmetryFigure, new_figure

FIGSIZE = (9.6, 3.4)  # inches at 90 dpi: 864 x 306 px, fits JupyterLab beside the file browser
STYLE = {"description_width": "initial"}


def ipympl_active():
    """True when matplotlib's backend is ipympl (``%matplotlib widget`` / ``ipympl``)."""
    backend = matplotlib.get_backend().lower()
    return "ipympl" in backend or backend == "widget"


# ----------------------------------------------------------------- controls
# Each factory checks the starting value first: a widget would clip a value outside its
# range silently, or fail with a traitlets error that does not say what is valid.
def dropdown(description, options, value):
    """A dropdown; changing it triggers an update at once. ``options``: values or (label, value) pairs."""
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    if value not in values:
        raise ValueError(f"{description}={value!r} is not valid; choose one of: {', '.join(map(str, values))}")
    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE)


def log_slider(description, value, low, high, step=0.1):
    """A slider over 10**low … 10**high moving in steps of ``step`` in the exponent; updates on release."""
    check_between(description, value, 10.0 ** low, 10.0 ** high)
    return widgets.FloatLogSlider(value=value, base=10, min=low, max=high, step=step, description=description,
                                  readout_format=".3g", continuous_update=False, style=STYLE)


def int_slider(description, value, low, high, step=1, continuous=False):
    """An integer slider; updates on release unless ``continuous`` (for cheap updates such as scrubbing)."""
    check_int(description, value, low, high)
    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=continuous, style=STYLE)


def float_slider(description, value, low, high, step, continuous=False):
    """A float slider; updates on release unless ``continuous``."""
    check_between(description, value, low, high)
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=continuous, style=STYLE)


# --------------------------------------------------------------- base class
class Dashboard:
    """Controls + one figure + a readout, wired together.

    Parameters
    ----------
    controls : dict name -> ipywidgets control
        Every value change calls ``update(name)`` and then publishes the figure.
    rows : list of list of str
        How to lay the controls out, one HBox per row.
    figsize : (width, height) in inches (at 90 dpi)
    use_ipympl : bool, optional
        Default: whether ``%matplotlib widget`` is active.

    Attributes
    ----------
    fig : matplotlib Figure
        An ipympl canvas's figure, or a pyplot-free figure rendered to PNG.
    readout : ipywidgets.HTML
        Numbers about what is shown; ``update`` sets ``readout.value``.
    widget : ipywidgets.VBox
        Everything, ready to display (a Dashboard displays as this widget).
    """

    #: set by subclasses that update the ipympl canvas themselves (blitting)
    draws_itself = False
    _quiet = False

    def __init__(self, controls, rows, figsize=FIGSIZE, use_ipympl=None):
        self.controls = controls
        self.use_ipympl = ipympl_active() if use_ipympl is None else use_ipympl
        self.readout = widgets.HTML()
        if self.use_ipympl:
            import matplotlib.pyplot as plt

            with plt.ioff():
                self.fig = plt.figure(figsize=figsize, dpi=90)
            canvas = self.fig.canvas
            canvas.header_visible = canvas.toolbar_visible = canvas.footer_visible = False
            canvas.resizable = False
            # ipympl stores a frame drawn before JupyterLab shows the canvas as a data URL
            # without its "data:image/png;base64," prefix, which the front end cannot load
            # ("Error setting state"). Frames go to the front end once it is connected
            # instead: it asks for a full redraw when it starts.
            canvas.syncing_data_url = False
            # With %matplotlib widget, pyplot redraws a figure whenever an artist changes
            # ("interactive mode"). The dashboard decides when to draw instead: once per
            # update, and only what changed.
            self.fig.stale_callback = None
            self.view = canvas
        else:
            self.fig = new_figure(*figsize)
            self.view = widgets.Image(format="png")
        self.widget = widgets.VBox(
            [widgets.HBox([controls[name] for name in row]) for row in rows] + [self.readout, self.view],
            layout=widgets.Layout(padding="0 0 0 6px"))

    def start(self):
        """Draw the first state and start listening to the controls (call at the end of ``__init__``)."""
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._quiet or self.refresh(name), names="value")
        self.refresh(None)

    def set_quietly(self, name, value):
        """Move a control without triggering an update (``update`` is about to use the new value)."""
        self._quiet = True
        try:
            self.controls[name].value = value
        finally:
            self._quiet = False

    def refresh(self, changed):
        """Recompute for a changed control (``None`` = everything) and publish the figure."""
        self.update(changed)
        if not self.use_ipympl:
            self.view.value = self.fig._repr_png_()
        elif not self.draws_itself:
            self.fig.canvas.draw_idle()

    def update(self, changed):
        """Subclasses: bring the figure and ``readout`` up to date after ``changed`` moved."""
        raise NotImplementedError

    def values(self):
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # shown where widgets cannot be (GitHub, an unexecuted notebook); short and stable for nbval
        bundle["text/plain"] = f"{type(self).__name__}: run this cell to use the interactive dashboard"
        return bundle


# ------------------------------------------------------ symmetry dashboard
#: the scale a scheme starts at when it is picked in the dashboard (1 = the textbook formula
#: for the scaled schemes, the std for normal ones); zeros ignores the scale
SCHEME_SCALE = {"constant": 0.5, "zeros": None}


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
            "scheme": dropdown("init scheme", SCHEMES, scheme),
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
    :func:`symlab.experiments.symmetry_run`); ``epochs`` fixes the training length.
    The epoch scrubber updates continuously, as it only reads recorded snapshots.
    """
    return SymmetryDashboard(scheme, scale, activation, hidden, dataset, seed, lr, epochs)
