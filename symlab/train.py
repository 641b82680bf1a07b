"""Gradient descent with a recorded history, so plots can scrub through training.

``train`` runs plain full-batch or mini-batch gradient descent (no momentum, no
weight decay: nothing that could hide what the initialisation does) and returns a
:class:`History`. ``train_many`` trains S nets of one architecture in lockstep, their
weights stacked along a first axis, so that 100+ random restarts of a small net cost
about as much Python work as one; step for step it is ``train`` with full batches.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from .checks import check_int, check_matrix, check_positive, check_probability, check_targets
from .init import as_rng
from .activations import get_activation, sigmoid
from .mlp import accuracy_from_output, cross_entropy, matmul, softmax


@dataclass
class Snapshot:
    """The state of a net at the start of one epoch.

    Attributes
    ----------
    epoch : int
        Updates done so far (0 = the initial weights).
    params : dict
        Copies of ``W{l}``, ``b{l}``.
    grads : dict
        ``dW{l}``, ``db{l}`` of the full-batch loss (no dropout) at these params —
        the step plain full-batch gradient descent takes next.
    hidden : ndarray (n[1], P)
        Outputs ``A1`` of the first hidden layer on the probe inputs (P points).
    """

    epoch: int
    params: dict
    grads: dict
    hidden: np.ndarray


@dataclass
class History:
    """What :func:`train` recorded.

    Attributes
    ----------
    loss : ndarray (epochs_run,)
        ``loss[e]``: mean cross-entropy (nats) on the whole training set with the
        weights at the start of epoch e (before its update), without dropout.
    accuracy : ndarray (epochs_run,)
        Training accuracy (fraction in [0, 1]) at the same moments.
    final_loss, final_accuracy : float
        The same after the last update (``nan`` if the run diverged).
    snapshots : dict int -> Snapshot
        Recorded at the epochs asked for (``epochs`` itself = the trained net).
    diverged_at : int or None
        The epoch whose loss or weights stopped being finite; training stopped
        there, so ``len(loss) == diverged_at``.
    """

    loss: np.ndarray
    accuracy: np.ndarray
    final_loss: float = float("nan")
    final_accuracy: float = float("nan")
    snapshots: dict = field(default_factory=dict)
    diverged_at: int = None

    @property
    def diverged(self):
        """True if the run stopped because the loss or weights became inf/NaN."""
        return self.diverged_at is not None

    def snapshot(self, epoch):
        """The recorded snapshot at ``epoch``, or the latest one before it."""
        recorded = [e for e in self.snapshots if e <= epoch]
        if not recorded:
            raise ValueError(f"epoch={epoch!r}: no snapshot recorded at or before it; "
                             f"recorded epochs: {sorted(self.snapshots)}")
        return self.snapshots[max(recorded)]


def train(net, X, Y, epochs=200, lr=0.5, batch_size=None, dropout=0.0, seed=0,
          record=(), probe=None):
    """Train ``net`` in place by gradient descent on the mean cross-entropy.

    Parameters
    ----------
    net : symlab.MLP
    X : array (n[0], m)
        Training inputs, one example per column.
    Y : array (n[L], m)
        Targets: 0/1 row(s) for a sigmoid output, one-hot columns for softmax.
    epochs : int >= 1
        Passes over the data. Full batch: one update per epoch.
    lr : float > 0
        Learning rate: every step is ``W -= lr * dW``.
    batch_size : int >= 1, optional
        Mini-batch size (examples shuffled each epoch); ``None`` = full batch.
    dropout : float in [0, 1)
        Inverted-dropout probability on every hidden layer during training.
    seed : int or np.random.Generator
        Draws the shuffling order and dropout masks.
    record : iterable of int
        Epochs (0 … epochs) at which to keep a :class:`Snapshot`.
    probe : array (n[0], P), optional
        Inputs on which snapshots record the hidden-unit outputs; default ``X``.

    Returns
    -------
    History
        Loss and accuracy per epoch, snapshots, and ``diverged_at``.
        If the loss or any weight becomes inf/NaN (a learning rate or scale far
        too large), training stops and ``diverged_at`` says at which epoch; no
        RuntimeWarning is printed.

    Raises
    ------
    ValueError
        For X/Y shapes that do not match the net or each other, empty data,
        targets outside [0, 1] (or not one-hot for softmax), epochs < 1,
        lr <= 0 or not finite, an invalid batch size or dropout.
    """
    X = check_matrix("X", X, rows=net.layer_sizes[0])
    m = X.shape[1]
    Y = check_targets("Y", check_matrix("Y", Y, rows=net.layer_sizes[-1], cols=m), net.output)
    epochs = check_int("epochs", epochs)
    lr = check_positive("lr", lr)
    dropout = check_probability("dropout", dropout)
    if batch_size is not None:
        batch_size = check_int("batch_size", batch_size, 1, m)
    probe = X if probe is None else check_matrix("probe", probe, rows=net.layer_sizes[0])
    record = {check_int("record epoch", e, 0, epochs) for e in record}
    rng = as_rng(seed, "seed")
    full_batch = batch_size is None or batch_size == m

    loss = np.empty(epochs)
    accuracy = np.empty(epochs)
    history = History(loss, accuracy)
    with np.errstate(all="ignore"):  # overflow is detected below and reported as divergence
        for epoch in range(epochs + 1):
            AL, cache = net._forward(X)
            current = cross_entropy(cache[f"Z{net.L}"], Y, net.output)
            # one sum per array: it is inf/NaN exactly when some entry is (or the weights are ~1e308)
            if not math.isfinite(current + sum([p.sum() for p in net.params.values()])):
                history.diverged_at = epoch
                break
            if epoch == epochs:
                history.final_loss = current
                history.final_accuracy = accuracy_from_output(AL, Y, net.output)
            else:
                loss[epoch] = current
                accuracy[epoch] = accuracy_from_output(AL, Y, net.output)
            grads = None
            if epoch in record:
                grads = net._backward(cache, Y)
                _, probe_cache = net._forward(probe)
                history.snapshots[epoch] = Snapshot(
                    epoch,
                    {k: v.copy() for k, v in net.params.items()},
                    {k: v for k, v in grads.items() if not k.startswith("dZ")},
                    probe_cache["A1"] if net.L > 1 else probe_cache["A0"],
                )
            if epoch == epochs:
                break
            if full_batch and dropout == 0:
                net.update(grads or net._backward(cache, Y), lr)
                continue
            order = rng.permutation(m) if not full_batch else slice(None)
            size = m if full_batch else batch_size
            for start in range(0, m, size):
                idx = order[start:start + size] if not full_batch else order
                Xb, Yb = X[:, idx], Y[:, idx]
                _, batch_cache = net._forward(Xb, dropout, rng)
                net.update(net._backward(batch_cache, Yb), lr)
    if history.diverged:
        history.loss = loss[:history.diverged_at]
        history.accuracy = accuracy[:history.diverged_at]
    return history


# ------------------------------------------------------ many nets at once
@dataclass
class ManyHistory:
    """What :func:`train_many` recorded, one row per net.

    Attributes
    ----------
    loss : ndarray (S, epochs)
        ``loss[s, e]``: net s's mean cross-entropy (nats) before update e, as in
        :class:`symlab.History`; NaN from the epoch a net diverged.
    accuracy : ndarray (S, epochs)
        Training accuracy (fraction) at the same moments.
    final_loss, final_accuracy : ndarray (S,)
        After the last update (NaN for a diverged net).
    diverged_at : ndarray (S,) of int
        Epoch at which net s's loss or weights stopped being finite, −1 if never.
    """

    loss: np.ndarray
    accuracy: np.ndarray
    final_loss: np.ndarray
    final_accuracy: np.ndarray
    diverged_at: np.ndarray


def train_many(nets, X, Y, epochs=1000, lr=0.5):
    """Train every net in ``nets`` by full-batch gradient descent, all in lockstep.

    The nets' weights are stacked into arrays of shape ``(S, n[l], n[l-1])`` and
    every step is one batched matrix product per layer, so S nets cost little more
    Python work than one. The arithmetic is the same as :func:`symlab.train` with
    ``batch_size=None, dropout=0``: same loss (from logits), same gradients
    (``dW = (1/m) dZ A_prevᵀ``), same update. The trained weights are written back
    into each net.

    Parameters
    ----------
    nets : list of symlab.MLP
        S >= 1 nets with the same ``layer_sizes``, ``activation`` and ``output``
        (they may differ in init scheme, scale and seed).
    X : array (n[0], m)
    Y : array (n[L], m)
    epochs : int >= 1
    lr : float > 0

    Returns
    -------
    ManyHistory

    Raises
    ------
    ValueError
        If ``nets`` is empty or mixes architectures, or for bad data/epochs/lr.
    """
    if not nets:
        raise ValueError("nets=[] must hold at least one symlab.MLP")
    first = nets[0]
    for i, net in enumerate(nets):
        if (net.layer_sizes, net.activation, net.output) != (first.layer_sizes, first.activation, first.output):
            raise ValueError(f"nets[{i}] is {net!r}; every net must match nets[0] = {first!r} in layer sizes, "
                             "activation and output")
    X = check_matrix("X", X, rows=first.layer_sizes[0])
    m = X.shape[1]
    Y = check_matrix("Y", Y, rows=first.layer_sizes[-1], cols=m)
    epochs = check_int("epochs", epochs)
    lr = check_positive("lr", lr)
    L, S = first.L, len(nets)
    g, g_prime = get_activation(first.activation)
    W = [None] + [np.stack([net.params[f"W{l}"] for net in nets]) for l in range(1, L + 1)]
    b = [None] + [np.stack([net.params[f"b{l}"] for net in nets]) for l in range(1, L + 1)]
    labels = np.argmax(Y, axis=0) if first.output == "softmax" else None

    loss = np.full((S, epochs), np.nan)
    accuracy = np.full((S, epochs), np.nan)
    final_loss = np.full(S, np.nan)
    final_accuracy = np.full(S, np.nan)
    diverged_at = np.full(S, -1)
    alive = np.ones(S, dtype=bool)
    with np.errstate(all="ignore"):  # overflow is reported per net, as in symlab.train
        for epoch in range(epochs + 1):
            A = [X]
            for l in range(1, L + 1):
                Z = matmul(W[l], A[l - 1]) + b[l]
                A.append(g(Z) if l < L else Z)
            ZL = A[L]
            current = cross_entropy(ZL, Y, first.output)
            finite = np.isfinite(current)
            for l in range(1, L + 1):
                finite &= np.isfinite(W[l].sum(axis=(1, 2))) & np.isfinite(b[l].sum(axis=(1, 2)))
            newly = alive & ~finite
            diverged_at[newly] = epoch
            alive &= finite
            if first.output == "softmax":
                AL = softmax(ZL)
                correct = np.mean(np.argmax(AL, axis=1) == labels, axis=1)
            else:
                AL = sigmoid(ZL)
                correct = np.mean((AL > 0.5) == Y, axis=(1, 2))
            if epoch == epochs:
                final_loss[alive] = current[alive]
                final_accuracy[alive] = correct[alive]
                break
            loss[alive, epoch] = current[alive]
            accuracy[alive, epoch] = correct[alive]
            if not alive.any():
                break
            dZ = AL - Y
            step = alive[:, None, None] * lr  # diverged nets stay frozen
            for l in range(L, 0, -1):
                dW = matmul(dZ, np.swapaxes(A[l - 1], -1, -2)) / m
                db = np.sum(dZ, axis=2, keepdims=True) / m
                if l > 1:
                    dZ = matmul(np.swapaxes(W[l], 1, 2), dZ) * g_prime(A[l - 1])
                W[l] = W[l] - step * dW
                b[l] = b[l] - step * db
    for s, net in enumerate(nets):
        for l in range(1, L + 1):
            net.params[f"W{l}"] = W[l][s].copy()
            net.params[f"b{l}"] = b[l][s].copy()
    return ManyHistory(loss, accuracy, final_loss, final_accuracy, diverged_at)
