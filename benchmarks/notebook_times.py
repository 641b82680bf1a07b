"""Wall time of each notebook executed top to bottom, and (optionally) of the whole test suite.

Each notebook runs in a fresh kernel with nbclient, exactly as nbval and
tools/build_notebooks.py run it (cwd = notebooks/). Goals: <= 30 s per notebook,
<= 120 s for the capstone (09), <= 10 minutes for the README's test command.

    python benchmarks/notebook_times.py            # notebooks only
    python benchmarks/notebook_times.py --suite    # also `python -m pytest` (browser tests included)
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
#: CurveZMQ keys for the kernel, as the README's commands give it: no "running over TCP without encryption".
KERNEL_CONFIG = Config({"KernelManager": {"transport_encryption": "auto"}})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", action="store_true", help="also time the whole test suite")
    args = parser.parse_args()
    print(f"{'notebook':<48} {'seconds':>8} {'goal':>6}")
    total = 0.0
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(notebook, timeout=600, kernel_name="python3", config=KERNEL_CONFIG,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - start
        total += seconds
        goal = 120 if path.name.startswith("09") else 30
        print(f"{path.name:<48} {seconds:8.1f} {goal:>6}")
    print(f"{'all notebooks':<48} {total:8.1f}")
    if args.suite:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                                capture_output=True, text=True)
        seconds = time.perf_counter() - start
        summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-200:]
        print(f"{'test suite (python -m pytest)':<48} {seconds:8.1f} {600:>6}   {summary}")


if __name__ == "__main__":
    main()
