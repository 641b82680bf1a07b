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
    """``expected()`` computes the answer; floats match within ``rel`` (relative) or ``abs_tol``.

    ``hint`` is shown after a wrong answer: a nudge towards the method, never the value.
    """

    expected: Callable[[], object]
    hint: str = ""
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
    "00.1": Exercise(lambda: _distinct_after_training(scheme="constant", scale=0.5, hidden=32),
                     hint='a constant start keeps every unit a copy of the others, at any width.'),
    "00.2": Exercise(lambda: symmetry_run(scheme="zeros", scale=0.0, activation="relu").history.final_accuracy,
                     hint='with tanh or ReLU, g(0) = 0: what can the all-zero net learn besides its output bias? The labels are balanced.'),
    "01.1": Exercise(lambda: _distinct_after_training(scheme="tied_normal", scale=1.0, activation="relu",
                                                      hidden=16),
                     hint='tied_normal copies one random row into every unit: how many different units can that give?'),
    "01.2": Exercise(lambda: _saturated_fraction_at_start(10.0), rel=1e-3,
                     hint='compare np.abs(hidden) > 0.99 element-wise, then take the mean of the booleans.'),
    "02.1": Exercise(_first_step_of_constant_net,
                     hint='dZ1 = W2ᵀ dZ2 * (1 − A1²) and dW1 = dZ1 Xᵀ / m; take np.abs(dW1).max().'),
    "02.2": Exercise(lambda: symmetry_run(scheme="constant", scale=0.5, hidden=64).history.final_accuracy,
                     hint='a fraction between 0 and 1, not a percentage; width changes nothing for a constant start.'),
    "03.1": Exercise(lambda: label_entropy(_lab("zeros").label_set("unbalanced")[1]),
                     hint='p is the fraction of label 1, Y.mean(); the answer is in nats (natural logarithm).'),
    "03.2": Exercise(lambda: _lab("zeros").zero_init_outcome("sigmoid", "unbalanced").first_step["W1"],
                     hint="record the first steps (record=range(5)) and look at history.snapshots[e].grads['dW1'] for e = 0, 1, …"),
    "04.1": Exercise(lambda: float(_lab("dropout").dropout_run(0.5).spread[1]),
                     hint="train for exactly one epoch with seed=1000, then symlab.row_spread(net.params['W1'])."),
    "04.2": Exercise(lambda: epochs_to(_lab("dropout").dropout_run(0.1).history),
                     hint='np.argmax(accuracy >= 0.95) gives the first epoch where the condition holds.'),
    "05.1": Exercise(_minimum_of_logistic_loss, rel=1e-7,
                     hint='the loss is convex: from any start, 3000 steps end at the same minimum as from zeros.'),
    "05.2": Exercise(_perceptron_passes,
                     hint="from zero, the perceptron's step size only scales the weights; the mistakes, and so the passes, stay the same."),
    "06.1": Exercise(lambda: _lab("scale").scale_run(5.012, "sigmoid").saturated,
                     hint="scale_run(5.012, 'sigmoid').saturated is a fraction between 0 and 1."),
    "06.2": Exercise(lambda: _lab("scale").scale_run(0.1778, "tanh").epochs_to_learn,
                     hint="scale_run(0.1778, 'tanh').epochs_to_learn; between 81 and 447, nearer which?"),
    "07.1": Exercise(lambda: float(_lab("depth").deep_stack("relu", "he_normal", 1.0).act_std[9]), rel=1e-4,
                     hint='act_std has one entry per layer; layer 10 is index 9.'),
    "07.2": Exercise(lambda: _lab("chains").matrix_chain(width=256).first_nonfinite,
                     hint='each product multiplies the length by about sqrt(256) = 16; float32 stops near 3.4e38.'),
    "08.1": Exercise(lambda: _lab("restarts").xor_restarts(hidden=3).success_rate,
                     hint='xor_restarts(hidden=3).success_rate is a fraction between 0 and 1.'),
    "08.2": Exercise(lambda: _lab("restarts").bumpy_restarts(lr=0.01, steps=1500).global_fraction,
                     hint='bumpy_restarts(lr=0.01, steps=1500).global_fraction; the starts are the same, only the steps change.'),
    "09.1": Exercise(lambda: _lab("capstone").dlai_run("xavier_normal").test_accuracy,
                     hint="capstone.dlai_run('xavier_normal').test_accuracy, a fraction between 0 and 1."),
    "09.2": Exercise(lambda: float(_lab("digits").digits_comparison().test_accuracy[("he_normal", 1.0)].mean()),
                     rel=1e-4,
                     hint="test_accuracy[('he_normal', 1.0)] is an array over the seeds: take its mean."),
    "10.1": Exercise(lambda: _lab("thread").plain_true_count(),
                     hint="count the A-claims whose experiment()[0] (the verdict's kind) is exactly 'true'."),
    "10.2": Exercise(lambda: _lab("thread").CLAIMS["A5.3"][1]()[4]["constant_distinct"],
                     hint="thread.settle('A5.3').numbers['constant_distinct']."),
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


#: Wrong tries per exercise in this session: the value is revealed on the second wrong try.
_wrong_tries = {}


def _number_in_text(answer):
    """True if ``answer`` is text that reads as a number, like "0.5" typed with quotes."""
    try:
        float(answer)
        return True
    except (TypeError, ValueError):
        return False


def check(exercise_id, answer, reveal=False):
    """Print whether ``answer`` is right for exercise ``exercise_id``.

    ``answer`` still ``...`` (not attempted) prints how to start. A wrong answer gets the
    exercise's hint; the value symlab computes is shown on the second wrong try, or at once with
    ``reveal=True``. A number given as text ("0.5") is told so.
    """
    if answer is Ellipsis:
        is_right(exercise_id, 0)  # still rejects an unknown exercise id
        print(f"Exercise {exercise_id}: not answered yet. Replace ... in the cell above with your code, "
              "run it, then run this cell again.")
        return
    right, expected = is_right(exercise_id, answer)
    if right:
        _wrong_tries.pop(exercise_id, None)
        print(f"Exercise {exercise_id}: right! {shown(answer)}")
        return
    tries = _wrong_tries[exercise_id] = _wrong_tries.get(exercise_id, 0) + 1
    if isinstance(answer, str) and _number_in_text(answer) and isinstance(expected, numbers.Real):
        print(f"Exercise {exercise_id}: you gave the text {answer!r}, in quotes. Give the number itself, "
              f"without quotes: {answer.strip()}")
    else:
        print(f"Exercise {exercise_id}: not quite. You gave {shown(answer)}.")
    if reveal or tries >= 2:
        print(f"symlab computes {shown(expected)}.")
    else:
        print(f"Hint: {EXERCISES[exercise_id].hint} Try again; the second wrong try shows the value "
              f"(or run check(\"{exercise_id}\", answer, reveal=True)).")
