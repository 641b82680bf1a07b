"""Notebooks 05 and 06: claims stated over many random starts (seeds), asserted on the same settings.

The time a saturated net needs to learn is chaotic in its start and in the CPU's rounding, so the
notebooks state it as counts over seeds; the tests assert those counts and that every printed bound
lies far from every seed's epoch (so the count prints the same on every CPU).
"""

import numpy as np
import pytest

import symlab
from symlab.lab import scale
from symlab.mlp import MLP

SEEDS = 20


@pytest.fixture(scope="module")
def tanh():
    return scale.seed_sweep("tanh")


@pytest.fixture(scope="module")
def sigmoid():
    return scale.seed_sweep("sigmoid")


def reached(sweep, s, within=500):
    row = np.flatnonzero(sweep["scale"] == s)[0]
    return int(np.sum(sweep["epochs_to_learn"][row] <= within))


def test_seed_sweep_matches_scale_run_for_its_seeds():
    """The batched sweep trains exactly as scale_run does (seed 0 at every scale, a few more seeds at two)."""
    sweep = scale.seed_sweep("tanh")
    for i, s in enumerate(sweep["scale"]):
        run = scale.scale_run(float(s), "tanh")
        expected = np.nan if run.epochs_to_learn is None else run.epochs_to_learn
        assert np.array_equal(sweep["epochs_to_learn"][i, 0], expected, equal_nan=True), s
        assert sweep["relative_step"][i, 0] == pytest.approx(run.relative_step, rel=1e-12)
    for s in (0.3162, 3.162):
        row = np.flatnonzero(sweep["scale"] == s)[0]
        for seed in (3, 11):
            assert sweep["epochs_to_learn"][row, seed] == scale.scale_run(s, "tanh", seed=seed).epochs_to_learn


def test_seed_sweep_names_a_bad_setting():
    with pytest.raises(ValueError, match="activation='gelu'"):
        scale.seed_sweep("gelu")
    with pytest.raises(ValueError, match="scale"):
        scale.seed_sweep("tanh", scales=(0.0,))


# ------------------------------------------------------------ F1: the window where every start works
def test_tanh_every_seed_learns_from_03162_to_10_and_most_at_01_and_3162(tanh):
    assert len(tanh["seeds"]) == SEEDS
    assert scale.every_seed_learns(tanh) == (0.3162, 10.0)          # "every one of 20 … from 0.3162 to 10"
    assert reached(tanh, 0.1) == 15 and reached(tanh, 31.62) == 15  # "most (15 of 20) at 0.1 and at 31.62"
    assert reached(tanh, 100.0) == 0                                # "all 20 at 100" need more than 500
    assert 0.1 == scale.SEED_SCALES["tanh"][0]


# ------------------------------------------------------------ F2: scale 31.62 is slow over seeds
def test_tanh_at_3162_is_slow_over_seeds_not_only_for_seed_0(tanh):
    assert reached(tanh, 1.0, 50) == SEEDS                          # "every tanh seed … within 50 epochs"
    assert reached(tanh, 31.62, 100) == 0                           # "none is within 100"
    row = np.flatnonzero(tanh["scale"] == 31.62)[0]
    epochs = tanh["epochs_to_learn"][row]
    # seed 0 (the table's "≤ 200") is on the quick side: most seeds that learn need longer
    assert np.sum(epochs > epochs[0]) > np.sum(epochs < epochs[0])
    # every printed bound (50, 100, 500) is far from every seed's epoch: the counts are the same on other CPUs
    learned = epochs[~np.isnan(epochs)]
    assert learned.min() > 130 and learned.max() < 450


# ------------------------------------------------------------ F3: sigmoid over seeds
def test_sigmoid_window_and_its_ends_over_seeds(sigmoid):
    assert scale.every_seed_learns(sigmoid) == (1.0, 10.0)
    assert reached(sigmoid, 0.3162) == 4                            # "16 of 20 at 0.3162" need more
    assert reached(sigmoid, 100.0) == 7                             # "13 of 20 at 100"
    assert reached(sigmoid, 31.62) == 18                            # "18 of 20 seeds get there"
    assert reached(sigmoid, 31.62, 100) == 10                       # "half within 100 epochs"
    assert np.isnan(sigmoid["epochs_to_learn"][np.flatnonzero(sigmoid["scale"] == 31.62)[0], 0])  # seed 0: > 500
    assert scale.scale_run(31.62, "sigmoid").epochs_to_learn is None


# ------------------------------------------------------------ F9: the relative step, median over seeds
def test_relative_step_is_about_ten_times_smaller_at_3162(capsys):
    r = scale.print_step_ratio("tanh", good=1.0, large=31.62)
    out = capsys.readouterr().out
    assert 8 < r["ratio"] < 14                                      # "about ten times smaller"
    assert f"{r['ratio']:.0f} times smaller" in out and "11 times" in out
    assert r["per_seed"].min() < 6 and r["per_seed"].max() > 10     # "from a few times to more than ten times"
    assert len(r["per_seed"]) == SEEDS
    # step 0 only: recomputed from the nets directly
    X, Y = symlab.make_dataset(**scale.DATA)
    for seed in (0, 7):
        ratios = []
        for s in (1.0, 31.62):
            net = MLP([2, 32, 1], "tanh", "normal", s, seed)
            AL, cache = net.forward(X)
            ratios.append(np.linalg.norm(net.backward(cache, Y)["dW1"]) / np.linalg.norm(net.params["W1"]))
        assert ratios[0] / ratios[1] == pytest.approx(r["per_seed"][seed], rel=1e-9)


# ------------------------------------------------------------ F6: notebook 05, far starts
def test_logistic_regression_reaches_the_same_minimum_from_far_starts_given_time():
    from symlab.lab import convex

    r = convex.far_starts()
    assert list(r["scale"]) == [3.0, 10.0, 30.0] and list(r["epochs"]) == [3000, 10000]
    assert r["within"][:, 0].tolist() == [20, 18, 11]       # "18 of 20 … only 11 of 20" after 3000 steps
    assert 10 < r["largest"][2, 0] < 20                      # "the farthest is still about 16 away"
    assert np.all(r["within"][:, 1] == 20)                   # "every one of the 60 … after 10000 steps"
    assert np.all(r["largest"][:, 1] < 1e-11)               # far below the printed bound (rounding-proof)
    # the counts have a margin: no start ends within a factor 2 of the 1e-9 bound after 3000 steps (the runs are
    # smooth, not chaotic: rounding moves a distance by ~1e-13)
    X, Y = convex.convex_data()
    w, b = symlab.linear.logistic_newton(X, Y)
    optimum = np.hstack([w, b]).ravel()
    d = np.array([[np.abs(convex.logistic_from(s, seed).theta - optimum).max() for seed in range(1, 21)]
                  for s in (10.0,)])
    assert np.sum(d < 1e-9) == 18 and not np.any((d > 5e-10) & (d < 2e-9))
    # the batched runs agree with symlab.logistic_regression
    assert r["within"][1, 0] == np.sum(d < 1e-9)
