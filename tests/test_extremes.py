"""Numeric extremes driven through the symmetry dashboard's controls.

Every corner of the sliders — scale 1e-3 and 1e2, learning rate 1e-2 and 1e2,
1 and 64 hidden units, every activation — must give finite losses or a run marked
"diverged at epoch e", never a RuntimeWarning and never a silent wrong plot.
"""

import itertools
import warnings

import numpy as np
import pytest

from symlab.lab.dashboard import SymmetryDashboard

@pytest.fixture(scope="module")
def dash():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return SymmetryDashboard(scheme="normal")


CORNERS = list(itertools.product(["tanh", "sigmoid", "relu", "linear"], [1e-3, 1e2], [1e-2, 1e2], [1, 64]))


@pytest.mark.parametrize("activation,scale,lr,hidden", CORNERS)
def test_slider_corner_is_finite_or_marked_diverged(dash, activation, scale, lr, hidden):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any RuntimeWarning fails the test
        with dash.controls["scale"].hold_trait_notifications():
            dash.controls["activation"].value = activation
            dash.controls["scale"].value = scale
            dash.controls["lr"].value = lr
            dash.controls["hidden"].value = hidden
        dash.refresh(None)
    history = dash.run.history
    readout, loss_panel = dash.readout, dash.panels.view.spec["panels"][-1]
    assert "distinct hidden units: " in readout and f" of {hidden}</b>" in readout
    assert np.all(np.isfinite(history.loss))
    if history.diverged:
        assert f"diverged at epoch {history.diverged_at}" in readout
        assert f"diverged at epoch {history.diverged_at}" in loss_panel["note"]
    else:
        assert np.isfinite(history.final_loss)
        assert not loss_panel["note"] and "diverged" not in readout
    if history.loss.max() > 100:  # above the loss panel's range: the panel says so
        assert "above the chart" in loss_panel["title"]
    for name, values in dash.panels.view.arrays.items():  # overflow reaches the browser as gaps, never inf
        assert not np.isinf(values).any(), name


def test_saturating_scales_keep_tanh_and_sigmoid_finite():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for activation in ("tanh", "sigmoid"):
            d = SymmetryDashboard(scheme="normal", scale=100.0, activation=activation)
            assert not d.run.history.diverged
            assert d.run.history.loss[0] > 10  # huge, yet finite: the loss comes from the logits
