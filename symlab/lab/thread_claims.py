"""The experiments of notebook 10 for the thread's questions and answers 1–4, one function per claim
(registered in :mod:`symlab.lab.thread`; answers 5–9 are in :mod:`symlab.lab.thread_claims_5_9`).

Each experiment measures, then compares every statistic that decides its verdict with a threshold
(a :class:`~symlab.lab.thread_rules.Rule`), and picks the verdict's kind and words from which rules
hold. It returns ``(kind, reason, rules, evidence lines, numbers)``; :func:`symlab.lab.thread.settle`
prints them. Claims about random starts are judged on rates over many seeds.
"""

import contextlib
import io
import math

import numpy as np

from ..data import make_dataset
from ..linear import logistic_regression
from ..metrics import distinct_units, unit_params
from ..mlp import MLP
from . import convex, dropout, forward_backward, instability, restarts, scale, zeros
from .runs import epochs_to, symmetry_run
from .thread_rules import Rule, SEEDS, all_hold, circles, count, rate, xor


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
    exact = split.learned_at[row["ε = 0 (exact)"]][:1]  # no noise to draw: every seed gives this same run
    n = dict(exact_learned=int(np.sum(exact >= 0)), he_max=int(split.learned_at[row["he_normal"]].max()),
             tiny_min=int(split.learned_at[row["ε = 1e-15"]].min()))
    n["ratio"] = n["tiny_min"] / n["he_max"]
    rules = [count(f"the exactly symmetric start (one run) reaches 95% in {split.settings['epochs']} epochs",
                   n["exact_learned"], "<", 1),
             Rule("epochs to 95%, units 1e-15 apart (fastest seed) / he_normal (slowest seed)", n["ratio"], ">", 10,
                  ".0f", digits=1)]
    if all_hold(*rules):
        kind, reason = "partly", ("randomness does break the symmetry, but it is not a speed-up: without it the "
                                  "units stay copies and the net does not learn (not in 5000 epochs) — and how "
                                  "different the units start sets the speed")
    else:
        kind, reason = "true", "breaking the symmetry only speeds learning up"
    return kind, reason, rules, [
        f"constant start, ε = 0 (one run: there is no noise to draw): {'never reaches' if not n['exact_learned'] else 'reaches'} 95% in "
        f"{split.settings['epochs']} epochs; units 1e-15 apart: 95% after about {round(n['tiny_min'], -3)} epochs at the "
        f"earliest (their split depends on rounding), "
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
    n["exact_learned"] = int(split.learned_at[split.labels.index("ε = 0 (exact)")][0] >= 0)  # one run: no noise
    rules = [count("distinct units after training, constant start, 32 hidden units", n["distinct_32"], "<", 2),
             count("label switches along the unit's input (one straight line: 1)", n["switches_32"], "<", 2),
             count("the exactly symmetric start (one run) reaches 95% in 5000 epochs", n["exact_learned"], "<", 1)]
    if all_hold(*rules):
        kind, reason = "true", ("under gradient descent a symmetric layer of any width draws what one unit draws, "
                                "and learns no more")
    else:
        kind, reason = "false", "a wide symmetric layer escapes"
    return kind, reason, rules, [
        f"constant start, 32 hidden units: {n['distinct_32']} distinct unit; the predicted label switches "
        f"{n['switches_32']} time along the unit's input — one straight line, as with 2 units "
        f"({n['switches_2']} switch); the exactly symmetric start does not reach 95% in 5000 epochs"], n


def a1_3():
    split = instability.split_times()
    row = {label: i for i, label in enumerate(split.labels)}
    n = dict(similar_unsplit=int(np.sum(split.split_at[row["ε = 1e-15"]] < 0)),
             identical_split=int(split.split_at[row["ε = 0 (exact)"]][0] >= 0), seeds=split.settings["seeds"])
    rules = [count("runs whose units start 1e-15 apart and never split", n["similar_unsplit"], "<", 1),
             count("the run whose units start identical splits (one run)", n["identical_split"], "<", 1)]
    if all_hold(*rules):
        kind, reason = "true", ("units that are only similar (correlated) split apart; only identical units stay "
                                "together")
    else:
        kind, reason = "false", "similar units behave like identical ones"
    return kind, reason, rules, [
        f"units 1e-15 apart split in {n['seeds'] - n['similar_unsplit']} of {n['seeds']} runs; identical units "
        f"{'split' if n['identical_split'] else 'do not split'} in 5000 epochs"], n


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
    loss = {s: float(np.median([scale.scale_run(s, "tanh", seed=k).history.final_loss for k in SEEDS]))
            for s in scales}
    n = dict(entropy=entropy, loss=loss)
    rules = [Rule("median loss after 500 epochs (nats), σ = 1 (middle entropy)", loss[1.0], "<", 0.1, ".2f", digits=1),
             Rule("the same, σ = 0.01 (lowest entropy), minus σ = 1's", loss[0.01] - loss[1.0], ">", 0.05, ".2f",
                  digits=1),
             Rule("the same, σ = 31.62 (highest entropy), minus σ = 1's", loss[31.62] - loss[1.0], ">", 0.05, ".2f",
                  digits=1)]
    if all_hold(*rules):
        kind, reason = "false", ("the start's entropy can be measured (½ ln(2πeσ²) nats per weight), and the "
                                 "loss reached is not monotone in it: of the three spreads tried, the middle one "
                                 "ends lowest; random starts carry no information about where the minima are")
    else:
        kind, reason = "true", "a higher-entropy start ends lower"
    return kind, reason, rules, [
        f"tanh 2-32-1, weights N(0, σ²), {len(SEEDS)} seeds, 500 epochs: " + "; ".join(
            f"σ = {s:g}: {entropy[s]:.2f} nats per weight, median loss ≈{float(f'{loss[s]:.1g}'):g}" for s in scales)
        + " (notebook 06)"], n


def a2_3():
    rates = {H: xor(H).success_rate for H in (4, 8, 16)}
    n = dict(rates=rates)
    rules = [rate(f"XOR from one random start, {H} hidden units: success rate over 200 seeds", r, ">", 0.95)
             for H, r in rates.items()]
    if all_hold(*rules):
        kind, reason = "true", ("and it is enough for a wide enough net: from a Xavier-scaled start, XOR nets of 4 "
                                "or more hidden units needed no second start in 200 seeds")
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
                  1e-4, ".4f")]
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
        kind, reason = ("true if …", "the net is as narrow as 2 hidden units: one start often fails and a few "
                        "restarts rarely do; with 8 units one start succeeded in 200 seeds") if rules[2].holds else \
            ("true", "restarts help")
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
        kind, reason = "true", ("from a Xavier-scaled start, XOR nets of 8 and 16 hidden units reached a solution "
                                "from a single start in 200 of 200 seeds")
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
