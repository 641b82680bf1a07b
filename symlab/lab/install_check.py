"""Before class: one cell that says whether this machine is ready for the notebooks.

In a notebook, ``from symlab.lab.install_check import check_install; check_install()``; in a terminal,
``python -m symlab.lab.install_check`` (exit code 0 when ready, 1 otherwise; no widget).

It checks Python ≥ 3.11; every package the notebooks need, installed at the version ``requirements.txt``
pins (:data:`PINS` mirrors that file: a test keeps them equal); that symlab and its dashboards import and its
web assets ship; that the 2-8-1 tanh net gives the notebooks' numbers (a constant start keeps 1 distinct
hidden unit, He init 8); that numpy's BLAS multiplies correctly. In a Jupyter kernel it then shows a small
dashboard, proving that the front end draws symlab's widgets. One line per check: ✓ passed, ✗ failed
(missing or broken), ! works but differs from what symlab is tested with (a version), – not needed here.
✗ and ! lines are the problems :func:`check_install` returns (an empty list: ready for class).
"""

import sys
import time
from importlib import import_module, metadata, resources, util

#: The exact versions the notebooks are tested with: the pins of requirements.txt, distribution name -> version
PINS = {"numpy": "2.4.6", "matplotlib": "3.11.2", "scikit-learn": "1.9.1", "tqdm": "4.70.1", "threadpoolctl": "3.8.0",
        "ipykernel": "7.4.0", "ipywidgets": "8.1.9", "widgetsnbextension": "4.0.16", "jupyterlab_widgets": "3.0.17",
        "anywidget": "0.11.0", "jupyterlab": "4.6.6", "voila": "0.5.13"}
#: The module each distribution installs, where its name differs
MODULE = {"scikit-learn": "sklearn"}
#: Servers, not kernel packages: a kernel on a JupyterHub need not have them
OPTIONAL = ("jupyterlab", "voila")
PYTHON = (3, 11)
FIX = "run `python -m pip install -r requirements.txt`"
HELP = "notebooks/TEACHERS_GUIDE.md, section 'If something goes wrong'"


def check_python():
    """One (mark, text) line for the Python version."""
    found = ".".join(str(n) for n in sys.version_info[:3])
    if tuple(sys.version_info[:2]) >= PYTHON:
        return ("✓", f"Python {found}")
    return ("✗", f"Python {found}: symlab needs Python ≥ {PYTHON[0]}.{PYTHON[1]}: install a newer Python "
                 "(or choose a newer kernel) and reinstall the requirements")


def check_package(name, pinned):
    """One (mark, text) line for distribution ``name``: installed at ``pinned``, and importable."""
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        if name in OPTIONAL:
            return ("–", f"{name} not found (only needed to run JupyterLab/Voilà on this machine)")
        return ("✗", f"{name} not found: {FIX}")
    module = MODULE.get(name, name)
    try:  # the servers are only looked for (importing them takes a second); the kernel's packages are imported
        if util.find_spec(module) is None:
            raise ModuleNotFoundError(f"no module named {module!r}")
        if name not in OPTIONAL:
            import_module(module)
    except Exception as error:  # a broken install: metadata there, the module does not load
        return ("✗", f"{name} {installed} is installed but does not import ({type(error).__name__}: {error}): "
                     "run `python -m pip install --force-reinstall -r requirements.txt`")
    if installed != pinned:
        return ("!", f"{name} {installed} installed, symlab is tested with {pinned}: {FIX}")
    return ("✓", f"{name} {installed}")


def check_symlab():
    """Lines for symlab itself: the package and its dashboard modules import, the web assets ship."""
    import symlab
    import symlab.lab.view  # noqa: F401  (anywidget, matplotlib: what every dashboard needs)

    web = resources.files("symlab.lab") / "web"
    missing = [name for name in ("panels.js", "panels.css") if not (web / name).is_file()]
    return [("✓", f"symlab {symlab.__version__} and its dashboards import (from {symlab.__path__[0]})"),
            ("✗", f"symlab's web assets are missing ({', '.join(missing)} in {web}): reinstall symlab from the "
                  "repository (`python -m pip install .`), not from a copy of its .py files") if missing
            else ("✓", "symlab's web assets ship (web/panels.js, web/panels.css)")]


def check_numbers(found, epochs=100):
    """Train the course's 2-8-1 tanh net from a constant start and from He init (kept in ``found``)."""
    import symlab

    found["X"], found["Y"] = X, Y = symlab.make_dataset("circles", m=200, noise=0.1, seed=0)
    distinct = {}
    for init, scale in (("constant", 0.5), ("he_normal", 1.0)):
        net = symlab.MLP([2, 8, 1], activation="tanh", init=init, scale=scale, seed=0)
        found[init] = net, symlab.train(net, X, Y, epochs=epochs, lr=1.5, record=(0, 10, 30, epochs))
        distinct[init] = symlab.distinct_units(symlab.unit_params(net.params))
    text = (f"the notebooks' numbers: after {epochs} steps a constant start has {distinct['constant']} distinct "
            f"hidden unit(s) of 8, he_normal {distinct['he_normal']} of 8")
    if distinct == {"constant": 1, "he_normal": 8}:
        return [("✓", text)]
    return [("✗", f"{text} (expected 1 and 8): the numbers will differ from the notebooks; {FIX}")]


def check_blas(n=200):
    """A small matrix product against the same product summed by hand; names the BLAS library."""
    import numpy as np

    A = np.random.default_rng(0).standard_normal((n, n))
    product = A @ A.T
    by_hand = np.array([(A * row).sum(axis=1) for row in A])  # the same sums, without BLAS
    try:  # numpy's own BLAS (scikit-learn's scipy brings another)
        from threadpoolctl import threadpool_info
        libs = "; ".join(f"{lib['internal_api']} {lib['version']}, {lib['num_threads']} thread(s)"
                         for lib in threadpool_info() if lib["user_api"] == "blas" and "numpy" in lib["filepath"])
    except Exception:  # only the description is lost
        libs = ""
    if np.allclose(product, by_hand):
        return [("✓", f"numpy's BLAS multiplies matrices ({libs or 'BLAS not identified'})")]
    return [("✗", f"numpy's BLAS gives wrong matrix products ({libs}): run `python -m pip install "
                  f"--force-reinstall numpy=={PINS['numpy']}`")]


class Problems(list):
    """The problems found (a list of str; empty: ready). Printed already, so a notebook shows no ``[]`` under
    the check when it is the cell's last line."""

    def _ipython_display_(self):
        pass


def in_kernel():
    """True when running in a Jupyter (IPython) kernel, which can display widgets."""
    ipython = sys.modules.get("IPython")  # a kernel has imported it; elsewhere there is nothing to show
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    return shell is not None and hasattr(shell, "kernel")


def dashboard_widget(numbers):
    """A small symlab dashboard (PanelsWidget) of the He run: its 8 unit maps and output map, and the loss of
    the constant start against He's (the dashboards' grey "He init" reference), with ▶ play."""
    from .view import MAP_GRID, PanelsWidget, View, frame_maps, loss_panel, output_map, tile_grid, unit_tiles

    X, Y, (net, history), constant = numbers["X"], numbers["Y"], numbers["he_normal"], numbers["constant"][1].loss
    epochs = sorted(history.snapshots)
    params = [history.snapshots[e].params for e in epochs]
    view = View(epochs, [f"he_normal, epoch {e}: if you can read this, symlab's dashboards work" for e in epochs],
                key="install check", aspect=0.26, height=[150, 260])
    tiles, _ = frame_maps(net, params, tile_grid(8))
    unit_tiles(view, tiles, "tanh", X, "he_normal: hidden units A1[j]")
    output_map(view, frame_maps(net, params, MAP_GRID, hidden=False)[1], X, Y, "P(label 1)")
    loss_panel(view, constant, "training loss", reference=history.loss, ylim=(0.1, 1.0), label="constant 0.5")
    widget = PanelsWidget()
    widget.show(view)
    return widget


def check_widget(numbers):
    """(line, widget): symlab's small dashboard, or failing that an ipywidgets box saying so (or None)."""
    try:
        return ("✓", "symlab's dashboard widget built (shown below)"), dashboard_widget(numbers)
    except Exception as error:
        line = ("✗", f"symlab's dashboard widget could not be built ({type(error).__name__}: {error}): {FIX}")
    try:
        import ipywidgets
        return line, ipywidgets.HTML("<div style='background:#eee;padding:6px'>Widgets work here, but symlab's "
                                     "dashboard could not be built: see above.</div>")
    except Exception:
        return line, None


def guarded(what, check, *args):
    """``check(*args)``, or if it raises, a ✗ line naming ``what`` and the error (the other checks still run)."""
    try:
        return check(*args)
    except Exception as error:
        return [("✗", f"{what}: {type(error).__name__}: {error}; {FIX}")]


def check_install(show_widget=True):
    """Run every check, print one line each and a verdict (the last line); returns the problems (a
    :class:`Problems` list, empty when ready, which a notebook does not display again).

    ``show_widget``: in a Jupyter kernel, also display a small dashboard (ignored elsewhere).
    """
    start = time.perf_counter()
    lines = [check_python()] + [check_package(name, pinned) for name, pinned in PINS.items()]
    numbers = {}
    lines += guarded("symlab", check_symlab) + guarded("the notebooks' numbers", check_numbers, numbers)
    lines += guarded("numpy's BLAS", check_blas)
    widget = None
    if show_widget and "he_normal" in numbers and in_kernel():
        line, widget = check_widget(numbers)
        lines.append(line)
    for mark, text in lines:
        print(mark, text)
    problems = Problems(text for mark, text in lines if mark in ("✗", "!"))
    seconds = time.perf_counter() - start
    if problems:
        print(f"NOT READY: {len(problems)} problem(s) above (checked in {seconds:.1f} s)")
    else:
        print(f"checked: Python ≥ {PYTHON[0]}.{PYTHON[1]}, {len(PINS)} packages against requirements.txt, symlab "
              f"and its web assets, the notebooks' symmetry numbers, numpy's BLAS — in {seconds:.1f} s")
        print("OK — ready for class")
    if widget is not None:
        from IPython.display import display
        print(f"Below: if you see a picture with a ▶ slider (or a grey box), widgets work here; if you see "
              f"'Error displaying widget', a blank space or nothing, see {HELP}.")
        display(widget)
    return problems


def main():
    """The terminal command: check without a widget; exit code 0 when ready, 1 otherwise."""
    return 1 if check_install(show_widget=False) else 0


if __name__ == "__main__":
    sys.exit(main())
