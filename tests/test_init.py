"""Initialisation schemes: statistics against their formulas, on layers with fan_in != fan_out."""

import math

import numpy as np
import pytest

import symlab

SHAPES = [(100, 784), (784, 100)]  # (fan_out, fan_in): 784 -> 100 and 100 -> 784

# scheme -> expected std of one weight, as the papers write it
FORMULAS = {
    "lecun_normal": lambda fan_in, fan_out: math.sqrt(1 / fan_in),
    "xavier_uniform": lambda fan_in, fan_out: math.sqrt(6 / (fan_in + fan_out)) / math.sqrt(3),
    "xavier_normal": lambda fan_in, fan_out: math.sqrt(2 / (fan_in + fan_out)),
    "he_uniform": lambda fan_in, fan_out: math.sqrt(6 / fan_in) / math.sqrt(3),
    "he_normal": lambda fan_in, fan_out: math.sqrt(2 / fan_in),
}


def test_schemes_tuple_lists_every_scheme():
    assert symlab.SCHEMES == ("zeros", "constant", "uniform", "normal", "tied_normal", "lecun_normal",
                              "xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "orthogonal")


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("scheme", sorted(FORMULAS))
@pytest.mark.parametrize("gain", [1.0, 0.5])
def test_scaled_scheme_std_matches_formula(scheme, shape, gain):
    fan_out, fan_in = shape
    W = symlab.initialize(scheme, shape, scale=gain, rng=1)
    expected = gain * FORMULAS[scheme](fan_in, fan_out)
    assert W.shape == shape
    # 78,400 draws: the sample std is within ~0.5% of the true one (5 standard errors)
    assert W.std() == pytest.approx(expected, rel=0.02)
    assert abs(W.mean()) < 0.02 * expected
    assert symlab.init_std(scheme, fan_in, fan_out, gain) == pytest.approx(expected)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("scheme,bound", [
    ("xavier_uniform", lambda fi, fo: math.sqrt(6 / (fi + fo))),
    ("he_uniform", lambda fi, fo: math.sqrt(6 / fi)),
])
def test_uniform_schemes_fill_their_bound(scheme, bound, shape):
    fan_out, fan_in = shape
    W = symlab.initialize(scheme, shape, rng=2)
    a = bound(fan_in, fan_out)
    assert np.abs(W).max() <= a
    assert np.abs(W).max() > 0.999 * a  # 78,400 draws reach the edge


def test_normal_and_uniform_use_scale_as_std_and_bound():
    W = symlab.initialize("normal", (300, 400), scale=0.01, rng=0)
    assert W.std() == pytest.approx(0.01, rel=0.02)
    U = symlab.initialize("uniform", (300, 400), scale=0.3, rng=0)
    assert np.abs(U).max() <= 0.3 and np.abs(U).max() > 0.299
    assert U.std() == pytest.approx(0.3 / math.sqrt(3), rel=0.02)


def test_zeros_and_constant():
    assert np.array_equal(symlab.initialize("zeros", (3, 5), scale=7.0), np.zeros((3, 5)))
    assert np.array_equal(symlab.initialize("constant", (3, 5), scale=0.25), np.full((3, 5), 0.25))


def test_tied_normal_repeats_one_random_row():
    W = symlab.initialize("tied_normal", (50, 400), scale=2.0, rng=3)
    assert np.array_equal(W, np.tile(W[0], (50, 1)))
    assert symlab.distinct_units(W) == 1
    assert W[0].std() == pytest.approx(2.0, rel=0.1)  # the row itself is random N(0, 2^2)


@pytest.mark.parametrize("shape", SHAPES + [(64, 64)])
def test_orthogonal_has_orthonormal_rows_or_columns(shape):
    W = symlab.initialize("orthogonal", shape, scale=1.5, rng=4)
    small = min(shape)
    gram = W @ W.T if shape[0] == small else W.T @ W
    assert np.allclose(gram, 1.5 ** 2 * np.eye(small), atol=1e-10)


def test_orthogonal_square_keeps_norms_of_any_vector():
    W = symlab.initialize("orthogonal", (64, 64), rng=5)
    x = np.random.default_rng(6).standard_normal((64, 10))
    assert np.allclose(np.linalg.norm(W @ x, axis=0), np.linalg.norm(x, axis=0))


@pytest.mark.parametrize("scheme", [s for s in symlab.SCHEMES if s not in ("zeros", "constant")])
def test_seeded_draws_repeat_and_differ_across_seeds(scheme):
    a = symlab.initialize(scheme, (20, 30), rng=7)
    b = symlab.initialize(scheme, (20, 30), rng=np.random.default_rng(7))
    c = symlab.initialize(scheme, (20, 30), rng=8)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_legacy_random_state_reproduces_randn_code_draw_for_draw():
    # the deeplearning.ai assignment: np.random.seed(3); W = np.random.randn(10, 2) * 10
    expected = np.random.RandomState(3).randn(10, 2) * 10
    assert np.array_equal(symlab.initialize("normal", (10, 2), scale=10, rng=np.random.RandomState(3)), expected)
    rs = np.random.RandomState(3)
    he = [rs.randn(n, k) * np.sqrt(2.0 / k) for n, k in [(10, 2), (5, 10), (1, 5)]]
    net = symlab.MLP([2, 10, 5, 1], activation="relu", init="he_normal", seed=np.random.RandomState(3))
    for l, W in enumerate(he, start=1):
        assert np.array_equal(net.params[f"W{l}"], W)


def test_mlp_tied_normal_gives_first_layer_units_same_in_and_out_weights():
    net = symlab.MLP([3, 6, 4, 2], init="tied_normal", scale=1.0, seed=0)
    W1, W2, W3 = net.params["W1"], net.params["W2"], net.params["W3"]
    assert symlab.distinct_units(W1) == 1            # same incoming row for all 6 units
    assert symlab.distinct_units(W2.T) == 1          # same outgoing column for all 6 units
    assert symlab.distinct_units(W2) == 4            # ... but the layer-2 units differ
    assert np.all(W3 == W3[:, :1])                   # later layers: one value per output unit
    assert symlab.distinct_units(symlab.unit_params(net.params, 1)) == 1


def test_biases_start_at_zero_unless_asked():
    net = symlab.MLP([2, 5, 1], init="he_normal", seed=0)
    assert all(not np.any(net.params[f"b{l}"]) for l in (1, 2))
    net = symlab.MLP([2, 5, 1], init="zeros", seed=0, bias_scale=0.1)
    assert symlab.distinct_units(net.params["b1"]) == 5
    assert net.params["b1"].std() > 0.01
