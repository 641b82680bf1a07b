"""Binder and the local environment resolve the same, compatible versions."""

import re
import subprocess
import sys
import tomllib
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


def read_pins(path):
    """The exact pins of a requirements file, following `-r` as pip does (relative to the file
    that names it). Returns ({name: version}, [the files read])."""
    pins, files = {}, [path.resolve()]
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            included, included_files = read_pins(path.parent / line[3:].strip())
            twice = sorted(pins.keys() & included.keys())
            assert not twice, f"{path.name}: {twice} pinned twice"
            pins.update(included)
            files += included_files
        elif line:
            match = PIN.match(line)
            assert match, f"{path.name}: {line!r} is not pinned exactly (name==version)"
            name = canonicalize_name(match.group(1))
            assert name not in pins, f"{path.name}: {name} pinned twice"
            pins[name] = match.group(2)
    return pins, files


def requirements_pins():
    return read_pins(ROOT / "requirements.txt")[0]


def test_binder_has_exactly_requirements_and_runtime():
    """Binder installs one pip file on its base environment (no conda: environment.yml would be
    solved from conda-forge) and postBuild installs symlab itself, without dependencies."""
    present = sorted(p.name for p in (ROOT / "binder").iterdir() if p.name in DEPENDENCY_FILES)
    assert present == ["requirements.txt", "runtime.txt"]
    installs = [l for l in (ROOT / "binder" / "postBuild").read_text().splitlines() if "pip install" in l]
    assert len(installs) == 1 and installs[0].split()[-2:] == ["--no-deps", "."], installs


def test_binder_runtime_is_python_3_11():
    # repo2docker accepts python-X.Y only; it rejects a patch version such as python-3.11.7
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_binder_pins_are_requirements_txt_plus_notebook():
    """One source of truth: binder/requirements.txt includes the top-level requirements.txt and
    adds only what Binder's base image needs (a notebook release that accepts our JupyterLab)."""
    binder, files = read_pins(ROOT / "binder" / "requirements.txt")
    assert (ROOT / "requirements.txt").resolve() in files, "binder/requirements.txt must -r ../requirements.txt"
    local = requirements_pins()
    assert binder.items() >= local.items()
    assert set(binder) - set(local) == {"notebook"}
    for package in ("numpy", "matplotlib", "ipywidgets", "jupyterlab", "jupyterlab-widgets",
                    "widgetsnbextension", "anywidget", "scikit-learn", "ipykernel"):
        assert package in local, f"{package} is not pinned"


def test_pinned_versions_satisfy_each_others_requirements():
    """Each pinned package's own declared requirements accept the other pins (anywidget needs
    ipywidgets, ipywidgets needs jupyterlab_widgets and widgetsnbextension, ...)."""
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
    assert pins["anywidget"] >= Version("0.9")  # its front end ships inside the wheel (no CDN, no build step)
    assert "ipympl" not in pins  # the dashboards draw in the browser (symlab/lab/web/panels.js)


def test_this_environment_runs_the_pinned_versions():
    for name, version in requirements_pins().items():
        assert metadata.version(name) == version, f"{name}: installed {metadata.version(name)}, pinned {version}"


def test_jupyterlab_has_the_widget_manager_and_anywidget_enabled():
    result = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                            capture_output=True, text=True, timeout=120)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    for extension in ("@jupyter-widgets/jupyterlab-manager", "anywidget"):
        line = next((l for l in listing.splitlines() if extension in l), "")
        assert "enabled" in line and "OK" in line, f"{extension} not enabled:\n{listing}"


@pytest.mark.parametrize("path", ["requirements-test.txt"])
def test_test_requirements_are_pinned(path):
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-r "):
            assert PIN.match(line), f"{path}: {line!r} is not pinned exactly"


def test_citation_cff_is_yaml_with_the_package_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == project["version"]
    assert citation["license"] == project["license"]
