"""End-to-end: the dashboards in JupyterLab in a real browser (headless Chromium + Playwright).

Skipped with a message when Chromium or Playwright is missing; with
SYMLAB_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure instead.
Screenshots go to tests/screenshots/<test name>/ so a person can look.
"""

import html
import importlib
import math
import os
import re
import time
from pathlib import Path

import pytest

from symlab.lab.dashboard import SCHEME_MENU
from symlab.lab.runs import symmetry_run
from symlab.metrics import distinct_units, unit_params

from browser import CHROMIUM, CHROMIUM_ARGS, Lab, NotebookPage

SCREENSHOTS = Path(__file__).parent / "screenshots"
INSTALL_HINT = ("browser tests need Chromium and Playwright: `sudo apt-get install chromium` "
                "(Debian/Ubuntu) and `pip install -r requirements-test.txt`")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

if CHROMIUM is None or sync_playwright is None:
    if os.environ.get("SYMLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SYMLAB_REQUIRE_BROWSER=1 but {INSTALL_HINT}", pytrace=False)
    pytest.skip(INSTALL_HINT, allow_module_level=True)


@pytest.fixture(scope="module")
def lab():
    server = Lab()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_notebook(lab, browser, request):
    """Open a notebook in a new page, run all cells; shut its kernel down afterwards."""
    pages = []

    def opener(name):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        pages.append(page)
        notebook = NotebookPage(lab, page, name)
        notebook.run_all()
        notebook.folder = SCREENSHOTS / request.node.name
        return notebook

    yield opener
    for page in pages:
        page.close()
    lab.shutdown_kernels()


def wait_for_readout(notebook, fragment, timeout=30):
    notebook.page.wait_for_function(
        "f => [...document.querySelectorAll('.widget-html-content')]"
        ".some(e => e.textContent.includes('distinct hidden units') && e.textContent.includes(f))",
        arg=fragment, timeout=timeout * 1000)
    notebook.wait_idle()
    return notebook.readout()


def expected_readout(**settings):
    """The readout's key numbers, computed by the package for these dashboard settings."""
    run = symmetry_run(**settings)
    k = distinct_units(unit_params(run.net.params))
    return f"distinct hidden units: {k} of {settings.get('hidden', 8)}", f"loss {run.history.final_loss:.3f} nats"


def slider_readout(notebook, description):
    return notebook.page.locator(".widget-hslider", has_text=description).locator(
        ".widget-readout").inner_text().strip()


def press(notebook, description, key, times=1, delay=0):
    handle = notebook.control(description).locator(".noUi-handle")
    handle.focus()
    for _ in range(times):
        handle.press(key, delay=delay)


def test_symmetry_dashboard_reacts_to_scheme_and_scale(open_notebook):
    notebook = open_notebook("01_symmetry_dashboard.ipynb")
    assert notebook.errors() == []
    assert len(notebook.canvases()) == 1
    notebook.canvases()[0].scroll_into_view_if_needed()
    units, loss = expected_readout(scheme="constant", scale=0.5)
    assert units in notebook.readout() and loss in notebook.readout()
    notebook.screenshot(notebook.folder, "1-constant")
    image = notebook.canvas_image()

    notebook.control("init scheme").locator("select").select_option(label=SCHEME_MENU["he_normal"])
    units, loss = expected_readout(scheme="he_normal", scale=1.0)  # picking a scheme sets its usual scale
    readout = wait_for_readout(notebook, units)
    assert loss in readout
    assert slider_readout(notebook, "init scale") == "1.00"
    time.sleep(0.5)  # let the new image reach the canvas
    assert notebook.canvas_image() != image
    notebook.screenshot(notebook.folder, "2-he_normal")
    image = notebook.canvas_image()

    press(notebook, "init scale", "ArrowRight")  # one step of 0.1 on the log10 grid of the slider
    notebook.page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-hslider')].some(s => s.textContent.includes('init scale')"
        " && !s.querySelector('.widget-readout').textContent.includes('1.00'))", timeout=10_000)
    shown = float(slider_readout(notebook, "init scale"))
    scale = 10 ** round(math.log10(shown), 1)  # the slider moves on exponents k / 10
    assert scale > 1.0
    units, loss = expected_readout(scheme="he_normal", scale=scale)
    readout = wait_for_readout(notebook, loss)
    assert units in readout
    time.sleep(0.5)
    assert notebook.canvas_image() != image
    notebook.screenshot(notebook.folder, "3-scale-up")
    assert notebook.errors() == []


def test_burst_of_slider_moves_ends_on_the_final_value(open_notebook):
    notebook = open_notebook("01_symmetry_dashboard.ipynb")
    notebook.control("init scheme").locator("select").select_option(label=SCHEME_MENU["he_normal"])
    wait_for_readout(notebook, "8 of 8")
    notebook.canvases()[0].scroll_into_view_if_needed()
    time.sleep(1.0)
    image_at_8 = notebook.canvas_image()

    start = time.time()
    press(notebook, "hidden units", "ArrowRight", times=20)  # 8 -> 28 as fast as keys go
    units, loss = expected_readout(scheme="he_normal", scale=1.0, hidden=28)
    readout = wait_for_readout(notebook, units, timeout=20)
    settle = time.time() - start
    assert loss in readout
    assert settle < 10, f"kernel took {settle:.1f} s to settle after 20 slider moves"
    assert slider_readout(notebook, "hidden units") == "28"
    assert len(notebook.canvases()) == 1  # one figure, updated in place: no duplicates
    time.sleep(1.0)
    image_at_28 = notebook.canvas_image()
    time.sleep(1.0)
    assert notebook.canvas_image() == image_at_28  # no queue of late redraws
    assert image_at_28 != image_at_8

    # and back down in another burst: the picture must be exactly the one shown for 8 units before
    press(notebook, "hidden units", "ArrowLeft", times=20)
    wait_for_readout(notebook, "8 of 8", timeout=20)
    time.sleep(1.0)
    assert slider_readout(notebook, "hidden units") == "8"
    assert notebook.canvas_image() == image_at_8, "the figure does not show the final slider value"
    assert notebook.errors() == []
    notebook.screenshot(notebook.folder, "after-two-bursts")


# --------------------------------------------------- every dashboard notebook
# notebook -> the package function that builds its dashboard
DASHBOARDS = {
    "01_symmetry_dashboard.ipynb": "symlab.lab.dashboard:symmetry_dashboard",
    "02_forward_and_backward_symmetry.ipynb": "symlab.lab.forward_backward:rows_dashboard",
    "03_zeros_constants_and_what_breaks_symmetry.ipynb": "symlab.lab.zeros_figures:starts_dashboard",
    "04_dropout_and_symmetry.ipynb": "symlab.lab.dropout:dropout_dashboard",
    "05_when_init_does_not_matter.ipynb": "symlab.lab.convex_figures:convex_dashboard",
    "06_scale_saturation_and_vanishing.ipynb": "symlab.lab.scale_figures:scale_dashboard",
}


def test_every_notebook_with_a_dashboard_is_listed_here():
    """A notebook with controls turns on ipympl (`%matplotlib widget`); each must be tested below."""
    notebooks = sorted(p.name for p in (Path(__file__).parents[1] / "notebooks").glob("*.ipynb")
                       if "%matplotlib widget" in p.read_text())
    assert notebooks == sorted(DASHBOARDS)


def text(markup):
    """Readout HTML as the browser shows it: no tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


class BrowserDashboard:
    """The one dashboard of a notebook, as the browser shows it."""

    def __init__(self, notebook):
        self.notebook = notebook
        self.page = notebook.page
        self.output = self.page.locator(".jp-OutputArea-output", has=self.page.locator(".jupyter-matplotlib")).first
        self.output.scroll_into_view_if_needed()

    def readout(self):
        texts = self.output.locator(".widget-html-content").all_inner_texts()
        return " ".join(max(texts, key=len).split())

    def image(self):
        return self.output.locator(".jupyter-matplotlib-canvas-div canvas").first.evaluate("c => c.toDataURL()")

    def settled_image(self, timeout=10):
        """The canvas once it has stopped changing (a redraw the front end asked for may still be arriving)."""
        deadline, image = time.time() + timeout, self.image()
        while time.time() < deadline:
            time.sleep(0.5)
            again = self.image()
            if again == image:
                return image
            image = again
        raise AssertionError("the canvas kept changing without any control being moved")

    def controls(self):
        """(description, kind, shown value) for every dropdown and slider, in order."""
        found = []
        for box in self.output.locator(".widget-inline-hbox").all():
            label = box.locator("label.widget-label").first.inner_text().strip()
            if box.locator("select").count():
                found.append((label, "dropdown", box.locator("select option:checked").inner_text().strip()))
            elif box.locator(".noUi-handle").count():
                found.append((label, "slider", box.locator(".widget-readout").inner_text().strip()))
        return found

    def wait_for_change(self, before, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.readout() != before:
                self.notebook.wait_idle()
                time.sleep(0.5)  # the image follows the readout by one message
                return self.readout()
            time.sleep(0.2)
        raise AssertionError(f"readout did not change from {before!r}")


def package_readout(factory, shown):
    """Build the same dashboard in this process, set the controls the browser shows, read its readout."""
    module, name = factory.split(":")
    dashboard = getattr(importlib.import_module(module), name)()
    by_label = {c.description: c for c in dashboard.controls.values()}
    for label, kind, value in shown:
        control = by_label[label]
        if kind == "slider" and math.isclose(float(value), control.value, rel_tol=5e-3, abs_tol=5e-3):
            continue  # not moved (its start value may lie between the slider's steps)
        if kind == "dropdown":
            labels = [str(option).replace("\xa0", " ") for option in control._options_labels]
            control.value = control._options_values[labels.index(value.replace("\xa0", " "))]
        elif type(control).__name__ == "FloatLogSlider":  # the slider moves on a grid of exponents
            exponent = round((math.log10(float(value)) - control.min) / control.step) * control.step + control.min
            control.value = control.base ** exponent
        elif type(control).__name__ == "IntSlider":
            control.value = int(value)
        else:
            control.value = round((float(value) - control.min) / control.step) * control.step + control.min
    return text(dashboard.readout.value)


@pytest.mark.parametrize("name", sorted(DASHBOARDS))
def test_dashboard_redraws_and_reads_out_what_the_package_computes(open_notebook, name):
    notebook = open_notebook(name)
    assert notebook.errors() == [], notebook.errors()
    dashboard = BrowserDashboard(notebook)
    notebook.screenshot(notebook.folder, "0-start")
    shown = dashboard.controls()
    sliders = [c for c in shown if c[1] == "slider"]
    dropdowns = [c for c in shown if c[1] == "dropdown"]
    assert sliders and len(sliders + dropdowns) >= 2
    assert dashboard.readout() == package_readout(DASHBOARDS[name], shown)

    # move the first slider one step, then pick the next option of the first dropdown (or move a second slider)
    for step, (label, kind, _) in enumerate([sliders[0], (dropdowns or sliders[1:])[0]], start=1):
        before_readout, before_image = dashboard.readout(), dashboard.settled_image()
        box = dashboard.output.locator(".widget-inline-hbox", has=notebook.page.locator(
            f"label.widget-label:text-is('{label}')")).first
        if kind == "slider":
            handle = box.locator(".noUi-handle")
            at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
            handle.focus()
            handle.press("ArrowLeft" if at_max else "ArrowRight")
        else:
            select = box.locator("select")
            options = select.locator("option").all_inner_texts()
            current = select.locator("option:checked").inner_text().strip()
            select.select_option(label=options[(options.index(current) + 1) % len(options)])
        after = dashboard.wait_for_change(before_readout)
        assert dashboard.image() != before_image, f"the figure did not change after moving {label!r}"
        shown = dashboard.controls()
        assert after == package_readout(DASHBOARDS[name], shown), f"after moving {label!r}"
        notebook.screenshot(notebook.folder, f"{step}-{label.replace(' ', '_')}")
    assert notebook.errors() == []
