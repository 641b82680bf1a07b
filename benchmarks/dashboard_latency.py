"""Dashboard update latency: symlab's dashboard against the usual `interact` + inline pattern.

One "update" is: a control's value changes -> (re)train or read the cache -> redraw
-> the PNG the front end receives. For symlab, setting the widget's value runs all
of it: training (or the cache), the in-place redraw (blitting) and the diff PNG
that ipympl sends; the canvas is told that a front end is connected, as JupyterLab
does, so it does not also re-encode a full PNG for the saved notebook. For the
naive pattern: retrain from scratch, a new pyplot figure with the same three
panels, saved as the inline backend does (PNG, tight bounding box). Both run in
this process, interleaved, so their ratio is fair on a noisy machine.

    python benchmarks/dashboard_latency.py [--repeats 30]

Prints median and 95th percentile per case and the ratios.
"""

import argparse
import io
import statistics
import time

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import symlab  # noqa: E402
from symlab.lab.dashboard import SymmetryDashboard  # noqa: E402
from symlab.lab.runs import _cached_run  # noqa: E402


def percentile(values, q):
    return float(np.percentile(values, q))


def naive_update(settings):
    """The usual notebook: retrain from scratch, new figure, three panels, inline PNG."""
    X, Y = symlab.make_dataset(settings["dataset"], 200, 0.1, settings["seed"])
    net = symlab.MLP([2, settings["hidden"], 1], activation=settings["activation"], init=settings["scheme"],
                     scale=settings["scale"], seed=settings["seed"])
    history = symlab.train(net, X, Y, epochs=settings["epochs"], lr=settings["lr"])
    probe = np.vstack([np.linspace(-1.5, 1.5, 121), np.zeros(121)])
    _, cache = net.forward(probe)
    _, data_cache = net.forward(X)
    grads = net.backward(data_cache, Y)
    fig, axes = plt.subplots(1, 3, figsize=(9.6, 3.4), dpi=90)
    for row in cache["A1"]:
        axes[0].plot(probe[0], row)
    axes[0].set_title("Hidden-unit outputs")
    axes[1].imshow(np.hstack([grads["dW1"], grads["db1"]]), cmap="RdBu_r", aspect="auto")
    axes[1].set_title("dW1 | db1")
    axes[2].semilogy(history.loss)
    axes[2].set_title("Training loss")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def timed(fn):
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    n = args.repeats
    scales = 10 ** np.linspace(-1, 0.5, n)  # distinct values: every retraining update misses the cache

    results = {}
    for label, hidden in [("default (H = 8)", 8), ("largest (H = 64)", 64)]:
        dash = SymmetryDashboard(scheme="he_normal", hidden=hidden, use_ipympl=True)
        for fig in dash.figs:  # one canvas per panel
            fig.canvas.syncing_data_url = False  # as when JupyterLab shows the canvas
        controls = dash.controls
        retrain, cached, scrub, naive = [], [], [], []
        _cached_run.cache_clear()
        for i, scale in enumerate(scales):
            # retraining update: a new scale value, never seen before
            retrain.append(timed(lambda: setattr(controls["scale"], "value", float(scale))))
            # cached update: back to a value seen before
            previous = float(scales[max(i - 1, 0)])
            cached.append(timed(lambda: setattr(controls["scale"], "value", previous)))
            # epoch scrub: read a recorded snapshot
            epoch = int(4 * (i % 50))
            scrub.append(timed(lambda: setattr(controls["epoch"], "value", epoch)))
            naive.append(timed(lambda: naive_update(dict(dash.settings(), scale=float(scale)))))
        results[label] = dict(retrain=retrain, cached=cached, scrub=scrub, naive=naive)

    print(f"dashboard update latency, {n} updates per case (ms; ratio = naive median / case median)")
    print(f"{'settings':<18} {'case':<44} {'median':>7} {'p95':>7} {'ratio':>6}")
    names = {"retrain": "symlab: new setting (train + redraw + PNG)",
             "cached": "symlab: setting seen before (cache + redraw)",
             "scrub": "symlab: epoch scrubber (snapshot + redraw)",
             "naive": "naive interact + inline (train + new fig)"}
    for label, cases in results.items():
        naive_median = statistics.median(cases["naive"])
        for case, values in cases.items():
            median = statistics.median(values)
            print(f"{label:<18} {names[case]:<44} {median:7.1f} {percentile(values, 95):7.1f} "
                  f"{naive_median / median:6.1f}")


if __name__ == "__main__":
    main()
