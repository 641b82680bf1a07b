"""The symmetry dashboard driven from Python: set widgets, check the readout and the plotted data."""

import warnings

import numpy as np
import pytest

import symlab
from symlab.lab.dashboard import SymmetryDashboard
from symlab.lab.runs import symmetry_run

def visible_curves(dash):
    return np.array([segment[:, 1] for segment in dash.panels.unit_curves.get_segments()])


@pytest.fixture
def dash():
    return SymmetryDashboard(use_ipympl=False)  # renders PNGs into an ipywidgets.Image


def test_starts_on_constant_init_with_one_distinct_unit(dash):
    assert "distinct hidden units: 1 of 8" in dash.readout.value
    curves = visible_curves(dash)
    assert curves.shape == (8, 121)
    assert np.ptp(curves, axis=0).max() == 0  # eight identical curves
    grad_rows = dash.panels.grad_image.get_array()
    assert grad_rows.shape == (8, 3) and np.ptp(grad_rows, axis=0).max() == 0
    assert all(view.value[:8] == b"\x89PNG\r\n\x1a\n" for view in dash.views)  # one PNG per panel


def test_changing_scheme_updates_readout_and_all_three_panels(dash):
    before = (visible_curves(dash), dash.panels.grad_image.get_array().copy(),
              dash.panels.loss_line.get_ydata().copy(), [view.value for view in dash.views])
    dash.controls["scheme"].value = "he_normal"
    run = symmetry_run(**dash.settings())
    expected = symlab.distinct_units(symlab.unit_params(run.net.params))
    assert expected == 8
    assert f"distinct hidden units: {expected} of 8" in dash.readout.value
    curves = visible_curves(dash)
    assert np.ptp(curves, axis=0).max() > 0.5           # the units now differ
    assert not np.array_equal(curves, before[0])
    assert symlab.distinct_units(dash.panels.grad_image.get_array()) == 8
    assert not np.array_equal(dash.panels.loss_line.get_ydata(), before[2])
    assert np.array_equal(dash.panels.loss_line.get_ydata(), run.history.loss)
    assert all(view.value != old for view, old in zip(dash.views, before[3]))  # all three panels redrawn


def test_changing_scale_retrains(dash):
    dash.controls["scheme"].value = "normal"
    first = visible_curves(dash)
    dash.controls["scale"].value = 10.0
    assert dash.run.settings["scale"] == 10.0
    assert not np.allclose(visible_curves(dash), first)
    # tanh units with weights ~ N(0, 10^2) saturate: most outputs sit near +-1
    assert np.mean(np.abs(visible_curves(dash)) > 0.99) > 0.5


def test_hidden_units_slider_changes_the_number_of_curves_and_rows(dash):
    dash.controls["hidden"].value = 3
    assert visible_curves(dash).shape[0] == 3
    assert dash.panels.grad_image.get_array().shape == (3, 3)
    assert "of 3" in dash.readout.value


def test_epoch_scrubber_reads_the_recorded_snapshot_without_retraining(dash):
    dash.controls["scheme"].value = "he_normal"
    run = dash.run
    dash.controls["epoch"].value = 0
    assert dash.run is run
    assert np.allclose(visible_curves(dash), run.history.snapshot(0).hidden)
    assert "epoch 0 " in dash.readout.value
    dash.controls["epoch"].value = 100
    assert np.allclose(visible_curves(dash), run.history.snapshot(100).hidden)
    assert dash.panels.epoch_line.get_xdata()[0] == 100


def test_divergence_is_shown_not_warned():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dash = SymmetryDashboard(scheme="normal", scale=10.0, activation="linear", lr=100.0, use_ipympl=False)
    assert dash.run.history.diverged
    assert f"diverged at epoch {dash.run.history.diverged_at}" in dash.readout.value
    assert dash.panels.diverged_note.get_visible()
    assert "diverged" in dash.panels.diverged_note.get_text()


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_extreme_scale_keeps_losses_finite(activation):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dash = SymmetryDashboard(scheme="normal", scale=100.0, activation=activation, hidden=64,
                                 use_ipympl=False)
    assert np.all(np.isfinite(dash.run.history.loss)) and not dash.run.history.diverged
    assert "of 64" in dash.readout.value


def test_text_repr_is_short_and_stable(dash):
    assert dash._repr_mimebundle_()["text/plain"] == "SymmetryDashboard: run this cell to use the interactive dashboard"


def test_picking_a_scheme_sets_its_usual_scale_without_training_twice(dash, monkeypatch):
    dash.controls["scale"].value = 3.0
    calls = []
    import symlab.lab.dashboard as module
    original = module.symmetry_run
    monkeypatch.setattr(module, "symmetry_run", lambda **kw: calls.append(kw) or original(**kw))
    dash.controls["scheme"].value = "he_normal"
    assert dash.controls["scale"].value == 1.0 and dash.run.settings["scale"] == 1.0
    assert [c["scheme"] for c in calls] == ["he_normal", "he_normal"]  # this run and the reference, once
    dash.controls["scheme"].value = "constant"
    assert dash.controls["scale"].value == 0.5
    dash.controls["scale"].value = 2.0
    dash.controls["scheme"].value = "zeros"  # zeros has no scale: the slider stays
    assert dash.controls["scale"].value == 2.0


def test_readout_after_divergence_is_readable():
    dash = SymmetryDashboard(scheme="normal", scale=10.0, activation="linear", lr=100.0, use_ipympl=False)
    text = dash.readout.value
    d = dash.run.history.diverged_at
    assert f"diverged at epoch {d}" in text and "the panels show epoch" in text
    assert len(text) < 600  # no 300-digit loss
