"""Presenter mode: apps/ holds one dashboard-only notebook per chapter dashboard, kept in sync with the
chapters (tools/build_notebooks.py writes them; Voilà serves them, tests/test_voila.py drives them)."""

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import build_notebooks  # noqa: E402

CHAPTERS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
                  if build_notebooks.dashboard_call(nbformat.read(p, as_version=4)))


def calls(path):
    """Every `module.something_dashboard(...)` call in a notebook's code cells, as written."""
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            found += [m.group(0) for m in re.finditer(r"\b\w+\.\w+_dashboard\([^)\n]*\)", cell.source)]
    return found


def test_every_chapter_dashboard_has_an_app_and_nothing_else_is_there():
    assert [p.name for p in CHAPTERS] == sorted(p.name for p in (ROOT / "apps").glob("*.ipynb"))
    assert len(CHAPTERS) == 7


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name[:2])
def test_app_calls_the_same_factory_as_its_chapter(chapter):
    app = ROOT / "apps" / chapter.name
    assert calls(app) == calls(chapter) and len(calls(app)) == 1
    cells = nbformat.read(app, as_version=4).cells
    notes = [c.source for c in nbformat.read(chapter, as_version=4).cells     # the chapter's cells tagged "app"
             if c.cell_type == "markdown" and "app" in c.metadata.get("tags", [])]
    assert [c.cell_type for c in cells] == ["markdown"] * (1 + len(notes)) + ["code", "code"]
    assert cells[0].source == f"## {build_notebooks.title(nbformat.read(chapter, as_version=4))}"
    assert [c.source for c in cells[1:1 + len(notes)]] == notes
    assert cells[1 + len(notes)].source.startswith("from symlab.lab import ")
    assert all(not c.get("outputs") for c in cells if c.cell_type == "code")  # Voilà runs them


def test_the_01_app_explains_its_scheme_menu():
    """Voilà shows no prose but the cells tagged "app": 01's says what the menu's numbers are (issue 19)."""
    from symlab.lab import dashboard
    text = " ".join(c.source for c in nbformat.read(ROOT / "apps" / "01_symmetry_dashboard.ipynb", as_version=4).cells
                    if c.cell_type == "markdown")
    assert "the numbers after each scheme are the notebooks that explain it" in text
    assert f"`{dashboard.SCHEME_MENU['constant']}` in notebooks 00 and 02" in text


def test_apps_are_up_to_date_with_the_sources():
    assert build_notebooks.main(["--check"]) == 0
