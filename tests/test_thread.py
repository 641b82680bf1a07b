"""Notebook 10: every claim of the thread has the verdict the notebook prints, with margins.

A claim whose verdict flips — because symlab, an experiment or a dependency changed — fails here,
instead of silently changing the notebook's table.
"""

import math

import numpy as np
import pytest

from symlab.lab import thread

EXPECTED = {
    "Q1": "answered", "Q2": "false", "Q3": "false", "Q4": "answered",
    "A1.1": "true if …", "A1.2": "true", "A1.3": "true", "A1.4": "true", "A1.5": "answered",
    "A2.1": "false", "A2.2": "false", "A2.3": "true", "A2.4": "true if …", "A2.5": "true",
    "A3.1": "true if …", "A3.2": "true", "A3.3": "true", "A3.4": "true",
    "A4.1": "true if …",
    "A5.1": "true if …", "A5.2": "true if …", "A5.3": "false", "A5.4": "true if …", "A5.5": "true",
    "A5.6": "partly",
    "A6.1": "true if …", "A6.2": "false",
    "A7.1": "true", "A7.2": "true if …", "A7.3": "false", "A7.4": "true",
    "A8.1": "false", "A9.1": "true if …",
}


def test_every_claim_of_the_thread_is_on_trial_in_order():
    """tests/data/thread_claims.md is the project's list of the thread's claims (paraphrased)."""
    thread_md = [line.split("**")[1] for line in open(
        __import__("pathlib").Path(__file__).resolve().parent / "data" / "thread_claims.md",
        encoding="utf-8").read().splitlines()
        if line.startswith("- **")]
    assert list(thread.CLAIMS) == thread_md == list(EXPECTED)


@pytest.fixture(scope="module")
def verdicts():
    return {claim: thread.settle(claim) for claim in thread.CLAIMS}


@pytest.mark.parametrize("claim", list(EXPECTED))
def test_verdict(claim, verdicts):
    assert thread.category(verdicts[claim].verdict) == EXPECTED[claim], verdicts[claim].verdict


def test_the_numbers_behind_the_verdicts_have_margins(verdicts):
    n = {claim: v.numbers for claim, v in verdicts.items()}
    assert n["Q2"]["exact_never"] and n["Q2"]["tiny_min"] > 20 * n["Q2"]["he_max"]        # margin 2x on "10 times"
    assert n["Q3"]["dW1"][0.0] == 0 and 60 < n["Q3"]["ratio"] < 140                      # printed "about 100"
    assert n["A1.1"]["spread"] == 0 and n["A1.1"]["zero_max"] == 0
    assert n["A1.2"]["distinct_32"] == 1 and n["A1.2"]["switches_32"] == 1 == n["A1.2"]["switches_2"]
    assert n["A1.4"]["all_split"] and 4.3 < n["A1.4"]["slowdown"] < 4.9                 # printed "at least 4"
    assert 0.2 < n["A2.1"]["global_fraction"] < 0.3 and n["A2.1"]["minima"] == 5
    assert n["A2.2"]["buckets"] == ["≤ 20", "≤ 200"] and n["A2.2"]["saturated"] > 0.85
    assert n["A2.2"]["entropy"][31.62] - n["A2.2"]["entropy"][1.0] == pytest.approx(math.log(31.62))
    assert n["A2.3"]["rates"] == {4: 1.0, 8: 1.0, 16: 1.0}
    assert n["A2.4"]["convex_distance"] < 1e-11 and n["A2.4"]["rank"] == 3
    assert np.ptp(n["A2.4"]["hidden_losses"]) > 0.002                                   # different minima
    assert 0.6 < n["A3.1"]["single"] < 0.8 and n["A3.1"]["best3"] > 0.95
    assert n["A3.2"]["kmeans_solutions"] > 3 and n["A3.2"]["svm_spread"] < 1e-8
    assert n["A5.1"]["sigmoid"][0] < n["A5.1"]["sigmoid"][1] - 0.03                     # beats chance clearly
    for activation in ("tanh", "relu"):
        loss, chance = n["A5.1"][activation]
        assert abs(loss - chance) < 1e-9
    assert n["A5.2"]["distinct"] == 8
    assert n["A5.3"]["results"]["constant 0.1"][0] == 1 and n["A5.3"]["results"]["constant 0.1"][1] < 0.6
    assert n["A5.3"]["results"]["0.1 · randn"] == (8, pytest.approx(0.975, abs=0.015))
    assert n["A5.4"]["gap"] < 5e-4
    assert abs(n["A5.5"]["ratio"] - 1) < 0.005 and 0.6 < n["A5.5"]["rms10"] < 1.0
    assert n["A6.1"]["relu_saturated"] == 0 and n["A6.1"]["buckets"] == {1.0: "≤ 20", 31.62: "≤ 200"}
    assert n["A6.2"]["shallow_never"] and n["A6.2"]["deep_std"] < 1e-45
    assert n["A7.1"]["passes"] == 4
    assert n["A7.2"] == dict(constant_rank=1, he_rank=2)
    losses = n["A7.3"]["losses"]
    assert losses["W + dW"][1] > 20 * losses["W + dW"][0]                                # margin 2x on "10 times"
    assert losses["W − lr·dW, lr 0.5"][1] < losses["W − lr·dW, lr 0.5"][0] - 0.07
    assert losses["W − lr·dW, lr 200"][1] > 2 * losses["W − lr·dW, lr 200"][0]
    assert n["A7.4"]["spread"] > 0.01 and min(n["A7.4"]["accuracy"]) > 0.97
    assert n["A8.1"]["written_shape"] == (1, 1) and n["A8.1"]["right_error"] < 1e-9
    assert n["A8.1"]["step0"] == 0 and n["A8.1"]["step1"] > 1e-6
    assert n["A9.1"]["switches"] == 2 and n["A9.1"]["softmax_regression"] > n["A9.1"]["softmax_constant"] + 0.1
    assert abs(n["A9.1"]["constant_accuracy"] - n["A9.1"]["logistic_accuracy"]) < 0.05


def test_settle_rejects_an_unknown_claim():
    with pytest.raises(ValueError, match="claim_id='A10.1' is not valid; choose one of: Q1, Q2"):
        thread.settle("A10.1")
