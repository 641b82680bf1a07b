"""What a learner feels: control change -> kernel -> the canvas changed, in JupyterLab in a real browser.

For every dashboard notebook (a notebook in notebooks/ whose code has a ``%matplotlib widget``
line) this opens the notebook in JupyterLab in headless Chromium (tests/browser.py's ``Lab`` and
``NotebookPage``), runs all cells and finds each dashboard on the page: an ipympl canvas and the
controls beside it, named by their descriptions. Then, per control:

* retraining controls (sliders, dropdowns, toggle buttons): ``--repeats`` changes aimed at NEW
  settings, near the defaults (a slider alternates between two neighbouring values, a dropdown
  cycles its options; when the next setting was seen before, another control - a seed if there is
  one - is moved first, unmeasured; when that runs out, the slider walks on), then ``--cached``
  changes between two settings just seen. The kind of each change is not guessed: the benchmark
  asks the kernel how many misses the package's ``functools.lru_cache`` functions have had,
  before and after it ("new" = something was trained, "cached" = nothing was). The notebook's own
  cells fill those caches too, so some changes aimed at new settings come out "cached".
* the epoch scrubber (a slider whose description matches ``--scrub-pattern``): ``--repeats``
  steps along the recorded epochs (only a redraw).
After each control the settings go back to where they started.

One measurement = from the key press / option select (timestamped in the page by a capturing
event listener) to the first animation frame in which the canvas pixels (every canvas of the
dashboard: one per panel) differ from the last frame before it (compared inside the page on every requestAnimationFrame, so there is no Python round
trip in the measured path; resolution: one frame, 16.7 ms). "settled" = to the last frame that
changed before the canvas stood still. Between changes the benchmark waits until the kernel is
idle and the canvas has not changed for ``--quiet-ms``.

Questions to the kernel go through a second client on the same kernel, over a comm (installed by
one silent execution before measuring): an execution would run IPython's post_execute hooks, and
matplotlib's hook redraws every stale figure, which the benchmark would then be measuring.

In the same run, the naive pattern for comparison: a temporary notebook (in a folder under
benchmarks/, deleted afterwards) that draws notebook 01's three panels (hidden-unit outputs, rows
of dW1, loss) with ``ipywidgets.interact`` + ``%matplotlib inline``, retraining with the public
``symlab.MLP`` + ``symlab.train`` on every change; its latency ends when the inline PNG ``<img>``
of the output changes. Ratio = naive median / dashboard median.

``--profile`` also times, inside the kernel and for the very changes measured in the browser,
the parts of each update: compute (time inside the package's cached functions: training on a
miss), PNG encoding (ipympl's ``get_diff_image``) and the rest of the kernel's update and draw
(artists, Agg rendering, widget messages); remainder = browser latency - kernel time = message
transport + the front end's decoding and painting. It finds the dashboards by their base class's
name (``Dashboard``) and the caches by scanning ``symlab.*`` modules, so it survives modules
moving; if it finds nothing it says so.

    .venv/bin/python benchmarks/browser_latency.py                 # all dashboards + naive, ~12 min
    .venv/bin/python benchmarks/browser_latency.py --only 01 --profile
    .venv/bin/python benchmarks/browser_latency.py --repeats 5 --only 06 --skip-naive --verbose  # a quick look

Needs Chromium (/usr/bin/chromium) and Playwright (requirements-test.txt); JupyterLab's autosave
is turned off for the run, so the notebooks on disk are left as they are.

Also in the same run, the floor: one line blitted on one small ipympl canvas by a continuous slider
(kernel work ~3 ms), so what is left is the round trip browser -> kernel -> browser and the painting,
which no kernel-drawn dashboard can beat (``--skip-floor`` leaves it out).

Goals (issue 10): at default settings every retraining control p50 <= 100 ms and p95 <= 200 ms;
scrubbing p50 <= 30 ms; new settings >= 4x faster than the naive pattern. Exits 0 whether or not
the goals are met (it is a measurement, not a test); it exits 1 only if nothing could be measured.
"""

import argparse
import json
import os
import queue
import re
import shutil
import statistics
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, Lab, NotebookPage  # noqa: E402

GOAL_RETRAIN = (100.0, 200.0)  # p50, p95 (ms) for every retraining control
GOAL_SCRUB = 30.0              # p50 (ms) for the epoch scrubber
GOAL_RATIO = 4.0               # naive median / dashboard median (new settings)
VIEWPORT = {"width": 1400, "height": 1000}
# JupyterLab autosaves open notebooks every 120 s: a run of several minutes would write the
# executed notebooks (outputs, widget state) over the repository's files.
NO_AUTOSAVE = ("@jupyterlab/docmanager-extension/plugin.jupyterlab-settings", {"autosave": False})

# ---------------------------------------------------------------- in the page
WATCHER_JS = r"""
() => {
  if (window.__bl) return;
  const st = {armed: false, t0: null, t1: null, el: null, before: null};
  const mark = () => { if (st.armed && st.t0 === null) st.t0 = performance.now(); };
  for (const type of ["keydown", "input", "change", "pointerdown", "mousedown"])
    document.addEventListener(type, mark, true);  // capture: the first event of the user's action
  // what the learner sees: the pixels of a dashboard's canvases (one per panel, concatenated), or
  // the src of the image in an output area
  const pixels = c => new Uint32Array(c.getContext("2d").getImageData(0, 0, c.width, c.height).data.buffer);
  const snap = el => {
    if (el.tagName === "CANVAS") return pixels(el);
    const canvases = [...el.querySelectorAll(".jupyter-matplotlib-canvas-div canvas:first-child")];
    if (canvases.length) {
      const parts = canvases.map(pixels), all = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) { all.set(p, at); at += p.length; }
      return all;
    }
    const img = el.querySelector("img");
    return img ? img.src : "";
  };
  const same = (a, b) => {
    if (typeof a === "string" || typeof b === "string") return a === b;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  const blank = s => typeof s === "string" ? s === "" : !s.some(v => v !== 0);
  const idle = () => {
    const i = document.querySelector(".jp-Notebook-ExecutionIndicator");
    return !i || i.getAttribute("data-status") === "idle";
  };
  window.__bl = {
    // start watching el: until the action, keep the latest frame; after it, stop at the first frame that
    // differs (and is not blank: an output area being cleared is not the new picture)
    arm(el) {
      Object.assign(st, {el, before: snap(el), t0: null, t1: null, armed: true});
      const tick = () => {
        if (!st.armed || st.el !== el) return;
        const now = snap(el);
        if (st.t0 === null) st.before = now;
        else if (!same(now, st.before) && !blank(now)) { st.t1 = performance.now(); st.armed = false; return; }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    wait(timeoutMs) {
      return new Promise(resolve => {
        const start = performance.now();
        const poll = () => {
          if (st.t1 !== null) return resolve({ms: st.t1 - st.t0});
          if (performance.now() - start > timeoutMs) {
            st.armed = false;
            return resolve({ms: null, acted: st.t0 !== null});
          }
          requestAnimationFrame(poll);
        };
        poll();
      });
    },
    // until the kernel is idle and el has not changed (and is not blank) for quietMs:
    // {settled: false if timed out, last: ms from the action to the last frame that changed el}
    quiet(el, quietMs, timeoutMs) {
      return new Promise(resolve => {
        const start = performance.now();
        let last = snap(el), since = start, changed = st.t1;
        const tick = () => {
          const now = snap(el), t = performance.now();
          if (!same(now, last)) changed = t;
          if (!same(now, last) || !idle() || blank(now)) { last = now; since = t; }
          const result = settled => ({settled, last: st.t0 !== null && changed !== null ? changed - st.t0 : null});
          if (t - since >= quietMs) return resolve(result(true));
          if (t - start > timeoutMs) return resolve(result(false));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
  };
}
"""

# Marks every app on the page (data-bl-dash / data-bl-target / data-bl-control attributes) and
# describes its controls. mode "ipympl": a canvas and the controls of its enclosing VBox;
# mode "interact": an interact VBox and its output area.
DISCOVER_JS = r"""
(mode) => {
  const roots = [];
  if (mode === "ipympl") {
    for (const canvas of document.querySelectorAll(".jupyter-matplotlib-canvas-div canvas:first-child")) {
      const figure = canvas.closest(".jupyter-matplotlib");
      const root = figure && figure.parentElement && figure.parentElement.closest(".widget-vbox");
      // the target is the dashboard itself: every canvas in it is watched (one per panel)
      if (root && !roots.some(r => r.root === root)) roots.push({root, target: root});
    }
  } else {
    for (const root of document.querySelectorAll(".widget-interact")) {
      const target = root.querySelector(".widget-output");
      if (target) roots.push({root, target});
    }
  }
  const found = [];
  for (const {root, target} of roots) {
    const controls = [];
    for (const box of root.querySelectorAll(".widget-inline-hbox")) {
      if (box.closest(".jupyter-matplotlib")) continue;
      const label = (box.querySelector("label.widget-label") || {}).textContent || "";
      let kind = null;
      if (box.querySelector(".noUi-handle")) kind = "slider";
      else if (box.querySelector("select")) kind = "dropdown";
      else if (box.querySelector("button.widget-toggle-button")) kind = "toggle";
      else if (box.querySelector("input[type=checkbox]")) kind = "checkbox";
      if (kind && label.trim()) controls.push({box, label: label.trim(), kind});
    }
    if (!controls.length) continue;
    const d = found.length;
    root.setAttribute("data-bl-dash", d);
    target.setAttribute("data-bl-target", d);
    controls.forEach((c, i) => { c.box.setAttribute("data-bl-control", i); c.box.setAttribute("data-bl-kind", c.kind); });
    found.push(controls.map(c => ({label: c.label, kind: c.kind})));
  }
  return found;
}
"""

READ_JS = r"""
(d) => [...document.querySelectorAll(`[data-bl-dash="${d}"] [data-bl-control]`)].map(box => {
  const kind = box.getAttribute("data-bl-kind");
  if (kind === "slider") {
    const h = box.querySelector(".noUi-handle"), r = box.querySelector(".widget-readout");
    return {value: r ? r.textContent.trim() : h.getAttribute("aria-valuenow"),
            now: +h.getAttribute("aria-valuenow"), min: +h.getAttribute("aria-valuemin"),
            max: +h.getAttribute("aria-valuemax")};
  }
  if (kind === "dropdown") {
    const s = box.querySelector("select");
    const options = [...s.options].map(o => o.text);
    return {value: s.selectedIndex >= 0 ? options[s.selectedIndex] : "", index: s.selectedIndex,
            count: options.length, options};
  }
  if (kind === "toggle") {
    const bs = [...box.querySelectorAll("button.widget-toggle-button")];
    const i = bs.findIndex(b => b.classList.contains("mod-active"));
    const options = bs.map(b => b.textContent.trim());
    return {value: i >= 0 ? options[i] : "", index: i, count: bs.length, options};
  }
  const c = box.querySelector("input[type=checkbox]");
  return {value: String(c.checked), index: +c.checked, count: 2};
})
"""

# ------------------------------------------------------------ in the kernel
# Runs in the notebook's kernel (sent by a second client): a module in sys.modules, so the
# learner's namespace is untouched. Finds what it needs by name, imports nothing from symlab.
PROBE_SOURCE = r'''
def _install_browser_latency_probe():
    import functools, gc, json, sys, time, types

    probe = types.ModuleType("_browser_latency_probe")
    events = []      # (what, start, end), perf_counter seconds
    depth = [0]
    restore = []     # (object, attribute, original or None = delete the instance attribute)

    def symlab_modules():
        return [(n, m) for n, m in list(sys.modules.items())
                if m is not None and (n == "symlab" or n.startswith("symlab."))]

    def cached_functions():
        """The package's functools.lru_cache functions (the run caches), each once."""
        found = {}
        for name, module in symlab_modules():
            for obj in list(vars(module).values()):
                original = getattr(obj, "_probe_original", obj)
                if callable(getattr(original, "cache_info", None)) and getattr(original, "__module__", None) == name:
                    found[id(original)] = original
        return list(found.values())

    def misses():
        return sum(f.cache_info().misses for f in cached_functions())

    def dashboards():
        found = []
        for obj in gc.get_objects():
            try:
                mro = type(obj).__mro__
            except Exception:
                continue
            if any(c.__name__ == "Dashboard" for c in mro) and hasattr(obj, "controls") and (
                    hasattr(obj, "fig") or hasattr(obj, "figs")):
                found.append(obj)
        return found

    def timed(what, fn, outermost=False):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if outermost and depth[0]:
                return fn(*args, **kwargs)
            depth[0] += outermost
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                events.append((what, start, time.perf_counter()))
                depth[0] -= outermost
        wrapper._probe_original = fn
        return wrapper

    def instrument():
        """Time every dashboard update, canvas draw, PNG encoding and cached computation from now on."""
        dashes = dashboards()
        caches = cached_functions()
        if not dashes:
            raise RuntimeError("no Dashboard object found in the kernel (searched by base-class name "
                               "'Dashboard' with .controls and .fig): was the class renamed?")
        found = dict(dashboards=len(dashes), cached_functions=len(caches), refresh=0, canvases=0)
        for d in dashes:
            if callable(getattr(d, "refresh", None)):
                d.refresh = timed("update", d.refresh)
                restore.append((d, "refresh", None))
                found["refresh"] += 1
            for fig in getattr(d, "figs", [d.fig]):  # one figure per panel, or one for all
                canvas = getattr(fig, "canvas", None)
                if callable(getattr(canvas, "get_diff_image", None)):  # ipympl
                    canvas.draw = timed("draw", canvas.draw)
                    canvas.get_diff_image = timed("png", canvas.get_diff_image)
                    restore.extend([(canvas, "draw", None), (canvas, "get_diff_image", None)])
                    found["canvases"] += 1
        wrappers = {id(f): timed("compute", f, outermost=True) for f in caches}
        for w, f in zip(wrappers.values(), caches):
            w.cache_info, w.cache_clear = f.cache_info, f.cache_clear
        for name, module in symlab_modules():
            for attr, obj in list(vars(module).items()):
                if id(obj) in wrappers:
                    setattr(module, attr, wrappers[id(obj)])
                    restore.append((module, attr, obj))
        return json.dumps(found)

    def uninstrument():
        while restore:
            obj, attr, original = restore.pop()
            if original is None:
                obj.__dict__.pop(attr, None)
            else:
                setattr(obj, attr, original)
        return json.dumps("ok")

    def take():
        """Cache misses so far and the kernel's time for the events since the last take (ms)."""
        evs = events[:]
        del events[:]
        updates = [(s, e) for w, s, e in evs if w == "update"]
        inside = lambda s, e: any(us <= s and e <= ue for us, ue in updates)
        front_draws = [(s, e) for w, s, e in evs if w == "draw" and not inside(s, e)]
        total = lambda spans: 1e3 * sum(e - s for s, e in spans)
        return json.dumps(dict(
            misses=misses(), cached_functions=len(cached_functions()),
            kernel=total(updates + front_draws), update=total(updates), draw_requested=total(front_draws),
            compute=total([(s, e) for w, s, e in evs if w == "compute"]),
            png=total([(s, e) for w, s, e in evs if w == "png"]),
            updates=len(updates), draws=sum(w == "draw" for w, _, _ in evs), events=len(evs)))

    # Questions come as comm messages, not executions: every execution, even a silent empty one,
    # runs IPython's post_execute hooks, and matplotlib's hook redraws every stale figure
    # (a blitting dashboard's figure is stale after each update): a full draw we would have caused.
    commands = dict(take=take, instrument=instrument, uninstrument=uninstrument)

    def on_open(comm, open_msg):
        @comm.on_msg
        def answer(msg):
            data = msg["content"]["data"]
            try:
                reply = commands[data["cmd"]]()
            except Exception as error:
                reply = json.dumps({"error": f"{type(error).__name__}: {error}"})
            comm.send({"id": data.get("id"), "reply": reply})

    import comm as comm_package
    comm_package.get_comm_manager().register_target("browser_latency_probe", on_open)
    probe.misses, probe.take, probe.instrument, probe.uninstrument = misses, take, instrument, uninstrument
    sys.modules["_browser_latency_probe"] = probe

_install_browser_latency_probe()
del _install_browser_latency_probe
'''

# ------------------------------------------------------------ naive pattern
NAIVE_SOURCE = [
    "%matplotlib inline\n"
    "import ipywidgets as widgets\n"
    "import matplotlib.pyplot as plt\n"
    "import numpy as np\n"
    "import symlab",

    "# the usual notebook: retrain from scratch and draw a new figure on every change\n"
    "X, Y = symlab.make_dataset('circles', 200, 0.1, 0)\n"
    "probe = np.vstack([np.linspace(-1.5, 1.5, 121), np.zeros(121)])\n"
    "\n"
    "def show(scheme, scale, hidden):\n"
    "    net = symlab.MLP([2, hidden, 1], 'tanh', scheme, scale, 0)\n"
    "    history = symlab.train(net, X, Y, epochs=200, lr=1.5, record=[0, 200], probe=probe)\n"
    "    snap = history.snapshots[max(history.snapshots)]  # a diverged run stops early\n"
    "    fig, axes = plt.subplots(1, 3, figsize=(9.6, 3.4), dpi=90)  # the dashboard's size\n"
    "    for row in snap.hidden:\n"
    "        axes[0].plot(probe[0], row)\n"
    "    axes[0].set_title('Hidden-unit outputs')\n"
    "    axes[1].imshow(np.hstack([snap.grads['dW1'], snap.grads['db1']]), cmap='RdBu_r', aspect='auto')\n"
    "    axes[1].set_title('rows of dW1 | db1')\n"
    "    axes[2].semilogy(history.loss)\n"
    "    axes[2].set_title('Training loss')\n"
    "    plt.show()\n"
    "\n"
    "widgets.interact(\n"
    "    show,\n"
    "    scheme=widgets.Dropdown(options=symlab.SCHEMES, value='constant', description='init scheme'),\n"
    "    scale=widgets.FloatLogSlider(value=0.5, base=10, min=-3, max=2, step=0.1, description='init scale'),\n"
    "    hidden=widgets.IntSlider(value=8, min=1, max=64, description='hidden units'));",
]


# The floor: what any kernel-drawn picture costs here. One line on one 279 x 261 px ipympl canvas,
# blitted (symlab's Blitter) on every value of a continuous slider: the kernel works ~3 ms, the rest is
# the comm round trip (browser -> server -> kernel -> server -> browser), decoding and painting.
FLOOR_SOURCE = [
    "%matplotlib widget\n"
    "import ipywidgets as widgets\n"
    "import numpy as np\n"
    "from ipympl.backend_nbagg import Canvas, FigureManager\n"
    "from matplotlib.figure import Figure\n"
    "from symlab.lab.figures import Blitter",

    "fig = Figure(figsize=(3.1, 2.9), dpi=90)\n"
    "canvas = Canvas(fig)\n"
    "FigureManager(canvas, 0)\n"
    "canvas.header_visible = canvas.toolbar_visible = canvas.footer_visible = False\n"
    "canvas.syncing_data_url = False\n"
    "ax = fig.add_axes((0.2, 0.2, 0.7, 0.7))\n"
    "x = np.linspace(0, 6, 100)\n"
    "line, = ax.plot(x, np.sin(x))\n"
    "ax.set_ylim(-1.2, 1.2)\n"
    "blitter = Blitter([fig], lambda: [line])\n"
    "blitter.render(None)\n"
    "slider = widgets.IntSlider(0, 0, 200, description='epoch', continuous_update=True)\n"
    "def show(change):\n"
    "    line.set_ydata(np.sin(x + change.new / 10))\n"
    "    blitter.render(0)\n"
    "slider.observe(show, names='value')\n"
    "widgets.VBox([slider, canvas])",
]


# ----------------------------------------------------------------- results
@dataclass
class Sample:
    notebook: str
    dashboard: str
    control: str
    kind: str             # new / cached / retrain (could not tell) / scrub / naive
    ms: float = None      # to the first frame that differs; None: the picture did not change within the timeout
    last_ms: float = None  # to the last frame that changed before the picture settled
    kernel: dict = field(default_factory=dict)


def percentile(values, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    values = sorted(values)
    if not values:
        return float("nan")
    position = (len(values) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def log(message):
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------- the kernel
class KernelProbe:
    """A second client on the notebook's kernel: asks it for cache misses and (optionally) timings.

    PROBE_SOURCE is executed once (before any measurement); after that every question goes
    through a comm, which the kernel handles like a widget message: no execution, no hooks.
    """

    def __init__(self, lab, profile):
        from jupyter_client import BlockingKernelClient

        kernels = lab.kernels()
        if len(kernels) != 1:
            raise RuntimeError(f"expected one kernel, found {len(kernels)}")
        connection = lab.home / "runtime" / f"kernel-{kernels[0]['id']}.json"
        self.client = BlockingKernelClient(connection_file=str(connection))
        self.client.load_connection_file()
        self.client.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=False)
        self.execute(PROBE_SOURCE)
        self.comm_id, self.asked = os.urandom(8).hex(), 0
        self.send("comm_open", {"comm_id": self.comm_id, "target_name": "browser_latency_probe", "data": {}})
        for attempt in range(5):  # the first replies can be lost while the iopub subscription connects
            try:
                self.call("take", timeout=3)
                break
            except TimeoutError:
                if attempt == 4:
                    raise
        self.instrumented = None
        if profile:
            try:
                self.instrumented = self.call("instrument")
            except RuntimeError as error:
                log(f"  --profile: {error}")

    def send(self, msg_type, content):
        self.client.shell_channel.send(self.client.session.msg(msg_type, content))

    def execute(self, code, timeout=60):
        msg_id = self.client.execute(code, silent=True, store_history=False, allow_stdin=False)
        deadline = time.time() + timeout
        while True:
            reply = self.client.get_shell_msg(timeout=max(0.1, deadline - time.time()))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")

    def call(self, command, timeout=60):
        """Ask the probe in the kernel; its JSON answer, decoded."""
        self.asked += 1
        self.send("comm_msg", {"comm_id": self.comm_id, "data": {"cmd": command, "id": self.asked}})
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                msg = self.client.get_iopub_msg(timeout=max(0.05, deadline - time.time()))
            except queue.Empty:
                break
            content = msg["content"]
            if (msg["msg_type"] == "comm_msg" and content.get("comm_id") == self.comm_id
                    and content["data"].get("id") == self.asked):
                answer = json.loads(content["data"]["reply"])
                if isinstance(answer, dict) and "error" in answer:
                    raise RuntimeError(f"kernel: {answer['error']}")
                return answer
        raise TimeoutError(f"no answer from the kernel to {command!r} within {timeout} s")

    def take(self):
        return self.call("take")

    def close(self):
        try:
            if self.instrumented:
                self.call("uninstrument")
        finally:
            self.client.stop_channels()


# ------------------------------------------------------------ one dashboard
class App:
    """One dashboard (or the naive interact) on the page: its controls, moved and timed."""

    def __init__(self, bench, page, index, controls, notebook, name, probe=None):
        self.bench, self.page, self.index = bench, page, index
        self.controls, self.notebook, self.name, self.probe = controls, notebook, name, probe
        self.args = bench.args
        self.target = page.locator(f'[data-bl-target="{index}"]').element_handle()
        self.visited = set()
        self.memo = {}          # (state, control, move) -> state
        self.slider_steps = {}  # (control, value, move) -> value: where a slider's step leads
        self.walk = {}          # control -> "R"/"L": direction of the last slider move
        self.previous = {}      # control -> option index before its last change
        self.misses = None
        self.no_change = []     # (control, move) whose change never reached the picture

    # ---- reading and moving
    def read(self):
        return self.page.evaluate(READ_JS, self.index)

    def state(self, values=None):
        """The settings: every control's value except the scrubbers'."""
        values = values or self.read()
        return tuple(v["value"] for c, v in zip(self.controls, values) if not c["scrub"])

    def box(self, i):
        return self.page.locator(f'[data-bl-dash="{self.index}"] [data-bl-control="{i}"]')

    def act(self, i, move):
        kind = self.controls[i]["kind"]
        if kind == "slider":
            self.box(i).locator(".noUi-handle").press("ArrowRight" if move == "R" else "ArrowLeft")
        elif kind == "dropdown":
            self.box(i).locator("select").select_option(index=move)
        elif kind == "toggle":
            self.box(i).locator("button.widget-toggle-button").nth(move).click()
        else:
            self.box(i).locator("input[type=checkbox]").click()

    def settle(self, quiet_ms=None, timeout_s=None):
        """Wait until the kernel is idle and the picture still; returns ms from the last action to its last change."""
        timeout_s = timeout_s or self.args.timeout
        result = self.page.evaluate("([el, q, t]) => window.__bl.quiet(el, q, t)",
                                    [self.target, quiet_ms or self.args.quiet_ms, 1000 * timeout_s])
        if not result["settled"]:
            log(f"  {self.name}: the picture did not settle within {timeout_s} s")
        return result["last"]

    def step(self, i, move):
        """Move control i; (ms until the picture first changed, ms until it last changed), None if it did not."""
        old = self.read()
        before = self.state(old)
        self.page.evaluate("el => window.__bl.arm(el)", self.target)
        self.act(i, move)
        result = self.page.evaluate("t => window.__bl.wait(t)", 1000 * self.args.timeout)
        last = self.settle()
        if result["ms"] is None:
            self.no_change.append((self.controls[i]["label"], move, result.get("acted")))
        values = self.read()
        after = self.state(values)
        self.memo[(before, i, move)] = after
        if self.controls[i]["kind"] == "slider" and after != before:
            back = "L" if move == "R" else "R"
            self.memo[(after, i, back)] = before
            self.slider_steps[(i, old[i]["value"], move)] = values[i]["value"]
            self.slider_steps[(i, values[i]["value"], back)] = old[i]["value"]
        self.visited.add(after)
        if self.args.verbose:
            shown = "no change" if result["ms"] is None else f"{result['ms']:.0f} ms"
            log(f"    {self.controls[i]['label']} {move}: {shown} -> {after}")
        return result["ms"], last if result["ms"] is not None else None

    def take(self):
        return self.probe.take() if self.probe else {}

    def measured(self, i, move, kind=None):
        """One timed change; kind from the kernel's cache misses unless given."""
        control = self.controls[i]
        if self.probe and self.misses is None:
            self.misses = self.take()["misses"]
        ms, last = self.step(i, move)
        kernel = self.take()
        if kind is None:
            if not kernel.get("cached_functions"):
                kind = "retrain"  # no lru caches found: cannot tell new from cached
            else:
                kind = "new" if kernel["misses"] > self.misses else "cached"
        if kernel:
            self.misses = kernel["misses"]
        if self.args.verbose:
            log(f"      measured: {kind}")
        sample = Sample(self.notebook, self.name, control["label"], kind, ms, last,
                        kernel if self.probe and self.probe.instrumented else {})
        self.bench.samples.append(sample)
        return sample

    def unmeasured(self, i, move):
        self.step(i, move)
        if self.probe:
            self.misses = self.take()["misses"]

    # ---- choosing moves
    # A "state" is the tuple of the settings shown (every control but the scrubbers). Changes aimed at
    # new settings go to a state not visited yet; what a move leads to is predicted from what the
    # dropdown says or what the same slider step did before (None = not known: assumed new).
    def slider_move(self, i, values, prefer):
        """``prefer`` ("R"/"L") if the handle can go that way, else the other way, else None."""
        v = values[i]
        can = {"R": v["now"] < v["max"] - 1e-9, "L": v["now"] > v["min"] + 1e-9}
        if can[prefer]:
            return prefer
        other = "L" if prefer == "R" else "R"
        return other if can[other] else None

    def moves(self, i, values):
        """Moves that change control i, preferred first: a slider goes back the way it came, a dropdown on."""
        c, v = self.controls[i], values[i]
        if c["kind"] == "slider":
            first = self.slider_move(i, values, "L" if self.walk.get(i) == "R" else "R")
            other = {"R": "L", "L": "R"}.get(first)
            return [m for m in (first, other) if m and self.slider_move(i, values, m) == m]
        if c["kind"] == "checkbox":
            return ["click"]
        return [(v["index"] + k) % v["count"] for k in range(1, v["count"])]

    def predicted(self, state, i, move):
        """The state after moving control i from ``state``, or None if not known yet."""
        if (state, i, move) in self.memo:
            return self.memo[(state, i, move)]
        c, k = self.controls[i], self.position[i]
        if c["kind"] in ("dropdown", "toggle"):
            value = self.options[i][move]
        elif c["kind"] == "slider" and (i, state[k], move) in self.slider_steps:
            value = self.slider_steps[(i, state[k], move)]
        else:
            return None
        return state[:k] + (value,) + state[k + 1:]

    def is_new(self, state):
        return state is None or state not in self.visited

    def plan(self, i, helper_first=False, depth=6):
        """(helper moves, move of i) for the next change aimed at a new setting: i alone if it can,
        else first the fewest unmeasured moves of one other control (a seed first) that make it new."""
        values = self.read()
        state = self.state(values)
        own = self.moves(i, values)[:1] if self.controls[i]["kind"] == "slider" else self.moves(i, values)
        if not helper_first:
            for m in own:
                if self.is_new(self.predicted(state, i, m)):
                    return [], m
        for steps in range(1, depth + 1):
            for h in self.helpers(i):
                for hm in self.moves(h, values):
                    if steps > 1 and self.controls[h]["kind"] != "slider":
                        continue  # a dropdown reaches each option in one move
                    after = state
                    for _ in range(steps):
                        after = self.predicted(after, h, hm) if after is not None else None
                    for m in own:
                        if after is None or self.is_new(self.predicted(after, i, m)):
                            return [(h, hm)] * steps, m
        if self.controls[i]["kind"] == "slider":  # every setting near here seen: walk on
            walk = self.slider_move(i, values, self.walk.get(i, "R"))
            if walk:
                return [], walk
        return [], (own or [None])[0]

    def helpers(self, i):
        """The other settings, in the order tried for making a change of i new: seeds, sliders, the rest."""
        others = [j for j, c in enumerate(self.controls) if j != i and not c["scrub"]]
        rank = lambda j: (not re.search("seed", self.controls[j]["label"], re.I),
                          self.controls[j]["kind"] != "slider", j)
        return sorted(others, key=rank)

    def do(self, i, move, timed=True, kind=None):
        if self.controls[i]["kind"] == "slider":
            self.walk[i] = move
        else:
            self.previous[i] = self.read()[i]["index"]
        if timed:
            return self.measured(i, move, kind)
        self.unmeasured(i, move)

    # ---- the measurements
    def reset(self, start):
        """Bring every setting back to ``start`` (dropdowns first: a scheme can move a slider)."""
        values = self.read()
        order = sorted(range(len(self.controls)), key=lambda j: self.controls[j]["kind"] == "slider")
        for j in order:
            if self.controls[j]["kind"] == "slider":
                for _ in range(500):
                    now, goal = self.read()[j]["now"], start[j]["now"]
                    if abs(now - goal) < 1e-9:
                        break
                    self.act(j, "R" if now < goal else "L")  # a burst: the kernel catches up below
            elif values[j]["index"] != start[j]["index"]:
                self.act(j, start[j]["index"])
            values = self.read()
        self.settle(quiet_ms=max(400, self.args.quiet_ms), timeout_s=3 * self.args.timeout)
        self.visited.add(self.state())
        if self.probe:
            self.misses = self.take()["misses"]

    def measure_scrubber(self, i, n):
        """Step along the recorded epochs (back from the end, turning at either end)."""
        for _ in range(n):
            values = self.read()
            move = self.slider_move(i, values, self.walk.get(i, "L"))
            if move is None:
                return
            self.do(i, move, kind=self.controls[i].get("as", "scrub"))

    def measure_retraining(self, i, n_new, n_cached):
        stale = False  # the last change aimed at a new setting was in the kernel's cache after all
        for _ in range(n_new):
            # the notebook's own cells trained some settings: after a miss, move another control first
            helper_moves, move = self.plan(i, helper_first=stale)
            if move is None:
                return
            for h, hm in helper_moves:
                if self.controls[h]["kind"] == "slider" and self.slider_move(h, self.read(), hm) != hm:
                    break  # at the end of its range
                self.do(h, hm, timed=False)
            stale = self.do(i, move).kind == "cached"
        for _ in range(n_cached):  # back and forth between two settings just seen
            values = self.read()
            moves = self.moves(i, values)
            if not moves:
                return
            if self.controls[i]["kind"] in ("dropdown", "toggle") and self.previous.get(i, -1) not in (-1, values[i]["index"]):
                moves = [self.previous[i]]
            self.do(i, moves[0])

    def run(self, repeats, n_cached):
        self.page.locator(f'[data-bl-dash="{self.index}"]').scroll_into_view_if_needed()
        self.settle(quiet_ms=max(500, self.args.quiet_ms), timeout_s=3 * self.args.timeout)
        start = self.read()
        self.visited.add(self.state(start))
        self.options = {j: v["options"] for j, v in enumerate(start) if "options" in v}
        self.position = {j: k for k, j in enumerate(j for j, c in enumerate(self.controls) if not c["scrub"])}
        if self.probe:
            self.misses = self.take()["misses"]
        for i, c in enumerate(self.controls):
            t = time.time()
            before = len(self.bench.samples)
            if c["scrub"]:
                self.measure_scrubber(i, repeats)
            elif c.get("naive"):
                self.measure_naive(i, repeats)
            else:
                self.measure_retraining(i, repeats, n_cached)
            taken = self.bench.samples[before:]
            kinds = ", ".join(f"{k} {sum(s.kind == k for s in taken)}" for k in sorted({s.kind for s in taken}))
            log(f"  {self.name} / {c['label']}: {len(taken)} changes ({kinds}) in {time.time() - t:.0f} s")
            if not c.get("naive"):
                self.reset(start)

    def measure_naive(self, i, n):
        for _ in range(n):
            moves = self.moves(i, self.read())  # every change retrains: alternate, cycle
            if not moves:
                return
            self.do(i, moves[0], kind="naive")


# ----------------------------------------------------------------- the run
class Bench:
    """The whole run: opens each notebook, measures its apps, collects samples and problems."""

    def __init__(self, args):
        self.args = args
        self.samples = []
        self.dashboards = {}      # name -> (notebook, labels)
        self.problems = []

    def open(self, browser, lab, notebook, folder="notebooks"):
        page = browser.new_page(viewport=VIEWPORT)
        try:
            t = time.time()
            nb = NotebookPage(lab, page, notebook, folder=folder)
            nb.run_all(timeout=600)
            page.evaluate(WATCHER_JS)
            log(f"{notebook}: opened and ran all cells in {time.time() - t:.1f} s")
            errors = nb.errors()
            if errors:
                shown = " | ".join(" ".join(e.split())[:200] for e in errors[:3])
                self.problems.append(f"{notebook}: after Run All the notebook shows errors or stderr: {shown}")
        except Exception:
            page.close()
            raise
        return page

    def measure_notebook(self, browser, lab, path):
        notebook = path.stem
        page = self.open(browser, lab, path.name)
        probe = None
        try:
            found = page.evaluate(DISCOVER_JS, "ipympl")
            if not found:
                self.problems.append(f"{notebook}: no dashboard (ipympl canvas with controls) found on the page")
                return
            try:
                probe = KernelProbe(lab, self.args.profile)
            except Exception as error:  # the latencies can still be measured; kinds become "retrain"
                log(f"  could not talk to the kernel ({error}); new and cached changes are not told apart")
            for index, controls in enumerate(found):
                name = f"{notebook[:2]}#{index + 1}"
                for c in controls:
                    c["scrub"] = bool(re.search(self.args.scrub_pattern, c["label"], re.I)) and c["kind"] == "slider"
                self.dashboards[name] = (notebook, [c["label"] for c in controls])
                app = App(self, page, index, controls, notebook, name, probe)
                app.run(self.args.repeats, self.args.cached)
                for label, move, acted in app.no_change:
                    self.problems.append(f"{name} {label!r}: a change (move {move!r}) did not change the canvas "
                                         f"within {self.args.timeout} s" + ("" if acted else " (no input event seen)"))
        finally:
            if probe:
                try:
                    probe.close()
                except Exception:
                    pass
            page.close()
            lab.shutdown_kernels()

    def measure_temporary(self, browser, lab, key, title, sources, kind):
        """Write ``sources`` (one code cell each) to a notebook in a temporary folder under benchmarks/, open
        it and measure the controls of its ``kind`` of output ("ipympl" canvas or "interact") as ``key``."""
        folder = ROOT / "benchmarks" / f"_browser_latency_tmp_{os.getpid()}"
        folder.mkdir()
        try:
            cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                      "source": source} for source in sources]
            notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                    "language": "python"}},
                        "nbformat": 4, "nbformat_minor": 4}
            (folder / f"{key}.ipynb").write_text(json.dumps(notebook))
            page = self.open(browser, lab, f"{key}.ipynb", folder=f"benchmarks/{folder.name}")
            try:
                found = page.evaluate(DISCOVER_JS, kind)
                if not found:
                    self.problems.append(f"{key}: the {kind} output did not appear")
                    return
                controls = found[0]
                for c in controls:
                    if key == "floor":
                        c["scrub"], c["as"] = True, "floor"
                    else:
                        c["scrub"], c["naive"] = False, True
                self.dashboards[key] = (title, [c["label"] for c in controls])
                App(self, page, 0, controls, title, key).run(self.args.repeats, 0)
            finally:
                page.close()
                lab.shutdown_kernels()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def measure_floor(self, browser, lab):
        """The round trip alone: one line blitted on one small ipympl canvas by a continuous slider."""
        self.measure_temporary(browser, lab, "floor", "floor: one line, one canvas", FLOOR_SOURCE, "ipympl")

    def measure_naive(self, browser, lab):
        """The naive pattern: interact + %matplotlib inline, retraining on every change."""
        self.measure_temporary(browser, lab, "naive", "naive interact + inline", NAIVE_SOURCE, "interact")


def dashboard_notebooks(only):
    paths = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb")
                   if any("%matplotlib widget" in "".join(cell.get("source", ""))
                          for cell in json.loads(p.read_text())["cells"] if cell["cell_type"] == "code"))
    if only:
        paths = [p for p in paths if any(p.name.startswith(o) or o in p.name for o in only)]
    return paths


# ----------------------------------------------------------------- reports
def summarize(samples):
    """(notebook, dashboard, control, kind) -> list of samples, in the order measured."""
    groups = {}
    for s in samples:
        groups.setdefault((s.notebook, s.dashboard, s.control, s.kind), []).append(s)
    return groups


def goal_text(kind):
    if kind == "floor":
        return "(the round trip)"
    if kind == "scrub":
        return f"p50<={GOAL_SCRUB:g}"
    if kind in ("new", "cached", "retrain"):
        return f"p50<={GOAL_RETRAIN[0]:g}, p95<={GOAL_RETRAIN[1]:g}"
    return "-"


def met(kind, median, p95):
    if kind == "scrub":
        return "yes" if median <= GOAL_SCRUB else "NO"
    if kind in ("new", "cached", "retrain"):
        return "yes" if median <= GOAL_RETRAIN[0] and p95 <= GOAL_RETRAIN[1] else "NO"
    return "-"


def report(bench, elapsed):
    groups = summarize(bench.samples)
    print(f"\nGoals (issue 10): at default settings every retraining control p50 <= {GOAL_RETRAIN[0]:g} ms and "
          f"p95 <= {GOAL_RETRAIN[1]:g} ms;\n  scrubbing p50 <= {GOAL_SCRUB:g} ms; >= {GOAL_RATIO:g}x faster than the "
          "naive interact + inline pattern.")
    print("\nDashboards (identified by their controls' descriptions):")
    for name, (notebook, labels) in bench.dashboards.items():
        print(f"  {name:<7} {notebook}: {', '.join(labels)}")

    print(f"\nLatency: control change -> canvas changed in the browser (ms; {bench.args.repeats} changes aimed at "
          f"new settings + {bench.args.cached} between settings just seen, per retraining control)")
    print("  (median, p95: to the first frame that differs; settled: median to the last frame that changed)")
    header = (f"{'notebook':<36} {'dash':<6} {'control':<14} {'kind':<7} {'n':>3} {'median':>7} {'p95':>7} "
              f"{'settled':>7}  {'goal':<20} {'met?':<4}")
    print(header)
    print("-" * len(header))
    medians = {}
    for (notebook, dash, control, kind), group in groups.items():
        times = [s.ms for s in group if s.ms is not None]
        missing = len(group) - len(times)
        if not times:
            print(f"{notebook:<36} {dash:<6} {control:<14} {kind:<7} {0:>3} {'-':>7} {'-':>7} {'-':>7}  "
                  f"{goal_text(kind):<20} NO   ({missing} changes never reached the canvas)")
            continue
        median, p95 = statistics.median(times), percentile(times, 95)
        medians[(dash, control, kind)] = median
        note = f"  ({missing} changes never reached the canvas)" if missing else ""
        settled = statistics.median([s.last_ms for s in group if s.last_ms is not None] or [float("nan")])
        print(f"{notebook:<36} {dash:<6} {control:<14} {kind:<7} {len(times):>3} {median:>7.1f} {p95:>7.1f} "
              f"{settled:>7.1f}  {goal_text(kind):<20} {met(kind, median, p95):<4}{note}")

    naive = {control: m for (dash, control, kind), m in medians.items() if dash == "naive"}
    naive_all = [s.ms for s in bench.samples if s.kind == "naive" and s.ms is not None]
    if naive_all:
        overall = statistics.median(naive_all)
        print(f"\nRatio = naive median / dashboard median (goal >= {GOAL_RATIO:g}x for new settings); the naive "
              f"control with the same description, else all naive changes (median {overall:.1f} ms)")
        print(f"{'dash':<6} {'control':<14} {'kind':<7} {'median':>7} {'naive':>7} {'ratio':>6}  {'met?':<4}")
        for (dash, control, kind), median in medians.items():
            if dash in ("naive", "floor") or kind in ("scrub", "floor"):
                continue
            reference = naive.get(control, overall)
            ratio = reference / median
            ok = ("yes" if ratio >= GOAL_RATIO else "NO") if kind in ("new", "retrain") else "-"
            print(f"{dash:<6} {control:<14} {kind:<7} {median:>7.1f} {reference:>7.1f} {ratio:>6.1f}  {ok:<4}")
    else:
        print("\n(no naive measurements: no ratios)")

    profiled = {key: [s for s in group if s.kernel and s.ms is not None] for key, group in groups.items()}
    profiled = {key: group for key, group in profiled.items() if group}
    if profiled:
        print("\nWhere the time goes, measured in the kernel for the same changes (medians, ms):\n"
              "  kernel = the dashboard's update + the full draws the front end asked for afterwards (req.draw);\n"
              "  compute = inside the package's cached functions (training, on a new setting); png = ipympl's PNG "
              "encoding;\n  draw+rest = kernel - compute - png (artists, Agg rendering, widget messages);\n"
              "  remainder = browser - kernel = transport + the front end decoding and painting. A negative remainder:\n"
              "  the kernel went on working after the picture had changed (a full redraw that changed nothing visible).")
        print(f"{'dash':<6} {'control':<14} {'kind':<7} {'browser':>7} {'kernel':>7} {'compute':>7} {'draw+rest':>9} "
              f"{'png':>6} {'req.draw':>8} {'remainder':>9}  hot spot")
        for (notebook, dash, control, kind), group in profiled.items():
            med = lambda f: statistics.median(f(s) for s in group)
            browser = med(lambda s: s.ms)
            kernel = med(lambda s: s.kernel["kernel"])
            compute = med(lambda s: s.kernel["compute"])
            png = med(lambda s: s.kernel["png"])
            draw = med(lambda s: s.kernel["kernel"] - s.kernel["compute"] - s.kernel["png"])
            remainder = med(lambda s: s.ms - s.kernel["kernel"])
            requested = med(lambda s: s.kernel["draw_requested"])
            parts = {"compute (training)": compute, "draw": draw, "png": png, "transport+browser": remainder}
            hot = max(parts, key=parts.get)
            print(f"{dash:<6} {control:<14} {kind:<7} {browser:>7.1f} {kernel:>7.1f} {compute:>7.1f} {draw:>9.1f} "
                  f"{png:>6.1f} {requested:>8.1f} {remainder:>9.1f}  {hot}")

    if bench.problems:
        print("\nProblems seen:")
        for problem in bench.problems:
            print(f"  - {problem}")
    print(f"\nbenchmark run time: {elapsed / 60:.1f} min ({len(bench.samples)} timed changes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=20,
                        help="changes per control (aimed at new settings for retraining controls); default 20")
    parser.add_argument("--cached", type=int, default=None,
                        help="extra changes between two settings just seen, per retraining control; default repeats/2")
    parser.add_argument("--only", action="append", default=[],
                        help="only notebooks whose name starts with / contains this (repeatable), e.g. --only 01")
    parser.add_argument("--profile", action="store_true",
                        help="also split each update's time in the kernel: compute, draw, PNG; remainder = transport + browser")
    parser.add_argument("--skip-naive", action="store_true", help="do not measure the naive interact pattern")
    parser.add_argument("--skip-floor", action="store_true",
                        help="do not measure the floor (one line blitted on one canvas: the round trip alone)")
    parser.add_argument("--scrub-pattern", default=r"\bepoch\b",
                        help="regex on a slider's description that marks an epoch scrubber (default: %(default)s)")
    parser.add_argument("--quiet-ms", type=float, default=150,
                        help="between changes: wait until the canvas has not changed for this long (default 150)")
    parser.add_argument("--timeout", type=float, default=20, help="seconds to wait for one change to show (default 20)")
    parser.add_argument("--json", type=Path, help="also write every sample to this JSON file")
    parser.add_argument("--verbose", action="store_true", help="log every control change and the settings it led to")
    args = parser.parse_args()
    if args.cached is None:
        args.cached = args.repeats // 2
    if CHROMIUM is None:
        sys.exit("needs Chromium (sudo apt-get install chromium) and Playwright (pip install -r requirements-test.txt)")
    from playwright.sync_api import sync_playwright

    notebooks = dashboard_notebooks(args.only)
    if not notebooks:
        sys.exit(f"no dashboard notebook (one with a '%matplotlib widget' line) matches --only {args.only}")
    log(f"dashboard notebooks: {', '.join(p.name for p in notebooks)}")
    stamps = {p: p.stat().st_mtime_ns for p in notebooks}

    bench = Bench(args)
    started = time.time()
    lab = Lab()
    try:
        settings = lab.home / "settings" / NO_AUTOSAVE[0]
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(NO_AUTOSAVE[1]))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for skip, measure, what in ((args.skip_naive, bench.measure_naive, "naive pattern"),
                                            (args.skip_floor, bench.measure_floor, "floor")):
                    if skip:
                        continue
                    try:
                        measure(browser, lab)
                    except Exception as error:
                        bench.problems.append(f"{what}: {type(error).__name__}: {error}")
                        traceback.print_exc()
                for path in notebooks:
                    try:
                        bench.measure_notebook(browser, lab, path)
                    except Exception as error:
                        bench.problems.append(f"{path.stem}: {type(error).__name__}: {error}")
                        traceback.print_exc()
            finally:
                browser.close()
    finally:
        lab.stop()
    changed = [p.name for p, stamp in stamps.items() if p.exists() and p.stat().st_mtime_ns != stamp]
    if changed:
        bench.problems.append(f"notebook files changed on disk during the run (edited meanwhile? JupyterLab's "
                              f"autosave is off): {changed}")
    report(bench, time.time() - started)
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in bench.samples], indent=1))
    if not bench.samples:
        sys.exit(1)


if __name__ == "__main__":
    main()
