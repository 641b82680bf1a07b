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
    assert [c.cell_type for c in cells] == ["markdown", "code", "code"]
    assert cells[0].source == f"## {build_notebooks.title(nbformat.read(chapter, as_version=4))}"
    assert cells[1].source.startswith("from symlab.lab import ")
    assert all(not c.get("outputs") for c in cells if c.cell_type == "code")  # Voilà runs them


def test_apps_are_up_to_date_with_the_sources():
    assert build_notebooks.main(["--check"]) == 0
