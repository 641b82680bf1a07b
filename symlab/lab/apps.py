"""Widget apps: controls, figure panels updated in place, and a readout.

:class:`Dashboard` is the shared machinery; each app (the symmetry dashboard of
notebook 01, the others in later notebooks) subclasses it and implements
:meth:`Dashboard.update`.

Layout: every panel is a small figure of its own (:data:`~symlab.lab.figures.PANEL`),
and the panels sit in a box that wraps, like the controls: three in a row on a wide
screen, two and one beside JupyterLab's file browser on a 1024-px projector, never cut
off. Sliders have a fixed length (a slider squeezed to a bare handle cannot be aimed),
the init-scale sliders a longer one (five decades). An epoch scrubber has a play button.

In JupyterLab with ``%matplotlib widget`` (ipympl) each panel is one persistent
canvas whose artists are updated in place and blitted (:class:`~symlab.lab.figures.Blitter`):
a change of data redraws only the changing artists, a change of axes only that panel.
In a front end without ipympl every panel is rendered to PNG and shown in an
``ipywidgets.Image`` — slower, but it works wherever widgets do. Controls that retrain
update when released (``continuous_update=False``), so a drag does not queue dozens of runs.
"""

import contextlib
import io
import itertools
import math
import warnings

import ipywidgets as widgets
import matplotlib
import numpy as np

from ..checks import check_between, check_int
from .figures import PANEL, Blitter, new_figure


STYLE = {"description_width": "initial"}

#: Lengths of whole controls (description + track + readout). A slider's track is at least 150 px.
DROPDOWN_WIDTH, SLIDER_WIDTH, LOG_SLIDER_WIDTH, EPOCH_WIDTH = "232px", "344px", "400px", "380px"
#: Once updates pause this long (ms), the panels' whole pictures are sent again (see Dashboard.refresh).
KEYFRAME_MS = 300
#: Prefetching (Dashboard.prefetch): seconds after an update before the first neighbour is computed, seconds
#: between two (the kernel reads waiting messages in between), and how many neighbours at most.
PREFETCH_AFTER, PREFETCH_GAP, PREFETCH_COUNT = 0.15, 0.01, 8
#: A wrapping row: controls move to the next line instead of shrinking.
ROW = dict(display="flex", flex_flow="row wrap", align_items="center")


def ipympl_active():
    """True when matplotlib's backend is ipympl (``%matplotlib widget`` / ``ipympl``)."""
    backend = matplotlib.get_backend().lower()
    return "ipympl" in backend or backend == "widget"


def _fixed(width):
    return widgets.Layout(width=width, min_width=width, flex="0 0 auto")


# Each factory checks the starting value first: a widget would clip a value outside its
# range silently, or fail with a traitlets error that does not say what is valid.
def dropdown(description, options, value):
    """A dropdown; changing it triggers an update at once. ``options``: values or (label, value) pairs."""
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    if value not in values:
        raise ValueError(f"{description}={value!r} is not valid; choose one of: {', '.join(map(str, values))}")
    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE,
                            layout=_fixed(DROPDOWN_WIDTH))


def log_slider(description, value, low, high, step=0.1, readout_format=".3g"):
    """A slider over 10**low … 10**high moving in steps of ``step`` in the exponent; updates on release.

    Long enough (:data:`LOG_SLIDER_WIDTH`) to land on every power of ten with the mouse.
    """
    check_between(description, value, 10.0 ** low, 10.0 ** high)
    return widgets.FloatLogSlider(value=value, base=10, min=low, max=high, step=step, description=description,
                                  readout_format=readout_format, continuous_update=False, style=STYLE,
                                  layout=_fixed(LOG_SLIDER_WIDTH))


def int_slider(description, value, low, high, step=1, continuous=False, width=SLIDER_WIDTH):
    """An integer slider; updates on release unless ``continuous`` (for cheap updates such as scrubbing)."""
    check_int(description, value, low, high)
    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=continuous, style=STYLE, layout=_fixed(width))


def float_slider(description, value, low, high, step, continuous=False):
    """A float slider; updates on release unless ``continuous``."""
    check_between(description, value, low, high)
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=continuous, style=STYLE, layout=_fixed(SLIDER_WIDTH))


def epoch_slider(value, epochs, step=1):
    """The epoch scrubber: continuous (it only reads recorded snapshots), with room to aim."""
    return int_slider("epoch", value, 0, epochs, step=step, continuous=True, width=EPOCH_WIDTH)


def play_button(slider, seconds=8.0, fastest=0.05):
    """An ``ipywidgets.Play`` linked to ``slider`` in the browser: it runs the recorded training in about
    ``seconds``, never faster than one frame per ``fastest`` seconds (it then skips epochs)."""
    frames = max(1, round((slider.max - slider.min) / slider.step))
    skip = max(1, -(-frames * fastest // seconds))  # ceil: at most seconds / fastest frames
    interval = round(1000 * seconds / (frames / skip))
    play = widgets.Play(value=slider.value, min=slider.min, max=slider.max, step=int(skip * slider.step),
                        interval=interval, show_repeat=False, tooltip="play the recorded training",
                        layout=widgets.Layout(flex="0 0 auto"))
    widgets.jslink((play, "value"), (slider, "value"))
    return play


def neighbour_values(control, direction=1):
    """The values one step away from ``control``'s: a slider's next steps (``direction`` first), a dropdown's
    other options."""
    if isinstance(control, widgets.FloatLogSlider):
        exponent = math.log(control.value, control.base)
        steps = [exponent + direction * control.step, exponent - direction * control.step]
        return [control.base ** e for e in steps if control.min - 1e-9 <= e <= control.max + 1e-9]
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        steps = [control.value + direction * control.step, control.value - direction * control.step]
        return [v for v in steps if control.min <= v <= control.max]
    if isinstance(control, widgets.Dropdown):
        return [value for value in control._options_values if value != control.value]
    return []


class Dashboard:
    """Controls + figure panels + a readout, wired together.

    Parameters
    ----------
    controls : dict name -> ipywidgets control
        Every value change calls ``update(name)`` and then publishes the figures.
    rows : list of list of str
        How to group the controls, one wrapping row per list. A name may also be
        a widget (e.g. a play button) shown there without triggering updates.
    panels : list of (width, height) in inches (at 90 dpi), one per figure
    use_ipympl : bool, optional
        Default: whether ``%matplotlib widget`` is active.

    Attributes
    ----------
    figs : list of matplotlib Figure
        One per panel: ipympl canvases' figures, or pyplot-free figures rendered to PNG.
    fig : matplotlib Figure
        The first panel's figure.
    views : list of widgets
        The canvases (ipympl) or ``ipywidgets.Image`` (PNG), in a wrapping box.
    readout : ipywidgets.HTML
        Numbers about what is shown; ``update`` sets ``readout.value``.
    blitter : Blitter or None
        Set by subclasses that blit (with ipympl); :meth:`refresh` then renders through it.
    widget : ipywidgets.VBox
        Everything, ready to display (a Dashboard displays as this widget).
    """

    blitter = None
    _keyframe = None
    #: controls that change only how a run is shown (scrubbers, colour scales): nothing to prefetch
    display_only = ("epoch",)
    _prefetches = 0
    #: the Blitter layer an update starts from (``None``: every layer); ``update`` may change it
    first_layer = 0
    _quiet = False

    def __init__(self, controls, rows, panels=(PANEL, PANEL, PANEL), use_ipympl=None):
        self.controls = controls
        self._seen = {}
        self.use_ipympl = ipympl_active() if use_ipympl is None else use_ipympl
        self.readout = widgets.HTML(layout=widgets.Layout(max_width="900px"))
        self.figs = [self._figure(size) for size in panels]
        self.fig = self.figs[0]
        if self.use_ipympl:
            self.views = [fig.canvas for fig in self.figs]
        else:
            self.views = [widgets.Image(format="png", layout=widgets.Layout(flex="0 0 auto")) for _ in self.figs]
        self.panel_box = widgets.Box(self.views, layout=widgets.Layout(**{**ROW, "align_items": "flex-start"}))
        self.widget = widgets.VBox(
            [widgets.Box([controls.get(name, name) if isinstance(name, str) else name for name in row],
                         layout=widgets.Layout(**ROW)) for row in rows] + [self.readout, self.panel_box],
            layout=widgets.Layout(padding="0 0 0 6px"))

    def _figure(self, size):
        fig = new_figure(*size)
        if not self.use_ipympl:
            return fig
        from ipympl.backend_nbagg import Canvas, FigureManager

        # An ipympl canvas made directly, not through pyplot: pyplot would keep every figure
        # open (and warn after 20, three per dashboard) and redraw it whenever an artist changes
        # ("interactive mode"). The dashboard decides when to draw: once per update, only what changed.
        canvas = Canvas(fig)
        FigureManager(canvas, 0)
        canvas.header_visible = canvas.toolbar_visible = canvas.footer_visible = False
        canvas.resizable = False
        canvas.layout.flex = "0 0 auto"  # its natural size in the wrapping row (ipympl's CSS lets it grow)
        # ipympl stores a frame drawn before JupyterLab shows the canvas as a data URL
        # without its "data:image/png;base64," prefix, which the front end cannot load
        # ("Error setting state"). Frames go to the front end once it is connected
        # instead: it asks for a full redraw when it starts.
        canvas.syncing_data_url = False
        return fig

    def blit(self, *layers):
        """Blit the panels with these layers (functions returning artists; see Blitter), with ipympl."""
        if self.use_ipympl:
            self.blitter = Blitter(self.figs, *layers)
        return self.blitter

    def _send_keyframes(self):
        """Draw every panel in full and send its whole picture again (see :meth:`refresh`). A blitted
        picture can differ from a full draw in a few anti-aliased pixels, depending on the path of
        updates that led to it; after the pause the learner sees the one picture of this state."""
        for fig in self.figs:
            fig.canvas.draw()
            fig.canvas._force_full = fig.canvas._png_is_old = True
            fig.canvas.manager.refresh_all()

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

    def compute(self, values):
        """Subclasses: compute (and cache) what ``update`` would show for these control values (a dict)."""

    def prefetch(self, changed):
        """Compute the settings one step away while the learner looks, so the next step is a cache hit.

        After an update from the learner (not the first drawing), and once the kernel has been idle for
        :data:`PREFETCH_AFTER` seconds, the neighbours — the moved control one step further, then back,
        then every other control's steps — are computed one at a time on the kernel's event loop, so a
        control moved meanwhile waits for one computation at most; a newer update cancels the rest. A
        neighbour is only computed and cached (warnings and prints swallowed), never shown.
        """
        if not self.use_ipympl or changed is None or changed in self.display_only:
            return
        from tornado.ioloop import IOLoop

        self._prefetches += 1
        generation, now = self._prefetches, self.values()
        direction = 1 if not isinstance(now[changed], (int, float)) or now[changed] >= self._seen.get(changed, 0) \
            else -1
        names = sorted((n for n in self.controls if n not in self.display_only), key=lambda n: n != changed)
        todo = itertools.islice(({**now, name: value} for name in names
                                 for value in neighbour_values(self.controls[name], direction if name == changed else 1)),
                                PREFETCH_COUNT)
        loop = IOLoop.current()

        def step():
            values = next(todo, None) if generation == self._prefetches else None
            if values is None:
                return
            with warnings.catch_warnings(), np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):
                warnings.simplefilter("ignore")
                try:
                    self.compute(values)
                except (ValueError, ArithmeticError):  # a value the dashboard would refuse: not needed
                    pass
            loop.call_later(PREFETCH_GAP, step)

        loop.call_later(PREFETCH_AFTER, step)

    def refresh(self, changed):
        """Recompute for a changed control (``None`` = everything) and publish the figures."""
        self.first_layer = None if changed is None else 0
        self._prefetches += 1  # a prefetch under way stops: this update goes first
        self.update(changed)
        if not self.use_ipympl:
            for view, fig in zip(self.views, self.figs):
                view.value = fig._repr_png_()
        elif self.blitter is not None:
            self.blitter.render(self.first_layer)
        else:
            for fig in self.figs:
                fig.canvas.draw_idle()
        if self.use_ipympl:
            # ipympl sends only the pixels that changed, and its front end drops a picture when the next
            # one arrives before the first is decoded (it replaces the <img> source): in a burst of
            # updates a canvas could keep a stale region for good. Once the updates pause, the whole
            # pictures go again, so what the learner sees ends as what the kernel drew.
            if self._keyframe is None:
                self._keyframe = self.fig.canvas.new_timer(interval=KEYFRAME_MS)
                self._keyframe.single_shot = True
                self._keyframe.add_callback(self._send_keyframes)
            self._keyframe.start()
        self.prefetch(changed)
        self._seen = self.values()

    def update(self, changed):
        """Subclasses: bring the figures and ``readout`` up to date after ``changed`` moved."""
        raise NotImplementedError

    def values(self):
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # shown where widgets cannot be (GitHub, an unexecuted notebook); short and stable for nbval
        bundle["text/plain"] = f"{type(self).__name__}: run this cell to use the interactive dashboard"
        return bundle
