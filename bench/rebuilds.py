#!/usr/bin/env python3
"""A cold build, then several rebuilds each after one edited page: the rebuilds a person makes
one after another (bench/run.py times only the first rebuild after a cold build).

    .venv/bin/python bench/rebuilds.py [--size 1000] [--edits 4] [--jobs 2]

Copies the benchmark corpus (bench/.corpora/<size>/, made by bench/run.py) to a temporary
folder, builds it with `build.py build --quiet`, then appends a paragraph to one page and builds
again, --edits times, and prints each build's wall time (the whole process, as a user waits for
it) and its ratio to the cold build.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    made = corpus.made_site(a.size)
    if made is None:
        return 2
    with tempfile.TemporaryDirectory(prefix="cp-rebuilds-") as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(made, site)
        page = sorted((site / "content" / "clusters").glob("*/pages/*.md"))[0]
        argv = [sys.executable, str(REPO / "build.py"), "build", "--config", str(site / "site_config.yaml"),
                "--out", str(Path(tmp) / "output"), "--quiet", "--jobs", str(a.jobs)]

        def build() -> float:
            started = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8")
            if done.returncode != 0:
                raise SystemExit(f"build failed ({done.returncode}):\n{done.stderr}")
            return time.perf_counter() - started

        cold = build()
        print(f"{a.size:,} pages, --jobs {a.jobs}\n\n| Build | s | × cold |\n|---|---:|---:|\n| cold | {cold:.2f} | 1.00× |")
        for n in range(1, a.edits + 1):
            with page.open("a", encoding="utf-8") as fh:
                fh.write(f"\nАбзац правки номер {n}.\n")
            seconds = build()
            print(f"| after edit {n} | {seconds:.2f} | {seconds / cold:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
