"""Presenter mode in a real browser: every app of apps/ served by Voilà (headless Chromium + Playwright).

The app renders (one canvas per panel, no code on the page), a slider dragged with the mouse changes
the plots, and no error text shows. Voilà 0.5.13's page bundles JupyterLab 4.2 packages: the console
logs "Unsatisfied version" warnings for the widget and ipympl extensions, which still render (not
errors), and one module-federation error for @jupyterlab/docmanager (see ``harmless``). Skipped like tests/test_browser.py when Chromium, Playwright or Voilà is missing.
"""

import importlib.util
import os
import time
from pathlib import Path

import pytest

from browser import CHROMIUM, VIEWPORTS, Voila

APPS = sorted((Path(__file__).resolve().parents[1] / "apps").glob("*.ipynb"))
SCREENSHOTS = Path(__file__).parent / "screenshots"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

if CHROMIUM is None or sync_playwright is None or importlib.util.find_spec("voila") is None:
    if os.environ.get("SYMLAB_REQUIRE_BROWSER") == "1":
        pytest.fail("SYMLAB_REQUIRE_BROWSER=1 but Chromium, Playwright or Voilà is missing "
                    "(pip install -r requirements-test.txt)", pytrace=False)
    pytest.skip("Voilà tests need Chromium, Playwright and voila", allow_module_level=True)

# The first retraining (or scrubbing) slider of each app, moved with the mouse.
SLIDERS = {"01": "hidden units", "02": "epoch", "03": "bias scale", "04": "dropout p", "05": "seed", "06": "init scale"}


@pytest.fixture(scope="module")
def voila():
    server = Voila()
    yield server
    server.stop()


def canvases(page):
    return page.locator(".jupyter-matplotlib-canvas-div canvas:first-child")


def pictures(page):
    return tuple(c.evaluate("c => c.toDataURL()") for c in canvases(page).all())


def settled(page, quiet=1.0, timeout=20):
    deadline, image, since = time.time() + timeout, pictures(page), time.time()
    while time.time() < deadline:
        time.sleep(0.2)
        again = pictures(page)
        if again != image:
            image, since = again, time.time()
        elif time.time() - since >= quiet:
            return image
    raise AssertionError("the canvases kept changing")


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name[:2])
def test_app_renders_without_code_and_follows_the_mouse(voila, browser, app):
    page = browser.new_page(**VIEWPORTS["1024-zoom125"]["page"])
    console = []
    page.on("console", lambda m: console.append((m.type, m.text)))
    try:
        page.goto(voila.app_url(app.name), timeout=120_000)
        page.wait_for_selector(".jupyter-matplotlib-canvas-div canvas", timeout=120_000)
        page.wait_for_function("() => [...document.querySelectorAll('.widget-html-content')]"
                               ".some(e => e.textContent.trim().length > 20)", timeout=60_000)
        before = settled(page)
        assert len(before) in (2, 3)
        body = page.inner_text("body")
        assert "_dashboard(" not in body and "%matplotlib" not in body  # no code on screen
        for word in ("Traceback", "Error", "error displaying widget"):
            assert word not in body, body[:2000]
        width = page.evaluate("() => document.documentElement.clientWidth")
        for canvas in canvases(page).all():
            box = canvas.bounding_box()
            assert 0 <= box["x"] and box["x"] + box["width"] <= width  # fits an 819-px (125%) window

        label = SLIDERS[app.name[:2]]
        slider = page.locator(".widget-slider", has=page.locator(f"label.widget-label:text-is('{label}')")).first
        readout = slider.locator(".widget-readout").inner_text()
        handle = slider.locator(".noUi-handle").bounding_box()
        x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 50, y, steps=8)
        page.mouse.up()
        assert slider.locator(".widget-readout").inner_text() != readout
        deadline = time.time() + 30
        while pictures(page) == before and time.time() < deadline:
            time.sleep(0.2)
        assert settled(page) != before, f"moving {label!r} did not change the plots"
        body = page.inner_text("body")
        assert "Traceback" not in body and "Error" not in body
        SCREENSHOTS.mkdir(exist_ok=True)
        (SCREENSHOTS / "voila").mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "voila" / f"{app.stem}.png"), full_page=True)
    finally:
        page.close()
    assert [text for kind, text in console if kind == "error" and not harmless(text)] == []


def harmless(error):
    """Console errors of Voilà's own page, not of the app: Font Awesome's CDN is unreachable offline, and
    Voilà's JupyterLab 4.2 runtime cannot share @jupyterlab/docmanager with an extension built for 4.6
    (module federation error RUNTIME-012; the widgets and ipympl load and work)."""
    return "ERR_NAME_NOT_RESOLVED" in error or ("RUNTIME-012" in error and "@jupyterlab/docmanager" in error)


def test_voila_kernels_start_without_the_encryption_warning(voila):
    assert "Kernel started" in voila.log_text()
    assert "without encryption" not in voila.log_text()
