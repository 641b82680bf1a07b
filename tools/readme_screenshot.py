"""Make docs/dashboard.png: the symmetry dashboard in JupyterLab, constant init above He init.

Starts JupyterLab and headless Chromium the way the browser tests do
(tests/browser.py), runs notebook 01, screenshots the dashboard with the
constant init, switches the scheme to he_normal, screenshots again, and stacks
the two pictures.

    python tools/readme_screenshot.py
"""

import io
import sys
import time
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS, Lab, NotebookPage  # noqa: E402


def main():
    lab = Lab()
    shots = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            notebook = NotebookPage(lab, page, "01_symmetry_dashboard.ipynb")
            notebook.run_all()
            dashboard = page.locator(".jp-OutputArea-output", has=page.locator(".jupyter-matplotlib")).first
            dashboard.scroll_into_view_if_needed()
            time.sleep(1)
            shots.append(dashboard.screenshot())
            notebook.control("init scheme").locator("select").select_option("he_normal")
            page.wait_for_function("() => [...document.querySelectorAll('.widget-html-content')]"
                                   ".some(e => e.textContent.includes('8 of 8'))", timeout=30_000)
            time.sleep(1)
            shots.append(dashboard.screenshot())
            browser.close()
    finally:
        lab.stop()
    images = [Image.open(io.BytesIO(shot)) for shot in shots]
    width = max(im.width for im in images)
    stacked = Image.new("RGB", (width, sum(im.height for im in images) + 12), "white")
    y = 0
    for im in images:
        stacked.paste(im, (0, y))
        y += im.height + 12
    target = ROOT / "docs" / "dashboard.png"
    target.parent.mkdir(exist_ok=True)
    stacked.save(target, optimize=True)
    print(f"wrote {target} ({stacked.width} x {stacked.height})")


if __name__ == "__main__":
    main()
