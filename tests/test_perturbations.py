"""Every number the notebooks print is the same on another learner's machine.

Learners' CPUs pick other BLAS kernels and other numpy SIMD loops, which round differently;
a chaotic run can then end elsewhere. This harness re-runs every notebook (strict nbval:
every printed line must match the stored output) in a fresh process that imitates another
machine in every way this CPU can:

* ``OPENBLAS_CORETYPE``: an older OpenBLAS kernel (the default one is what the main test run uses);
* ``NPY_DISABLE_CPU_FEATURES``: numpy's AVX-512 (and, in one run, AVX2) loops switched off, so
  exp, tanh and log take other code paths;
* ``OPENBLAS_NUM_THREADS``: 1 or 2 BLAS threads;
* ``SYMLAB_JITTER``: every data set multiplied by 1 ± 1e-12 (``tests/perturb/sitecustomize.py``),
  the size of a rounding difference.

Several perturbations are combined into each run to keep the suite under ten minutes; each
kernel on its own can be tried with ``../shared/tools/under-kernels python -m pytest notebooks``.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NO_AVX512 = "AVX512_SPR AVX512_ICL X86_V4"

PERTURBATIONS = {
    "Nehalem kernel, no AVX-512 or AVX2 loops, data x (1 + 1e-12)": dict(
        OPENBLAS_CORETYPE="Nehalem", NPY_DISABLE_CPU_FEATURES=NO_AVX512 + " X86_V3", OPENBLAS_NUM_THREADS="1",
        SYMLAB_JITTER="1e-12"),
    "Sandybridge kernel, no AVX-512 loops, 2 threads, data x (1 - 1e-12)": dict(
        OPENBLAS_CORETYPE="Sandybridge", NPY_DISABLE_CPU_FEATURES=NO_AVX512, OPENBLAS_NUM_THREADS="2",
        SYMLAB_JITTER="-1e-12"),
}


@pytest.mark.parametrize("name", PERTURBATIONS)
def test_notebooks_print_the_same_on_another_machine(name, tmp_path):
    env = dict(os.environ, **PERTURBATIONS[name])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tests" / "perturb"), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), "-o", "addopts=",
         "-o", "filterwarnings=error::RuntimeWarning", *map(str, NOTEBOOKS)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1800)
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    assert result.returncode == 0, f"{name}: {len(failed)} cells print other text\n" + "\n".join(failed) + \
        "\n" + result.stdout[-6000:]
