"""Run a command once per numeric "machine" this CPU can imitate, and say under which it passes.

Learners' CPUs round differently: numpy's wheels ship OpenBLAS with several kernels and pick one for
the CPU, and numpy's own loops dispatch on CPU features. This script runs a command (usually the
tests) once per kernel in :data:`KERNELS`: the machine's own (``default``), then older OpenBLAS
kernels picked with ``OPENBLAS_CORETYPE`` with numpy's AVX-512 loops switched off
(``NPY_DISABLE_CPU_FEATURES``). You can imitate only machines older than yours: Haswell,
Sandybridge and Nehalem (and Prescott) kernels run on any x86-64 CPU that has their instructions.

    python tools/under_kernels.py python -m pytest tests/test_exact_symmetry.py -o addopts=""
    KERNELS="default Nehalem" python tools/under_kernels.py python -m pytest notebooks

It prints the folder of the logs (one per kernel, the command's whole output), then one line per
kernel: its name, the command's exit status, the seconds it took, and the last line of the log
that says "passed", "failed" or "error" (else the log's last line). The exit status is 0 when the
command passed under every kernel, 1 otherwise (2 for a usage error).

Set KERNELS (names separated by spaces) to choose kernels; a name that is not in :data:`KERNELS`
is passed to OpenBLAS as a core type, with numpy's AVX-512 loops off (an OpenBLAS core type it does
not know falls back to the machine's own kernel). Each run starts from this process's environment
without OPENBLAS_CORETYPE and NPY_DISABLE_CPU_FEATURES, then sets the kernel's variables.

Other code can import :data:`KERNELS` (kernel name -> environment variables to set) and
:func:`kernel_env`. Standard library only.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# numpy's CPU features to switch off, as ``numpy.show_runtime()`` names them (an unknown name is
# silently ignored by numpy): its AVX-512 loops, which a learner's older CPU does not have.
NPY_DISABLE_CPU_FEATURES = "AVX512_SPR AVX512_ICL X86_V4"

# Kernel name -> the environment variables that select it. "default": whatever this CPU picks.
KERNELS = {
    "default": {},
    **{name: {"OPENBLAS_CORETYPE": name, "NPY_DISABLE_CPU_FEATURES": NPY_DISABLE_CPU_FEATURES}
       for name in ("Haswell", "Sandybridge", "Nehalem")},
}

# The variables a kernel may set; removed from the inherited environment before each run.
KERNEL_VARIABLES = ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")

SUMMARY = re.compile(r"passed|failed|error")


def kernel_env(name, base=None):
    """The environment to run a command under kernel ``name``: ``base`` (default: os.environ)
    without the kernel variables, plus the kernel's. A name not in KERNELS is an OpenBLAS core type."""
    env = {key: value for key, value in (os.environ if base is None else base).items()
           if key not in KERNEL_VARIABLES}
    env.update(KERNELS.get(name, {"OPENBLAS_CORETYPE": name,
                                  "NPY_DISABLE_CPU_FEATURES": NPY_DISABLE_CPU_FEATURES}))
    return env


def last_summary_line(text):
    """The last line that says passed, failed or error; else the last line; else ''."""
    lines = text.splitlines()
    return next((line for line in reversed(lines) if SUMMARY.search(line)), lines[-1] if lines else "")


def run_under(name, command, log):
    """Run ``command`` under kernel ``name``, its output (stdout and stderr) to the file ``log``.
    Returns (exit status, whole seconds, summary line)."""
    start = time.monotonic()
    with open(log, "wb") as out:
        try:
            rc = subprocess.run(command, env=kernel_env(name), stdout=out, stderr=subprocess.STDOUT).returncode
        except OSError as error:  # e.g. the command does not exist: report it like a failed run
            out.write(f"{command[0]}: {error}\n".encode())
            rc = 127
    seconds = int(time.monotonic() - start)
    return rc, seconds, last_summary_line(Path(log).read_text(errors="replace"))


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python tools/under_kernels.py",
        description="Run COMMAND once per OpenBLAS kernel (KERNELS, default: "
                    f"{' '.join(KERNELS)}) and report which runs pass. Exit status 0 when all pass.",
        epilog='Example: KERNELS="default Nehalem" python tools/under_kernels.py '
               'python -m pytest tests/test_exact_symmetry.py -o addopts=""')
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command and its arguments")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: no command given (see --help)", file=sys.stderr)
        return 2
    kernels = os.environ.get("KERNELS", " ".join(KERNELS)).split()
    logs = Path(tempfile.mkdtemp(prefix="under-kernels-"))
    print(f"logs: {logs}", flush=True)
    failed = 0
    for name in kernels:
        rc, seconds, summary = run_under(name, command, logs / f"{name}.log")
        print(f"{name:<12} rc={rc:<3} {seconds:>4}s  {summary}", flush=True)
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
