"""The experiments of notebook 10 for the thread's answers 5–9, one function per claim (registered in
:mod:`symlab.lab.thread`; see :mod:`symlab.lab.thread_claims` for the questions and answers 1–4 and
for what an experiment returns).
"""

import math

import numpy as np

from ..data import make_dataset
from ..gradcheck import numerical_grads
from ..init import initialize
from ..linear import logistic_regression, make_separable, perceptron, softmax_regression
from ..metrics import distinct_units, unit_params
from ..mlp import MLP
from ..train import train, train_many
from . import forward_backward, restarts, scale, zeros
from .runs import symmetry_run
from .thread_rules import SEEDS, Rule, all_hold, circles, count, epochs_to_learn, learned_within, rate, xor


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
                        "net learns as one unit — its loss falls below chance, though on these labels it "
                        "still predicts the majority class after 3000 steps") if rules[2].holds else \
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
             random_learned=float(np.mean(np.any(history.accuracy >= 0.9, axis=1))))
    rules = [count("distinct units after 2000 steps, constant 0.1", n["constant_distinct"], "<", 2),
             count(f"0.1 · randn starts ({len(nets)} seeds) that end with fewer than 8 distinct units",
                   n["random_unsplit"], "<", 1),
             rate(f"0.1 · randn starts ({len(nets)} seeds) that reach 90% accuracy within 2000 steps",
                  n["random_learned"], ">", 0.7)]
    if all_hold(*rules):
        kind, reason = "true if …", ("the weights near 0 differ from each other: 'non-zero' is not what breaks the "
                                     "symmetry, 'different' is — random weights of size 0.1 learn, a constant 0.1 "
                                     "keeps identical units")
    else:
        kind, reason = "false", "non-zero weights near 0 do not let the net learn"
    return kind, reason, rules, [
        f"2-8-1 tanh, 2000 steps: constant 0.1: {n['constant_distinct']} distinct unit, "
        f"{n['constant_accuracy']:.0%} right; 0.1 · randn: {len(nets) - n['random_unsplit']} of {len(nets)} seeds end "
        f"with 8 distinct units; {n['random_learned']:.0%} of them reach 90% accuracy within 2000 steps"], n


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
        kind, reason = ("true if …", "the net is as narrow as 2 hidden units: a bad start settles early on a poor "
                        "solution and restarts fix it; with 8 units no start of 200 was bad") if rules[3].holds else \
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
        kind, reason = ("partly", "the formula is right and still random; but He's init replaced the unscaled "
                        "randn, not random initialisation — scaled so the signal neither explodes nor vanishes")
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
        kind, reason = "partly", ("(2) yes; (1) no — with 2 hidden units one random start in 3 still gets stuck; (3) no — the stuck runs "
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
        kind, reason = ("true if …", "the units are tanh (the units measured here; sigmoid has flat tails too); "
                        "ReLU units have no flat upper tail to saturate on") \
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
    for name, sign, lr in (("W + dW", +1, 1.0), ("W − lr·dW, lr 0.5", -1, 0.5), ("W − lr·dW, lr 200", -1, 200.0)):
        net = MLP([2, 8, 1], "tanh", "he_normal", 1.0, seed=0)
        start = net.loss(X, Y)
        with np.errstate(all="ignore"):
            for _ in range(50):
                _, cache = net.forward(X)
                grads = net.backward(cache, Y)
                for key in net.params:
                    net.params[key] = net.params[key] + sign * lr * grads["d" + key]
            losses[name] = (start, net.loss(X, Y))
    equal = MLP([2, 8, 1], "tanh", "constant", 0.5, seed=0)
    _, cache = equal.forward(X)
    grads = equal.backward(cache, Y)
    stepped = {key: equal.params[key] + grads["d" + key] for key in equal.params}
    n = dict(losses=losses, equal_after=distinct_units(unit_params(stepped)))
    start = losses["W + dW"][0]
    rules = [Rule("loss after 50 steps of W + dW / at the start", losses["W + dW"][1] / start, ">", 10, ".0f"),
             Rule("loss at the start minus after 50 steps of W − 0.5·dW", start - losses["W − lr·dW, lr 0.5"][1], ">",
                  0.02, ".3f"),
             Rule("loss after 50 steps of W − 200·dW / at the start", losses["W − lr·dW, lr 200"][1] / start, ">", 1,
                  ".0f"),
             count("distinct units after one step W + dW from equal weights (constant 0.5)", n["equal_after"], "<", 2)]
    if all_hold(*rules):
        kind, reason = "partly", ("equal weights do stay equal after the step; but adding the gradient climbs — "
                                  "the step is W − lr·dW, and the rate matters")
    else:
        kind, reason = "true", "adding the gradient descends, and equal weights stay equal"
    return kind, reason, rules, [
        f"50 steps from he_normal (loss {start:.3f}): W + dW ends at {losses['W + dW'][1]:.0f}; W − 0.5·dW at "
        f"{losses['W − lr·dW, lr 0.5'][1]:.3f}; W − 200·dW at {losses['W − lr·dW, lr 200'][1]:.0f}; "
        f"one step W + dW from equal weights leaves {n['equal_after']} distinct unit"], n


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
        kind, reason = "true", ("different units get different updates, and here (2-8-1 on circles, where every "
                                "start ends well) a start moved by a small error ends as good as the unmoved one")
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
