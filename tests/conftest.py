"""Fixtures shared by the browser tests (test_browser.py, test_browser_projector.py, test_voila.py).

Each module that uses them skips (or, with SYMLAB_REQUIRE_BROWSER=1, fails) when Chromium or
Playwright is missing, before any fixture runs.
"""

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).parent / "screenshots"
#: Test files that take minutes on their own (they start processes that imitate other machines, or install
#: Binder's environment): they run first, so that a parallel run does not end waiting for one of them.
SLOW_FIRST = ("test_perturbations.py", "test_binder_emulation.py")


def pytest_collection_modifyitems(items):
    order = {name: rank for rank, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: order.get(item.path.name, len(order)))  # stable: the rest keep their order


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

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


@pytest.fixture
def open_notebook(lab, browser, request):
    """``open_notebook(name, viewport=None, folder="notebooks")``: open a notebook in a new page and run
    all cells; its kernel is shut down afterwards. ``viewport`` is one of browser.VIEWPORTS (page size,
    zoom and sidebar of a projector set-up); by default a 1400 x 1000 window. Screenshots of the page go to
    tests/screenshots/<test name>/ (``notebook.folder``)."""
    from browser import VIEWPORTS, NotebookPage

    pages = []

    def opener(name, viewport=None, folder="notebooks"):
        setup = VIEWPORTS[viewport] if viewport else dict(page=dict(viewport={"width": 1400, "height": 1000}))
        page = browser.new_page(**setup["page"])
        pages.append(page)
        notebook = NotebookPage(lab, page, name, folder)
        if "sidebar" in setup:
            notebook.set_sidebar(setup["sidebar"])
        notebook.run_all()
        notebook.folder = SCREENSHOTS / request.node.name
        return notebook

    yield opener
    for page in pages:
        page.close()
    lab.shutdown_kernels()
