"""The stored notebooks: clean outputs, in sync with their sources, no answers given away,
links that resolve, and exercise solutions that pass their own checks."""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import jupytext
import nbformat
import pytest

from symlab.lab import check
from symlab.lab.exercises import is_right
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOURCES = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.py"))
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
TIMING = re.compile(r"\d+(\.\d+)?\s?(ms|sec|seconds)\b|\d+(\.\d+)?\s?s/it|it/s\]|\[\d\d:\d\d<\d\d:\d\d")


def test_every_source_has_a_notebook_and_back():
    assert [p.stem for p in SOURCES] == [p.stem for p in NOTEBOOKS]
    assert len(NOTEBOOKS) >= 2


def output_texts(cell):
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            yield output.name, output.text
        elif output.output_type in ("execute_result", "display_data"):
            yield "data", output.data.get("text/plain", "") + output.data.get("text/html", "")
        else:
            yield output.output_type, str(output)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_clean_and_in_order(path):
    notebook = nbformat.read(path, as_version=4)
    assert "widgets" not in notebook.metadata, "widget state should be stripped"
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    for cell in code:
        for kind, text in output_texts(cell):
            assert kind not in ("error", "stderr"), f"{kind} output in {cell.source[:60]!r}: {text[:200]}"
            assert "Warning" not in text, f"warning in {cell.source[:60]!r}: {text[:200]}"
            assert not ADDRESS.search(text), f"memory address in {cell.source[:60]!r}"
            assert not TIMING.search(text), f"timing in {cell.source[:60]!r}: {TIMING.search(text).group()}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_learner_notebooks_hold_no_exercise_answers(path):
    notebook = nbformat.read(path, as_version=4)
    exercises = [c for c in notebook.cells if "exercise" in c.metadata.get("tags", [])]
    assert exercises, "every notebook ends with exercises"
    assert all(c.source == build_notebooks.BLANK for c in exercises)
    checks = [c for c in notebook.cells if c.cell_type == "code" and re.search(r"(?<![\w.])check\(", c.source)]
    assert len(checks) == len(exercises)


def test_notebooks_match_their_sources_and_navigation():
    """tools/build_notebooks.py --check: cells, contents list and prev/next links are up to date."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_notebooks.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_notebook_links_to_its_neighbours():
    for index, path in enumerate(NOTEBOOKS):
        cells = nbformat.read(path, as_version=4).cells
        for cell in (cells[0], cells[-1]):
            assert "navigation" in cell.metadata.get("tags", [])
            if index > 0:
                assert f"]({NOTEBOOKS[index - 1].name})" in cell.source
            if index + 1 < len(NOTEBOOKS):
                assert f"]({NOTEBOOKS[index + 1].name})" in cell.source
    contents = next(c for c in nbformat.read(NOTEBOOKS[0], as_version=4).cells if c.source.startswith("## Contents"))
    for path in NOTEBOOKS:
        assert f"]({path.name})" in contents.source


def exercise_solutions():
    for path in SOURCES:
        cells = jupytext.read(path).cells
        for index, cell in enumerate(cells):
            if "exercise" in cell.metadata.get("tags", []):
                exercise_id = re.search(r'\bcheck\("([0-9.]+)"', cells[index + 1].source).group(1)
                imports = "\n".join(line for c in cells if c.cell_type == "code" for line in c.source.splitlines()
                                    if line.startswith(("import ", "from ")))
                yield pytest.param(imports + "\n" + cell.source, exercise_id, id=exercise_id)


@pytest.mark.parametrize("source,exercise_id", list(exercise_solutions()))
def test_written_solution_passes_its_check(source, exercise_id):
    namespace = {}
    exec(source, namespace)
    right, expected = is_right(exercise_id, namespace["answer"])
    assert right, f"solution gives {namespace['answer']!r}, check expects {expected!r}"
    wrong = expected + 1 if isinstance(expected, (int, float)) else object()
    assert not is_right(exercise_id, wrong)[0]


def test_unanswered_exercise_says_how_to_start(capsys):
    check("00.1", ...)
    assert "not answered yet" in capsys.readouterr().out


# ------------------------------------------------------------------- links
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def markdown_documents():
    for path in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "notebooks").glob("*.md")),
                 *sorted((ROOT / "docs").glob("*.md")), ROOT / "lab-settings" / "README.md"]:
        yield path, path.read_text()
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        yield path, "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def anchors(path):
    """Heading anchors: JupyterLab's for notebooks (spaces -> '-'), GitHub's for Markdown."""
    if path.suffix == ".ipynb":
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
        return {h.strip().replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)}
    text = path.read_text()
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)}


def all_links():
    for path, text in markdown_documents():
        for target in LINK.findall(text):
            yield pytest.param(path, target, id=f"{path.name}:{target}")


@pytest.mark.parametrize("document,target", list(all_links()))
def test_link_resolves(document, target):
    if target.startswith(("http://", "https://")):
        url = urlparse(target)
        assert url.netloc, target
        if "mybinder.org" in url.netloc and "urlpath" in url.query:
            path = parse_qs(url.query)["urlpath"][0].removeprefix("lab/tree/")
            assert (ROOT / path).exists(), f"Binder opens {path}, which does not exist"
        return
    assert not target.startswith(("file:", "/")), f"absolute link {target}"
    file_part, _, anchor = target.partition("#")
    resolved = (document.parent / unquote(file_part)).resolve() if file_part else document
    assert resolved.exists(), f"{target} -> {resolved} does not exist"
    if anchor:
        assert anchor in anchors(resolved), f"no heading for #{anchor} in {resolved.name}"


def test_binder_badge_opens_the_start_here_notebook():
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)]+\)", (ROOT / "README.md").read_text()).group()
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in badge


def printed_text(number):
    path = next(p for p in NOTEBOOKS if p.name.startswith(number))
    cells = nbformat.read(path, as_version=4).cells
    return "\n".join(text for cell in cells if cell.cell_type == "code" for _, text in output_texts(cell))


def guide_quotes():
    guide = (ROOT / "notebooks" / "TEACHERS_GUIDE.md").read_text()
    for line in guide.splitlines():
        match = re.search(r"\(printed in (\d\d)\)", line)
        if match:
            for quote in re.findall(r"`([^`]+)`", line):
                yield pytest.param(match.group(1), quote, id=f"{match.group(1)}:{quote}")


@pytest.mark.parametrize("number,quote", list(guide_quotes()))
def test_teachers_guide_quotes_what_the_notebook_prints(number, quote):
    assert quote in printed_text(number), f"the guide quotes {quote!r}, which notebook {number} does not print"


def test_teachers_guide_quotes_numbers():
    assert len(list(guide_quotes())) >= 15


def test_checks_reject_look_alikes_and_print_plain_numbers(capsys):
    right, expected = is_right("00.1", 1)
    assert right and expected == 1
    assert not is_right("00.1", True)[0] and not is_right("00.1", "1")[0]
    import numpy as np
    from symlab.lab import exercises
    exercises._wrong_tries.clear()
    check("00.1", np.int64(3))                      # first wrong try: a hint, not the value
    out = capsys.readouterr().out
    assert "You gave 3." in out and "Hint: a constant start" in out and "symlab computes" not in out
    check("00.1", np.int64(2))                      # second wrong try: the value
    assert "You gave 2.\nsymlab computes 1." in capsys.readouterr().out
    check("01.1", 4, reveal=True)                   # asked for: the value at once
    assert "symlab computes 1." in capsys.readouterr().out
    check("00.1", "1")                              # a number typed as text is told so
    out = capsys.readouterr().out
    assert "you gave the text '1', in quotes. Give the number itself, without quotes: 1" in out
    check("00.1", 1)
    assert "right! 1" in capsys.readouterr().out and "00.1" not in exercises._wrong_tries


def test_readme_first_command_opens_the_start_here_notebook_with_the_package_beside_it():
    readme = (ROOT / "README.md").read_text()
    command = next(line for line in readme.splitlines() if "jupyter lab" in line and "requirements.txt" in line)
    target = re.search(r"--LabApp\.default_url=/lab/tree/(\S+)", command).group(1)
    assert target == "notebooks/00_start_here.ipynb" and (ROOT / target).exists()
    assert "notebooks/00_start_here.ipynb --" not in command  # a file argument would make notebooks/ the root
