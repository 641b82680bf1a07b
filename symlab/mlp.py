"""A fully connected network, written out so each line is one equation.

Notation (deep learning course by Andrew Ng, also used by the deeplearning.ai
"Initialization" assignment):

* ``X = A[0]`` has shape ``(n[0], m)``: one example per column.
* ``W[l]`` has shape ``(n[l], n[l-1])`` — row j is unit j's incoming weights —
  and ``b[l]`` has shape ``(n[l], 1)``.
* Forward, for l = 1 … L:  ``Z[l] = W[l] A[l-1] + b[l]``, ``A[l] = g(Z[l])``,
  with ``g`` the hidden activation and, at l = L, sigmoid or softmax.
* Backward, with the cross-entropy loss averaged over the m examples:
  ``dZ[L] = A[L] − Y`` (true for sigmoid + binary and softmax + categorical
  cross-entropy), then for l = L … 1:
  ``dW[l] = (1/m) dZ[l] A[l-1]ᵀ``, ``db[l] = (1/m) Σ_columns dZ[l]``,
  ``dZ[l-1] = W[l]ᵀ dZ[l] * g'(Z[l-1])``, with g' computed from A[l-1] = g(Z[l-1])
  (e.g. tanh' = 1 − A², see ``symlab.activations``).
"""

import numpy as np

from .checks import check_choice, check_int, check_matrix, check_probability, check_scale, check_targets
from .activations import get_activation, sigmoid
from .init import SCHEMES, as_rng, initialize

OUTPUTS = ("sigmoid", "softmax")


def matmul(A, B):
    """``A @ B``, computed so that identical units stay bit-identical on every machine.

    Shapes: ``A`` (…, n, k) and ``B`` (…, k, m) give (…, n, m); leading "stack"
    axes broadcast as with ``@``.

    Why not ``@``? ``@`` calls BLAS, which cuts a product into tiles and computes
    the rows and columns at a tile's edge with other instructions than those
    inside it. Two hidden units with identical weights then get outputs and
    gradients that differ in the last bit — differently on each CPU, BLAS
    kernel and thread count — and because the symmetric state is unstable, that
    rounding grows until the units split: an effect of the hardware, not of the
    maths this course teaches.

    Here every entry ``C[i, j] = Σ_k A[i, k] B[k, j]`` is computed on its own, by
    the same routine for every i and j, so identical rows of ``A`` give identical
    rows of ``C`` and identical columns of ``B`` identical columns of ``C``. Short
    sums (k <= 64: a layer's inputs) go through ``np.einsum``, which never calls
    BLAS; long ones (the sum over the m examples in ``dW = (1/m) dZ A_prevᵀ``) are
    one dot product per entry (``np.vecdot``), which is faster there. Both are
    slower than ``@``: ``benchmarks/exact_products.py`` measures by how much.
    """
    if A.shape[-1] > 64:
        return np.vecdot(A[..., :, None, :], np.swapaxes(B, -1, -2)[..., None, :, :])
    # a transposed view (Wᵀ in the backward pass) is copied first: einsum walks a contiguous A 2–3x faster,
    # with the same sums in the same order
    return np.einsum("...ik,...kj->...ij", np.ascontiguousarray(A), B)


def softmax(Z):
    """Softmax over the units of ``Z`` (K, m), column by column; subtracting each column's max avoids overflow.

    ``Z`` may also hold S nets' logits stacked, shape (S, K, m): axis −2 is always the units.
    """
    E = np.exp(Z - Z.max(axis=-2, keepdims=True))
    return E / E.sum(axis=-2, keepdims=True)


def cross_entropy(ZL, Y, output="sigmoid"):
    """Mean cross-entropy loss, computed from the logits ``ZL`` (not from probabilities).

    ``ZL`` and ``Y`` have shape ``(n_out, m)``. For ``output="sigmoid"`` the loss of
    one output is ``max(z, 0) − z·y + log(1 + e^(−|z|))``, algebraically equal to
    ``−y log σ(z) − (1 − y) log(1 − σ(z))`` but finite for every finite z, where
    the textbook formula gives ``log(0) = −inf`` once σ(z) rounds to 0 or 1. For
    ``output="softmax"`` it is ``logsumexp(z) − Σ y·z``, again finite.
    Returns the loss in nats (ln 2 ≈ 0.693 is a coin flip), averaged over the m
    examples and summed over the outputs.

    ``ZL`` may also hold S nets' logits stacked, shape ``(S, n_out, m)`` (as
    :func:`symlab.train_many` trains them): the result is then each net's
    loss, an array of shape (S,).
    """
    if output == "sigmoid":
        per_entry = np.maximum(ZL, 0) - ZL * Y + np.log1p(np.exp(-np.abs(ZL)))
    else:
        z_max = ZL.max(axis=-2, keepdims=True)
        logsumexp = z_max + np.log(np.sum(np.exp(ZL - z_max), axis=-2, keepdims=True))
        per_entry = logsumexp - np.sum(Y * ZL, axis=-2, keepdims=True)
    m = ZL.shape[-1]
    if ZL.ndim == 2:
        return float(per_entry.sum()) / m
    return per_entry.sum(axis=(-2, -1)) / m


class MLP:
    """Multi-layer perceptron with one hidden activation and a sigmoid or softmax output.

    Parameters
    ----------
    layer_sizes : list of int
        ``[n[0], n[1], …, n[L]]``: inputs, hidden layer widths, outputs. Each >= 1.
    activation : {"sigmoid", "tanh", "relu", "linear"}
        Hidden activation ``g``.
    init : str
        Weight scheme, one of :data:`symlab.SCHEMES`, used for every layer. For
        ``tied_normal`` the first layer repeats one random row (every hidden unit
        gets the same incoming weights) and every later layer repeats one random
        value per output unit across its row (every unit of the layer below gets
        the same outgoing weights): random, yet perfectly symmetric.
    scale : float >= 0
        The scheme's scale (see :func:`symlab.initialize`).
    seed : int, np.random.Generator or np.random.RandomState
        Source of the random weights. Layers are drawn in order W1, W2, …
    output : {"sigmoid", "softmax"}
        Output unit and loss: sigmoid + binary cross-entropy, or softmax +
        categorical cross-entropy (needs n[L] >= 2).
    bias_scale : float >= 0
        Biases start at 0 (the default) or, if > 0, are drawn N(0, bias_scale²)
        after each layer's weights.

    Attributes
    ----------
    params : dict
        ``"W1"``, ``"b1"``, … ``"WL"``, ``"bL"``; updated in place by training.

    Raises
    ------
    ValueError
        For fewer than two layer sizes, a size < 1, an unknown activation,
        scheme or output, or a NaN/inf/negative scale.
    """

    def __init__(self, layer_sizes, activation="tanh", init="he_normal", scale=1.0, seed=0,
                 output="sigmoid", bias_scale=0.0):
        if isinstance(layer_sizes, (str, bytes)) or not hasattr(layer_sizes, "__len__") or len(layer_sizes) < 2:
            raise ValueError(
                f"layer_sizes={layer_sizes!r} must list at least two sizes [n_x, ..., n_out], e.g. [2, 8, 1]"
            )
        self.layer_sizes = tuple(check_int(f"layer_sizes[{i}]", n) for i, n in enumerate(layer_sizes))
        self.activation = check_choice("activation", activation, ("sigmoid", "tanh", "relu", "linear"))
        self.init = check_choice("init", init, SCHEMES)
        self.scale = check_scale("scale", scale)
        self.output = check_choice("output", output, OUTPUTS)
        self.bias_scale = check_scale("bias_scale", bias_scale)
        if output == "softmax" and self.layer_sizes[-1] < 2:
            raise ValueError(f"layer_sizes[-1]={self.layer_sizes[-1]} must be >= 2 for a softmax output")
        self.g, self.g_prime = get_activation(activation)
        self.params = self._initial_params(as_rng(seed, "seed"))

    @property
    def L(self):
        """Number of layers with weights (hidden layers + output layer)."""
        return len(self.layer_sizes) - 1

    def _initial_params(self, rng):
        params = {}
        n = self.layer_sizes
        for l in range(1, self.L + 1):
            if self.init == "tied_normal" and l > 1:
                # one random value per unit of layer l, shared by every unit feeding it
                column = self.scale * rng.standard_normal((n[l], 1))
                params[f"W{l}"] = np.repeat(column, n[l - 1], axis=1)
            else:
                params[f"W{l}"] = initialize(self.init, (n[l], n[l - 1]), self.scale, rng)
            if self.bias_scale > 0:
                params[f"b{l}"] = self.bias_scale * rng.standard_normal((n[l], 1))
            else:
                params[f"b{l}"] = np.zeros((n[l], 1))
        return params

    def __repr__(self):
        return (f"MLP({list(self.layer_sizes)}, activation={self.activation!r}, output={self.output!r}, "
                f"init={self.init!r}, scale={self.scale:g})")

    def copy(self):
        """An independent copy of the net (same settings, copied parameters)."""
        twin = object.__new__(MLP)
        twin.__dict__.update(self.__dict__)
        twin.params = {k: v.copy() for k, v in self.params.items()}
        return twin

    # ---------------------------------------------------------------- forward
    def forward(self, X, dropout=0.0, rng=None):
        """Forward pass.

        Parameters
        ----------
        X : array (n[0], m)
        dropout : float in [0, 1)
            Probability of dropping each hidden unit's output (inverted dropout:
            kept outputs are divided by 1 − dropout, so no rescaling is needed at
            test time). Needs ``rng``. The output layer is never dropped.
        rng : np.random.Generator, optional
            Draws the dropout masks.

        Returns
        -------
        AL : array (n[L], m)
            Output probabilities.
        cache : dict
            ``"A0"`` (= X), and for l = 1 … L ``"Z{l}"``, ``"A{l}"`` (shape (n[l], m));
            with dropout, ``"A{l}"`` of a hidden layer is after dropout, and the
            cache also holds its 0/1 mask ``"D{l}"`` and ``"G{l}"`` = g(Z[l]) before dropout.
        """
        X = check_matrix("X", X, rows=self.layer_sizes[0])
        dropout = check_probability("dropout", dropout)
        if dropout > 0 and not isinstance(rng, np.random.Generator):
            raise ValueError(f"rng={rng!r}: dropout={dropout} needs a np.random.Generator to draw its masks")
        return self._forward(X, dropout, rng)

    def _forward(self, X, dropout=0.0, rng=None):
        cache = {"A0": X, "dropout": dropout}
        A = X
        for l in range(1, self.L + 1):
            Z = matmul(self.params[f"W{l}"], A) + self.params[f"b{l}"]
            if l < self.L:
                A = self.g(Z)
                if dropout > 0:
                    D = rng.random(A.shape) >= dropout
                    cache[f"G{l}"], cache[f"D{l}"] = A, D
                    A = A * D / (1.0 - dropout)
            else:
                A = sigmoid(Z) if self.output == "sigmoid" else softmax(Z)
            cache[f"Z{l}"], cache[f"A{l}"] = Z, A
        return A, cache

    # --------------------------------------------------------------- backward
    def backward(self, cache, Y):
        """Backward pass: gradients of the mean cross-entropy loss.

        Parameters
        ----------
        cache : dict
            From :meth:`forward`.
        Y : array (n[L], m)
            Targets: 0/1 labels for a sigmoid output, one-hot columns for softmax.

        Returns
        -------
        grads : dict
            ``"dW{l}"`` (shape of ``W[l]``), ``"db{l}"`` (shape of ``b[l]``) and
            ``"dZ{l}"`` (shape (n[l], m)) for l = 1 … L.
        """
        AL = cache[f"A{self.L}"]
        Y = check_targets("Y", check_matrix("Y", Y, rows=AL.shape[0], cols=AL.shape[1]), self.output)
        return self._backward(cache, Y)

    def _backward(self, cache, Y):
        grads = {}
        m = Y.shape[1]
        dZ = cache[f"A{self.L}"] - Y
        for l in range(self.L, 0, -1):
            grads[f"dZ{l}"] = dZ
            grads[f"dW{l}"] = matmul(dZ, cache[f"A{l - 1}"].T) / m
            grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
            if l > 1:
                dA = matmul(self.params[f"W{l}"].T, dZ)
                if f"D{l - 1}" in cache:  # dropout: gradient flows only through kept units
                    dA = dA * cache[f"D{l - 1}"] / (1.0 - cache["dropout"])
                    dZ = dA * self.g_prime(cache[f"G{l - 1}"])
                else:
                    dZ = dA * self.g_prime(cache[f"A{l - 1}"])
        return grads

    def update(self, grads, lr):
        """One gradient-descent step in place: ``W[l] -= lr · dW[l]``, ``b[l] -= lr · db[l]``."""
        for key in self.params:
            self.params[key] -= lr * grads["d" + key]

    # ------------------------------------------------------------ evaluation
    def loss(self, X, Y):
        """Mean cross-entropy (nats) on ``X`` (n[0], m), ``Y`` (n[L], m), computed from logits."""
        _, cache = self.forward(X)
        Y = check_matrix("Y", Y, rows=self.layer_sizes[-1], cols=cache["A0"].shape[1])
        return cross_entropy(cache[f"Z{self.L}"], check_targets("Y", Y, self.output), self.output)

    def predict(self, X):
        """Predicted labels, shape (1, m): 0/1 (output > 0.5) or the argmax class."""
        AL, _ = self.forward(X)
        return predictions(AL, self.output)

    def accuracy(self, X, Y):
        """Fraction of the m examples whose predicted label matches ``Y`` (in [0, 1])."""
        AL, _ = self.forward(X)
        return accuracy_from_output(AL, Y, self.output)


def predictions(AL, output):
    """Labels from output probabilities ``AL`` (n_out, m): 0/1 at threshold 0.5, or argmax."""
    if output == "softmax":
        return np.argmax(AL, axis=0)[None, :]
    return (AL > 0.5).astype(int)


def accuracy_from_output(AL, Y, output):
    """Fraction of correct predictions given probabilities ``AL`` and targets ``Y``."""
    if output == "softmax":
        return np.count_nonzero(AL.argmax(axis=0) == Y.argmax(axis=0)) / AL.shape[1]
    return np.count_nonzero((AL > 0.5) == (Y > 0.5)) / AL.size
