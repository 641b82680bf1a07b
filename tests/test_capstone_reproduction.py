"""Notebook 09: the deeplearning.ai "Initialization" table reproduced, seeds, and the digits comparison.

Published values (the assignment's printed output): zeros 50% / 50% at cost ln 2 throughout;
randn * 10: cost inf at iteration 0, 83% / 86%; He: 0.8830537463419761 … 0.07357895962677366,
99.33% / 96%.
"""

import math

import numpy as np
import pytest
import sklearn.datasets

import symlab
from symlab.lab import capstone, capstone_chaos, digits, progress
LN2 = math.log(2)


@pytest.fixture(scope="module", autouse=True)
def table_rows():
    """Train the eight rows of the table together once (they are cached for every test here)."""
    return capstone.train_dlai_rows(show_progress=False)


def test_data_is_the_assignments():
    X, Y, Xt, Yt = capstone.dlai_data()
    assert X.shape == (2, 300) and Y.shape == (1, 300) and Xt.shape == (2, 100) and Yt.shape == (1, 100)
    assert Y.mean() == 0.5 and Yt.mean() == 0.5
    np.random.seed(1)                            # the assignment's own way of seeding
    legacy, labels = sklearn.datasets.make_circles(n_samples=300, noise=.05)
    assert np.array_equal(legacy.T, X) and np.array_equal(labels, Y[0])


def test_zeros_row_is_exactly_the_published_one():
    run = capstone.dlai_run("zeros", 0.0)
    assert run.train_accuracy == 0.5 and run.test_accuracy == 0.5          # published: 50% / 50%
    assert np.all(np.abs(run.history.loss - LN2) < 1e-6)                    # 0.693147 at every step
    assert abs(run.history.final_loss - LN2) < 1e-6


def test_random_times_ten_row():
    run = capstone.dlai_run("normal", 10.0)
    assert run.train_accuracy == pytest.approx(0.83, abs=1e-12)             # published 0.83
    assert run.test_accuracy == pytest.approx(0.86, abs=1e-12)              # published 0.86
    assert run.naive_loss0 == math.inf                                      # published "inf"
    assert run.history.loss[0] == pytest.approx(1773.586, abs=1e-3)         # symlab: finite


def test_he_row_and_its_cost_trace():
    run = capstone.dlai_run("he_normal", 1.0)
    assert run.train_accuracy >= 0.98                                       # published 0.9933
    assert run.train_accuracy == pytest.approx(0.9933333333333333, abs=1e-12)
    assert run.test_accuracy == pytest.approx(0.96, abs=1e-12)
    published = np.array(capstone.PUBLISHED_HE_TRACE)
    assert np.max(np.abs(run.trace - published)) < 5e-5                     # 4 printed decimals ...
    assert np.max(np.abs(run.trace - published)) < 1e-11                    # ... in fact 11 decimals
    assert capstone.compare_he_trace() < 1e-11


def test_symlab_train_itself_reproduces_the_trace():
    X, Y, _, _ = capstone.dlai_data()
    net = symlab.MLP([2, 10, 5, 1], activation="relu", init="he_normal", seed=np.random.RandomState(3))
    history = symlab.train(net, X, Y, epochs=15000, lr=0.01)
    assert np.array_equal(history.loss, capstone.dlai_run("he_normal").history.loss)
    assert np.max(np.abs(history.loss[::1000] - np.array(capstone.PUBLISHED_HE_TRACE))) < 1e-11


def test_a_different_seed_does_not_reproduce_the_trace():
    run = capstone.dlai_run("he_normal", 1.0, seed=0)
    assert np.max(np.abs(run.trace - np.array(capstone.PUBLISHED_HE_TRACE))) > 1e-3


def test_the_formula_is_not_what_moves_the_step_1000_cost():
    numbers = capstone_chaos.explain_random_costs()
    assert numbers["naive0"] == math.inf and math.isfinite(numbers["symlab0"])
    assert abs(numbers["naive1000_same_weights"] - numbers["symlab1000"]) < 1e-12
    assert numbers["moved"]["normal"] > 1e-6 * 100          # the x10 path is chaotic (margin 100x) ...
    assert numbers["moved"]["he_normal"] < 1e-9 / 100       # ... the He path is not (margin 100x)
    assert numbers["symlab_accuracy"] == (0.83, 0.86)


def test_this_machines_digits_lie_where_every_machine_prints_them():
    """The x10 run's later costs differ between machines; the notebook pins only what every machine shares."""
    numbers = capstone_chaos.random_costs_here()
    for key in ("symlab1000", "code1000", "stable1000"):
        assert 0.62 <= numbers[key] <= 0.63, key             # the published copies: 0.6237 … 0.6251
    assert abs(numbers["code1000"] - numbers["symlab1000"]) > 1e-5    # two arithmetics, two paths
    assert round(numbers["symlab14000"], 3) == round(numbers["code14000"], 3) == 0.383   # the table's 0.383
    assert numbers["code_accuracy"] == (0.83, 0.86)


def test_extra_rows_symmetric_draw_a_line_scaled_draw_the_ring():
    runs = {(r.init, r.scale): r for r in capstone.train_dlai_rows(show_progress=False)}
    for key in (("constant", 0.5), ("tied_normal", 1.0)):
        assert runs[key].train_accuracy < 0.65, key
    for key in (("lecun_normal", 1.0), ("xavier_normal", 1.0), ("orthogonal", 1.0), ("he_normal", 1.0)):
        assert runs[key].train_accuracy >= 0.97 and runs[key].test_accuracy >= 0.9, key


def test_how_far_the_numbers_move_across_seeds():
    sweep = capstone.dlai_seed_sweep()
    verdict = capstone.sweep_verdict(sweep)
    assert verdict["he_rank"] == sweep.seeds == 10                    # "higher than every one of the ten"
    assert verdict["x10_span"] > 0.30 and verdict["x10_inside"]
    he, big = ("he_normal", 1.0), ("normal", 10.0)
    assert np.all(np.abs(sweep.train_accuracy[he] - 0.9933) <= 0.02)     # "within about two points"
    assert np.all(np.abs(sweep.test_accuracy[he] - 0.96) <= 0.03)        # "within about three points"
    assert np.ptp(sweep.train_accuracy[big]) > 0.30                      # "swings by more than 30 points"
    assert np.ptp(sweep.test_accuracy[big]) > 0.30


# ------------------------------------------------------------ digits
def test_digits_data():
    X, Y, Xt, Yt, images = digits.digits_data()
    assert X.shape == (64, 1347) and Xt.shape == (64, 450) and Y.shape == (10, 1347) and images.shape == (450, 8, 8)
    assert X.shape[1] + Xt.shape[1] == 1797 and X.min() == 0 and X.max() == 1


def test_digits_comparison():
    result = digits.digits_comparison()
    X, Y, Xt, Yt, _ = digits.digits_data()
    zeros = ("zeros", 0.0)
    most_common = np.argmax(Y.sum(axis=1))
    assert result.test_accuracy[zeros][0] == pytest.approx(Yt[most_common].mean())   # 10.2%
    assert np.all(np.abs(result.final_loss[zeros] - math.log(10)) < 1e-3)
    small, big = ("normal", 0.01), ("normal", 1.0)
    assert result.final_loss[small].min() > 1.0                             # "barely left ln 10"
    assert 50 < result.loss[big][:, 0].mean() < 200                          # "near 100 nats"
    assert result.test_accuracy[big].max() < 0.6 and result.test_accuracy[big].std() > 0.1   # "a lottery"
    scaled = [("lecun_normal", 1.0), ("xavier_normal", 1.0), ("he_normal", 1.0), ("orthogonal", 1.0)]
    for key in scaled:
        acc = result.test_accuracy[key]
        assert 0.96 <= acc.min() and acc.max() <= 0.98, key                   # "each of these 3 seeds between 96% and 98%"
        assert result.final_loss[key].mean() * 40 < result.final_loss[small].mean()
    for a in scaled:                                                          # no ranking the seeds support
        for b in scaled:
            ma, mb = result.test_accuracy[a], result.test_accuracy[b]
            assert abs(ma.mean() - mb.mean()) <= ma.std() + mb.std() + 1e-12


def test_digits_verdict_bands_have_a_margin():
    """Each printed band holds with room: no seed lies within half a point of a band edge it could cross."""
    result = digits.digits_comparison()
    bands = result.verdict()
    assert bands[("zeros", 0.0)] == (46 / 450, 46 / 450) and bands[("he_normal", 1.0)] == (0.96, 0.98)
    for key, (low, high) in bands.items():
        acc = result.test_accuracy[key]
        assert low <= acc.min() and acc.max() <= high
        if key != ("zeros", 0.0):                 # zeros' 10.2% is exact: the class prior, on every machine
            assert acc.min() - low >= 0.001 and high - acc.max() >= 0.001, (key, acc)


def test_progress_view_has_a_stable_text_form():
    bar = progress.ProgressView(3, "digits")
    bar.update()
    text = bar._repr_mimebundle_()["text/plain"]
    assert text == "progress: digits"
    bar.close()
    silent = progress.progress(3, "x")        # not in a kernel: nothing is displayed
    silent.update()
    silent.close()


def test_bad_arguments():
    with pytest.raises(ValueError, match="init='he'"):
        capstone.dlai_run("he")
    with pytest.raises(ValueError, match="seeds=0"):
        digits.digits_comparison(seeds=0)


def test_tied_normal_copies_only_the_first_layer_and_still_draws_at_most_one_line():
    """09 §4: per-layer distinct units after training, and the lines in the boundary."""
    rows = capstone.symmetric_layers()
    constant = [r for r in rows if r["init"] == "constant"]
    tied = [r for r in rows if r["init"] == "tied_normal"]
    assert len(constant) == 1 and constant[0]["distinct"] == (1, 1) and constant[0]["lines"] == 1
    assert len(tied) == 6                                                  # the assignment's seeding + 5 seeds
    assert all(r["distinct"] == (1, 5) for r in tied)                     # "1 of 10" / "5 of 5", in all six runs
    assert all(r["lines"] in (0, 1) for r in tied)                        # "one line or none"
    assert sum(r["lines"] == 0 for r in tied) == 1                        # "the seed whose net predicts one class"
    none = [r for r in tied if r["lines"] == 0][0]
    assert capstone.dlai_run("tied_normal", 1.0, none["seed"]).train_accuracy == pytest.approx(0.5)


def test_boundary_lines_refuses_a_net_with_distinct_first_layer_units():
    X = capstone.dlai_data()[0]
    with pytest.raises(ValueError, match="net"):
        capstone.boundary_lines(symlab.MLP([2, 10, 5, 1], "relu", "he_normal", 1.0, 0), X)
