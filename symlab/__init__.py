"""symlab: why neural-network weights must start random, as experiments you can run.

The core — this package — is plain numpy, small enough to read in one sitting:

* :mod:`symlab.init`        — the initialisation schemes (``SCHEMES``, ``initialize``)
* :mod:`symlab.activations` — g(z) and g'(z)
* :mod:`symlab.mlp`         — the network: forward, backward, loss from logits
* :mod:`symlab.train`       — gradient descent with a recorded ``History``; many nets at once
* :mod:`symlab.metrics`     — symmetry and saturation, measured
* :mod:`symlab.linear`      — convex models: logistic and softmax regression, the perceptron
* :mod:`symlab.data`, :mod:`symlab.gradcheck`, :mod:`symlab.checks` — data sets,
  backprop against finite differences, input checks

``import symlab`` loads numpy and nothing else. What the notebooks call — experiments,
figures, widget apps, exercises — lives in :mod:`symlab.lab`, one module per notebook
topic, built on this core (the core never imports the lab).
"""

from .activations import ACTIVATIONS
from .data import DATASETS, make_dataset, one_hot
from .gradcheck import check_grad, hessian, numerical_grads
from .init import SCHEMES, init_std, initialize
from .linear import logistic_regression, perceptron, softmax_regression
from .metrics import chance_loss, distinct_units, label_entropy, row_spread, saturated_fraction, unit_params
from .mlp import MLP, cross_entropy
from .train import History, ManyHistory, Snapshot, train, train_many

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "DATASETS", "SCHEMES", "MLP", "History", "ManyHistory", "Snapshot",
    "chance_loss", "check_grad", "cross_entropy", "hessian", "distinct_units", "init_std", "initialize", "label_entropy",
    "logistic_regression", "make_dataset", "numerical_grads", "one_hot", "perceptron", "row_spread",
    "saturated_fraction", "softmax_regression", "train", "train_many", "unit_params",
]
