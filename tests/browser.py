"""Drive JupyterLab in headless Chromium with Playwright (helpers for tests/test_browser.py).

A :class:`Lab` starts its own JupyterLab server on 127.0.0.1 (free port, own token,
own settings and workspace folders, so no "Select Kernel" dialog or news toast),
and :class:`NotebookPage` opens a notebook, runs all cells and reads widgets and
canvases. The selectors were checked against JupyterLab 4.6 / ipywidgets 8 /
ipympl 0.10, in Debian's chromium driven by Playwright for Python.
"""

import json
import os
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
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}


#: What the README's `jupyter lab` command adds: CurveZMQ keys for every kernel (jupyter_client >= 8.10 and a
#: kernelspec that declares support, as ipykernel 7.4's does), so no kernel start prints "Kernel is running
#: over TCP without encryption".
KERNEL_ENCRYPTION = ["--KernelManager.transport_encryption=auto"]


#: The two projector set-ups of issue 12. Browser zoom at 125% on a 1024 x 768 window is what Chromium's
#: device scale factor 1.25 on an 819 x 614 CSS-pixel viewport is: window.innerWidth = 1024 / 1.25 and
#: devicePixelRatio = 1.25, the two numbers JupyterLab's layout and ipympl's canvases read (ipympl then
#: draws at 90 x 1.25 dpi). Playwright sets both per page, so one browser serves both set-ups; the
#: screenshot is 1024 x 768 device pixels, what the projector shows.
VIEWPORTS = {
    "1024-filebrowser": dict(page=dict(viewport={"width": 1024, "height": 768}, device_scale_factor=1),
                             sidebar=True),
    "1024-zoom125": dict(page=dict(viewport={"width": 819, "height": 614}, device_scale_factor=1.25),
                         sidebar=False),
}

# Where a dashboard sits on the page: its canvases, the notebook area, sliders (CSS pixels). JupyterLab 4
# renders only the cells near the window (CSS content-visibility), so each element is scrolled into the
# middle of the window, and measured a frame later.
LAYOUT_JS = r"""
async (output) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const seen = async (e, measure) => { e.scrollIntoView({block: 'center'}); await frame(); return measure(e); };
  const outer = output.closest('.jp-WindowedPanel-outer') || output.closest('.jp-NotebookPanel');
  const o = outer.getBoundingClientRect();  // the notebook area, without its scroll bar
  const area = {left: o.left, right: o.left + outer.clientWidth, top: o.top, bottom: o.top + outer.clientHeight};
  const canvases = [];
  for (const c of output.querySelectorAll('.jupyter-matplotlib-canvas-div canvas:first-child'))
    canvases.push(await seen(c, c => ({rect: box(c), css: parseFloat(c.style.width),
                                       figure: box(c.closest('.jupyter-matplotlib-figure'))})));
  const sliders = [];
  for (const s of output.querySelectorAll('.widget-slider'))
    sliders.push(await seen(s, s => ({label: (s.querySelector('label.widget-label') || {}).textContent || '',
                                      track: box(s.querySelector('.noUi-base') || s.querySelector('.noUi-target'))})));
  const scrolls = [outer, output].map(e => [e.scrollWidth, e.clientWidth]);
  return {area, output: box(output), canvases, sliders, scrolls, dpr: window.devicePixelRatio};
}
"""


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
    """A JupyterLab server rooted at the project, started for the tests and stopped after."""

    def __init__(self):
        self.port = free_port()
        self.token = os.urandom(12).hex()
        self.home = Path(tempfile.mkdtemp(prefix="symlab-lab-"))
        for name, values in LAB_SETTINGS.items():
            path = self.home / "settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(self.home / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"),
                   JUPYTER_RUNTIME_DIR=str(self.home / "runtime"))
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                   f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={ROOT}",
                   "--LabApp.news_url=", "--allow-root", *KERNEL_ENCRYPTION]
        self.log = open(self.home / "server.log", "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT)
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

    def __init__(self, folder="apps"):
        self.port = free_port()
        self.home = Path(tempfile.mkdtemp(prefix="symlab-voila-"))
        self.log = open(self.home / "voila.log", "w")
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(self.home / "runtime"))
        command = [sys.executable, "-m", "voila", folder, "--no-browser", "--Voila.ip=127.0.0.1",
                   f"--port={self.port}", *KERNEL_ENCRYPTION]
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
        self.log.flush()
        return (self.home / "voila.log").read_text()


class NotebookPage:
    """One notebook open in JupyterLab in a Playwright page."""

    opened = 0

    def __init__(self, lab, page, notebook, folder="notebooks"):
        """Open ``folder/notebook`` (``folder`` relative to the project, default ``notebooks``)."""
        self.lab, self.page = lab, page
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

    def canvases(self):
        """The ipympl figure canvases (each canvas div also holds a rubber-band overlay canvas)."""
        return self.page.query_selector_all(".jupyter-matplotlib-canvas-div canvas:first-child")

    def canvas_image(self, index=0):
        """The ipympl canvas's pixels as a data URL (what the learner sees)."""
        return self.canvases()[index].evaluate("c => c.toDataURL()")

    def canvas_images(self):
        """Every canvas's pixels (a dashboard has one canvas per panel)."""
        return tuple(canvas.evaluate("c => c.toDataURL()") for canvas in self.canvases())

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

    def readout(self):
        """Text of the dashboard readout (the HTML widget that starts 'distinct hidden units')."""
        texts = self.page.eval_on_selector_all(".widget-html-content", "els => els.map(e => e.textContent)")
        matches = [t for t in texts if "distinct hidden units" in t]
        return matches[0] if matches else ""

    def control(self, description):
        """The widget element whose label is ``description`` (e.g. 'init scheme')."""
        return self.page.locator(".widget-inline-hbox", has=self.page.locator(
            f"label.widget-label:text-is('{description}')")).first

    def screenshot(self, folder, name):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path
