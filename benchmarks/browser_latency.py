"""What a learner feels, in a real browser: JupyterLab, Voilà and the static pages (issue 17).

The dashboards (notebooks 01-06) are ipywidgets controls above one anywidget (``PanelsWidget``): the
kernel computes a View per setting and sends it once; the browser (``symlab/lab/web/panels.js``) draws
the canvases and scrubs and plays the recorded epochs itself. This benchmark drives headless Chromium
with Playwright and measures, in ONE run:

* **scrub**: a real key press on the focused ``.symlab-scrubber`` (``page.keyboard``) -> the next draw
  (``data-drawn-at`` of ``.symlab-panels`` changes). Timed inside the page: the time of a capturing
  ``keydown`` listener -> the draw's own ``performance.now()``; the wall time seen from Python is
  printed beside it as a cross-check. The scrubber is clicked first, as a learner would. If the arrow
  keys draw nothing (JupyterLab's notebook shortcuts match a focused range input; panels.js now stops
  them), the scrubber is stepped with PageUp/PageDown instead, and with the arrow keys again after the
  benchmark marks the ``<input>`` ``data-lm-suppress-shortcuts``, and a note says so.
* **play**: one click on ▶ play from the first frame: the interval between draws, and how many frames
  were drawn and shown (a frame counts as shown when a ``requestAnimationFrame`` callback, which runs
  before each paint, saw it).
* **retraining controls, new setting**: an input event on a control -> the first draw of the new
  View (its ``data-run``, frame and canvases' ``data-drawn`` differ from before). "New" means never
  computed by this dashboard: each change is made right after the previous View was drawn, sooner
  than the kernel's prefetch starts (``PREFETCH_AFTER``, 150 ms after an update), and goes one step
  from a state reached by moving ANOTHER control first (unmeasured), so it is never a neighbour that
  prefetching computed. Whether it really was new is not guessed: a second client on the kernel
  (``KernelProbe``) wraps the dashboard's ``compute``/``refresh``/``panels.show`` and reports, per
  update, a cache miss or hit, whether anything was trained, the kernel's time (compute; the rest of
  the update = packing + sending) and whether the update had to wait for a prefetch already running
  (those are counted, not pooled). When a small dashboard runs out of new settings (02 has nine),
  the run caches are cleared and the cell run again (JupyterLab), or the page is reloaded (Voilà: a
  new kernel).
* **seen before**: the same control back and forth between two settings just computed (cache hits).
* **naive pattern**: ``ipywidgets.interact`` + ``%matplotlib inline``, per dashboard: the same
  training with the package's run caches cleared on every change, and a new matplotlib figure with
  the same panels at the last epoch, as an inline PNG; it ends when the new ``<img>`` is decoded.
  Its notebook stays open in JupyterLab, and each dashboard's naive app is measured right after the
  dashboard. Ratio = naive median / our median for a new setting of the same dashboard.
* **static pages** (``pages/*.html``, file://, network requests blocked): first frame = navigation
  start -> the first ``data-drawn-at`` (in the page; Python's ``page.goto`` start -> the canvas seen,
  beside it), scrub and play as above, and the page's controls moving among its precomputed runs.

The dashboards are the apps of ``apps/`` (one dashboard per notebook, as Voilà serves them), copied
to a temporary folder under benchmarks/ (deleted afterwards); in the copies a ``%matplotlib widget``
line is dropped when ipympl is not installed (it would fail: the dashboards no longer use it).
Static pages come from ``pages/`` when they are newer than the renderer and the page builder, else
they are built for the run into a temporary folder (``--build-pages`` always builds them).

    .venv/bin/python benchmarks/browser_latency.py                 # everything, about 5 minutes here
    .venv/bin/python benchmarks/browser_latency.py --quick         # fewer repetitions, about 3 minutes
    .venv/bin/python benchmarks/browser_latency.py --json run.json # also every sample; --report run.json prints again
    .venv/bin/python benchmarks/browser_latency.py --only 04 --only 05 --skip voila --verbose

Bars (issue 17): scrub p50 <= 20 ms and p95 <= 40 ms in every environment; every retraining control,
new setting p50 <= 80 ms and p95 <= 150 ms; >= 4x faster than the naive pattern for new settings; a
static page's first frame <= 1 s. The kernel-side profile of a slow control: ``benchmarks/
dashboard_latency.py --profile``. Exits 0 whether or not the bars are met (a measurement, not a
test); 1 only if nothing could be measured. Needs Chromium and Playwright (requirements-test.txt).
"""

import argparse
import ast
import importlib.util
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser import CHROMIUM, CHROMIUM_ARGS, Lab, NotebookPage, Voila  # noqa: E402

BAR_SCRUB = (20.0, 40.0)     # p50, p95 (ms)
BAR_RETRAIN = (80.0, 150.0)  # p50, p95 (ms), new settings
BAR_RATIO = 4.0              # naive median / ours, new settings
BAR_FIRST = 1000.0           # ms, a static page's first frame
VIEWPORT = {"width": 1400, "height": 1000}
NO_AUTOSAVE = ("@jupyterlab/docmanager-extension/plugin.jupyterlab-settings", {"autosave": False})
DASHBOARDS = {  # number -> (app notebook, short name)
    "01": ("01_symmetry_dashboard", "01 symmetry"),
    "02": ("02_forward_and_backward_symmetry", "02 forward and backward"),
    "03": ("03_zeros_constants_and_what_breaks_symmetry", "03 zeros and constants"),
    "04": ("04_dropout_and_symmetry", "04 dropout"),
    "05": ("05_when_init_does_not_matter", "05 convex models"),
    "06": ("06_scale_saturation_and_vanishing", "06 scale"),
}
HELPER_ORDER = ("seed", "hidden units", "learning rate", "bias scale")  # moved first to reach new settings

# ---------------------------------------------------------------- in the page
# Installed in every page: a capturing listener takes the time of the first input event after arm();
# a MutationObserver takes every draw of the panels (data-drawn-at). Several draws can run in one task
# (a new View changes spec, data and frame: each change event draws); the observer sees them in one
# batch, and their times are recovered from the attribute's old values.
PAGE_JS = r"""
() => {
  if (window.__bl) return true;
  // the controls: ipywidgets (JupyterLab, Voilà) or a static page's <select>/<input type=range>
  const readWidgets = () => [...document.querySelectorAll('.symlab-dashboard .widget-inline-hbox')].map((box, i) => {
    box.dataset.blControl = i;
    const label = ((box.querySelector('label.widget-label') || {}).textContent || '').trim();
    const h = box.querySelector('.noUi-handle'), s = box.querySelector('select');
    const disabled = !!box.querySelector('[disabled]') || box.classList.contains('mod-disabled');
    if (h) {
      const r = box.querySelector('.widget-readout');
      return {i, label, kind: 'slider', value: r ? r.textContent.trim() : h.getAttribute('aria-valuenow'),
              now: +h.getAttribute('aria-valuenow'), min: +h.getAttribute('aria-valuemin'),
              max: +h.getAttribute('aria-valuemax'), disabled};
    }
    if (s) return {i, label, kind: 'dropdown', value: s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : '',
                   index: s.selectedIndex, count: s.options.length, disabled};
    return {i, label, kind: 'other', value: ''};
  });
  const readPage = () => [...document.querySelectorAll('.page-controls label')].map((box, i) => {
    box.dataset.blControl = i;
    const label = (box.firstChild && box.firstChild.nodeType === 3 ? box.firstChild : box).textContent.trim();
    const s = box.querySelector('select'), r = box.querySelector('input[type=range]');
    if (s) return {i, label, kind: 'dropdown', value: s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : '',
                   index: s.selectedIndex, count: s.options.length, disabled: s.disabled};
    return {i, label, kind: 'slider', value: (box.querySelector('output') || r).textContent || r.value,
            now: +r.value, min: +r.min, max: +r.max, disabled: r.disabled};
  });
  const read = () => document.querySelector('.page-controls') ? readPage() : readWidgets();
  const panels = () => document.querySelector('.symlab-panels');
  const signature = r => [r.dataset.run || '', r.dataset.frame || '',
      ...[...r.querySelectorAll('canvas')].map(c => c.dataset.drawn || '')].join('|');
  const st = {armed: false, t0: null, type: null, before: '', draws: [], waiter: null, first: null,
              raf: null, nbefore: '', nout: null};
  const mark = e => { if (st.armed && st.t0 === null) { st.t0 = performance.now(); st.type = e.type; } };
  for (const type of ['keydown', 'input', 'change', 'pointerdown', 'mousedown'])
    window.addEventListener(type, mark, true);
  const result = (d, after) => ({ms: d.t - st.t0, last_ms: d.last - st.t0, in_task: d.n, t0: st.t0, t1: d.t,
                                 run: d.run, frame: d.frame, changed: d.sig !== st.before, draws: after.length,
                                 type: st.type});
  const check = () => {
    const w = st.waiter;
    if (!w || st.t0 === null) return;
    const after = st.draws.filter(d => d.t >= st.t0);
    const changed = after.find(d => d.sig !== st.before);
    if (changed) {
      st.waiter = null; clearTimeout(w.timer); clearTimeout(w.same);
      const r = result(changed, after);
      r.state = read();
      if (w.fast) return w.resolve(r);
      // the next animation frame (a hidden page has none: then 250 ms later, without frame_ms)
      const done = setTimeout(() => w.resolve(r), 250);
      requestAnimationFrame(() => { clearTimeout(done); r.frame_ms = performance.now() - st.t0; w.resolve(r); });
    } else if (after.length && !w.same) {
      w.same = setTimeout(() => {
        if (st.waiter !== w) return;
        st.waiter = null; clearTimeout(w.timer); w.resolve({...result(after[0], after), state: read()});
      }, w.sameMs);
    }
  };
  new MutationObserver(records => {
    const byRoot = new Map();
    for (const m of records) {
      if (!m.target.classList || !m.target.classList.contains('symlab-panels')) continue;
      if (!byRoot.has(m.target)) byRoot.set(m.target, []);
      byRoot.get(m.target).push(m);
    }
    for (const [r, ms] of byRoot) {
      // the value each mutation wrote is the next one's old value; the last one's is the current value
      const times = ms.slice(1).map(m => Number(m.oldValue)).concat([Number(r.dataset.drawnAt)]);
      const sig = signature(r), d = {t: times[0], last: times[times.length - 1], n: times.length, sig,
                                     run: r.dataset.run || '', frame: Number(r.dataset.frame)};
      if (st.first === null) st.first = d.t;
      st.draws.push(d);
    }
    check();
  }).observe(document.documentElement, {subtree: true, attributes: true, attributeOldValue: true,
                                        attributeFilter: ['data-drawn-at']});
  window.__bl = {
    arm() {
      const r = panels();
      st.before = r ? signature(r) : ''; st.t0 = null; st.type = null; st.draws = []; st.armed = true;
      return st.before;
    },
    read,
    // until the first draw after the input event that shows something new (fast: without waiting for the
    // next frame), or after sameMs the first draw that showed the same; with the controls' state
    wait(timeoutMs, sameMs, fast) {
      return new Promise(resolve => {
        const w = {resolve, sameMs, fast, same: null, timer: null};
        w.timer = setTimeout(() => {
          if (st.waiter !== w) return;
          st.waiter = null; clearTimeout(w.same);
          resolve({ms: null, acted: st.t0 !== null, type: st.type, draws: st.draws.length, state: read()});
        }, timeoutMs);
        st.waiter = w; check();
      });
    },
    // the naive pattern: the first new <img> in interact i's output, decoded
    armNaive(i) {
      st.nout = document.querySelectorAll('.widget-interact')[i].querySelector('.widget-output');
      st.nbefore = (st.nout.querySelector('img') || {}).src || '';
      st.t0 = null; st.type = null; st.armed = true;
    },
    waitNaive(timeoutMs) {
      return new Promise(resolve => {
        const start = performance.now();
        const poll = async () => {
          const img = st.nout.querySelector('img');
          if (st.t0 !== null && img && img.src && img.src !== st.nbefore) {
            try { await img.decode(); } catch (e) {}
            return resolve({ms: performance.now() - st.t0, type: st.type});
          }
          if (performance.now() - start > timeoutMs) return resolve({ms: null, acted: st.t0 !== null});
          setTimeout(poll, 2);
        };
        poll();
      });
    },
    // ▶ play: every draw (time, frame) and the frame the panels held at each animation frame
    async play(seconds) {
      const r = panels(), button = r.querySelector('.symlab-play'), scrubber = r.querySelector('.symlab-scrubber');
      const last = Number(scrubber.max), draws = [], shown = new Set(), gaps = [];
      const observer = new MutationObserver(records => {
        const times = records.slice(1).map(m => Number(m.oldValue)).concat([Number(r.dataset.drawnAt)]);
        for (const t of times) draws.push([t, Number(r.dataset.frame)]);
      });
      observer.observe(r, {attributes: true, attributeOldValue: true, attributeFilter: ['data-drawn-at']});
      let running = true, previous = null;
      const tick = t => {
        if (previous !== null) gaps.push(t - previous);
        previous = t; shown.add(Number(r.dataset.frame));
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const start = performance.now();
      button.click();
      while (performance.now() - start < 1000 * seconds && button.textContent.includes('pause'))
        await new Promise(res => setTimeout(res, 20));
      const finished = !button.textContent.includes('pause');
      if (!finished) button.click();
      await new Promise(res => { setTimeout(res, 250); requestAnimationFrame(() => requestAnimationFrame(res)); });
      running = false; observer.disconnect();
      const frames = draws.map(d => d[1]), first = frames.length ? frames[0] : 0;
      const reached = frames.length ? Math.max(...frames) : 0;
      const drawn = new Set(frames);
      let missingDrawn = 0, missingShown = 0;
      for (let f = first; f <= reached; f++) { if (!drawn.has(f)) missingDrawn++; if (!shown.has(f)) missingShown++; }
      const intervals = draws.slice(1).map((d, i) => d[0] - draws[i][0]);
      return {last, first, reached, finished, draws: draws.length, intervals, missingDrawn, missingShown,
              rafGaps: gaps};
    },
    first() { return st.first; },
  };
  return true;
}
"""

# Static pages: the time of the first draw, taken from the start of the document
FIRST_DRAW_INIT = r"""
(() => {
  window.__firstDraw = null;
  new MutationObserver((records, observer) => {
    for (const m of records) {
      if (!m.target.classList || !m.target.classList.contains('symlab-panels')) continue;
      const later = records.filter(x => x.target === m.target);
      window.__firstDraw = later.length > 1 ? Number(later[1].oldValue) : Number(m.target.dataset.drawnAt);
      observer.disconnect();
      return;
    }
  }).observe(document, {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-drawn-at']});
})();
"""

# ------------------------------------------------------------ in the kernel
# Executed once by a second client on the dashboard's kernel; afterwards only user_expressions ask it.
PROBE_SOURCE = r'''
def _symlab_bl_install():
    import gc, json, sys, time, types
    from symlab.lab.apps import Dashboard

    p = sys.modules.get("_symlab_bl_probe")
    if p is None:
        p = types.ModuleType("_symlab_bl_probe")
        sys.modules[p.__name__] = p
        p.events, p.depth, p.current = [], [0], {}
        p.state = dict(activity=time.perf_counter(), prefetch_end=0.0, prefetch_ms=0.0, prefetches=0, since=0)
    caches = {}
    for name, module in list(sys.modules.items()):
        if module is not None and (name == "symlab" or name.startswith("symlab.")):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, "cache_info", None)) and callable(getattr(obj, "cache_clear", None)):
                    caches[id(obj)] = obj
    p.caches = list(caches.values())
    misses = lambda: sum(f.cache_info().misses for f in p.caches)

    def wrap(d):
        if d.__dict__.get("_bl_wrapped"):
            return 0
        d._bl_wrapped = True
        compute, refresh, show = d.compute, d.refresh, d.panels.show

        def timed_compute(values):
            try:
                miss = tuple(sorted(d.settings(values).items())) not in d._views
            except Exception:
                miss = None
            m0, t0 = misses(), time.perf_counter()
            try:
                return compute(values)
            finally:
                t1 = time.perf_counter()
                if p.depth[0]:
                    p.current.update(miss=miss, trained=misses() > m0, compute_ms=1e3 * (t1 - t0))
                else:  # a prefetch
                    p.state.update(prefetch_end=t1, prefetch_ms=1e3 * (t1 - t0), prefetches=p.state["prefetches"] + 1)
                p.state["activity"] = t1

        def timed_refresh(changed):
            t0 = time.perf_counter()
            p.current = dict(changed=changed, gap_ms=1e3 * (t0 - p.state["prefetch_end"]),
                             prefetch_ms=p.state["prefetch_ms"], prefetched=p.state["prefetches"] - p.state["since"])
            p.state["since"] = p.state["prefetches"]
            p.depth[0] += 1
            try:
                return refresh(changed)
            finally:
                p.depth[0] -= 1
                t1 = time.perf_counter()
                p.current.update(ms=1e3 * (t1 - t0), key=str(d.panels.spec.get("key", "")), dash=id(d),
                                 idle_ms=1e3 * (t0 - p.state.get("refresh_end", 0.0)))
                p.state["refresh_end"] = t1
                p.events.append(p.current)
                p.state["activity"] = t1

        def timed_show(view, epoch=None):
            t0 = time.perf_counter()
            try:
                return show(view, epoch)
            finally:
                if p.depth[0]:
                    p.current["show_ms"] = 1e3 * (time.perf_counter() - t0)

        d.compute, d.refresh, d.panels.show = timed_compute, timed_refresh, timed_show
        return 1

    def install():
        return json.dumps(sum(wrap(o) for o in gc.get_objects() if isinstance(o, Dashboard)))

    def take():
        out = p.events[:]
        del p.events[:]
        return json.dumps(out)

    def idle():
        return json.dumps(time.perf_counter() - p.state["activity"])

    def clear():
        for f in p.caches:
            f.cache_clear()
        return json.dumps(len(p.caches))

    p.install, p.take, p.idle, p.clear = install, take, idle, clear

_symlab_bl_install()
del _symlab_bl_install
'''


class KernelProbe:
    """A second client on a dashboard's kernel (its connection file): wraps the dashboard, reports updates."""

    def __init__(self, connection_file):
        from jupyter_client import BlockingKernelClient

        self.client = BlockingKernelClient(connection_file=str(connection_file))
        self.client.load_connection_file()
        self.client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self.execute(PROBE_SOURCE)
        self.wrapped = self.call("install()")

    def execute(self, code, expression=None, timeout=60):
        expressions = {"r": expression} if expression else {}
        msg_id = self.client.execute(code, silent=True, store_history=False, user_expressions=expressions,
                                     allow_stdin=False)
        deadline = time.time() + timeout
        while True:
            reply = self.client.get_shell_msg(timeout=max(0.1, deadline - time.time()))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"kernel: {content.get('ename')}: {content.get('evalue')}")
        if expression:
            r = content["user_expressions"]["r"]
            if r.get("status") != "ok":
                raise RuntimeError(f"kernel: {r.get('ename')}: {r.get('evalue')}")
            return json.loads(ast.literal_eval(r["data"]["text/plain"]))

    def call(self, what, timeout=60):
        return self.execute("", f"__import__('_symlab_bl_probe').{what}", timeout)

    def wait_idle(self, seconds=0.3, timeout=30):
        """Until the kernel has computed nothing for ``seconds`` (prefetching finished)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            quiet = self.call("idle()")
            if quiet >= seconds:
                return True
            time.sleep(max(0.05, seconds - quiet))
        return False

    def close(self):
        # the client's own zmq context, destroyed now: left to the garbage collector, its __del__ can block
        # forever in term() (seen in the middle of a Playwright call)
        self.client.stop_channels()
        self.client.context.destroy(linger=0)


def cpu_snapshot():
    """{pid: (CPU ticks, started by this process?)} of every process (the machine may be shared)."""
    parents, ticks = {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(name)], ticks[int(name)] = int(fields[1]), int(fields[11]) + int(fields[12])

    def mine(pid):
        while pid > 1:
            if pid == os.getpid():
                return True
            pid = parents.get(pid, 0)
        return False

    return {pid: (t, mine(pid)) for pid, t in ticks.items()}


def others_cpu(before, after):
    """CPU seconds used between two snapshots by processes this benchmark did not start."""
    ticks = sum(t - before.get(pid, (0, False))[0] for pid, (t, mine) in after.items() if not mine)
    return ticks / os.sysconf("SC_CLK_TCK")


def shutdown_kernels(lab, keep=None):
    """Shut down the JupyterLab server's kernels except ``keep`` (an id)."""
    import urllib.request

    for kernel in lab.kernels():
        if kernel["id"] == keep:
            continue
        request = urllib.request.Request(f"{lab.url}/api/kernels/{kernel['id']}", method="DELETE",
                                         headers={"Authorization": f"token {lab.token}"})
        try:
            urllib.request.urlopen(request, timeout=10).close()
        except OSError:
            pass


def voila_connection_file(voila):
    """The connection file of the kernel Voilà started last (its log names the folder and the kernel)."""
    text = voila.log_text()
    folder = re.findall(r"Storing connection files in (\S+?)\.?$", text, re.M)
    kernels = re.findall(r"Kernel started: ([0-9a-f-]+)", text)
    if not folder or not kernels:
        raise RuntimeError("Voilà's log names no connection folder or kernel")
    return Path(folder[-1]) / f"kernel-{kernels[-1]}.json"


# ----------------------------------------------------------------- results
@dataclass
class Sample:
    env: str              # jupyterlab / voila / static / naive
    dash: str             # "01" ...
    control: str          # a control's description, "scrub (keys)", "first frame", ...
    kind: str             # new / new, no training / seen / waited / scrub / switch / naive / first
    ms: float = None      # in the page: input event -> the draw (None: nothing drawn in time)
    wall_ms: float = None  # from Python: before the key press -> the draw seen
    extra: dict = field(default_factory=dict)


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


# ------------------------------------------------------------ one dashboard
class Abort(Exception):
    """The dashboard stopped answering: its remaining controls are not measured."""


class Dash:
    """One dashboard in a page (JupyterLab, Voilà or a static page): its controls, moved and timed."""

    def __init__(self, bench, env, number, page, probe=None, static=False, fresh=None):
        self.bench, self.env, self.number, self.page, self.probe = bench, env, number, page, probe
        self.static, self.fresh = static, fresh  # fresh(): a new dashboard with empty caches, or None
        self.args = bench.args
        self.visited = set()
        self.moves = []  # per series: (sample or None, expects an update)
        page.evaluate(PAGE_JS)
        self.initial = self.read()

    # ---- reading and moving
    def read(self):
        return self.page.evaluate("() => window.__bl.read()")

    @staticmethod
    def state(values):
        return tuple(v["value"] for v in values)

    def act(self, i, how):
        box = self.page.locator(f'[data-bl-control="{i}"]')
        if isinstance(how, int):
            box.locator("select").select_option(index=how)
        else:
            (box.locator("input[type=range]") if self.static else box.locator(".noUi-handle")).press(how)

    def step(self, values, i, how, timeout=20.0, fast=False):
        """Move control i (``how``: a key, or an option index); the page's measurement of the draw.

        ``fast`` (a move that sets up the next one): the controls are not read before waiting (the move
        changes a value by construction), and the wait ends at the draw, not at the next frame."""
        t_in = time.perf_counter()
        self.page.evaluate("() => window.__bl.arm()")
        start = time.perf_counter()
        self.act(i, how)
        t_act = time.perf_counter()
        changed = True if fast else self.state(self.read()) != self.state(values)
        result = self.page.evaluate("([t, s, f]) => window.__bl.wait(t, s, f)",
                                    [1000 * (timeout if changed else 0.6), 300, fast])
        t_wait = time.perf_counter()
        result["wall_ms"] = (t_wait - start) * 1e3 if result.get("ms") is not None else None
        after = result.pop("state")
        if fast and self.state(after) == self.state(values):
            changed = False
        if self.args.verbose:
            log(f"      step: since last {1e3 * (t_in - getattr(self, 't_out', t_in)):.0f} ms, arm "
                f"{1e3 * (start - t_in):.0f}, act {1e3 * (t_act - start):.0f}, wait {1e3 * (t_wait - t_act):.0f}")
        self.t_out = time.perf_counter()
        self.visited.add(self.state(after))
        return result, changed, after

    def measured(self, values, control, i, how, aim):
        if self.args.gap and not self.static:
            time.sleep(self.args.gap / 1000)  # let the browser finish painting the last View
        result, changed, after = self.step(values, i, how)
        sample = Sample(self.env, self.number, control, aim, result.get("ms"), result.get("wall_ms"),
                        dict(aim=aim, move=how, to=self.state(after), frame_ms=result.get("frame_ms"),
                             in_task=result.get("in_task"), last_ms=result.get("last_ms"),
                             changed=result.get("changed"), run=result.get("run")))
        self.moves.append((sample, changed))
        self.bench.samples.append(sample)
        if result.get("ms") is None:
            self.bench.problem(f"{self.env} {self.number} {control!r}: move {how!r} drew nothing within the timeout"
                               + ("" if result.get("acted") else " (no input event seen)"))
            self.failures = getattr(self, "failures", 0) + 1
            if self.failures >= 2 and changed:
                raise Abort("two changes in a row drew nothing (the kernel gone?)")
        else:
            self.failures = 0
            if not result.get("changed"):
                sample.extra["note"] = "drew the same picture"
        if self.args.verbose:
            shown = "-" if sample.ms is None else f"{sample.ms:.0f} ms"
            log(f"    {self.env} {self.number} {control} {how!r} ({aim}): {shown} -> {sample.extra['to']}")
        return sample, after

    def unmeasured(self, values, i, how):
        result, changed, after = self.step(values, i, how, fast=True)
        self.moves.append((None, changed))
        return after

    def restore(self, values):
        """Dropdowns back to their starting options (a control disabled by one, e.g. 01's scale by zeros)."""
        for j, v in enumerate(values):
            if v["kind"] == "dropdown" and v["index"] != self.initial[j]["index"]:
                values = self.unmeasured(values, j, self.initial[j]["index"])
        self.series_end("restore")
        return values

    # ---- planning moves
    @staticmethod
    def slider_keys(v):
        return [k for k, ok in (("ArrowRight", v["now"] < v["max"] - 1e-9), ("ArrowLeft", v["now"] > v["min"] + 1e-9))
                if ok]

    def moves_of(self, values, i):
        """The one-step moves of control i: a slider's arrow keys, a dropdown's other options."""
        v = values[i]
        if v.get("disabled") or v["kind"] not in ("slider", "dropdown"):
            return []
        if v["kind"] == "slider":
            return self.slider_keys(v)
        return [(v["index"] + k) % v["count"] for k in range(1, v["count"])]

    def predicted(self, values, i, how, options):
        """The state after the move, or None if not known (a slider's next value)."""
        if isinstance(how, int):
            state = list(self.state(values))
            state[i] = options[i][how]
            return tuple(state)
        return self.memo.get((self.state(values), i, how))

    def fresh_move(self, values, i, options):
        for how in self.order(values, i):
            target = self.predicted(values, i, how, options)
            if target is None or target not in self.visited:
                return how
        return None

    def order(self, values, i):
        moves = self.moves_of(values, i)
        if moves and isinstance(moves[0], str):  # a slider: keep near where it started, back and forth
            wanted = "ArrowLeft" if self.walk.get(i) == "ArrowRight" else "ArrowRight"
            moves.sort(key=lambda k: k != wanted)
        return moves

    def helper(self, values, i, options):
        """(j, move): a move of another control after which control i can reach a new setting."""
        ranked = sorted((j for j in range(len(values)) if j != i and self.moves_of(values, j)),
                        key=lambda j: (values[j]["label"] not in HELPER_ORDER,
                                       HELPER_ORDER.index(values[j]["label"]) if values[j]["label"] in HELPER_ORDER
                                       else 0, values[j]["kind"] != "slider", j))
        for j in ranked:
            moves = self.moves_of(values, j)
            if moves and isinstance(moves[0], str):
                keep = self.hwalk.get(j, moves[0])
                moves.sort(key=lambda k: k != keep)
            for how in moves:
                target = self.predicted(values, j, how, options)
                if target is None or target not in self.visited:
                    return j, how
        return None

    # ---- the measurements
    def measure_control(self, i, n_new, n_seen):
        values = self.read()
        label = values[i]["label"]
        options = self.options()
        self.memo, self.walk, self.hwalk, self.moves, self.came_from = {}, {}, {}, [], None
        self.visited.add(self.state(values))
        rounds, attempts, aimed = 0, 0, 0
        need_helper = not self.static  # the state may have prefetched neighbours: move another control first
        while aimed < n_new and attempts < 4 * n_new + 6:
            attempts += 1
            how = None if need_helper else self.fresh_move(values, i, options)
            if how is None:
                helper = self.helper(values, i, options)
                if helper is None:
                    if self.fresh and rounds < 4:
                        rounds += 1
                        self.series_end(label)
                        values = self.fresh()
                        options = self.options()
                        self.visited = {self.state(values)}
                        need_helper = False
                        continue
                    break
                j, hhow = helper
                if isinstance(hhow, str):
                    self.hwalk[j] = hhow
                before = values
                values = self.unmeasured(values, j, hhow)
                if isinstance(hhow, str):
                    self.memo[(self.state(before), j, hhow)] = self.state(values)
                need_helper = False
                continue
            before = values
            self.came_from = values[i].get("index")
            sample, values = self.measured(values, label, i, how, "new" if not self.static else "switch")
            if isinstance(how, str):
                self.walk[i] = how
                self.memo[(self.state(before), i, how)] = self.state(values)
            aimed += 1
            need_helper = not self.static
        # seen before: back and forth between the last two settings of this control
        previous = getattr(self, "came_from", None)
        for _ in range(n_seen):
            moves = self.moves_of(values, i)
            if not moves:
                break
            if isinstance(moves[0], str):
                how = "ArrowLeft" if self.walk.get(i) == "ArrowRight" else "ArrowRight"
                if how not in moves:
                    how = moves[0]
                self.walk[i] = how
            else:  # a dropdown: back to the option it came from, then forth
                how = previous if previous is not None and previous != values[i]["index"] else moves[0]
                previous = values[i]["index"]
            sample, values = self.measured(values, label, i, how, "seen" if not self.static else "switch")
        self.series_end(label)

    def options(self):
        """Each dropdown's option texts (index -> text)."""
        return self.page.evaluate(
            "(s) => [...document.querySelectorAll(s)].map(b => { const e = b.querySelector('select');"
            " return e ? [...e.options].map(o => o.text) : null; })",
            ".page-controls label" if self.static else ".symlab-dashboard .widget-inline-hbox")

    def series_end(self, label):
        """Classify the series' samples with the kernel's report of each update."""
        moves, self.moves = self.moves, []
        if not self.probe:
            return
        try:
            events = self.probe.call("take()")
        except Exception as error:
            self.bench.problem(f"{self.env} {self.number}: the kernel probe failed ({error})")
            return
        expected = [(s, changed) for s, changed in moves if changed]
        k = 0
        for sample, _ in expected:
            # the k-th update in the kernel belongs to the k-th move that changed a value; a key that differs
            # (an extra update) is skipped
            while (k < len(events) and sample is not None and sample.extra.get("run") and events[k].get("key")
                   and events[k]["key"] != sample.extra["run"] and k + 1 < len(events)
                   and events[k + 1].get("key") == sample.extra["run"]):
                k += 1
            if k >= len(events):
                break
            event = events[k]
            k += 1
            if sample is None:
                continue
            sample.extra["kernel"] = event
            if self.args.verbose:
                log(f"      {sample.control} -> {sample.extra['to']}: {sample.ms and round(sample.ms)} ms; kernel "
                    + ", ".join(f"{k} {round(v, 1) if isinstance(v, float) else v}" for k, v in event.items()
                                if k != "dash"))
            if event.get("prefetched") and event.get("gap_ms", 1e9) < 15:
                sample.kind = "waited"  # the update waited for a prefetch that was running
            elif event.get("miss") is True:
                sample.kind = "new" if event.get("trained") else "new, no training"
            elif event.get("miss") is False:
                sample.kind = "seen"

    def measure_scrub(self, n, keys=("ArrowLeft", "ArrowRight"), control="scrub (arrow keys)"):
        """Real key presses on the focused scrubber, walking back from the end and turning at either end."""
        scrubber = self.page.locator(".symlab-scrubber").first
        if not scrubber.is_visible():
            return None
        # as a learner does: click the scrubber (in JupyterLab this leaves the notebook in command mode), then keys
        self.page.evaluate("() => window.__bl.arm()")
        scrubber.click()
        self.page.evaluate("([t, s]) => window.__bl.wait(t, s, true)", [1000, 300])
        key, done = keys[0], 0
        for _ in range(n):
            at = self.page.evaluate("() => { const s = document.querySelector('.symlab-scrubber');"
                                    " return [Number(s.value), Number(s.max)]; }")
            if at[0] <= 0:
                key = keys[1]
            elif at[0] >= at[1]:
                key = keys[0]
            self.page.evaluate("() => window.__bl.arm()")
            start = time.perf_counter()
            self.page.keyboard.press(key)
            result = self.page.evaluate("([t, s]) => window.__bl.wait(t, s)", [600, 300])
            wall = (time.perf_counter() - start) * 1e3
            if result.get("ms") is None:
                return dict(swallowed=True, key=key, acted=result.get("acted"))
            self.bench.samples.append(Sample(self.env, self.number, control, "scrub", result["ms"], wall,
                                             dict(key=key, frame_ms=result.get("frame_ms"))))
            done += 1
        return dict(swallowed=False, n=done)

    def measure_play(self, seconds):
        if not self.page.locator(".symlab-play").first.is_visible():
            return
        scrubber = self.page.locator(".symlab-scrubber").first
        scrubber.focus()
        self.page.keyboard.press("Home")  # to the first frame (Home is not a notebook shortcut)
        self.page.wait_for_function("() => document.querySelector('.symlab-scrubber').value === '0'", timeout=5000)
        result = self.page.evaluate("(s) => window.__bl.play(s)", seconds)
        intervals = result.pop("intervals")
        gaps = result.pop("rafGaps")
        result.update(interval_p50=percentile(intervals, 50), interval_p95=percentile(intervals, 95),
                      interval_max=max(intervals) if intervals else float("nan"),
                      raf_p50=percentile(gaps, 50), raf_max=max(gaps) if gaps else float("nan"))
        self.bench.samples.append(Sample(self.env, self.number, "play", "play", extra=result))


# ----------------------------------------------------------------- the run
NAIVE_HEADER = """%matplotlib inline
import sys
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import symlab
from symlab.lab import convex, dropout, forward_backward, runs, scale, zeros

def clear_caches():
    '''Forget every cached run: the naive pattern trains on every change.'''
    for name, module in list(sys.modules.items()):
        if module is not None and name.startswith('symlab'):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, 'cache_clear', None)):
                    obj.cache_clear()

LIM = 1.6
AXIS = np.linspace(-LIM, LIM, 40)
G1, G2 = np.meshgrid(AXIS, AXIS)
GRID = np.vstack([G1.ravel(), G2.ravel()])

def unit_maps(ax, net, title):
    P, cache = net.forward(GRID)
    A1 = cache['A1']
    ax.imshow(np.hstack([a.reshape(40, 40) for a in A1]), cmap='PuOr_r', vmin=-1, vmax=1, origin='lower')
    ax.set_title(title)
    ax.set_axis_off()
    return P[0]

def output_map(ax, P, X, Y):
    ax.contourf(G1, G2, P.reshape(40, 40), levels=20, cmap='RdBu_r', alpha=0.55)
    ax.contour(G1, G2, P.reshape(40, 40), levels=[0.5], colors='k')
    ax.scatter(X[0], X[1], c=Y[0], cmap='RdBu_r', s=7, edgecolors='0.2', linewidths=0.3)
    ax.set_aspect('equal')
    ax.set_title('P(label 1)')

def figure(n, weights=None):
    return plt.subplots(1, n, figsize=(13, 3.4), dpi=90, gridspec_kw=dict(width_ratios=weights))
"""
NAIVE_CELLS = {
    "01": """REF01 = runs.symmetry_run('he_normal', 1.0, 'tanh', 8, 'circles', 0, 1.5, 200, record_every=2)

def naive01(scale):
    clear_caches()
    run = runs.symmetry_run('constant', scale, 'tanh', 8, 'circles', 0, 1.5, 200, record_every=2)
    fig, (a, b, c, d) = figure(4, [2.2, 1, 1, 1.2])
    P = unit_maps(a, run.net, 'hidden units A1[j]')
    output_map(b, P, run.X, run.Y)
    snap = run.history.snapshots[max(run.history.snapshots)]
    c.imshow(np.hstack([snap.grads['dW1'], snap.grads['db1']]), cmap='RdBu_r', aspect='auto')
    c.set_title('dW1 | db1')
    d.semilogy(run.history.loss, color='C3')
    d.semilogy(REF01.history.loss, color='0.55')
    d.set_title('training loss')
    plt.show()

widgets.interact(naive01, scale=widgets.FloatLogSlider(value=0.5, base=10, min=-3, max=2, step=0.1,
                                                      description='init scale'));""",
    "02": """def naive02(scheme):
    clear_caches()
    run = forward_backward.rows_run(scheme, 'tanh')
    fig, (a, b, c) = figure(3, [1, 2, 1])
    W1 = run.net.params['W1']
    a.scatter(W1[:, 0], W1[:, 1], c=[f'C{j}' for j in range(len(W1))])
    a.set_title('rows of W1')
    P = unit_maps(b, run.net, 'A1[j], a map per unit')
    output_map(c, P, run.X, run.Y)
    plt.show()

widgets.interact(naive02, scheme=widgets.Dropdown(options=tuple(forward_backward.ROW_SCHEMES), value='constant',
                                                  description='init scheme'));""",
    "03": """REF03 = zeros.start_run('he_normal', 'tanh', 'balanced')

def naive03(start):
    clear_caches()
    run = zeros.start_run(start, 'tanh', 'balanced', bias_scale=0.0)
    fig, (a, b, c) = figure(3, [2, 1, 1.2])
    P = unit_maps(a, run.net, 'A1[j], a map per unit')
    output_map(b, P, run.X, run.Y)
    c.plot(run.history.loss, color='C3')
    c.plot(REF03.history.loss, color='0.55')
    c.set_title('training loss')
    plt.show()

widgets.interact(naive03, start=widgets.Dropdown(options=zeros.STARTS, value='constant',
                                                description='init scheme'));""",
    "04": """REF04 = dropout.dropout_run(0.0, 'he_normal', 0)

def naive04(p):
    clear_caches()
    d = dropout.dropout_run(p, seed=0)
    fig, (a, b, c) = figure(3, [1.2, 2, 1.2])
    a.semilogy(REF04.epochs, REF04.spread, color='0.55')
    a.semilogy(d.epochs, np.where(d.spread > 0, d.spread, np.nan), color='C4')
    a.set_title('row spread of W1')
    unit_maps(b, d.run.net, 'A1[j], a map per unit')
    c.plot(d.history.loss, color='C4')
    c.plot(REF04.history.loss, color='0.55')
    c.set_title('loss')
    plt.show()

widgets.interact(naive04, p=widgets.FloatSlider(value=0.2, min=0.0, max=0.5, step=0.05, description='dropout p'));""",
    "05": """from symlab.mlp import cross_entropy
ZERO05 = convex.logistic_from(0.0, 0)
X05, Y05 = convex.convex_data()
W1S, W2S = np.meshgrid(np.linspace(-9, 9, 91), np.linspace(-11, 7, 91))
Z05 = np.stack([W1S.ravel(), W2S.ravel()], axis=1) @ X05 + ZERO05.theta[2]
L05 = cross_entropy(Z05[:, None, :], Y05, 'sigmoid').reshape(W1S.shape)  # the landscape, once

def naive05(scale):
    clear_caches()
    fit = convex.logistic_from(float(scale), 1)
    fig, (a, b) = figure(2)
    a.contour(W1S, W2S, L05, levels=9, colors='0.6')
    for f, colour in ((ZERO05, 'k'), (fit, 'C1')):
        path = f.path[:, 0, :]
        a.plot(path[:, 0], path[:, 1], color=colour)
        b.semilogy(np.maximum(np.abs(path - ZERO05.theta).max(axis=1), 1e-16), color=colour)
    a.set_title('paths over the loss')
    b.set_title('distance from the minimum')
    plt.show()

widgets.interact(naive05, scale=widgets.FloatLogSlider(value=3.0, base=10, min=-1, max=1, step=0.1,
                                                      description='start scale'));""",
    "06": """def naive06(init_scale):
    clear_caches()
    r = scale.scale_run(float(format(init_scale, '.4g')), 'tanh')
    fig, (a, b, c) = figure(3)
    a.hist(r.Z1.ravel(), bins=40, color='C0')
    a.set_title('Z1 at the start')
    b.hist(r.slopes.ravel(), bins=40, color='C2')
    b.set_title("slopes g'(Z1)")
    c.plot(r.history.loss, color='C3')
    c.set_title('loss')
    plt.show()

widgets.interact(naive06, init_scale=widgets.FloatLogSlider(value=1.0, base=10, min=-3, max=2, step=0.1,
                                                            description='init scale'));""",
}


def notebook_json(sources):
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": s}
             for s in sources]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                   "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


class Bench:
    """The whole run: environments in turn, samples and problems collected."""

    def __init__(self, args):
        self.args = args
        self.samples = []
        self.problems = []
        self.notes = []
        self.folder = None
        self.browser_version = "?"
        self.loads = []
        self.git = self.git_state()

    @staticmethod
    def git_state():
        """The commit measured, and whether the package had uncommitted changes (a hash of them)."""
        import hashlib
        import subprocess

        def git(*a):
            return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()

        head = git("rev-parse", "--short", "HEAD") or "?"
        diff = git("diff", "HEAD", "--", "symlab")
        return head + (f" + uncommitted changes in symlab/ (diff {hashlib.sha1(diff.encode()).hexdigest()[:8]})"
                       if diff else "")

    def problem(self, text):
        self.problems.append(text)
        log(f"  problem: {text}")

    # ---- the apps, copied
    def write_apps(self):
        """Copies of apps/NN_*.ipynb (and the naive notebook) in a temporary folder under benchmarks/."""
        self.folder = ROOT / "benchmarks" / f"_browser_latency_tmp_{os.getpid()}"
        self.folder.mkdir()
        ipympl = importlib.util.find_spec("ipympl") is not None
        dropped = []
        for number in self.args.only:
            name = DASHBOARDS[number][0]
            notebook = json.loads((ROOT / "apps" / f"{name}.ipynb").read_text())
            for cell in notebook["cells"]:
                source = "".join(cell["source"])
                if cell["cell_type"] == "code" and not ipympl and "%matplotlib widget" in source:
                    cell["source"] = "\n".join(line for line in source.splitlines()
                                               if line.strip() != "%matplotlib widget")
                    dropped.append(number)
                if cell["cell_type"] == "code":
                    cell["outputs"], cell["execution_count"] = [], None
            (self.folder / f"{name}.ipynb").write_text(json.dumps(notebook))
        if dropped:
            self.notes.append(f"apps {', '.join(sorted(set(dropped)))} start with `%matplotlib widget`, which fails "
                              "without ipympl ('widget' is not a recognised backend): the copies measured here "
                              "drop that line")
        sources = [NAIVE_HEADER] + [NAIVE_CELLS[n] for n in self.args.only]
        (self.folder / "naive.ipynb").write_text(notebook_json(sources))

    # ---- JupyterLab
    def run_lab(self, browser):
        """Each dashboard, and right after it the naive app of the same dashboard (its notebook stays open)."""
        lab = Lab()
        settings = lab.home / "settings" / NO_AUTOSAVE[0]
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(NO_AUTOSAVE[1]))
        naive = None
        try:
            if "naive" not in self.args.skip:
                try:
                    naive = self.open_naive(browser, lab)
                except Exception as error:
                    self.problem(f"naive: {type(error).__name__}: {error}")
                    traceback.print_exc()
            for number in self.args.only:
                try:
                    self.lab_dashboard(browser, lab, number, naive and naive[1])
                except Exception as error:
                    self.problem(f"jupyterlab {number}: {type(error).__name__}: {error}")
                    traceback.print_exc()
                finally:
                    shutdown_kernels(lab, keep=naive and naive[1])
                if naive:
                    try:
                        self.measure_naive(naive[0], number)
                    except Exception as error:
                        self.problem(f"naive {number}: {type(error).__name__}: {error}")
                        traceback.print_exc()
        finally:
            if naive:
                naive[0].close()
            lab.stop()

    def open_lab(self, browser, lab, name):
        before = {k["id"] for k in lab.kernels()}
        page = browser.new_page(viewport=VIEWPORT)
        page.bring_to_front()  # the naive notebook's page may be in front: a hidden page has no animation frames
        t = time.time()
        nb = NotebookPage(lab, page, f"{name}.ipynb", folder=f"benchmarks/{self.folder.name}")
        # NotebookPage waits for some idle kernel: the naive notebook's would do, so wait for this one's
        deadline = time.time() + 60
        while time.time() < deadline and not any(
                k["id"] not in before and k["execution_state"] == "idle" and k.get("connections", 0) > 0
                for k in lab.kernels()):
            time.sleep(0.3)
        nb.run_all(timeout=120)
        return page, nb, time.time() - t

    def lab_dashboard(self, browser, lab, number, naive_kernel=None):
        name = DASHBOARDS[number][0]
        page, nb, took = self.open_lab(browser, lab, name)
        try:
            page.wait_for_selector(".symlab-panels[data-drawn-at]", timeout=60_000)
            errors = nb.errors()
            if errors:
                shown = " | ".join(e[:200] for e in errors[:2])
                self.problem(f"jupyterlab {number}: the notebook shows errors: {shown}")
            log(f"jupyterlab {number}: opened and ran in {took:.1f} s")
            kernels = [k for k in lab.kernels() if k["id"] != naive_kernel]
            probe = None
            try:
                probe = KernelProbe(lab.home / "runtime" / f"kernel-{kernels[-1]['id']}.json")
            except Exception as error:
                self.problem(f"jupyterlab {number}: no kernel probe ({error}): new and seen settings not told apart")

            def fresh():
                probe.call("clear()")
                nb.run_all(timeout=120)
                page.wait_for_selector(".symlab-panels[data-drawn-at]", timeout=60_000)
                page.evaluate("() => { window.__bl = undefined; }")
                page.evaluate(PAGE_JS)
                probe.call("install()")
                probe.call("take()")
                return dash.read()

            dash = Dash(self, "jupyterlab", number, page, probe, fresh=fresh if probe else None)
            try:
                self.measure_dashboard(dash, lab=True)
            finally:
                if probe:
                    probe.close()
        finally:
            page.close()

    def open_naive(self, browser, lab):
        """The naive apps' notebook, run: (page, its kernel id)."""
        before = {k["id"] for k in lab.kernels()}
        page, nb, took = self.open_lab(browser, lab, "naive")
        page.wait_for_function(f"() => document.querySelectorAll('.widget-interact img').length >= "
                               f"{len(self.args.only)}", timeout=120_000)
        log(f"naive: opened and ran in {took:.1f} s")
        page.evaluate(PAGE_JS)
        kernel = next(k["id"] for k in lab.kernels() if k["id"] not in before)
        return page, kernel

    def measure_naive(self, page, number):
        """Changes of the naive app of dashboard ``number``: a slider's arrow keys, or a dropdown's next option."""
        page.bring_to_front()
        k = self.args.only.index(number)
        root = page.locator(".widget-interact").nth(k)
        root.scroll_into_view_if_needed()
        box = root.locator(".widget-inline-hbox").first
        slider = box.locator(".noUi-handle")
        is_slider = slider.count() > 0
        count = 0 if is_slider else box.locator("select option").count()
        label = box.locator("label.widget-label").text_content().strip()
        key = "ArrowRight"
        index = 0 if is_slider else box.locator("select").evaluate("s => s.selectedIndex")
        for _ in range(self.args.naive):
            page.evaluate(f"() => window.__bl.armNaive({k})")
            start = time.perf_counter()
            if is_slider:
                key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
                slider.press(key)
            else:
                index = (index + 1) % count
                box.locator("select").select_option(index=index)
            result = page.evaluate("t => window.__bl.waitNaive(t)", 20_000)
            wall = (time.perf_counter() - start) * 1e3
            self.samples.append(Sample("naive", number, label, "naive", result.get("ms"),
                                       wall if result.get("ms") is not None else None))
            if self.args.verbose:
                log(f"    naive {number} {label}: {result.get('ms')}")
        log(f"  naive {number} ({label}): {self.args.naive} changes")

    # ---- Voilà
    def run_voila(self, browser):
        voila = Voila(folder=str(self.folder))
        try:
            for number in self.args.only:
                try:
                    self.voila_dashboard(browser, voila, number)
                except Exception as error:
                    self.problem(f"voila {number}: {type(error).__name__}: {error}")
                    traceback.print_exc()
        finally:
            voila.stop()

    def voila_dashboard(self, browser, voila, number):
        name = DASHBOARDS[number][0]
        page = browser.new_page(viewport=VIEWPORT)
        holder = {}

        def load():
            t = time.time()
            page.goto(voila.app_url(f"{name}.ipynb"), timeout=120_000)
            page.wait_for_selector(".symlab-panels[data-drawn-at]", timeout=120_000)
            if holder.get("probe"):
                holder["probe"].close()
                holder["probe"] = None
            try:
                holder["probe"] = KernelProbe(voila_connection_file(voila))
            except Exception as error:
                self.problem(f"voila {number}: no kernel probe ({error}): new and seen settings not told apart")
            page.evaluate(PAGE_JS)
            return time.time() - t

        try:
            took = load()
            body = page.inner_text("body")
            for word in ("Traceback", "Error", "error displaying widget"):
                if word in body:
                    self.problem(f"voila {number}: the page shows {word!r}")
            log(f"voila {number}: loaded in {took:.1f} s")

            def fresh():
                load()
                dash.probe = holder["probe"]
                return dash.read()

            dash = Dash(self, "voila", number, page, holder.get("probe"), fresh=fresh)
            self.measure_dashboard(dash, lab=False)
        finally:
            if holder.get("probe"):
                holder["probe"].close()
            page.close()

    # ---- both kernel environments
    def measure_dashboard(self, dash, lab):
        args = self.args
        env, number = dash.env, dash.number
        dash.page.bring_to_front()
        if dash.page.evaluate("() => document.visibilityState") != "visible":
            self.problem(f"{env} {number}: the page is hidden (no animation frames: play and frame times are off)")
        if dash.probe:
            dash.probe.wait_idle()
        t = time.time()
        scrub = dash.measure_scrub(args.scrub)
        if scrub and scrub["swallowed"]:
            note = (f"{env}: the arrow keys on the focused scrubber draw nothing: JupyterLab's notebook shortcuts "
                    "(ArrowLeft/Right: move-cursor-heading-above-or-collapse / below-or-expand, ArrowUp/Down: "
                    "move-cursor-up/down; selector `.jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus`) "
                    "match the focused <input type=range> and call preventDefault. Measured instead with "
                    "PageUp/PageDown (not bound), and with the arrow keys after the benchmark set "
                    "data-lm-suppress-shortcuts on the <input> itself (Lumino stops looking at that attribute only "
                    "on elements it walks before the first match, so on .symlab-panels it does not help)")
            if note not in self.notes:
                self.notes.append(note)
            dash.measure_scrub(args.scrub, ("PageDown", "PageUp"), "scrub (PageUp/PageDown)")
            dash.page.evaluate("() => { document.querySelector('.symlab-scrubber')"
                               ".dataset.lmSuppressShortcuts = 'true'; }")
            again = dash.measure_scrub(args.scrub, control="scrub (arrow keys, shortcuts suppressed)")
            if again and again["swallowed"]:
                self.problem(f"{env} {number}: arrow keys still swallowed with data-lm-suppress-shortcuts")
            dash.page.evaluate("() => { delete document.querySelector('.symlab-scrubber')"
                               ".dataset.lmSuppressShortcuts; }")
        dash.measure_play(args.play)
        log(f"  {env} {number}: scrub and play in {time.time() - t:.0f} s")
        n_new = args.repeats if lab else args.voila_repeats
        n_seen = args.seen if lab else max(1, args.voila_repeats // 2)
        values = dash.read()
        for i, v in enumerate(values):
            if v["kind"] not in ("slider", "dropdown"):
                continue
            t = time.time()
            before = len(self.samples)
            try:
                if dash.read()[i].get("disabled"):
                    dash.restore(dash.read())
                if dash.probe:
                    dash.probe.wait_idle()
                dash.measure_control(i, n_new, n_seen)
            except Abort as error:
                self.problem(f"{env} {number} {v['label']!r}: {error}; the dashboard's other controls are skipped")
                break
            except Exception as error:
                self.problem(f"{env} {number} {v['label']!r}: {type(error).__name__}: {error}")
                traceback.print_exc()
            taken = self.samples[before:]
            kinds = ", ".join(f"{k} {sum(s.kind == k for s in taken)}" for k in sorted({s.kind for s in taken}))
            log(f"  {env} {number} {v['label']}: {len(taken)} changes ({kinds}) in {time.time() - t:.0f} s")

    # ---- static pages
    def prepare_pages(self):
        """{number: path} of an up-to-date page per dashboard: pages/ if newer than its sources, else built."""
        sources = [ROOT / "symlab/lab/web/panels.js", ROOT / "symlab/lab/web/page.js",
                   ROOT / "symlab/lab/web/panels.css", ROOT / "symlab/lab/pages.py"]
        newest = max(p.stat().st_mtime for p in sources)
        out, build = {}, []
        for number in self.args.only:
            path = ROOT / "pages" / f"{DASHBOARDS[number][0]}.html"
            if path.exists() and path.stat().st_mtime >= newest and not self.args.build_pages:
                out[number] = path
            else:
                build.append(number)
        if build:
            folder = Path(tempfile.mkdtemp(prefix="symlab-pages-"))
            self.pages_folder = folder
            from symlab.lab import pages

            for number in build:
                name = DASHBOARDS[number][0]
                t = time.time()
                try:
                    spec = pages.PAGES[name]
                    module = importlib.import_module(f"symlab.lab.{spec['module']}")
                    dash = getattr(module, spec["factory"])()
                    pages.page_controls(dash, spec["grid"])  # fails fast where a full build would fail late
                    text = pages.build_page(name)
                except Exception as error:
                    self.problem(f"static {number}: the page could not be built: {type(error).__name__}: {error}")
                    continue
                (folder / f"{name}.html").write_text(text, encoding="utf-8")
                out[number] = folder / f"{name}.html"
                log(f"static {number}: built {name}.html ({len(text.encode()) / 1e6:.1f} MB) "
                    f"in {time.time() - t:.1f} s")
            self.notes.append(f"static pages built for this run (pages/ had none newer than the renderer): "
                              f"{', '.join(n for n in build if n in out) or 'none'}")
        return out

    def run_static(self, browser, paths):
        for number, path in paths.items():
            try:
                self.static_page(browser, number, path)
            except Exception as error:
                self.problem(f"static {number}: {type(error).__name__}: {error}")
                traceback.print_exc()

    def static_context(self, browser):
        context = browser.new_context(viewport=VIEWPORT, offline=True)
        blocked = []

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.add_init_script(FIRST_DRAW_INIT)
        return context, blocked

    def static_page(self, browser, number, path):
        url = path.resolve().as_uri()
        blocked_all = []
        for k in range(self.args.loads):
            context, blocked = self.static_context(browser)
            page = context.new_page()
            try:
                start = time.perf_counter()
                page.goto(url, wait_until="commit", timeout=60_000)
                page.wait_for_selector(".symlab-panels canvas[data-drawn]", timeout=30_000)
                wall = (time.perf_counter() - start) * 1e3
                first = page.evaluate("() => window.__firstDraw")
                self.samples.append(Sample("static", number, "first frame", "first", first, wall,
                                           dict(bytes=path.stat().st_size)))
                if k == self.args.loads - 1:  # the last load is measured further
                    page.wait_for_timeout(300)
                    dash = Dash(self, "static", number, page, static=True)
                    dash.measure_scrub(self.args.scrub)
                    dash.measure_play(self.args.play)
                    for i, v in enumerate(dash.read()):
                        dash.measure_control(i, self.args.switches, 0)
            finally:
                blocked_all += blocked
                context.close()
        if blocked_all:
            self.problem(f"static {number}: the page asked for the network: {sorted(set(blocked_all))[:3]}")
        log(f"static {number}: {self.args.loads} loads measured")


# ----------------------------------------------------------------- reports
def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return dict(n=len(values), p50=statistics.median(values), p95=percentile(values, 95), max=max(values))


def cell(s, wall=None):
    if s is None:
        return "—"
    text = f"{s['p50']:.0f} / {s['p95']:.0f}"
    return text


def verdict(s, bar):
    if s is None:
        return "—"
    return "met" if s["p50"] <= bar[0] and s["p95"] <= bar[1] else "MISSED"


def span(values, digits=0):
    """'a' or 'a–b' for the smallest and largest of ``values``."""
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    low, high = f"{min(values):.{digits}f}", f"{max(values):.{digits}f}"
    return low if low == high else f"{low}–{high}"


def readme_tables(bench):
    """One row per dashboard and environment, ranges over its controls: the tables for the README."""
    args, samples = bench.args, bench.samples
    naive = {n: stats([s.ms for s in samples if s.env == "naive" and s.dash == n]) for n in args.only}
    for env, title in (("jupyterlab", "JupyterLab"), ("voila", "Voilà")):
        rows = [s for s in samples if s.env == env]
        if not rows:
            continue
        print(f"\n{title}: key press or option chosen -> the new picture drawn (ms, median / p95; a range = over the "
              "dashboard's controls)\n")
        print("| dashboard | retraining controls, new setting | setting seen before | scrubber (key) | "
              "▶ play: interval, frames shown | × faster than naive (new) |")
        print("|---|---|---|---|---|---:|")
        for number in args.only:
            mine = [s for s in rows if s.dash == number]
            controls = list(dict.fromkeys(s.control for s in mine if s.kind in ("new", "new, no training", "seen")))
            if not controls:
                continue
            new = {c: stats([s.ms for s in mine if s.control == c and s.kind.startswith("new")]) for c in controls}
            seen = {c: stats([s.ms for s in mine if s.control == c and s.kind == "seen"]) for c in controls}
            new, seen = {c: v for c, v in new.items() if v}, {c: v for c, v in seen.items() if v}
            scrub = stats([s.ms for s in mine if s.kind == "scrub" and "PageUp" not in s.control])
            play = next((s.extra for s in mine if s.kind == "play"), None)
            ratios = [naive[number]["p50"] / v["p50"] for v in new.values()] if naive.get(number) else []
            play_text = "—" if not play else (
                f"{play['interval_p50']:.0f} ms, {play['reached'] - play['first'] + 1 - play['missingShown']} of "
                f"{play['reached'] - play['first'] + 1}")
            print(f"| {DASHBOARDS[number][1]} ({len(controls)} control{'s' * (len(controls) > 1)}) | "
                  f"{span([v['p50'] for v in new.values()])} / {span([v['p95'] for v in new.values()])} | "
                  f"{span([v['p50'] for v in seen.values()])} / {span([v['p95'] for v in seen.values()])} | "
                  f"{cell(scrub)} | "
                  f"{play_text} | {span(ratios, 1) if env == 'jupyterlab' else '—'} |")
        if env == "jupyterlab" and any(naive.values()):
            values = [v for v in naive.values() if v]
            print(f"| naive `interact` + inline PNG, same training and panels | {span([v['p50'] for v in values])} / "
                  f"{span([v['p95'] for v in values])} | | | | 1.0 |")
    rows = [s for s in samples if s.env == "static"]
    if rows:
        print("\nStatic pages (file://, network blocked): first frame = navigation start -> first canvas drawn (ms)\n")
        print("| page | size (MB) | first frame: median / max | scrubber (key) | ▶ play: interval, frames shown | "
              "a control moved (precomputed run) |")
        print("|---|---:|---|---|---|---|")
        for number in args.only:
            mine = [s for s in rows if s.dash == number]
            first = stats([s.ms for s in mine if s.kind == "first"])
            if not first:
                continue
            scrub = stats([s.ms for s in mine if s.kind == "scrub"])
            play = next((s.extra for s in mine if s.kind == "play"), None)
            switch = stats([s.ms for s in mine if s.kind == "switch"])
            size = next(s.extra["bytes"] for s in mine if s.kind == "first") / 1e6
            play_text = "—" if not play else (
                f"{play['interval_p50']:.0f} ms, {play['reached'] - play['first'] + 1 - play['missingShown']} of "
                f"{play['reached'] - play['first'] + 1}")
            print(f"| {DASHBOARDS[number][1]} | {size:.1f} | {first['p50']:.0f} / {first['max']:.0f} | "
                  f"{cell(scrub)} | "
                  f"{play_text} | {cell(switch)} |")


def report(bench, elapsed, command):
    args, samples = bench.args, bench.samples
    envs = [e for e in ("jupyterlab", "voila", "static") if any(s.env == e for s in samples)]
    names = {"jupyterlab": "JupyterLab 4.6", "voila": "Voilà 0.5", "static": "static page (file://, no network)"}
    naive = {n: stats([s.ms for s in samples if s.env == "naive" and s.dash == n]) for n in args.only}
    summary = []
    print(f"\n$ {command}\n")
    print(f"symlab at {bench.git}; Chromium {bench.browser_version}, {os.cpu_count()} cores; CPU used by "
          f"processes not started by this benchmark: " + ", ".join(f"{env} {other:.2f} cores on average"
                                                                     for env, other in bench.loads))
    print(f"Bars (issue 17): scrub p50 <= {BAR_SCRUB[0]:g} ms, p95 <= {BAR_SCRUB[1]:g} ms; retraining controls, new "
          f"setting p50 <= {BAR_RETRAIN[0]:g} ms, p95 <= {BAR_RETRAIN[1]:g} ms; >= {BAR_RATIO:g}x the naive pattern; "
          f"a static page's first frame <= {BAR_FIRST:g} ms.")
    print("Times: in the page, from the input event (capturing listener) to the end of the draw that shows the new "
          "picture (data-drawn-at); \"wall\" = the same seen from Python (key press sent -> draw noticed). "
          f"ms, median / p95. ▶ play: {args.play:g} s at most from the first frame.")
    print("\n## For the README")
    readme_tables(bench)
    print("\n## Every control")
    for env in envs:
        print(f"\n### {names[env]}\n")
        rows = [s for s in samples if s.env == env]
        # scrub and play
        print("| dashboard | scrubber | median / p95 (ms) | wall median | n | ▶ play: interval median / p95 (ms) | "
              "frames drawn / shown / played |")
        print("|---|---|---|---:|---:|---|---|")
        for number in args.only:
            plays = [s for s in rows if s.dash == number and s.kind == "play"]
            play = plays[-1].extra if plays else None
            play_text = "—" if not play else (f"{play['interval_p50']:.0f} / {play['interval_p95']:.0f}")
            frames = "—" if not play else (
                f"{play['reached'] - play['first'] + 1 - play['missingDrawn']} / "
                f"{play['reached'] - play['first'] + 1 - play['missingShown']} / {play['reached'] - play['first'] + 1}"
                + ("" if play["finished"] else " (stopped)"))
            controls = sorted({s.control for s in rows if s.dash == number and s.kind == "scrub"})
            if not controls and not any(s.dash == number for s in rows):
                continue
            if not controls:
                print(f"| {DASHBOARDS[number][1]} | (one frame: no scrubber) | — | — | — | {play_text} | "
                      f"{frames} |")
            for k, control in enumerate(controls):
                group = [s for s in rows if s.dash == number and s.kind == "scrub" and s.control == control]
                st, wall = stats([s.ms for s in group]), stats([s.wall_ms for s in group])
                print(f"| {DASHBOARDS[number][1] if k == 0 else ''} | {control.replace('scrub ', '')} | {cell(st)} | "
                      f"{wall['p50']:.0f} | {st['n']} | {play_text if k == 0 else ''} | {frames if k == 0 else ''} |")
                if env != "jupyterlab" or "(arrow keys)" not in control or len(controls) == 1:
                    summary.append((f"{env} {number} scrub {control.replace('scrub ', '')}", st, BAR_SCRUB))
        if env == "static":
            print("\n| page | first frame: median / max (ms) | wall median | size (MB) | control | "
                  "switch median / p95 | n |")
            print("|---|---|---:|---:|---|---|---:|")
            for number in args.only:
                first = [s for s in rows if s.dash == number and s.kind == "first"]
                if not first:
                    continue
                st, wall = stats([s.ms for s in first]), stats([s.wall_ms for s in first])
                summary.append((f"static {number} first frame", dict(st, p95=st["max"]), (BAR_FIRST, BAR_FIRST)))
                controls = sorted({s.control for s in rows if s.dash == number and s.kind == "switch"},
                                  key=lambda c: [s.control for s in rows].index(c))
                lines = controls or ["—"]
                for k, control in enumerate(lines):
                    sw = stats([s.ms for s in rows if s.dash == number and s.kind == "switch" and s.control == control])
                    head = (f"| {DASHBOARDS[number][1]} | {st['p50']:.0f} / {st['max']:.0f} | {wall['p50']:.0f} | "
                            f"{first[0].extra['bytes'] / 1e6:.1f} |") if k == 0 else "| | | | |"
                    print(f"{head} {control} | {cell(sw)} | {sw['n'] if sw else 0} |")
            continue
        # retraining controls
        print(f"\n| dashboard | control | new setting: median / p95 (ms) | n | seen before: median / p95 | n | "
              f"kernel (new): compute + rest (ms) | × naive{' (JupyterLab)' if env != 'jupyterlab' else ''} |")
        print("|---|---|---|---:|---|---:|---|---:|")
        for number in args.only:
            controls = []
            for s in rows:
                if s.dash == number and s.kind in ("new", "new, no training", "seen", "waited", "aimed") \
                        and s.control not in controls:
                    controls.append(s.control)
            for k, control in enumerate(controls):
                group = [s for s in rows if s.dash == number and s.control == control]
                new = [s for s in group if s.kind.startswith("new")]
                st_new, st_seen = stats([s.ms for s in new]), stats([s.ms for s in group if s.kind == "seen"])
                kern = [s.extra["kernel"] for s in new if "kernel" in s.extra]
                compute = statistics.median([e.get("compute_ms", 0) for e in kern]) if kern else None
                rest = statistics.median([e["ms"] - e.get("compute_ms", 0) for e in kern]) if kern else None
                split = "—" if compute is None else f"{compute:.0f} + {rest:.0f}"
                untrained = new and all(s.kind == "new, no training" for s in new)
                ratio = (naive[number]["p50"] / st_new["p50"]) if (naive.get(number) and st_new) else None
                waited = sum(s.kind == "waited" for s in group)
                name = control + (" (no training)" if untrained else "") + (
                    f" ({waited} more waited for a prefetch)" if waited else "")
                print(f"| {DASHBOARDS[number][1] if k == 0 else ''} | {name} | {cell(st_new)} | "
                      f"{st_new['n'] if st_new else 0} | "
                      f"{cell(st_seen)} | {st_seen['n'] if st_seen else 0} | {split} | "
                      f"{'—' if ratio is None else f'{ratio:.1f}'} |")
                summary.append((f"{env} {number} {control!r} new", st_new, BAR_RETRAIN))
                if ratio is not None and env == "jupyterlab":
                    summary.append((f"{env} {number} {control!r} × naive", dict(p50=ratio, p95=ratio, n=1), None))
        if env == "jupyterlab" and any(naive.values()):
            print("\n| naive `interact` + inline PNG | control | median / p95 (ms) | n |")
            print("|---|---|---|---:|")
            for number in args.only:
                if naive.get(number):
                    label = next(s.control for s in samples if s.env == "naive" and s.dash == number)
                    print(f"| {DASHBOARDS[number][1]} | {label} | {cell(naive[number])} | {naive[number]['n']} |")

    # the split of new-setting updates: where the time goes
    kernel_rows = [s for s in samples if s.kind.startswith("new") and "kernel" in s.extra and s.ms is not None]
    if kernel_rows:
        print("\nWhere a new setting's time goes (medians, ms): browser = input event -> first draw; compute = "
              "dash.compute in the kernel; show = packing + sending the View; rest = browser - kernel update "
              "(widget message to the kernel, the View back, decoding, drawing); draws = draws per View in one task")
        print(f"{'env':<11} {'dash':<4} {'control':<22} {'n':>3} {'browser':>8} {'compute':>8} {'show':>6} "
              f"{'update':>7} {'rest':>6} {'to frame':>8} {'draws':>5}")
        keys = []
        for s in kernel_rows:
            if (s.env, s.dash, s.control) not in keys:
                keys.append((s.env, s.dash, s.control))
        for env, number, control in keys:
            group = [s for s in kernel_rows if (s.env, s.dash, s.control) == (env, number, control)]
            med = lambda f: statistics.median([f(s) for s in group])  # noqa: E731
            print(f"{env:<11} {number:<4} {control[:22]:<22} {len(group):>3} {med(lambda s: s.ms):>8.0f} "
                  f"{med(lambda s: s.extra['kernel'].get('compute_ms', 0)):>8.0f} "
                  f"{med(lambda s: s.extra['kernel'].get('show_ms', 0)):>6.1f} "
                  f"{med(lambda s: s.extra['kernel']['ms']):>7.0f} "
                  f"{med(lambda s: s.ms - s.extra['kernel']['ms']):>6.0f} "
                  f"{med(lambda s: s.extra.get('frame_ms') or float('nan')):>8.0f} "
                  f"{med(lambda s: s.extra.get('in_task') or 0):>5.0f}")

    print("\nBars:")
    groups = {}
    for what, st, bar in summary:
        env, number, rest = what.split(" ", 2)
        kind = "ratio" if bar is None else "scrub" if rest.startswith("scrub") else "first" if rest == "first frame" \
            else "new"
        groups.setdefault((kind, env), []).append((number, rest, st, bar))
    titles = {"scrub": f"scrub p50 <= {BAR_SCRUB[0]:g}, p95 <= {BAR_SCRUB[1]:g} ms",
              "new": f"new setting p50 <= {BAR_RETRAIN[0]:g}, p95 <= {BAR_RETRAIN[1]:g} ms",
              "ratio": f">= {BAR_RATIO:g}x the naive pattern (new settings)",
              "first": f"static page, first frame <= {BAR_FIRST:g} ms (max of the loads)"}
    for kind in ("scrub", "new", "ratio", "first"):
        for (k, env), items in groups.items():
            if k != kind:
                continue
            items = [i for i in items if i[2] is not None]
            if kind == "ratio":
                ok = [i for i in items if i[2]["p50"] >= BAR_RATIO]
                missed = [f"{n} {r.replace(' × naive', '')} {st['p50']:.1f}x" for n, r, st, _ in items
                          if st["p50"] < BAR_RATIO]
            else:
                ok = [i for i in items if verdict(i[2], i[3]) == "met"]
                missed = [f"{n} {r.replace(' new', '')} {st['p50']:.0f}/{st['p95']:.0f}" for n, r, st, bar in items
                          if verdict(st, bar) != "met"]
            status = "met" if not missed else "MISSED"
            print(f"  {titles[kind]}, {env}: {status}, met by {len(ok)} of {len(items)}" + (
                f"; missed: {', '.join(missed)}" if missed else ""))
    plays = [s for s in samples if s.kind == "play"]
    if plays:
        lost = [f"{s.env} {s.dash}: {s.extra['missingShown']} not shown" for s in plays if s.extra["missingShown"]]
        print(f"  ▶ play, every frame drawn and shown: {'yes' if not lost else 'no (' + ', '.join(lost) + ')'}; "
              f"interval median {statistics.median(s.extra['interval_p50'] for s in plays):.0f} ms, worst p95 "
              f"{max(s.extra['interval_p95'] for s in plays):.0f} ms")
    if bench.notes:
        print("\nNotes:")
        for note in bench.notes:
            print(f"  - {note}")
    if bench.problems:
        print("\nProblems seen:")
        for problem in bench.problems:
            print(f"  - {problem}")
    print(f"\nbenchmark run time: {elapsed / 60:.1f} min ({sum(s.ms is not None for s in samples)} timed events)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about 4 minutes)")
    parser.add_argument("--only", action="append", default=[], choices=sorted(DASHBOARDS),
                        help="only this dashboard (repeatable), e.g. --only 04")
    parser.add_argument("--skip", action="append", default=[], choices=["jupyterlab", "voila", "static", "naive"],
                        help="leave out an environment or the naive pattern (repeatable)")
    parser.add_argument("--repeats", type=int, help="JupyterLab: new settings per control (default 10; quick 4)")
    parser.add_argument("--seen", type=int, help="JupyterLab: settings seen before per control (default 5; quick 2)")
    parser.add_argument("--voila-repeats", type=int, help="Voilà: new settings per control (default 4; quick 2)")
    parser.add_argument("--scrub", type=int, help="key presses per scrubber (default 30; quick 10)")
    parser.add_argument("--play", type=float, help="seconds of ▶ play at most (default 3.5; quick 2)")
    parser.add_argument("--naive", type=int, help="changes per naive app (default 6; quick 3)")
    parser.add_argument("--loads", type=int, help="loads per static page (default 4; quick 2)")
    parser.add_argument("--switches", type=int, help="static page: changes per control (default 6; quick 3)")
    parser.add_argument("--gap", type=float, default=0, help="ms to wait after a View was drawn before a timed "
                        "change (default 0; the kernel's prefetch starts 150 ms after an update)")
    parser.add_argument("--build-pages", action="store_true", help="build the static pages for the run even if "
                        "pages/ holds up-to-date ones")
    parser.add_argument("--json", type=Path, help="also write every sample to this JSON file")
    parser.add_argument("--report", type=Path, help="print the report of a run saved with --json, and stop")
    parser.add_argument("--verbose", action="store_true", help="log every change")
    args = parser.parse_args()
    import faulthandler
    import signal

    faulthandler.register(signal.SIGUSR1)  # kill -USR1 <pid>: where a stuck run is
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: still stop the servers, delete the copies
    quick = args.quick
    for name, full, short in (("repeats", 10, 4), ("seen", 5, 2), ("voila_repeats", 4, 2), ("scrub", 30, 10),
                              ("play", 3.5, 2.0), ("naive", 6, 3), ("loads", 4, 2), ("switches", 6, 3)):
        if getattr(args, name) is None:
            setattr(args, name, short if quick else full)
    args.only = sorted(set(args.only)) or sorted(DASHBOARDS)
    if args.report:  # print the report of an earlier run again
        saved = json.loads(args.report.read_text())
        meta = saved["meta"]
        args.only = meta["only"]
        bench = Bench.__new__(Bench)
        bench.args, bench.samples = args, [Sample(**s) for s in saved["samples"]]
        bench.git, bench.browser_version, bench.loads = meta["git"], meta["browser_version"], meta["loads"]
        bench.notes, bench.problems = meta["notes"], meta["problems"]
        report(bench, meta["elapsed"], meta["command"])
        return
    if CHROMIUM is None:
        sys.exit("needs Chromium (sudo apt-get install chromium) and Playwright (pip install -r requirements-test.txt)")
    from playwright.sync_api import sync_playwright

    command = "python benchmarks/browser_latency.py " + " ".join(sys.argv[1:])
    bench = Bench(args)
    started = time.time()
    try:
        bench.write_apps()
        paths = bench.prepare_pages() if "static" not in args.skip else {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            bench.browser_version = browser.version
            try:
                for env, run in (("static", lambda: bench.run_static(browser, paths)),
                                 ("jupyterlab", lambda: bench.run_lab(browser)),
                                 ("voila", lambda: bench.run_voila(browser))):
                    if env in args.skip:
                        continue
                    before = cpu_snapshot()
                    t = time.time()
                    try:
                        run()
                    except Exception as error:
                        bench.problem(f"{env}: {type(error).__name__}: {error}")
                        traceback.print_exc()
                    bench.loads.append((env, others_cpu(before, cpu_snapshot()) / (time.time() - t)))
                    log(f"{env}: {time.time() - t:.0f} s")
            finally:
                browser.close()
    finally:
        if bench.folder:
            shutil.rmtree(bench.folder, ignore_errors=True)
        if getattr(bench, "pages_folder", None):
            shutil.rmtree(bench.pages_folder, ignore_errors=True)
    elapsed = time.time() - started
    report(bench, elapsed, command.strip())
    if args.json:
        meta = dict(command=command.strip(), git=bench.git, browser_version=bench.browser_version, loads=bench.loads,
                    notes=bench.notes, problems=bench.problems, elapsed=elapsed, only=args.only)
        args.json.write_text(json.dumps(dict(meta=meta, samples=[asdict(s) for s in bench.samples]), indent=1,
                                        default=str))
    if not any(s.ms is not None for s in bench.samples):
        sys.exit(1)


if __name__ == "__main__":
    main()
