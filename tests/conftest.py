"""Fixtures shared by the browser tests (test_browser.py, test_browser_projector.py, test_voila.py,
test_pages.py).

The ``browser`` fixture skips (or, with SYMLAB_REQUIRE_BROWSER=1, fails) when Chromium or Playwright is
missing; the modules that only drive a browser also check at import, before any server starts.
"""

import pytest

#: Test files that take minutes on their own (they start processes that imitate other machines, or install
#: Binder's environment): they run first, so that a parallel run does not end waiting for one of them.
SLOW_FIRST = ("test_perturbations.py", "test_binder_emulation.py")


def pytest_collection_modifyitems(items):
    order = {name: rank for rank, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: order.get(item.path.name, len(order)))  # stable: the rest keep their order


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module."""
    from browser import CHROMIUM, CHROMIUM_ARGS, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lab():
    """One JupyterLab server per test module."""
    from browser import Lab

    server = Lab()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def package():
    """The dashboards built in the test process (browser.Package), one per dashboard for the module."""
    from browser import Package

    return Package()


@pytest.fixture
def open_notebook(lab, browser):
    """``open_notebook(name, viewport, folder="notebooks")``: open a notebook in a new page (browser.VIEWPORTS:
    page size, zoom and sidebar), run all cells; returns the browser.NotebookPage, whose ``console`` has
    recorded the page's errors from the start. The page closes and its kernel shuts down afterwards."""
    from browser import VIEWPORTS, NotebookPage

    pages = []

    def opener(name, viewport, folder="notebooks"):
        setup = VIEWPORTS[viewport]
        page = browser.new_page(**setup["page"])
        pages.append(page)
        notebook = NotebookPage(lab, page, name, folder)
        notebook.set_sidebar(setup["sidebar"])
        notebook.run_all()
        return notebook

    yield opener
    for page in pages:
        page.close()
    lab.shutdown_kernels()
