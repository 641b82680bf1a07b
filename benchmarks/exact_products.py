"""What exact symmetry costs: symlab's matrix products against BLAS (``@``), in one run.

symlab computes its products with :func:`symlab.mlp.matmul`, which sums every entry the same way
wherever it sits (``np.einsum`` for short sums, one ``np.vecdot`` per entry for long ones), so
identical units stay bit-identical on every CPU. ``@`` hands the product to BLAS: faster, but it
rounds rows at a tile's edge differently. This script measures both on the products the notebooks
make, and whole training runs with symlab's products and with ``@`` swapped in, interleaved so the
ratio is fair on a busy machine.

    python benchmarks/exact_products.py [--repeats 7]

Prints the median time of each case and the ratio exact / BLAS.
"""

import argparse
import importlib
import statistics
import time
from contextlib import contextmanager

import numpy as np

import symlab

MLP_MODULE = importlib.import_module("symlab.mlp")
TRAIN_MODULE = importlib.import_module("symlab.train")  # (symlab.train is also the function train)

RNG = np.random.default_rng(0)
T = lambda x: np.swapaxes(x, -1, -2)  # noqa: E731


def blas(A, B):
    return A @ B


@contextmanager
def products(function):
    """Train with ``function`` as the matrix product (symlab.mlp and symlab.train both call it)."""
    saved = MLP_MODULE.matmul, TRAIN_MODULE.matmul
    MLP_MODULE.matmul = TRAIN_MODULE.matmul = function
    try:
        yield
    finally:
        MLP_MODULE.matmul, TRAIN_MODULE.matmul = saved


def median_seconds(run, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def product_cases():
    """(name, A, B) for the products of the notebooks' nets: forward W @ A, dW = dZ @ A_prevᵀ, dA = Wᵀ @ dZ."""
    r = RNG.standard_normal
    return [
        ("dashboard 2-8-1, forward Z1 = W1 X", r((8, 2)), r((2, 200))),
        ("dashboard 2-8-1, dW1 = dZ1 Xᵀ", r((8, 200)), T(r((2, 200)))),
        ("20 stacked DLAI nets, forward Z2", r((20, 5, 10)), r((20, 10, 300))),
        ("20 stacked DLAI nets, dW2", r((20, 5, 300)), T(r((20, 10, 300)))),
        ("30 stacked deep-ReLU layers (16 units), forward", r((30, 16, 16)), r((30, 16, 64))),
        ("5 stacked digits nets, forward Z1 = W1 X", r((5, 32, 64)), r((64, 1347))),
        ("5 stacked digits nets, dW1 = dZ1 Xᵀ", r((5, 32, 1347)), T(r((64, 1347)))),
    ]


def training_cases():
    """(name, function that trains once) for the notebooks' typical runs."""
    X, Y = symlab.make_dataset("circles", 200, 0.1, 0)

    def dashboard():
        symlab.train(symlab.MLP([2, 8, 1], "tanh", "he_normal", 1.0, 0), X, Y, epochs=200, lr=1.5)

    def restarts():
        nets = [symlab.MLP([2, 2, 1], "tanh", "xavier_normal", 1.0, s) for s in range(200)]
        XOR = np.array([[-1.0, -1.0, 1.0, 1.0], [-1.0, 1.0, -1.0, 1.0]])
        symlab.train_many(nets, XOR, np.array([[0.0, 1.0, 1.0, 0.0]]), epochs=500, lr=0.5)

    def deep():
        X64, Y64 = symlab.make_dataset("circles", 64, 0.1, 0)
        nets = [symlab.MLP([2] + [16] * 30 + [1], "relu", "he_normal", 1.0, s) for s in range(10)]
        symlab.train_many(nets, X64, Y64, epochs=20, lr=0.02)

    def digits():
        from symlab.lab import digits as digits_module

        Xd, Yd, *_ = digits_module.digits_data()
        nets = [symlab.MLP([64, 32, 32, 10], "relu", "he_normal", 1.0, s, output="softmax") for s in range(5)]
        symlab.train_many(nets, Xd, Yd, epochs=20, lr=0.5)

    return [("dashboard: 2-8-1 tanh, 200 points, 200 epochs", dashboard),
            ("restarts: 200 stacked 2-2-1 XOR nets, 500 epochs", restarts),
            ("deep ReLU: 10 stacked [2]+[16]*30+[1] nets, 64 points, 20 epochs", deep),
            ("digits: 5 stacked 64-32-32-10 nets, 1347 images, 20 epochs", digits)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"{'product':<52} {'BLAS @ (µs)':>12} {'symlab (µs)':>12} {'exact / BLAS':>13}")
    for name, A, B in product_cases():
        n = max(3, args.repeats)
        fast = median_seconds(lambda: [A @ B for _ in range(20)], n) / 20 * 1e6
        exact = median_seconds(lambda: [MLP_MODULE.matmul(A, B) for _ in range(20)], n) / 20 * 1e6
        print(f"{name:<52} {fast:>12.1f} {exact:>12.1f} {exact / fast:>12.1f}×")
    print()
    print(f"{'training run':<66} {'BLAS @ (ms)':>12} {'symlab (ms)':>12} {'exact / BLAS':>13}")
    for name, run in training_cases():
        run()  # warm up (and fill data caches)
        fast, exact = [], []
        for _ in range(args.repeats):  # interleaved: the two see the same machine load
            with products(blas):
                fast.append(median_seconds(run, 1))
            exact.append(median_seconds(run, 1))
        fast, exact = statistics.median(fast) * 1e3, statistics.median(exact) * 1e3
        print(f"{name:<66} {fast:>12.1f} {exact:>12.1f} {exact / fast:>12.1f}×")


if __name__ == "__main__":
    main()
