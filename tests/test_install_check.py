"""The before-class install check (symlab/lab/install_check.py): it passes here, and names each fault it is
shown, with its fix."""

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from symlab.lab import install_check
from symlab.lab.install_check import PINS, check_install, check_python

ROOT = Path(__file__).resolve().parents[1]
PIP = "python -m pip install -r requirements.txt"
REAL_VERSION = metadata.version


def fake_version(**versions):
    """importlib.metadata.version with some distributions changed: a version string, or None for 'missing'."""
    def version(name):
        if name not in versions:
            return REAL_VERSION(name)
        if versions[name] is None:
            raise metadata.PackageNotFoundError(name)
        return versions[name]
    return version


def test_this_environment_is_ready(capsys):
    problems = check_install()
    out = capsys.readouterr().out
    assert problems == []
    assert "OK — ready for class" in out and "NOT READY" not in out
    assert "✗" not in out and "\n! " not in out
    for name, version in PINS.items():  # every pinned package has its own line, at its pinned version
        assert f"✓ {name} {version}\n" in out
    assert "constant start has 1 distinct hidden unit(s) of 8, he_normal 8 of 8" in out
    assert "web/panels.js, web/panels.css" in out and "numpy's BLAS multiplies matrices" in out


def test_a_different_version_names_both_versions_and_the_fix(monkeypatch, capsys):
    monkeypatch.setattr(metadata, "version", fake_version(numpy="2.3.1"))
    problems = check_install(show_widget=False)
    out = capsys.readouterr().out
    assert problems == [f"numpy 2.3.1 installed, symlab is tested with {PINS['numpy']}: run `{PIP}`"]
    assert "! numpy 2.3.1 installed" in out
    assert "NOT READY: 1 problem(s) above" in out and "OK" not in out


def test_a_missing_package_is_a_failure(monkeypatch, capsys):
    monkeypatch.setattr(metadata, "version", fake_version(anywidget=None))
    problems = check_install(show_widget=False)
    out = capsys.readouterr().out
    assert problems == [f"anywidget not found: run `{PIP}`"]
    assert "✗ anywidget not found" in out and "NOT READY: 1 problem(s) above" in out


def test_missing_servers_are_not_problems(monkeypatch, capsys):
    """A kernel on a hub need not have JupyterLab or Voilà."""
    monkeypatch.setattr(metadata, "version", fake_version(jupyterlab=None, voila=None))
    assert check_install(show_widget=False) == []
    out = capsys.readouterr().out
    assert "– voila not found (only needed to run JupyterLab/Voilà on this machine)" in out
    assert "– jupyterlab not found" in out and "OK — ready for class" in out


def test_an_installed_package_that_does_not_import_is_a_failure(monkeypatch):
    def broken(name):
        raise ImportError("libopenblas.so: cannot open shared object file")
    monkeypatch.setattr(install_check, "import_module", broken)
    mark, text = install_check.check_package("numpy", PINS["numpy"])
    assert mark == "✗" and "does not import" in text and "libopenblas.so" in text and "--force-reinstall" in text


@pytest.mark.parametrize("version, ready", [((3, 10, 14, "final", 0), False), ((3, 11, 0, "final", 0), True),
                                            ((3, 13, 2, "final", 0), True)])
def test_python_version(monkeypatch, version, ready):
    monkeypatch.setattr(sys, "version_info", version)
    mark, text = check_python()
    assert mark == ("✓" if ready else "✗")
    assert text.startswith("Python " + ".".join(map(str, version[:3])))
    assert ("needs Python ≥ 3.11" in text) is not ready


def test_wrong_numbers_are_a_failure(monkeypatch, capsys):
    monkeypatch.setattr("symlab.distinct_units", lambda M: 3)
    problems = check_install(show_widget=False)
    assert len(problems) == 1 and "constant start has 3" in problems[0] and "expected 1 and 8" in problems[0]
    assert "✗ the notebooks' numbers" in capsys.readouterr().out


def test_missing_web_assets_are_a_failure(monkeypatch, tmp_path):
    monkeypatch.setattr(install_check.resources, "files", lambda package: tmp_path)  # a package without web/
    mark, text = install_check.check_symlab()[1]
    assert mark == "✗" and "panels.js, panels.css" in text and "pip install ." in text


def test_pins_mirror_requirements_txt():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.strip()] = version.strip()
    assert PINS == pins


def test_terminal_exit_codes():
    ok = subprocess.run([sys.executable, "-m", "symlab.lab.install_check"], capture_output=True, text=True,
                        cwd=ROOT)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "OK — ready for class" in ok.stdout and ok.stderr == ""
    # the same command with tqdm faked to an older version: the module's __main__ block must exit with 1
    faked = ("import importlib.metadata as m, runpy; real = m.version; "
             "m.version = lambda name: '4.0.0' if name == 'tqdm' else real(name); "
             "runpy.run_module('symlab.lab.install_check', run_name='__main__')")
    bad = subprocess.run([sys.executable, "-c", faked], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "! tqdm 4.0.0 installed" in bad.stdout and "NOT READY: 1 problem(s) above" in bad.stdout


def test_no_widget_outside_a_kernel(capsys):
    assert not install_check.in_kernel()
    assert check_install(show_widget=True) == []
    out = capsys.readouterr().out
    assert "dashboard widget" not in out and "Below:" not in out


def test_in_a_kernel_a_small_dashboard_is_displayed(monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(install_check, "in_kernel", lambda: True)
    monkeypatch.setattr("IPython.display.display", shown.append)
    assert check_install() == []
    out = capsys.readouterr().out
    assert "✓ symlab's dashboard widget built" in out and "'Error displaying widget'" in out
    (widget,) = shown
    assert type(widget).__name__ == "PanelsWidget" and widget.spec["frames"] == [0, 10, 30, 100]
    assert [p["kind"] for p in widget.spec["panels"]] == ["tiles", "plot", "plot"]
    assert [entry[1] for entry in widget.spec["panels"][-1]["legend"]] == ["He init", "constant 0.5"]
    assert widget.spec["arrays"]["tiles"]["shape"][:2] == [4, 8]  # 4 frames of 8 unit maps
    assert len(widget.data) > 10_000


def test_if_the_dashboard_cannot_be_built_a_plain_widget_says_so(monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(install_check, "in_kernel", lambda: True)
    monkeypatch.setattr("IPython.display.display", shown.append)
    monkeypatch.setattr(install_check, "dashboard_widget", lambda numbers: 1 / 0)
    problems = check_install()
    assert len(problems) == 1 and "dashboard widget could not be built (ZeroDivisionError" in problems[0]
    (widget,) = shown
    assert type(widget).__name__ == "HTML" and "could not be built" in widget.value
    assert "NOT READY: 1 problem(s) above" in capsys.readouterr().out


def test_a_notebook_cell_ending_with_the_check_shows_no_empty_list(capsys):
    """The checklist's cell ends with ``check_install()``: its return value must not add an ``Out: []`` under the
    verdict (a teacher trying it found one), while the list is still there for code that wants it. A kernel
    sends an execute_result only when the display formatter gives it data (ipykernel's displayhook)."""
    from IPython.core.interactiveshell import InteractiveShell

    problems = check_install(show_widget=False)
    assert problems == [] and capsys.readouterr().out.rstrip().endswith("OK — ready for class")
    formatter = InteractiveShell.instance().display_formatter
    assert formatter.format(problems)[0] == {}                     # nothing to show
    assert formatter.format([])[0] == {"text/plain": "[]"}          # what a plain list would show
