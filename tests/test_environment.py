"""Binder and the local environment resolve the same, compatible versions."""

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
# the files repo2docker reads as dependency specifications
DEPENDENCY_FILES = {"environment.yml", "environment.yaml", "requirements.txt", "Pipfile", "Pipfile.lock",
                    "setup.py", "pyproject.toml", "install.R", "DESCRIPTION", "REQUIRE", "Project.toml",
                    "default.nix", "Dockerfile", "runtime.txt", "apt.txt"}
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([0-9][A-Za-z0-9.]*)$")


def requirements_pins():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            match = PIN.match(line)
            assert match, f"requirements.txt: {line!r} is not pinned exactly (name==version)"
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def binder_environment():
    return yaml.safe_load((ROOT / "binder" / "environment.yml").read_text())


def binder_pins():
    pins = {}
    for entry in binder_environment()["dependencies"]:
        if isinstance(entry, dict):
            for line in entry["pip"]:
                match = PIN.match(line.strip())
                assert match, f"binder pip entry {line!r} is not pinned exactly"
                pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_binder_has_exactly_one_dependency_file():
    present = sorted(p.name for p in (ROOT / "binder").iterdir() if p.name in DEPENDENCY_FILES)
    assert present == ["environment.yml"]
    assert (ROOT / "binder" / "postBuild").read_text().count("pip install") == 1  # installs symlab itself


def test_binder_pins_python_and_matches_requirements_exactly():
    conda = [e for e in binder_environment()["dependencies"] if isinstance(e, str)]
    python = [e for e in conda if e.startswith("python=")]
    assert python and re.fullmatch(r"python=\d+\.\d+\.\d+", python[0]), conda
    assert binder_pins() == requirements_pins()
    for package in ("numpy", "matplotlib", "ipywidgets", "jupyterlab", "jupyterlab-widgets",
                    "widgetsnbextension", "ipympl", "scikit-learn", "ipykernel"):
        assert package in requirements_pins(), f"{package} is not pinned"


def test_pinned_versions_satisfy_each_others_requirements():
    """Each pinned package's own declared requirements accept the other pins (ipympl needs
    ipywidgets and matplotlib, ipywidgets needs jupyterlab_widgets and widgetsnbextension, ...)."""
    pins = requirements_pins()
    checked = 0
    for name in pins:
        for spec in metadata.requires(name) or []:
            requirement = Requirement(spec)
            other = canonicalize_name(requirement.name)
            if other in pins and (requirement.marker is None or requirement.marker.evaluate({"extra": ""})):
                assert Version(pins[other]) in requirement.specifier, f"{name} needs {spec}; pinned {pins[other]}"
                checked += 1
    assert checked >= 5


def test_widget_stack_is_a_known_compatible_set():
    pins = {k: Version(v) for k, v in requirements_pins().items()}
    # ipywidgets 8 speaks widget protocol 2, served by jupyterlab_widgets 3 / widgetsnbextension 4
    assert pins["ipywidgets"].major == 8
    assert pins["jupyterlab-widgets"].major == 3 and pins["widgetsnbextension"].major == 4
    assert pins["jupyterlab"].major == 4
    assert pins["ipympl"] >= Version("0.9.3")  # the first ipympl built for JupyterLab 4


def test_this_environment_runs_the_pinned_versions():
    for name, version in requirements_pins().items():
        assert metadata.version(name) == version, f"{name}: installed {metadata.version(name)}, pinned {version}"


def test_jupyterlab_has_the_widget_manager_and_ipympl_enabled():
    result = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                            capture_output=True, text=True, timeout=120)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    for extension in ("@jupyter-widgets/jupyterlab-manager", "jupyter-matplotlib"):
        line = next((l for l in listing.splitlines() if extension in l), "")
        assert "enabled" in line and "OK" in line, f"{extension} not enabled:\n{listing}"


@pytest.mark.parametrize("path", ["requirements-test.txt"])
def test_test_requirements_are_pinned(path):
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-r "):
            assert PIN.match(line), f"{path}: {line!r} is not pinned exactly"
