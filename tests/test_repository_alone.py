"""The project needs nothing outside its repository: a teacher who clones it gets everything.

Every tracked file (``git ls-files``; without git, every file under the repository except ``.git``
and what ``.gitignore`` ignores, as repo2docker copies it) is read line by line, notebooks and
binary files included, nothing left out. A line fails when it reads or names a path outside the
repository:

* a relative path to the folder beside the repository (dot-dot, slash, "shared"), or a file of the
  team's reference folder named as a path (shared, slash, THREAD / TESTING / binder / tools ...);
* "shared" joined into a path as a component (with pathlib's slash or ``os.path.join``), or a
  ``parents[N]`` expression and "shared" as a path component on one line;
* the folders above the repository (``ROOT`` dot ``parent`` or ``parents``), or ``Path(__file__)`` climbed above
  the repository (``parents[N]`` / ``.parent`` chains deeper than the file's own depth);
* an absolute path of the machine the project is developed on (slash, "work", slash);
* a relative Markdown link (in .md files and notebooks) that leads out of the repository.

Words such as "shared pieces" or "on this shared machine" do not trip it: "shared" counts only as a
path component. Tracked symbolic links must point inside the repository.

This file itself names none of these paths literally (the patterns are written so that they do
not match their own source), so it is checked like every other file.
"""

import os
import re
import subprocess
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Each pattern with what it catches; a line matching any of them is a finding.
PATTERNS = [
    (re.compile(r"\.\.[/\\]shared\b"), "a path into the folder beside the repository"),
    (re.compile(r"\bshared[/\\](?:THREAD|MISSION|STYLE|TESTING)\b|\bshared[/\\](?:binder|tools|hooks)\b"),
     "a file of the team's reference folder, which a clone does not have"),
    (re.compile(r"""/\s*["']shared["']|["']shared["']\s*/|join\([^)\n]*["']shared["']"""),
     'a path with a "shared" component'),
    (re.compile(r"""\bparents\[\d+\][^\n]*["'/\\]shared\b"""), 'parents[N] and a "shared" path on one line'),
    (re.compile(r"\b(?:ROOT|REPO|REPO_ROOT|PROJECT_ROOT)\.parents?\b"), "the folder above the repository"),
    (re.compile(r"(?<![\w.~-])/(?:work)/"), "an absolute path of the development machine"),
]

# Path(__file__)[.resolve()/.absolute()] followed by .parents[N] or a chain of .parent
FILE_PARENTS = re.compile(r"Path\(__file__\)(?:\.(?:resolve|absolute)\(\))*"
                          r"(?:\.parents\[(?P<index>\d+)\]|(?P<chain>(?:\.parent\b)+))")
MARKDOWN_LINK = re.compile(r"\]\((?P<target>[^)\s#]+)")  # ](target) or ](target#anchor)


def repository_files():
    """Tracked files as paths relative to ROOT: git's list, or a walk honouring .gitignore."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        return [Path(name) for name in listed.stdout.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):  # no git, or not a git repository (an archive)
        pass
    gitignore = ROOT / ".gitignore"
    lines = gitignore.read_text().splitlines() if gitignore.exists() else []
    ignored = [line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")]
    files = []
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = sorted(name for name in dirs
                         if name != ".git" and not any(fnmatch(name, pattern) for pattern in ignored))
        files += [(Path(folder) / name).relative_to(ROOT) for name in sorted(names)
                  if not any(fnmatch(name, pattern) for pattern in ignored)]
    return files


def outside(path):
    """Whether ``path`` (absolute) lies outside the repository."""
    return not Path(os.path.normpath(path)).is_relative_to(ROOT)


def reasons(line, relative):
    """Why one line of the file ``relative`` (a path relative to ROOT) reaches outside the repository."""
    found = [reason for pattern, reason in PATTERNS if pattern.search(line)]
    for match in FILE_PARENTS.finditer(line):
        up = int(match["index"]) + 1 if match["index"] else match["chain"].count(".parent")
        if up > len(relative.parts):  # from a file at depth d, climbing d levels reaches ROOT
            found.append(f"Path(__file__) climbed {up} levels, above the repository")
    if relative.suffix in (".md", ".ipynb"):
        for match in MARKDOWN_LINK.finditer(line):
            target = match["target"]
            if not re.match(r"[a-zA-Z][\w+.-]*:", target) and outside(
                    (ROOT if target.startswith("/") else (ROOT / relative).parent) / target.lstrip("/")):
                found.append(f"a Markdown link out of the repository ({target})")
    return found


def findings_in(relative):
    """'file:line: reason: the line' for every line of the file that reaches outside the repository."""
    path = ROOT / relative
    if path.is_symlink():
        target = os.readlink(path)
        return [f"{relative}: a symbolic link to {target}, outside the repository"
                ] if outside(path.parent / target) else []
    if not path.is_file():  # tracked but deleted in the work tree: nothing to read
        return []
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return [f"{relative}:{number}: {'; '.join(why)}: {line.strip()[:160]}"
            for number, line in enumerate(lines, 1) if (why := reasons(line, relative))]


def test_no_file_reads_or_names_a_path_outside_the_repository():
    files = repository_files()
    assert files, f"found no files under {ROOT}"
    findings = [finding for relative in files for finding in findings_in(relative)]
    if findings:
        pytest.fail(f"{len(findings)} line(s) of the {len(files)} files reach outside the repository "
                    "(a clone has only the repository):\n" + "\n".join(findings), pytrace=False)


def test_the_checks_catch_what_they_should_and_nothing_else():
    """The checks against examples: paths outside the repository, and ordinary prose. (The examples
    are assembled from pieces so that this file's own lines do not match.)"""
    dotdot, team, here, root = "..", "shared", "Path(__file__)", "ROOT"
    example = Path("tests") / "example.md"  # depth 2: Path(__file__).parents[1] is ROOT
    bad = [f"see {dotdot}/{team}/notes", f"``{team}/THREAD.md``", f"{team}/binder/pins.txt",
           f'{root}.parent / "{team}" / "x"', f'{here}.resolve().parents[2] / "{team}"',
           f'os.path.join(here, "{team}")', f"{root}.parent", f"{root}.parents[0]",
           "/" + "work/main/.venv/bin/python", f"{here}.resolve().parents[2]", f"{here}.parent.parent.parent",
           f"[notes]({dotdot}/{dotdot}/x.md)"]
    good = ["on shared pieces (`runs`, `figures`)", "shared helpers in conftest.py",
            "vary by 30% on this shared machine", "https://example.org/work/page", f'{root} / "tests"',
            f'{here}.resolve().parents[1] / "notebooks"', f"{here}.parent.parent",
            "[guide](../docs/classroom.md)", "[Binder](https://mybinder.org/v2/gh/x/y/HEAD)"]
    assert [line for line in bad if not reasons(line, example)] == []
    assert [line for line in good if reasons(line, example)] == []
