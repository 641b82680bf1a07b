"""End-to-end: every dashboard in its chapter notebook in JupyterLab, in a real browser (headless Chromium +
Playwright), at 1400 x 900 with the file browser open.

Each notebook runs all its cells; then its dashboard is driven with the keyboard (the scrubber: End,
ArrowLeft, Home, ArrowRight) and the mouse (a slider dragged, a dropdown option chosen, ▶ play clicked), and
after every step what each canvas drew (its data-drawn digest), the readout, the titles and the epoch shown
equal what the package computes in this process for the control values the page shows (browser.exercise).
Play shows every recorded frame in order; nothing flickers; no resize handles; no console errors.

Skipped with a message when Chromium or Playwright is missing; with SYMLAB_REQUIRE_BROWSER=1 (set by .ci/run)
a missing browser is a failure instead. Screenshots go to tests/screenshots/<test name>/ so a person can look.
"""

import re

import pytest

from browser import (DASHBOARDS, ROOT, assert_fits, exercise, output_area, require_browser, resize_handles,
                     widget_dashboard, widget_moves)

require_browser()


def test_every_notebook_with_a_dashboard_is_listed_here():
    """A notebook that calls a `…_dashboard()` factory of the package is driven below, with that factory."""
    calls = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        found = set(re.findall(r"\b(\w+)\.(\w+_dashboard)\(", path.read_text()))
        if found:
            calls[path.stem] = sorted(f"symlab.lab.{module}:{name}" for module, name in found)
    assert calls == {stem: [factory] for stem, factory in DASHBOARDS.items()}


@pytest.mark.parametrize("stem", sorted(DASHBOARDS), ids=lambda s: s[:2])
def test_dashboard_in_its_notebook_draws_what_the_package_computes(open_notebook, package, stem, request):
    notebook = open_notebook(f"{stem}.ipynb", "1400x900")
    page = notebook.page
    assert notebook.errors() == [], notebook.errors()
    dash = widget_dashboard(page, stem, package)
    folder = request.node.name
    layouts = {"as_opened": dash.layout(jupyter=True)}  # scrolls the dashboard's top to the top of the notebook
    dash.shot(folder, "1-opened")
    assert resize_handles(output_area(dash)) == []

    exercise(dash, lambda name: dash.shot(folder, f"2-{name}"), **widget_moves(dash))
    assert notebook.errors() == [], notebook.errors()
    assert notebook.console.errors() == []
    # last, so that a layout failure does not hide the checks above: a laptop's window holds the dashboard too
    # (apps.CONTROL_WIDTH promises slider tracks >= 150 px in its grid of controls)
    layouts["after_play"] = dash.layout(jupyter=True)
    dash.shot(folder, "3-after-play")
    assert_fits(f"{stem} in JupyterLab at 1400 x 900, file browser open", **layouts)
