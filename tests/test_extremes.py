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
        return SymmetryDashboard(scheme="normal", use_ipympl=False)


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
    assert "distinct hidden units: " in dash.readout.value and f" of {hidden}</b>" in dash.readout.value
    assert np.all(np.isfinite(history.loss))
    if history.diverged:
        assert f"diverged at epoch {history.diverged_at}" in dash.readout.value
        assert dash.panels.diverged_note.get_visible()
        assert f"diverged at epoch {history.diverged_at}" in dash.panels.diverged_note.get_text()
    else:
        assert np.isfinite(history.final_loss)
        assert not dash.panels.diverged_note.get_visible()
        assert "diverged" not in dash.readout.value
    if history.loss.max() > 100:  # above the loss panel's range: the panel says so
        assert "above the chart" in dash.panels.ax_loss.title.get_text()
    assert [view.value[:4] for view in dash.views] == [b"\x89PNG"] * 3


def test_saturating_scales_keep_tanh_and_sigmoid_finite():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for activation in ("tanh", "sigmoid"):
            d = SymmetryDashboard(scheme="normal", scale=100.0, activation=activation, use_ipympl=False)
            assert not d.run.history.diverged
            assert d.run.history.loss[0] > 10  # huge, yet finite: the loss comes from the logits
