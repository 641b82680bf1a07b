"""Notebook 04 section 3 (a tiny difference ε grows: the symmetric state is unstable) and notebook 08's
anatomy of the failed XOR runs: every number the prose states, asserted with its margin."""

import math

import numpy as np
import pytest

import symlab
from symlab.lab import instability, restarts


@pytest.fixture(scope="module")
def split():
    return instability.split_times()


def test_perturbed_start_is_the_constant_start_moved_by_epsilon():
    exact, moved = instability.perturbed_start(0.0), instability.perturbed_start(1e-8, seed=3)
    assert symlab.row_spread(exact.params["W1"]) == 0.0
    assert 1e-9 < symlab.row_spread(moved.params["W1"]) < 1e-7
    assert np.array_equal(moved.params["W2"], exact.params["W2"])


def test_every_epsilon_splits_and_learns_and_zero_never_does(split):
    rows = dict(zip(split.labels, range(len(split.labels))))
    for label, i in rows.items():
        if "exact" in label:
            assert np.all(split.split_at[i] == -1) and np.all(split.learned_at[i] == -1)
            assert np.all(split.spread[i] == 0.0)                       # exactly 0 at every check
        else:
            assert np.all(split.split_at[i] >= 0) and np.all(split.learned_at[i] > 0), label


def test_time_to_split_grows_with_log_one_over_epsilon(split):
    eps_rows = [i for i, e in enumerate(split.epsilons) if e]
    medians = [np.median(split.split_at[i]) for i in eps_rows]
    assert medians == sorted(medians)                                   # smaller ε, later split
    assert 86 < split.epochs_per_decade() < 94                          # printed "about 90" (nearest 10)
    he = split.labels.index("he_normal")
    tiny = split.labels.index("ε = 1e-15")
    assert (np.min(split.learned_at[he]), np.max(split.learned_at[he])) == (92, 100)  # "92–100 epochs in the 3 seeds"
    assert 3600 < np.median(split.learned_at[tiny]) < 4400              # "about 4000", printed "≈ epoch 4000"
    assert 2600 < np.median(split.split_at[tiny]) < 3400                # printed "≈ epoch 3000"
    assert np.max(split.learned_at[tiny]) < split.settings["epochs"]    # ... but it does learn


def test_the_split_epochs_are_far_from_the_measuring_grid_edges(split):
    """The table prints epochs measured every 10 epochs; the ε-driven growth is steady, not chaotic:
    a seeded ε gives the same split epoch when the data are moved by 1e-12."""
    X, Y = symlab.make_dataset("circles", 200, 0.1, 0)
    signs = np.random.default_rng(7).choice([-1.0, 1.0], size=X.shape)
    for data in (X, X * (1 + 1e-12 * signs)):
        net = instability.perturbed_start(1e-6, seed=0)
        symlab.train(net, data, Y, epochs=550, lr=1.0)
        assert symlab.row_spread(net.params["W1"]) < instability.SPLIT_LEVEL     # not yet split at 550 ...
        symlab.train(net, data, Y, epochs=70, lr=1.0)
        assert symlab.row_spread(net.params["W1"]) >= instability.SPLIT_LEVEL    # ... split by 620


def test_failed_xor_runs_slide_towards_half_ln2_at_infinite_weights():
    a = restarts.failure_anatomy()
    result = restarts.xor_restarts(hidden=2)
    assert len(a.seeds) == int(np.sum(~result.solved))
    half = math.log(2) / 2
    first, last = 0, len(a.checks) - 1
    assert np.all(a.hessian_min[:, first] < 0)                         # every failed run starts with a negative eigenvalue
    assert np.sum(a.hessian_min[:, last] < 0) == 0                     # no negative direction left
    median_gap = np.median(a.loss - half, axis=0)
    assert np.all(np.diff(median_gap) < 0) and median_gap[-1] < 1e-3   # the loss keeps falling towards (ln 2)/2
    assert np.all(np.diff(np.median(a.weight_norm, axis=0)) > 0)        # the weights keep growing
    assert np.all(np.diff(np.median(a.grad_norm, axis=0)[1:]) < 0)     # gradient shrinks
    assert np.all(np.diff(np.median(a.hessian_min, axis=0)[1:]) < 0)   # curvature shrinks towards 0


def test_hessian_matches_second_differences_of_the_loss():
    X, Y = symlab.make_dataset("xor", 20, 0.1, 0)
    net = symlab.MLP([2, 3, 1], "tanh", "he_normal", 1.0, 0)
    H = symlab.hessian(net, X, Y)
    theta = np.concatenate([P.ravel() for P in net.params.values()])

    def loss(t):
        i = 0
        for P in net.params.values():
            P.reshape(-1)[:] = t[i:i + P.size]
            i += P.size
        return net.loss(X, Y)

    e, n = 1e-4, theta.size
    for a, b in [(0, 0), (0, 5), (3, 9), (12, 12)]:
        ea, eb = np.eye(n)[a] * e, np.eye(n)[b] * e
        second = (loss(theta + ea + eb) - loss(theta + ea - eb) - loss(theta - ea + eb) + loss(theta - ea - eb)) / (4 * e * e)
        assert abs(H[a, b] - second) < 1e-6
    loss(theta)
    assert np.allclose(H, H.T)


def test_a_negative_eigenvalue_at_the_start_marks_no_failure_and_no_start_is_a_saddle():
    """08 §2: solved and failed starts alike have a negative Hessian eigenvalue; median gradient 0.17."""
    c = restarts.start_curvature()
    result = restarts.xor_restarts(hidden=2)
    assert np.array_equal(c.solved, result.solved) and c.solved.sum() == 141 and (~c.solved).sum() == 59
    assert np.all(c.hessian_min < -0.01)                                # all 200, with a margin from 0
    for group in (c.solved, ~c.solved, np.ones_like(c.solved)):
        assert 0.166 < np.median(c.grad_norm[group]) < 0.174            # printed 0.17 in every row
    a = restarts.failure_anatomy()
    assert np.sum(a.hessian_min[:, a.checks.index(500)] < 0) == 1        # "all but one run" by step 500
