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


def test_zeros_move_nothing_with_equal_labels_and_the_constant_stays_at_chance():
    """00's bullets: zeros — "with the two labels equally frequent its gradient is 0 too"; constant — "back to
    chance within about ten epochs, and there it stays for the 200 epochs shown"; He — all 200 points right."""
    import numpy as np

    import symlab
    from symlab.lab.runs import symmetry_run
    X, Y = symlab.make_dataset("circles", 200, 0.1, 0)
    assert Y.mean() == 0.5
    net = symlab.MLP([2, 8, 1], "tanh", "zeros", 0.0, seed=0)
    _, cache = net.forward(X)
    grads = net.backward(cache, Y)
    assert all(np.all(grads[name] == 0) for name in ("dW1", "db1", "dW2", "db2"))
    assert np.all(symmetry_run(scheme="zeros", scale=0.0).net.params["b2"] == 0)   # nothing moved in 200 epochs
    loss = np.array(symmetry_run(scheme="constant", scale=0.5).history.loss)
    assert loss[0] > np.log(2) + 0.2 and np.abs(loss[10:] - np.log(2)).max() < 0.005
    assert loss[5] - np.log(2) > 0.005                                  # "about ten": not yet at epoch 5
    assert symmetry_run(scheme="he_normal", scale=1.0).history.final_accuracy == 1.0
    zeros = symmetry_run(scheme="zeros", scale=0.0)
    P, _ = zeros.net.forward(zeros.X)
    assert np.all(P == 0.5)                                             # "Zeros draw no boundary: 50% everywhere"


def test_the_growth_range_of_other_nudges_and_the_first_hundred_epochs():
    """00, answer 2: "after a first 100 epochs in which it stays about the same size … over 40 draws of the nudge,
    between ×14 and ×64" (printed rounded outwards, so the edges sit far from a rounding step)."""
    others = start.growth_factors()
    assert others.shape == (40, 3)
    assert 14.3 < others.min() < 15 and 63.0 < others.max() < 63.7
    first = []
    for seed in range(20):
        growth = start.spread_growth(seed=seed)
        first.append(growth[100] / growth[0])
    assert all(0.5 < f < 1.5 for f in first), first                    # "about the same size"


def test_the_first_gradient_is_proportional_to_a_small_scale():
    gradients = start.first_gradients()
    assert 90 < gradients[1e-2] / gradients[1e-4] < 110                 # "in proportion to s once s is small"
    assert gradients[1.0] / gradients[1e-2] > 1000                      # faster from 1 to 0.01
