"""The experiments of notebook 10, one function per claim of the thread (registered in
:mod:`symlab.lab.thread`), and the :class:`Rule` each verdict is decided by.

Each experiment measures, then compares every statistic that decides its verdict with a threshold
(a :class:`Rule`), and picks the verdict's kind and words from which rules hold. It returns
``(kind, reason, rules, evidence lines, numbers)``; :func:`symlab.lab.thread.settle` prints them.
Thresholds sit far from the measured values: every rule prints its margin, and
``tests/test_thread.py`` checks each margin against the largest change of its statistic on other
CPUs. Claims about random starts are judged on rates over many seeds.
"""

import contextlib
import io
import math

import numpy as np

from ..data import make_dataset
from ..gradcheck import numerical_grads
from ..init import initialize
from ..linear import logistic_regression, make_separable, perceptron, softmax_regression
from ..metrics import distinct_units, unit_params
from ..mlp import MLP
from ..train import train, train_many
from . import convex, dropout, forward_backward, instability, restarts, scale, zeros
from .runs import epochs_to, symmetry_run

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

    Raises
    ------
    ValueError
        For an ``op`` other than ``"<"`` or ``">"``.
    """

    def __init__(self, statistic, value, op, threshold, fmt=".3g", log=False, floor=1e-12):
        if op not in ("<", ">"):
            raise ValueError(f"op={op!r} is not valid; choose one of: <, >")
        self.statistic, self.op, self.fmt, self.log = statistic, op, fmt, log
        self.floor = 0 if fmt == "d" else floor
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
        value = self.floor if self.tiny else self.value
        difference = math.log10(value) - math.log10(self.threshold) if self.log else value - self.threshold
        return difference if self.op == ">" else -difference

    def __repr__(self):
        return f"Rule({self.statistic!r}, {self.value!r}, {self.op!r}, {self.threshold!r})"

    def __str__(self):
        margin = f"{abs(self.margin):.0f} decades" if self.log else format(abs(self.margin), self.fmt)
        shown = f"< {self.floor:.0e}" if self.tiny else "0" if self.value == 0 else format(self.value, self.fmt)
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


# ------------------------------------------------------------------ the questions
def q1():
    constant = symmetry_run(scheme="constant", scale=0.5)
    he = symmetry_run(scheme="he_normal", scale=1.0)
    n = dict(constant_distinct=distinct_units(unit_params(constant.net.params)),
             he_distinct=distinct_units(unit_params(he.net.params)),
             constant_accuracy=constant.history.final_accuracy, he_accuracy=he.history.final_accuracy)
    rules = [count("distinct units after training, constant start", n["constant_distinct"], "<", 2),
             count("distinct units after training, he_normal", n["he_distinct"], ">", 1),
             Rule("training accuracy, he_normal minus constant start", n["he_accuracy"] - n["constant_accuracy"],
                  ">", 0.2, ".0%")]
    reason = ("so that the hidden units differ — identical units stay identical, and a layer of copies learns "
              "what one unit can" if all_hold(*rules) else "this experiment does not show why")
    return "answered", reason, rules, [
        f"2-8-1 tanh net, 200 steps: constant start {n['constant_distinct']} distinct unit of 8, "
        f"{n['constant_accuracy']:.0%} right; he_normal {n['he_distinct']} of 8, {n['he_accuracy']:.0%} right"], n


def q2():
    split = instability.split_times()
    row = {label: i for i, label in enumerate(split.labels)}
    exact = split.learned_at[row["ε = 0 (exact)"]]
    n = dict(exact_learned=int(np.sum(exact >= 0)), he_max=int(split.learned_at[row["he_normal"]].max()),
             tiny_min=int(split.learned_at[row["ε = 1e-15"]].min()))
    n["ratio"] = n["tiny_min"] / n["he_max"]
    rules = [count(f"runs from an exactly symmetric start that reach 95% in {split.settings['epochs']} epochs",
                   n["exact_learned"], "<", 1),
             Rule("epochs to 95%, units 1e-15 apart (fastest seed) / he_normal (slowest seed)", n["ratio"], ">", 10,
                  ".0f")]
    if all_hold(*rules):
        kind, reason = "false", ("breaking the symmetry is necessary, not a speed-up — and how different the "
                                 "units start sets the speed")
    else:
        kind, reason = "true", "breaking the symmetry only speeds learning up"
    return kind, reason, rules, [
        f"constant start, ε = 0: {n['exact_learned']} of {len(exact)} seeds reach 95% in "
        f"{split.settings['epochs']} epochs; units 1e-15 apart: 95% at epoch {n['tiny_min']} at the earliest, "
        f"he_normal at epoch {n['he_max']} at the latest (notebook 04, section 3)"], n


def q3():
    X, Y = circles()
    largest = {}
    for s in (0.0, 1e-4, 1e-2, 1.0):
        net = MLP([2, 8, 1], "tanh", "normal" if s else "zeros", s, seed=0)
        _, cache = net.forward(X)
        largest[s] = float(np.abs(net.backward(cache, Y)["dW1"]).max())
    n = dict(dW1=largest, ratio=largest[1e-2] / largest[1e-4])
    rules = [Rule("largest |dW1| on the first step from all zeros (threshold: its value at s = 0.0001)", largest[0.0],
                  "<", largest[1e-4], ".1e"),
             Rule("largest |dW1| at s = 0.01 / at s = 0.0001", n["ratio"], ">", 50, ".0f")]
    if all_hold(*rules):
        kind, reason = "false", ("near 0 each weight's gradient is proportional to the next layer's weights, "
                                 "so zero is the slowest start")
    else:
        kind, reason = "true", "a zero start gets gradients as large as a small random one"
    return kind, reason, rules, [
        "largest |dW1| on the first step of a 2-8-1 tanh net from N(0, s²): "
        + ", ".join(f"s = {s:g}: {'0' if v == 0 else f'{v:.1e}'}" for s, v in largest.items()),
        f"100 times smaller weights give a gradient about {round(n['ratio'], -2):.0f} times smaller "
        "(both layers shrink)"], n


def q4():
    n = dict(single_2=xor(2).success_rate, single_8=xor(8).success_rate)
    rules = [rate("XOR, one random start, 2 hidden units: success rate over 200 seeds", n["single_2"], "<", 0.9),
             rate("XOR, one random start, 8 hidden units: success rate over 200 seeds", n["single_8"], ">", 0.95)]
    if all_hold(*rules):
        reason = ("yes — difference between units, and a scale that keeps signals alive; where a start lands "
                  "mattered on XOR with 2 hidden units, not with 8")
    else:
        reason = "yes — difference between units, and a scale that keeps signals alive"
    return "answered", reason, rules, [
        f"XOR, one random start: {n['single_2']:.1%} of 200 seeds succeed with 2 hidden units, "
        f"{n['single_8']:.1%} with 8 (notebook 08)"], n


# ------------------------------------------------------------------ answer 1
def a1_1():
    X, _ = circles()
    _, constant = MLP([2, 8, 1], "tanh", "constant", 0.5, 0).forward(X)
    _, biased = MLP([2, 8, 1], "tanh", "constant", 0.5, 0, bias_scale=0.5).forward(X)
    _, zero = MLP([2, 8, 1], "tanh", "zeros", 0.0, 0).forward(X)
    n = dict(constant_rows=distinct_units(constant["Z1"]), biased_rows=distinct_units(biased["Z1"]),
             zero_nonzero=int(np.count_nonzero(zero["Z1"])))
    rules = [count("distinct rows of Z1 on 200 inputs, constant 0.5, biases 0", n["constant_rows"], "<", 2),
             count("non-zero entries of Z1, all zeros", n["zero_nonzero"], "<", 1),
             count("distinct rows of Z1, constant 0.5, biases N(0, 0.5²)", n["biased_rows"], ">", 1)]
    if all_hold(*rules[:2]):
        kind, reason = ("true if …", "the biases start equal too (they start at 0 here); distinct biases alone "
                        "make the units differ") if rules[2].holds else ("true", "equal weights give equal units")
    else:
        kind, reason = "false", "equal weights do not give equal inputs"
    return kind, reason, rules, [
        f"constant 0.5: {n['constant_rows']} distinct row of Z1 of 8; all zeros: {n['zero_nonzero']} non-zero "
        f"entries; constant 0.5 with random biases: {n['biased_rows']} distinct rows"], n


def a1_2():
    runs = {H: symmetry_run(scheme="constant", scale=0.5, hidden=H) for H in (2, 32)}
    n = {f"distinct_{H}": distinct_units(unit_params(r.net.params)) for H, r in runs.items()}
    n.update({f"switches_{H}": forward_backward.label_switches(r.net) for H, r in runs.items()})
    split = instability.split_times()
    n["exact_learned"] = int(np.sum(split.learned_at[split.labels.index("ε = 0 (exact)")] >= 0))
    rules = [count("distinct units after training, constant start, 32 hidden units", n["distinct_32"], "<", 2),
             count("label switches along the unit's input (one straight line: 1)", n["switches_32"], "<", 2),
             count("runs from an exactly symmetric start that reach 95% in 5000 epochs", n["exact_learned"], "<", 1)]
    if all_hold(*rules):
        kind, reason = "true", "a symmetric layer of any width draws what one unit draws, and never learns more"
    else:
        kind, reason = "false", "a wide symmetric layer escapes"
    return kind, reason, rules, [
        f"constant start, 32 hidden units: {n['distinct_32']} distinct unit; the predicted label switches "
        f"{n['switches_32']} time along the unit's input — one straight line, as with 2 units "
        f"({n['switches_2']} switch); exactly symmetric starts never reach 95%"], n


def a1_3():
    split = instability.split_times()
    row = {label: i for i, label in enumerate(split.labels)}
    n = dict(similar_unsplit=int(np.sum(split.split_at[row["ε = 1e-15"]] < 0)),
             identical_split=int(np.sum(split.split_at[row["ε = 0 (exact)"]] >= 0)), seeds=split.settings["seeds"])
    rules = [count("runs whose units start 1e-15 apart and never split", n["similar_unsplit"], "<", 1),
             count("runs whose units start identical and split", n["identical_split"], "<", 1)]
    if all_hold(*rules):
        kind, reason = "true", ("units that are only similar (correlated) split apart; only identical units stay "
                                "together")
    else:
        kind, reason = "false", "similar units behave like identical ones"
    return kind, reason, rules, [
        f"units 1e-15 apart split in {n['seeds'] - n['similar_unsplit']} of {n['seeds']} runs; identical units "
        f"split in {n['identical_split']} of {n['seeds']} (5000 epochs)"], n


def a1_4():
    summaries = {(init, p): [dropout.dropout_summary(dropout.dropout_run(p, init, seed)) for seed in range(3)]
                 for init, p in (("constant", 0.2), ("he_normal", 0.0))}
    constant, he = summaries[("constant", 0.2)], summaries[("he_normal", 0.0)]
    n = dict(unsplit=sum(r["distinct"] < r["hidden"] for r in constant),
             slowdown=min(c["to95"] / h["to95"] for c, h in zip(constant, he)))
    rules = [count("runs of a constant start + dropout 0.2 with units still copies at the end", n["unsplit"], "<", 1),
             Rule("epochs to 95%, constant + dropout / he_normal (smallest of 3 seeds)", n["slowdown"], ">", 2, ".1f")]
    if all_hold(*rules):
        kind, reason = "true", "dropout does split a constant start, but slowly — random init is still needed"
    else:
        kind, reason = "false", ("dropout does not split a constant start" if not rules[0].holds
                                 else "dropout splits a constant start as fast as a random start")
    return kind, reason, rules, [
        f"constant start + dropout 0.2, 3 seeds: {3 - n['unsplit']} of 3 end with 8 distinct units; "
        f"at least {math.floor(n['slowdown'])} times as many epochs to 95% as he_normal (notebook 04)"], n


def a1_5():
    X, Y = circles()
    net = MLP([2, 8, 1], "tanh", "constant", 0.5, 0)
    _, cache = net.forward(X)
    dW1 = net.backward(cache, Y)["dW1"]
    n = dict(distinct=distinct_units(dW1), largest=float(np.abs(dW1).max()))
    rules = [count("distinct rows of dW1, constant start", n["distinct"], "<", 2),
             Rule("largest |dW1| entry (the gradient is not zero, only repeated)", n["largest"], ">", 1e-3, ".3f")]
    reason = ("backprop keeps the symmetry — identical units get identical rows of dW1" if all_hold(*rules)
              else "backprop gives identical units different gradients")
    return "answered", reason, rules, [
        f"constant start: {n['distinct']} distinct row of dW1 of 8; its largest entry is {n['largest']:.3f}"], n


# ------------------------------------------------------------------ answer 2
def a2_1():
    bumpy = restarts.bumpy_restarts()
    tied = zeros.start_summary(zeros.start_run("tied_normal"))
    n = dict(global_fraction=bumpy.global_fraction, minima=len(bumpy.minima), tied_distinct=tied["distinct"])
    rules = [rate("random starts that reach the lowest of a 1-D loss's minima (no units at all)",
                  n["global_fraction"], "<", 0.9),
             count("distinct units after training from a random but symmetric start (tied_normal)",
                   n["tied_distinct"], "<", 2)]
    if all_hold(*rules):
        kind, reason = "false", ("the analogy explains random restarts, not symmetry: random spots matter on a "
                                 "bumpy loss with no units at all, and a random spot shared by every unit breaks "
                                 "no symmetry")
    else:
        kind, reason = "true", "a random spot is what breaks the symmetry"
    return kind, reason, rules, [
        f"a 1-D loss (one weight, no units to be symmetric): {n['minima']} minima, {n['global_fraction']:.0%} of "
        f"200 random starts reach the lowest (notebook 08); one random row copied into every unit: "
        f"{n['tied_distinct']} distinct unit after 300 steps (notebook 03)"], n


def a2_2():
    scales = (0.01, 1.0, 31.62)
    entropy = {s: 0.5 * math.log(2 * math.pi * math.e * s ** 2) for s in scales}
    within = {s: learned_within(epochs_to_learn(s), 100) for s in scales}
    n = dict(entropy=entropy, within=within)
    rules = [rate("seeds reaching 90% within 100 epochs, σ = 1 (middle entropy)", within[1.0], ">", 0.7),
             rate("the same, σ = 0.01 (lowest entropy)", within[0.01], "<", 0.3),
             rate("the same, σ = 31.62 (highest entropy)", within[31.62], "<", 0.3)]
    if all_hold(*rules):
        kind, reason = "false", ("the start's entropy can be measured (½ ln(2πeσ²) nats per weight), and learning "
                                 "is not better the higher it is: the lowest and the highest both learn slower than "
                                 "the middle; random starts carry no information about where the minima are")
    else:
        kind, reason = "true", "a higher-entropy start learns better"
    return kind, reason, rules, [
        f"tanh 2-32-1, weights N(0, σ²), {len(SEEDS)} seeds: " + "; ".join(
            f"σ = {s:g}: {entropy[s]:.2f} nats per weight, {within[s]:.0%} reach 90% within 100 epochs"
            for s in scales) + " (notebook 06)"], n


def a2_3():
    rates = {H: xor(H).success_rate for H in (4, 8, 16)}
    n = dict(rates=rates)
    rules = [rate(f"XOR from one random start, {H} hidden units: success rate over 200 seeds", r, ">", 0.95)
             for H, r in rates.items()]
    if all_hold(*rules):
        kind, reason = "true", "most nets are trained from one random start, and a wide enough net needs no more"
    else:
        kind, reason = "false", "one random start is not enough even for wide nets"
    return kind, reason, rules, ["XOR from one random start, 200 seeds: " + ", ".join(
        f"{H} hidden units {r:.1%} succeed" for H, r in rates.items())], n


def a2_4():
    X, Y = convex.convex_data()
    zero = logistic_regression(X, Y, lr=1.0, epochs=3000)
    distances = []
    for seed in (1, 2, 3):
        w0, b0 = convex.random_start(3.0, seed)
        fit = logistic_regression(X, Y, w0, b0, lr=1.0, epochs=3000)
        distances.append(max(np.abs(fit.W - zero.W).max(), np.abs(fit.b - zero.b).max()))
    with contextlib.redirect_stdout(io.StringIO()):
        mirror = convex.softmax_mirror()
    softmax_distance = float(np.abs(np.hstack([mirror["zero"].W, mirror["zero"].b])
                                    - np.hstack([mirror["random"].W, mirror["random"].b])).max())
    nets = [convex.moons_net(seed=s)[1].final_loss for s in (1, 2, 3)]
    n = dict(convex_distance=float(max(distances)), softmax_distance=softmax_distance,
             softmax_prediction_gap=mirror["prediction_gap"], hidden_losses=nets, hidden_spread=float(np.ptp(nets)))
    rules = [Rule("logistic regression (strictly convex): largest weight difference, zeros vs 3 random starts",
                  n["convex_distance"], "<", 1e-6, ".0e", log=True, floor=1e-10),
             Rule("softmax regression (convex, not strictly): largest weight difference, zeros vs random",
                  n["softmax_distance"], ">", 0.1, ".2f"),
             Rule("softmax regression: largest difference in predicted probability", n["softmax_prediction_gap"], "<",
                  1e-6, ".0e", log=True, floor=1e-10),
             Rule("a hidden layer (not convex): spread of the final losses of 3 seeds", n["hidden_spread"], ">",
                  1e-3, ".3f")]
    if all_hold(rules[0], rules[2], rules[3]):
        kind, reason = "true", ("with a convex loss every start ends at the same predictions (at the same weights "
                                "when the loss is strictly convex); a hidden layer's start does matter — and "
                                "'randomness is ideal' means difference between units, not luck")
    else:
        kind, reason = "false", "a convex loss's minimum depends on the start"
    return kind, reason, rules, [
        f"moons (no line separates them): logistic regression from zeros and 3 random starts ends "
        f"less than 1e-10 apart; softmax regression from zeros and a random start ends with "
        f"weights {n['softmax_distance']:.2f} apart and the same probabilities; a hidden layer from 3 seeds ends at "
        "losses " + ", ".join(f"{v:.3f}" for v in nets) + " (notebook 05)"], n


def a2_5():
    constant, he = symmetry_run(scheme="constant", scale=0.5), symmetry_run(scheme="he_normal", scale=1.0)
    n = dict(constant_distinct=distinct_units(unit_params(constant.net.params)),
             constant_best=float(constant.history.accuracy.max()), he_to95=epochs_to(he.history))
    rules = [count("distinct units after 200 steps, same spot (constant)", n["constant_distinct"], "<", 2),
             rate("best training accuracy in 200 steps, same spot", n["constant_best"], "<", 0.95),
             count("epochs to 95%, different spots (he_normal)", n["he_to95"], "<", 200)]
    if all_hold(*rules):
        kind, reason = "true", "this is the symmetry picture — units are the friends"
    else:
        kind, reason = "false", "friends dropped at one spot still spread out"
    return kind, reason, rules, [
        f"same spot (constant): {n['constant_distinct']} distinct unit, at most {n['constant_best']:.0%} right in "
        f"200 steps; different spots (he_normal): 95% at epoch {n['he_to95']}"], n


# ------------------------------------------------------------------ answer 3
def a3_1():
    xor2 = xor(2)
    n = dict(single=xor2.success_rate, best3=restarts.best_of_k(xor2.final_loss, xor2.solved, 3)[0],
             single_8=xor(8).success_rate)
    rules = [rate("XOR, 2 hidden units: one start succeeds", n["single"], "<", 0.9),
             rate("XOR, 2 hidden units: the best of 3 starts succeeds", n["best3"], ">", 0.95),
             rate("XOR, 8 hidden units: one start succeeds", n["single_8"], ">", 0.95)]
    if all_hold(*rules[:2]):
        kind, reason = ("true if …", "the net is narrow: one start often fails and a few restarts rarely do; a "
                        "wide net succeeds from one start") if rules[2].holds else ("true", "restarts help")
    else:
        kind, reason = "false", "restarts do not make failures rarer"
    return kind, reason, rules, [
        f"XOR with 2 hidden units: one start succeeds {n['single']:.1%} of the time, the best of 3 "
        f"{n['best3']:.1%}; with 8 hidden units one start succeeds {n['single_8']:.1%} (notebook 08)"], n


def a3_2():
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs
    from sklearn.svm import SVC

    X, _ = make_blobs(300, centers=6, cluster_std=1.5, random_state=0)
    inertias = [KMeans(6, n_init=1, init="random", random_state=s).fit(X).inertia_ for s in range(10)]
    Xs, ys = make_dataset("moons", 200, 0.2, 0)
    coefs = []
    for s in range(3):
        order = np.random.default_rng(s).permutation(200)
        coefs.append(SVC(kernel="linear", tol=1e-10).fit(Xs.T[order], ys[0][order]).coef_[0])
    n = dict(kmeans_spread=float(np.ptp(inertias) / np.min(inertias)), svm_spread=float(np.max(np.ptp(coefs, axis=0))))
    rules = [Rule("k-means, 10 random starts: spread of the final inertia / the lowest", n["kmeans_spread"], ">",
                  0.01, ".2f"),
             Rule("linear SVM (convex), 3 orders of the data: largest weight difference", n["svm_spread"], "<", 1e-6,
                  ".0e", log=True, floor=1e-8)]
    if all_hold(*rules):
        kind, reason = "true", "k-means ends where it starts; the SVM's convex problem has one answer"
    else:
        kind, reason = "false", "k-means and the SVM behave alike"
    return kind, reason, rules, [
        f"k-means (6 clusters) from 10 random starts: final inertias {min(inertias):.0f} to {max(inertias):.0f}; "
        f"a linear SVM from 3 orders of the data: weights the same to within 1e-6"], n


def a3_3():
    xor2 = xor(2)
    measured = {k: restarts.best_of_k(xor2.final_loss, xor2.solved, k)[0] for k in (1, 5)}
    n = dict(measured=measured)
    rules = [rate("XOR, 2 hidden units: best of 1 start succeeds", measured[1], "<", 0.95),
             Rule("best of 5 minus best of 1", measured[5] - measured[1], ">", 0.05, ".1%")]
    if all_hold(*rules):
        kind, reason = "true", "no guarantee, but more starts help"
    else:
        kind, reason = "false", "restarts do not help" if not rules[1].holds else "one start already always succeeds"
    return kind, reason, rules, [
        f"XOR, 2 hidden units: the best of 1 start solves {measured[1]:.1%}, the best of 5 {measured[5]:.1%}"], n


def a3_4():
    rates = {H: xor(H).success_rate for H in (8, 16)}
    n = dict(rates=rates)
    rules = [rate(f"XOR, {H} hidden units, one start, no restart: success rate over 200 seeds", r, ">", 0.95)
             for H, r in rates.items()]
    if all_hold(*rules):
        kind, reason = "true", "wide nets reach a good solution from a single start"
    else:
        kind, reason = "false", "wide nets need restarts too"
    return kind, reason, rules, ["one start, no restart: " + ", ".join(
        f"{H} hidden units solve XOR from {r:.1%} of 200 seeds" for H, r in rates.items())], n


# ------------------------------------------------------------------ answer 4
def a4_1():
    run = symmetry_run(scheme="zeros", scale=0.0, activation="sigmoid", hidden=8, dataset="xor")
    constant = symmetry_run(scheme="constant", scale=0.5, hidden=8)
    split = dropout.dropout_summary(dropout.dropout_run(0.2, "constant", 0))
    n = dict(zeros_distinct=distinct_units(unit_params(run.net.params)),
             constant_distinct=distinct_units(unit_params(constant.net.params)), dropout_distinct=split["distinct"])
    rules = [count("distinct units after gradient descent, all zeros (sigmoid)", n["zeros_distinct"], "<", 2),
             count("distinct units after gradient descent, constant 0.5", n["constant_distinct"], "<", 2),
             count("distinct units after gradient descent with dropout 0.2, constant 0.5", n["dropout_distinct"], ">",
                   1)]
    if all_hold(*rules[:2]):
        kind, reason = ("true if …", "training is plain gradient descent (symlab keeps identical units identical "
                        "to the last bit); dropout's random masks do split them (A1.4)") if rules[2].holds else \
            ("true", "identical starts stay identical")
    else:
        kind, reason = "false", "identical starts split under gradient descent"
    return kind, reason, rules, [
        f"after training: all zeros {n['zeros_distinct']} distinct unit, constant 0.5 {n['constant_distinct']} "
        f"distinct unit of 8; constant 0.5 with dropout: {n['dropout_distinct']} distinct units"], n


# ------------------------------------------------------------------ answer 5
def a5_1():
    out = {a: zeros.zero_init_outcome(a, "unbalanced") for a in ("tanh", "relu", "sigmoid")}
    _, Y = zeros.label_set("unbalanced")
    majority = float(max(Y.mean(), 1 - Y.mean()))
    n = {a: (o.final_loss, o.entropy) for a, o in out.items()}
    n.update(sigmoid_accuracy=out["sigmoid"].accuracy, majority=majority)
    rules = [Rule(f"{a} net: |loss after 3000 steps − chance (the label entropy)|", abs(o.final_loss - o.entropy),
                  "<", 1e-9, ".0e") for a, o in out.items() if a != "sigmoid"]
    rules += [Rule("sigmoid net: chance − loss after 3000 steps", out["sigmoid"].entropy - out["sigmoid"].final_loss,
                   ">", 0.01, ".3f"),
              Rule("sigmoid net: |accuracy − the majority class's share|", abs(n["sigmoid_accuracy"] - majority), "<",
                   0.01, ".1%")]
    if all_hold(*rules[:2]):
        kind, reason = ("true if …", "the units are tanh or ReLU: their loss stays at chance; an all-zero sigmoid "
                        "net learns as one unit — its loss falls below chance, though after 3000 steps it still "
                        "predicts the majority class") if rules[2].holds else \
            ("true", "every all-zero net stays at chance")
    else:
        kind, reason = "false", "an all-zero tanh or ReLU net learns"
    return kind, reason, rules, ["all zeros, unbalanced labels, 3000 steps: " + ", ".join(
        f"{a} loss {o.final_loss:.3f} (chance {o.entropy:.3f})" for a, o in out.items()) +
        f"; the sigmoid net is {n['sigmoid_accuracy']:.1%} right, the majority class's share is {majority:.1%} "
        "(notebook 03)"], n


def a5_2():
    summary = zeros.start_summary(zeros.start_run("constant", bias_scale=0.5))
    equal = zeros.start_summary(zeros.start_run("constant"))
    n = dict(distinct=summary["distinct"], accuracy=summary["accuracy"], equal_distinct=equal["distinct"])
    rules = [count("distinct units after training, constant 0.5 weights, biases N(0, 0.5²)", n["distinct"], ">", 1),
             count("distinct units after training, constant 0.5 weights, biases 0", n["equal_distinct"], "<", 2)]
    if all_hold(*rules):
        kind, reason = "true", ("a bias is a weight on a constant input: distinct biases alone make the units "
                                "different, equal ones keep them copies")
    else:
        kind, reason = "false", "units with equal weights are updated differently"
    return kind, reason, rules, [
        f"constant 0.5 weights: biases N(0, 0.5²) give {n['distinct']} distinct units of 8 ({n['accuracy']:.0%} "
        f"right), biases 0 give {n['equal_distinct']} (notebook 03)"], n


#: Seeds of A5.3's random starts (one 2000-step run is chaotic enough to end elsewhere on another CPU).
A5_3_SEEDS = range(20)


def a5_3():
    X, Y = circles()
    constant = MLP([2, 8, 1], "tanh", "constant", 0.1, seed=0)
    constant_history = train(constant, X, Y, epochs=2000, lr=1.5)
    nets = [MLP([2, 8, 1], "tanh", "normal", 0.1, seed=s) for s in A5_3_SEEDS]
    history = train_many(nets, X, Y, epochs=2000, lr=1.5)
    n = dict(constant_distinct=distinct_units(unit_params(constant.params)),
             constant_accuracy=constant_history.final_accuracy,
             random_unsplit=sum(distinct_units(unit_params(net.params)) < 8 for net in nets),
             random_learned=float(np.mean(history.final_accuracy >= 0.9)))
    rules = [count("distinct units after 2000 steps, constant 0.1", n["constant_distinct"], "<", 2),
             count(f"0.1 · randn starts ({len(nets)} seeds) that end with fewer than 8 distinct units",
                   n["random_unsplit"], "<", 1),
             rate(f"0.1 · randn starts ({len(nets)} seeds) at least 90% right after 2000 steps", n["random_learned"],
                  ">", 0.7)]
    if all_hold(*rules):
        kind, reason = "false", ("'non-zero' is not what breaks the symmetry, 'different' is — random weights of "
                                 "size 0.1 learn, a constant 0.1 keeps identical units")
    else:
        kind, reason = "true", "non-zero weights near 0 break the symmetry"
    return kind, reason, rules, [
        f"2-8-1 tanh, 2000 steps: constant 0.1: {n['constant_distinct']} distinct unit, "
        f"{n['constant_accuracy']:.0%} right; 0.1 · randn: {len(nets) - n['random_unsplit']} of {len(nets)} seeds end "
        f"with 8 distinct units, {n['random_learned']:.0%} of them at least 90% right"], n


def a5_4():
    a = restarts.failure_anatomy()
    xor2 = xor(2)
    n = dict(failed=len(a.seeds), gap=float(np.median(a.loss[:, -1] - math.log(2) / 2)),
             best3=restarts.best_of_k(xor2.final_loss, xor2.solved, 3)[0], single_8=xor(8).success_rate)
    rules = [rate("XOR, 2 hidden units: starts that fail", n["failed"] / 200, ">", 0.1),
             Rule("median final loss of the failed runs minus (ln 2)/2, after 10,000 steps", n["gap"], "<", 1e-2,
                  ".0e", log=True),
             rate("XOR, 2 hidden units: the best of 3 starts succeeds", n["best3"], ">", 0.95),
             rate("XOR, 8 hidden units: one start succeeds", n["single_8"], ">", 0.95)]
    if all_hold(*rules[:3]):
        kind, reason = ("true if …", "the net is narrow: a bad start settles early on a poor solution and restarts "
                        "fix it; a wide net rarely has a bad start") if rules[3].holds else \
            ("true", "bad starts converge early; restarts fix them")
    else:
        kind, reason = "false", "bad starts do not converge early, or restarts do not fix them"
    return kind, reason, rules, [
        f"XOR, 2 hidden units: {n['failed']} of 200 starts fail and slide towards a loss of (ln 2)/2; the best of 3 "
        f"solves {n['best3']:.1%}; with 8 hidden units one start solves {n['single_8']:.1%} (notebook 08)"], n


def a5_5():
    rng = np.random.default_rng(0)
    fan_in = 500
    W = initialize("he_normal", (500, fan_in), 1.0, rng)
    x = rng.standard_normal((fan_in, 1000))
    rms = {}
    for scheme in ("he_normal", "normal"):  # ten ReLU layers of He weights, and of unscaled randn
        A = x
        for _ in range(10):
            A = np.maximum(0.0, initialize(scheme, (500, 500), 1.0, rng) @ A)
        rms[scheme] = float(np.sqrt(np.mean(A ** 2)))
    n = dict(ratio=float(W.std() / math.sqrt(2 / fan_in)), rms10=rms["he_normal"], rms10_randn=rms["normal"])
    rules = [Rule("std of he_normal weights / sqrt(2 / fan_in), 500 × 500", abs(n["ratio"] - 1), "<", 0.01, ".3f"),
             Rule("RMS of the signal after 10 ReLU layers, He (started at 1)", n["rms10"], ">", 0.1, ".1f"),
             Rule("the same with unscaled randn weights", n["rms10_randn"], ">", 1e6, ".0e", log=True)]
    if all_hold(*rules):
        kind, reason = ("true if …", "'random init' means the unscaled randn it replaced: He's init is "
                        "randn · sqrt(2 / fan_in) — still random, only scaled so the signal neither explodes nor "
                        "vanishes")
    else:
        kind, reason = "false", "He's init is not randn scaled by sqrt(2 / fan_in)"
    return kind, reason, rules, [
        f"std of initialize('he_normal', (500, 500)) / sqrt(2/500) = {n['ratio']:.2f}; after 10 ReLU layers the "
        f"signal's RMS is {n['rms10']:.1f} with He, {n['rms10_randn']:.0e} with unscaled randn (started at 1)"], n


def a5_6():
    anatomy = restarts.failure_anatomy()
    xor2 = xor(2)
    constant = symmetry_run(scheme="constant", scale=0.5)
    he = symmetry_run(scheme="he_normal", scale=1.0)
    n = dict(single=xor2.success_rate, gap=float(np.median(anatomy.loss[:, -1] - math.log(2) / 2)),
             symmetric_distinct=distinct_units(unit_params(constant.net.params)),
             random_distinct=distinct_units(unit_params(he.net.params)))
    rules = [count("(2) distinct units after training, constant start", n["symmetric_distinct"], "<", 2),
             count("(2) distinct units after training, random start", n["random_distinct"], ">", 1),
             rate("(1) XOR, 2 hidden units, one random start: failure rate over 200 seeds", 1 - n["single"], ">", 0.1),
             Rule("(3) median loss of those failed runs after 10,000 steps (5 times more) minus (ln 2)/2", n["gap"],
                  "<", 1e-2, ".0e", log=True)]
    symmetry, escape, optimum = all_hold(*rules[:2]), not rules[2].holds, not rules[3].holds
    if symmetry and escape and optimum:
        kind, reason = "true", "all three parts hold"
    elif symmetry or escape or optimum:
        kind, reason = "partly", ("(2) yes; (1) no — one random start still gets stuck; (3) no — the stuck runs "
                                  "are still stuck after 5 times as many steps: only restarts help, with no guarantee"
                                  if symmetry else "(2) fails")
    else:
        kind, reason = "false", "none of the three parts holds"
    return kind, reason, rules, [
        f"(2) a constant start keeps {n['symmetric_distinct']} distinct unit, a random one {n['random_distinct']}; "
        f"(1) one random XOR start with 2 units fails {1 - n['single']:.1%} of the time; (3) the failed runs still "
        "sit at a loss of (ln 2)/2 after 10,000 steps (notebook 08)"], n


# ------------------------------------------------------------------ answer 6
def a6_1():
    saturated = scale.scale_run(31.62, "tanh").saturated
    relu = scale.scale_run(31.62, "relu")
    within = {s: learned_within(epochs_to_learn(s), 100) for s in (1.0, 31.62)}
    n = dict(saturated=saturated, slope=float(scale.scale_run(31.62, "tanh").slopes.mean()), within=within,
             relu_saturated=relu.saturated)
    rules = [rate("tanh units saturated at the start, scale 31.62", saturated, ">", 0.5),
             Rule("mean slope g′(Z1) at the start, tanh, scale 31.62", n["slope"], "<", 0.2, ".2f"),
             rate(f"tanh, seeds reaching 90% within 100 epochs at scale 31.62 ({len(SEEDS)} seeds)", within[31.62],
                  "<", 0.3),
             rate("the same at scale 1", within[1.0], ">", 0.7),
             rate("ReLU units saturated at the start, scale 31.62", relu.saturated, "<", 0.01)]
    if all_hold(*rules[:4]):
        kind, reason = ("true if …", "the units are tanh or sigmoid; ReLU units never saturate") \
            if rules[4].holds else ("true", "large weights saturate every unit")
    else:
        kind, reason = "false", "large weights do not slow tanh units down"
    return kind, reason, rules, [
        f"tanh at scale 31.62: {n['saturated']:.0%} saturated, mean slope {n['slope']:.2f}; {within[31.62]:.0%} of "
        f"{len(SEEDS)} seeds reach 90% within 100 epochs, against {within[1.0]:.0%} at scale 1; ReLU at 31.62: "
        f"{n['relu_saturated']:.0%} saturated (notebook 06)"], n


def a6_2():
    X, _ = make_dataset("circles", 64, 0.1, 0)
    net = MLP([2] + [16] * 30 + [1], "relu", "normal", 0.01, seed=0)
    _, cache = net.forward(X)
    n = dict(shallow_within=learned_within(epochs_to_learn(0.01), 500), deep_std=float(cache["A30"].std()))
    rules = [rate(f"tanh 2-32-1 at 0.01, seeds reaching 90% within 500 steps ({len(SEEDS)} seeds)",
                  n["shallow_within"], "<", 0.3),
             Rule("std of the last layer's activations, 30 ReLU layers at 0.01", n["deep_std"], "<", 1e-20, ".0e",
                  log=True)]
    if all_hold(*rules):
        kind, reason = "false", ("×0.01 is too small — a cold start in a shallow tanh net, a vanished signal in a "
                                 "deep one; scale by the fan-in instead")
    else:
        kind, reason = "true", "×0.01 keeps nets learning"
    return kind, reason, rules, [
        f"tanh 2-32-1 at 0.01: {n['shallow_within']:.0%} of {len(SEEDS)} seeds reach 90% in 500 steps; 30 ReLU "
        f"layers at 0.01: the last layer's std is below 1e-40 (notebooks 06, 07)"], n


# ------------------------------------------------------------------ answer 7
def a7_1():
    X, Y = make_separable()
    _, passes = perceptron(X, Y, seed=0)
    Xc, Yc = circles()
    fit, never = perceptron(Xc, Yc, seed=0, max_epochs=200)
    n = dict(passes=passes, circles_converged=never is not None, circles_mistakes=int(fit.loss.min()))
    rules = [count("the perceptron from w = 0 on separable data: first pass without a mistake", passes or 10 ** 6,
                   "<", 100),
             count("the same on circles (no line separates them): fewest mistakes in a pass, 200 passes",
                   n["circles_mistakes"], ">", 0)]
    if rules[0].holds:
        kind, reason = ("true if …", "the data is separable: the perceptron converges from zero there, and never "
                        "where no line separates the classes") if rules[1].holds else ("true", "from zero")
    else:
        kind, reason = "false", "the perceptron does not converge from zero"
    return kind, reason, rules, [
        f"the perceptron from w = 0 on separable data: a pass without mistakes at pass {passes}; on circles: "
        f"at least {n['circles_mistakes']} mistakes in every one of 200 passes (notebook 05)"], n


def a7_2():
    constant, he = symmetry_run(scheme="constant", scale=0.5), symmetry_run(scheme="he_normal", scale=1.0)
    singular = np.linalg.svd(he.net.params["W1"], compute_uv=False)
    n = dict(constant_rows=distinct_units(constant.net.params["W1"]), he_ratio=float(singular[1] / singular[0]))
    rules = [count("after 200 steps, constant start: distinct rows of W1 (1: every unit on one line)",
                   n["constant_rows"], "<", 2),
             Rule("the same, he_normal: 2nd / 1st singular value of W1 (0: one direction)", n["he_ratio"], ">", 0.05,
                  ".2f")]
    if all_hold(*rules):
        kind, reason = "true", ("a symmetric start keeps every unit's weights on one line (W1 of rank 1); a random "
                                "one uses every direction")
    else:
        kind, reason = "false", "a symmetric start explores as many directions as a random one"
    return kind, reason, rules, [
        f"after 200 steps: W1 has {n['constant_rows']} distinct row from a constant start (rank 1); from he_normal its "
        f"2nd singular value is {n['he_ratio']:.2f} times its 1st (rank 2)"], n


def a7_3():
    X, Y = circles()
    losses = {}
    for name, sign, lr in (("W + dW", +1, 0.5), ("W − lr·dW, lr 0.5", -1, 0.5), ("W − lr·dW, lr 200", -1, 200.0)):
        net = MLP([2, 8, 1], "tanh", "he_normal", 1.0, seed=0)
        start = net.loss(X, Y)
        with np.errstate(all="ignore"):
            for _ in range(50):
                _, cache = net.forward(X)
                grads = net.backward(cache, Y)
                for key in net.params:
                    net.params[key] = net.params[key] + sign * lr * grads["d" + key]
            losses[name] = (start, net.loss(X, Y))
    n = dict(losses=losses)
    start = losses["W + dW"][0]
    rules = [Rule("loss after 50 steps of W + dW / at the start", losses["W + dW"][1] / start, ">", 10, ".0f"),
             Rule("loss at the start minus after 50 steps of W − 0.5·dW", start - losses["W − lr·dW, lr 0.5"][1], ">",
                  0.02, ".3f"),
             Rule("loss after 50 steps of W − 200·dW / at the start", losses["W − lr·dW, lr 200"][1] / start, ">", 1,
                  ".0f")]
    if all_hold(*rules):
        kind, reason = "false", ("adding the gradient climbs; the step is W − lr·dW, and the rate matters (equal "
                                 "weights do stay equal either way)")
    else:
        kind, reason = "true", "adding the gradient descends"
    return kind, reason, rules, [
        f"50 steps from he_normal (loss {start:.3f}): W + dW ends at {losses['W + dW'][1]:.0f}; W − 0.5·dW at "
        f"{losses['W − lr·dW, lr 0.5'][1]:.3f}; W − 200·dW at {losses['W − lr·dW, lr 200'][1]:.0f}"], n


def a7_4():
    X, Y = circles()
    net = MLP([2, 8, 1], "tanh", "he_normal", 1.0, seed=0)
    _, cache = net.forward(X)
    dW1_distinct = distinct_units(net.backward(cache, Y)["dW1"])
    gaps = []
    for s in range(3):  # the same start, and the same start with a small error (0.1 · randn added to each weight)
        exact, off = MLP([2, 8, 1], "tanh", "he_normal", 1.0, seed=s), MLP([2, 8, 1], "tanh", "he_normal", 1.0, seed=s)
        rng = np.random.default_rng(100 + s)
        for key in ("W1", "W2"):
            off.params[key] = off.params[key] + 0.1 * rng.standard_normal(off.params[key].shape)
        h_exact, h_off = train(exact, X, Y, epochs=200, lr=1.5), train(off, X, Y, epochs=200, lr=1.5)
        gaps.append((abs(h_exact.loss[0] - h_off.loss[0]), abs(h_exact.final_accuracy - h_off.final_accuracy),
                     min(h_exact.final_accuracy, h_off.final_accuracy)))
    n = dict(dW1_distinct=dW1_distinct, gaps=gaps)
    rules = [count("distinct rows of dW1 on the first step, he_normal", dW1_distinct, ">", 1),
             rate("3 seeds, start with an error of 0.1 · randn: largest accuracy difference after 200 steps",
                  max(g[1] for g in gaps), "<", 0.05),
             rate("the lowest accuracy of those 6 runs", min(g[2] for g in gaps), ">", 0.9)]
    if all_hold(*rules):
        kind, reason = "true", ("different units get different updates, and a start moved by a small error ends "
                                "as good as the unmoved one")
    else:
        kind, reason = "false", "a small error in the start is not corrected"
    return kind, reason, rules, [
        f"he_normal: {dW1_distinct} distinct rows of dW1 of 8 on the first step; 3 seeds, each start and the same "
        f"start plus 0.1 · randn: accuracies after 200 steps differ by at most {max(g[1] for g in gaps):.1%}"], n


# ------------------------------------------------------------------ answer 8
def a8_1():
    X, Y = circles()
    net = MLP([2, 8, 1], "tanh", "he_normal", 1.0, seed=0)
    _, cache = net.forward(X)
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    as_written = dZ2 @ cache["A2"].T / m          # the thread's dW2 = (1/m) dZ2 A2ᵀ: shape (1, 1)
    right = dZ2 @ cache["A1"].T / m               # the course's dW2 = (1/m) dZ2 A1ᵀ: shape (1, 8)
    numeric = numerical_grads(net, X, Y)["dW2"]
    all_zero = zeros.zero_init_outcome("tanh", "balanced")
    random_W1 = zeros.start_summary(zeros.start_run("zero_W2"))
    n = dict(written_entries=as_written.size, right_error=float(np.abs(right - numeric).max()),
             zero_loss_gap=abs(all_zero.final_loss - all_zero.entropy), step0=random_W1["dW1_step0"],
             step1=random_W1["dW1_step1"], accuracy=random_W1["accuracy"])
    rules = [count("entries of dZ2 A2ᵀ as written (dW2 has 8)", n["written_entries"], "<", numeric.size),
             Rule("dZ2 A1ᵀ / m against finite differences: largest difference", n["right_error"], "<", 1e-6, ".0e",
                  log=True, floor=1e-9),
             Rule("all weights 0, tanh: loss after 3000 steps minus chance", n["zero_loss_gap"], "<", 1e-9, ".0e"),
             rate("random W1, W2 = 0: accuracy after 300 steps", n["accuracy"], ">", 0.9)]
    formula_wrong = rules[0].holds and rules[1].holds
    if formula_wrong and rules[2].holds and rules[3].holds:
        kind, reason = "partly", ("the formula needs A1ᵀ, not A2ᵀ; 'learns nothing' holds when W1 is 0 too with "
                                  "tanh or ReLU units, but with a random W1, W2 = 0 blocks dW1 on the first step only")
    elif formula_wrong:
        kind, reason = "false", "the formula needs A1ᵀ, and W2 = 0 alone does not stop learning"
    else:
        kind, reason = "true", "W2 = 0 stops learning"
    return kind, reason, rules, [
        f"dZ2 A2ᵀ has {n['written_entries']} entry, dW2 has {numeric.size}; dZ2 A1ᵀ / m matches finite differences",
        f"all weights 0, tanh: the loss stays at chance; random W1, W2 = 0: largest |dW1| {n['step0']:g} on step 0, "
        f"{n['step1']:.0e} on step 1, {n['accuracy']:.0%} right after 300 steps (notebook 03)"], n


# ------------------------------------------------------------------ answer 9
def a9_1():
    X, Y = circles()
    constant = symmetry_run(scheme="constant", scale=0.5)
    logistic = logistic_regression(X, Y, lr=1.0, epochs=2000)
    logistic_accuracy = float(np.mean(((logistic.W @ X + logistic.b) > 0) == (Y > 0.5)))
    lines = forward_backward.softmax_line_rows()
    X3, Y3 = forward_backward.three_class_data()
    soft = softmax_regression(X3, Y3, lr=1.0, epochs=2000)
    soft_accuracy = float(np.mean(np.argmax(soft.W @ X3 + soft.b, axis=0) == np.argmax(Y3, axis=0)))
    n = dict(constant_accuracy=constant.history.final_accuracy, logistic_accuracy=logistic_accuracy,
             sigmoid_switches=forward_backward.label_switches(constant.net), softmax_constant=lines[0]["accuracy"],
             softmax_regression=soft_accuracy, switches=lines[0]["switches"])
    rules = [count("constant 2-8-1 sigmoid-output net: label switches along the unit's input (one line: 1)",
                   n["sigmoid_switches"], "<", 2),
             count("constant 2-8-3 softmax net: label switches (K − 1 = 2 parallel lines at most)", n["switches"], "<",
                   3),
             Rule("circles: constant net's accuracy minus logistic regression's", n["constant_accuracy"]
                  - logistic_accuracy, "<", 0.05, ".1%"),
             Rule("three blobs: softmax regression's accuracy minus the constant softmax net's",
                  soft_accuracy - n["softmax_constant"], ">", 0, ".1%")]
    if all_hold(*rules):
        kind, reason = "true", ("a constant-start net is a linear classifier: one line with one sigmoid output, "
                                "at most K − 1 parallel lines with K softmax outputs — no more than (multinomial) "
                                "logistic regression draws")
    else:
        kind, reason = "false", "a constant-start net draws more than a linear classifier"
    return kind, reason, rules, [
        f"circles: constant 2-8-1 net {n['constant_accuracy']:.0%}, logistic regression {logistic_accuracy:.0%}; "
        f"three blobs: constant net with softmax {n['softmax_constant']:.0%} ({n['switches']} parallel lines), "
        f"softmax regression {soft_accuracy:.0%}"], n
