"""What a newcomer reads: notebook 07's printed tables keep their columns apart, its saturation figure shows
the curve that lay hidden under Xavier's, and notebook 01's scheme menu says what its numbers are."""

import contextlib
import io
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from symlab.lab import chains, dashboard, deep_relu, depth, depth_figures, depth_signal

ROOT = Path(__file__).resolve().parents[1]

#: A cell of a printed table: words joined by single spaces ("tanh, normal × 0.01"); cells are 2+ spaces apart
CELL = re.compile(r"\S+(?: \S+)*")
LINEAR_CHAINS = [("orthogonal", 1.0), ("lecun_normal", 1.0), ("he_normal", 1.0), ("normal", 0.01)]

#: Notebook 07's tables, as its cells print them: (call, title lines, header lines, columns)
TABLES = {
    "cs231n": (lambda: depth.compare_cs231n(), 0, 1, 4),
    "act_std": (lambda: depth.print_layer_table(field="act_std"), 0, 1, 6),
    "saturated": (lambda: depth.print_layer_table(depth.CS231N_SETTINGS[:3], field="saturated", digits=3), 0, 1, 4),
    "grad_std": (lambda: depth.print_layer_table(field="grad_std", digits=4), 0, 1, 6),
    "dW_std": (lambda: depth.print_layer_table(field="dW_std", digits=4), 0, 1, 6),
    "grad_median": (lambda: depth.print_layer_table(depth.CS231N_SETTINGS[:3], field="grad_median", digits=4),
                    0, 1, 4),
    "relu_ratio": (lambda: depth.print_layer_table(depth.CS231N_SETTINGS[3:], field="relu_ratio", digits=3),
                   0, 1, 3),
    "variance": (lambda: depth.print_variance_check(), 0, 2, 2),
    "depth_cases": (lambda: depth_signal.print_depth_cases(), 1, 1, 3),
    "linear_chains": (lambda: chains.print_chains(
        [chains.matrix_chain(init, scale, width=64, depth=100, dtype="float64", same_matrix=False)
         for init, scale in LINEAR_CHAINS]), 0, 2, 5),
    "chain_ratios": (lambda: chains.print_chain_ratios(), 1, 1, 4),
    "fastai_chains": (lambda: chains.print_chains(
        [chains.matrix_chain(dtype="float32"), chains.matrix_chain(dtype="float64", depth=250),
         chains.matrix_chain(scale=0.01, dtype="float32"), chains.matrix_chain(scale=0.01, dtype="float64"),
         chains.matrix_chain("lecun_normal", dtype="float32")]), 0, 2, 5),
    "deep_relu": (lambda: deep_relu.print_deep_relu(), 1, 1, 4),
}


def printed(call):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        call()
    return out.getvalue()


def cells(line):
    """(start, end, text) of each cell of a table line."""
    return [(m.start(), m.end(), m.group()) for m in CELL.finditer(line)]


def notebook_07_streams():
    nb = nbformat.read(ROOT / "notebooks" / "07_depth_xavier_he_orthogonal.ipynb", as_version=4)
    return "\n".join(o.text for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                     if o.output_type == "stream")


@pytest.mark.parametrize("name", sorted(TABLES))
def test_07_table_headers_stand_apart_over_their_columns(name):
    """Each header is 2+ spaces from the next and sits over its column: every cell below starts where its
    header starts (a left-aligned column) or ends where it ends (right-aligned), in every row; a header's
    second line lines up with its column too. Headers that ran together ("tanh, normal × 1 tanh,
    xavier_normal") would read as fewer headers than the rows have cells. The built notebook shows the same."""
    call, titles, heads, columns = TABLES[name]
    text = printed(call)
    lines = text.rstrip("\n").split("\n")[titles:]
    header, rows = cells(lines[0]), [cells(line) for line in lines[heads:]]
    assert len(header) == columns, f"{name}: {len(header)} headers, not {columns}:\n{lines[0]}"
    assert all(b[0] - a[1] >= 2 for a, b in zip(header, header[1:])), lines[0]
    assert len(rows) >= 2
    for line, row in zip(lines[heads:], rows):
        assert len(row) == columns, f"{name}: {len(row)} cells under {columns} headers:\n{lines[0]}\n{line}"
    sides = []
    for i, (start, end, head) in enumerate(header):
        left, right = all(row[i][0] == start for row in rows), all(row[i][1] == end for row in rows)
        assert left or right, f"{name}: column {head!r} is not aligned under its header:\n" + "\n".join(lines)
        sides.append(0 if left else 1)
    for line in lines[1:heads]:  # a header's further lines: each part on its column's aligned edge
        for start, end, part in cells(line):
            assert any((start, end)[side] == header[i][side] for i, side in enumerate(sides)), (part, line)
    assert text in notebook_07_streams(), f"notebooks/07 does not show today's {name} table: rebuild it"


def test_07_layer_table_columns_are_as_wide_as_their_labels_with_three_spaces_between():
    text = printed(lambda: depth.print_layer_table(field="act_std"))
    header = text.split("\n")[0]
    labels = [depth.stack_label(*key) for key in depth.CS231N_SETTINGS]
    assert header == "act_std    " + "   ".join(labels)  # "layer 10" is 8 wide, as is act_std + 1
    assert text.split("\n")[1].endswith(f"   {depth.deep_stack('relu', 'he_normal', 1.0).act_std[0]:.6f}")
    assert len(text.split("\n")[1]) == len(header)


def test_format_table_aligns_several_header_lines():
    lines = depth.format_table(["a", "bb\n(cc dd)"], [["x", "1"], ["yyyy", "22"]], "<>", gap=2)
    # widths 4 and 7 ("yyyy", "(cc dd)"), 2 spaces between: "a" + 3 + 2 + 5 spaces + "bb"
    assert lines == ["a" + " " * 10 + "bb", " " * 6 + "(cc dd)", "x" + " " * 11 + "1", "yyyy" + " " * 7 + "22"]


# ----------------------------------------------------------------------------------- 07's saturation panel
def test_07_saturation_panel_shows_the_curve_that_lay_under_xaviers():
    """With 0.01 * randn no tanh unit saturates at any layer, with Xavier 0.8% at layer 1, 0.002% at layer 2
    and none from layer 3: the two curves coincide to 0.008 (under two pixels), and the one drawn first
    (0.01) lay hidden under Xavier's. Now it is dashed with open markers, on top, and the panel's legend
    says they coincide, how closely and from where they are equal."""
    small_key, big_key, xavier_key = depth.CS231N_SETTINGS[:3]
    small, xavier = depth.deep_stack(*small_key).saturated, depth.deep_stack(*xavier_key).saturated
    assert np.all(small == 0) and np.all(xavier[2:] == 0) and 0.005 < xavier[0] < 0.01 and 0 < xavier[1] < 1e-3
    gap = np.max(np.abs(small - xavier))
    assert gap == xavier[0] and gap <= depth_figures.SAME_CURVE
    curves = {key: depth.deep_stack(*key).saturated for key in (small_key, xavier_key, big_key)}
    assert depth_figures.coinciding_curves(curves) == [(small_key, xavier_key)]  # normal × 1 (90%) stands apart

    fig = depth_figures.plot_layer_stats()
    ax = fig.axes[1]
    assert ax.get_title() == "Saturated tanh units per layer"
    lines = {line.get_label(): line for line in ax.get_lines()}
    hidden, top, apart = lines["tanh, normal × 0.01"], lines["tanh, xavier_normal"], lines["tanh, normal × 1"]
    assert np.array_equal(hidden.get_ydata(), small) and np.array_equal(top.get_ydata(), xavier)
    assert hidden.get_linestyle() == "--" and top.get_linestyle() == apart.get_linestyle() == "-"
    assert hidden.get_zorder() > top.get_zorder()                       # drawn over Xavier's
    assert hidden.get_markerfacecolor() == "none" and top.get_markerfacecolor() != "none"
    assert hidden.get_markersize() > top.get_markersize()              # Xavier's dots show inside the rings
    assert hidden.get_color() != top.get_color()
    legend = ax.get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts == ["tanh, xavier_normal",
                     "tanh, normal × 0.01 (dashed):\ncoincides with it (≤ 0.008 apart,\nequal from layer 3 on)"]
    assert f"≤ {gap:.1g} apart" in texts[1] and f"equal from layer {np.flatnonzero(small != xavier)[-1] + 2} on" \
        in texts[1]
    assert [h.get_linestyle() for h in legend.legend_handles] == ["-", "--"]
    assert fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"


# ----------------------------------------------------------------------------------- 01's scheme menu
MENU_NUMBERS = re.compile(r"^(\w+) \((\d\d(?:, \d\d)*)\)$")


def test_01_scheme_menu_says_its_numbers_are_the_notebooks_that_explain_each_scheme():
    menu = dashboard.symmetry_dashboard().controls["scheme"]
    assert menu.description == "init scheme"
    note = menu.tooltip  # on hovering the menu's label
    assert note == dashboard.SCHEME_MENU_NOTE
    assert "init scheme menu" in note and "numbers after each scheme are the notebooks that explain it" in note
    example = re.search(r"(\w+ \(\d\d(?:, \d\d)*\))", note).group(1)   # "constant (00, 02)"
    assert example in menu._options_labels
    name, numbers = MENU_NUMBERS.match(example).groups()
    assert f"notebooks {' and '.join(numbers.split(', '))}" in note
    for label in menu._options_labels:  # every label reads "scheme (NN, …)", and each NN is a notebook
        name, numbers = MENU_NUMBERS.match(label).groups()
        for number in numbers.split(", "):
            assert len(list((ROOT / "notebooks").glob(f"{number}_*.ipynb"))) == 1, label


def test_01_notebook_explains_the_menu_numbers_before_the_dashboard():
    nb = nbformat.read(ROOT / "notebooks" / "01_symmetry_dashboard.ipynb", as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "symmetry_dashboard()" in c.source)
    said = [c.source for c in nb.cells[:at] if c.cell_type == "markdown"
            and "the numbers after each scheme are the notebooks that explain it" in c.source]
    assert len(said) == 1
    assert "**init scheme** menu" in said[0]
    assert f"`{dashboard.SCHEME_MENU['constant']}` in notebooks 00 and 02" in said[0]


def read_page(stem):
    text = (ROOT / "pages" / f"{stem}.html").read_text(encoding="utf-8")
    data = re.search(r'<script id="symlab-data" type="application/json">(.*?)</script>', text, re.S).group(1)
    return json.loads(data.replace("<\\/", "</"))


def test_01_page_carries_the_same_labels_and_explanation():
    controls = {c["name"]: c for c in read_page("01_symmetry_dashboard")["controls"]}
    scheme = controls["scheme"]
    assert scheme["label"] == "init scheme" and scheme["tooltip"] == dashboard.SCHEME_MENU_NOTE
    assert [label for label, value in scheme["choices"]] == [dashboard.SCHEME_MENU[v] for _, v in scheme["choices"]]
    assert [c for c in controls.values() if "tooltip" in c] == [scheme]


def test_01_page_shows_the_explanation_under_its_title_and_on_the_menu(browser):
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        page.goto((ROOT / "pages" / "01_symmetry_dashboard.html").as_uri())
        page.wait_for_function("() => !!document.body.dataset.run")
        notes = page.locator(".page-note")
        assert notes.count() == 2 and notes.nth(1).inner_text() == dashboard.SCHEME_MENU_NOTE
        assert notes.nth(1).is_visible()
        assert float(notes.nth(1).evaluate("p => parseFloat(getComputedStyle(p).fontSize)")) >= 14
        label = page.locator(".page-controls > label").filter(has=page.locator("select[name='scheme']"))
        assert label.get_attribute("title") == dashboard.SCHEME_MENU_NOTE
        assert label.evaluate("l => l.firstChild.textContent") == "init scheme"
    finally:
        page.close()


def test_01_gradient_title_never_wraps_inside_a_number():
    """At 125% the dW1 panel is narrow: "max 5e-4" wrapped after its "-" and read as "5e-" over "4" (issue 19).
    The exponent's minus is a non-breaking hyphen (U+2011), which browsers never break after."""
    app = dashboard.symmetry_dashboard()
    titles = []
    for scheme in ("constant", "he_normal"):
        app.controls["scheme"].value = scheme
        panels = app.compute(app.values()).spec["panels"]
        titles += [t for p in panels for t in (p["title"] if isinstance(p["title"], list) else [p["title"]]) if "dW1" in t]
    assert titles and all(re.search(r"max \d(e\u2011\d+|e\+\d+)?$", t) for t in titles), titles[:3]
    assert any("\u2011" in t for t in titles)


def test_00_comparison_figure_text_reads_at_the_size_jupyterlab_shows_it():
    """00's figure is 990 px wide and shown about 590 px wide beside JupyterLab's file browser at 1024 x 768 (a
    teacher's trial measured ~7 px text): titles, labels and ticks are scaled so that they stay >= 8 px there."""
    from matplotlib.text import Text

    fig = dashboard.plot_init_comparison([("zeros", 0.0), ("constant", 0.5), ("he_normal", 1.0)])
    shown = 590 / (fig.get_figwidth() * fig.dpi)                      # displayed px per figure px
    texts = [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]
    px = {t.get_text(): t.get_fontsize() * fig.dpi / 72 * shown for t in texts}   # points -> displayed px
    titles = [t.get_text() for ax in fig.axes for t in (ax.title,) if t.get_text()]
    assert titles and min(px[t] for t in titles) >= 10, {t: round(px[t], 1) for t in titles}
    small = {t: round(v, 1) for t, v in px.items() if v < 8 and not t.isdigit()}   # the tiles' numbers may be smaller
    assert not small, small
