"""Drive the dashboards in headless Chromium with Playwright (helpers for the browser tests).

Three places show a dashboard: JupyterLab (:class:`Lab`, :class:`NotebookPage`), Voilà (:class:`Voila`)
and the static pages (pages/*.html, opened from file://). Everywhere the panels are drawn by
symlab/lab/web/panels.js, and the tests read them only through its DOM contract:

- ``.symlab-dashboard`` — the whole dashboard (ipywidgets VBox); its controls are ``.widget-inline-hbox``
  boxes whose ``label.widget-label`` is the control's description (a static page: ``.page-controls``,
  a ``<label>`` around a ``<select name>`` or ``<input type=range name>``, and ``body[data-run]``, the
  indices of the chosen grid settings);
- ``.symlab-panels`` — the renderer's root, with ``data-frame``, ``data-epoch``, ``data-run`` (the View's key),
  ``data-drawn-at`` and ``data-font``; inside it ``.symlab-readout``, ``.symlab-play``, ``.symlab-scrubber``,
  ``.symlab-epoch`` and ``.symlab-row`` of ``figure.symlab-panel`` (``.symlab-title``, a ``canvas`` whose
  ``data-drawn`` is JSON ``{frame, epoch, layers: [{kind, n, sum}]}``, ``.symlab-legend``).

The package computes the same digest (``View.digest``), so :func:`mismatches` compares what was drawn with
what the package computes for the control values the page shows (:class:`Package`).
"""

import importlib
import importlib.util
import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
INSTALL_HINT = ("browser tests need Chromium and Playwright: `sudo apt-get install chromium` "
                "(Debian/Ubuntu) and `pip install -r requirements-test.txt`")
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}
SCREENSHOTS = Path(__file__).parent / "screenshots"


def browser_missing():
    """Why the browser tests cannot run here (None if they can)."""
    return INSTALL_HINT if CHROMIUM is None or importlib.util.find_spec("playwright") is None else None


def require_browser(extra=None):
    """Skip the calling test module (or fixture) when Chromium or Playwright is missing; with
    SYMLAB_REQUIRE_BROWSER=1 (set by .ci/run) fail instead. ``extra``: another reason (e.g. Voilà missing)."""
    import pytest

    reason = browser_missing() or extra
    if reason is None:
        return
    if os.environ.get("SYMLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SYMLAB_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


#: What the README's `jupyter lab` command adds: CurveZMQ keys for every kernel (jupyter_client >= 8.10 and a
#: kernelspec that declares support, as ipykernel 7.4's does), so no kernel start prints "Kernel is running
#: over TCP without encryption".
KERNEL_ENCRYPTION = ["--KernelManager.transport_encryption=auto"]


#: A laptop (1400 x 900, file browser open) and the two projector set-ups of issue 12. Browser zoom at 125% on
#: a 1024 x 768 window is what Chromium's device scale factor 1.25 on an 819 x 614 CSS-pixel viewport is:
#: window.innerWidth = 1024 / 1.25 and devicePixelRatio = 1.25, the two numbers the layout and the canvases
#: read. Playwright sets both per page, so one browser serves every set-up; the screenshot is in device pixels,
#: what the projector shows. ``sidebar``: JupyterLab's file browser open (True) or the sidebar collapsed.
VIEWPORTS = {
    "1400x900": dict(page=dict(viewport={"width": 1400, "height": 900}, device_scale_factor=1), sidebar=True),
    "1024-filebrowser": dict(page=dict(viewport={"width": 1024, "height": 768}, device_scale_factor=1),
                             sidebar=True),
    "1024-zoom125": dict(page=dict(viewport={"width": 819, "height": 614}, device_scale_factor=1.25),
                         sidebar=False),
}

#: Every dashboard: the stem of its notebook (notebooks/, apps/) and static page (pages/) -> the package
#: function that builds it.
DASHBOARDS = {
    "01_symmetry_dashboard": "symlab.lab.dashboard:symmetry_dashboard",
    "02_forward_and_backward_symmetry": "symlab.lab.forward_backward:rows_dashboard",
    "03_zeros_constants_and_what_breaks_symmetry": "symlab.lab.zeros_figures:starts_dashboard",
    "04_dropout_and_symmetry": "symlab.lab.dropout:dropout_dashboard",
    "05_when_init_does_not_matter": "symlab.lab.convex_figures:convex_dashboard",
    "06_scale_saturation_and_vanishing": "symlab.lab.scale_figures:scale_dashboard",
    "07_depth_xavier_he_orthogonal": "symlab.lab.depth_figures:depth_dashboard",
}
#: The retraining controls each test moves: a slider dragged with the mouse (by its description; None: the
#: dashboard has no slider) and a dropdown option chosen (description, option label; None: no dropdown).
MOVES = {
    "01_symmetry_dashboard": ("hidden units", ("init scheme", "he_normal (00, 07)")),
    "02_forward_and_backward_symmetry": (None, ("init scheme", "he_normal")),
    "03_zeros_constants_and_what_breaks_symmetry": ("bias scale", ("init scheme", "he_normal")),
    "04_dropout_and_symmetry": ("dropout p", None),
    "05_when_init_does_not_matter": ("start scale", None),
    "06_scale_saturation_and_vanishing": ("init scale", ("activation", "relu")),
    "07_depth_xavier_he_orthogonal": ("depth (layers)", ("activation", "relu")),
}
#: The smallest text (CSS px) and slider track (CSS px) a projector needs (issue 12).
MIN_FONT, MIN_TRACK = 14, 150


# ------------------------------------------------------------------------------------------ servers
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process started for the tests, logging into a temporary home folder."""

    process = log = home = None

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


class Lab(Server):
    """A JupyterLab server rooted at the project (own port, token, settings and workspace folders, so no
    "Select Kernel" dialog or news toast), started for the tests and stopped after."""

    def __init__(self, settings=LAB_SETTINGS, args=("--LabApp.news_url=",)):
        """``settings``: the user settings files it starts with; ``args``: more command-line options."""
        self.port = free_port()
        self.token = os.urandom(12).hex()
        self.home = Path(tempfile.mkdtemp(prefix="symlab-lab-"))
        for name, values in settings.items():
            path = self.home / "settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(self.home / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"),
                   JUPYTER_RUNTIME_DIR=str(self.home / "runtime"))
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                   f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={ROOT}",
                   "--allow-root", *KERNEL_ENCRYPTION, *args]
        self.log = open(self.home / "server.log", "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        self._wait_until_up()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def api(self, path):
        request = urllib.request.Request(f"{self.url}/api/{path}", headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def _wait_until_up(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited: {(self.home / 'server.log').read_text()[-2000:]}")
            try:
                self.api("status")
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("JupyterLab did not start within 60 s")

    def kernels(self):
        """The server's kernels; the endpoint can answer 500 while a kernel starts: then []."""
        try:
            return self.api("kernels")
        except OSError:
            return []

    def wait_for_idle_kernel(self, timeout=60):
        """Until some kernel is idle with a browser connected to it."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(k["execution_state"] == "idle" and k.get("connections", 0) > 0 for k in self.kernels()):
                return
            time.sleep(0.3)
        raise TimeoutError(f"no idle, connected kernel after {timeout} s: {self.kernels()}")

    def shutdown_kernels(self):
        for kernel in self.kernels():
            request = urllib.request.Request(f"{self.url}/api/kernels/{kernel['id']}", method="DELETE",
                                             headers={"Authorization": f"token {self.token}"})
            try:
                urllib.request.urlopen(request, timeout=10).close()
            except OSError:
                pass


class Voila(Server):
    """A Voilà server for the presenter-mode apps (apps/), on 127.0.0.1 and a free port, stopped after."""

    def __init__(self, folder="apps", args=()):
        """``args``: more command-line options."""
        self.port = free_port()
        self.home = Path(tempfile.mkdtemp(prefix="symlab-voila-"))
        self.log = open(self.home / "voila.log", "w")
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(self.home / "runtime"))
        command = [sys.executable, "-m", "voila", folder, "--no-browser", "--Voila.ip=127.0.0.1",
                   f"--port={self.port}", *KERNEL_ENCRYPTION, *args]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"Voilà exited: {self.log_text()[-2000:]}")
            try:
                urllib.request.urlopen(self.url, timeout=5).close()
                return
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("Voilà did not start within 60 s")
                time.sleep(0.3)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    def app_url(self, notebook):
        return f"{self.url}voila/render/{notebook}"

    def log_text(self):
        if not self.log.closed:
            self.log.flush()
        return (self.home / "voila.log").read_text()


# ------------------------------------------------------------------------------------------ console
class ConsoleLog:
    """Every console error and uncaught exception of a page, from before it loads (attach first).

    ``harmless``: predicates on an entry ``(kind, text, url)`` for messages a test has shown to come from
    outside the dashboards (each with a comment saying why); :meth:`errors` leaves them out."""

    def __init__(self, page, harmless=()):
        self.entries, self.harmless = [], tuple(harmless)
        page.on("console", lambda m: m.type == "error" and self.entries.append(
            ("console.error", m.text, (m.location or {}).get("url", ""))))
        page.on("pageerror", lambda e: self.entries.append(("pageerror", f"{e}\n{getattr(e, 'stack', '')}", "")))

    def errors(self):
        return [e for e in self.entries if not any(h(*e) for h in self.harmless)]


# ------------------------------------------------------------------------------------------ JupyterLab
class NotebookPage:
    """One notebook open in JupyterLab in a Playwright page (its console errors recorded from the start)."""

    opened = 0

    def __init__(self, lab, page, notebook, folder="notebooks"):
        """Open ``folder/notebook`` (``folder`` relative to the project, default ``notebooks``)."""
        self.lab, self.page = lab, page
        self.console = ConsoleLog(page)
        # a new workspace per page, so JupyterLab does not reopen earlier notebooks beside it
        NotebookPage.opened += 1
        workspace = f"test-{os.getpid()}-{NotebookPage.opened}"
        page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{folder}/{notebook}?token={lab.token}")
        page.wait_for_selector(".jp-NotebookPanel", timeout=60_000)
        lab.wait_for_idle_kernel()
        self.wait_idle()

    def run_all(self, timeout=180):
        """Run > Run All Cells, retried until a prompt shows it started; wait until all ran."""
        page = self.page
        for _ in range(5):
            page.click("text=Run", timeout=10_000)
            page.click("text=Run All Cells", timeout=10_000)
            try:
                page.wait_for_function(
                    "() => [...document.querySelectorAll('.jp-InputArea-prompt')]"
                    ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))", timeout=10_000)
                break
            except Exception:
                page.keyboard.press("Escape")
        page.wait_for_function(
            "() => { const ps = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];"
            " return ps.length > 0 && ps.every(p => /\\[\\d+\\]/.test(p.textContent)); }",
            timeout=timeout * 1000)
        self.wait_idle()

    def wait_idle(self, timeout=60):
        # attached, not visible: in a narrow window the toolbar moves the indicator into its overflow menu
        self.page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached",
                                    timeout=timeout * 1000)

    def errors(self):
        """Texts of error and stderr/warning outputs shown anywhere in the notebook."""
        return self.page.eval_on_selector_all(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
            ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']",
            "els => els.map(e => e.textContent)")

    def sidebar_open(self):
        return self.page.evaluate("() => !!document.querySelector('#jp-left-stack:not(.lm-mod-hidden)')")

    def set_sidebar(self, open_):
        """Open the file browser in the left sidebar, or collapse the sidebar (as a teacher would)."""
        if open_ and not self.sidebar_open():
            self.page.click(".jp-SideBar [data-id='filebrowser']")
        elif not open_ and self.sidebar_open():
            self.page.keyboard.press("Control+b")  # View > Show Left Sidebar
        self.page.wait_for_function("want => !!document.querySelector('#jp-left-stack:not(.lm-mod-hidden)') === want",
                                    arg=bool(open_), timeout=10_000)


def screenshot(page, folder, name):
    """The window as the learner sees it, to tests/screenshots/<folder>/<name>.png."""
    folder = SCREENSHOTS / folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


# ------------------------------------------------------------------------------------------ the package
class Package:
    """The dashboards built in the test process: the View the package computes for given control values."""

    #: What a page of symlab.lab.pages.PAGES may say, besides its grid: how the builder sets up the dashboard
    PAGE_KEYS = {"title", "module", "factory", "grid", "record_every"}

    def __init__(self, pages=False):
        """``pages``: build each dashboard as tools/build_pages.py does for its static page (``record_every``)."""
        self.pages, self.dashboards, self.defaults, self.views = pages, {}, {}, {}

    def dashboard(self, stem):
        if stem not in self.dashboards:
            module, name = DASHBOARDS[stem].split(":")
            dash = getattr(importlib.import_module(module), name)()
            if self.pages:
                from symlab.lab.pages import PAGES

                page = PAGES[stem]
                assert set(page) <= self.PAGE_KEYS, f"PAGES[{stem!r}] has {set(page) - self.PAGE_KEYS}: " \
                                                   "tests/browser.py's Package does not know how to apply it"
                assert f"symlab.lab.{page['module']}:{page['factory']}" == DASHBOARDS[stem], page
                if "record_every" in page:
                    dash.record_every = page["record_every"]
            self.dashboards[stem], self.defaults[stem] = dash, dash.values()
        return self.dashboards[stem]

    def view(self, stem, values):
        """The View for these control values (controls not named: their starting values), as the dashboard
        computes what a learner set: each control set quietly (no refresh, no adjusting of other controls),
        then ``Dashboard.compute(values, cache=False)`` (cached here, not in the dashboard, whose cache holds
        its starting View from before ``record_every`` was set for a page)."""
        dash = self.dashboard(stem)
        for name, value in {**self.defaults[stem], **values}.items():
            dash.set_quietly(name, value)
        settings = dash.settings(dash.values())
        key = (stem, tuple(sorted(settings.items())))
        if key not in self.views:
            self.views[key] = dash.compute(dash.values(), cache=False)
        return self.views[key]

    def widget_values(self, stem, controls):
        """The control values shown by ipywidgets boxes (``controls``: from :data:`STATE_JS`), by name.

        A dropdown shows its option's label. A slider's handle sits on its grid of steps (``aria-valuetext``:
        the value, or a log slider's exponent) and its readout prints the value with a few digits; a value
        between steps (a start value such as 0.5 on a log grid, or one set by another control) shows as the
        readout says, so: the package's current value if the readout agrees with it, else the grid value if
        the readout agrees with that, else the readout's number."""
        dash = self.dashboard(stem)
        by_label = {c.description: (name, c) for name, c in dash.controls.items()}
        values = {}
        for shown in controls:
            if shown["label"] not in by_label:
                raise AssertionError(f"the page shows a control {shown['label']!r} that the package's "
                                     f"{DASHBOARDS[stem]} does not have ({sorted(by_label)})")
            name, control = by_label[shown["label"]]
            kind = type(control).__name__
            if kind == "Dropdown":
                labels = [str(label).replace("\xa0", " ") for label in control._options_labels]
                values[name] = control._options_values[labels.index(shown["option"].replace("\xa0", " "))]
                continue
            position = float(shown["handle"])
            steps = round((position - control.min) / control.step)
            grid = control.min + steps * control.step
            if kind == "FloatLogSlider":
                grid = control.base ** grid
            elif kind == "IntSlider":
                grid = int(round(grid))
            readout, tolerance = readout_value(shown["readout"])
            agrees = lambda v: abs(v - readout) <= tolerance  # noqa: E731
            values[name] = (control.value if agrees(control.value) else grid if agrees(grid)
                            else type(control.value)(readout))
        return values


def readout_value(text):
    """A slider readout's number and half its last digit (what the printed digits leave open)."""
    text = text.strip().replace("−", "-")
    match = re.fullmatch(r"-?\d*(?:\.(\d*))?(?:e([+-]?\d+))?", text)
    if not match:
        raise AssertionError(f"cannot read the slider readout {text!r}")
    decimals, exponent = len(match.group(1) or ""), int(match.group(2) or 0)
    return float(text), 0.5 * 10.0 ** (exponent - decimals) * (1 + 1e-9)


def page_values(page_data, run):
    """A static page's control values for ``run`` (``body[data-run]``: each control's index in its grid), as
    its data holds them (``controls``: name, label, kind and [label, value] choices)."""
    indices = [int(i) for i in run.split(",")]
    assert len(indices) == len(page_data["controls"]), (run, page_data["controls"])
    return {c["name"]: c["choices"][i][1] for c, i in zip(page_data["controls"], indices)}


def text_of(markup):
    """HTML as the browser shows its text: no tags, entities decoded, spaces collapsed (an HTML parser, as
    the browser's: a "<" that starts no tag, as in "< 1e-11", is text)."""
    from html.parser import HTMLParser

    parts = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parts).split())


def pick(value, frame):
    """A per-frame value (a list: one per frame) or a constant (as panels.js picks it)."""
    return value[min(frame, len(value) - 1)] if isinstance(value, list) else value


def mismatches(state, view, rel=1e-4, absolute=1e-4):
    """How what the page drew (``state``, from :data:`STATE_JS`) differs from ``view`` at the frame shown:
    the frame's epoch, readout, "E of N" and panel titles exactly; per panel and layer the kind, the count
    of finite values drawn exactly and their sum within ``rel`` (the browser sums float32 values in
    double, in another order). Empty when they agree."""
    problems = []
    spec, frame = view.spec, state["frame"]
    frames = spec["frames"]
    if frame is None or not 0 <= frame < len(frames):
        return [f"frame {frame} is not one of the view's {len(frames)} frames"]
    if state["epoch"] != frames[frame]:
        problems.append(f"data-epoch {state['epoch']} != epoch {frames[frame]} of frame {frame}")
    if (state["run"] or "") != (spec.get("key") or ""):
        problems.append(f"data-run {state['run']!r} != the view's key {spec.get('key')!r}")
    if text_of(state["readout"]) != text_of(pick(spec["readout"], frame)):
        problems.append(f"readout {text_of(state['readout'])!r} != {text_of(pick(spec['readout'], frame))!r}")
    call = (spec.get("call") or "").replace("{epoch}", str(frames[frame]))
    if state.get("call") != call:  # the one line that rebuilds the view (tests/test_views.py evaluates it)
        problems.append(f"one-line call {state.get('call')!r} != {call!r}")
    if len(frames) > 1 and not spec.get("frame_labels"):
        expected = f"{frames[frame]} of {spec.get('last_epoch', frames[-1])}"
        if state["epochText"] != expected:
            problems.append(f"epoch output {state['epochText']!r} != {expected!r}")
    if len(state["panels"]) != len(spec["panels"]):
        return problems + [f"{len(state['panels'])} panels drawn, the view has {len(spec['panels'])}"]
    for i, (shown, panel) in enumerate(zip(state["panels"], spec["panels"])):
        if shown["title"] != pick(panel["title"], frame):
            problems.append(f"panel {i} title {shown['title']!r} != {pick(panel['title'], frame)!r}")
        drawn = shown["drawn"]
        if drawn is None:
            problems.append(f"panel {i}: nothing drawn (no data-drawn)")
            continue
        if drawn["frame"] != frame or drawn["epoch"] != frames[frame]:
            problems.append(f"panel {i} drew frame {drawn['frame']} (epoch {drawn['epoch']}), the root shows "
                            f"frame {frame} (epoch {frames[frame]})")
        expected = view.digest(i, frame)
        if [d["kind"] for d in drawn["layers"]] != [d["kind"] for d in expected]:
            problems.append(f"panel {i} layers {[d['kind'] for d in drawn['layers']]} != "
                            f"{[d['kind'] for d in expected]}")
            continue
        for j, (got, want) in enumerate(zip(drawn["layers"], expected)):
            if got["n"] != want["n"] or got.get("tiles") != want.get("tiles") or not math.isclose(
                    got["sum"], want["sum"], rel_tol=rel, abs_tol=absolute):
                problems.append(f"panel {i} layer {j} ({want['kind']}): drew n={got['n']} sum={got['sum']!r}"
                                f"{' tiles=%s' % got.get('tiles') if 'tiles' in want else ''}, the package "
                                f"computes n={want['n']} sum={want['sum']!r}"
                                f"{' tiles=%s' % want.get('tiles') if 'tiles' in want else ''}")
    return problems


# ------------------------------------------------------------------------------------------ the page
#: Everything a test reads from a dashboard at once (argument: the dashboard's element, or body on a page).
STATE_JS = r"""
(scope) => {
  const root = scope.querySelector('.symlab-panels');
  const num = v => (v === undefined || v === null || v === '') ? null : Number(v);
  const controls = [...scope.querySelectorAll('.widget-inline-hbox')].filter(b => b.querySelector('label.widget-label'))
    .map(box => {
      const select = box.querySelector('select'), handle = box.querySelector('.noUi-handle');
      const readout = box.querySelector('.widget-readout');
      return {label: box.querySelector('label.widget-label').textContent.trim(),
              option: select ? (select.options[select.selectedIndex] || {}).value : null,
              handle: handle ? handle.getAttribute('aria-valuetext') : null,
              readout: readout ? readout.textContent.trim() : null};
    });
  if (!root) return {controls, root: false, pageRun: document.body.dataset.run || null};
  const scrub = root.querySelector('.symlab-scrub');
  return {
    controls, root: true, pageRun: document.body.dataset.run || null,
    frame: num(root.dataset.frame), epoch: num(root.dataset.epoch), run: root.dataset.run ?? null,
    drawnAt: num(root.dataset.drawnAt), font: num(root.dataset.font),
    readout: root.querySelector('.symlab-readout').innerHTML,
    epochText: root.querySelector('.symlab-epoch').textContent,
    call: root.querySelector('.symlab-code').textContent,
    play: root.querySelector('.symlab-play').textContent,
    scrubShown: !!scrub && getComputedStyle(scrub).display !== 'none',
    scrubber: (s => ({min: num(s.min), max: num(s.max), value: num(s.value)}))(root.querySelector('.symlab-scrubber')),
    panels: [...root.querySelectorAll('figure.symlab-panel')].map(f => {
      const c = f.querySelector('canvas');
      return {title: f.querySelector('.symlab-title').textContent,
              legend: f.querySelector('.symlab-legend').textContent,
              drawn: c && c.dataset.drawn ? JSON.parse(c.dataset.drawn) : null};
    }),
  };
}
"""

#: Each canvas's pixels (what the learner sees), to compare over time.
IMAGES_JS = "(scope) => [...scope.querySelectorAll('.symlab-panels canvas')].map(c => c.toDataURL())"

#: Record every frame the renderer shows from now on (a MutationObserver on the root's data-frame).
RECORD_FRAMES_JS = r"""
(root) => {
  if (window.__symlabFrames) window.__symlabFrames.observer.disconnect();
  const seen = [];
  const observer = new MutationObserver(records => { for (const r of records) seen.push(Number(r.target.dataset.frame)); });
  observer.observe(root, {attributes: true, attributeFilter: ['data-frame']});
  window.__symlabFrames = {seen, observer};
}
"""

#: Scroll an element's top to the top of the visible area, until it stays there: JupyterLab renders the cells
#: near the window only, and a cell rendered above moves what is below it; it may also scroll its active cell
#: back into view. Settled when the element sits at the same place for three frames in a row (at the top, or
#: as high as the scroller goes).
SCROLL_TOP_JS = r"""
async (e) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  let last = null, still = 0;
  for (let i = 0; i < 40 && still < 3; i++) {
    e.scrollIntoView({block: 'start', inline: 'nearest'});
    await frame();
    const y = e.getBoundingClientRect().top;
    still = last !== null && Math.abs(y - last) < 0.5 ? still + 1 : 0;
    last = y;
  }
}
"""

#: The projector rule, measured (argument: {top: the element to scroll to the top of the visible area,
#: jupyter: whether the visible area is JupyterLab's notebook area (else the window)}). Every control, the
#: readout, the scrubber row and each panel's title, canvas and legend: its box, and how far it sticks out of
#: the visible area; horizontal scrolling; every slider track's width; every text's computed font size.
LAYOUT_JS = r"""
async (el, opts) => {
  const outer = opts.jupyter ? (el.closest('.jp-WindowedPanel-outer') || el.closest('.jp-NotebookPanel')) : null;
  const areaNow = () => {
    if (outer) { const o = outer.getBoundingClientRect();  // the notebook area, without its scroll bar
                 return {left: o.left, top: o.top, right: o.left + outer.clientWidth, bottom: o.top + outer.clientHeight}; }
    const d = document.documentElement;
    return {left: 0, top: 0, right: d.clientWidth, bottom: d.clientHeight};
  };
  await (SCROLL_TOP_JS)(opts.top ? document.querySelector(opts.top) : el);
  const area = areaNow();
  const rendered = e => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const boxes = [];
  const add = (name, e) => {
    if (!rendered(e)) return;
    const r = e.getBoundingClientRect();
    boxes.push({name, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
                over: {left: area.left - r.left, right: r.right - area.right, top: area.top - r.top, bottom: r.bottom - area.bottom}});
  };
  const label = box => ((box.querySelector('label.widget-label') || box).textContent || '').trim().slice(0, 40);
  for (const box of el.querySelectorAll('.widget-inline-hbox')) add(`control '${label(box)}'`, box);
  for (const box of el.querySelectorAll('.page-controls > label')) add(`control '${label(box)}'`, box);
  const root = el.querySelector('.symlab-panels');
  add('readout', root.querySelector('.symlab-readout'));
  add('play button', root.querySelector('.symlab-play'));
  add('scrubber', root.querySelector('.symlab-scrubber'));
  add('epoch output', root.querySelector('.symlab-epoch'));
  root.querySelectorAll('figure.symlab-panel').forEach((f, i) => {
    add(`panel ${i} title`, f.querySelector('.symlab-title'));
    add(`panel ${i} canvas`, f.querySelector('canvas'));
    const legend = f.querySelector('.symlab-legend');
    if (legend.textContent.trim()) add(`panel ${i} legend`, legend);
  });
  // horizontal scrolling: the dashboard wider than its box, or any scrolling box around it wider than its view
  const scrolls = [];
  if (el.scrollWidth > el.clientWidth + 1) scrolls.push({name: 'the dashboard', by: el.scrollWidth - el.clientWidth});
  for (let a = el.parentElement; a; a = a.parentElement) {
    const x = getComputedStyle(a).overflowX;
    if ((a === document.documentElement || x === 'auto' || x === 'scroll') && a.scrollWidth > a.clientWidth + 1)
      scrolls.push({name: `${a.tagName.toLowerCase()}.${String(a.className).split(' ').slice(0, 3).join('.')}`,
                    by: a.scrollWidth - a.clientWidth});
  }
  // slider tracks
  const tracks = [];
  for (const box of el.querySelectorAll('.widget-slider')) {
    const t = box.querySelector('.noUi-target') || box.querySelector('.slider-container');
    if (rendered(t)) tracks.push({name: `slider '${label(box)}'`, width: t.getBoundingClientRect().width});
  }
  for (const input of el.querySelectorAll('input[type=range]'))
    if (rendered(input)) tracks.push({name: input.classList.contains('symlab-scrubber') ? 'scrubber' : `slider '${input.name}'`,
                                      width: input.getBoundingClientRect().width});
  // every rendered text: elements with their own text, and form controls that show text
  const fonts = [];
  for (const e of el.querySelectorAll('*')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const shows = ['SELECT', 'BUTTON', 'OUTPUT'].includes(e.tagName) || e.classList.contains('widget-readout');
    if ((own || shows) && rendered(e) && e.tagName !== 'OPTION')
      fonts.push({name: `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} '${(e.textContent || '').trim().slice(0, 30)}'`,
                  px: parseFloat(getComputedStyle(e).fontSize)});
  }
  const canvases = [...root.querySelectorAll('figure.symlab-panel canvas')].map(c => ({
    css: c.getBoundingClientRect().width, styled: parseFloat(c.style.width), pixels: c.width}));
  return {area, boxes, scrolls, tracks, fonts, canvases, dataFont: Number(root.dataset.font), dpr: window.devicePixelRatio};
}
"""


LAYOUT_JS = LAYOUT_JS.replace("(SCROLL_TOP_JS)", f"({SCROLL_TOP_JS.strip()})")


def assert_fits(where, **layouts):
    """The projector rule (:func:`projector_problems`) for each measurement (``when=layout``), every breach
    of every one listed in one failure."""
    problems = [f"{when.replace('_', ' ')}: {p}" for when, layout in layouts.items() for p in projector_problems(layout)]
    assert not problems, f"{where}:" + "".join(f"\n  {p}" for p in problems)


def projector_problems(layout):
    """What breaks the projector rule in a :data:`LAYOUT_JS` measurement, each with its element and numbers."""
    problems = []
    for box in layout["boxes"]:
        for side, by in box["over"].items():
            if by > 0.5:
                problems.append(f"{box['name']} sticks out {by:.1f} px past the {side} of the visible area "
                                f"(box {box['left']:.0f}..{box['right']:.0f} x {box['top']:.0f}..{box['bottom']:.0f}, "
                                f"area {layout['area']['left']:.0f}..{layout['area']['right']:.0f} x "
                                f"{layout['area']['top']:.0f}..{layout['area']['bottom']:.0f})")
    for scroll in layout["scrolls"]:
        problems.append(f"horizontal scrolling: {scroll['name']} is {scroll['by']:.0f} px wider than its view")
    for track in layout["tracks"]:
        if track["width"] < MIN_TRACK - 0.5:
            problems.append(f"{track['name']} track is {track['width']:.0f} px wide (< {MIN_TRACK})")
    for font in layout["fonts"]:
        if font["px"] < MIN_FONT - 0.01:
            problems.append(f"text {font['name']} is {font['px']:g} px (< {MIN_FONT})")
    if not layout["dataFont"] >= MIN_FONT:
        problems.append(f"canvas text (data-font) is {layout['dataFont']} px (< {MIN_FONT})")
    for i, c in enumerate(layout["canvases"]):
        if abs(c["css"] - c["styled"]) > 1 or abs(c["pixels"] - round(c["styled"] * layout["dpr"])) > 1:
            problems.append(f"panel {i} canvas is not drawn at its size: {c['pixels']} pixels for {c['styled']} CSS px "
                            f"(x {layout['dpr']}), shown {c['css']:.1f} CSS px wide")
    if not layout["boxes"] or not layout["tracks"]:
        problems.append(f"nothing measured: {layout['boxes']!r}, {layout['tracks']!r}")
    return problems


class Dashboard:
    """A dashboard on a page (JupyterLab, Voilà or a static page), read through the DOM contract, and the
    package's View for the values its controls show.

    ``scope``: a locator of the element that holds the controls and the panels (``.symlab-dashboard``, or a
    static page's body); ``values``: state -> control values (the package's names); ``package``: a
    :class:`Package`; ``stem``: the dashboard (a key of :data:`DASHBOARDS`)."""

    def __init__(self, page, scope, stem, package, values):
        self.page, self.scope, self.stem, self.package, self._values = page, scope, stem, package, values
        self.root = scope.locator(".symlab-panels")

    def state(self):
        return self.scope.evaluate(STATE_JS)

    def values(self, state=None):
        return self._values(state or self.state())

    def expected(self, state=None):
        """(control values, the package's View for them) for the state shown."""
        values = self.values(state)
        return values, self.package.view(self.stem, values)

    def check(self, what, timeout=60, moved=None, frame=None):
        """Wait until what is drawn equals what the package computes for the controls shown, and return
        (state, values, view); fail after ``timeout`` s with every difference.

        ``moved``: control values before a change: the values shown must differ from them (the control moved)
        before the drawing is compared. ``frame``: a function view -> the frame that must be shown."""
        deadline, problems = time.time() + timeout, ["nothing read yet"]
        while True:
            state = self.state()
            if not state["root"]:
                problems = ["no .symlab-panels"]
            else:
                values = self.values(state)
                if moved is not None and values == moved:
                    problems = [f"the controls still show {values}"]
                else:
                    view = self.package.view(self.stem, values)
                    problems = mismatches(state, view)
                    if not problems and frame is not None and state["frame"] != frame(view):
                        problems = [f"frame {state['frame']} shown, expected frame {frame(view)}"]
                    if not problems:
                        return state, values, view
            if time.time() > deadline:
                raise AssertionError(f"{self.stem}, {what}: the page does not show what the package computes "
                                     f"after {timeout} s:\n  " + "\n  ".join(problems[:20]))
            time.sleep(0.25)

    def images(self):
        return tuple(self.scope.evaluate(IMAGES_JS))

    def steady(self, what, seconds=1.0, samples=5):
        """No flicker: every canvas's pixels stay the same over ``seconds`` (sampled ``samples`` times);
        returns them."""
        first = self.images()
        assert first and all(first), f"{self.stem}, {what}: no canvas pixels"
        for _ in range(samples - 1):
            time.sleep(seconds / (samples - 1))
            again = self.images()
            changed = [i for i, (a, b) in enumerate(zip(first, again)) if a != b]
            assert not changed and len(again) == len(first), \
                f"{self.stem}, {what}: panels {changed} changed within {seconds} s with nothing moved (flicker)"
        return first

    # ----- moving things
    def slider_box(self, label):
        return self.scope.locator(".widget-inline-hbox", has=self.page.locator(
            f"label.widget-label:text-is('{label}')")).first

    def drag_widget_slider(self, label, by=60):
        """Drag an ipywidgets slider's handle with the mouse by ``by`` CSS px (towards its far end if the
        handle is in the first half of its track, else back)."""
        box = self.slider_box(label)
        handle = box.locator(".noUi-handle")
        low, high, now = (float(handle.get_attribute(a)) for a in ("aria-valuemin", "aria-valuemax", "aria-valuenow"))
        direction = 1 if now <= (low + high) / 2 else -1
        self._drag(handle, direction * by)

    def drag_range(self, name, by=60):
        """Drag a static page's ``<input type=range name>`` thumb with the mouse by ``by`` CSS px (at least 60%
        of its track: a range over two choices needs more than half of it)."""
        field = self.scope.locator(f".page-controls input[type=range][name='{name}']")
        low, high, now = (float(field.evaluate(f"e => e.{a}")) for a in ("min", "max", "value"))
        box = in_view(self.page, field)
        by = max(by, 0.6 * box["width"])
        thumb = 16  # Chromium's range thumb (CSS px); the drag starts on it
        x = box["x"] + thumb / 2 + (box["width"] - thumb) * (now - low) / max(1, high - low)
        direction = 1 if now <= (low + high) / 2 else -1
        self._drag_at(x, box["y"] + box["height"] / 2, direction * by)

    def _drag(self, locator, by):
        box = in_view(self.page, locator)
        self._drag_at(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, by)

    def _drag_at(self, x, y, by):
        mouse = self.page.mouse
        mouse.move(x, y)
        mouse.down()
        mouse.move(x + by, y, steps=10)
        mouse.up()

    def choose(self, label, option):
        """Choose ``option`` (its label) in the dropdown labelled ``label`` (ipywidgets or a static page)."""
        select = self.scope.locator(".widget-inline-hbox", has=self.page.locator(
            f"label.widget-label:text-is('{label}')")).locator("select")
        if not select.count():
            select = self.scope.locator(".page-controls label", has_text=label).locator("select")
        in_view(self.page, select)
        select.select_option(label=option)

    def scrub(self, key):
        """Press ``key`` (ArrowLeft, Home, End …) on the scrubber, focused: real key presses."""
        scrubber = self.root.locator(".symlab-scrubber")
        in_view(self.page, scrubber)
        scrubber.focus()
        self.page.keyboard.press(key)

    def play(self, timeout=60):
        """Click ▶ play and record every frame shown until it stops by itself; returns the frames."""
        self.root.evaluate(RECORD_FRAMES_JS)
        button = self.root.locator(".symlab-play")
        in_view(self.page, button)
        button.click()
        self.page.wait_for_function(
            "(root) => root.querySelector('.symlab-play').textContent.includes('play')"
            " && window.__symlabFrames.seen.length",
            arg=self.root.element_handle(), timeout=timeout * 1000)
        seen = self.page.evaluate("() => window.__symlabFrames.seen.slice()")
        shown = [f for k, f in enumerate(seen) if k == 0 or f != seen[k - 1]]  # a redraw of the same frame
        return shown

    def to_top(self):
        """Scroll the dashboard's top to the top of the window (or of JupyterLab's notebook area)."""
        self.scope.evaluate(SCROLL_TOP_JS)

    def shot(self, folder, name):
        """A screenshot with the dashboard's top at the top (what a learner sees of it)."""
        self.to_top()
        return screenshot(self.page, folder, name)

    def layout(self, top=None, jupyter=False):
        return self.scope.evaluate(LAYOUT_JS, dict(top=top, jupyter=jupyter))


def in_view(page, locator, tries=10):
    """Scroll ``locator`` to the middle of the window (JupyterLab may scroll the notebook back to its active
    cell once); its bounding box once it is inside the window."""
    height = page.viewport_size["height"]
    for _ in range(tries):
        locator.evaluate("e => e.scrollIntoView({block: 'center'})")
        box = locator.bounding_box()
        if box and 0 <= box["y"] and box["y"] + box["height"] <= height:
            return box
        time.sleep(0.2)
    raise AssertionError(f"could not scroll {locator} into the window")


def output_area(dash):
    """The output area of the notebook cell that shows ``dash`` (JupyterLab's own cell-resize handle for its
    side-by-side mode, ``.jp-CellResizeHandle``, sits beside it in the cell, not in the output)."""
    return dash.scope.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), "
                              "' jp-OutputArea ')][1]")


def resize_handles(scope):
    """Classes of resize handles inside ``scope`` (ipympl's figure, or any class containing 'resiz')."""
    return scope.evaluate("(e) => [...e.querySelectorAll('.jupyter-matplotlib, [class*=resiz], [class*=Resiz]')]"
                          ".map(x => String(x.className))")


def widget_dashboard(page, stem, package):
    """The one dashboard of a notebook or a Voilà app (ipywidgets controls above the panels)."""
    scope = page.locator(".symlab-dashboard")
    scope.first.wait_for(state="attached", timeout=60_000)
    assert scope.count() == 1, f"{scope.count()} dashboards on the page"
    page.locator(".symlab-dashboard .symlab-panels canvas[data-drawn]").first.wait_for(state="attached",
                                                                                        timeout=60_000)
    return Dashboard(page, scope, stem, package, lambda state: package.widget_values(stem, state["controls"]))


def widget_moves(dash):
    """MOVES[stem] as functions for browser.exercise: drag the slider, choose the dropdown option."""
    slider, dropdown = MOVES[dash.stem]

    def drag():
        dash.drag_widget_slider(slider)
        return f"dragging {slider!r} with the mouse"

    def choose():
        dash.choose(*dropdown)
        return f"choosing {dropdown[1]!r} in {dropdown[0]!r}"

    return dict(slider=drag if slider else None, dropdown=choose if dropdown else None)


def exercise(dash, shot, slider=None, dropdown=None):
    """Drive a dashboard with the keyboard and the mouse, checking after every step that what is drawn equals
    what the package computes for the controls shown (:meth:`Dashboard.check`), and that nothing flickers.

    1. as opened; 2. keyboard on the scrubber: End, ArrowLeft, Home, then ArrowRight three times (the epoch
    kept for step 3); 3. ``slider`` (a function that drags one with the mouse) and ``dropdown`` (one that
    chooses an option): each retrains, keeping the epoch shown; 4. End, then ▶ play: every recorded frame
    shown in order from the first to the last. ``shot(name)`` takes a screenshot."""
    state, values, view = dash.check("as opened")
    dash.steady("as opened")
    frames = len(view.spec["frames"])
    if frames == 1:  # a dashboard of one moment: no scrubber, no play
        assert not state["scrubShown"], f"{dash.stem}: a scrubber over one frame"
    else:
        assert state["scrubShown"] and state["scrubber"]["max"] == frames - 1, state["scrubber"]
        last = lambda v: len(v.spec["frames"]) - 1  # noqa: E731
        for key, frame in [("End", last), ("ArrowLeft", lambda v: last(v) - 1), ("Home", lambda v: 0)]:
            dash.scrub(key)
            dash.check(f"{key} on the scrubber", timeout=10, frame=frame)
        for _ in range(3):
            dash.page.keyboard.press("ArrowRight")
        state, values, view = dash.check("ArrowRight x 3 on the scrubber", timeout=10,
                                         frame=lambda v: min(3, frames - 1))
        time.sleep(0.3)  # the kernel hears of the frame within 150 ms (it keeps this epoch when it retrains)
    for name, move in [("slider", slider), ("dropdown", dropdown)]:
        if move is None:
            continue
        epoch, run = state["epoch"], state["run"]
        what = move()
        state, values, view = dash.check(what, moved=values, frame=lambda v: v.frame_of(epoch))
        assert state["run"] and state["run"] != run, \
            f"{dash.stem}, {what}: data-run (the View's key) is {state['run']!r}, before {run!r}: it names no new " \
            "setting"
        dash.steady(what)
        shot(f"after-{name}")
    frames = len(view.spec["frames"])
    if frames > 1:
        dash.scrub("End")
        dash.check("End on the scrubber", timeout=10, frame=lambda v: frames - 1)
        # let the kernel hear of the frame (at most 150 ms later) and its echo come back before playing: an echo
        # that lands after ▶ play started sets the frame back (a race of its own, not what this step tests)
        time.sleep(0.6)
        shown = dash.play(timeout=60 + frames * (view.spec.get("play_ms") or 40) / 1000 * 5)
        skipped = sorted(set(range(frames)) - set(shown))
        assert shown == list(range(frames)), (
            f"{dash.stem}: ▶ play showed frames {shown[:12]}{'…' if len(shown) > 12 else ''} "
            f"({len(shown)} changes; never shown: {skipped[:20]}), not every frame 0 … {frames - 1} in order")
        dash.check("after ▶ play", timeout=10, frame=lambda v: frames - 1)
    return state, values, view
