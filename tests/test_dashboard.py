"""The symmetry dashboard (notebooks 00, 01) driven from Python: controls in, the View the browser draws out.

The browser draws exactly the arrays of ``dash.panels.view`` (tests/test_browser.py compares what it drew
with ``view.digest``); here the arrays and readouts themselves are checked against the runs.
"""

import re
import warnings

import numpy as np
import pytest

import symlab
from symlab.lab.dashboard import SymmetryDashboard


@pytest.fixture
def dash():
    return SymmetryDashboard()


def arrays(dash):
    return dash.panels.view.arrays


def scrub(dash, epoch):
    """What the browser's scrubber does: show the frame of ``epoch`` (no kernel work, no new message)."""
    dash.panels.frame = dash.panels.view.frame_of(epoch)
    return dash.panels.readout


def test_starts_on_constant_init_with_identical_unit_maps(dash):
    assert "distinct hidden units: 1 of 8" in dash.readout
    tiles = arrays(dash)["tiles"]
    assert tiles.dtype == np.uint8 and tiles.shape[:2] == (51, 8)  # a map per unit, every 4th epoch
    assert np.ptp(tiles, axis=1).max() == 0                        # eight identical maps at every epoch
    grads = arrays(dash)["grads"]
    assert grads.shape == (51, 8, 3) and np.ptp(grads, axis=1).max() == 0  # identical rows of dW1 | db1
    assert [p["kind"] for p in dash.panels.view.spec["panels"]] == ["tiles", "plot", "plot", "plot"]


def test_changing_scheme_sends_a_new_view_with_eight_different_maps(dash):
    before = dash.panels.data
    dash.controls["scheme"].value = "he_normal"
    run = dash.run
    assert run.settings["scheme"] == "he_normal" and symlab.distinct_units(symlab.unit_params(run.net.params)) == 8
    assert "distinct hidden units: 8 of 8" in dash.readout and dash.panels.data != before
    tiles = arrays(dash)["tiles"][-1].reshape(8, -1).astype(int)
    assert min(np.abs(tiles[i] - tiles[j]).max() for i in range(8) for j in range(i)) > 20  # all differ
    assert np.array_equal(arrays(dash)["loss"][0], run.history.loss.astype(np.float32))
    # the map is the net's output on the grid, and the last frame is the trained net
    P, _ = run.net.forward(symlab.lab.view.grid(symlab.lab.view.MAP_GRID))
    assert np.abs(arrays(dash)["output_map"][-1].ravel() / 65536 - P[0]).max() <= 1 / 4095


def test_scale_retrains_and_a_large_scale_saturates_the_maps(dash):
    dash.controls["scheme"].value = "normal"
    first = arrays(dash)["tiles"][0].copy()
    dash.controls["scale"].value = 10.0
    assert dash.run.settings["scale"] == 10.0
    tiles = arrays(dash)["tiles"][0]
    assert not np.array_equal(tiles, first)
    # tanh units with weights ~ N(0, 10²): most of each map sits at -1 or +1 (the ends of the colour scale)
    assert np.mean((tiles <= 3) | (tiles >= 252)) > 0.5


def test_hidden_units_slider_changes_the_number_of_maps_and_rows(dash):
    dash.controls["hidden"].value = 3
    assert arrays(dash)["tiles"].shape[1] == 3 and arrays(dash)["grads"].shape[1:] == (3, 3)
    assert "of 3" in dash.readout


def test_scrubbing_reads_recorded_frames_without_a_new_message(dash):
    dash.controls["scheme"].value = "he_normal"
    run, spec = dash.run, dash.panels.spec
    for epoch in (0, 100):
        text = scrub(dash, epoch)
        assert dash.panels.spec is spec and dash.panels.epoch == epoch
        snap = run.history.snapshot(epoch)
        assert f"loss {run.history.loss[epoch]:.3f} nats" in text
        k = symlab.distinct_units(symlab.unit_params(snap.params))
        assert f"distinct hidden units: {k} of 8" in text
        frame = dash.panels.frame
        assert np.allclose(arrays(dash)["grads"][frame], np.hstack([snap.grads["dW1"], snap.grads["db1"]]), rtol=1e-6)


def test_a_retraining_control_keeps_the_epoch_shown(dash):
    scrub(dash, 60)
    dash.controls["scheme"].value = "he_normal"
    assert dash.panels.epoch == 60 and "distinct hidden units: 8 of 8" in dash.readout


def test_the_slice_along_x2_zero_stays_as_an_option(dash):
    dash.controls["display"].value = "slice/fixed"
    hidden = arrays(dash)["hidden"]
    assert hidden.shape == (51, 8, 121) and np.ptp(hidden, axis=1).max() == 0
    assert np.allclose(hidden[-1], dash.run.history.snapshot(200).hidden, atol=1e-6)


def test_zeros_disables_the_scale_slider_and_says_why(dash):
    dash.controls["scale"].value = 2.0
    dash.controls["scheme"].value = "zeros"
    assert dash.controls["scale"].disabled and "zeros has no scale" in dash.controls["scale"].tooltip
    assert dash.controls["scale"].value == 2.0  # kept for the next scheme
    assert dash.panels.view.spec["panels"][2]["note"][0] == "all exactly 0"
    dash.controls["scheme"].value = "constant"
    assert not dash.controls["scale"].disabled and dash.controls["scale"].value == 0.5


def test_picking_a_scheme_sets_its_usual_scale_without_training_twice(dash, monkeypatch):
    dash.controls["scale"].value = 3.0
    calls = []
    import symlab.lab.dashboard as module
    original = module.symmetry_run
    monkeypatch.setattr(module, "symmetry_run", lambda **kw: calls.append(kw) or original(**kw))
    dash.controls["scheme"].value = "he_normal"
    assert dash.controls["scale"].value == 1.0
    assert [(c["scheme"], c["scale"]) for c in calls[:2]] == [("he_normal", 1.0), ("he_normal", 1.0)]


def test_divergence_is_shown_not_warned():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dash = SymmetryDashboard(scheme="normal", scale=10.0, activation="linear", lr=100.0)
    h = dash.run.history
    assert h.diverged
    frames = dash.panels.view.spec["frames"]
    # the scrubber ends at the last epoch recorded before the divergence, and says so
    assert frames[-1] <= h.diverged_at and dash.panels.epoch == frames[-1]
    text = dash.readout
    assert f"diverged at epoch {h.diverged_at}" in text and len(text) < 600  # no 300-digit loss
    assert f"diverged at epoch {h.diverged_at}" in dash.panels.view.spec["panels"][-1]["note"]
    ticks = dash.panels.view.spec["panels"][0]["colorbar"]["ticks"]
    assert ticks[-1][1] == "≥100"  # linear outputs beyond 100: the colour scale says where it stops


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_extreme_scale_keeps_losses_finite(activation):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dash = SymmetryDashboard(scheme="normal", scale=100.0, activation=activation, hidden=64)
    assert np.all(np.isfinite(dash.run.history.loss)) and not dash.run.history.diverged
    assert "of 64" in dash.readout
    assert len(dash.panels.data) < 4_000_000  # one message per setting, even at 64 units


def test_text_repr_is_short_and_stable(dash):
    assert dash._repr_mimebundle_()["text/plain"] == "SymmetryDashboard: run this cell to use the interactive dashboard"


def test_dw1_colours_have_a_fixed_log_scale_or_each_frames_largest(dash):
    panel = dash.panels.view.spec["panels"][2]
    layer = panel["layers"][0]
    assert layer["norm"] == "symlog" and layer["range"] == [-0.1, 0.1]
    positions = dict((label, pos) for pos, label in panel["colorbar"]["ticks"])
    # a log scale: 1e-4 sits 70% up the bar (a linear one would put it at 50.05%)
    assert positions["0"] == 0.5 and positions["1e-4"] > 0.65
    dash.controls["display"].value = "maps/frame"
    grads = arrays(dash)["grads"]
    assert np.nanmax(np.abs(grads.reshape(len(grads), -1)), axis=1) == pytest.approx(1.0)
    assert "symlog" not in str(dash.panels.view.spec["panels"][2]["layers"][0].get("norm"))


def test_readout_numbers_match_the_run_at_every_frame(dash):
    run, view = dash.run, dash.panels.view
    for frame in (0, 10, len(view.spec["frames"]) - 1):
        epoch = view.spec["frames"][frame]
        text = re.sub("<[^>]+>", "", view.spec["readout"][frame])
        accuracy = run.history.final_accuracy if epoch == 200 else run.history.accuracy[epoch]
        assert f"train accuracy {accuracy:.0%}" in text


def test_a_flat_output_map_draws_no_boundary_and_says_so():
    """Constant 0.01: P(label 1) stays within a hair of ½ over the whole square; a P = ½ line there would
    follow rounding, so the panel says "no boundary" instead (the He run keeps its contour)."""
    dash = SymmetryDashboard(scale=0.01)
    panel = dash.panels.view.spec["panels"][1]
    P = dash.panels.view.arrays["output_map"][-1] / 65536
    assert np.ptp(P) < 0.01 and panel["layers"][0]["contour"][-1] is False
    assert "no boundary" in panel["note"][-1]
    dash.controls["scheme"].value = "he_normal"
    panel = dash.panels.view.spec["panels"][1]
    assert all(panel["layers"][0]["contour"]) and not panel["note"]


def test_01_the_constant_map_changes_most_in_the_first_ten_epochs_and_stays_one_map(dash):
    """01's item 1: the one map changes, most of all in the first ten epochs (to 12: frames are 4 epochs apart),
    and all eight stay the same."""
    tiles = arrays(dash)["tiles"].astype(int)  # (51, 8, G, G), frames every 4 epochs
    assert np.ptp(tiles, axis=1).max() == 0
    frames = dash.panels.view.spec["frames"]
    change = lambda a, b: np.abs(tiles[frames.index(b)] - tiles[frames.index(a)]).max() / 255 * 2  # noqa: E731
    assert change(0, 200) > 0.1  # on the -1 ... 1 scale
    assert change(0, 12) > change(12, 200)  # frames every 4 epochs: epoch 12 is the first at or after 10


def test_01_normal_scale_10_maps_are_mostly_saturated(dash):
    """01's item 5: scheme normal, scale 10, tanh: each map is a purple and an orange half (most entries at
    |A1| > 0.99, the ends of the colour scale)."""
    dash.controls["scheme"].value = "normal"
    dash.controls["scale"].value = 10.0
    tiles = arrays(dash)["tiles"][0]
    assert np.mean((tiles <= 1) | (tiles >= 254)) > 0.6  # 255 * 0.005 ~ 1.3 steps from either end
