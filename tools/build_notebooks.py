"""Build the learner notebooks in notebooks/ from their sources in solutions/.

Each notebook is written once, with its exercise answers, as a jupytext
"percent" script in ``solutions/NN_name.py``. This script:

1. reads every source and blanks the cells tagged ``exercise`` (their answer
   lines become ``answer = ...``), so the learner's copy has no solutions;
2. adds generated navigation: a "previous | contents | next" line at the top and
   bottom of every notebook, and the table of contents in 00_start_here (the
   cell tagged ``contents``);
3. executes each notebook from a fresh kernel (cwd = notebooks/), drops the widget
   state (large, and not needed: every dashboard has a static preview), and
   writes ``notebooks/NN_name.ipynb``;
4. writes ``apps/NN_name.ipynb`` for every notebook with a dashboard: its title, its
   markdown cells tagged ``app`` (a note the app needs), the import and the one dashboard
   call, nothing else — what Voilà
   serves in presenter mode (``voila apps/``). Not executed: Voilà runs them.

    python tools/build_notebooks.py              # build and execute all
    python tools/build_notebooks.py 01 03        # only these
    python tools/build_notebooks.py --apps       # only write apps/ (no execution)
    python tools/build_notebooks.py --check      # exit 1 if a notebook or app differs from its source
"""

import argparse
import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"
APPS = ROOT / "apps"
#: A dashboard call in a source: `module.name_dashboard(...)`, maybe assigned (`app = ...`).
DASHBOARD_CALL = re.compile(r"^(?:\w+ = )?(\w+)\.(\w+_dashboard)\((.*)\)$", re.M)
BLANK = "answer = ...  # replace ... with your code, then run this cell and the check below"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
#: CurveZMQ keys for the kernel's sockets (jupyter_client >= 8.10, when the kernelspec declares support, as
#: ipykernel 7.4's does): no "Kernel is running over TCP without encryption" warning on every kernel start.
KERNEL_CONFIG = Config({"KernelManager": {"transport_encryption": "auto"}})


def sources():
    return sorted(SOURCES.glob("[0-9][0-9]_*.py"))


def title(notebook):
    """The text of the first '# ' heading, without the leading number."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^# (.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    raise ValueError("a notebook source needs a '# Title' heading")


def navigation(index, names, titles):
    parts = []
    if index > 0:
        parts.append(f"[← {titles[index - 1]}]({names[index - 1]})")
    parts.append("[Contents](00_start_here.ipynb#Contents)")
    if index + 1 < len(names):
        parts.append(f"[{titles[index + 1]} →]({names[index + 1]})")
    return " | ".join(parts)


def contents(names, titles):
    """The contents list: the titles carry their numbers ("00 · Start here…"), so a plain list, not 0., 1., …"""
    lines = ["## Contents", ""]
    lines += [f"- [{t}]({n})" for n, t in zip(names, titles)]
    lines += ["", "Teachers: see the [teacher's guide](TEACHERS_GUIDE.md)."]
    return "\n".join(lines)


def learner_notebook(path, index, names, titles):
    """The learner's notebook built from one source (not executed)."""
    notebook = jupytext.read(path)
    cells = []
    for cell in notebook.cells:
        tags = cell.metadata.get("tags", [])
        if "exercise" in tags:
            cell.source = BLANK
        if "contents" in tags:
            cell.source = contents(names, titles)
        cells.append(cell)
    nav = navigation(index, names, titles)
    top = nbformat.v4.new_markdown_cell(nav, metadata={"tags": ["navigation"]})
    bottom = nbformat.v4.new_markdown_cell(nav, metadata={"tags": ["navigation"]})
    notebook.cells = [top] + cells + [bottom]
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"  # stable ids keep diffs clean
        cell.metadata.pop("lines_to_next_cell", None)
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return nbformat.from_dict(notebook)


def dashboard_call(notebook):
    """(module, factory, arguments) of the notebook's dashboard call, or None."""
    for cell in notebook.cells:
        match = DASHBOARD_CALL.search(cell.source) if cell.cell_type == "code" else None
        if match:
            return match.groups()
    return None


def app_notebook(notebook):
    """The presenter-mode app of a learner notebook: title, its markdown cells tagged "app", the import, the
    dashboard call.

    None if the notebook has no dashboard."""
    call = dashboard_call(notebook)
    if call is None:
        return None
    module, factory, arguments = call
    notes = [nbformat.v4.new_markdown_cell(c.source) for c in notebook.cells
             if c.cell_type == "markdown" and "app" in c.metadata.get("tags", [])]   # what the app also says
    cells = [nbformat.v4.new_markdown_cell(f"## {title(notebook)}"), *notes,
             nbformat.v4.new_code_cell(f"from symlab.lab import {module}"),
             nbformat.v4.new_code_cell(f"{module}.{factory}({arguments})")]
    for number, cell in enumerate(cells):
        cell.id = f"app-{number}"
    app = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "python"}})
    return nbformat.from_dict(app)


def execute(notebook):
    NotebookClient(notebook, timeout=600, kernel_name="python3", config=KERNEL_CONFIG,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merged_streams(cell.outputs)
    return notebook


def merged_streams(outputs):
    """Join consecutive stdout (or stderr) outputs: one block, however the kernel flushed it."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.output_type == "stream" and previous is not None and previous.output_type == "stream"
                and previous.name == output.name):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def cell_sources(notebook):
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("only", nargs="*", help="notebook number prefixes to build (default: all)")
    parser.add_argument("--check", action="store_true", help="only compare cells with the sources")
    parser.add_argument("--apps", action="store_true", help="only write apps/ (nothing is executed)")
    args = parser.parse_args(argv)
    paths = sources()
    names = [p.with_suffix(".ipynb").name for p in paths]
    titles = [title(jupytext.read(p)) for p in paths]
    stale = []
    for index, path in enumerate(paths):
        if args.only and not any(path.name.startswith(prefix) for prefix in args.only):
            continue
        notebook = learner_notebook(path, index, names, titles)
        target = NOTEBOOKS / names[index]
        app, app_target = app_notebook(notebook), APPS / names[index]
        if args.check:
            if not target.exists() or cell_sources(nbformat.read(target, 4)) != cell_sources(notebook):
                stale.append(target.name)
            if app is not None and (not app_target.exists()
                                    or cell_sources(nbformat.read(app_target, 4)) != cell_sources(app)):
                stale.append(f"apps/{app_target.name}")
            continue
        if app is not None:
            APPS.mkdir(exist_ok=True)
            nbformat.write(app, app_target)
        if args.apps:
            continue
        start = time.perf_counter()
        execute(notebook)
        nbformat.write(notebook, target)
        print(f"{target.name}: executed in {time.perf_counter() - start:.1f} s")
    if stale:
        print("out of date with solutions/ (run python tools/build_notebooks.py NN):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
