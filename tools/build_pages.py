"""Build the static pages (pages/*.html): every dashboard without a kernel, from a grid of precomputed runs.

    python tools/build_pages.py            # all pages
    python tools/build_pages.py 01 04      # the pages whose names start with these numbers

See symlab/lab/pages.py for what a page holds. Prints each page's size and build time.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from symlab.lab.pages import PAGES, build_page  # noqa: E402


def main(prefixes):
    out = ROOT / "pages"
    out.mkdir(exist_ok=True)
    for name in PAGES:
        if prefixes and not any(name.startswith(p) for p in prefixes):
            continue
        start = time.perf_counter()
        text = build_page(name)
        (out / f"{name}.html").write_text(text, encoding="utf-8")
        print(f"pages/{name}.html: {len(text.encode()) / 1e6:.2f} MB in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
