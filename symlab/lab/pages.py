"""Static pages: every dashboard as one self-contained HTML file, alive without a kernel.

A page holds the runs of a grid of settings that it names, computed here with the
numpy core exactly as the dashboard computes them (each run a
:class:`~symlab.lab.view.View`, gzip-compressed and base64-encoded), the renderer
``web/panels.js`` and its CSS inline, and a few lines that build the controls from
the grid and hand the renderer a small stand-in for the widget model. Opened from
disk (file://), with no server, kernel or network, its controls move among the
precomputed settings, and the scrubber and ▶ play work as in the notebook.

Build them with ``python tools/build_pages.py`` (the ``pages/`` folder).
"""

import base64
import gzip
import html
import itertools
import json

from .view import WEB

#: Each page: its title, the dashboard factory, and the grid of control values it holds (controls not
#: named keep their starting value). Chosen so that every page stays well under 10 MB.
PAGES = {
    "01_symmetry_dashboard": dict(
        title="The symmetry dashboard (notebook 01)", module="dashboard", factory="symmetry_dashboard",
        grid=dict(scheme=["zeros", "constant", "tied_normal", "normal", "xavier_normal", "he_normal"],
                  scale=[0.01, 0.1, 1.0, 10.0], activation=["tanh", "relu"])),
    "02_forward_and_backward_symmetry": dict(
        title="Rows of W1 through training (notebook 02)", module="forward_backward", factory="rows_dashboard",
        grid=dict(scheme=["constant", "tied_normal", "he_normal"], activation=["sigmoid", "tanh", "relu"])),
    "03_zeros_constants_and_what_breaks_symmetry": dict(
        title="What breaks the symmetry (notebook 03)", module="zeros_figures", factory="starts_dashboard",
        record_every=10,  # 33 frames (the notebook's dashboard has 63): the page stays < 10 MB
        grid=dict(start=["zeros", "constant", "tied_normal", "zero_W2", "zero_W1", "he_normal"],
                  activation=["sigmoid", "tanh", "relu"], labels=["balanced", "unbalanced"],
                  bias_scale=[0.0, 0.5])),
    "04_dropout_and_symmetry": dict(
        title="Dropout on a constant start (notebook 04)", module="dropout", factory="dropout_dashboard",
        grid=dict(p=[0.0, 0.1, 0.2, 0.3, 0.5], seed=[0, 1, 2])),
    "05_when_init_does_not_matter": dict(
        title="Logistic regression from any start (notebook 05)", module="convex_figures",
        factory="convex_dashboard", grid=dict(scale=[0.1, 0.3, 1.0, 3.0, 10.0], seed=[1, 2, 3, 4, 5])),
    "06_scale_saturation_and_vanishing": dict(
        title="Init scale: saturation and vanishing gradients (notebook 06)", module="scale_figures",
        factory="scale_dashboard",
        grid=dict(scale=[round(10 ** (e / 10), 10) for e in range(-30, 21)], activation=["tanh", "sigmoid", "relu"])),
    "07_depth_xavier_he_orthogonal": dict(
        title="Signals and gradients through depth (notebook 07)", module="depth_figures", factory="depth_dashboard",
        grid=dict(scheme=["normal", "lecun_normal", "xavier_normal", "he_normal", "orthogonal"],
                  scale=[0.1, 0.5, 1.0, 2.0], depth=[5, 10, 20, 30], activation=["tanh", "relu", "sigmoid"])),
}
#: The largest page the builder writes (bytes)
MAX_BYTES = 10_000_000


def page_controls(dash, grid):
    """The page's controls: for each control in ``grid``, its label, the (label, value) choices, and its
    tooltip if it has one (the page shows it on hovering the control and prints it under the title)."""
    controls = []
    for name, values in grid.items():
        control = dash.controls[name]
        select = hasattr(control, "_options_values")  # a dropdown: its own labels; a slider: the value
        labels = dict(zip(control._options_values, control._options_labels)) if select else {}
        kind = "select" if select else "range"
        controls.append(dict(name=name, label=control.description, kind=kind,
                             choices=[[labels.get(v, f"{v:.3g}" if isinstance(v, float) else str(v)), v]
                                      for v in values], **({"tooltip": control.tooltip} if control.tooltip else {})))
    return controls


def page_runs(dash, grid):
    """({key: token}, {token: compressed view}) for every setting of ``grid``: the key lists each control's
    index in its grid ("0,2"); settings the dashboard treats as one (zeros at any scale) share a token."""
    runs, views = {}, {}
    for indices in itertools.product(*(range(len(v)) for v in grid.values())):
        combo = [values[i] for values, i in zip(grid.values(), indices)]
        values = {**dash.values(), **dict(zip(grid, combo))}
        settings = dash.settings(values)
        token = json.dumps(sorted(settings.items()))
        if token not in views:
            spec, data = dash.compute(values).pack()
            views[token] = dict(spec=spec, data=base64.b64encode(gzip.compress(data, 9, mtime=0)).decode("ascii"))
        runs[",".join(map(str, indices))] = token
    return runs, views


def _nearest(values, value):
    """The index of ``value`` in ``values``, or of the nearest number (a page starts where the dashboard does)."""
    if value in values:
        return values.index(value)
    numbers = [abs(v - value) if isinstance(v, (int, float)) and isinstance(value, (int, float)) else float("inf")
               for v in values]
    return int(min(range(len(values)), key=numbers.__getitem__))


def build_page(name):
    """The HTML text of page ``name`` (a key of :data:`PAGES`)."""
    import importlib

    page = PAGES[name]
    module = importlib.import_module(f"symlab.lab.{page['module']}")
    dash = getattr(module, page["factory"])()
    if "record_every" in page:
        dash.record_every = page["record_every"]
        dash._views.clear()  # the starting view was recorded at the notebook's interval
    first = {k: _nearest(v, dash.values()[k]) for k, v in page["grid"].items()}
    runs, views = page_runs(dash, page["grid"])
    fixed = {dash.controls[n].description: v for n, v in dash.values().items() if n not in page["grid"]}
    data = dict(title=page["title"], controls=page_controls(dash, page["grid"]), first=first, runs=runs,
                views=views, fixed={k: (f"{v:.3g}" if isinstance(v, float) else str(v)) for k, v in fixed.items()})
    module_js = (WEB / "panels.js").read_text().replace("export function mount", "function mount") \
        .replace("export default", "const widget =")
    text = TEMPLATE.format(title=html.escape(page["title"]), css=(WEB / "panels.css").read_text(),
                           data=json.dumps(data, separators=(",", ":")).replace("</", "<\\/"),
                           module=module_js, driver=(WEB / "page.js").read_text())
    if len(text.encode()) > MAX_BYTES:
        raise ValueError(f"page {name!r} is {len(text.encode()) / 1e6:.1f} MB, more than {MAX_BYTES / 1e6:g} MB: "
                         "make its grid smaller")
    return text


TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — symlab</title>
<style>
body {{ margin: 12px 16px; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }}
h1 {{ font-size: 18px; margin: 0 0 4px; }}
.page-note {{ color: #444; margin: 0 0 8px; font-size: 14px; }}
.page-controls {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 6px 14px;
                  margin-bottom: 6px; }}
.page-controls label {{ display: flex; align-items: center; gap: 8px; font-size: 14px; }}
.page-controls select, .page-controls input {{ font: inherit; flex: 1 1 auto; min-width: 0; }}
.page-controls output {{ min-width: 3.5em; font-variant-numeric: tabular-nums; }}
{css}
</style></head>
<body>
<h1>{title}</h1>
<p class="page-note"></p>
<div class="page-controls symlab-dashboard"></div>
<div class="page-panels"></div>
<script id="symlab-data" type="application/json">{data}</script>
<script type="module">
{module}
{driver}
</script>
</body></html>
"""
