"""Notebook 10: every claim of the thread has the verdict the notebook prints, with margins.

A claim whose verdict flips — because symlab, an experiment or a dependency changed — fails here,
instead of silently changing the notebook's table.
"""

import json
import math
import sys
from pathlib import Path

import pytest

from symlab.lab import thread

EXPECTED = {
    "Q1": "answered", "Q2": "partly", "Q3": "false", "Q4": "answered",
    "A1.1": "true if …", "A1.2": "true", "A1.3": "true", "A1.4": "true", "A1.5": "answered",
    "A2.1": "false", "A2.2": "false", "A2.3": "true", "A2.4": "true", "A2.5": "true",
    "A3.1": "true if …", "A3.2": "true", "A3.3": "true", "A3.4": "true",
    "A4.1": "true if …",
    "A5.1": "true if …", "A5.2": "true", "A5.3": "true if …", "A5.4": "true if …", "A5.5": "partly",
    "A5.6": "partly",
    "A6.1": "true if …", "A6.2": "false",
    "A7.1": "true if …", "A7.2": "true", "A7.3": "partly", "A7.4": "true",
    "A8.1": "partly", "A9.1": "true",
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
    v = verdicts[claim]
    assert v.kind == EXPECTED[claim], v.verdict
    assert v.reason and not v.reason.startswith(thread.KINDS)  # the kind is printed once, by its opening


def test_every_verdict_is_decided_by_rules_that_hold(verdicts):
    """No verdict is a fixed string: each has rules, and (as the verdicts above were reached) they hold."""
    for claim, v in verdicts.items():
        assert v.rules, f"{claim} has no rule"
        failing = [str(rule) for rule in v.rules if not rule.holds]
        assert not failing, f"{claim}: {failing}"


def test_a_verdict_follows_its_rules():
    """A failing rule changes the verdict: an experiment whose rule flips gives another kind and other words."""
    from symlab.lab import thread_claims

    real = thread_claims.xor
    try:
        thread_claims.xor = lambda hidden: real(2)  # every width now fails XOR as often as 2 units do
        kind, reason, rules, _, _ = thread_claims.a2_3()
    finally:
        thread_claims.xor = real
    assert kind == "false" and not all(rule.holds for rule in rules)
    assert thread_claims.a2_3()[0] == "true"


def test_rules_print_value_threshold_and_margin():
    rule = thread.Rule("success rate", 0.705, "<", 0.9, ".1%")
    assert str(rule) == "success rate: 70.5% < 90.0% — holds, margin 19.5%"
    assert thread.Rule("count", 3, ">", 5, "d").margin == -2 and not thread.Rule("count", 3, ">", 5, "d").holds
    assert str(thread.Rule("ratio", 40.96, ">", 10, ".0f", digits=1)) == "ratio: ≈40 > 10 — holds, margin ≈30"
    tiny = thread.Rule("gap", 3e-14, "<", 1e-9, ".0e")
    assert str(tiny) == "gap: < 1e-12 < 1e-09 — holds, margin at least 1e-09"
    assert thread.Rule("std", 1e-50, "<", 1e-20, ".0e", log=True, floor=0).margin == pytest.approx(30)
    with pytest.raises(ValueError, match="op='<=' is not valid; choose one of: <, >"):
        thread.Rule("x", 1, "<=", 2)


def test_exercise_10_1_counts_plain_true_answers(verdicts):
    assert thread.plain_true_count() == sum(v.kind == "true" for c, v in verdicts.items() if c.startswith("A"))


def test_the_numbers_behind_the_verdicts(verdicts):
    n = {claim: v.numbers for claim, v in verdicts.items()}
    assert n["Q2"]["exact_learned"] == 0 and n["Q2"]["ratio"] > 20                      # margin 2x on "10 times"
    assert n["Q3"]["dW1"][0.0] == 0 and 60 < n["Q3"]["ratio"] < 140                      # printed "about 100"
    assert n["A1.4"]["unsplit"] == 0 and 4 <= n["A1.4"]["slowdown"] < 5                 # printed "at least 4"
    assert 0.2 < n["A2.1"]["global_fraction"] < 0.3 and n["A2.1"]["minima"] == 5
    # A2.2: learning speed is not monotone in the start's entropy
    assert n["A2.2"]["loss"][1.0] < 0.05 and min(n["A2.2"]["loss"][0.01], n["A2.2"]["loss"][31.62]) > 0.15
    assert n["A2.2"]["entropy"][31.62] - n["A2.2"]["entropy"][1.0] == pytest.approx(math.log(31.62))
    # A2.4: a convex loss that is not strictly convex: other weights, the same predictions
    assert n["A2.4"]["softmax_distance"] > 0.5 and n["A2.4"]["softmax_prediction_gap"] < 1e-10
    assert n["A2.4"]["convex_distance"] < 1e-10 and n["A2.4"]["hidden_spread"] > 0.002
    assert n["A7.3"]["equal_after"] == 1
    # A5.1: the all-zero sigmoid net beats chance in loss only; its accuracy is the majority share
    assert n["A5.1"]["sigmoid"][0] < n["A5.1"]["sigmoid"][1] - 0.03
    assert n["A5.1"]["sigmoid_accuracy"] == pytest.approx(n["A5.1"]["majority"], abs=1e-12)
    assert n["A5.3"]["constant_distinct"] == 1 and n["A5.3"]["random_unsplit"] == 0
    assert n["A5.3"]["random_learned"] == 1.0
    assert n["A5.5"]["rms10_randn"] > 1e10 and 0.6 < n["A5.5"]["rms10"] < 1.0
    assert n["A7.1"]["passes"] == 4 and not n["A7.1"]["circles_converged"]
    assert n["A8.1"]["step0"] == 0 and n["A8.1"]["step1"] > 1e-6 and n["A8.1"]["zero_loss_gap"] < 1e-12
    assert n["A9.1"]["switches"] == 2 and n["A9.1"]["sigmoid_switches"] == 1


def test_every_margin_is_larger_than_the_change_on_other_machines(verdicts, tmp_path):
    """Each rule's statistic, measured on every machine of test_perturbations.MACHINES (other BLAS kernels,
    numpy's SIMD loops off, 1 or 2 threads, data moved by 1e-12), moves by less than its margin here, and
    every verdict keeps its kind and words."""
    from test_perturbations import run_on_machines

    script = Path(__file__).parent / "perturb" / "thread_rules.py"
    problems = []
    for machine, (returncode, stdout) in run_on_machines([sys.executable, str(script)], tmp_path).items():
        assert returncode == 0, f"{machine}:\n{stdout[-4000:]}"
        other = json.loads(stdout.strip().splitlines()[-1])
        for claim, v in verdicts.items():
            if (other[claim]["kind"], other[claim]["reason"]) != (v.kind, v.reason):
                problems.append(f"{machine}: {claim} becomes {other[claim]['kind']}: {other[claim]['reason']}")
            for rule, value in zip(v.rules, other[claim]["values"], strict=True):  # every rule, on every machine
                change = abs(rule.margin_at(value) - rule.margin)
                if not change < abs(rule.margin):
                    problems.append(f"{machine}: {claim} '{rule.statistic}' moves by {change:g}, margin {rule.margin:g}")
    assert not problems, "\n".join(problems)


def test_settle_rejects_an_unknown_claim():
    with pytest.raises(ValueError, match="claim_id='A10.1' is not valid; choose one of: Q1, Q2"):
        thread.settle("A10.1")
