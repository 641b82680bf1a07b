"""Widget apps: ipywidgets controls above a :class:`~symlab.lab.view.PanelsWidget`.

:class:`Dashboard` is the shared machinery; each app (the symmetry dashboard of
notebook 01, the others in later notebooks) subclasses it and implements
:meth:`Dashboard.view`: the :class:`~symlab.lab.view.View` of one setting, computed
with the numpy core. When a control that retrains moves, the kernel computes that
setting's View (cached) and sends it once; the browser draws the panels and moves
through the recorded epochs itself (scrubber and ▶ play inside the panels widget).

Layout: the menus and the sliders sit in two grids of columns (:data:`MENU_WIDTH`,
:data:`SLIDER_WIDTH`); the panels share one row and scale to its width, so a 1024-px projector with JupyterLab's
file browser open shows the controls and every panel together. Controls that
retrain update when released (``continuous_update=False``), so a drag does not
queue dozens of runs; while the learner looks, the neighbouring settings are
computed ahead (:meth:`Dashboard.prefetch`).
"""

import contextlib
import io
import itertools
import math
import warnings
from collections import OrderedDict

import ipywidgets as widgets
import numpy as np

from ..checks import check_between, check_int
from .view import PanelsWidget


STYLE = {"description_width": "initial"}

#: The controls sit in two grids, menus in columns at least MENU_WIDTH wide (two beside JupyterLab's file
#: browser on a 1024-px projector, four on a wide screen) and sliders in columns at least SLIDER_WIDTH wide
#: (one there, two at 125% zoom, three on a wide screen); each control fills its cell, so a slider's track
#: stays >= 150 CSS px beside a label and a readout in 14-px text.
MENU_WIDTH, SLIDER_WIDTH = "285px", "330px"
#: Prefetching (Dashboard.prefetch): seconds after an update before the first neighbour is computed, seconds
#: between two (the kernel reads waiting messages in between), and how many neighbours at most.
PREFETCH_AFTER, PREFETCH_GAP, PREFETCH_COUNT = 0.15, 0.01, 8
#: Views kept per dashboard (a setting seen before is sent again without computing); at most about
#: 1 MB each for 8 units, 3 MB for 64
CACHED_VIEWS = 16


def _cell():
    return widgets.Layout(width="auto", min_width="0")


# Each factory checks the starting value first: a widget would clip a value outside its
# range silently, or fail with a traitlets error that does not say what is valid.
def dropdown(description, options, value):
    """A dropdown; changing it triggers an update at once. ``options``: values or (label, value) pairs."""
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    if value not in values:
        raise ValueError(f"{description}={value!r} is not valid; choose one of: {', '.join(map(str, values))}")
    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE,
                            layout=_cell())


def log_slider(description, value, low, high, step=0.1, readout_format=".3g"):
    """A slider over 10**low … 10**high moving in steps of ``step`` in the exponent; updates on release."""
    check_between(description, value, 10.0 ** low, 10.0 ** high)
    return widgets.FloatLogSlider(value=value, base=10, min=low, max=high, step=step, description=description,
                                  readout_format=readout_format, continuous_update=False, style=STYLE,
                                  layout=_cell())


def int_slider(description, value, low, high, step=1, continuous=False):
    """An integer slider; updates on release unless ``continuous``."""
    check_int(description, value, low, high)
    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=continuous, style=STYLE, layout=_cell())


def float_slider(description, value, low, high, step, continuous=False):
    """A float slider; updates on release unless ``continuous``."""
    check_between(description, value, low, high)
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=continuous, style=STYLE, layout=_cell())


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
    """Controls + the panels widget, wired together.

    Parameters
    ----------
    controls : dict name -> ipywidgets control
        Every value change computes the View of the new setting and sends it.

    Subclasses implement :meth:`settings` (control values → the keyword arguments of the
    run, rounded as the runs are cached) and :meth:`view` (settings → View).

    Attributes
    ----------
    panels : PanelsWidget
        Readout, scrubber with ▶ play, and the panels; ``panels.view`` is the View shown,
        ``panels.epoch`` the epoch shown, ``panels.readout`` its readout.
    widget : ipywidgets.VBox
        Everything, ready to display (a Dashboard displays as this widget).
    """

    _prefetches = 0
    _quiet = False
    #: ``module.function`` that builds this dashboard, as a notebook imports it (``from symlab.lab import …``)
    factory = ""

    def __init__(self, controls, epoch=None):
        self.controls = controls
        self.first_epoch = epoch  # the epoch shown first (None: the last recorded)
        self._seen = {}
        self._views = OrderedDict()
        self.panels = PanelsWidget(layout=widgets.Layout(width="100%"))
        menus = [c for c in controls.values() if isinstance(c, widgets.Dropdown)]
        sliders = [c for c in controls.values() if not isinstance(c, widgets.Dropdown)]
        grids = [widgets.GridBox(group, layout=widgets.Layout(
            grid_template_columns=f"repeat(auto-fill, minmax({width}, 1fr))", grid_gap="0 14px"))
            for group, width in ((menus, MENU_WIDTH), (sliders, SLIDER_WIDTH)) if group]
        self.widget = widgets.VBox([*grids, self.panels], layout=widgets.Layout(padding="0 4px"))
        self.widget.add_class("symlab-dashboard")

    def start(self):
        """Show the first state and start listening to the controls (call at the end of ``__init__``)."""
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._quiet or self.refresh(name), names="value")
        self.refresh(None)

    def call(self, values=None, epoch=None):
        """The one line that rebuilds this view: the factory with every setting (and the epoch shown, if the
        view has epochs), e.g. ``dashboard.symmetry_dashboard(scheme='he_normal', …, epoch=120)``."""
        settings = self.settings(self.values() if values is None else values)
        args = [f"{name}={value!r}" for name, value in settings.items()]
        if epoch is None and values is None and len(self.panels.spec.get("frames", [0])) > 1:
            epoch = self.panels.epoch
        if epoch is not None:
            args.append(f"epoch={epoch}")
        return f"{self.factory}({', '.join(args)})"

    def set_quietly(self, name, value):
        """Move a control without triggering an update (the update under way uses the new value)."""
        self._quiet = True
        try:
            self.controls[name].value = value
        finally:
            self._quiet = False

    def settings(self, values):
        """Subclasses: the control values (a dict) as the keyword arguments of :meth:`view`."""
        raise NotImplementedError

    def view(self, **settings):
        """Subclasses: the :class:`~symlab.lab.view.View` of one setting."""
        raise NotImplementedError

    def compute(self, values, cache=True):
        """The View for these control values (cached: :data:`CACHED_VIEWS` settings; ``cache=False`` computes
        it afresh and keeps nothing)."""
        settings = self.settings(values)
        key = tuple(sorted(settings.items()))
        if cache and key in self._views:
            self._views.move_to_end(key)
            return self._views[key]
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a diverging run says so in its readout
            view = self.view(**settings)
        # the browser shows this line with the epoch shown in place of {epoch}
        view.spec["call"] = self.call(values, "{epoch}" if len(view.spec["frames"]) > 1 else None)
        if not cache:
            return view
        self._views[key] = view
        while len(self._views) > CACHED_VIEWS:
            self._views.popitem(last=False)
        return view

    def prefetch(self, changed):
        """Compute the settings one step away while the learner looks, so the next step is a cache hit.

        After an update from the learner (not the first drawing), and once the kernel has been idle for
        :data:`PREFETCH_AFTER` seconds, the neighbours — the moved control one step further, then back,
        then every other control's steps — are computed one at a time on the kernel's event loop, so a
        control moved meanwhile waits for one computation at most; a newer update cancels the rest.
        """
        if changed is None:
            return
        from tornado.ioloop import IOLoop

        self._prefetches += 1
        generation, now = self._prefetches, self.values()
        direction = 1 if not isinstance(now[changed], (int, float)) or now[changed] >= self._seen.get(changed, 0) \
            else -1
        names = sorted(self.controls, key=lambda n: n != changed)
        todo = itertools.islice((self.neighbour(now, name, value) for name in names
                                 for value in neighbour_values(self.controls[name], direction if name == changed else 1)),
                                PREFETCH_COUNT)
        loop = IOLoop.current()

        def step():
            values = next(todo, None) if generation == self._prefetches else None
            if values is None:
                return
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
                warnings.simplefilter("ignore")
                try:
                    self.compute(values)
                except (ValueError, ArithmeticError):  # a value the dashboard would refuse: not needed
                    pass
            loop.call_later(PREFETCH_GAP, step)

        loop.call_later(PREFETCH_AFTER, step)

    def neighbour(self, values, name, value):
        """The control values after ``name`` moves to ``value`` (what prefetching computes); subclasses may
        add the moves that follow (a scheme that sets its usual scale)."""
        return {**values, name: value}

    def adjust(self, changed):
        """Subclasses may move or disable controls after ``changed`` moved (before the View is computed)."""

    def refresh(self, changed):
        """Compute the View for a changed control (``None`` = the first drawing) and send it, keeping the epoch."""
        self._prefetches += 1  # a prefetch under way stops: this update goes first
        self.adjust(changed)
        epoch = self.panels.epoch if changed is not None and self.panels.spec else self.first_epoch
        self.panels.show(self.compute(self.values()), epoch)
        self.prefetch(changed)
        self._seen = self.values()

    def values(self):
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    @property
    def readout(self):
        """The readout (HTML) of the frame shown."""
        return self.panels.readout

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # shown where widgets cannot be (GitHub, an unexecuted notebook); short and stable for nbval
        bundle["text/plain"] = f"{type(self).__name__}: run this cell to use the interactive dashboard"
        return bundle
