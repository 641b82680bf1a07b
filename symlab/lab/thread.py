"""Notebook 10: the thread on trial — every claim of the question-and-answer thread learners arrive
with (questions Q1–Q4, answers A1.1 … A9.1), settled by an experiment.

:data:`CLAIMS` lists them in the thread's order: an id, the claim paraphrased, and a function
(in :mod:`symlab.lab.thread_claims` and :mod:`symlab.lab.thread_claims_5_9`) that runs the shortest experiment that settles it.
:func:`settle` runs one and prints its evidence, the :class:`~symlab.lab.thread_rules.Rule`\\ s that
decide it (statistic, threshold, margin) and the verdict; :func:`verdict_table` prints them all.

A verdict has one of five kinds (:data:`KINDS`), by one rule for every claim:

* ``true`` — the claim holds as stated, in its own setting;
* ``true if …`` — it holds only under a condition the claim does not state; the experiment
  measures it where the condition holds and where it fails;
* ``partly`` — the claim makes several statements; some hold and some fail;
* ``false`` — it fails in its own setting;
* ``answered`` — a question, with what the experiments answer.

No verdict is a fixed string: each experiment compares measured statistics with thresholds and
picks the kind and the words from which rules hold. Every rule prints its margin, and
``tests/test_thread.py`` checks each margin against the largest change of its statistic on other
CPU kernels, thread counts and data moved by 1e-12. Claims about random starts are judged on
rates over many seeds, never on one run.

The thread: "Why should weights of Neural Networks be initialized to random numbers?" (Stack
Overflow, closed as off-topic; answers CC BY-SA 3.0). Nothing is quoted; every claim is paraphrased.
"""

import functools
import textwrap
from dataclasses import dataclass, field

from .thread_claims import (a1_1, a1_2, a1_3, a1_4, a1_5, a2_1, a2_2, a2_3, a2_4, a2_5, a3_1, a3_2, a3_3, a3_4, a4_1,
                            q1, q2, q3, q4)
from .thread_claims_5_9 import a5_1, a5_2, a5_3, a5_4, a5_5, a5_6, a6_1, a6_2, a7_1, a7_2, a7_3, a7_4, a8_1, a9_1
from .thread_rules import KINDS, Rule

__all__ = ["CLAIMS", "KINDS", "Rule", "Verdict", "plain_true_count", "settle", "verdict_table"]

#: Characters per printed line: what a notebook's output shows without wrapping at 1024 × 768 with
#: JupyterLab's file browser open (a classroom projector).
WIDTH = 72
#: How a verdict of each kind starts when printed.
OPENING = {"true": "true: ", "true if …": "true if ", "partly": "partly true: ", "false": "false: ",
           "answered": "answered: "}


@dataclass(frozen=True)
class Verdict:
    """The outcome of one claim.

    ``kind`` is one of :data:`KINDS` and ``reason`` the words that follow it (:attr:`verdict` joins
    them as printed); ``rules`` the :class:`~symlab.lab.thread_rules.Rule`\\ s that decided it;
    ``evidence`` the lines printed above them; ``numbers`` every measured number, by name.
    """

    claim: str
    paraphrase: str
    kind: str
    reason: str
    rules: tuple
    evidence: tuple
    numbers: dict = field(repr=False)

    @property
    def verdict(self):
        """The verdict as printed: its kind's opening, then the reason."""
        return OPENING[self.kind] + self.reason


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
#: Each experiment runs once per process: the notebook's verdicts, its exercise and its table share the
#: results (every experiment is deterministic). Treat what they return as read-only.
CLAIMS = {claim: (paraphrase, functools.cache(experiment)) for claim, (paraphrase, experiment) in CLAIMS.items()}


def settle(claim_id):
    """Run the experiment of claim ``claim_id``; print its evidence, its rules and the verdict.

    Returns a :class:`Verdict`. Raises ``ValueError`` for an unknown id, naming the valid ones.
    """
    if claim_id not in CLAIMS:
        raise ValueError(f"claim_id={claim_id!r} is not valid; choose one of: {', '.join(CLAIMS)}")
    paraphrase, experiment = CLAIMS[claim_id]
    kind, reason, rules, evidence, numbers = experiment()
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} is not valid; choose one of: {', '.join(KINDS)}")
    verdict = Verdict(claim_id, paraphrase, kind, reason, tuple(rules), tuple(evidence), numbers)
    for line in evidence:
        print(textwrap.fill(line, WIDTH, subsequent_indent="  ", break_long_words=False))
    print("rules (statistic: value, threshold — margin):")
    for rule in rules:
        print(textwrap.fill(f"• {rule}", WIDTH, subsequent_indent="    ", break_long_words=False))
    print(textwrap.fill(f"→ {claim_id}: {verdict.verdict}", WIDTH, subsequent_indent="  ", break_long_words=False))
    return verdict


def verdict_table(verdicts):
    """Print every :class:`Verdict`: id, kind, and the verdict's words (wrapped); then the counts per kind.

    Returns nothing (the counts are printed; :func:`kind_counts` returns them)."""
    print(f"{'claim':<6} {'verdict':<10} why")
    for v in verdicts:
        lines = textwrap.wrap(v.reason, WIDTH - 18, break_long_words=False)
        print(f"{v.claim:<6} {v.kind:<10} {lines[0]}")
        for line in lines[1:]:
            print(f"{'':<17} {line}")
    print("\n" + ", ".join(f"{kind}: {n}" for kind, n in kind_counts(verdicts).items()))


def kind_counts(verdicts):
    """How many of ``verdicts`` have each kind of :data:`KINDS` (a dict, in that order)."""
    return {kind: sum(v.kind == kind for v in verdicts) for kind in KINDS}


def plain_true_count():
    """How many of the thread's answers (A-claims; questions excluded) get a plain ``true`` verdict,
    computed quietly (the answer of exercise 10.1)."""
    return sum(1 for claim, (_, experiment) in CLAIMS.items() if claim.startswith("A") and experiment()[0] == "true")
