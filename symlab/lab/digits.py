"""Notebook 09, section 6: the initialisation schemes on real data, scikit-learn's handwritten digits.

:func:`digits_comparison` trains a ``[64, 32, 32, 10]`` softmax net from every scheme of
:data:`DIGITS_SCHEMES` over several seeds; :meth:`DigitsResult.verdict` states what holds on
every machine, :meth:`DigitsResult.summary` this machine's digits.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sklearn.datasets
from sklearn.model_selection import train_test_split

from ..checks import check_choice, check_int
from ..data import one_hot
from ..mlp import MLP
from ..train import train_many
from .figures import scheme_name
from .progress import progress


#: Schemes compared on the digits: (init, scale).
DIGITS_SCHEMES = (("zeros", 0.0), ("normal", 0.01), ("normal", 1.0), ("lecun_normal", 1.0),
                  ("xavier_normal", 1.0), ("he_normal", 1.0), ("orthogonal", 1.0))


DIGITS_LAYERS = (64, 32, 32, 10)


@lru_cache(maxsize=1)
def digits_data():
    """scikit-learn's digits, split 75% / 25% (stratified, ``random_state=0``).

    Returns ``(X, Y, X_test, Y_test, images_test)``: inputs (64, 1347) and
    (64, 450) with pixel values 0 … 16 divided by 16 (so in [0, 1]), one-hot
    targets (10, 1347) and (10, 450), and the test images (450, 8, 8).
    The data ships with scikit-learn (no download). Read-only (cached).
    """
    digits = sklearn.datasets.load_digits()
    index = np.arange(len(digits.target))
    train_idx, test_idx = train_test_split(index, test_size=0.25, random_state=0, stratify=digits.target)
    X = digits.data / 16.0
    arrays = (X[train_idx].T, one_hot(digits.target[train_idx], 10), X[test_idx].T,
              one_hot(digits.target[test_idx], 10), digits.images[test_idx])
    for a in arrays:
        a.setflags(write=False)
    return arrays


@dataclass(frozen=True)
class DigitsResult:
    """Every scheme × seed trained on the digits.

    Attributes
    ----------
    settings : dict
    loss : dict (init, scale) -> ndarray (seeds, epochs)
        Training loss curves (nats); chance is ln 10 ≈ 2.303.
    final_loss, train_accuracy, test_accuracy : dict (init, scale) -> ndarray (seeds,)
        Training loss (nats) and accuracies (fractions) after the last step.
    """

    settings: dict
    loss: dict
    final_loss: dict
    train_accuracy: dict
    test_accuracy: dict

    def summary(self):
        """Print mean ± std (and min … max) of the test accuracy per scheme; returns nothing.

        These are this machine's digits: runs from ``normal × 1`` are chaotic and the others move by an
        image or two between machines. :meth:`verdict` states what holds everywhere.
        """
        seeds = self.settings["seeds"]
        print(f"{'init':<16} {'test accuracy over ' + str(seeds) + ' seeds':>32}   {'train accuracy':>14}   "
              f"{'loss: start → end':>18}")
        for key, acc in self.test_accuracy.items():
            name = scheme_name(*key)
            loss = self.loss[key]
            print(f"{name:<16} {acc.mean():>9.1%} ± {acc.std():<5.1%} ({acc.min():.1%} … {acc.max():.1%})   "
                  f"{self.train_accuracy[key].mean():>14.1%}   {np.mean(loss[:, 0]):>7.3g} → "
                  f"{np.mean(self.final_loss[key]):<7.3f}")

    def verdict(self):
        """Print, per scheme, the range its seeds' test accuracies fall in, on a coarse grid that every machine
        reproduces (:data:`DIGITS_BANDS`); returns a dict (init, scale) -> (low, high) band edges."""
        seeds = self.settings["seeds"]
        bands = {}
        print(f"{'init':<16} every one of the {seeds} seeds' test accuracy lies in")
        for key, acc in self.test_accuracy.items():
            if np.all(acc == acc[0]):  # a start with nothing random (zeros): the same number on every machine
                bands[key] = (float(acc[0]), float(acc[0]))
                print(f"{scheme_name(*key):<16} {acc[0]:.1%} exactly, in all {seeds} seeds")
                continue
            low = max(b for b in DIGITS_BANDS if b <= acc.min())
            high = min(b for b in DIGITS_BANDS if b >= acc.max())
            bands[key] = (low, high)
            print(f"{scheme_name(*key):<16} {low:.0%} … {high:.0%}")
        return bands


#: Band edges for :meth:`DigitsResult.verdict` (fractions).
DIGITS_BANDS = (0.0, 0.1, 0.6, 0.9, 0.95, 0.96, 0.98, 0.99, 1.0)


def digits_comparison(seeds=3, epochs=200, lr=0.5, activation="relu", schemes=DIGITS_SCHEMES, show_progress=False):
    """Train a ``[64, 32, 32, 10]`` softmax net on the digits from every scheme and seed.

    Full-batch gradient descent, ``epochs`` steps at ``lr``; the ``seeds`` nets of
    one scheme train in lockstep. ``show_progress`` shows a bar (one step per
    scheme) in a notebook. Cached: a second call with the same arguments returns
    at once. About 2–3 s per scheme.

    Returns
    -------
    DigitsResult
    """
    seeds = check_int("seeds", seeds, 1, 50)
    epochs = check_int("epochs", epochs)
    check_choice("activation", activation, ("sigmoid", "tanh", "relu"))
    schemes = tuple((init, float(scale)) for init, scale in schemes)
    key = (seeds, epochs, float(lr), activation, schemes)
    bar = progress(len(schemes), f"digits: {len(schemes)} schemes × {seeds} seeds × {epochs} steps", show_progress)
    if key not in _DIGITS_CACHE:
        _DIGITS_CACHE[key] = _digits_comparison(*key, bar.update)
    else:
        bar.update(len(schemes))
    bar.close()
    return _DIGITS_CACHE[key]


_DIGITS_CACHE = {}


def _digits_comparison(seeds, epochs, lr, activation, schemes, progress):
    X, Y, Xt, Yt, _ = digits_data()
    loss, train_acc, test_acc, final = {}, {}, {}, {}
    for init, scale in schemes:
        nets = [MLP(list(DIGITS_LAYERS), activation=activation, init=init, scale=scale, seed=s, output="softmax")
                for s in range(seeds)]
        history = train_many(nets, X, Y, epochs=epochs, lr=lr)
        key = (init, scale)
        loss[key] = history.loss
        final[key] = history.final_loss
        train_acc[key] = history.final_accuracy
        test_acc[key] = np.array([net.accuracy(Xt, Yt) for net in nets])
        progress()
    settings = dict(seeds=seeds, epochs=epochs, lr=lr, activation=activation, schemes=schemes,
                    layers=DIGITS_LAYERS)
    return DigitsResult(settings, loss, final, train_acc, test_acc)
