"""The symmetry dashboard: sliders for the init scheme and scale, three live panels.

In JupyterLab with ``%matplotlib widget`` (ipympl) the figure is one persistent
canvas whose artists are updated in place. In a front end without ipympl the
same figure is rendered to PNG and shown in an ``ipywidgets.Image`` — slower,
but it works everywhere widgets do.
"""

import ipywidgets as widgets
import matplotlib

from .activations import ACTIVATIONS
from .data import DATASETS
from .experiments import symmetry_run
from .init import SCHEMES
from .metrics import distinct_units, unit_params
from .plots import SymmetryFigure, new_figure

FIGSIZE = (9.6, 3.4)  # inches at 90 dpi: 864 x 306 px, fits JupyterLab beside the file browser


def ipympl_active():
    """True when matplotlib's backend is ipympl (``%matplotlib widget`` / ``ipympl``)."""
    backend = matplotlib.get_backend().lower()
    return "ipympl" in backend or backend == "widget"


class SymmetryDashboard:
    """Controls + three panels + a readout, wired together.

    Attributes
    ----------
    controls : dict name -> widget
        ``scheme``, ``scale``, ``activation``, ``hidden``, ``dataset``, ``seed``,
        ``lr`` (each retrains, cached) and ``epoch`` (scrubs the recorded run).
    readout : ipywidgets.HTML
        "distinct hidden units: k of H", epoch, loss, accuracy, divergence.
    panels : SymmetryFigure
        The figure and its artists.
    run, reference : Run
        What is shown now, and the He-initialised run with the same settings.
    widget : ipywidgets.VBox
        Everything, ready to display.
    """

    def __init__(self, scheme="constant", scale=0.5, activation="tanh", hidden=8, dataset="circles",
                 seed=0, lr=1.5, epochs=200, use_ipympl=None):
        self.epochs = epochs
        self.record_every = max(1, epochs // 50)
        self.use_ipympl = ipympl_active() if use_ipympl is None else use_ipympl
        retrain = dict(continuous_update=False, style={"description_width": "initial"})
        self.controls = {
            "scheme": widgets.Dropdown(options=SCHEMES, value=scheme, description="init scheme",
                                       style=retrain["style"]),
            "scale": widgets.FloatLogSlider(value=scale, base=10, min=-3, max=2, step=0.1,
                                            description="init scale", readout_format=".3g", **retrain),
            "activation": widgets.Dropdown(options=tuple(ACTIVATIONS), value=activation,
                                           description="activation", style=retrain["style"]),
            "hidden": widgets.IntSlider(value=hidden, min=1, max=64, description="hidden units", **retrain),
            "dataset": widgets.Dropdown(options=DATASETS, value=dataset, description="dataset",
                                        style=retrain["style"]),
            "seed": widgets.IntSlider(value=seed, min=0, max=20, description="seed", **retrain),
            "lr": widgets.FloatLogSlider(value=lr, base=10, min=-2, max=2, step=0.1,
                                         description="learning rate", readout_format=".3g", **retrain),
            "epoch": widgets.IntSlider(value=epochs, min=0, max=epochs, step=self.record_every,
                                       description="epoch", continuous_update=True,
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="480px")),
        }
        self.readout = widgets.HTML()
        if self.use_ipympl:
            import matplotlib.pyplot as plt

            with plt.ioff():
                fig = plt.figure(figsize=FIGSIZE, dpi=90)
            fig.canvas.header_visible = False
            fig.canvas.toolbar_visible = False
            fig.canvas.footer_visible = False
            fig.canvas.resizable = False
            # ipympl would store each frame drawn before JupyterLab shows the canvas as a
            # data URL without its "data:image/png;base64," prefix, which the front end
            # cannot load ("Error setting state"). Frames go to the front end once it is
            # connected instead: it asks for a full redraw when it starts.
            fig.canvas.syncing_data_url = False
            view = fig.canvas
        else:
            fig = new_figure(*FIGSIZE)
            view = widgets.Image(format="png")
        self.panels = SymmetryFigure(fig, blit=self.use_ipympl)
        self.view = view
        c = self.controls
        self.widget = widgets.VBox([
            widgets.HBox([c["scheme"], c["scale"], c["activation"], c["hidden"]]),
            widgets.HBox([c["dataset"], c["seed"], c["lr"]]),
            c["epoch"],
            self.readout,
            view,
        ], layout=widgets.Layout(padding="0 0 0 6px"))
        for name, control in self.controls.items():
            control.observe(self._on_epoch if name == "epoch" else self._on_setting, names="value")
        self._retrain()
        self._draw()

    def settings(self):
        """The current control values as keyword arguments of ``symmetry_run``."""
        c = self.controls
        return dict(scheme=c["scheme"].value, scale=float(c["scale"].value), activation=c["activation"].value,
                    hidden=int(c["hidden"].value), dataset=c["dataset"].value, seed=int(c["seed"].value),
                    lr=float(c["lr"].value), epochs=self.epochs, record_every=self.record_every)

    def _retrain(self):
        settings = self.settings()
        self.run = symmetry_run(**settings)
        self.reference = symmetry_run(**{**settings, "scheme": "he_normal", "scale": 1.0})

    def _on_setting(self, change):
        self._retrain()
        self._draw()

    def _on_epoch(self, change):
        self._draw()

    def _draw(self):
        snap = self.panels.show(self.run, self.controls["epoch"].value, self.reference)
        history = self.run.history
        H = self.run.settings["hidden"]
        k = distinct_units(unit_params(snap.params))
        index = min(snap.epoch, len(history.loss) - 1)
        if snap.epoch == self.epochs and not history.diverged:
            loss, accuracy = history.final_loss, history.final_accuracy
        else:
            loss, accuracy = history.loss[index], history.accuracy[index]
        text = (f"<b>distinct hidden units: {k} of {H}</b> &nbsp;·&nbsp; epoch {snap.epoch} &nbsp;·&nbsp; "
                f"loss {loss:.3f} nats &nbsp;·&nbsp; train accuracy {accuracy:.0%}")
        if history.diverged:
            text += (f" &nbsp;·&nbsp; <b style='color:#c00'>diverged at epoch {history.diverged_at}</b> "
                     "(lower the scale or the learning rate)")
        self.readout.value = text
        if not self.use_ipympl:  # with ipympl, show() has already sent the new image
            self.view.value = self.panels.fig._repr_png_()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"SymmetryDashboard({self.run.settings['scheme']!r}, ...)"
        return bundle


def symmetry_dashboard(scheme="constant", scale=0.5, activation="tanh", hidden=8, dataset="circles",
                       seed=0, lr=1.5, epochs=200):
    """Build the symmetry dashboard; display it by making it a cell's last expression.

    The arguments are the controls' starting values (see
    :func:`symlab.experiments.symmetry_run`); ``epochs`` fixes the training length.
    Controls that retrain update when released (``continuous_update=False``) so a
    drag does not queue dozens of runs; the epoch scrubber updates continuously,
    as it only reads recorded snapshots.
    """
    return SymmetryDashboard(scheme, scale, activation, hidden, dataset, seed, lr, epochs)
