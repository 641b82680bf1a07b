"""How long `import symlab` takes, and what it loads: the core is numpy only.

Each measurement is a fresh interpreter running ``python -X importtime -c "import <module>"``;
the total is the sum of the cumulative times of the report's outermost imports (the names
without indentation), minus the same total for an interpreter that imports nothing (its own
start-up: site, encodings …), measured alongside.
Compared in the same run: ``import numpy`` alone (the floor) and ``symlab.lab.dashboard`` (what
notebook 01 imports: matplotlib, ipywidgets).

    python benchmarks/import_time.py [--repeats 9]

Goal: ``import symlab`` under 0.3 s on the project's machine.
"""

import argparse
import re
import statistics
import subprocess
import sys

LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| ( *)(\S+)")


def total_seconds(code):
    """Sum of the outermost imports' cumulative times (s) of ``python -X importtime -c code``."""
    report = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                            capture_output=True, text=True, check=True).stderr
    return sum(int(us) for us, indent, _ in LINE.findall(report) if not indent) / 1e6


def loaded(module):
    code = (f"import sys, {module}; print(' '.join(m for m in ('numpy', 'matplotlib', 'ipywidgets', 'sklearn', "
            "'scipy', 'threadpoolctl') if m in sys.modules))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    print(f"{'import':<24} {'median (s)':>10} {'min (s)':>8}   loads")
    for module in ("numpy", "symlab", "symlab.lab.dashboard"):
        times = [total_seconds(f"import {module}") - total_seconds("pass") for _ in range(args.repeats)]
        print(f"{module:<24} {statistics.median(times):>10.3f} {min(times):>8.3f}   {', '.join(loaded(module))}")


if __name__ == "__main__":
    main()
