"""Identical units stay bit-identical in symlab's arithmetic, at every width, on every machine.

The theorem the course teaches: units that start with the same incoming weights, bias and
outgoing weights receive the same gradient and stay the same for ever under (mini-)batch
gradient descent. BLAS matrix products round rows at a tile's edge differently from rows
inside it, so with ``@`` this held at some widths and not at others, differently on each CPU
(issue: "Claims that hold on every learner's machine"). symlab computes its products with
:func:`symlab.mlp.matmul`; these tests check every width 1-64, every hidden activation, both
output types, full batch and mini-batches, a deeper net, constant and ``tied_normal`` starts.
Run them under other kernels with ``python tools/under_kernels.py python -m pytest
tests/test_exact_symmetry.py -o addopts=""``.
"""

import numpy as np
import pytest

import symlab
from symlab.mlp import matmul

WIDTHS = range(1, 65)
ACTIVATIONS = ["sigmoid", "tanh", "relu", "linear"]


@pytest.fixture(scope="module")
def data():
    """200 circles points, labels as one sigmoid output and as 3 softmax classes."""
    X, Y = symlab.make_dataset("circles", 200, 0.1, seed=0)
    classes = (Y[0] + (X[0] > 0)).astype(int)  # 0, 1, 2: three classes that no unit set is blind to
    return X, Y, symlab.one_hot(classes, 3)


def spreads(net):
    """Row spread of every hidden layer's unit parameters (incoming row, bias, outgoing column)."""
    return [symlab.row_spread(symlab.unit_params(net.params, layer)) for layer in range(1, net.L)]


def test_matmul_is_the_matrix_product():
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((7, 5)), rng.standard_normal((5, 3))
    assert np.allclose(matmul(A, B), A @ B, rtol=1e-14, atol=1e-14)
    stacked = rng.standard_normal((4, 7, 5))
    assert np.allclose(matmul(stacked, B), stacked @ B, rtol=1e-14, atol=1e-14)


@pytest.mark.parametrize("shape", [(2, 200), (64, 300), (300, 2), (300, 64), (1, 1)])
def test_identical_rows_and_columns_give_identical_rows_and_columns(shape):
    """The property itself, on the shapes a layer meets: every width 1-64."""
    rng = np.random.default_rng(1)
    k, m = shape
    for width in WIDTHS:
        A = np.repeat(rng.standard_normal((1, k)), width, axis=0)   # identical rows
        C = matmul(A, rng.standard_normal((k, m)))
        assert np.all(C == C[0]), width
        B = np.repeat(rng.standard_normal((k, 1)), width, axis=1)   # identical columns
        C = matmul(rng.standard_normal((m, k)), B)
        assert np.all(C == C[:, :1]), width
        C = matmul(A.T.copy().T, B)                                  # a transposed view, as in dW = dZ A.T
        assert np.all(C == C[0, 0])


@pytest.mark.parametrize("init", ["constant", "tied_normal"])
@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_symmetric_start_stays_one_unit_at_every_width(activation, output, init, data):
    X, Y, Y3 = data
    targets = Y if output == "sigmoid" else Y3
    moved = 0.0
    for width in WIDTHS:
        net = symlab.MLP([2, width, len(targets)], activation=activation, init=init, scale=0.5, seed=width,
                         output=output)
        start = net.params["W1"].copy()
        history = symlab.train(net, X, targets, epochs=60, lr=0.5)
        assert not history.diverged
        assert spreads(net) == [0.0], (width, spreads(net))
        assert symlab.distinct_units(symlab.unit_params(net.params)) == 1
        moved = max(moved, float(np.abs(net.params["W1"] - start).max()))
    assert moved > 1e-3  # the weights did move: together


@pytest.mark.parametrize("init", ["constant", "tied_normal"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_symmetric_start_stays_one_unit_with_shuffled_minibatches(activation, init, data):
    X, Y, _ = data
    for width in WIDTHS:
        net = symlab.MLP([2, width, 1], activation=activation, init=init, scale=0.5, seed=width)
        symlab.train(net, X, Y, epochs=4, lr=0.5, batch_size=23, seed=width)  # 9 uneven batches per epoch
        assert spreads(net) == [0.0], (width, spreads(net))


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_deeper_net_keeps_every_layer_symmetric(activation, output, data):
    """Three hidden layers of widths w, w + 3 and 5: every layer stays one unit."""
    X, Y, Y3 = data
    targets = Y if output == "sigmoid" else Y3
    for width in range(1, 65, 3):
        net = symlab.MLP([2, width, width + 3, 5, len(targets)], activation=activation, init="constant",
                         scale=0.4, seed=0, output=output)
        symlab.train(net, X, targets, epochs=40, lr=0.5)
        assert spreads(net) == [0.0, 0.0, 0.0], (width, spreads(net))


def test_many_nets_trained_in_lockstep_stay_symmetric_too(data):
    """symlab.train_many (stacked weights, batched products) keeps the same promise."""
    X, Y, _ = data
    nets = [symlab.MLP([2, width, 1], activation="tanh", init="constant", scale=0.5, seed=0)
            for width in (3, 5, 7, 13, 31, 64)]
    nets += [symlab.MLP([2, 13, 1], activation="tanh", init="tied_normal", scale=0.5, seed=s) for s in range(5)]
    # train_many needs equal architectures: group by width
    for width in sorted({net.layer_sizes[1] for net in nets}):
        group = [net for net in nets if net.layer_sizes[1] == width]
        symlab.train_many(group, X, Y, epochs=200, lr=1.0)
        for net in group:
            assert spreads(net) == [0.0], (width, spreads(net))
