"""Drive JupyterLab in headless Chromium with Playwright (helpers for tests/test_browser.py).

A :class:`Lab` starts its own JupyterLab server on 127.0.0.1 (free port, own token,
own settings and workspace folders, so no "Select Kernel" dialog or news toast),
and :class:`NotebookPage` opens a notebook, runs all cells and reads widgets and
canvases. The selectors were checked against JupyterLab 4.6 / ipywidgets 8 /
ipympl 0.10 (../shared/TESTING.md).
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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
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
                   "--LabApp.news_url=", "--allow-root"]
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

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


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
