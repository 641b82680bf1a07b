"""Self-checking exercises: a notebook cell calls ``check("01.2", answer)``.

The right answer is never typed in here: each exercise computes it with symlab
at check time, so it always agrees with the package the learner is using.
"""

import math
import numbers
from dataclasses import dataclass
from importlib import import_module
from typing import Callable

import numpy as np

from ..metrics import distinct_units, label_entropy, unit_params
from .runs import epochs_to, symmetry_run


@dataclass(frozen=True)
class Exercise:
    """``expected()`` computes the answer; floats match within ``rel`` (relative) or ``abs_tol``."""

    expected: Callable[[], object]
    rel: float = 1e-6
    abs_tol: float = 1e-9


def _distinct_after_training(**settings):
    return distinct_units(unit_params(symmetry_run(**settings).net.params))


def _saturated_fraction_at_start(scale):
    from ..metrics import saturated_fraction

    return saturated_fraction(symmetry_run(scheme="normal", scale=scale).history.snapshot(0).hidden, "tanh")


def _lab(module):
    """A lab topic module, imported when an answer is computed (keeps ``check`` light to import)."""
    return import_module(f"symlab.lab.{module}")


def _first_step_of_constant_net():
    """02.1: the largest |dW1| entry of the constant 2-4-1 tanh net's first step, from ``backward``."""
    run = symmetry_run(scheme="constant", scale=0.5, hidden=4, record_every=1)
    return float(np.abs(run.history.snapshot(0).grads["dW1"]).max())


def _minimum_of_logistic_loss():
    """05.1: the minimum itself, by Newton's method rather than gradient descent."""
    from ..linear import logistic_newton
    from ..mlp import cross_entropy

    X, Y = _lab("convex").convex_data()
    w, b = logistic_newton(X, Y)
    return cross_entropy(w @ X + b, Y, "sigmoid")


def _perceptron_passes():
    """05.2: passes of the perceptron from zero, with the default step size (from zero it changes nothing)."""
    from ..linear import make_separable, perceptron

    X, Y = make_separable()
    return perceptron(X, Y, seed=0)[1]


# Each answer is computed by a different route from the one the learner is asked to take where
# possible (``net.backward`` against a hand-written formula, Newton's method against gradient
# descent), so a right answer agrees for a reason.
EXERCISES = {
    "00.1": Exercise(lambda: _distinct_after_training(scheme="constant", scale=0.5, hidden=32)),
    "00.2": Exercise(lambda: symmetry_run(scheme="zeros", scale=0.0, activation="relu").history.final_accuracy),
    "01.1": Exercise(lambda: _distinct_after_training(scheme="tied_normal", scale=1.0, activation="relu",
                                                      hidden=16)),
    "01.2": Exercise(lambda: _saturated_fraction_at_start(10.0), rel=1e-3),
    "02.1": Exercise(_first_step_of_constant_net),
    "02.2": Exercise(lambda: symmetry_run(scheme="constant", scale=0.5, hidden=64).history.final_accuracy),
    "03.1": Exercise(lambda: label_entropy(_lab("zeros").label_set("unbalanced")[1])),
    "03.2": Exercise(lambda: _lab("zeros").zero_init_outcome("sigmoid", "unbalanced").first_step["W1"]),
    "04.1": Exercise(lambda: float(_lab("dropout").dropout_run(0.5).spread[1])),
    "04.2": Exercise(lambda: epochs_to(_lab("dropout").dropout_run(0.1).history)),
    "05.1": Exercise(_minimum_of_logistic_loss, rel=1e-7),
    "05.2": Exercise(_perceptron_passes),
    "06.1": Exercise(lambda: _lab("scale").scale_run(5.012, "sigmoid").saturated),
    "06.2": Exercise(lambda: _lab("scale").scale_run(0.1778, "tanh").epochs_to_learn),
    "07.1": Exercise(lambda: float(_lab("depth").deep_stack("relu", "he_normal", 1.0).act_std[9]), rel=1e-4),
    "07.2": Exercise(lambda: _lab("chains").matrix_chain(width=256).first_nonfinite),
    "08.1": Exercise(lambda: _lab("restarts").xor_restarts(hidden=3).success_rate),
    "08.2": Exercise(lambda: _lab("restarts").bumpy_restarts(lr=0.01, steps=1500).global_fraction),
    "09.1": Exercise(lambda: _lab("capstone").dlai_run("xavier_normal").test_accuracy),
    "09.2": Exercise(lambda: float(_lab("capstone").digits_comparison().test_accuracy[("he_normal", 1.0)].mean()),
                     rel=1e-4),
}


def is_right(exercise_id, answer):
    """True if ``answer`` matches the computed answer of ``exercise_id``.

    Numbers are compared with the exercise's tolerance; anything else with ``==``.
    Returns ``(right, expected)``.
    """
    if exercise_id not in EXERCISES:
        raise ValueError(f"exercise_id={exercise_id!r} is not valid; choose one of: {', '.join(EXERCISES)}")
    exercise = EXERCISES[exercise_id]
    expected = exercise.expected()
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        # a number (numpy scalars included), but not True/False or the text "1"
        if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (numbers.Real, np.number)):
            return False, expected
        return math.isclose(float(answer), expected, rel_tol=exercise.rel, abs_tol=exercise.abs_tol), expected
    return answer == expected, expected


def shown(value):
    """A value as a learner would write it: 0.5, not np.float64(0.5)."""
    return repr(value.item()) if isinstance(value, np.generic) else repr(value)


def check(exercise_id, answer):
    """Print whether ``answer`` is right for exercise ``exercise_id``.

    ``answer`` still ``...`` (not attempted) prints how to start. A wrong answer
    is shown next to the value symlab computes.
    """
    if answer is Ellipsis:
        is_right(exercise_id, 0)  # still rejects an unknown exercise id
        print(f"Exercise {exercise_id}: not answered yet. Replace ... in the cell above with your code, "
              "run it, then run this cell again.")
        return
    right, expected = is_right(exercise_id, answer)
    if right:
        print(f"Exercise {exercise_id}: right! {shown(answer)}")
    else:
        print(f"Exercise {exercise_id}: not quite. You gave {shown(answer)}; symlab computes {shown(expected)}.")

