"""The widget apps and figures of notebooks 02-05, driven from Python: readouts, plotted data, previews."""

import re

import numpy as np
import pytest

import symlab
from symlab.lab import convex_figures, dropout, figures, forward_backward, zeros, zeros_figures
from symlab.lab.figures import StaticFigure

def number_after(text, label):
    """The number that follows ``label`` in a readout (HTML tags removed)."""
    plain = re.sub(r"<[^>]+>", "", text)
    match = re.search(re.escape(label) + r"\s*([-+0-9.e]+)", plain)
    assert match, f"{label!r} not in {plain!r}"
    return float(match.group(1))


# ----------------------------------------------------------------- notebook 02
def test_rows_dashboard_constant_rows_move_together():
    dash = forward_backward.RowsDashboard(use_ipympl=False)
    assert all(view.value[:8] == b"\x89PNG\r\n\x1a\n" for view in dash.views)  # one PNG per panel
    assert number_after(dash.readout.value, "row spread of W1:") == 0
    assert "distinct hidden units: 1 of 4" in dash.readout.value
    run = dash.run
    for epoch in (50, 200):
        dash.controls["epoch"].value = epoch
        assert dash.run is run  # scrubbing does not retrain
        heads = dash.panels.heads.get_offsets()
        assert np.allclose(heads, run.history.snapshot(epoch).params["W1"])
        assert np.ptp(heads, axis=0).max() == 0  # one dot
        assert f"epoch {epoch}" in dash.readout.value
    assert not np.allclose(dash.panels.heads.get_offsets()[0], [0.5, 0.5])  # ... which moved
    path = dash.panels.paths[0].get_xydata()
    assert len(path) == 201 and np.allclose(path[0], [0.5, 0.5])


def test_rows_dashboard_he_start_shows_four_different_rows():
    dash = forward_backward.RowsDashboard(use_ipympl=False)
    dash.controls["epoch"].value = 100
    dash.controls["scheme"].value = "he_normal"
    assert dash.controls["epoch"].value == 100
    spread = symlab.row_spread(forward_backward.rows_run("he_normal").history.snapshot(100).params["W1"])
    assert number_after(dash.readout.value, "row spread of W1:") == pytest.approx(spread, rel=5e-3)
    assert "4 of 4" in dash.readout.value
    assert symlab.distinct_units(dash.panels.heads.get_offsets()) == 4
    dash.controls["scheme"].value = "tied_normal"
    assert number_after(dash.readout.value, "row spread of W1:") == 0


# ----------------------------------------------------------------- notebook 03
def test_starts_dashboard_readout_follows_the_controls():
    dash = zeros_figures.StartsDashboard(use_ipympl=False)
    assert "distinct hidden units: 1 of 8" in dash.readout.value
    dash.controls["start"].value = "zero_W2"
    assert "distinct hidden units: 8 of 8" in dash.readout.value
    assert number_after(dash.readout.value, "max |dW1| at step 0:") == 0
    dash.controls["start"].value = "constant"
    dash.controls["bias_scale"].value = 0.5
    summary = zeros.start_summary(zeros.start_run("constant", bias_scale=0.5))
    assert "distinct hidden units: 8 of 8" in dash.readout.value
    assert number_after(dash.readout.value, "final loss") == pytest.approx(summary["final_loss"], abs=5e-4)
    dash.controls["start"].value = "zeros"
    dash.controls["bias_scale"].value = 0.0
    dash.controls["activation"].value = "relu"
    dash.controls["labels"].value = "unbalanced"
    assert number_after(dash.readout.value, "(chance") == pytest.approx(0.598, abs=5e-4)
    assert number_after(dash.readout.value, "final loss") == pytest.approx(0.598, abs=5e-4)
    chance_line = dash.panels.chance.get_ydata()
    assert chance_line[0] == pytest.approx(symlab.label_entropy(zeros.label_set("unbalanced")[1]))
    assert len(dash.panels.boundary.ax.collections[0].get_offsets()) == 140  # the unbalanced points


# ----------------------------------------------------------------- notebook 04
def test_dropout_dashboard_p_zero_means_no_split():
    dash = dropout.DropoutDashboard(use_ipympl=False)
    d = dropout.dropout_summary(dropout.dropout_run(0.2))
    assert number_after(dash.readout.value, "row spread of W1:") == pytest.approx(d["spread_first"], rel=0.01)
    assert f"epochs to 95% accuracy: {d['to95']}" in dash.readout.value
    assert not dash.panels.zero_note.get_visible()
    dash.controls["p"].value = 0.0
    assert number_after(dash.readout.value, "row spread of W1:") == 0
    assert "distinct units 1 of 8" in dash.readout.value and "epochs to 95% accuracy: never" in dash.readout.value
    assert dash.panels.zero_note.get_visible() and len(dash.panels.spread.get_xdata()) == 0


# ----------------------------------------------------------------- notebook 05
def test_convex_dashboard_every_start_meets_the_zero_start():
    dash = convex_figures.ConvexDashboard(use_ipympl=False)
    for scale, seed in ((3.0, 1), (10.0, 7), (0.1, 30)):
        dash.controls["scale"].value = scale
        dash.controls["seed"].value = seed
        assert number_after(dash.readout.value, "final weights differ by") < 1e-10
    assert "final loss 0.299357 and 0.299357" in dash.readout.value


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
        if ax.get_visible() and ax.get_label() != "<colorbar>":  # a colour key's label is its ylabel
            assert ax.get_xlabel() and ax.get_ylabel(), ax.get_title()


def test_width_figure_titles_state_the_measured_accuracies():
    fig = forward_backward.plot_width_comparison()
    titles = [ax.get_title() for ax in fig.axes[:4]]
    assert fig.axes[4].get_ylabel() == "P(label 1)"  # one colour key for the row
    assert titles == ["constant, H = 2\n1 distinct unit, accuracy 58%",
                      "constant, H = 8\n1 distinct unit, accuracy 51%",
                      "constant, H = 32\n1 distinct unit, accuracy 51%",
                      "he_normal, H = 8\n8 distinct units, accuracy 100%"]


def test_dashboards_have_short_text_reprs():
    for dash in (forward_backward.RowsDashboard(use_ipympl=False), convex_figures.ConvexDashboard(use_ipympl=False)):
        assert dash._repr_mimebundle_()["text/plain"] == f"{type(dash).__name__}: run this cell to use the interactive dashboard"


def test_rows_figure_blitting_draws_the_same_picture_as_a_full_redraw():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    run = forward_backward.rows_run("he_normal")

    def panel_figures():
        figs = [StaticFigure(figsize=size, dpi=90) for size in (figures.PANEL, figures.PANEL, figures.BOUNDARY_PANEL)]
        for fig in figs:
            FigureCanvasAgg(fig)
        return figs

    figs = panel_figures()
    panels = forward_backward.RowsFigure(figs)
    blitter = figures.Blitter(figs, panels.frame_artists)
    panels.show(run, 0)
    blitter.render(None)
    assert blitter.full_draws == 3
    for epoch in (40, 120):  # the axes stay: only the changing artists are blitted
        panels.show(run, epoch)
        blitter.render(0)
    assert blitter.full_draws == 3 and panels.heads.get_animated()
    reference = panel_figures()
    forward_backward.RowsFigure(reference).show(run, 120)
    for fig, ref in zip(figs, reference):
        ref.canvas.draw()
        differing = np.mean(np.any(np.asarray(fig.canvas.buffer_rgba()) != np.asarray(ref.canvas.buffer_rgba()), axis=2))
        assert differing < 0.01
