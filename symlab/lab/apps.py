"""Widget apps: controls, one figure updated in place, and a readout.

:class:`Dashboard` is the shared machinery; each app (the symmetry dashboard of
notebook 01, the others in later notebooks) subclasses it and implements
:meth:`Dashboard.update`.

In JupyterLab with ``%matplotlib widget`` (ipympl) the figure is one persistent
canvas whose artists are updated in place. In a front end without ipympl the
figure is rendered to PNG and shown in an ``ipywidgets.Image`` — slower, but it
works wherever widgets do. Controls that retrain update when released
(``continuous_update=False``), so a drag does not queue dozens of runs.
"""

import ipywidgets as widgets
import matplotlib

from ..checks import check_between, check_int
from .figures import new_figure


FIGSIZE = (9.6, 3.4)  # inches at 90 dpi: 864 x 306 px, fits JupyterLab beside the file browser


STYLE = {"description_width": "initial"}


def ipympl_active():
    """True when matplotlib's backend is ipympl (``%matplotlib widget`` / ``ipympl``)."""
    backend = matplotlib.get_backend().lower()
    return "ipympl" in backend or backend == "widget"


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
