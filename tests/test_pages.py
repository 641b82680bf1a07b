"""The static pages (pages/*.html, built by tools/build_pages.py from symlab.lab.pages.PAGES).

Without a browser: each page exists, is at most 10 MB, carries the renderer, CSS and driver of the package as
they are now (not stale), holds the grid that PAGES names, and a few of its runs equal the View the package
computes now for those settings (readouts and frames exactly, arrays within rounding).

In Chromium, opened from file:// with every network request blocked: the panels are painted within 1 s (the
best of up to three openings, for a busy machine); the projector rule holds in a 1024 x 768 window and at 125%
zoom; driven with the mouse (a range control dragged, a select's option chosen, ▶ play) and the keyboard (the
scrubber), what each canvas drew equals the View the package computes for the grid setting the page shows
(``body[data-run]``); nothing flickers; no console errors; no request leaves the file. Screenshots go to
tests/screenshots/<test name>/.
"""

import base64
import gzip
import json
import math
import re

import numpy as np
import pytest

from browser import (ROOT, VIEWPORTS, ConsoleLog, Dashboard, Package, assert_fits, exercise, page_values,
                     resize_handles)
from symlab.lab.pages import MAX_BYTES, PAGES
from symlab.lab.view import WEB

DATA_RE = re.compile(r'<script id="symlab-data" type="application/json">(.*?)</script>', re.S)


def page_path(stem):
    return ROOT / "pages" / f"{stem}.html"


def read_page(stem):
    """(the page's text, its data: controls, first, runs, views …); fails if it was not built."""
    path = page_path(stem)
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `python tools/build_pages.py {stem[:2]}`"
    text = path.read_text(encoding="utf-8")
    match = DATA_RE.search(text)
    assert match, f"{path.name}: no <script id=symlab-data>"
    return text, json.loads(match.group(1))


def unpack(run):
    """A page's run: (spec, {name: array}) from its base64 of the gzip of the packed View."""
    spec, raw = run["spec"], gzip.decompress(base64.b64decode(run["data"]))
    arrays = {}
    for name, a in spec["arrays"].items():
        dtype = np.dtype(a["dtype"]).newbyteorder("<")
        count = math.prod(a["shape"])
        arrays[name] = np.frombuffer(raw, dtype, count, a["offset"]).reshape(a["shape"])
    return spec, arrays


def spec_differences(got, want, where="spec"):
    """Where two specs differ: structure and strings exactly, numbers within 1e-6 (relative)."""
    if isinstance(want, dict) and isinstance(got, dict):
        if set(got) != set(want):
            return [f"{where}: keys {sorted(set(got) ^ set(want))} in one only"]
        return [d for k in want for d in spec_differences(got[k], want[k], f"{where}.{k}")]
    if isinstance(want, list) and isinstance(got, list):
        if len(got) != len(want):
            return [f"{where}: {len(got)} items, the package has {len(want)}"]
        return [d for i, (g, w) in enumerate(zip(got, want)) for d in spec_differences(g, w, f"{where}[{i}]")]
    numbers = (int, float)
    if isinstance(want, numbers) and isinstance(got, numbers) and not isinstance(want, bool):
        return [] if math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-12) else [f"{where}: {got!r} != {want!r}"]
    return [] if got == want else [f"{where}: {got!r} != {want!r}"]


@pytest.fixture(scope="module")
def package():
    """The dashboards built as tools/build_pages.py builds them (browser.Package)."""
    return Package(pages=True)


# --------------------------------------------------------------------------- without a browser
@pytest.mark.parametrize("stem", sorted(PAGES), ids=lambda s: s[:2])
def test_page_is_built_small_and_current(stem):
    """The page exists, is <= 10 MB, and carries today's renderer, CSS and driver (a page built before the
    last change to symlab/lab/web/ is stale), and the grid PAGES names for it."""
    text, data = read_page(stem)
    size = page_path(stem).stat().st_size
    assert size <= MAX_BYTES, f"{stem}.html is {size / 1e6:.1f} MB (> {MAX_BYTES / 1e6:g} MB)"
    renderer = (WEB / "panels.js").read_text().replace("export function mount", "function mount") \
        .replace("export default", "const widget =")
    stale = [name for name, part in [("web/panels.js", renderer), ("web/panels.css", (WEB / "panels.css").read_text()),
                                     ("web/page.js", (WEB / "page.js").read_text())] if part not in text]
    assert not stale, f"{stem}.html is stale: it does not carry the current symlab/lab/{', '.join(stale)} " \
                      f"(rebuild: python tools/build_pages.py {stem[:2]})"
    grid = PAGES[stem]["grid"]
    assert [c["name"] for c in data["controls"]] == list(grid)
    for control in data["controls"]:
        assert [value for _, value in control["choices"]] == grid[control["name"]], control["name"]
    keys = {",".join(map(str, k)) for k in np.ndindex(*(len(v) for v in grid.values()))}
    assert set(data["runs"]) == keys
    assert set(data["runs"].values()) <= set(data["views"])


@pytest.mark.parametrize("stem", sorted(PAGES), ids=lambda s: s[:2])
def test_page_runs_equal_what_the_package_computes_now(stem, package):
    """Three runs of the page (its first setting, the middle and the last of its grid) equal the View the
    dashboard computes now for those control values: frames and readouts exactly, the rest of the spec
    with numbers to 1e-6, float arrays to 1e-4 of their largest value (rounding on another CPU), colour
    indices to 1e-4 of their scale (one step of 256, six of 65536)."""
    _, data = read_page(stem)
    assert all(re.fullmatch(r"\d+(,\d+)*", key) for key in data["runs"]), \
        f"{stem}.html: its runs are not keyed by grid indices (built by an older tools/build_pages.py?)"
    keys = sorted(data["runs"], key=lambda k: [int(i) for i in k.split(",")])
    first = ",".join(str(data["first"][c["name"]]) for c in data["controls"])
    for key in dict.fromkeys([first, keys[len(keys) // 2], keys[-1]]):
        values = page_values(data, key)
        view = package.view(stem, values)
        spec, arrays = unpack(data["views"][data["runs"][key]])
        want_spec, _ = view.pack()
        where = f"{stem}.html, run {key} {values}"
        assert spec["frames"] == want_spec["frames"], where
        assert spec["readout"] == want_spec["readout"], where
        assert spec["arrays"] == want_spec["arrays"], where
        problems = spec_differences(spec, want_spec)
        assert not problems, f"{where}:\n  " + "\n  ".join(problems[:10])
        for name, want in view.arrays.items():
            got = arrays[name]
            if np.issubdtype(want.dtype, np.integer):  # colour indices: a step, or 1e-4 of the scale
                worst = int(np.abs(got.astype(np.int64) - want.astype(np.int64)).max(initial=0))
                allowed = max(1, int(np.iinfo(want.dtype).max * 1e-4))
                assert worst <= allowed, f"{where}: array {name!r} differs by {worst} colour steps (> {allowed})"
            else:
                assert np.array_equal(np.isnan(got), np.isnan(want)), f"{where}: array {name!r}: gaps differ"
                scale = float(np.nanmax(np.abs(want), initial=0.0)) or 1.0
                worst = float(np.nanmax(np.abs(got.astype(float) - want), initial=0.0))
                assert worst <= 1e-4 * scale, f"{where}: array {name!r} differs by {worst:g} (largest {scale:g})"


# --------------------------------------------------------------------------- in Chromium
#: The first frame with the panels drawn: a MutationObserver on data-drawn-at, then the next frame's paint
#: (requestAnimationFrame, then a task after it). performance.now() counts from the navigation's start.
FIRST_PAINT_JS = """
window.__symlabFirstPaint = null;
new MutationObserver((records, observer) => {
  observer.disconnect();
  requestAnimationFrame(() => setTimeout(() => { window.__symlabFirstPaint = performance.now(); }, 0));
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-drawn-at']});
"""
#: The budget for the first paint after opening the file (issue 17)
FIRST_PAINT_MS = 1000


class OfflinePage:
    """A static page opened from file:// in a new context where every request but file:// is aborted."""

    def __init__(self, browser, stem, viewport):
        self.context = browser.new_context(**VIEWPORTS[viewport]["page"])
        self.blocked = []
        self.context.route("**/*", self._route)
        self.context.add_init_script(FIRST_PAINT_JS)
        self.page = self.context.new_page()
        self.console = ConsoleLog(self.page)
        self.requests = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        _, self.data = read_page(stem)
        self.page.goto(page_path(stem).as_uri())
        self.page.wait_for_function("() => window.__symlabFirstPaint !== null", timeout=30_000)
        self.first_paint = self.page.evaluate("() => window.__symlabFirstPaint")
        print(f"pages/{stem}.html at {viewport}: panels first painted {self.first_paint:.0f} ms after opening")

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def network(self):
        """Every request that tried to leave the file (blocked)."""
        return self.blocked + [url for url in self.requests if not url.startswith(("file://", "data:", "blob:"))]

    def close(self):
        self.context.close()


def page_dashboard(offline, stem, package):
    page = offline.page
    page.locator(".symlab-panels canvas[data-drawn]").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_function("() => !!document.body.dataset.run")
    return Dashboard(page, page.locator("body"), stem, package,
                     lambda state: page_values(offline.data, state["pageRun"]))


def page_moves(dash, data):
    """The page's first range control dragged with the mouse, its first select's next option chosen."""
    ranges = [c for c in data["controls"] if c["kind"] == "range"]
    selects = [c for c in data["controls"] if c["kind"] == "select"]

    def drag():
        dash.drag_range(ranges[0]["name"])
        return f"dragging {ranges[0]['label']!r} with the mouse"

    def choose():
        control = selects[0]
        select = dash.page.locator(f".page-controls select[name='{control['name']}']")
        index = select.evaluate("s => s.selectedIndex")
        option = control["choices"][(index + 1) % len(control["choices"])][0]
        select.scroll_into_view_if_needed()
        select.select_option(label=option)
        return f"choosing {option!r} in {control['label']!r}"

    return dict(slider=drag if ranges else None, dropdown=choose if selects else None)


@pytest.mark.parametrize("viewport", ["1024-filebrowser", "1024-zoom125"], ids=["1024x768", "zoom125"])
@pytest.mark.parametrize("stem", sorted(PAGES), ids=lambda s: s[:2])
def test_page_offline_paints_fast_fits_and_draws_what_the_package_computes(browser, package, stem, viewport,
                                                                          request):
    offline = OfflinePage(browser, stem, viewport)
    page, folder = offline.page, request.node.name
    try:
        dash = page_dashboard(offline, stem, package)
        labels = page.eval_on_selector_all(".page-controls > label", "ls => ls.map(l => l.firstChild.textContent)")
        assert labels == [c["label"] for c in offline.data["controls"]]
        assert resize_handles(page.locator("body")) == []
        dash.check("as opened", timeout=10)
        layouts = {"as_opened": dash.layout(top=".page-controls")}
        dash.shot(folder, "1-opened")
        if viewport == "1024-filebrowser":  # the mouse and the keyboard once per page
            exercise(dash, lambda name: dash.shot(folder, f"2-{name}"), **page_moves(dash, offline.data))
            layouts["after_moves_and_play"] = dash.layout(top=".page-controls")
            dash.shot(folder, "3-after-play")
        assert offline.network() == [], "the page asked the network for something"
        assert offline.console.errors() == []
    finally:
        offline.close()
    where = f"pages/{stem}.html at {viewport.replace('-filebrowser', '')}"
    assert_fits(where, **layouts)
    # A busy machine (the test run's other workers) slows a paint down; the page itself must manage 1 s:
    # opened again (at most twice more) if it did not, and the best of the openings counts.
    paints = [offline.first_paint]
    while min(paints) > FIRST_PAINT_MS and len(paints) < 3:
        again = OfflinePage(browser, stem, viewport)
        paints.append(again.first_paint)
        again.close()
    assert min(paints) <= FIRST_PAINT_MS, \
        f"{where}: the panels were first painted {', '.join(f'{p:.0f}' for p in paints)} ms after opening the " \
        f"file ({len(paints)} openings; > {FIRST_PAINT_MS} ms)"
