"""The network: backward pass against finite differences, stable sigmoid and loss, training."""

import warnings

import numpy as np
import pytest

import symlab
from symlab.activations import ACTIVATIONS, sigmoid
from symlab.mlp import cross_entropy, softmax


def small_problem(output, n_out, m=7, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((3, m))
    if output == "softmax":
        Y = symlab.one_hot(rng.integers(0, n_out, m), n_out)
    else:
        Y = (rng.random((n_out, m)) > 0.5).astype(float)
    return X, Y


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("output,n_out", [("sigmoid", 1), ("sigmoid", 2), ("softmax", 3)])
def test_backward_matches_finite_differences(activation, output, n_out):
    X, Y = small_problem(output, n_out)
    net = symlab.MLP([3, 5, 4, n_out], activation=activation, init="xavier_normal", scale=1.5, seed=1,
                     output=output, bias_scale=0.3)
    errors = symlab.check_grad(net, X, Y, verbose=False)
    assert set(errors) == {"dW1", "db1", "dW2", "db2", "dW3", "db3"}
    assert max(errors.values()) < 1e-6, errors


def test_finite_difference_check_detects_a_wrong_gradient():
    X, Y = small_problem("sigmoid", 1)
    net = symlab.MLP([3, 4, 1], activation="tanh", init="he_normal", seed=0)
    _, cache = net.forward(X)
    exact = net.backward(cache, Y)
    approx = symlab.numerical_grads(net, X, Y)
    assert np.allclose(exact["dW1"], approx["dW1"], atol=1e-8)
    assert not np.allclose(1.01 * exact["dW1"], approx["dW1"], atol=1e-8, rtol=1e-4)


def test_dropout_backward_matches_finite_differences_with_fixed_masks():
    X, Y = small_problem("sigmoid", 1, m=9)
    # tanh: a ReLU unit whose inputs are all dropped sits exactly on its kink at 0
    net = symlab.MLP([3, 6, 5, 1], activation="tanh", init="he_normal", seed=2, bias_scale=0.1)

    def loss():  # the same seed draws the same masks every time
        _, cache = net.forward(X, dropout=0.4, rng=np.random.default_rng(11))
        return cross_entropy(cache["Z3"], Y), cache

    _, cache = loss()
    assert 0 < cache["D1"].mean() < 1
    grads = net.backward(cache, Y)
    for key in ("W1", "b2", "W3"):
        P = net.params[key]
        for idx in [(0, 0), (P.shape[0] - 1, P.shape[1] - 1)]:
            saved = P[idx]
            P[idx] = saved + 1e-6
            plus = loss()[0]
            P[idx] = saved - 1e-6
            minus = loss()[0]
            P[idx] = saved
            assert grads["d" + key][idx] == pytest.approx((plus - minus) / 2e-6, abs=1e-7)


def test_shapes_follow_course_convention():
    X, Y = small_problem("sigmoid", 1, m=11)
    net = symlab.MLP([3, 8, 1], activation="tanh", init="constant", scale=0.5, seed=0)
    assert net.params["W1"].shape == (8, 3) and net.params["b1"].shape == (8, 1)
    out, cache = net.forward(X)
    assert out.shape == (1, 11) and cache["Z1"].shape == (8, 11) and cache["A1"].shape == (8, 11)
    grads = net.backward(cache, Y)
    assert grads["dW1"].shape == (8, 3) and grads["db1"].shape == (8, 1) and grads["dW2"].shape == (1, 8)
    assert repr(net) == "MLP([3, 8, 1], activation='tanh', output='sigmoid', init='constant', scale=0.5)"


def test_sigmoid_is_exact_and_silent_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0]))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert s[1] == pytest.approx(np.exp(-30) / (1 + np.exp(-30)), rel=1e-12)
    z = np.linspace(-20, 20, 41)
    assert np.allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12, atol=0)


def test_cross_entropy_from_logits_is_finite_where_the_textbook_formula_is_not():
    Z = np.array([[-1000.0, 800.0, 3.0]])
    Y = np.array([[1.0, 0.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = cross_entropy(Z, Y)
    assert loss == pytest.approx((1000 + 800 + np.log1p(np.exp(-3.0))) / 3)
    with np.errstate(divide="ignore"):
        A = sigmoid(Z)
        naive = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    assert np.isinf(naive)
    # and where both are finite they agree
    Z = np.array([[-2.0, 0.5, 4.0]])
    A = sigmoid(Z)
    assert cross_entropy(Z, Y) == pytest.approx(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), rel=1e-12)


def test_softmax_loss_is_stable_and_correct():
    Z = np.array([[1000.0, 1.0], [0.0, 2.0], [-1000.0, 3.0]])
    Y = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = cross_entropy(Z, Y, "softmax")
        P = softmax(Z)
    assert np.allclose(P.sum(axis=0), 1)
    second = -np.log(np.exp(3) / (np.exp(1) + np.exp(2) + np.exp(3)))
    assert loss == pytest.approx((1000 + second) / 2)


def test_train_is_one_gradient_step_per_epoch_in_full_batch():
    X, Y = small_problem("sigmoid", 1, m=20)
    net = symlab.MLP([3, 4, 1], activation="tanh", init="he_normal", seed=0)
    manual = net.copy()
    history = symlab.train(net, X, Y, epochs=3, lr=0.3, record=[0, 3])
    losses = []
    for _ in range(3):
        _, cache = manual.forward(X)
        losses.append(cross_entropy(cache["Z2"], Y))
        manual.update(manual.backward(cache, Y), 0.3)
    assert np.allclose(history.loss, losses, rtol=0, atol=1e-15)
    for key in net.params:
        assert np.array_equal(net.params[key], manual.params[key])
    assert np.array_equal(history.snapshot(3).params["W1"], net.params["W1"])
    assert history.final_loss == pytest.approx(manual.loss(X, Y))


def test_snapshots_hold_initial_params_gradients_and_hidden_outputs():
    X, Y = small_problem("sigmoid", 1, m=20)
    net = symlab.MLP([3, 4, 1], activation="tanh", init="he_normal", seed=0)
    start = net.copy()
    probe = np.ones((3, 5))
    history = symlab.train(net, X, Y, epochs=10, lr=0.1, record=[0, 5], probe=probe)
    snap = history.snapshot(0)
    assert np.array_equal(snap.params["W1"], start.params["W1"])
    _, cache = start.forward(X)
    assert np.allclose(snap.grads["dW1"], start.backward(cache, Y)["dW1"])
    assert np.allclose(snap.hidden, np.tanh(start.params["W1"] @ probe))
    assert history.snapshot(7).epoch == 5
    with pytest.raises(ValueError, match="no snapshot"):
        symlab.train(net, X, Y, epochs=2, record=[2]).snapshot(1)


def test_minibatch_and_dropout_training_learn_and_repeat_with_the_seed():
    X, Y = symlab.make_dataset("moons", 200, 0.1, seed=0)
    results = []
    for _ in range(2):
        net = symlab.MLP([2, 16, 1], activation="relu", init="he_normal", seed=0)
        h = symlab.train(net, X, Y, epochs=60, lr=0.2, batch_size=32, dropout=0.2, seed=5)
        results.append((h.loss.copy(), net.params["W1"].copy()))
    assert np.array_equal(results[0][0], results[1][0]) and np.array_equal(results[0][1], results[1][1])
    assert results[0][0][-1] < 0.5 * results[0][0][0]
    assert h.final_accuracy > 0.85


def test_divergence_stops_training_and_is_reported_without_warnings():
    X, Y = symlab.make_dataset("circles", 100, 0.1, seed=0)
    # a linear net has nothing to stop its weights from growing geometrically
    net = symlab.MLP([2, 16, 16, 1], activation="linear", init="normal", scale=100.0, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = symlab.train(net, X, Y, epochs=200, lr=50.0)
    assert history.diverged
    assert 0 < history.diverged_at < 200
    assert len(history.loss) == history.diverged_at
    assert np.all(np.isfinite(history.loss))
    assert np.isnan(history.final_loss)


def test_accuracy_and_predictions():
    net = symlab.MLP([2, 3, 1], init="zeros")
    net.params["b2"][:] = 1.0  # output sigma(1) > 0.5 for every input
    X = np.zeros((2, 4))
    Y = np.array([[1.0, 1.0, 0.0, 1.0]])
    assert np.array_equal(net.predict(X), np.ones((1, 4), dtype=int))
    assert net.accuracy(X, Y) == 0.75
