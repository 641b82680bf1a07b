"""A progress bar for the long experiments, with a stored text that never changes."""


def progress(total, description, show=True):
    """A progress bar to ``update()`` ``total`` times, shown in a notebook if ``show``.

    In a Jupyter kernel with ``show=True`` it displays a :class:`ProgressView`
    (tqdm's widget bar, with a fixed text form). Otherwise (``show=False``, or
    plain Python) it is a silent counter. Call ``close()`` at the end.
    """
    if show and _in_kernel():
        from IPython.display import display

        view = ProgressView(total, description)
        display(view)
        return view
    return _SilentProgress()


def _in_kernel():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


class _SilentProgress:
    def update(self, n=1):
        pass

    def close(self):
        pass


class ProgressView:
    """A tqdm progress bar kept inside a widget, with a fixed text form.

    In a notebook, the bar is tqdm's ipywidgets bar, but the cell's stored text
    output is ``description`` only — no elapsed time or rate, so re-running the
    notebook stores the same text. Outside a notebook front end (no ipywidgets
    display), ``update`` does nothing visible.

    Use: ``bar = ProgressView(total, "digits"); display(bar); ...; bar.update(); bar.close()``.
    """

    def __init__(self, total, description):
        from tqdm.notebook import tqdm as notebook_tqdm

        self.description = description
        self.bar = notebook_tqdm(total=total, desc=description, display=False, leave=True)

    def update(self, n=1):
        """Advance the bar by ``n`` steps."""
        self.bar.update(n)

    def close(self):
        """Finish the bar (it stays visible, full)."""
        self.bar.close()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.bar.container._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"progress: {self.description}"
        return bundle
