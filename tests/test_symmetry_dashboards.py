"""The apps and figures of notebooks 02-05, driven from Python: readouts and the arrays the browser draws."""

import re

import numpy as np
import pytest

import symlab
from symlab.lab import convex_figures, dropout, forward_backward, zeros, zeros_figures
from symlab.lab.figures import StaticFigure


def number_after(text, label):
    """The number that follows ``label`` in a readout (HTML tags removed)."""
    plain = re.sub(r"<[^>]+>", "", text)
    match = re.search(re.escape(label) + r"\s*([-+0-9.e]+)", plain)
    assert match, f"{label!r} not in {plain!r}"
    return float(match.group(1))


def scrub(dash, epoch):
    dash.panels.frame = dash.panels.view.frame_of(epoch)
    return dash.panels.readout


# ----------------------------------------------------------------- notebook 02
def test_rows_dashboard_constant_rows_move_together():
    dash = forward_backward.RowsDashboard()
    assert dash.panels.epoch == 0 and number_after(dash.readout, "row spread of W1:") == 0
    assert "distinct hidden units: 1 of 4" in dash.readout
    run, a = forward_backward.rows_run("constant"), dash.panels.view.arrays
    assert dash.panels.view.spec["frames"] == list(range(201))  # every epoch recorded: play shows each
    for epoch in (50, 200):
        text = scrub(dash, epoch)
        heads = np.column_stack([a["head_x"][epoch], a["head_y"][epoch]])
        assert np.allclose(heads, run.history.snapshot(epoch).params["W1"], atol=1e-6)
        assert np.ptp(heads, axis=0).max() == 0  # one dot
        assert "distinct hidden units: 1 of 4" in text
    assert not np.allclose(heads[0], [0.5, 0.5])  # ... which moved
    assert a["w_x"].shape == (4, 201) and np.allclose([a["w_x"][0, 0], a["w_y"][0, 0]], [0.5, 0.5])


def test_rows_dashboard_he_start_shows_four_different_rows():
    dash = forward_backward.RowsDashboard(epoch=100)
    dash.controls["scheme"].value = "he_normal"
    assert dash.panels.epoch == 100  # a new scheme keeps the epoch shown
    spread = symlab.row_spread(forward_backward.rows_run("he_normal").history.snapshot(100).params["W1"])
    assert number_after(dash.readout, "row spread of W1:") == pytest.approx(spread, rel=5e-3)
    assert "4 of 4" in dash.readout
    tiles = dash.panels.view.arrays["tiles"][100].reshape(4, -1).astype(int)
    assert min(np.abs(tiles[i] - tiles[j]).max() for i in range(4) for j in range(i)) > 20
    dash.controls["scheme"].value = "tied_normal"
    assert number_after(dash.readout, "row spread of W1:") == 0


# ----------------------------------------------------------------- notebook 03
def test_starts_dashboard_readout_follows_the_controls():
    dash = zeros_figures.StartsDashboard()
    assert "distinct hidden units: 1 of 8" in dash.readout
    dash.controls["start"].value = "zero_W2"
    assert "distinct hidden units: 8 of 8" in dash.readout
    assert number_after(dash.readout, "max |dW1| at step 0:") == 0
    dash.controls["start"].value = "constant"
    dash.controls["bias_scale"].value = 0.5
    summary = zeros.start_summary(zeros.start_run("constant", bias_scale=0.5))
    assert "distinct hidden units: 8 of 8" in dash.readout
    assert number_after(dash.readout, "loss") == pytest.approx(summary["final_loss"], abs=5e-4)
    dash.controls["start"].value = "zeros"
    dash.controls["bias_scale"].value = 0.0
    dash.controls["activation"].value = "relu"
    dash.controls["labels"].value = "unbalanced"
    assert number_after(dash.readout, "(chance") == pytest.approx(0.598, abs=5e-4)
    assert number_after(dash.readout, "loss") == pytest.approx(0.598, abs=5e-4)
    view = dash.panels.view
    chance = [layer for layer in view.spec["panels"][2]["layers"] if layer["kind"] == "hline"][0]["at"]
    assert chance == pytest.approx(symlab.label_entropy(zeros.label_set("unbalanced")[1]))
    assert len(view.arrays["points_x1"]) == 140  # the unbalanced points


# ----------------------------------------------------------------- notebook 04
def test_dropout_dashboard_p_zero_means_no_split():
    dash = dropout.DropoutDashboard()
    d = dropout.dropout_summary(dropout.dropout_run(0.2))
    assert f"({d['spread_first']:.2g} after 1 step" in dash.readout
    assert f"epochs to 95% accuracy: {d['to95']}" in dash.readout
    assert dash.panels.view.spec["panels"][0]["note"] == ""
    dash.controls["p"].value = 0.0
    assert number_after(dash.readout, "row spread of W1:") == 0
    assert "distinct units 1 of 8" in dash.readout and "epochs to 95% accuracy: never" in dash.readout
    view = dash.panels.view
    assert "exactly 0" in view.spec["panels"][0]["note"] and np.isnan(view.arrays["spread"]).all()
    assert np.ptp(view.arrays["tiles"], axis=1).max() == 0  # eight identical maps throughout


# ----------------------------------------------------------------- notebook 05
def test_convex_dashboard_every_start_meets_the_zero_start():
    dash = convex_figures.ConvexDashboard()
    for scale, seed in ((3.0, 1), (10.0, 7), (0.1, 30)):
        dash.controls["scale"].value = scale
        dash.controls["seed"].value = seed
        assert "after 3000 steps: < 1e-11" in dash.readout
    assert "final loss 0.299357 and 0.299357" in dash.readout
    text = scrub(dash, 0)
    assert number_after(text, "the two starts are") > 0.1  # apart at the start (N(0, 0.1²) here)
    a = dash.panels.view.arrays
    assert np.isclose(a["path0_w1"][0, 0], 0) and np.isclose(a["path0_w2"][0, 0], 0)  # the zero start


# ----------------------------------------------------------------- figures
@pytest.mark.parametrize("make", [
    lambda: forward_backward.plot_forward_symmetry(),
    lambda: forward_backward.plot_rows("constant", 100),
    lambda: forward_backward.plot_width_comparison(),
    lambda: zeros_figures.plot_zero_init_losses(),
    lambda: zeros_figures.plot_start("constant", 0.5),
    lambda: zeros_figures.plot_starts_boundaries([("zeros", 0.0), ("he_normal", 0.0)]),
    lambda: dropout.plot_dropout(0.2),
    lambda: dropout.plot_dropout_spreads(ps=(0.2,), seeds=range(1)),
    lambda: convex_figures.plot_convex_starts(seeds=(1,)),
    lambda: convex_figures.plot_softmax_mirror(),
    lambda: convex_figures.plot_perceptron(),
    lambda: convex_figures.plot_segments(),
])
def test_figures_are_static_pngs_with_stable_text(make):
    fig = make()
    assert isinstance(fig, StaticFigure)
    assert re.fullmatch(r"<StaticFigure size \d+x\d+ with \d+ Axes>", repr(fig))  # no memory address
    assert fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"
    for ax in fig.axes:
        if ax.get_visible() and ax.get_label() not in ("<colorbar>", "unit map"):  # keys and maps label elsewhere
            assert ax.get_xlabel() and ax.get_ylabel(), ax.get_title()


def test_dashboards_have_short_text_reprs():
    for dash in (forward_backward.RowsDashboard(), convex_figures.ConvexDashboard()):
        assert dash._repr_mimebundle_()["text/plain"] == f"{type(dash).__name__}: run this cell to use the interactive dashboard"
