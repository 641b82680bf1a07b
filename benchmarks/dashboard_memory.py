"""Peak memory (RSS) of the symmetry dashboard with full training histories recorded.

Builds the dashboard at its largest setting (64 hidden units), then moves the
scale slider through 40 new values, so every run is trained and the run cache
(32 settings, each with its snapshots of weights, gradients and hidden outputs)
is full. Prints the peak resident set size before and after, and the size of the
recorded histories.

    python benchmarks/dashboard_memory.py
"""

import resource

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")

import numpy as np  # noqa: E402

from symlab.lab.dashboard import SymmetryDashboard  # noqa: E402
from symlab.lab.runs import _cached_run  # noqa: E402


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def history_bytes(run):
    total = run.history.loss.nbytes + run.history.accuracy.nbytes
    for snap in run.history.snapshots.values():
        total += snap.hidden.nbytes + sum(a.nbytes for a in snap.params.values())
        total += sum(a.nbytes for a in snap.grads.values())
    return total


def main():
    import symlab  # noqa: F401  (imports numpy, matplotlib, ipywidgets, scikit-learn)

    baseline = peak_mb()
    dash = SymmetryDashboard(scheme="he_normal", hidden=64, use_ipympl=True)
    for fig in dash.figs:  # one canvas per panel
        fig.canvas.syncing_data_url = False
    after_first = peak_mb()
    for scale in 10 ** np.linspace(-2, 1.5, 40):
        dash.controls["scale"].value = float(scale)
    info = _cached_run.cache_info()
    per_run = history_bytes(dash.run) / 2**20
    print("dashboard memory (H = 64, 200 epochs, a snapshot every 4 epochs)")
    print(f"  peak RSS after importing symlab:        {baseline:7.1f} MB")
    print(f"  peak RSS with the dashboard shown:      {after_first:7.1f} MB")
    print(f"  peak RSS after 40 settings (cache full): {peak_mb():7.1f} MB")
    print(f"  one run's recorded history:             {per_run:7.2f} MB x {info.currsize} cached runs "
          f"(cache holds at most {info.maxsize})")


if __name__ == "__main__":
    main()
