"""symlab: why neural-network weights must start random, as experiments you can run.

The maths lives in four small modules a learner can read top to bottom:

* :mod:`symlab.init`        — the initialisation schemes (``SCHEMES``, ``initialize``)
* :mod:`symlab.activations` — g(z) and g'(z)
* :mod:`symlab.mlp`         — the network: forward, backward, loss from logits
* :mod:`symlab.train`       — gradient descent with a recorded ``History``

and :mod:`symlab.metrics` measures symmetry. On top of these,
:mod:`symlab.experiments` holds the runs the notebooks share, :mod:`symlab.plots`
the figures, :mod:`symlab.dashboard` the widgets, :mod:`symlab.exercises` the checks.
"""

from .activations import ACTIVATIONS
from .data import DATASETS, make_dataset, one_hot
from .gradcheck import check_grad, numerical_grads
from .init import SCHEMES, init_std, initialize
from .metrics import chance_loss, distinct_units, label_entropy, row_spread, unit_params
from .mlp import MLP, cross_entropy
from .train import History, Snapshot, train

from . import experiments  # noqa: E402  (plots and widgets build on the core above)
from .dashboard import symmetry_dashboard
from .exercises import check
from .plots import plot_init_comparison, plot_symmetry
from . import linear, symmetry, symmetry_plots  # the symmetry chapter (notebooks 02-05)
from .linear import logistic_regression, perceptron, softmax_regression
from . import capstone, depth, depth_plots, restarts, scale  # the scale and depth chapter (notebooks 06-09)
from .depth_plots import scale_dashboard
from .restarts import train_many

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "DATASETS", "SCHEMES", "MLP", "History", "Snapshot",
    "check", "check_grad", "plot_init_comparison", "plot_symmetry", "symmetry_dashboard", "chance_loss", "cross_entropy", "distinct_units", "init_std", "initialize",
    "label_entropy", "make_dataset", "numerical_grads", "one_hot", "row_spread", "train", "unit_params",
    "linear", "symmetry", "symmetry_plots", "logistic_regression", "perceptron", "softmax_regression",
    "capstone", "depth", "depth_plots", "restarts", "scale", "scale_dashboard", "train_many",
]
