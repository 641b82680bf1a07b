"""End-to-end, at a classroom projector's size (issue 12): every dashboard in JupyterLab at 1024 x 768 with
the file browser open, and at 1024 x 768 zoomed to 125% with the sidebar collapsed (browser.VIEWPORTS).

With the dashboard's top scrolled to the top of the notebook area, every control, the readout, the scrubber
and every panel (title, canvas, legend) lie inside the visible notebook area; nothing scrolls sideways;
every slider track is >= 150 CSS px and every text >= 14 CSS px (browser.projector_problems). A retraining
control moved with the mouse (a slider dragged, or a dropdown option chosen) redraws what the package
computes, and the layout still holds after it. No resize handles, no flicker, no console errors.

The chapter's dashboard alone: apps/ holds each chapter's dashboard call as written there (tests/test_apps.py),
without the cells above it, which take seconds and do not change the dashboard's layout. A file of its own so
that the test run's workers share the browser tests (``--dist loadfile``). Screenshots go to
tests/screenshots/<test name>/.
"""

import pytest

from browser import (DASHBOARDS, MOVES, VIEWPORTS, assert_fits, output_area, require_browser, resize_handles,
                     widget_dashboard)

require_browser()


@pytest.mark.parametrize("viewport", ["1024-filebrowser", "1024-zoom125"])
@pytest.mark.parametrize("stem", sorted(DASHBOARDS), ids=lambda s: s[:2])
def test_dashboard_fits_a_projector_and_follows_the_mouse(open_notebook, package, stem, viewport, request):
    notebook = open_notebook(f"{stem}.ipynb", viewport, folder="apps")
    page = notebook.page
    assert notebook.errors() == [], notebook.errors()
    dash = widget_dashboard(page, stem, package)
    folder = request.node.name
    where = f"{stem} in JupyterLab at {viewport}"
    state, values, _ = dash.check("as opened")
    assert page.evaluate("() => window.devicePixelRatio") == VIEWPORTS[viewport]["page"]["device_scale_factor"]
    assert resize_handles(output_area(dash)) == []
    layout = dash.layout(jupyter=True)
    dash.shot(folder, "1-opened")
    layouts = {"as_opened": layout}

    slider, dropdown = MOVES[stem]
    if slider:
        dash.drag_widget_slider(slider)
        what = f"dragging {slider!r} with the mouse"
    else:
        dash.choose(*dropdown)
        what = f"choosing {dropdown[1]!r} in {dropdown[0]!r}"
    dash.check(what, moved=values, frame=lambda v: v.frame_of(state["epoch"]))
    dash.steady(what)
    layouts["after_the_mouse"] = dash.layout(jupyter=True)  # titles and readouts change with the run
    dash.shot(folder, "2-after-the-mouse")
    assert notebook.errors() == [], notebook.errors()
    assert notebook.console.errors() == []
    assert_fits(where, **layouts)
