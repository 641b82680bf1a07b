"""Training throughput of symlab.train against a course-style reference and PyTorch (CPU).

Two nets, trained by full-batch gradient descent, timed over whole runs:

* dashboard size: [2, 8, 1] tanh on 200 circle points, 200 epochs (one slider update);
* capstone size: [2, 10, 5, 1] ReLU on 300 circle points (the deeplearning.ai setup), 2,000 epochs.

Every epoch each implementation does a forward pass, the cost, a backward pass and
an update. symlab also records accuracy and checks for divergence every epoch.
The reference is benchmarks/course_reference.py (dicts and per-layer helper
functions, as course assignments write it). PyTorch runs only if ``torch`` is
installed (it is not a symlab requirement), with autograd and torch.optim.SGD.
All three run interleaved in one process, so the ratios are fair.

    python benchmarks/training_throughput.py [--repeats 9]
"""

import argparse
import statistics
import time
import warnings

import numpy as np

import symlab
from course_reference import L_layer_model

try:
    import torch
except ImportError:  # optional
    torch = None

CASES = {
    "dashboard [2, 8, 1] tanh, m = 200": dict(sizes=[2, 8, 1], activation="tanh", m=200, epochs=200, lr=1.5),
    "capstone [2, 10, 5, 1] relu, m = 300": dict(sizes=[2, 10, 5, 1], activation="relu", m=300, epochs=2000, lr=0.01),
}


def run_symlab(case, X, Y):
    net = symlab.MLP(case["sizes"], activation=case["activation"], init="he_normal", seed=0)
    symlab.train(net, X, Y, epochs=case["epochs"], lr=case["lr"])


def run_reference(case, X, Y):
    with warnings.catch_warnings():  # the textbook cost may log(0); the point here is speed
        warnings.simplefilter("ignore")
        L_layer_model(X, Y, case["sizes"], case["activation"], case["lr"], case["epochs"])


def run_torch(case, X, Y):
    torch.manual_seed(0)
    sizes, act = case["sizes"], {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}[case["activation"]]
    layers = []
    for l in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[l - 1], sizes[l], dtype=torch.float64))
        if l < len(sizes) - 1:
            layers.append(act())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=case["lr"])
    loss_fn = torch.nn.BCEWithLogitsLoss()
    inputs, targets = torch.from_numpy(X.T.copy()), torch.from_numpy(Y.T.copy())
    for _ in range(case["epochs"]):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    if torch is not None:
        torch.set_num_threads(1)  # tiny matrices: threads only add overhead
    runners = {"symlab.train": run_symlab, "course-style reference": run_reference}
    if torch is not None:
        runners[f"PyTorch {torch.__version__} CPU"] = run_torch
    print(f"training throughput, full-batch gradient descent, {args.repeats} runs each "
          "(epochs per second; ratio = symlab / other, > 1 means symlab is faster)")
    if torch is None:
        print("(PyTorch not installed: its rows are skipped)")
    print(f"{'net':<38} {'implementation':<26} {'median ep/s':>11} {'p95 time ms':>12} {'ratio':>6}")
    for name, case in CASES.items():
        X, Y = symlab.make_dataset("circles", case["m"], 0.1, seed=0)
        times = {label: [] for label in runners}
        for _ in range(args.repeats):
            for label, runner in runners.items():
                start = time.perf_counter()
                runner(case, X, Y)
                times[label].append(time.perf_counter() - start)
        ours = statistics.median(times["symlab.train"])
        for label, values in times.items():
            median = statistics.median(values)
            p95 = float(np.percentile(values, 95))
            print(f"{name:<38} {label:<26} {case['epochs'] / median:11.0f} {1000 * p95:12.1f} "
                  f"{median / ours:6.2f}")


if __name__ == "__main__":
    main()
