"""Notebook 05: when the start does not matter (convex models), and why a hidden layer is different.

* :func:`convex_starts`, :func:`softmax_mirror`, :func:`perceptron_starts` — from any start a
  convex model reaches the same weights, or an equally good line;
* :func:`hidden_layer_starts`, :func:`hidden_segment`, :func:`symmetric_average` — a hidden
  layer's loss is not convex, and its start decides which units exist.

The figures are in :mod:`symlab.lab.convex_figures`.
"""

from functools import lru_cache

import numpy as np

from ..activations import sigmoid
from ..checks import check_choice, check_int, check_scale
from ..data import make_dataset, one_hot
from ..linear import logistic_newton, logistic_regression, make_separable, perceptron, softmax_regression
from ..metrics import distinct_units, label_entropy, unit_params
from ..init import as_rng
from ..mlp import MLP, softmax
from ..train import train
from .forward_backward import grid_points
from .runs import small


def convex_data():
    """The data of notebook 05: 200 moons points with noise 0.2 (seed 0); no line separates them."""
    return make_dataset("moons", 200, 0.2, 0)


def random_start(scale=3.0, seed=1, n_x=2):
    """A random logistic-regression start: ``w0`` (1, n_x) and ``b0`` (1, 1), entries N(0, scale²)."""
    rng = as_rng(check_int("seed", seed, 0), "seed")
    scale = check_scale("scale", scale)
    w0 = scale * rng.standard_normal((1, n_x))
    return w0, scale * rng.standard_normal((1, 1))


@lru_cache(maxsize=32)
def logistic_from(start_scale, seed, lr=1.0, epochs=3000):
    """Logistic regression on :func:`convex_data` from zeros (``start_scale=0``) or a :func:`random_start`."""
    X, Y = convex_data()
    w0, b0 = (None, None) if start_scale == 0 else random_start(start_scale, seed)
    return logistic_regression(X, Y, w0, b0, lr=lr, epochs=epochs)


def convex_starts(seeds=range(1, 6), scale=3.0, lr=1.0, epochs=3000):
    """Logistic regression from zeros and from random starts: do they reach the same weights?

    Returns a dict: ``optimum`` (Newton's ``[w | b]``, shape (3,)); ``zero`` and
    ``random`` (final ``[w | b]`` from zeros and per seed); ``distance_start``,
    ``distance_end`` (largest ``|θ_random − θ_zero|`` entry at the start and after
    ``epochs``, per seed); ``to_optimum`` (largest distance of any final θ from
    Newton's); ``losses`` (final loss from zeros, then per seed, nats);
    ``accuracy`` (training accuracy of the minimum). Prints a table.
    """
    X, Y = convex_data()
    w, b = logistic_newton(X, Y)
    optimum = np.hstack([w, b]).ravel()
    zero = logistic_from(0.0, 0, lr, epochs)
    fits = [logistic_from(float(scale), seed, lr, epochs) for seed in seeds]
    finals = np.array([f.theta for f in fits])
    result = dict(optimum=optimum, zero=zero.theta, random=finals,
                  distance_start=np.array([np.abs(f.path[0] - zero.path[0]).max() for f in fits]),
                  distance_end=np.abs(finals - zero.theta).max(axis=1),
                  to_optimum=float(np.abs(np.vstack([finals, zero.theta]) - optimum).max()),
                  losses=np.array([zero.loss[-1]] + [f.loss[-1] for f in fits]),
                  accuracy=float(np.mean(((w @ X + b) > 0) == (Y > 0.5))))
    w1, w2, b0 = optimum
    print(f"minimum by Newton's method: w = [{w1:.6f}, {w2:.6f}], b = {b0:.6f}, loss {result['losses'][0]:.6f} "
          f"nats, training accuracy {result['accuracy']:.1%}")
    print(f"{'start':<22} {'max |θ − θ_zero| at the start':>29}  {f'after {epochs} steps':>17}  {'final loss':>10}")
    print(f"{'zeros':<22} {0.0:>29.2f}  {'0':>17}  {zero.loss[-1]:>10.6f}")
    for seed, fit, d0, d1 in zip(seeds, fits, result["distance_start"], result["distance_end"]):
        print(f"{f'N(0, {scale:g}²), seed {seed}':<22} {d0:>29.2f}  {small(d1):>17}  {fit.loss[-1]:>10.6f}")
    print(f"largest distance of any final θ from Newton's minimum: {small(result['to_optimum'])}")
    return result


@lru_cache(maxsize=16)
def moons_net(init="he_normal", seed=1, hidden=8, epochs=2000, lr=1.0):
    """A ``[2, hidden, 1]`` tanh net trained on :func:`convex_data` (cached; treat as read-only).

    ``init`` is ``"zeros"`` or ``"he_normal"``. Returns ``(net, history)``.
    """
    check_choice("init", init, ("zeros", "he_normal"))
    X, Y = convex_data()
    net = MLP([2, hidden, 1], "tanh", init, 1.0, check_int("seed", seed, 0))
    return net, train(net, X, Y, epochs=epochs, lr=lr)


def hidden_layer_starts(seeds=range(1, 6), **settings):
    """The same moons data with one tanh hidden layer: final loss from zeros and from He starts.

    ``settings`` go to :func:`moons_net`. Returns a dict: ``zero_loss`` and
    ``zero_distinct`` (the all-zero start), ``losses`` and ``distinct`` (per seed).
    The loss is not convex: different starts end at different losses.
    """
    zero, _ = moons_net("zeros", 0, **settings)
    nets = [moons_net("he_normal", seed, **settings)[0] for seed in seeds]
    X, Y = convex_data()
    result = dict(zero_loss=zero.loss(X, Y), zero_distinct=distinct_units(unit_params(zero.params)),
                  losses=np.array([net.loss(X, Y) for net in nets]),
                  distinct=[distinct_units(unit_params(net.params)) for net in nets],
                  accuracy=[net.accuracy(X, Y) for net in nets])
    H = zero.layer_sizes[1]
    print(f"{'start':<20} {'final loss':>10}  {'distinct units':>14}  {'accuracy':>8}")
    print(f"{'zeros':<20} {result['zero_loss']:>10.3f}  {result['zero_distinct']:>7} of {H:<4}  "
          f"{zero.accuracy(X, Y):>8.1%}")
    for seed, loss, k, acc in zip(seeds, result["losses"], result["distinct"], result["accuracy"]):
        print(f"{f'He random, seed {seed}':<20} {loss:>10.3f}  {k:>7} of {H:<4}  {acc:>8.1%}")
    return result


def swap_units(net, i=0, j=1):
    """A copy of ``net`` with hidden units ``i`` and ``j`` exchanged (rows of W1, b1; columns of W2).

    It computes exactly the same function: the same loss, at a different point.
    """
    H = net.layer_sizes[1]
    order = np.arange(H)
    order[[check_int("i", i, 0, H - 1), check_int("j", j, 0, H - 1)]] = [j, i]
    twin = net.copy()
    twin.params["W1"] = net.params["W1"][order]
    twin.params["b1"] = net.params["b1"][order]
    twin.params["W2"] = net.params["W2"][:, order]
    return twin


def hidden_segment(net, steps=41):
    """The loss along the straight line from a trained net to its :func:`swap_units` copy.

    Both ends compute the same function, so they have the same loss. At the
    midpoint units 0 and 1 are identical. For a convex loss every point between
    two minima is at least as good; here the middle is worse.
    Returns ``(t, losses)``: ``steps`` points t in [0, 1] and the loss (nats) at
    ``(1 − t) θ + t θ_swapped`` on :func:`convex_data`.
    """
    X, Y = convex_data()
    other = swap_units(net)
    t = np.linspace(0, 1, check_int("steps", steps, 3))
    losses = []
    for s in t:
        point = net.copy()
        point.params = {k: (1 - s) * net.params[k] + s * other.params[k] for k in net.params}
        losses.append(point.loss(X, Y))
    return t, np.array(losses)


def logistic_segment(seeds=(1, 2), scale=3.0, steps=41):
    """The logistic-regression loss along the straight line between two random starts.

    Returns ``(t, losses, chord)``: the loss (nats) at ``steps`` points and the
    straight line between the two end values. A convex loss never rises above the
    chord.
    """
    X, Y = convex_data()
    (wa, ba), (wb, bb) = random_start(scale, seeds[0]), random_start(scale, seeds[1])
    t = np.linspace(0, 1, check_int("steps", steps, 3))
    losses = np.array([logistic_regression(X, Y, (1 - s) * wa + s * wb, (1 - s) * ba + s * bb, epochs=1).loss[0]
                       for s in t])
    return t, losses, (1 - t) * losses[0] + t * losses[-1]


def symmetric_average(net):
    """The average of ``net`` over all H cyclic shifts of its hidden units: every unit identical.

    Returns ``(averaged_net, loss)`` on :func:`convex_data`.
    """
    H = net.layer_sizes[1]
    average = net.copy()
    rolled = [np.roll(np.arange(H), k) for k in range(H)]
    average.params = dict(net.params)
    average.params["W1"] = np.mean([net.params["W1"][r] for r in rolled], axis=0)
    average.params["b1"] = np.mean([net.params["b1"][r] for r in rolled], axis=0)
    average.params["W2"] = np.mean([net.params["W2"][:, r] for r in rolled], axis=0)
    X, Y = convex_data()
    return average, average.loss(X, Y)


def softmax_mirror(lr=0.5, epochs=3000, scale=1.0, seed=1):
    """Two-class softmax regression on :func:`convex_data`, from zeros and from a random start.

    Returns a dict with ``zero`` and ``random`` (the :class:`~symlab.linear.LinearFit`\\ s),
    ``mirror_gap`` (largest ``|W[0] + W[1]|`` entry over the whole zero-start path,
    biases included: 0 = mirror images), ``logistic_gap`` (largest difference between
    the zero start's ``W[1] − W[0]`` and logistic regression run with learning rate
    ``2·lr``, over the path), ``sum_drift`` (how far ``W[0] + W[1]`` of the random
    start moved from its start: 0 = conserved) and ``prediction_gap`` (largest
    difference of the two fits' class-1 probabilities on the data).
    """

    X, Y = convex_data()
    Y2 = one_hot(Y[0].astype(int), 2)
    zero = softmax_regression(X, Y2, lr=lr, epochs=epochs)
    rng = as_rng(check_int("seed", seed, 0), "seed")
    W0 = check_scale("scale", scale) * rng.standard_normal((2, 2))
    b0 = scale * rng.standard_normal((2, 1))
    rand = softmax_regression(X, Y2, W0, b0, lr=lr, epochs=epochs)
    logistic = logistic_regression(X, Y, lr=2 * lr, epochs=epochs)
    difference = zero.path[:, 1] - zero.path[:, 0]             # (epochs + 1, 3)
    sums = rand.path.sum(axis=1)                                # (epochs + 1, 3)
    p_zero = softmax(zero.W @ X + zero.b)[1]
    p_rand = softmax(rand.W @ X + rand.b)[1]
    r = dict(zero=zero, random=rand, mirror_gap=float(np.abs(zero.path.sum(axis=1)).max()),
             logistic_gap=float(np.abs(difference - logistic.path[:, 0]).max()),
             sum_drift=float(np.abs(sums - sums[0]).max()),
             prediction_gap=float(np.abs(p_zero - p_rand).max()), chance=label_entropy(Y))
    print(f"from zeros, after {epochs} steps: [W | b] =\n{np.round(np.hstack([zero.W, zero.b]), 6)}")
    print(f"largest |W[0] + W[1]| over all {epochs} steps (0 = mirror images): {small(r['mirror_gap'])}")
    print(f"largest difference between W[1] − W[0] and logistic regression at lr {2 * lr:g}: "
          f"{small(r['logistic_gap'])}")
    print(f"from a random start: [W | b] =\n{np.round(np.hstack([rand.W, rand.b]), 6)}")
    print(f"how far W[0] + W[1] moved from its random start: {small(r['sum_drift'])}")
    print(f"largest difference in predicted probability, zero start vs random start: {small(r['prediction_gap'])}")
    return r


def perceptron_starts(seeds=range(1, 6), scale=3.0, m=100):
    """The perceptron on :func:`symlab.linear.make_separable` data, from zero and random starts.

    Returns a dict: ``zero`` (the fit from zero) and ``zero_epochs`` (passes until a
    mistake-free pass); ``zero_small_lr_same`` (True if the run with ``lr=0.01``
    makes the same predictions on a grid: from zero the step size only rescales);
    ``random_epochs`` (per seed); ``angles`` (degrees between each random start's
    final ``w`` and the zero start's: different, equally correct lines);
    ``random_mistakes`` (final mistakes per seed, all 0).
    """

    X, Y = make_separable(m, seed=0)
    zero, zero_epochs = perceptron(X, Y, seed=0)
    small, _ = perceptron(X, Y, lr=0.01, seed=0)
    grid = grid_points(3.0, 60)
    same = bool(np.array_equal(zero.W @ grid + zero.b > 0, small.W @ grid + small.b > 0))
    epochs, angles, mistakes = [], [], []
    for seed in seeds:
        w0, b0 = random_start(scale, seed)
        fit, converged = perceptron(X, Y, w0, b0, seed=0)
        epochs.append(converged)
        mistakes.append(int(fit.loss[-1]))
        cos = float(fit.W[0] @ zero.W[0] / (np.linalg.norm(fit.W) * np.linalg.norm(zero.W)))
        angles.append(float(np.degrees(np.arccos(np.clip(cos, -1, 1)))))
    r = dict(zero=zero, zero_epochs=zero_epochs, zero_small_lr_same=same, random_epochs=epochs,
             angles=np.array(angles), random_mistakes=mistakes, X=X, Y=Y, zero_mistakes=zero.loss.astype(int))
    print(f"from zero: misclassified points after each pass {[int(k) for k in r['zero_mistakes']]}; "
          f"a pass without mistakes at pass {zero_epochs}")
    print(f"from zero with lr = 0.01 instead of 1: the same predictions everywhere: {same}")
    print(f"{'start':<20} {'passes':>6}  {'final mistakes':>14}  {'angle to the zero-start line':>28}")
    for seed, n, k, angle in zip(seeds, epochs, mistakes, angles):
        print(f"{f'N(0, {scale:g}²), seed {seed}':<20} {n:>6}  {k:>14}  {angle:>26.1f} °")
    return r


def _logistic_many(starts, X, Y, lr, epochs):
    """Logistic regression by gradient descent from every row of ``starts`` (S, n_x + 1) at once.

    The steps of :func:`symlab.logistic_regression` (``w -= lr (1/m) dZ Xᵀ``,
    ``b -= lr mean(dZ)``), batched over starts; returns the final ``[w | b]`` (S, n_x + 1).
    """
    m = X.shape[1]
    W, b = starts[:, None, :-1].copy(), starts[:, None, -1:].copy()   # (S, 1, n_x), (S, 1, 1)
    for _ in range(epochs):
        dZ = sigmoid(W @ X + b) - Y                                     # (S, 1, m)
        W = W - lr * (dZ @ X.T) / m
        b = b - lr * np.sum(dZ, axis=2, keepdims=True) / m
    return np.concatenate([W, b], axis=2)[:, 0, :]


@lru_cache(maxsize=4)
def far_starts(scales=(3.0, 10.0, 30.0), seeds=tuple(range(1, 21)), lr=1.0, epochs=(3000, 10000), within=1e-9):
    """Logistic regression from random starts farther out: same minimum, but how many steps to get there?

    For each scale, :func:`random_start` with each seed, trained on :func:`convex_data`
    for each number of ``epochs``; counts the starts whose final ``[w | b]`` is within
    ``within`` (largest entry) of Newton's minimum, and the largest distance. The bound
    is far above rounding (1e-12 here), so the counts are the same on every CPU.
    Prints a table; returns a dict ``scale`` (K,), ``epochs`` (E,), ``within`` (K, E)
    counts and ``largest`` (K, E) distances.
    """
    X, Y = convex_data()
    w, b = logistic_newton(X, Y)
    optimum = np.hstack([w, b]).ravel()
    starts = np.array([np.hstack(random_start(s, seed)).ravel() for s in scales for seed in seeds])
    distances = []
    done, theta = 0, starts
    for e in epochs:                                   # continue each run: 3000 steps, then on to 10000
        theta = _logistic_many(theta, X, Y, lr, e - done)
        done = e
        distances.append(np.abs(theta - optimum).max(axis=1).reshape(len(scales), len(seeds)))
    distances = np.stack(distances, axis=2)            # (K, seeds, E)
    result = dict(scale=np.array(scales), epochs=np.array(epochs), within=np.sum(distances < within, axis=1),
                  largest=distances.max(axis=1))
    K = len(seeds)
    print(f"{'':<12} " + "  ".join(f"{f'after {e} steps':^27}" for e in epochs))
    print(f"{'start':<12} " + "  ".join(f"{f'within {within:.0e}':>13} {'farthest':>13}" for e in epochs))
    for i, s in enumerate(scales):
        counts = [f"{result['within'][i, j]}/{K}" for j in range(len(epochs))]
        print(f"{f'N(0, {s:g}²)':<12} " + "  ".join(
            f"{counts[j]:>13} {small(result['largest'][i, j], within):>13}" for j in range(len(epochs))))
    return result
