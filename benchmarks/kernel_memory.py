"""Peak memory of a kernel running each notebook with widgets: what to budget per user on a hub.

Each notebook runs top to bottom in a fresh kernel with nbclient, as nbval does (cwd =
notebooks/). Then every slider, dropdown and checkbox the notebook made is moved through its
range, one control at a time (SWEEP values each, then back), as a learner exploring the
dashboards would; this trains and caches a run per new setting. The kernel's peak resident set
size (VmHWM in /proc/<pid>/status) is read after start-up, after the run and after the sweep.
The JupyterLab server's own memory is measured once, idle, with the lab page loaded.

    python benchmarks/kernel_memory.py                  # the notebooks with a dashboard (01-06)
    python benchmarks/kernel_memory.py --all            # every notebook
    python benchmarks/kernel_memory.py notebooks/09_capstone_circles_and_digits.ipynb

Linux only (it reads /proc).
"""

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SWEEP = 8  # values per control
SWEEP_CODE = f"""
import numpy as np
import ipywidgets as w
from ipywidgets.widgets.widget import _instances  # every live widget (Widget.widgets is deprecated)

def _settings(control, n={SWEEP}):
    \"\"\"The trait to move a control by, and the values to move it through.\"\"\"
    if isinstance(control, (w.Dropdown, w.ToggleButtons, w.RadioButtons, w.SelectionSlider)):
        return "index", list(range(len(control.options)))
    if isinstance(control, w.FloatLogSlider):
        return "value", [float(v) for v in control.base ** np.linspace(control.min, control.max, n)]
    if isinstance(control, w.IntSlider):
        return "value", sorted({{int(round(v)) for v in np.linspace(control.min, control.max, n)}})
    if isinstance(control, w.FloatSlider):
        return "value", [float(v) for v in np.linspace(control.min, control.max, n)]
    if isinstance(control, w.Checkbox):
        return "value", [not control.value]
    return None, []

_moved = 0
for _control in list(_instances.values()):
    _trait, _values = _settings(_control)
    if _values:
        _start = getattr(_control, _trait)
        for _value in _values:
            setattr(_control, _trait, _value)
            _moved += 1
        setattr(_control, _trait, _start)
print(_moved)
"""


def peak_mb(pid, field="VmHWM"):
    """A memory field of /proc/<pid>/status in MB (VmHWM: peak resident set size; VmRSS: now)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def measure(path):
    """Run one notebook in a fresh kernel; return (idle MB, after the run MB, after the sweep MB,
    controls moved, seconds)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel(stderr=subprocess.DEVNULL):  # no "running over TCP" warning
        pid = client.km.provisioner.process.pid
        idle = peak_mb(pid)
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        after_run = peak_mb(pid)
        sweep = nbformat.v4.new_code_cell(SWEEP_CODE)
        notebook.cells.append(sweep)
        client.execute_cell(sweep, len(notebook.cells) - 1)
        printed = "".join(output.get("text", "") for output in sweep.outputs if output.get("name") == "stdout")
        moved = int(printed.split()[-1])
        after_sweep = peak_mb(pid)
    return idle, after_run, after_sweep, moved, time.perf_counter() - start


def server_mb():
    """VmRSS and VmHWM of an idle JupyterLab server after its lab page was loaded once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
                               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                               "--ServerApp.port_retries=0", "--ServerApp.token=bench",
                               f"--ServerApp.root_dir={ROOT}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token=bench", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("JupyterLab did not start within 60 s")
        time.sleep(2)
        return peak_mb(server.pid, "VmRSS"), peak_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to measure (default: those with a dashboard, 01-06)")
    parser.add_argument("--all", action="store_true", help="measure every notebook")
    args = parser.parse_args()
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.notebooks:
        paths = [path.resolve() for path in args.notebooks]
    elif not args.all:
        paths = [path for path in paths if "_dashboard(" in path.read_text()]
    now, peak = server_mb()
    print(f"JupyterLab server, idle with the lab page loaded: {now:.0f} MB (peak {peak:.0f} MB)")
    print(f"kernel peak RSS (MB); sweep = every control moved through {SWEEP} values, one at a time")
    print(f"| {'notebook':<50} | idle kernel | after the run | after the sweep | controls moved | seconds |")
    print(f"|{'-' * 52}|------------:|--------------:|----------------:|---------------:|--------:|")
    for path in paths:
        idle, after_run, after_sweep, moved, seconds = measure(path)
        print(f"| {path.name:<50} | {idle:11.0f} | {after_run:13.0f} | {after_sweep:15.0f} | {moved:14d} "
              f"| {seconds:7.1f} |")


if __name__ == "__main__":
    main()
