"""Presenter mode's kernels (issue 19): every Voilà app is a kernel of 200–270 MB, and closing its browser tab
does not end it. The README's Voilà command adds ``--MappingKernelManager.cull_idle_timeout`` and
``cull_interval``, so Voilà ends the kernel of an app whose tab is closed (no connection) once it has been
idle that long, and keeps the kernel of an app that is still open, however idle.

Checked here with the README's options at short values (4 s idle, checked every second), so the test takes
seconds, not minutes: with the tab closed the kernel ends; with it open the kernel stays; and without the
options a closed tab's kernel stays (what the options are for).
"""

import re
import shlex
import subprocess
import time

from browser import ROOT, Voila, require_browser

require_browser()

APP = "06_scale_saturation_and_vanishing.ipynb"     # the quickest app to start


def readme_voila_options():
    readme = (ROOT / "README.md").read_text()
    command = next(line for line in readme.splitlines() if line.startswith(".venv/bin/voila apps/"))
    return [w for w in shlex.split(command) if w.startswith("--")]


def kernels(server):
    out = subprocess.run(["ps", "--ppid", str(server.process.pid), "-o", "args="], capture_output=True, text=True)
    return sum("ipykernel" in line for line in out.stdout.splitlines())


def kernels_left(browser, args, wait=9):
    """Open the app in two tabs, close the first (navigate away), wait; returns the kernels left."""
    server = Voila(args=args)
    try:
        pages = [browser.new_page() for _ in range(2)]
        for page in pages:
            page.goto(server.app_url(APP))
            page.wait_for_selector(".symlab-panels", timeout=120_000)
        assert kernels(server) == 2
        pages[0].goto("about:blank")                  # what closing the tab does to the kernel's connection
        time.sleep(wait)
        left = kernels(server)
        for page in pages:
            page.close()
        return left
    finally:
        server.stop()


def test_the_readme_voila_command_ends_kernels_of_closed_apps():
    options = readme_voila_options()
    timeout = next(int(re.search(r"=(\d+)", o).group(1)) for o in options if "cull_idle_timeout" in o)
    interval = next(int(re.search(r"=(\d+)", o).group(1)) for o in options if "cull_interval" in o)
    assert 60 <= timeout <= 300 and interval <= 60                   # "within about 3 minutes", README


def test_a_closed_app_ends_its_kernel_an_open_one_keeps_it(browser):
    short = [re.sub(r"cull_idle_timeout=\d+", "cull_idle_timeout=4", re.sub(r"cull_interval=\d+", "cull_interval=1", o))
             for o in readme_voila_options() if "cull" in o]
    assert len(short) == 2
    assert kernels_left(browser, short) == 1                 # the closed tab's kernel ended, the open one's stayed
    assert kernels_left(browser, []) == 2                    # without the options the closed tab's would stay


def test_one_click_on_an_app_name_opens_it_in_a_new_tab(browser):
    """The README and the checklist say: click an app's name once; it opens in a new tab (and every click opens
    another, with a kernel of its own). A teacher told to double-click got two tabs."""
    server = Voila()
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto(server.url)
        name = page.get_by_text(APP)
        name.wait_for(timeout=30_000)
        with context.expect_page(timeout=15_000) as opened:
            name.click()
        assert opened.value.url.split("?")[0] == server.app_url(APP)
        assert page.url.rstrip("/") == server.url.rstrip("/")          # the list stays in its own tab
    finally:
        context.close()
        server.stop()
