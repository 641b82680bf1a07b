"""The vocabulary of notebook 10's verdicts: a :class:`Rule` (a measured statistic against the
threshold that decides a verdict, with its margin), the kinds of verdict (:data:`KINDS`), and the
data and runs the experiments share. The experiments are in :mod:`symlab.lab.thread_claims`
(questions, answers 1–4) and :mod:`symlab.lab.thread_claims_5_9` (answers 5–9); every verdict's
rules print their margins, and ``tests/test_thread.py`` checks each margin against the largest
change of its statistic on other CPUs.
"""

import math

import numpy as np

from ..data import make_dataset
from . import restarts, scale

#: The kinds of verdict, in the order the table counts them (see :mod:`symlab.lab.thread`).
KINDS = ("true", "true if …", "partly", "false", "answered")


class Rule:
    """One measured statistic against the threshold a verdict uses: ``value op threshold``.

    Parameters
    ----------
    statistic : str
        What was measured, in words, with its setting.
    value : float
        The measurement.
    op : {"<", ">"}
        The rule holds when ``value < threshold`` (or ``value > threshold``).
    threshold : float
        Where the rule flips.
    fmt : str
        Format spec of value, threshold and margin: ``".0%"`` for a rate, ``"d"`` for a count, …
    log : bool
        For a statistic spanning orders of magnitude: the margin is counted in decades,
        ``|log10(value / threshold)|``.
    floor : float
        Values below it in size are rounding-sized and differ between CPUs: they print as
        ``< floor``, and the margin is counted from the floor. Counts have no floor.
    digits : int, optional
        For a statistic of a chaotic run, whose last digits differ between CPUs: value and margin
        print rounded to this many significant digits, after "≈" (the threshold as it is).

    Raises
    ------
    ValueError
        For an ``op`` other than ``"<"`` or ``">"``.
    """

    def __init__(self, statistic, value, op, threshold, fmt=".3g", log=False, floor=1e-12, digits=None):
        if op not in ("<", ">"):
            raise ValueError(f"op={op!r} is not valid; choose one of: <, >")
        self.statistic, self.op, self.fmt, self.log = statistic, op, fmt, log
        self.floor = 0 if fmt == "d" else floor
        self.digits = digits
        self.value = int(value) if fmt == "d" else float(value)
        self.threshold = int(threshold) if fmt == "d" else float(threshold)

    @property
    def holds(self):
        return self.value < self.threshold if self.op == "<" else self.value > self.threshold

    @property
    def tiny(self):
        """True when the value is non-zero but below the rounding floor (printed as ``< floor``)."""
        return 0 < abs(self.value) < self.floor

    @property
    def margin(self):
        """How far the value is from the threshold: positive when the rule holds (decades if ``log``).
        A value below the floor counts as the floor (the margin is then at least this)."""
        return self.margin_at(self.value)

    def margin_at(self, value):
        """The margin this rule would have if its statistic measured ``value`` (e.g. on another CPU)."""
        value = self.floor if 0 < abs(value) < self.floor else value
        difference = math.log10(value) - math.log10(self.threshold) if self.log else value - self.threshold
        return difference if self.op == ">" else -difference

    def __repr__(self):
        return f"Rule({self.statistic!r}, {self.value!r}, {self.op!r}, {self.threshold!r})"

    def _rounded(self, x):
        return f"≈{float(f'{x:.{self.digits}g}'):g}" if self.digits else format(x, self.fmt)

    def __str__(self):
        margin = f"{abs(self.margin):.0f} decades" if self.log else self._rounded(abs(self.margin))
        shown = f"< {self.floor:.0e}" if self.tiny else "0" if self.value == 0 else self._rounded(self.value)
        return (f"{self.statistic}: {shown} {self.op} {format(self.threshold, self.fmt)} — "
                f"{'holds' if self.holds else 'FAILS'}, margin {'at least ' if self.tiny else ''}{margin}")


def count(statistic, value, op, threshold):
    """A :class:`Rule` on a count (units, runs, switches): integers, so the margin is at least 1."""
    return Rule(statistic, value, op, threshold, "d")


def rate(statistic, value, op, threshold):
    """A :class:`Rule` on a fraction of seeds or points, printed in percent."""
    return Rule(statistic, value, op, threshold, ".1%")


def all_hold(*rules):
    return all(rule.holds for rule in rules)


# ------------------------------------------------------------------ shared data and runs
def circles():
    return make_dataset("circles", 200, 0.1, 0)


def xor(hidden):
    return restarts.xor_restarts(hidden=hidden, extra_epochs=0)


#: Seeds for the claims about random starts whose single runs are chaotic (large scales).
SEEDS = range(10)


def epochs_to_learn(scale_value, seeds=SEEDS):
    """Epochs to 90% of the tanh 2-32-1 net of notebook 06 from N(0, scale²), per seed (NaN: not in 500)."""
    return np.array([np.nan if e is None else e for e in
                     (scale.scale_run(scale_value, "tanh", seed=s).epochs_to_learn for s in seeds)], dtype=float)


def learned_within(epochs, limit):
    """Fraction of seeds that reached 90% within ``limit`` epochs."""
    return float(np.mean(np.nan_to_num(epochs, nan=np.inf) <= limit))
