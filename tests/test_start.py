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
    assert start.LR == 1.5                                # the experiment's learning rate, and notebook 10's
    assert epochs["constant"] is None                     # "never reaches 95%"
    assert epochs["he_normal"] == 62                      # "62 epochs"
    assert epochs["constant + 1e-06 noise"] == 554        # "554"
    slower = start.epochs_to_learn(lr=1.0)                # notebook 04's learning rate: "its counts are larger"
    assert slower["he_normal"] > 62 and slower["constant + 1e-06 noise"] > 554


def test_the_constant_run_starts_above_chance_and_ends_at_it():
    rows = {r["scheme"]: r for r in compare([("zeros", 0.0), ("constant", 0.5), ("he_normal", 1.0)])}
    constant = rows["constant"]
    assert round(constant["first_loss"], 3) == 0.920 and constant["first_loss"] > constant["chance"] + 0.2
    assert abs(constant["final_loss"] - constant["chance"]) < 0.01
    assert constant["distinct_units"] == 1 and rows["he_normal"]["distinct_units"] == 8


def test_the_difference_between_units_grows_geometrically_from_a_tiny_start():
    """00, answer 2: the spread of W1 from a 1e-6 perturbation, every 100 epochs (printed to 2 digits)."""
    growth = start.spread_growth()
    assert list(growth) == [0, 100, 200, 300, 400]
    printed = {0: 3.6e-6, 100: 2.5e-6, 200: 7.7e-5, 300: 3.0e-3, 400: 1.3e-1}
    for epoch, value in printed.items():
        assert abs(growth[epoch] / value - 1) < 0.045, epoch            # rounds to the printed digits
    factors = [growth[b] / growth[a] for a, b in zip(list(growth), list(growth)[1:])]
    assert 0.65 < factors[0] < 0.75                                     # "×0.7 up to epoch 100"
    assert all(30 < f < 44 for f in factors[1:])                        # "between ×30 and ×44"
    assert min(factors[1:]) < 31 and max(factors[1:]) > 43              # the range is not wider than it says
    assert growth[400] > 1e4 * growth[100]                              # geometric: four decades in 300 epochs


def test_one_random_start_matters_for_a_narrow_net_only():
    """00, answer 4: XOR solved from one xavier_normal start, 200 seeds, 2 vs 8 hidden units."""
    success = start.one_start_success()
    assert success[2] == 0.705 and success[8] == 1.0
