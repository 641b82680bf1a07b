"""MISSION.md facts 1-4 on small nets: forward and backward symmetry, the zero-init cases,
and what does (and does not) break the symmetry."""

import numpy as np
import pytest

import symlab

ACTS = ["sigmoid", "tanh", "relu"]


@pytest.fixture(scope="module")
def circles():
    return symlab.make_dataset("circles", 200, 0.1, seed=0)


@pytest.fixture(scope="module")
def unbalanced(circles):
    """40 inner-circle points and 100 outer ones: 28.6% label 1."""
    X, Y = circles
    idx = np.r_[np.flatnonzero(Y[0] == 1)[:40], np.flatnonzero(Y[0] == 0)]
    return X[:, idx], Y[:, idx]


@pytest.mark.parametrize("activation", ACTS)
def test_forward_symmetry_every_unit_computes_the_same_function(activation):
    X = np.random.default_rng(0).uniform(-3, 3, (2, 500))  # any input at all
    net = symlab.MLP([2, 6, 1], activation=activation, init="constant", scale=0.7, seed=0)
    _, cache = net.forward(X)
    assert np.all(cache["Z1"] == cache["Z1"][0]) and np.all(cache["A1"] == cache["A1"][0])
    assert np.ptp(cache["A1"][0]) > 0.1  # the shared function is not trivial: it varies with x


@pytest.mark.parametrize("activation", ACTS)
def test_backward_symmetry_every_row_of_dW1_is_the_same(activation, circles):
    X, Y = circles
    net = symlab.MLP([2, 6, 1], activation=activation, init="constant", scale=0.7, seed=0)
    _, cache = net.forward(X)
    grads = net.backward(cache, Y)
    assert symlab.row_spread(grads["dW1"]) == 0 and symlab.row_spread(grads["dZ1"]) == 0
    assert np.abs(grads["dW1"]).max() > 1e-4  # the rows are the same, and they are not zero


@pytest.mark.parametrize("activation", ACTS)
@pytest.mark.parametrize("hidden", [4, 32])
def test_constant_init_stays_one_unit_after_many_epochs(activation, hidden, circles):
    X, Y = circles
    net = symlab.MLP([2, hidden, 1], activation=activation, init="constant", scale=0.5, seed=0)
    start = net.params["W1"].copy()
    symlab.train(net, X, Y, epochs=3000, lr=1.0)
    assert np.abs(net.params["W1"] - start).max() > 0.01  # the weights did move ...
    assert symlab.row_spread(net.params["W1"]) < 1e-12     # ... but all rows together
    assert symlab.distinct_units(symlab.unit_params(net.params)) == 1


@pytest.mark.parametrize("activation", ACTS)
def test_random_init_keeps_every_unit_different(activation, circles):
    X, Y = circles
    net = symlab.MLP([2, 8, 1], activation=activation, init="he_normal", seed=0)
    symlab.train(net, X, Y, epochs=300, lr=1.0)
    assert symlab.distinct_units(symlab.unit_params(net.params)) == 8


def test_constant_net_of_any_width_is_no_better_than_one_unit(circles):
    X, Y = circles
    losses = {}
    for hidden in (1, 8):
        net = symlab.MLP([2, hidden, 1], activation="tanh", init="constant", scale=0.5, seed=0)
        losses[hidden] = symlab.train(net, X, Y, epochs=500, lr=1.0).final_loss
    wide_random = symlab.MLP([2, 8, 1], activation="tanh", init="he_normal", seed=0)
    random_loss = symlab.train(wide_random, X, Y, epochs=500, lr=1.0).final_loss
    # width H = 8 under constant init does no better than H = 1; random init with H = 8 does far better
    assert losses[8] > losses[1] - 0.01
    assert random_loss < 0.5 * losses[1]


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_all_zero_tanh_or_relu_net_only_moves_the_output_bias(activation, unbalanced):
    X, Y = unbalanced
    net = symlab.MLP([2, 4, 1], activation=activation, init="zeros", seed=0)
    history = symlab.train(net, X, Y, epochs=3000, lr=1.0)
    p = net.params
    assert not np.any(p["W1"]) and not np.any(p["b1"]) and not np.any(p["W2"])
    assert p["b2"][0, 0] != 0
    out, _ = net.forward(X)
    assert np.allclose(out, Y.mean(), atol=1e-6)  # the class prior, for every input
    assert history.final_loss == pytest.approx(symlab.label_entropy(Y), abs=1e-9)
    assert symlab.label_entropy(Y) < np.log(2) - 0.05  # unbalanced: below ln 2


def test_all_zero_sigmoid_net_moves_W2_first_then_W1_with_identical_rows(unbalanced):
    X, Y = unbalanced
    net = symlab.MLP([2, 4, 1], activation="sigmoid", init="zeros", seed=0)
    history = symlab.train(net, X, Y, epochs=3000, lr=1.0, record=[0, 1])
    step0, step1 = history.snapshot(0).grads, history.snapshot(1).grads
    assert not np.any(step0["dW1"]) and np.any(step0["dW2"])   # W2 moves first ...
    assert np.any(step1["dW1"])                                  # ... then W1
    assert np.abs(net.params["W1"]).max() > 0.1
    assert symlab.row_spread(net.params["W1"]) == 0              # with identical rows
    assert symlab.distinct_units(symlab.unit_params(net.params)) == 1
    assert history.final_loss < symlab.label_entropy(Y) - 0.02   # it learns something


@pytest.mark.parametrize("activation", ACTS)
def test_all_zero_net_on_exactly_balanced_xor_never_moves(activation):
    X, Y = symlab.make_dataset("xor", 200, 0.2, seed=0)
    assert Y.mean() == 0.5
    net = symlab.MLP([2, 4, 1], activation=activation, init="zeros", seed=0)
    history = symlab.train(net, X, Y, epochs=500, lr=1.0)
    assert all(np.abs(v).max() < 1e-15 for v in net.params.values())
    assert history.final_loss == pytest.approx(np.log(2), abs=1e-12)


def test_zero_W2_with_random_W1_gives_zero_dW1_once_then_learns(circles):
    X, Y = circles
    net = symlab.MLP([2, 8, 1], activation="tanh", init="he_normal", seed=0)
    net.params["W2"][:] = 0.0
    history = symlab.train(net, X, Y, epochs=500, lr=1.0, record=[0, 1])
    assert not np.any(history.snapshot(0).grads["dW1"])
    assert np.abs(history.snapshot(1).grads["dW1"]).max() > 1e-6  # small, but no longer zero
    assert symlab.distinct_units(symlab.unit_params(net.params)) == 8
    assert history.final_accuracy > 0.95


@pytest.mark.parametrize("activation", ACTS)
def test_random_but_tied_init_is_as_stuck_as_a_constant(activation, circles):
    X, Y = circles
    net = symlab.MLP([2, 8, 1], activation=activation, init="tied_normal", scale=1.0, seed=0)
    history = symlab.train(net, X, Y, epochs=1000, lr=1.0)
    assert symlab.distinct_units(symlab.unit_params(net.params)) == 1
    assert symlab.row_spread(net.params["W1"]) < 1e-12
    assert history.final_accuracy < 0.7


def test_identical_incoming_rows_alone_do_not_stay_stuck(circles):
    X, Y = circles
    net = symlab.MLP([2, 8, 1], activation="tanh", init="he_normal", seed=0)
    net.params["W1"][:] = net.params["W1"][0]  # same incoming weights, different outgoing ones
    assert symlab.distinct_units(net.params["W1"]) == 1
    symlab.train(net, X, Y, epochs=300, lr=1.0)
    assert symlab.distinct_units(net.params["W1"]) == 8


def test_distinct_biases_alone_break_the_symmetry(circles):
    X, Y = circles
    net = symlab.MLP([2, 8, 1], activation="tanh", init="constant", scale=0.5, seed=0, bias_scale=0.5)
    assert symlab.distinct_units(net.params["W1"]) == 1
    history = symlab.train(net, X, Y, epochs=2000, lr=1.0)
    assert symlab.distinct_units(net.params["W1"]) == 8
    assert symlab.row_spread(net.params["W1"]) > 0.1
    assert history.final_accuracy > 0.8


def test_distinct_units_and_row_spread():
    M = np.array([[1.0, 2.0], [1.0, 2.0 + 1e-12], [1.0, 3.0], [0.0, 2.0]])
    assert symlab.distinct_units(M, atol=1e-10) == 3
    assert symlab.distinct_units(M, atol=0) == 4
    assert symlab.distinct_units(M, atol=2.0) == 1
    assert symlab.row_spread(M) == 1.0
    assert symlab.row_spread(np.ones((5, 3))) == 0.0
