"""Binder, emulated without Docker: what a learner who clicks "Launch on Binder" gets.

repo2docker builds a Python 3.11 image from its own base environment, copies the repository into
it, runs `pip install -r binder/requirements.txt` from the repository's folder, then
`binder/postBuild` (see the Dockerfile that `repo2docker --no-build --debug .` prints). This test
does the same in a fresh venv, starting from the base environment's packages written as pip pins
in tests/data/repo2docker-py311-base.txt (its header says where they come from and when to refresh
them), and checks that the result is consistent (`pip check`) and that JupyterLab loads the widget
and anywidget extensions.

The base pins are installed with uv when it is there (they are exact pins, and pip resolves the
same set: checked once with `pip freeze`); the Binder step itself runs with pip, Binder's
installer, so its resolver makes the same choices as on Binder.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASE_PINS = ROOT / "tests" / "data" / "repo2docker-py311-base.txt"
BINDER_PIP = "pip==25.2"  # the pip of repo2docker's Python 3.11 base environment (frozen 2025-10-16)
EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "anywidget")


def run(command, cwd=None, env=None, timeout=600):
    """Run a command; fail the test with its output if it exits non-zero. Returns its output."""
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=timeout)
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # drop colour codes
    assert result.returncode == 0, f"{' '.join(map(str, command))} exited {result.returncode}:\n{output}"
    return output


def binder_python():
    """An interpreter of the Python version binder/runtime.txt asks for ("python-3.11")."""
    version = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return sys.executable
    found = shutil.which(f"python{version}")
    if found is None:
        pytest.fail(f"binder/runtime.txt asks for Python {version}; no python{version} on this machine")
    return found


def copy_repository(target):
    """Copy the repository as repo2docker does (its files, not .git or what .gitignore ignores)."""
    ignored = [Path(line.strip().rstrip("/")).name for line in (ROOT / ".gitignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".git", *ignored))
    return target


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """A venv built as Binder builds its image: base pins, binder/requirements.txt, postBuild."""
    assert BASE_PINS.is_file(), (
        f"{BASE_PINS} is missing: it lists Binder's base environment, which this test installs "
        "first (a copy of repo2docker's Python 3.11 base environment as pip pins, kept in the repository)")
    tmp = tmp_path_factory.mktemp("binder")
    venv, repo = tmp / "venv", copy_repository(tmp / "repo")
    python = venv / "bin" / "python"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "JUPYTER_PATH")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}", VIRTUAL_ENV=str(venv),  # `python` is the venv's
               JUPYTER_CONFIG_DIR=str(tmp / "jupyter-config"), JUPYTER_DATA_DIR=str(tmp / "jupyter-data"))
    run([binder_python(), "-m", "venv", "--without-pip", venv])
    if importlib.util.find_spec("uv"):
        run([sys.executable, "-m", "uv", "pip", "install", "--python", python, BINDER_PIP, "-r", BASE_PINS])
    else:
        run([python, "-m", "ensurepip"], env=env)
        run([python, "-m", "pip", "install", BINDER_PIP, "-r", BASE_PINS], env=env)
    run([python, "-m", "pip", "install", "-r", "binder/requirements.txt"], cwd=repo, env=env)
    run(["bash", "binder/postBuild"], cwd=repo, env=env)
    return python, env


def test_binder_environment_has_no_broken_requirements(binder_env):
    python, env = binder_env
    print(run([python, "-m", "pip", "check"], env=env))


def test_binder_jupyterlab_loads_widgets_and_anywidget(binder_env):
    python, env = binder_env
    listing = run([python, "-m", "jupyter", "labextension", "list"], env=env)
    print(listing)
    for extension in EXTENSIONS:
        line = next((l for l in listing.splitlines() if extension in l), "")
        assert "enabled" in line.split() and "OK" in line.split(), f"{extension} not enabled and OK:\n{listing}"
    flagged = [l for l in listing.splitlines() if "disabled" in l or "incompatible" in l or " X" in l]
    assert not flagged, f"jupyter labextension list flags:\n{listing}"


def test_binder_installs_every_symlab_module(binder_env, tmp_path):
    """postBuild's `pip install --no-deps .` builds a wheel, which holds only the packages that
    pyproject.toml names (an editable install finds the others; Binder does not): every module
    of the repository's symlab/ must import, from outside the repository, at pyproject's version."""
    python, env = binder_env
    modules = sorted(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                     for path in (ROOT / "symlab").rglob("*.py"))
    code = ("import importlib, importlib.metadata, importlib.resources, sys\n"
            "for name in sys.argv[1:]: importlib.import_module(name)\n"
            "web = importlib.resources.files('symlab.lab') / 'web'\n"  # the dashboards' browser side
            "assert all((web / f).is_file() for f in ('panels.js', 'panels.css', 'page.js')), list(web.iterdir())\n"
            "print(importlib.metadata.version('symlab'))")
    installed = run([python, "-c", code, *modules], cwd=tmp_path, env=env).splitlines()[-1]
    assert installed == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_binder_jupyterlab_does_not_ask_about_news(binder_env, tmp_path):
    """postBuild puts lab-settings/overrides.json where JupyterLab reads its settings overrides (the README's
    command passes the folder instead): the news question and the update check are off, as the server says."""
    python, env = binder_env
    code = ("import json, sys\n"
            "from jupyterlab.commands import get_app_dir\n"   # LabApp's app_settings_dir: <app_dir>/settings
            "from jupyterlab_server.settings_utils import _get_overrides\n"
            "overrides, error = _get_overrides(get_app_dir() + '/settings')\n"
            "print(json.dumps(overrides['@jupyterlab/apputils-extension:notification']), error or 'no error')")
    printed = run([python, "-c", code], cwd=tmp_path, env=env).strip().splitlines()[-1]
    assert printed == '{"fetchNews": "false", "checkForUpdates": false} no error', printed
