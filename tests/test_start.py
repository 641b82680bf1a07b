"""Notebook 00's plain answers: the numbers each paragraph cites."""

from symlab.lab import start
from symlab.lab.runs import compare


def test_zero_is_the_slowest_start():
    gradients = start.first_gradients()
    assert gradients[0.0] == 0.0
    assert 0.05 < gradients[1.0] < 0.15                   # "about 1e-1 at s = 1"
    assert 1.5e-5 < gradients[1e-2] < 2.5e-5              # "2e-5 at s = 0.01"
    assert 1.5e-7 < gradients[1e-4] < 2.5e-7              # "2e-7 at s = 0.0001"


def test_breaking_symmetry_is_necessary_and_the_difference_sets_the_speed():
    epochs = start.epochs_to_learn()
    assert epochs["constant"] is None                     # "never reaches 95%"
    assert epochs["he_normal"] == 92                      # "92 epochs"
    assert epochs["constant + 1e-06 noise"] == 816        # "816"


def test_the_constant_run_starts_above_chance_and_ends_at_it():
    rows = {r["scheme"]: r for r in compare([("zeros", 0.0), ("constant", 0.5), ("he_normal", 1.0)])}
    constant = rows["constant"]
    assert round(constant["first_loss"], 3) == 0.920 and constant["first_loss"] > constant["chance"] + 0.2
    assert abs(constant["final_loss"] - constant["chance"]) < 0.01
    assert constant["distinct_units"] == 1 and rows["he_normal"]["distinct_units"] == 8
