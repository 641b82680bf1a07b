"""The experiments of notebook 10, one function per claim of the thread (registered in
:mod:`symlab.lab.thread`). Each returns ``(verdict, evidence lines, numbers)``; the verdict is
computed from the numbers, and every printed number has a margin that holds on every machine."""

import math

import numpy as np

from ..data import make_dataset
from ..gradcheck import numerical_grads
from ..init import initialize
from ..linear import logistic_regression, perceptron, softmax_regression
from ..metrics import distinct_units, row_spread, unit_params
from ..mlp import MLP
from ..train import train
from . import convex, dropout, forward_backward, instability, restarts, scale, zeros
from .runs import epochs_to, small, symmetry_run


def circles():
    return make_dataset("circles", 200, 0.1, 0)


def xor(hidden):
    return restarts.xor_restarts(hidden=hidden, extra_epochs=0)


# ------------------------------------------------------------------ answer 1
def a1_1():
    X, _ = circles()
    _, constant = MLP([2, 8, 1], "tanh", "constant", 0.5, 0).forward(X)
    _, zero = MLP([2, 8, 1], "tanh", "zeros", 0.0, 0).forward(X)
    n = dict(spread=row_spread(constant["Z1"]), zero_max=float(np.abs(zero["Z1"]).max()))
    verdict = ("true when the biases are equal too (they start at 0)" if n["spread"] == 0 and n["zero_max"] == 0
               else "false")
    return verdict, [f"constant 0.5: the 8 rows of Z1 differ by {n['spread']} on 200 inputs; all zeros: "
                     f"largest |Z1| = {n['zero_max']}"], n


def a1_2():
    runs = {H: symmetry_run(scheme="constant", scale=0.5, hidden=H) for H in (2, 32)}
    n = {f"distinct_{H}": distinct_units(unit_params(r.net.params)) for H, r in runs.items()}
    n.update({f"switches_{H}": forward_backward.label_switches(r.net) for H, r in runs.items()})
    split = instability.split_times()
    n["exact_never"] = bool(np.all(split.learned_at[split.labels.index("ε = 0 (exact)")] < 0))
    verdict = "true" if n["distinct_32"] == 1 and n["switches_32"] <= 1 and n["exact_never"] else "false"
    return verdict, [f"constant start, 32 hidden units: {n['distinct_32']} distinct unit, the label switches "
                     f"{n['switches_32']} time along the unit's input (one straight line, like 2 units: "
                     f"{n['switches_2']}); ε = 0 never learns"], n


def a1_3():
    split = instability.split_times()
    row = {label: i for i, label in enumerate(split.labels)}
    n = dict(similar_split=bool(np.all(split.split_at[row["ε = 1e-15"]] > 0)),
             identical_never=bool(np.all(split.split_at[row["ε = 0 (exact)"]] < 0)))
    verdict = ("true: units that are only similar (correlated) split apart; only identical units stay "
               "together" if n["similar_split"] and n["identical_never"] else "false")
    return verdict, [f"units 1e-15 apart split: {n['similar_split']}; identical units never split: "
                     f"{n['identical_never']}"], n


def a1_4():
    summaries = {(init, p): [dropout.dropout_summary(dropout.dropout_run(p, init, seed)) for seed in range(3)]
                 for init, p in (("constant", 0.2), ("he_normal", 0.0))}
    constant, he = summaries[("constant", 0.2)], summaries[("he_normal", 0.0)]
    n = dict(all_split=all(r["distinct"] == r["hidden"] for r in constant),
             slowdown=min(c["to95"] / h["to95"] for c, h in zip(constant, he)))
    verdict = ("true: dropout does split a constant start, but slowly — random init is still needed"
               if n["all_split"] and n["slowdown"] > 3 else "false")
    return verdict, [f"constant start + dropout 0.2, 3 seeds: all units distinct at the end: {n['all_split']}; "
                     f"at least {math.floor(n['slowdown'])} times as many epochs to 95% as he_normal (notebook 04)"], n


def a1_5():
    X, Y = circles()
    net = MLP([2, 8, 1], "tanh", "constant", 0.5, 0)
    _, cache = net.forward(X)
    dW1 = net.backward(cache, Y)["dW1"]
    n = dict(spread=row_spread(dW1), largest=float(np.abs(dW1).max()))
    return ("answered: backprop keeps the symmetry — identical units get identical rows of dW1",
            [f"constant start: rows of dW1 differ by {n['spread']}, its largest entry is {n['largest']:.3f}"], n)


# ------------------------------------------------------------------ answer 2
def a2_1():
    bumpy = restarts.bumpy_restarts()
    n = dict(global_fraction=bumpy.global_fraction, minima=len(bumpy.minima))
    return ("false as an explanation of symmetry: it describes random restarts on a bumpy loss, which "
            "have nothing to do with identical units",
            [f"a 1-D loss (one weight, no units to be symmetric): {n['minima']} minima, "
             f"{n['global_fraction']:.0%} of 200 random starts reach the lowest (notebook 08)"], n)


def a2_2():
    sweep = scale.scale_sweep("tanh", scales=(1.0, 31.62))
    entropy = {s: 0.5 * math.log(2 * math.pi * math.e * s ** 2) for s in (1.0, 31.62)}
    n = dict(entropy=entropy, saturated=float(sweep["saturated"][1]), buckets=[
        scale.epoch_bucket(e, 500) for e in sweep["epochs_to_learn"]])
    verdict = ("false: the start's entropy can be measured (½ ln(2πeσ²) nats per weight), and a higher-entropy "
               "start learns worse; random starts carry no information about where the minima are")
    return verdict, [f"tanh 2-32-1, weights N(0, σ²): σ = 1: {entropy[1.0]:.2f} nats per weight, 90% accuracy "
                     f"within {n['buckets'][0][2:]} epochs; σ = 31.62: {entropy[31.62]:.2f} nats, "
                     f"{n['saturated']:.0%} of units saturated, within {n['buckets'][1][2:]} (notebook 06)"], n


def a2_3():
    rates = {H: xor(H).success_rate for H in (4, 8, 16)}
    n = dict(rates=rates)
    verdict = "true: most nets are trained from one random start, and a wide enough net needs no more" \
        if min(rates.values()) == 1.0 else "false"
    return verdict, ["XOR from one random start, 200 seeds: " + ", ".join(
        f"{H} hidden units {r:.0%} succeed" for H, r in rates.items())], n


def a2_4():
    X, Y = convex.convex_data()
    zero = logistic_regression(X, Y, lr=1.0, epochs=3000)
    distances = []
    for seed in (1, 2, 3):
        w0, b0 = convex.random_start(3.0, seed)
        fit = logistic_regression(X, Y, w0, b0, lr=1.0, epochs=3000)
        distances.append(max(np.abs(fit.W - zero.W).max(), np.abs(fit.b - zero.b).max()))
    nets = [convex.moons_net(seed=s)[1].final_loss for s in (1, 2, 3)]
    n = dict(convex_distance=float(max(distances)), hidden_losses=nets,
             rank=int(np.linalg.matrix_rank(np.vstack([X, np.ones(X.shape[1])]))))
    verdict = ("true only if the loss is strictly convex (no line separates the data, full-rank inputs); "
               "and 'randomness is ideal' means difference between units, not luck")
    return verdict, [f"logistic regression from zeros and 3 random starts ends {small(n['convex_distance'])} apart "
                     f"(inputs of rank {n['rank']}); a hidden layer from 3 seeds ends at losses "
                     + ", ".join(f"{v:.3f}" for v in nets) + " (notebook 05)"], n


def a2_5():
    constant, he = symmetry_run(scheme="constant", scale=0.5), symmetry_run(scheme="he_normal", scale=1.0)
    n = dict(constant_distinct=distinct_units(unit_params(constant.net.params)), constant_to95=epochs_to(constant.history),
             he_to95=epochs_to(he.history))
    verdict = "true: this is the symmetry picture — units are the friends" if n["constant_to95"] is None else "false"
    return verdict, [f"same spot (constant): {n['constant_distinct']} distinct unit, never 95% in 200 steps; "
                     f"different spots (he_normal): 95% at epoch {n['he_to95']}"], n


# ------------------------------------------------------------------ answer 3
def a3_1():
    xor2 = xor(2)
    best3 = restarts.best_of_k(xor2.final_loss, xor2.solved, 3)[0]
    n = dict(single=xor2.success_rate, best3=best3)
    verdict = "true for narrow nets: one start often fails, a few restarts rarely do" if n["single"] < 0.9 < best3 \
        else "false"
    return verdict, [f"XOR with 2 hidden units: one start succeeds {n['single']:.0%} of the time, "
                     f"the best of 3 {best3:.0%} (notebook 08)"], n


def a3_2():
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs
    from sklearn.svm import SVC

    X, labels = make_blobs(300, centers=6, cluster_std=1.5, random_state=0)
    inertias = {round(KMeans(6, n_init=1, init="random", random_state=s).fit(X).inertia_, 6) for s in range(10)}
    Xs, ys = make_dataset("moons", 200, 0.2, 0)
    coefs = []
    for s in range(3):
        order = np.random.default_rng(s).permutation(200)
        coefs.append(SVC(kernel="linear", tol=1e-10).fit(Xs.T[order], ys[0][order]).coef_[0])
    n = dict(kmeans_solutions=len(inertias), svm_spread=float(np.max(np.ptp(coefs, axis=0))))
    verdict = "true" if n["kmeans_solutions"] > 1 and n["svm_spread"] < 1e-6 else "false"
    return verdict, [f"k-means (6 clusters) from 10 random starts: {n['kmeans_solutions']} different solutions; "
                     f"a linear SVM (convex) from 3 orders of the data: the same weights to 1e-6: "
                     f"{n['svm_spread'] < 1e-6}"], n


def a3_3():
    xor2 = xor(2)
    measured = {k: restarts.best_of_k(xor2.final_loss, xor2.solved, k)[0] for k in (1, 5)}
    n = dict(measured=measured)
    verdict = "true: no guarantee, but more starts help" if measured[1] < 1 and measured[5] > measured[1] else "false"
    return verdict, [f"XOR, 2 hidden units: best of 1 solves {measured[1]:.0%}, best of 5 {measured[5]:.0%}"], n


def a3_4():
    rates = {H: xor(H).success_rate for H in (8, 16)}
    n = dict(rates=rates)
    verdict = "true: wide nets reach a good solution from a single start" if min(rates.values()) == 1 else "false"
    return verdict, ["one start, no restart: " + ", ".join(f"{H} hidden units solve XOR from {r:.0%} of 200 seeds"
                                                          for H, r in rates.items())], n


# ------------------------------------------------------------------ answer 4
def a4_1():
    run = symmetry_run(scheme="zeros", scale=0.0, activation="sigmoid", hidden=8, dataset="xor")
    constant = symmetry_run(scheme="constant", scale=0.5, hidden=8)
    n = dict(zeros_distinct=distinct_units(unit_params(run.net.params)),
             constant_distinct=distinct_units(unit_params(constant.net.params)))
    verdict = "true (in exact arithmetic, which symlab keeps)" if n["constant_distinct"] == 1 else "false"
    return verdict, [f"after training: all zeros {n['zeros_distinct']} distinct unit, constant 0.5 "
                     f"{n['constant_distinct']} distinct unit of 8"], n


# ------------------------------------------------------------------ answer 5
def a5_1():
    out = {a: zeros.zero_init_outcome(a, "unbalanced") for a in ("tanh", "relu", "sigmoid")}
    n = {a: (o.final_loss, o.entropy) for a, o in out.items()}
    sigmoid_beats = out["sigmoid"].final_loss < out["sigmoid"].entropy - 0.01
    verdict = ("true only for tanh and ReLU units: an all-zero sigmoid net learns a little (identical units), "
               "and beats chance on unbalanced labels" if sigmoid_beats else "true")
    return verdict, ["all zeros, unbalanced labels, 3000 steps: " + ", ".join(
        f"{a} loss {loss:.3f} (chance {chance:.3f})" for a, (loss, chance) in n.items()) + " (notebook 03)"], n


def a5_2():
    run = zeros.start_run("constant", bias_scale=0.5)
    summary = zeros.start_summary(run)
    n = dict(distinct=summary["distinct"], accuracy=summary["accuracy"])
    verdict = "true, counting biases as weights: distinct biases alone make units different" \
        if n["distinct"] == 8 else "false"
    return verdict, [f"constant 0.5 weights with biases N(0, 0.5²): {n['distinct']} distinct units of 8, "
                     f"{n['accuracy']:.1%} (notebook 03)"], n


def a5_3():
    X, Y = circles()
    results = {}
    for name, init in (("constant 0.1", "constant"), ("0.1 · randn", "normal")):
        net = MLP([2, 8, 1], "tanh", init, 0.1, seed=0)
        history = train(net, X, Y, epochs=2000, lr=1.5)
        results[name] = (distinct_units(unit_params(net.params)), history.final_accuracy)
    n = dict(results=results)
    verdict = ("false as stated: 'non-zero' is not what breaks the symmetry, 'different' is — random weights of "
               "size 0.1 learn, a constant 0.1 keeps identical units"
               if results["constant 0.1"][0] == 1 and results["0.1 · randn"][1] > 0.95 else "true")
    shown = {k: f"{d} distinct unit{'s' * (d > 1)}, " + ("at least 95% right" if a >= 0.95 else f"{a:.0%} right")
             for k, (d, a) in results.items()}  # the random run's exact accuracy varies between machines
    return verdict, ["2-8-1 tanh, 2000 steps: " + "; ".join(f"{k}: {v}" for k, v in shown.items())], n


def a5_4():
    a = restarts.failure_anatomy()
    xor2 = xor(2)
    best3 = restarts.best_of_k(xor2.final_loss, xor2.solved, 3)[0]
    half = math.log(2) / 2
    n = dict(failed=len(a.seeds), gap=float(np.median(a.loss[:, -1] - half)), best3=best3)
    verdict = "true for narrow nets: a bad start converges early to a poor solution; restarts fix it"
    return verdict, [f"XOR, 2 hidden units: {n['failed']} of 200 starts fail and slide towards a loss of (ln 2)/2 "
                     f"(within 0.001 after 10,000 steps: {n['gap'] < 1e-3}); the best of 3 solves {best3:.0%} "
                     "(notebook 08)"], n


def a5_5():
    rng = np.random.default_rng(0)
    fan_in = 500
    W = initialize("he_normal", (500, fan_in), 1.0, rng)
    x = rng.standard_normal((fan_in, 1000))
    A = x
    for _ in range(10):  # ten ReLU layers of He weights
        A = np.maximum(0.0, initialize("he_normal", (500, 500), 1.0, rng) @ A)
    n = dict(ratio=float(W.std() / math.sqrt(2 / fan_in)), rms10=float(np.sqrt(np.mean(A ** 2))))
    verdict = ("true: He's init is randn · sqrt(2 / fan_in) — still random, only scaled; it replaced the "
               "unscaled randn, not randomness" if abs(n["ratio"] - 1) < 0.01 else "false")
    return verdict, [f"std of initialize('he_normal', (500, 500)) / sqrt(2/500) = {n['ratio']:.3f}; after 10 ReLU "
                     f"layers the signal's RMS is {n['rms10']:.1f} (started at 1)"], n


def a5_6():
    xor2 = xor(2)
    constant = symmetry_run(scheme="constant", scale=0.5)
    n = dict(single=xor2.success_rate, symmetric_distinct=distinct_units(unit_params(constant.net.params)))
    verdict = "partly true: (2) yes; (1) and (3) only with restarts, and with no guarantee of the global optimum"
    return verdict, [f"(2) a constant start keeps {n['symmetric_distinct']} distinct unit, random ones split; "
                     f"(1, 3) one random XOR start still fails {1 - n['single']:.0%} of the time"], n


# ------------------------------------------------------------------ answer 6
def a6_1():
    runs = {s: scale.scale_run(s, "tanh") for s in (1.0, 31.62)}
    relu = scale.scale_run(31.62, "relu")
    n = dict(saturated=runs[31.62].saturated, slope=float(runs[31.62].slopes.mean()),
             buckets={s: scale.epoch_bucket(r.epochs_to_learn, 500) for s, r in runs.items()},
             relu_saturated=relu.saturated)
    verdict = "true for tanh and sigmoid; ReLU units never saturate" if n["relu_saturated"] == 0 else "true"
    return verdict, [f"tanh at scale 31.62: {n['saturated']:.0%} saturated, mean slope {n['slope']:.2f}, "
                     f"90% within {n['buckets'][31.62][2:]} epochs, against {n['buckets'][1.0][2:]} at scale 1; "
                     f"ReLU at 31.62: {n['relu_saturated']:.0%} saturated (notebook 06)"], n


def a6_2():
    small_run = scale.scale_run(0.01, "tanh")
    X, _ = make_dataset("circles", 64, 0.1, 0)
    net = MLP([2] + [16] * 30 + [1], "relu", "normal", 0.01, seed=0)
    _, cache = net.forward(X)
    n = dict(shallow_never=small_run.epochs_to_learn is None, deep_std=float(cache["A30"].std()))
    verdict = ("false: ×0.01 is too small — a cold start in a shallow tanh net, a vanished signal in a deep "
               "one; scale by the fan-in instead" if n["shallow_never"] and n["deep_std"] < 1e-40 else "true")
    return verdict, [f"tanh 2-32-1 at 0.01: never 90% in 500 steps: {n['shallow_never']}; 30 ReLU layers at 0.01: "
                     f"the last layer's std is {n['deep_std']:.0e} (notebooks 06, 07)"], n


# ------------------------------------------------------------------ answer 7
def a7_1():
    from ..linear import make_separable

    X, Y = make_separable()
    _, passes = perceptron(X, Y, seed=0)
    n = dict(passes=passes)
    return "true: from zero, on separable data" if passes else "false", [
        f"the perceptron from w = 0 on separable data: a pass without mistakes at pass {passes} (notebook 05)"], n


def a7_2():
    constant, he = symmetry_run(scheme="constant", scale=0.5), symmetry_run(scheme="he_normal", scale=1.0)
    n = dict(constant_rank=int(np.linalg.matrix_rank(constant.net.params["W1"])),
             he_rank=int(np.linalg.matrix_rank(he.net.params["W1"])))
    verdict = ("true only for non-convex losses: a symmetric start stays in one direction (W1 of rank 1), a random "
               "one uses all; a convex loss has no bad local optimum")
    return verdict, [f"after 200 steps, rank of W1: constant start {n['constant_rank']}, he_normal "
                     f"{n['he_rank']}"], n


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
    rises = losses["W + dW"][1] > 10 * start
    falls = losses["W − lr·dW, lr 0.5"][1] < start - 0.05
    overshoots = not losses["W − lr·dW, lr 200"][1] < start
    verdict = ("false as written: adding the gradient climbs; the step is W − lr·dW, and the rate matters "
               "(equal weights do stay equal either way)" if rises and falls and overshoots else "true")
    return verdict, [f"50 steps from he_normal (loss {start:.3f}): W + dW ends above 10 times the start: {rises}; "
                     f"W − 0.5·dW ends lower: {falls}; W − 200·dW ends no lower: {overshoots}"], n


def a7_4():
    X, Y = circles()
    net = MLP([2, 8, 1], "tanh", "he_normal", 1.0, seed=0)
    _, cache = net.forward(X)
    spread = row_spread(net.backward(cache, Y)["dW1"])
    accuracy = [symmetry_run(scheme="he_normal", scale=1.0, seed=s).history.final_accuracy for s in range(3)]
    n = dict(spread=spread, accuracy=accuracy)
    verdict = "true" if spread > 0 and min(accuracy) > 0.95 else "false"
    return verdict, [f"he_normal: rows of dW1 differ by {spread:.2f} on the first step; 3 seeds end at "
                     + ", ".join(f"{a:.1%}" for a in accuracy)], n


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
    start = zeros.start_summary(zeros.start_run("zero_W2"))
    n = dict(written_shape=as_written.shape, right_error=float(np.abs(right - numeric).max()),
             step0=start["dW1_step0"], step1=start["dW1_step1"], accuracy=start["accuracy"])
    verdict = ("false: the formula needs A1ᵀ, and W2 = 0 blocks dW1 on the first step only — unless W1 is 0 too"
               if n["written_shape"] != numeric.shape and n["step0"] == 0 < n["step1"] else "true")
    return verdict, [f"dZ2 A2ᵀ has shape {n['written_shape']}, dW2 has {numeric.shape}; dZ2 A1ᵀ / m matches finite "
                     f"differences to 1e-8: {n['right_error'] < 1e-8}",
                     f"random W1, W2 = 0: largest |dW1| {n['step0']} on step 0, {n['step1']:.1e} on step 1, "
                     f"{n['accuracy']:.1%} after 300 steps (notebook 03)"], n


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
             softmax_constant=lines[0]["accuracy"], softmax_regression=soft_accuracy,
             switches=lines[0]["switches"])
    verdict = ("true only with one sigmoid output (one line, like logistic regression); with a K-class softmax "
               "output it draws up to K − 1 parallel lines — less than softmax regression")
    return verdict, [f"circles: constant 2-8-1 net {n['constant_accuracy']:.1%}, logistic regression "
                     f"{n['logistic_accuracy']:.1%}; three blobs: constant net with softmax {n['softmax_constant']:.1%} "
                     f"({n['switches']} parallel lines), softmax regression {n['softmax_regression']:.1%}"], n
