"""The kernel's side of a dashboard update: ``dash.compute(values)`` and the View it sends, per control.

A dashboard (notebooks 01-06; the ``symlab.lab`` factories) computes one View per setting and keeps the
last ``CACHED_VIEWS`` of them. This times, in this process (no browser, no widget messages), for every
control of every dashboard:

* new setting: ``dash.compute(values)`` for values it never computed, reached as a learner (and the
  browser benchmark) reaches them: another control (a seed if there is one) moves first to a setting not
  seen yet (computed, not timed), then the control moves one step, back and forth ("trained" = a run
  cache of the package missed: something was trained);
* seen before: the same values again (the View cache);
* the View sent: ``view.pack()`` (spec + one buffer): its time and its bytes; ``panels.show(view)``
  (traits set and serialised for the widget message; the session's JSON encoding and the socket are
  not included);
* naive: the same changes in the usual notebook pattern (the training with the run caches cleared, a
  new matplotlib figure with the same panels at the last epoch, saved as the inline backend does:
  PNG, tight bounding box), for the control the browser benchmark measures it on (the apps of
  benchmarks/browser_latency.py), right after the dashboard's own measurements.
* 01 again with 64 hidden units (the largest setting).

``--profile`` runs cProfile on ``dash.compute`` for new settings of the controls named (default: 04's
dropout p and 05's start scale) and prints where the time goes: the package's functions by cumulative
time and every function by own time.

    python benchmarks/dashboard_latency.py                      # all dashboards, 20 new settings per control
    python benchmarks/dashboard_latency.py --only 04 --only 05 --profile
    python benchmarks/dashboard_latency.py --repeats 5 --profile-target "06:init scale"

Prints median and 95th percentile per case (ms).
"""

import argparse
import cProfile
import importlib
import io
import math
import pstats
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FACTORIES = {
    "01": ("dashboard", "symmetry_dashboard"), "02": ("forward_backward", "rows_dashboard"),
    "03": ("zeros_figures", "starts_dashboard"), "04": ("dropout", "dropout_dashboard"),
    "05": ("convex_figures", "convex_dashboard"), "06": ("scale_figures", "scale_dashboard"),
}
HELPERS = ("seed", "hidden units", "bias scale", "learning rate")  # walked first to reach new settings
PROFILE_TARGETS = ["04:dropout p", "05:start scale"]


def percentile(values, q):
    return float(np.percentile(values, q)) if values else float("nan")


def run_caches():
    """The package's lru caches (the run caches), each once."""
    found = {}
    for name, module in list(sys.modules.items()):
        if module is not None and (name == "symlab" or name.startswith("symlab.")):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, "cache_info", None)) and callable(getattr(obj, "cache_clear", None)):
                    found[id(obj)] = obj
    return list(found.values())


def misses():
    return sum(f.cache_info().misses for f in run_caches())


def clear_caches():
    for f in run_caches():
        f.cache_clear()


def positions(control):
    """Every value a control can take (a slider's steps, a dropdown's options)."""
    if isinstance(control, widgets.FloatLogSlider):
        n = int(round((control.max - control.min) / control.step))
        return [float(f"{control.base ** (control.min + k * control.step):.12g}") for k in range(n + 1)]
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        n = int(round((control.max - control.min) / control.step))
        return [type(control.value)(round(control.min + k * control.step, 10)) for k in range(n + 1)]
    if isinstance(control, widgets.Dropdown):
        return list(control._options_values)
    return []


def neighbour(control, values):
    """The value one step from the control's starting value (up if it can)."""
    at = min(range(len(values)), key=lambda k: abs(values[k] - control.value) if not isinstance(control.value, str)
             else values[k] != control.value)
    return values[at + 1] if at + 1 < len(values) else values[at - 1]


def make(number, **kwargs):
    module, factory = FACTORIES[number]
    return getattr(importlib.import_module(f"symlab.lab.{module}"), factory)(**kwargs)


def new_settings(dash, name, count, keep=()):
    """Up to ``count`` pairs (values first reached by moving another control, then ``name`` moved one step):
    the second values are never computed by ``dash``. As a learner (and the browser benchmark) does it: another
    control (a seed first; none named in ``keep``) walks out from where it started, and ``name`` goes back and
    forth between its start and a neighbour."""
    controls = dash.controls
    own = positions(controls[name])
    pair = [controls[name].value, neighbour(controls[name], own)]
    others = sorted((n for n in controls if n != name and n not in keep and positions(controls[n])),
                    key=lambda n: (controls[n].description not in HELPERS,
                                   HELPERS.index(controls[n].description) if controls[n].description in HELPERS else 0,
                                   not isinstance(controls[n], (widgets.IntSlider, widgets.FloatSlider))))
    base = dash.values()
    combos = []
    for other in others:
        values = positions(controls[other])
        at = values.index(base[other]) if base[other] in values else 0
        combos += [(other, v) for v in sorted(values, key=lambda v: abs(values.index(v) - at)) if v != base[other]]
    done = 0
    for k, (other, value) in enumerate(combos):
        if done >= count:
            return
        first = {**base, other: value, name: pair[done % 2]}
        then = {**first, name: pair[(done + 1) % 2]}
        try:
            key = tuple(sorted(dash.settings(then).items()))
        except (ValueError, ArithmeticError):
            continue
        if key in dash._views:
            continue
        done += 1
        yield first, then


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return (time.perf_counter() - start) * 1e3, out


def naive_functions():
    """The browser benchmark's naive apps, run here: {number: (function, control description, widget)}."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from browser_latency import NAIVE_CELLS, NAIVE_HEADER

    import matplotlib.pyplot as plt

    namespace = {}
    exec(NAIVE_HEADER.replace("%matplotlib inline", ""), namespace)

    def show():  # what the inline backend does with a figure
        buffer = io.BytesIO()
        plt.gcf().canvas.print_figure(buffer, format="png", bbox_inches="tight")
        plt.close("all")

    apps = {}

    def interact(function, **controls):
        (name, widget), = controls.items()
        apps[current] = (function, widget.description, name)

    namespace["plt"].show = show
    namespace["widgets"] = type("W", (), dict(interact=staticmethod(interact), **{
        k: getattr(widgets, k) for k in ("FloatLogSlider", "FloatSlider", "Dropdown", "IntSlider")}))
    for current, source in NAIVE_CELLS.items():
        exec(source, namespace)
    return apps


def settings_for(number, name, repeats, keep=(), **kwargs):
    """(dashboard, first, values) for ``repeats`` new settings of control ``name``: when a dashboard has no new
    setting left near its start (02 has nine settings in all), the run caches are cleared and a new dashboard
    built, as a fresh kernel would."""
    dash, got = make(number, **kwargs), 0
    for _ in range(12):
        for first, values in new_settings(dash, name, repeats - got, keep):
            got += 1
            yield dash, first, values
        if got >= repeats:
            return
        clear_caches()
        dash = make(number, **kwargs)


def measure(number, repeats, naive, label=None, keep=(), **kwargs):
    rows = []
    app = naive.get(number) if naive and not kwargs else None
    naive_values = []
    for name, control in make(number, **kwargs).controls.items():
        new, trained, seen, pack, show, size, naive_ms = [], 0, [], [], [], [], []
        for dash, first, values in settings_for(number, name, repeats, keep, **kwargs):
            dash.compute(first)  # the other control moved first (not timed; perhaps cached)
            before = misses()
            ms, view = timed(dash.compute, values)
            new.append(ms)
            trained += misses() > before
            seen.append(timed(dash.compute, values)[0])
            ms, (spec, data) = timed(view.pack)
            pack.append(ms)
            size.append(len(data))
            show.append(timed(dash.panels.show, view)[0])
            if app and app[1] == control.description:
                naive_values.append(values[name])
        rows.append(dict(dash=label or number, control=control.description, new=new, trained=trained, seen=seen,
                         pack=pack, show=show, size=size, naive=naive_ms))
    # the naive pattern clears the run caches on every change: after the dashboard's own measurements
    for value in naive_values:
        rows[[r["control"] for r in rows].index(app[1])]["naive"].append(timed(app[0], value)[0])
    return rows


def profile(targets, repeats):
    for target in targets:
        number, _, description = target.partition(":")
        dash = make(number)
        name = next((n for n, c in dash.controls.items() if c.description == description), None)
        if name is None:
            print(f"\n--profile-target {target!r}: no control {description!r} in dashboard {number}")
            continue
        profiler = cProfile.Profile()
        total, n = 0.0, 0
        for dash, first, values in settings_for(number, name, repeats):
            n += 1
            dash.compute(first)
            start = time.perf_counter()
            profiler.enable()
            dash.compute(values)
            profiler.disable()
            total += time.perf_counter() - start
        stats = pstats.Stats(profiler)
        entries = stats.stats  # (file, line, function) -> (calls, primitive calls, own, cumulative, callers)
        print(f"\nprofile: {number} {description!r}, dash.compute for {n} new settings: "
              f"{1e3 * total / n:.0f} ms each (under cProfile)")
        print("  the package's functions by cumulative time (ms per compute, share of compute):")
        ours = [(k, v) for k, v in entries.items() if "/symlab/" in k[0]]
        for (path, line, function), (calls, _, own, cumulative, _) in sorted(ours, key=lambda e: -e[1][3])[:16]:
            where = path.split("/symlab/")[-1]
            print(f"    {1e3 * cumulative / n:7.1f} ms {100 * cumulative / total:5.1f}%  {calls / n:8.0f} calls  "
                  f"{where}:{line} {function}")
        print("  every function by own time:")
        for (path, line, function), (calls, _, own, cumulative, _) in sorted(entries.items(),
                                                                             key=lambda e: -e[1][2])[:12]:
            where = path.split("/symlab/")[-1] if "/symlab/" in path else path.split("/")[-1]
            print(f"    {1e3 * own / n:7.1f} ms {100 * own / total:5.1f}%  {calls / n:8.0f} calls  "
                  f"{where}:{line} {function}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=20, help="new settings per control (default 20)")
    parser.add_argument("--only", action="append", default=[], choices=sorted(FACTORIES))
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--profile", action="store_true", help="cProfile dash.compute for --profile-target")
    parser.add_argument("--profile-target", action="append", default=[],
                        help=f"NN:control description (default {' and '.join(PROFILE_TARGETS)})")
    args = parser.parse_args()
    numbers = sorted(set(args.only)) or sorted(FACTORIES)
    naive = {} if args.skip_naive else naive_functions()

    rows = []
    for number in numbers:
        rows += measure(number, args.repeats, naive)
    if "01" in numbers:
        rows += measure("01", max(3, args.repeats // 2), None, label="01 H=64", keep=("hidden",), hidden=64)

    print(f"dashboard update in the kernel: dash.compute(values), {args.repeats} new settings per control "
          f"(ms; median / p95)")
    print(f"{'dash':<8} {'control':<22} {'new':>13} {'trained':>7} {'seen':>11} {'pack':>5} {'show':>5} "
          f"{'View KB':>7} {'naive':>13} {'ratio':>5}")
    for r in rows:
        if not r["new"]:
            print(f"{r['dash']:<8} {r['control']:<22} (no new setting reachable)")
            continue
        med = statistics.median
        ratio = (med(r["naive"]) / med(r["new"])) if r["naive"] else math.nan
        naive_text = f"{med(r['naive']):6.0f} / {percentile(r['naive'], 95):4.0f}" if r["naive"] else f"{'—':>13}"
        print(f"{r['dash']:<8} {r['control']:<22} {med(r['new']):6.1f} / {percentile(r['new'], 95):4.0f} "
              f"{r['trained']:>3}/{len(r['new']):<3} {med(r['seen']):5.2f} / {percentile(r['seen'], 95):3.1f} "
              f"{med(r['pack']):5.1f} {med(r['show']):5.1f} {med(r['size']) / 1024:7.0f} {naive_text} "
              f"{'' if math.isnan(ratio) else f'{ratio:5.1f}'}")
    print("(trained: new settings for which some run was trained, the others only rebuilt the View from cached runs; "
          "naive: cache-free training + new matplotlib figure + PNG, for the control the browser benchmark uses; "
          "ratio = naive median / new median)")
    if args.profile or args.profile_target:
        profile(args.profile_target or PROFILE_TARGETS, max(5, args.repeats // 2))


if __name__ == "__main__":
    main()
