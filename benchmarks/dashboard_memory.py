"""Memory of the symmetry dashboard at its largest setting (64 hidden units), its View cache full.

Builds notebook 01's dashboard with 64 hidden units, then computes new settings (the scale slider
walking through its range, as a learner would) until the dashboard's View cache
(``symlab.lab.apps.CACHED_VIEWS``) and the run caches are full. Prints the resident set size (RSS, now
and peak) after importing, with the dashboard shown and with the caches full; what the cached Views
hold (their arrays, and the bytes ``view.pack()`` sends); and what the run caches hold (numpy arrays
reachable from the cached runs: weights, snapshots, histories).

    python benchmarks/dashboard_memory.py [--hidden 64] [--settings 60]

Linux only (it reads /proc/self/status).
"""

import argparse
import json
import resource
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb():
    """(current, peak) resident set size in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    now = int(fields["VmRSS"].split()[0]) / 1024
    return now, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def array_bytes(obj, seen=None, depth=0):
    """Bytes of the numpy arrays reachable from ``obj`` (dicts, lists, tuples, objects' attributes), each once."""
    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 12:
        return 0
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        base = obj.base if isinstance(obj.base, np.ndarray) else None
        return 0 if base is not None and id(base) in seen else obj.nbytes
    if isinstance(obj, dict):
        return sum(array_bytes(v, seen, depth + 1) for v in obj.values())
    if isinstance(obj, (list, tuple, set)):
        return sum(array_bytes(v, seen, depth + 1) for v in obj)
    fields = getattr(obj, "__dict__", None)
    if fields is None and hasattr(obj, "__slots__"):
        fields = {k: getattr(obj, k, None) for k in obj.__slots__}
    return sum(array_bytes(v, seen, depth + 1) for v in (fields or {}).values())


def run_caches():
    found = {}
    for name, module in list(sys.modules.items()):
        if module is not None and name.startswith("symlab"):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, "cache_info", None)) and callable(getattr(obj, "cache_parameters", None)):
                    found[id(obj)] = (name, obj)
    return list(found.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hidden", type=int, default=64, help="hidden units (default 64, the largest)")
    parser.add_argument("--settings", type=int, default=60, help="new settings computed (default 60)")
    args = parser.parse_args()

    before = rss_mb()
    from symlab.lab import apps, dashboard

    imported = rss_mb()
    dash = dashboard.symmetry_dashboard(scheme="he_normal", scale=1.0, hidden=args.hidden)
    shown = rss_mb()
    spec, data = dash.panels.view.pack()
    first_view = (array_bytes(dash.panels.view.arrays), len(data), len(json.dumps(spec)))

    control = dash.controls["scale"]
    exponents = np.arange(control.min, control.max + 1e-9, control.step)
    seeds = range(dash.controls["seed"].min, dash.controls["seed"].max + 1)
    computed = 0
    for seed in seeds:  # the scale slider through its range, then again with the next seed
        for e in exponents:
            if computed >= args.settings:
                break
            dash.compute({**dash.values(), "scale": float(f"{10 ** e:.10g}"), "seed": seed})
            computed += 1
    full = rss_mb()

    views = list(dash._views.values())
    view_arrays = sum(array_bytes(v.arrays) for v in views)
    view_packed = sum(len(v.pack()[1]) for v in views)
    view_json = sum(len(json.dumps(v.pack()[0])) for v in views)
    caches = [(name, f.__name__, f.cache_info().currsize, f.cache_info().maxsize) for name, f in run_caches()
              if f.cache_info().currsize]
    run = dash.run  # the run shown (cached): what one cached run holds

    print(f"symmetry dashboard memory, {args.hidden} hidden units, {dash.epochs} epochs "
          f"({len(dash.panels.view.spec['frames'])} frames), {computed} new settings computed")
    print(f"  RSS after importing numpy:                    {before[0]:7.1f} MB")
    print(f"  RSS after importing symlab.lab.dashboard:     {imported[0]:7.1f} MB")
    print(f"  RSS with the dashboard built (one View):      {shown[0]:7.1f} MB")
    print(f"  RSS with the caches full:                     {full[0]:7.1f} MB (peak {full[1]:.1f} MB)")
    print(f"  one View: arrays {first_view[0] / 2**20:.2f} MB, sent {first_view[1] / 2**20:.2f} MB buffer + "
          f"{first_view[2] / 1024:.0f} KB JSON spec")
    print(f"  View cache: {len(views)} Views (CACHED_VIEWS = {apps.CACHED_VIEWS}), "
          f"arrays {view_arrays / 2**20:.1f} MB, "
          f"{view_packed / 2**20:.1f} MB packed + {view_json / 2**20:.1f} MB of specs")
    print(f"  one run: {array_bytes(run) / 2**20:.2f} MB of arrays (weights, recorded snapshots, history)")
    for name, function, size, most in caches:
        print(f"  run cache {name}.{function}: {size} runs (at most {most})")
    print(f"  arrays reachable from the dashboard (Views, shown View, runs it references): "
          f"{array_bytes(dash) / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
