"""A teacher's first start of JupyterLab with the README's first command, on a projector (issue 19).

JupyterLab asks "Would you like to get notified about official Jupyter news?" in a box at the bottom right on a
first start, over the notebook. The README's command passes ``--LabApp.app_settings_dir=lab-settings``, whose
``overrides.json`` turns the question (and the update check) off. This starts JupyterLab as a new user would
(no user settings at all) with the options of the README's command, and once without them: the box must be
absent with them and present without them, so the test sees the difference it claims.
"""

import re
import shlex

import pytest

from browser import ROOT, Lab, require_browser

require_browser()

TOAST = "get notified about official Jupyter news"


def readme_lab_options():
    """The ``--`` options of the README's first command's ``jupyter lab``."""
    readme = (ROOT / "README.md").read_text()
    command = next(line for line in readme.splitlines() if "jupyter lab" in line and "requirements.txt" in line)
    words = shlex.split(command.split("jupyter lab", 1)[1].split("&&")[0])
    return [w for w in words if w.startswith("--")]


def toast_shown(browser, options):
    lab = Lab(settings={}, args=options)
    try:
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        page.goto(f"{lab.url}/lab/tree/notebooks/00_start_here.ipynb?token={lab.token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        try:
            page.get_by_text(TOAST).wait_for(timeout=8_000)   # it comes a moment after the page is restored
            shown = True
        except Exception:
            shown = False
        page.close()
        return shown
    finally:
        lab.stop()


def test_the_readme_command_passes_the_classroom_settings():
    options = readme_lab_options()
    assert "--LabApp.app_settings_dir=lab-settings" in options
    assert (ROOT / "lab-settings" / "overrides.json").exists()
    assert re.search(r'"fetchNews":\s*"false"', (ROOT / "lab-settings" / "overrides.json").read_text())


def test_no_news_question_covers_the_notebook_on_a_first_start(browser):
    options = [o for o in readme_lab_options() if not o.startswith(("--LabApp.default_url", "--KernelManager"))]
    assert not toast_shown(browser, options), "the news question appeared with the README's options"
    assert toast_shown(browser, []), "without the README's options JupyterLab should ask (else this test sees nothing)"
