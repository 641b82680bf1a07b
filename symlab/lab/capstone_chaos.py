"""Notebook 09, section 3: the ``normal × 10`` row — why the textbook loss prints ``inf``, and why
copies of the assignment print different costs later (a chaotic training path).

:func:`explain_random_costs` prints what holds on every machine; :func:`random_costs_here` this
machine's digits; :func:`assignment_code_run` is the assignment's own arithmetic transcribed (its
sigmoid ``1 / (1 + exp(−z))``, its loss, ``dz3 = (a3 − Y) / m``), to show where printed costs can
differ.
"""

from functools import lru_cache

import numpy as np

from ..checks import check_choice, check_int
from ..init import SCHEMES
from ..mlp import MLP
from ..train import train
from ._blas import one_blas_thread
from .capstone import (DLAI_EPOCHS, DLAI_LAYERS, DLAI_LR, PUBLISHED, PUBLISHED_RANDOM_1000,
                       PUBLISHED_RANDOM_1000_COPIES, PUBLISHED_RANDOM_14000, dlai_data, dlai_run, tiny)
from .scale import naive_cross_entropy


def assignment_code_run(init="normal", scale=10.0, iterations=DLAI_EPOCHS, stable_sigmoid=False):
    """The assignment's training loop, transcribed: returns ``(costs, params)``.

    Differs from :func:`symlab.train` only in rounding: the sigmoid is
    ``1 / (1 + exp(−z))`` (``stable_sigmoid=True`` uses symlab's instead), the
    cost is the naive formula, and the output gradient is divided by m before
    the products (``dz3 = (a3 − Y) / m; dW3 = dz3 a2ᵀ``) rather than after. Same
    data and initial weights as :func:`dlai_run` with ``seed="assignment"``.
    ``costs`` has shape (iterations,); no RuntimeWarning is printed.
    """
    from ..activations import sigmoid as stable

    check_choice("init", init, SCHEMES)
    iterations = check_int("iterations", iterations)
    X, Y, _, _ = dlai_data()
    m = X.shape[1]
    p = MLP(list(DLAI_LAYERS), activation="relu", init=init, scale=scale,
            seed=np.random.RandomState(3)).params
    p = {k: v.copy() for k, v in p.items()}
    costs = np.empty(iterations)
    with np.errstate(all="ignore"), one_blas_thread():
        for i in range(iterations):
            a1 = np.maximum(0, p["W1"] @ X + p["b1"])
            a2 = np.maximum(0, p["W2"] @ a1 + p["b2"])
            z3 = p["W3"] @ a2 + p["b3"]
            a3 = stable(z3) if stable_sigmoid else 1 / (1 + np.exp(-z3))
            costs[i] = naive_cross_entropy(a3, Y)
            dz3 = 1.0 / m * (a3 - Y)
            grads = {"W3": dz3 @ a2.T, "b3": np.sum(dz3, axis=1, keepdims=True)}
            dz2 = (p["W3"].T @ dz3) * (a2 > 0)
            grads.update(W2=dz2 @ a1.T, b2=np.sum(dz2, axis=1, keepdims=True))
            dz1 = (p["W2"].T @ dz2) * (a1 > 0)
            grads.update(W1=dz1 @ X.T, b1=np.sum(dz1, axis=1, keepdims=True))
            for key in p:
                p[key] = p[key] - DLAI_LR * grads[key]
    return costs, p


@lru_cache(maxsize=4)
def assignment_code_costs(stable_sigmoid=False):
    """Cached :func:`assignment_code_run` for ``randn * 10``: ``(costs, train accuracy, test accuracy)``."""
    costs, params = assignment_code_run("normal", 10.0, stable_sigmoid=stable_sigmoid)
    X, Y, Xt, Yt = dlai_data()
    net = MLP(list(DLAI_LAYERS), activation="relu", init="zeros")
    net.params = params
    return costs, net.accuracy(X, Y), net.accuracy(Xt, Yt)


def explain_random_costs():
    """The ``normal × 10`` row's printed costs, taken apart; returns a dict of the numbers.

    Prints only what is the same on every machine:

    * step 0: the naive formula on the initial weights is inf, symlab's is finite;
    * step 1000: the naive formula on symlab's own weights at step 1000 equals symlab's loss —
      the formula is not what moves the number;
    * the published copies of the assignment disagree with each other from the 3rd decimal;
    * why: a change of 1e-12 in the training data (:func:`sensitivity`) moves this run's cost at
      step 1000 by far more than rounding, while the He run's barely moves — the ``normal × 10``
      path is chaotic, so every machine prints other digits.

    :func:`random_costs_here` prints this machine's digits.
    """
    run = dlai_run("normal", 10.0)
    X, Y, _, _ = dlai_data()
    net = MLP(list(DLAI_LAYERS), activation="relu", init="normal", scale=10.0, seed=np.random.RandomState(3))
    train(net, X, Y, epochs=1000, lr=DLAI_LR)
    AL, _ = net.forward(X)
    naive_1000 = naive_cross_entropy(AL, Y)
    moved = {init: sensitivity(init, scale) for init, scale in (("normal", 10.0), ("he_normal", 1.0))}
    numbers = dict(naive0=run.naive_loss0, symlab0=float(run.history.loss[0]),
                   symlab1000=float(run.history.loss[1000]), naive1000_same_weights=naive_1000,
                   symlab14000=float(run.history.loss[14000]), moved=moved,
                   symlab_accuracy=(run.train_accuracy, run.test_accuracy))
    print(f"step 0:     naive formula {run.naive_loss0}, symlab from logits {numbers['symlab0']:.4f} nats")
    print(f"step 1000:  the naive formula on symlab's weights equals symlab's loss "
          f"(difference {tiny(naive_1000 - numbers['symlab1000'])})")
    print(f"            {len(PUBLISHED_RANDOM_1000_COPIES)} published copies of the assignment print "
          f"{PUBLISHED_RANDOM_1000[0]:.4f} … {PUBLISHED_RANDOM_1000[1]:.4f}")
    print(f"data × (1 + 1e-12): the cost at step 1000 moves by more than 1e-6 for normal × 10: "
          f"{moved['normal'] > 1e-6}; by less than 1e-9 for he_normal: {moved['he_normal'] < 1e-9}")
    print(f"accuracy (train / test) after 15,000 steps: symlab {run.train_accuracy:.0%} / {run.test_accuracy:.0%}, "
          f"published {PUBLISHED[('normal', 10.0)][0]:.0%} / {PUBLISHED[('normal', 10.0)][1]:.0%}")
    return numbers


@lru_cache(maxsize=4)
def sensitivity(init="normal", scale=10.0, steps=1000, jitter=1e-12):
    """How far the assignment's cost at ``steps`` moves when every training input is multiplied by
    ``1 + jitter · u`` (u a fixed ±1 pattern, ``default_rng(0)``): ``|cost' − cost|`` in nats.

    A chaotic training path turns a rounding-sized change into a visible one; a stable path keeps it
    near rounding size. This is what makes two machines print different digits for ``normal × 10``.
    """
    X, Y, _, _ = dlai_data()
    signs = np.random.default_rng(0).choice([-1.0, 1.0], size=X.shape)
    costs = []
    for data in (X, X * (1.0 + jitter * signs)):
        net = MLP(list(DLAI_LAYERS), activation="relu", init=init, scale=scale, seed=np.random.RandomState(3))
        costs.append(train(net, data, Y, epochs=steps, lr=DLAI_LR).final_loss)
    return abs(costs[1] - costs[0])


def random_costs_here():
    """This machine's digits for the ``normal × 10`` run (they differ between machines): symlab's cost at
    steps 1000 and 14000, the assignment's arithmetic transcribed (:func:`assignment_code_run`) with and
    without a stable sigmoid, and the published copies. Returns a dict."""
    run = dlai_run("normal", 10.0)
    code, code_train, code_test = assignment_code_costs(False)
    stable, _, _ = assignment_code_costs(True)
    numbers = dict(symlab1000=float(run.history.loss[1000]), symlab14000=float(run.history.loss[14000]),
                   code1000=float(code[1000]), stable1000=float(stable[1000]), code14000=float(code[14000]),
                   code_accuracy=(code_train, code_test))
    print(f"step 1000:  symlab {numbers['symlab1000']:.6f}, the assignment's code {numbers['code1000']:.6f} "
          f"(with a stable sigmoid {numbers['stable1000']:.6f}), published copies "
          + ", ".join(f"{v:.6f}" for v in PUBLISHED_RANDOM_1000_COPIES))
    print(f"step 14000: symlab {numbers['symlab14000']:.6f}, the assignment's code {numbers['code14000']:.6f}, "
          f"published {PUBLISHED_RANDOM_14000[0]:.6f} … {PUBLISHED_RANDOM_14000[1]:.6f}")
    return numbers
