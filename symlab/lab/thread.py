"""Notebook 10: the thread on trial — every claim of the question-and-answer thread learners arrive
with (``shared/THREAD.md``: questions Q1–Q4, answers A1.1 … A9.1), settled by an experiment.

:data:`CLAIMS` lists them in the thread's order: an id, the claim paraphrased, and a function that
runs the shortest experiment that settles it. :func:`settle` runs one, prints its evidence and the
verdict computed from it; :func:`verdict_table` prints them all. A verdict is one of

* ``true`` / ``false``;
* ``true only if …`` / ``false, but …`` — the condition that decides it;
* ``answered`` — a question, with what the experiments answer.

Every verdict is computed from the numbers printed beside it, and every number has a margin that
holds on every machine (see ``tests/test_thread.py``). Experiments reuse the other notebooks' lab
functions where one already measures the claim.

The thread: "Why should weights of Neural Networks be initialized to random numbers?" (Stack
Overflow, closed as off-topic; answers CC BY-SA 3.0). Nothing is quoted; every claim is paraphrased.
"""

import textwrap
from dataclasses import dataclass

import numpy as np

from ..metrics import distinct_units, unit_params
from ..mlp import MLP
from . import instability
from .runs import symmetry_run

from .thread_claims import (a1_1, a1_2, a1_3, a1_4, a1_5, a2_1, a2_2, a2_3, a2_4, a2_5, a3_1, a3_2, a3_3, a3_4,
                            a4_1, a5_1, a5_2, a5_3, a5_4, a5_5, a5_6, a6_1, a6_2, a7_1, a7_2, a7_3, a7_4, a8_1,
                            a9_1, circles, xor)


@dataclass(frozen=True)
class Verdict:
    """The outcome of one claim: its id, the paraphrase, the verdict, the evidence lines and numbers."""

    claim: str
    paraphrase: str
    verdict: str
    evidence: tuple
    numbers: dict


# ------------------------------------------------------------------ the questions
def q1():
    constant = symmetry_run(scheme="constant", scale=0.5)
    he = symmetry_run(scheme="he_normal", scale=1.0)
    n = dict(constant_distinct=distinct_units(unit_params(constant.net.params)),
             he_distinct=distinct_units(unit_params(he.net.params)),
             constant_accuracy=constant.history.final_accuracy, he_accuracy=he.history.final_accuracy)
    return ("answered: so that the hidden units differ — identical units stay identical",
            [f"2-8-1 tanh net, 200 steps: constant start {n['constant_distinct']} distinct unit of 8, "
             f"{n['constant_accuracy']:.1%}; he_normal {n['he_distinct']} of 8, {n['he_accuracy']:.1%}"], n)


def q2():
    split = instability.split_times()
    row = {label: i for i, label in enumerate(split.labels)}
    n = dict(exact_never=bool(np.all(split.learned_at[row["ε = 0 (exact)"]] < 0)),
             he_max=int(split.learned_at[row["he_normal"]].max()),
             tiny_min=int(split.learned_at[row["ε = 1e-15"]].min()))
    slower = n["tiny_min"] > 10 * n["he_max"]
    verdict = ("false as stated: breaking the symmetry is necessary, not a speed-up — and how different "
               "the units start sets the speed" if n["exact_never"] and slower else "true")
    return verdict, [f"constant start, ε = 0: never reaches 95% in {split.settings['epochs']} epochs: {n['exact_never']}",
                     f"constant + 1e-15 noise takes more than 10 times as long as he_normal (epoch {n['he_max']}) to "
                     f"reach 95%: {slower} (notebook 04, section 3)"], n


def q3():
    X, Y = circles()
    largest = {}
    for s in (0.0, 1e-4, 1e-2, 1.0):
        net = MLP([2, 8, 1], "tanh", "normal" if s else "zeros", s, seed=0)
        _, cache = net.forward(X)
        largest[s] = float(np.abs(net.backward(cache, Y)["dW1"]).max())
    ratio = largest[1e-2] / largest[1e-4]
    n = dict(dW1=largest, ratio=ratio)
    verdict = ("false: near 0 each weight's gradient is proportional to the next layer's weights, "
               "so zero is the slowest start" if largest[0.0] == 0 and ratio > 50 else "true")
    return verdict, ["largest |dW1| on the first step of a 2-8-1 tanh net from N(0, s²): "
                     + ", ".join(f"s = {s:g}: {'0' if v == 0 else f'{v:.1e}'}" for s, v in largest.items()),
                     f"100 times smaller weights give a gradient about {round(ratio, -2):.0f} times smaller "
                     "(both layers shrink)"], n


def q4():
    xor2, xor8 = xor(2), xor(8)
    n = dict(single_2=xor2.success_rate, single_8=xor8.success_rate)
    return ("answered: yes — difference between units, and a scale that keeps signals alive; landing near "
            "the optimum matters only for narrow nets",
            [f"XOR, one random start: {n['single_2']:.0%} succeed with 2 hidden units, "
             f"{n['single_8']:.0%} with 8 (notebook 08)"], n)


# ------------------------------------------------------------------ the registry
CLAIMS = {
    "Q1": ("Why start from random weights at all?", q1),
    "Q2": ("Randomness breaks the symmetry, and that makes learning faster.", q2),
    "Q3": ("Starting every weight at 0 would be better: each weight could move to its value sooner.", q3),
    "Q4": ("Is there any idea behind random starts beyond hoping to land near the optimum?", q4),
    "A1.1": ("If a layer's weights all start equal, every hidden unit gets the same input; all zeros give 0 "
             "whatever the input.", a1_1),
    "A1.2": ("That is the whole problem, for any fully connected net: breaking the symmetry is essential, "
             "not a speed-up.", a1_2),
    "A1.3": ("'Symmetry', not 'correlation': symmetric units get exactly the same signal, and training them "
             "is pointless.", a1_3),
    "A1.4": ("Dropout randomises too, so it should break the symmetry — slowly; use a random init anyway.", a1_4),
    "A1.5": ("That explains the forward pass; what about backpropagation?", a1_5),
    "A2.1": ("Dropped at random spots on a foggy mountain you more likely reach the lowest point; that is "
             "what breaking symmetry means.", a2_1),
    "A2.2": ("Random starts add 'entropy', more information for finding lower minima.", a2_2),
    "A2.3": ("But deep learning draws the random start only once.", a2_3),
    "A2.4": ("Nets are almost never convex, so randomness is ideal; with a convex loss the start does not "
             "matter.", a2_4),
    "A2.5": ("Friends (the units) dropped at one spot all follow the same path; dropped apart they descend "
             "faster.", a2_5),
    "A3.1": ("Training is greedy and finds the nearest solution; random, repeated starts make a bad one less "
             "likely.", a3_1),
    "A3.2": ("The same holds for k-means and EM, but not for a globally optimised SVM.", a3_2),
    "A3.3": ("Random starts guarantee nothing, but several runs get closer to the global optimum.", a3_3),
    "A3.4": ("That is not why people use random init: most never restart, and still reach a good optimum.", a3_4),
    "A4.1": ("With all weights 0 every hidden unit computes the same thing, and identical starts can never "
             "give different units.", a4_1),
    "A5.1": ("With zero weights a deep net is as complex as one neuron and predicts no better than "
             "chance.", a5_1),
    "A5.2": ("Units side by side on the same inputs need different weights to be updated differently.", a5_2),
    "A5.3": ("Non-zero weights close to 0, such as 0.1, break the symmetry and let the net learn.", a5_3),
    "A5.4": ("A poor start converges prematurely; several random starts give the best chance of the global "
             "optimum.", a5_4),
    "A5.5": ("Since 2015 He's init, randn · sqrt(2 / n_prev), replaced random init; it is still random, "
             "scaled by the previous layer's size.", a5_5),
    "A5.6": ("Random non-zero weights (1) escape local optima, (2) break the symmetry, (3) reach the global "
             "optimum.", a5_6),
    "A6.1": ("Random weights must not be large: tanh and sigmoid saturate, their slopes vanish, learning "
             "starts cold.", a6_1),
    "A6.2": ("So multiply the random weights by something like 0.01 or 0.001.", a6_2),
    "A7.1": ("Some algorithms converge even from zero, like the perceptron.", a7_1),
    "A7.2": ("Backprop finds a local optimum; random weights let the net explore directions instead of "
             "being confined to one.", a7_2),
    "A7.3": ("The simplest update adds the loss gradient to the old weight; equal old weights can give equal "
             "new ones.", a7_3),
    "A7.4": ("Different weights are updated by different amounts, so a small error in the start gets "
             "corrected.", a7_4),
    "A8.1": ("With dW2 = (1/m) dZ2 A2ᵀ and dZ1 = W2ᵀ dZ2 * g′(Z1), W2 = 0 makes dW1 = 0 and the net learns "
             "nothing.", a8_1),
    "A9.1": ("With zero weights every layer acts like one unit: the net is no more powerful than logistic "
             "regression.", a9_1),
}


def settle(claim_id):
    """Run the experiment of claim ``claim_id``, print its evidence and verdict; returns a :class:`Verdict`.

    Raises ``ValueError`` for an unknown id, naming the valid ones.
    """
    if claim_id not in CLAIMS:
        raise ValueError(f"claim_id={claim_id!r} is not valid; choose one of: {', '.join(CLAIMS)}")
    paraphrase, experiment = CLAIMS[claim_id]
    verdict, evidence, numbers = experiment()
    for line in evidence:
        print(line)
    print(f"→ {claim_id}: {verdict}")
    return Verdict(claim_id, paraphrase, verdict, tuple(evidence), numbers)


def category(verdict):
    """The kind of a verdict: ``true``, ``true if …`` (true under a condition), ``partly``, ``false`` or
    ``answered`` (a question)."""
    head = verdict.split(":")[0].strip()
    if head == "true":
        return "true"
    for kind in ("answered", "partly", "false"):
        if head.startswith(kind):
            return kind
    return "true if …"


def verdict_table(verdicts):
    """Print every :class:`Verdict`: id, :func:`category`, and the verdict's words (wrapped); then the counts."""
    print(f"{'claim':<6} {'verdict':<10} why")
    for v in verdicts:
        lines = textwrap.wrap(v.verdict, 84)
        print(f"{v.claim:<6} {category(v.verdict):<10} {lines[0]}")
        for line in lines[1:]:
            print(f"{'':<17} {line}")
    counts = {kind: sum(category(v.verdict) == kind for v in verdicts)
              for kind in ("true", "true if …", "partly", "false", "answered")}
    print("\n" + ", ".join(f"{kind}: {n}" for kind, n in counts.items()))
    return counts


def plain_true_count():
    """How many of the thread's claims (A-items, questions excluded) get a plain "true" verdict, computed
    quietly (the answer of exercise 10.1)."""
    return sum(1 for claim, (_, experiment) in CLAIMS.items()
               if claim.startswith("A") and category(experiment()[0]) == "true")
