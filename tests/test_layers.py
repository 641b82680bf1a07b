"""The package's two layers: a numpy-only core, and the lab beside it (docs/architecture.md)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import symlab

PACKAGE = Path(symlab.__file__).parent
CORE = sorted(p for p in PACKAGE.glob("*.py"))
LAB = sorted((PACKAGE / "lab").glob("*.py"))


def imports(path):
    """(module, names) of every import statement in a file, relative ones resolved against symlab."""
    tree = ast.parse(path.read_text())
    package = "symlab.lab" if path.parent.name == "lab" else "symlab"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            yield base, tuple(alias.name for alias in node.names)


def test_import_symlab_loads_numpy_and_nothing_heavy():
    code = ("import sys, symlab; print(' '.join(m for m in ('matplotlib', 'ipywidgets', 'sklearn', 'scipy', "
            "'threadpoolctl', 'IPython', 'symlab.lab') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
    assert symlab.MLP and symlab.train and symlab.initialize and symlab.make_dataset  # the core API is there


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_the_core_imports_only_numpy_and_the_standard_library(path):
    allowed_third_party = {"numpy"}
    for module, _ in imports(path):
        top = module.split(".")[0]
        assert not module.startswith("symlab.lab"), f"{path.name} imports the lab ({module})"
        if top != "symlab" and top not in sys.stdlib_module_names:
            # scikit-learn only inside make_dataset, imported when a data set is made
            assert top in allowed_third_party or (path.name == "data.py" and top == "sklearn"), (path.name, module)


@pytest.mark.parametrize("path", LAB, ids=lambda p: p.name)
def test_the_lab_uses_only_public_names_of_the_core(path):
    for module, names in imports(path):
        if module.startswith("symlab") and not module.startswith("symlab.lab"):
            assert not any(part.startswith("_") for part in module.split(".")), (path.name, module)
            assert not [n for n in names if n.startswith("_")], (path.name, module, names)
    tree = ast.parse(path.read_text())
    private_calls = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                     and node.attr in ("_forward", "_backward", "_initial_params")]
    assert private_calls == [], (path.name, private_calls)


@pytest.mark.parametrize("path", CORE + LAB, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_module_is_much_over_400_lines(path):
    assert len(path.read_text().splitlines()) <= 420


def test_every_lab_module_is_in_the_lab_map():
    """symlab/lab/__init__.py maps notebooks to modules: every topic module appears there."""
    text = (PACKAGE / "lab" / "__init__.py").read_text()
    for path in LAB:
        if path.stem not in ("__init__", "_blas"):
            assert path.stem in text, path.stem
