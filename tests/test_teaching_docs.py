"""The teacher's plan (issue 19): notebooks/BEFORE_CLASS.md and the teacher's guide say what the tools do.

The walkthrough's minutes add up, the install check the checklist gives is the one that exists and says OK
here, the memory it quotes is the sum of the measured table in docs/classroom.md, and the help the install
check points to exists.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "notebooks" / "TEACHERS_GUIDE.md").read_text()
BEFORE = (ROOT / "notebooks" / "BEFORE_CLASS.md").read_text()
CLASSROOM = (ROOT / "docs" / "classroom.md").read_text()


def plan_rows():
    """(start, end, notebook, late) of the walkthrough's plan table."""
    section = GUIDE.split("## The 50-minute walkthrough", 1)[1].split("\n### ", 1)[0]
    return [(int(a), int(b), what.strip(), late.strip())
            for a, b, what, late in re.findall(r"^\| (\d+)–(\d+) \| ([^|]+)\|[^|]+\| ([^|]+)\|$", section, re.M)]


def test_the_walkthrough_plan_fills_fifty_minutes_without_gaps_and_says_what_to_skip():
    rows = plan_rows()
    assert rows[0][0] == 0 and rows[-1][1] == 50
    assert all(a[1] == b[0] for a, b in zip(rows, rows[1:])), rows            # contiguous
    assert sum("skip" in late for *_, late in rows) >= 5
    headings = re.findall(r"^### (\d+)–(\d+) min · (\S+)", GUIDE, re.M)
    assert [(int(a), int(b)) for a, b, _ in headings] == [(a, b) for a, b, *_ in rows]   # one section per row
    skipped = [what for a, b, what, late in rows if late.startswith("**skip it**")]
    minutes = sum(b - a for a, b, what, late in rows if what in skipped)
    assert f"skip 04 and 05 ({minutes} minutes)" in GUIDE


def test_the_install_check_cell_runs_and_says_ok():
    cell = re.search(r"```python\n(.*?)```", BEFORE, re.S).group(1)
    assert "check_install()" in cell
    out = subprocess.run([sys.executable, "-c", cell], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "OK — ready for class" in out.stdout and "OK — ready for class" in BEFORE
    terminal = re.search(r"`\.venv/bin/python (-m [\w.]+)`", BEFORE).group(1).split()
    assert subprocess.run([sys.executable, *terminal], capture_output=True, cwd=ROOT, timeout=120).returncode == 0


def measured_memory():
    """Notebook number -> the kernel's peak MB after moving every control (docs/classroom.md's table)."""
    return {int(n): int(after) for n, after in
            re.findall(r"^\| \**(\d\d) [^|]+\| +\d+ \| +(\d+) \|$", CLASSROOM, re.M)}


def test_the_memory_the_checklist_quotes_is_the_measured_table():
    mb = measured_memory()
    assert set(range(8)) <= set(mb)
    eight = sum(mb[n] for n in range(8)) / 1000
    assert "eight of them take\n   about **2 GB**" in BEFORE and 1.8 <= eight <= 2.2, eight
    assert "190–270 MB" in BEFORE and min(mb[n] for n in range(8)) >= 190 and max(mb[n] for n in range(8)) <= 280
    apps = sum(mb[n] for n in (1, 3, 6)) / 1000
    assert "about 0.8 GB" in BEFORE and 0.75 <= apps <= 0.85, apps
    servers = 0.115 + 0.083                              # JupyterLab's server and Voilà's (83 MB with its list open)
    assert "takes about **3 GB**" in BEFORE and 2.8 <= eight + apps + servers <= 3.2, eight + apps + servers


def test_the_help_the_install_check_names_exists():
    from symlab.lab.install_check import HELP
    path, section = re.match(r"(\S+), section '(.+)'", HELP).groups()
    assert (ROOT / path).exists() and f"## {section}" in (ROOT / path).read_text()
    for row in ("Binder says", "kernel appears to have died", "projector is small", "One click on its name"):
        assert row in GUIDE.split("## If something goes wrong", 1)[1], row
