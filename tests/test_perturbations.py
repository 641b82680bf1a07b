"""Every number the notebooks print is the same on another learner's machine.

Learners' CPUs pick other BLAS kernels and other numpy SIMD loops, which round differently;
a chaotic run can then end elsewhere. This harness re-runs every notebook (strict nbval:
every printed line must match the stored output, which the main test run checks on this
machine's own kernel) in fresh processes that imitate other machines in every way this CPU can.
:data:`MACHINES` lists them: each OpenBLAS kernel this CPU family offers below its own
(Haswell, Sandybridge, Nehalem), each combined with

* ``NPY_DISABLE_CPU_FEATURES``: numpy's AVX-512 loops switched off (and, for Nehalem, AVX2 too),
  so exp, tanh and log take other code paths;
* ``OPENBLAS_NUM_THREADS``: 1 or 2 BLAS threads;
* ``SYMLAB_JITTER``: every data set multiplied by 1 ± 1e-12 (``tests/perturb/sitecustomize.py``),
  the size of a rounding difference.

The machines run side by side, one process each. ``tests/test_thread.py`` uses the same
:data:`MACHINES` for notebook 10's margins. One kernel on its own, for any command:
``python tools/under_kernels.py python -m pytest notebooks``.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NO_AVX512 = "AVX512_SPR AVX512_ICL X86_V4"

#: The machines a learner might have that this CPU can imitate: name -> environment variables.
MACHINES = {
    "Haswell kernel, numpy's AVX-512 loops off, 1 BLAS thread, data x (1 + 1e-12)": dict(
        OPENBLAS_CORETYPE="Haswell", NPY_DISABLE_CPU_FEATURES=NO_AVX512, OPENBLAS_NUM_THREADS="1",
        SYMLAB_JITTER="1e-12"),
    "Sandybridge kernel, numpy's AVX-512 loops off, 2 BLAS threads, data x (1 - 1e-12)": dict(
        OPENBLAS_CORETYPE="Sandybridge", NPY_DISABLE_CPU_FEATURES=NO_AVX512, OPENBLAS_NUM_THREADS="2",
        SYMLAB_JITTER="-1e-12"),
    "Nehalem kernel, numpy's AVX-512 and AVX2 loops off, 2 BLAS threads, data x (1 + 1e-12)": dict(
        OPENBLAS_CORETYPE="Nehalem", NPY_DISABLE_CPU_FEATURES=NO_AVX512 + " X86_V3", OPENBLAS_NUM_THREADS="2",
        SYMLAB_JITTER="1e-12"),
}


def machine_env(name):
    """The environment of a process imitating machine ``name`` (with the data jitter's sitecustomize)."""
    env = dict(os.environ, **MACHINES[name])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tests" / "perturb"), env.get("PYTHONPATH")]))
    return env


def run_on_machines(command, cwd):
    """Run ``command`` once per machine, all at once; returns {name: CompletedProcess-like (returncode, stdout)}."""
    processes = {name: subprocess.Popen(command, cwd=cwd, env=machine_env(name), stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True) for name in MACHINES}
    results = {}
    for name, process in processes.items():
        stdout, _ = process.communicate(timeout=1800)
        results[name] = (process.returncode, stdout)
    return results


def test_notebooks_print_the_same_on_other_machines(tmp_path):
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
               "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), "-o", "addopts=",
               "-o", "filterwarnings=error::RuntimeWarning", *map(str, NOTEBOOKS)]
    problems = []
    for name, (returncode, stdout) in run_on_machines(command, tmp_path).items():
        failed = [line for line in stdout.splitlines() if line.startswith("FAILED")]
        if returncode != 0:
            problems.append(f"{name}: {len(failed)} cells print other text\n" + "\n".join(failed) + "\n"
                            + stdout[-4000:])
    assert not problems, "\n\n".join(problems)
