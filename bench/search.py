#!/usr/bin/env python3
"""How fast the site search answers in Chromium, and how big its index is.

    .venv/bin/python bench/search.py [--pages 10000] [--repeat 5]

Builds the search index (clusterpages/search) of the example region and, with --pages N, of
the generated corpus of N pages (bench/corpus.py, 10 clusters), writes it beside a bare page
that loads assets/search.js the way the site's pages do, opens that page from file:// in
headless Chromium and times `cpSearch.query(text, null, 8)` — what the header box does for a
keystroke: load the term shards of the query's words (first time only), match, rank and load
the documents of the first eight results. "cold" is the first run of a query on a fresh page
(its term and document files loaded from the disk), "typed" the same on a fresh page whose
box has already loaded the term files of the query's first letter (the box does that at the
first key pressed, while the rest of the word is being typed), "warm" the median of --repeat
further runs of the query (everything loaded). Only the index is
built, not the site, so a run at 10,000 pages takes a few minutes, most of it reading the corpus.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
from clusterpages import pipeline  # noqa: E402
from clusterpages.search import index  # noqa: E402

QUERIES = ("чемпионата", "сварщика", "партнёров", "партнеров", "чемпеонат", "стажиров", "практика студентов",
           "образовательного кластера", "мастерские", "пр")
HARNESS = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>search bench</title>
<script src="search/manifest.js" data-search-manifest></script><script src="assets/search.js"></script>
</head><body></body></html>
"""
# What the box does while a person types: loads the shards of the first letter at the first key;
# a word takes a few hundred milliseconds to type, then the query runs.
TYPED = """async ([text, limit]) => {
  await window.cpSearch.prefetch(text.slice(0, 1));
  const t0 = performance.now();
  const r = await window.cpSearch.query(text, null, limit);
  return [performance.now() - t0, r.total];
}"""
TIMER = """async ([text, limit]) => {
  const t0 = performance.now();
  const r = await window.cpSearch.query(text, null, limit);
  return [performance.now() - t0, r.total];
}"""


def write_index(config: Path, dest: Path) -> tuple[int, int, float]:
    """Build the index of the site at `config` into `dest`; (bytes, files, seconds to build it)."""
    site, diags = pipeline.prepare(config, None, _dt.date(2023, 3, 1))
    if site is None:
        raise SystemExit(f"{config}: the site does not load: {diags[:3]}")
    started = time.perf_counter()
    built = index.build(site)
    seconds = time.perf_counter() - started
    for path, data in built.files.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (dest / "assets").mkdir(exist_ok=True)
    (dest / "assets" / "search.js").write_bytes((REPO / "themes/brandbook/static/search.js").read_bytes())
    (dest / "index.html").write_text(HARNESS, encoding="utf-8")
    return sum(len(b) for b in built.files.values()), len(built.files), seconds


def time_queries(browser, page_url: str, repeat: int) -> list[tuple[str, int, float, float]]:
    rows = []
    for text in QUERIES:
        page = browser.new_page()
        page.goto(page_url)
        page.wait_for_function("() => window.cpSearch && window.cpSearchData && window.cpSearchData.cpTaken")
        cold, total = page.evaluate(TIMER, [text, 8])
        warm = [page.evaluate(TIMER, [text, 8])[0] for _ in range(repeat)]
        page.close()
        page = browser.new_page()
        page.goto(page_url)
        page.wait_for_function("() => window.cpSearch && window.cpSearchData && window.cpSearchData.cpTaken")
        typed = page.evaluate(TYPED, [text, 8])[0]
        rows.append((text, total, cold, typed, statistics.median(warm)))
        page.close()
    return rows


def report(label: str, size: tuple[int, int, float], rows) -> str:
    total, files, seconds = size
    lines = [f"### {label}", "",
             f"Index: {total / 1024:,.0f} KB in {files} files, built in {seconds:.2f} s.", "",
             "| query | results | cold, ms | typed, ms | warm (median), ms |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {q} | {n} | {c:.1f} | {t:.1f} | {w:.1f} |" for q, n, c, t, w in rows]
    cols = {name: [r[i] for r in rows] for name, i in (("cold", 2), ("typed", 3), ("warm", 4))}
    lines += ["", "Median over the queries: " + ", ".join(f"{k} {statistics.median(v):.1f} ms" for k, v in cols.items())
              + "; slowest: " + ", ".join(f"{k} {max(v):.1f} ms" for k, v in cols.items()) + ".", ""]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=0, help="also measure the generated corpus of this many pages")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    sites = [("example region", REPO / "site_config.yaml")]
    if args.pages:
        root = BENCH / ".corpora" / str(args.pages)
        corpus.generate(root, args.pages, 10)
        sites.append((f"generated corpus, {args.pages:,} pages", root / "clusterpages" / "site_config.yaml"))
    out = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for n, (label, config) in enumerate(sites):
            dest = Path(tmp) / str(n)
            print(f"[search bench] {label}: building the index", file=sys.stderr, flush=True)
            size = write_index(config, dest)
            print(f"[search bench] {label}: timing queries", file=sys.stderr, flush=True)
            out.append(report(label, size, time_queries(browser, (dest / "index.html").as_uri(), args.repeat)))
        browser.close()
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
