"""End-to-end, at a classroom projector's size: every dashboard in JupyterLab at 1024 x 768 with the
file browser open, and at 1024 x 768 zoomed to 125% with the sidebar collapsed (browser.VIEWPORTS): it fits, a slider dragged with the
mouse changes the plots, the readout is what the package computes; at the first viewport the keyboard and
the dropdowns are tried too.

A file of its own so that the test run's workers share the browser tests (``--dist loadfile``).
Screenshots go to tests/screenshots/<test name>/.
"""

import importlib
import time

import pytest

from browser import LAYOUT_JS, VIEWPORTS
# the browser tests' helpers (importing them also skips or fails this module when Chromium or
# Playwright is missing, as it does there); the fixtures are in conftest.py
from test_browser import (DASHBOARDS, BrowserDashboard, drag, labelled, package_readout, slider_readout,
                          step_every_kind_of_control)

def panel_sizes(factory):
    """(panel widths in CSS px at 100%, smallest figure text in px at 100%), from the package."""
    from matplotlib.text import Text

    module, name = factory.split(":")
    dash = getattr(importlib.import_module(module), name)()
    sizes, smallest = [], float("inf")
    for fig in dash.figs:
        fig.canvas.draw()
        sizes.append(fig.get_size_inches()[0] * fig.dpi)
        for t in fig.findobj(Text):
            if t.get_visible() and t.get_text().strip() and t.get_figure() is fig:
                smallest = min(smallest, t.get_fontsize() * fig.dpi / 72)
    return sizes, smallest


def check_fits(notebook, dashboard, factory, viewport):
    """Every canvas inside the notebook area at its natural size, no horizontal scrolling, long sliders,
    figure text >= 10 px."""
    # a canvas that JupyterLab has just re-attached (it renders only cells near the window) measures 0 wide
    # until its picture arrives: measure again until every canvas has a size (at most 5 s)
    for _ in range(20):
        layout = dashboard.output.evaluate(LAYOUT_JS)
        if all(c["rect"]["width"] > 0 for c in layout["canvases"]):
            break
        time.sleep(0.25)
    area = layout["area"]
    widths, smallest_px = panel_sizes(factory)
    canvases = layout["canvases"]
    assert len(canvases) == len(widths)
    for canvas, width in zip(canvases, widths):
        r, f = canvas["rect"], canvas["figure"]
        assert area["left"] - 0.5 <= r["left"] and r["right"] <= area["right"] + 0.5, (viewport, r, area)
        assert f["left"] - 0.5 <= r["left"] and r["right"] <= f["right"] + 0.5, "clipped by its figure box"
        assert r["bottom"] - r["top"] <= area["bottom"] - area["top"], "taller than the notebook area"
        assert abs(r["width"] - width) < 1.5, (r["width"], width)  # shown at its natural size, not shrunk
        assert smallest_px * r["width"] / width >= 10
    for scroll_width, client_width in layout["scrolls"]:
        assert scroll_width <= client_width + 1, "horizontal scrolling"
    sliders = layout["sliders"]
    tracks = {s["label"]: round(s["track"]["width"]) for s in sliders}
    assert tracks and min(tracks.values()) >= 150, tracks
    return layout


SCALE_SLIDER = {"01_symmetry_dashboard.ipynb": "init scale", "06_scale_saturation_and_vanishing.ipynb": "init scale"}
DRAGGED = {"01_symmetry_dashboard.ipynb": "hidden units", "02_forward_and_backward_symmetry.ipynb": "epoch",
           "03_zeros_constants_and_what_breaks_symmetry.ipynb": "bias scale",
           "04_dropout_and_symmetry.ipynb": "dropout p", "05_when_init_does_not_matter.ipynb": "start scale",
           "06_scale_saturation_and_vanishing.ipynb": "init scale"}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", sorted(DASHBOARDS))
def test_dashboard_fits_a_projector_and_follows_the_mouse(open_notebook, name, viewport):
    # the chapter's dashboard alone: apps/ holds each chapter's dashboard call as written there
    # (tests/test_apps.py), without the cells above it, which take seconds and do not change the layout
    notebook = open_notebook(name, viewport, folder="apps")
    assert notebook.errors() == [], notebook.errors()
    dashboard = BrowserDashboard(notebook)
    layout = check_fits(notebook, dashboard, DASHBOARDS[name], viewport)
    assert layout["dpr"] == VIEWPORTS[viewport]["page"]["device_scale_factor"]
    notebook.screenshot(notebook.folder, "1-controls")
    dashboard.output.locator(".jupyter-matplotlib").last.scroll_into_view_if_needed()
    notebook.screenshot(notebook.folder, "2-panels")
    if viewport == "1024-filebrowser":  # the keyboard and the dropdowns too, once per dashboard
        step_every_kind_of_control(notebook, dashboard, name)

    # a slider dragged with the mouse changes the plots, not only its readout
    label = DRAGGED[name]
    before_readout, before_image = dashboard.readout(), dashboard.settled_image()
    before_value = slider_readout(notebook, label)
    drag(notebook.page, labelled(dashboard, label), by=60)
    assert slider_readout(notebook, label) != before_value, f"the mouse did not move {label!r}"
    after = dashboard.wait_for_change(before_readout)
    assert dashboard.settled_image() != before_image, f"dragging {label!r} changed only the readout"
    assert after == package_readout(DASHBOARDS[name], dashboard.controls())

    # the scale slider lands on every power of ten
    if name in SCALE_SLIDER:
        box = labelled(dashboard, SCALE_SLIDER[name])
        for k in range(-3, 3):
            drag(notebook.page, box, fraction=(k + 3) / 5)
            assert float(slider_readout(notebook, SCALE_SLIDER[name])) == pytest.approx(10.0 ** k), k
        expected = package_readout(DASHBOARDS[name], dashboard.controls())
        deadline = time.time() + 30
        while dashboard.readout() != expected and time.time() < deadline:
            time.sleep(0.3)
        assert dashboard.readout() == expected
    if name.startswith("06"):  # the readout prints the scale with the digits of the slider
        assert f"scale {slider_readout(notebook, 'init scale')}," in dashboard.readout()
    check_fits(notebook, dashboard, DASHBOARDS[name], viewport)  # still, after the changes
    notebook.screenshot(notebook.folder, "3-after-dragging")
    assert notebook.errors() == []
