"""Notebook 08: many starts in lockstep, the 1-D landscape, XOR success rates, best of k."""

import math

import numpy as np
import pytest

import symlab
from symlab.lab import restarts
from symlab.train import train_many
LN2 = math.log(2)


# ------------------------------------------------------------ train_many
@pytest.mark.parametrize("activation, output, sizes", [
    ("tanh", "sigmoid", [2, 8, 5, 1]),
    ("relu", "sigmoid", [2, 6, 1]),
    ("sigmoid", "softmax", [2, 7, 3]),
])
def test_train_many_is_step_for_step_symlab_train(activation, output, sizes):
    rng = np.random.default_rng(3)
    X = rng.standard_normal((2, 40))
    Y = symlab.one_hot(rng.integers(0, 3, 40), 3) if output == "softmax" else (X[:1] * X[1:] > 0).astype(float)
    nets = [symlab.MLP(sizes, activation=activation, output=output, init=init, seed=s)
            for s, init in enumerate(["he_normal", "xavier_normal", "orthogonal"])]
    singles = [net.copy() for net in nets]
    many = train_many(nets, X, Y, epochs=150, lr=0.5)
    for s, single in enumerate(singles):
        history = symlab.train(single, X, Y, epochs=150, lr=0.5)
        assert np.array_equal(history.loss, many.loss[s])             # bit for bit
        assert np.array_equal(history.accuracy, many.accuracy[s])
        assert history.final_loss == many.final_loss[s]
        for key in single.params:
            assert np.array_equal(single.params[key], nets[s].params[key])


def test_train_many_freezes_a_diverging_net_and_reports_when():
    X, Y = symlab.make_dataset("circles", m=50, seed=1)
    nets = [symlab.MLP([2, 4, 1], activation="linear", init="normal", scale=10.0, seed=0),
            symlab.MLP([2, 4, 1], activation="linear", init="he_normal", seed=0)]
    reference = [net.copy() for net in nets]
    many = train_many(nets, X, Y, epochs=200, lr=100.0)
    single = symlab.train(reference[0], X, Y, epochs=200, lr=100.0)
    assert single.diverged and many.diverged_at[0] == single.diverged_at
    assert np.all(np.isnan(many.loss[0, single.diverged_at:])) and math.isnan(many.final_loss[0])
    healthy = symlab.train(reference[1], X, Y, epochs=200, lr=100.0)
    assert many.diverged_at[1] == (-1 if not healthy.diverged else healthy.diverged_at)


def test_train_many_rejects_mixed_architectures_and_empty_lists():
    X, Y = symlab.make_dataset("xor", m=8)
    with pytest.raises(ValueError, match=r"nets\[1\].*must match"):
        train_many([symlab.MLP([2, 3, 1]), symlab.MLP([2, 4, 1])], X, Y)
    with pytest.raises(ValueError, match="nets=\\[\\]"):
        train_many([], X, Y)
    with pytest.raises(ValueError, match="epochs=0"):
        train_many([symlab.MLP([2, 3, 1])], X, Y, epochs=0)


# ------------------------------------------------------------ 1-D landscape
def test_bumpy_loss_gradient_is_its_derivative():
    w = np.linspace(-6, 6, 25)
    numeric = (restarts.bumpy_loss(w + 1e-6) - restarts.bumpy_loss(w - 1e-6)) / 2e-6
    assert np.allclose(restarts.bumpy_grad(w), numeric, atol=1e-6)


def test_every_run_ends_in_the_minimum_of_its_basin_and_a_quarter_find_the_best():
    bumpy = restarts.bumpy_restarts(n=200, seed=0, lr=0.05, steps=300)
    assert len(bumpy.minima) == 5
    assert bumpy.minima[bumpy.global_index] == pytest.approx(-0.748, abs=1e-3)
    assert np.all(np.abs(restarts.bumpy_grad(bumpy.minima)) < 1e-4)
    assert np.max(np.abs(bumpy.path[-1] - bumpy.minima[bumpy.ends_at])) < 1e-4
    assert 0.2 <= bumpy.global_fraction <= 0.3               # "about a quarter" (0.255)
    # basins: a run ends in the minimum between the two maxima around its start
    order = np.argsort(bumpy.starts)
    assert np.all(np.diff(bumpy.ends_at[order]) >= 0)


def test_best_of_k_follows_the_independent_restarts_formula_on_the_1d_loss():
    bumpy = restarts.bumpy_restarts()
    ends, solved = restarts.bumpy_loss(bumpy.path[-1]), bumpy.ends_at == bumpy.global_index
    for k in (1, 2, 4, 8):
        measured, predicted = restarts.best_of_k(ends, solved, k)
        assert abs(measured - predicted) < 0.1, k


def test_step_size_does_not_move_the_basins():
    assert restarts.bumpy_restarts(lr=0.01, steps=1500).global_fraction == restarts.bumpy_restarts().global_fraction


# ------------------------------------------------------------ XOR
def test_xor_success_rate_against_hidden_width():
    assert restarts.xor_restarts(hidden=1).success_rate == 0.0
    two = restarts.xor_restarts(hidden=2, extra_epochs=8000)
    assert 0.65 <= two.success_rate <= 0.75                  # "about 70%"
    assert int(two.solved.sum()) == 141
    assert restarts.xor_restarts(hidden=3).solved.sum() == 198
    for h in (4, 8, 16):
        assert restarts.xor_restarts(hidden=h).success_rate == 1.0


def test_xor_failures_sit_on_a_plateau_that_more_steps_barely_leave():
    two = restarts.xor_restarts(hidden=2, extra_epochs=8000)
    failed = two.final_loss[~two.solved]
    on_plateau = np.abs(failed - LN2 / 2) < 0.01
    assert on_plateau.sum() == failed.size - 1
    assert np.abs(failed[~on_plateau] - LN2).max() < 0.01
    assert two.solved_later.sum() - two.solved.sum() == 1
    assert np.all(two.solved_later[two.solved])              # nobody unlearns


def test_best_of_k_on_xor_matches_the_formula():
    two = restarts.xor_restarts(hidden=2, extra_epochs=8000)
    for k in (1, 2, 3, 5, 10, 20):
        measured, predicted = restarts.best_of_k(two.final_loss, two.solved, k)
        assert abs(measured - predicted) < 0.05, k
    assert restarts.best_of_k(two.final_loss, two.solved, 3)[0] > 0.97
    with pytest.raises(ValueError, match="k=201"):
        restarts.best_of_k(two.final_loss, two.solved, 201)


@pytest.mark.parametrize("init, scale, solved", [
    ("xavier_normal", 1.0, 200), ("he_normal", 1.0, 200), ("normal", 10.0, 200),
    ("normal", 0.01, 0), ("normal", 0.001, 0), ("constant", 0.5, 0),
])
def test_restarts_cannot_fix_symmetry_or_a_tiny_scale(init, scale, solved):
    result = restarts.xor_restarts(hidden=16, init=init, scale=scale)
    assert result.solved.sum() == solved
    if init == "normal" and scale < 0.1:
        assert abs(np.median(result.final_loss) - LN2) < 1e-3   # the cold-start plateau


def test_xor_settings_are_checked():
    with pytest.raises(ValueError, match="hidden=0"):
        restarts.xor_restarts(hidden=0)
    with pytest.raises(ValueError, match="init='glorot'"):
        restarts.xor_restarts(init="glorot")
