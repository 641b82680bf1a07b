"""Every dashboard (notebooks 01-06) from Python: the View it sends is well formed, labelled and small;
prefetching works; the 06 readout prints the slider's digits. The browser side is in test_browser.py."""

import json
import re

import numpy as np
import pytest

from symlab.lab import (convex_figures, dashboard, depth_figures, dropout, forward_backward, scale_figures, view,
                        zeros_figures)

DASHBOARDS = {
    "01": dashboard.SymmetryDashboard, "02": forward_backward.RowsDashboard, "03": zeros_figures.StartsDashboard,
    "04": dropout.DropoutDashboard, "05": convex_figures.ConvexDashboard, "06": scale_figures.ScaleDashboard,
    "07": depth_figures.DepthDashboard,
}
#: the largest message a default setting sends (bytes): one message per new setting
MESSAGE_BYTES = 1_600_000


@pytest.mark.parametrize("number", sorted(DASHBOARDS))
def test_the_view_is_well_formed_titled_labelled_and_small(number):
    dash = DASHBOARDS[number]()
    v = dash.panels.view
    spec, data = v.pack()
    frames = spec["frames"]
    assert frames == sorted(frames) and len(set(frames)) == len(frames)
    readout = spec["readout"]
    assert isinstance(readout, str) or len(readout) == len(frames)
    json.dumps(spec)  # the spec travels as JSON
    assert len(data) <= MESSAGE_BYTES, len(data)
    for name, entry in spec["arrays"].items():  # the browser reads each array where the index says
        assert entry["offset"] % 4 == 0
        dtype = np.dtype(entry["dtype"]).newbyteorder("<")
        size = int(np.prod(entry["shape"])) * dtype.itemsize
        raw = np.frombuffer(data[entry["offset"]:entry["offset"] + size], dtype=dtype)
        assert np.array_equal(raw.reshape(entry["shape"]), v.arrays[name], equal_nan=True)
        assert not np.isinf(v.arrays[name]).any()  # overflow arrives as NaN (a gap), never as inf
    for panel in spec["panels"]:
        titles = panel["title"] if isinstance(panel["title"], list) else [panel["title"]]
        assert all(t.strip() for t in titles) and len(titles) in (1, len(frames))
        assert max(len(line) for t in titles for line in t.split("\n")) <= 33  # two short lines, no wrapping
        if panel["kind"] == "plot":
            for axis in ("x", "y"):
                a = panel[axis]
                assert a.get("label") or a.get("ticks") or a.get("hide_ticks") is False or axis == "y", (panel, axis)
            if not panel.get("square") and "ticks" not in panel["x"]:
                assert panel["x"]["label"] and panel["y"].get("label"), panel["title"]
        for frame in (0, len(frames) - 1):
            assert v.digest(spec["panels"].index(panel), frame)  # what a browser test compares


def test_arrays_that_overflow_arrive_as_gaps():
    v = view.View([0], "")
    v.array("x", np.array([1.0, np.inf, -np.inf, np.nan, 1e300]))
    assert np.isnan(v.arrays["x"][1:]).all() and v.arrays["x"][0] == 1  # 1e300 overflows float32: a gap too


def test_06_scale_prints_with_the_digits_of_its_slider():
    dash = scale_figures.ScaleDashboard()
    slider = dash.controls["scale"]
    for exponent in (-2.3, 0.1, 1.0, 1.5, 2.0):
        slider.value = 10 ** exponent
        # what the slider's readout shows: d3-format's "g" in the browser keeps trailing zeros, as "#g" does here
        shown = format(slider.value, "#" + slider.readout_format)
        assert re.search(rf"<b>scale {re.escape(shown)},", dash.readout), (shown, dash.readout)
        assert dash.run.settings["scale"] == float(shown)


def test_06_loss_on_the_chance_line_is_drawn_and_nothing_covers_it():
    dash = scale_figures.ScaleDashboard(scale=0.001)
    loss = dash.run.history.loss
    assert np.isfinite(loss).all() and loss[-1] == pytest.approx(np.log(2), abs=1e-6)
    panel = dash.panels.view.spec["panels"][2]
    assert not panel.get("note") and panel["legend"]  # the key sits under the plot, not on it


def test_no_dashboard_leaves_figures_open_in_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for cls in DASHBOARDS.values():
        cls()
    assert plt.get_fignums() == before


def test_prefetch_computes_the_next_steps_while_the_learner_looks():
    """After a move, the settings one step away are computed on the kernel's event loop (here: asyncio's),
    so the next step is a cache hit; the first drawing prefetches nothing."""
    import asyncio

    async def session():
        dash = scale_figures.ScaleDashboard()
        await asyncio.sleep(0.5)
        assert len(dash._views) == 1  # nothing before the learner moves something
        dash.controls["scale"].value = 10 ** 0.1  # as from the browser
        await asyncio.sleep(3)  # four neighbours: the scale up and down, the two other activations
        assert len(dash._views) >= 5
        cached = len(dash._views)
        dash.controls["scale"].value = 10 ** 0.2  # the next step: already computed
        assert len(dash._views) == cached
        dash.controls["scale"].value = 10 ** 0.1
        dash.controls["activation"].value = "relu"  # the other controls' steps too
        assert len(dash._views) == cached and dash.run.settings["activation"] == "relu"

    asyncio.run(session())


#: Control moves (applied in order) after which each dashboard's one-line call is evaluated
STATES = {
    "01": [dict(scheme="he_normal"), dict(scale=3.0, hidden=3, seed=2), dict(display="slice/frame", lr=0.5),
           dict(scheme="zeros", activation="relu")],
    "02": [dict(scheme="he_normal"), dict(activation="sigmoid")],
    "03": [dict(start="zero_W2"), dict(bias_scale=0.35, labels="unbalanced")],
    "04": [dict(p=0.1), dict(seed=3)],
    "05": [dict(scale=10 ** 0.3), dict(seed=7)],
    "06": [dict(scale=10 ** -1.7), dict(activation="relu")],
    "07": [dict(scheme="he_normal", activation="relu"), dict(depth=23, width=64, scale=10 ** 0.2)],
}


@pytest.mark.parametrize("number", sorted(DASHBOARDS))
def test_the_one_line_call_rebuilds_the_same_view(number):
    """Every dashboard shows the call that rebuilds what is on screen (``Dashboard.call``; the browser shows
    ``spec["call"]`` with the epoch shown in place of {epoch}, tests/browser.py compares the two). Evaluated,
    it gives the same readout, the same epoch and the same drawn data."""
    import importlib

    dash = DASHBOARDS[number]()
    for changes in STATES[number]:
        for name, value in changes.items():
            dash.controls[name].value = value
        frames = dash.panels.view.spec["frames"]
        if len(frames) > 1:
            dash.panels.frame = len(frames) // 3  # as the scrubber leaves it
        line = dash.call()
        assert dash.panels.spec["call"].replace("{epoch}", str(dash.panels.epoch)) == line
        module = line.split(".")[0]
        rebuilt = eval(line, {module: importlib.import_module(f"symlab.lab.{module}")})
        assert rebuilt.readout == dash.readout and rebuilt.panels.epoch == dash.panels.epoch, line
        frame = dash.panels.frame
        assert rebuilt.panels.frame == frame
        for i in range(len(dash.panels.view.spec["panels"])):
            assert rebuilt.panels.view.digest(i, frame) == dash.panels.view.digest(i, frame), (line, i)
