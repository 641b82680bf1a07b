"""End-to-end: the dashboards in JupyterLab in a real browser (headless Chromium + Playwright).

Skipped with a message when Chromium or Playwright is missing; with
SYMLAB_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure instead.
Screenshots go to tests/screenshots/<test name>/ so a person can look.
"""

import math
import os
import time
from pathlib import Path

import pytest

from symlab.experiments import symmetry_run
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

    notebook.control("init scheme").locator("select").select_option("he_normal")
    units, loss = expected_readout(scheme="he_normal", scale=0.5)
    readout = wait_for_readout(notebook, units)
    assert loss in readout
    time.sleep(0.5)  # let the new image reach the canvas
    assert notebook.canvas_image() != image
    notebook.screenshot(notebook.folder, "2-he_normal")
    image = notebook.canvas_image()

    press(notebook, "init scale", "ArrowRight")  # one step of 0.1 on the log10 grid of the slider
    notebook.page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-hslider')].some(s => s.textContent.includes('init scale')"
        " && !s.querySelector('.widget-readout').textContent.includes('0.500'))", timeout=10_000)
    shown = float(slider_readout(notebook, "init scale"))
    scale = 10 ** round(math.log10(shown), 1)  # the slider moves on exponents k / 10
    assert scale > 0.5
    units, loss = expected_readout(scheme="he_normal", scale=scale)
    readout = wait_for_readout(notebook, loss)
    assert units in readout
    time.sleep(0.5)
    assert notebook.canvas_image() != image
    notebook.screenshot(notebook.folder, "3-scale-up")
    assert notebook.errors() == []


def test_burst_of_slider_moves_ends_on_the_final_value(open_notebook):
    notebook = open_notebook("01_symmetry_dashboard.ipynb")
    notebook.control("init scheme").locator("select").select_option("he_normal")
    wait_for_readout(notebook, "8 of 8")
    start = time.time()
    press(notebook, "hidden units", "ArrowRight", times=20)  # 8 -> 28 as fast as keys go
    units, loss = expected_readout(scheme="he_normal", scale=0.5, hidden=28)
    readout = wait_for_readout(notebook, units, timeout=20)
    settle = time.time() - start
    assert loss in readout
    assert settle < 10, f"kernel took {settle:.1f} s to settle after 20 slider moves"
    assert slider_readout(notebook, "hidden units") == "28"
    assert len(notebook.canvases()) == 1  # one figure, updated in place: no duplicates
    time.sleep(1.0)
    image = notebook.canvas_image()
    time.sleep(1.0)
    assert notebook.canvas_image() == image  # no queue of late redraws
    notebook.canvases()[0].scroll_into_view_if_needed()
    notebook.screenshot(notebook.folder, "after-burst")
    assert notebook.errors() == []
