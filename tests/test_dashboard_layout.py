"""Every dashboard (notebooks 01-06) driven from Python with real ipympl canvases: panels that fit a
projector, text that can be read, blitting that redraws only what changed, and the review's fixes.

The canvases are ipympl's (made directly, no pyplot): they draw with Agg here and count their full draws.
The browser side (layout at 1024 px, dragging, play) is in test_browser.py.
"""

import re

import numpy as np
import pytest
from matplotlib.text import Text

from symlab.lab import convex_figures, dashboard, dropout, figures, forward_backward, scale_figures, zeros_figures
from symlab.lab.apps import play_button

DASHBOARDS = {
    "01": dashboard.SymmetryDashboard, "02": forward_backward.RowsDashboard, "03": zeros_figures.StartsDashboard,
    "04": dropout.DropoutDashboard, "05": convex_figures.ConvexDashboard, "06": scale_figures.ScaleDashboard,
}
MIN_PX = 10  # figure text on screen, at 100% zoom


def make(number, **kwargs):
    return DASHBOARDS[number](use_ipympl=True, **kwargs)


def full_draws(dash):
    """Full draws so far, per panel."""
    return [dash.blitter.counts[id(fig)] for fig in dash.figs]


@pytest.fixture(autouse=True)
def counted(monkeypatch):
    """Count full draws per figure (Blitter.full_draws counts them all)."""
    original = figures.Blitter._on_draw

    def on_draw(self, fig):
        self.counts = getattr(self, "counts", {})
        self.counts[id(fig)] = self.counts.get(id(fig), 0) + 1
        original(self, fig)

    monkeypatch.setattr(figures.Blitter, "_on_draw", on_draw)


@pytest.mark.parametrize("number", sorted(DASHBOARDS))
def test_panels_are_small_separate_canvases_that_wrap(number):
    dash = make(number)
    assert len(dash.figs) in (2, 3) and [type(view).__name__ for view in dash.views] == ["Canvas"] * len(dash.figs)
    for fig in dash.figs:
        width, height = fig.get_size_inches() * fig.dpi
        assert width <= 297 and height <= 270  # two abreast beside JupyterLab's file browser at 1024 px
    assert dash.panel_box.layout.flex_flow == "row wrap"
    rows = dash.widget.children[:-2]
    assert rows and all(row.layout.flex_flow == "row wrap" for row in rows)


@pytest.mark.parametrize("number", sorted(DASHBOARDS))
def test_figure_text_is_at_least_10_px(number):
    dash = make(number)
    for fig in dash.figs:
        fig.canvas.draw()  # creates every tick label
        for text in fig.findobj(Text):
            if text.get_visible() and text.get_text().strip() and text.get_figure() is fig:
                px = text.get_fontsize() * fig.dpi / 72
                assert px >= MIN_PX, (number, text.get_text(), px)


@pytest.mark.parametrize("number", sorted(DASHBOARDS))
def test_sliders_keep_their_length_and_epoch_scrubbers_can_play(number):
    dash = make(number)
    for control in dash.controls.values():
        assert control.layout.width and control.layout.width == control.layout.min_width, control.description
        if "Slider" in type(control).__name__:
            assert int(control.layout.width.rstrip("px")) >= (400 if "Log" in type(control).__name__ else 344)
    if "epoch" in dash.controls:
        slider, play = dash.controls["epoch"], dash.play
        assert (play.min, play.max, play.value) == (slider.min, slider.max, slider.value)
        assert play.step % slider.step == 0 and 50 <= play.interval <= 400
        assert (play.max - play.min) / play.step * play.interval / 1000 == pytest.approx(8, rel=0.25)


def test_play_button_skips_epochs_rather_than_flood_the_kernel():
    from symlab.lab.apps import epoch_slider

    play = play_button(epoch_slider(0, 1000), seconds=8, fastest=0.05)
    assert play.interval >= 50 and play.step == 7 and play.max == 1000


# (dashboard, control, value, panels redrawn in full: only where an axis changes)
MOVES = [
    ("01", "scheme", "he_normal", []), ("01", "seed", 1, []), ("01", "lr", 1.0, []), ("01", "epoch", 100, []),
    ("01", "hidden", 9, [1]), ("01", "activation", "relu", [0]), ("01", "grad_colours", "frame", [1]),
    ("02", "epoch", 1, []), ("02", "epoch", 150, []), ("02", "scheme", "he_normal", [0]),
    ("03", "bias_scale", 0.05, []), ("03", "labels", "unbalanced", []),
    ("04", "p", 0.25, []), ("04", "seed", 1, []),
    ("05", "seed", 2, []), ("05", "scale", 10 ** 0.6, []),
    ("06", "scale", 10 ** 0.1, [0]), ("06", "scale", 10 ** 0.2, [1]), ("06", "activation", "relu", [1]),
]


@pytest.mark.parametrize("number,name,value,redrawn", MOVES, ids=[f"{m[0]}-{m[1]}={m[2]!s:.6}" for m in MOVES])
def test_blitting_redraws_only_panels_whose_axes_changed(number, name, value, redrawn):
    dash = make(number)
    if number == "06" and value == 10 ** 0.2:
        dash.controls["scale"].value = 10 ** 0.1
    before = full_draws(dash)
    dash.controls[name].value = value
    after = full_draws(dash)
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == redrawn
    assert not any(fig.stale for fig in dash.figs)


def test_blitted_panels_show_what_a_full_redraw_shows():
    dash = make("01", scheme="he_normal")
    for name, value in (("epoch", 40), ("seed", 3), ("epoch", 120)):
        dash.controls[name].value = value
    blitted = [np.asarray(fig.canvas.buffer_rgba()).copy() for fig in dash.figs]
    fresh = make("01", scheme="he_normal", seed=3)
    fresh.controls["epoch"].value = 120
    for fig, picture in zip(fresh.figs, blitted):
        fig.canvas.draw()
        assert np.mean(np.any(np.asarray(fig.canvas.buffer_rgba()) != picture, axis=2)) < 0.01


# ------------------------------------------------------------- found in review
def red_columns(fig, ax, line):
    """The share of the axes' width where ``line``'s colour shows."""
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba()).astype(int)
    colour = np.array([int(line.get_color()[i:i + 2], 16) for i in (1, 3, 5)]) if isinstance(line.get_color(), str) \
        and line.get_color().startswith("#") else (np.array(__import__("matplotlib").colors.to_rgb(line.get_color())) * 255)
    box = ax.get_window_extent()
    height = pixels.shape[0]
    region = pixels[int(height - box.y1):int(height - box.y0), int(box.x0):int(box.x1), :3]
    near = np.all(np.abs(region - colour) < 40, axis=2)
    return near.any(axis=0).mean()


def test_06_loss_curve_on_the_chance_line_is_visible_over_its_whole_length():
    """A white note box sat over the curve's right half when the loss stayed at ln 2 (scale 0.001)."""
    dash = make("06", scale=0.001)
    assert np.isfinite(dash.run.history.loss).all() and dash.run.history.loss[-1] == pytest.approx(np.log(2), abs=1e-6)
    assert red_columns(dash.figs[2], dash.panels.ax_loss, dash.panels.loss_line) > 0.97
    boxes = [t for t in dash.panels.ax_loss.texts if t.get_bbox_patch() is not None and t.get_visible()]
    assert boxes == []


def test_01_dw1_colours_have_a_fixed_scale_that_shows_magnitude():
    dash = make("01")  # constant start: max |dW1| about 5e-4 at the end
    assert dash.controls["grad_colours"].value == "fixed"
    assert "fixed log scale" in dash.panels.colorbar.ax.get_ylabel()
    small = dash.panels.grad_image.norm(3e-5)
    large = dash.panels.grad_image.norm(5e-3)
    assert abs(large - 0.5) > abs(small - 0.5) + 0.15  # 5e-3 is a stronger colour than 3e-5
    before = np.abs(dash.panels.grad_image.get_array()).max()
    dash.controls["grad_colours"].value = "frame"
    assert np.abs(dash.panels.grad_image.get_array()).max() == 1.0 > before
    assert "largest" in dash.panels.colorbar.ax.get_ylabel()


def test_01_diverged_run_keeps_a_readable_axis_and_says_where_it_cuts():
    dash = make("01", scheme="normal", scale=10.0, activation="linear", lr=100.0)
    assert dash.run.history.diverged
    low, high = dash.panels.ax_units.get_ylim()
    assert high <= 1.04 * figures.UNIT_TOP and low >= -1.04 * figures.UNIT_TOP
    assert "cut at ±100" in dash.panels.ax_units.get_title()


@pytest.mark.parametrize("number", ["02", "03"])
def test_decision_boundaries_have_a_colour_key(number):
    dash = make(number)
    key = dash.panels.boundary.key
    assert key.ax.get_ylabel() == "P(label 1)" and list(key.get_ticks()) == [0, 0.5, 1]


def test_06_scale_prints_with_the_digits_of_its_slider():
    dash = make("06")
    slider = dash.controls["scale"]
    for exponent in (-2.3, 0.1, 1.0, 1.5, 2.0):
        slider.value = 10 ** exponent
        # what the slider's readout shows: d3-format's "g" in the browser keeps trailing zeros, as "#g" does here
        shown = format(slider.value, "#" + slider.readout_format)
        assert re.search(rf"<b>scale {re.escape(shown)},", dash.readout.value), (shown, dash.readout.value)
        assert f"at scale {shown}\n" in dash.panels.ax_z.get_title()
        assert dash.run.settings["scale"] == float(shown)


def test_no_dashboard_leaves_figures_open_in_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for number in DASHBOARDS:
        make(number)
    assert plt.get_fignums() == before


def test_prefetch_computes_the_next_steps_while_the_learner_looks():
    """After a move, the settings one step away are computed on the kernel's event loop (here: asyncio's),
    so the next step is a cache hit; the first drawing prefetches nothing."""
    import asyncio

    from symlab.lab import scale as scale_module

    cache = scale_module._scale_run

    async def session():
        dash = make("06")
        misses = cache.cache_info().misses
        await asyncio.sleep(0.5)
        assert cache.cache_info().misses == misses  # nothing before the learner moves something
        dash.controls["scale"].value = 10 ** 0.1  # as from the browser
        misses = cache.cache_info().misses
        await asyncio.sleep(3)  # four neighbours: the scale up and down, the two other activations
        assert cache.cache_info().misses > misses
        misses = cache.cache_info().misses
        dash.controls["scale"].value = 10 ** 0.2  # the next step: already computed
        assert cache.cache_info().misses == misses
        dash.controls["scale"].value = 10 ** 0.1
        dash.controls["activation"].value = "relu"  # the other controls' steps too
        assert cache.cache_info().misses == misses and dash.run.settings["activation"] == "relu"

    asyncio.run(session())
