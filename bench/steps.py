#!/usr/bin/env python3
"""Where a page's publishing time goes: each step of publish/pagework.py timed over a corpus.

    .venv/bin/python bench/steps.py [--size 1000]

Assembles the benchmark corpus (bench/.corpora/<size>/, made by bench/run.py), then does for
every page, in this one process and in the order pagework.work does it, each step of publishing
it — its body typographed once, the page rendered around it, its tags read once (for its zip
copy and its link check), its zip copy and that copy's compression, the CMS piece (rendered
around the same body, links rewritten, checks, its two shapes, styles inlined), the checksums
and the link check's record of its links and ids — and prints the time of each step over all
pages, with typography and the HTML tag scan also counted wherever they run.
One process: the build spreads the same work over the cores.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
from clusterpages import pipeline  # noqa: E402
from clusterpages.content.read.location import theme_dir  # noqa: E402
from clusterpages.publish import bundles, embed, embedshape, embedstyles, htmlscan, linkcheck, outputs, pagework  # noqa: E402
from clusterpages.site import pages, render  # noqa: E402
from clusterpages.values import typography  # noqa: E402


def _counted(totals: dict, name: str, fn):
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - started
    return timed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1000)
    a = ap.parse_args()
    site_folder = corpus.made_site(a.size)
    if site_folder is None:
        return 2
    config = site_folder / "site_config.yaml"
    site, _ = pipeline.prepare(config, None, _dt.date(2023, 3, 1))
    theme = theme_dir(config.parent)
    specs = pages.specs(site)
    extras = pagework.extras(site, pipeline._copies(site, config.parent, theme), outputs.tokens_css(site))
    env = render.environment(theme / "templates", None)
    fragment_env = render.with_bundled_templates(env)
    totals: dict[str, float] = defaultdict(float)
    # Typography and the tag scan wherever they run (inside the steps below as well).
    typograph = _counted(totals, "typography (in the steps above)", typography.typograph_html)
    typography.typograph_html = typograph
    scan = _counted(totals, "HTML tag scan (in the steps above)", htmlscan.scan)
    embed.scan = bundles.scan = htmlscan.scan = scan
    step = {name: _counted(totals, name, fn) for name, fn in (
        ("page: its body typographed (once, for the page and its piece)", render.typographed_body),
        ("page: render (Jinja + typography of the rest)", render.render_with_body),
        ("page: render, a page without a body of its own", render.render_text),
        ("page: its tags (for the zip copy and the link check)", pagework._tags),
        ("zip copy: links rewritten", bundles.bundle_page),
        ("zip copy: compressed", bundles.Packed.of),
        ("CMS piece: render, links rewritten", embed._typographed),
        ("CMS piece: checks", embed.problems),
        ("CMS piece: shapes (classes, inline)", embedshape.shapes),
        ("CMS piece: styles inlined", embedstyles.inline_flattened),
        ("link-check: its links and ids", linkcheck.scan),
        ("checksums of the page and its piece", bundles.sha256))}
    for name in [*step, "typography (in the steps above)", "HTML tag scan (in the steps above)"]:
        totals[name] = 0.0  # the order of the table
    constant = render.constant_part(env)
    started = time.perf_counter()
    for spec in specs:  # as pagework.work does it
        body = step["page: its body typographed (once, for the page and its piece)"](spec)
        text = (body is not None and step["page: render (Jinja + typography of the rest)"](env, spec, body)) \
            or step["page: render, a page without a body of its own"](env, spec)
        data = text.encode("utf-8")
        tags = step["page: its tags (for the zip copy and the link check)"](text, constant)
        inside = bundles.scope_of(spec.path)
        if inside is not None:
            copy, _ = step["zip copy: links rewritten"](text, spec.path, inside, extras.base_url, tags)
            step["zip copy: compressed"](copy.encode("utf-8"))
        step["checksums of the page and its piece"](data)
        fspec = embed.fragment_spec(spec, extras.base_url, extras.chart_names.get(spec.path, {}))
        if fspec is not None:
            piece, checked = step["CMS piece: render, links rewritten"](fragment_env, fspec, spec.path,
                                                                       extras.base_url, body)
            step["CMS piece: checks"](checked, fspec.cluster.slug)
            shaped, flat = step["CMS piece: shapes (classes, inline)"](piece)
            inlined = step["CMS piece: styles inlined"](flat, extras.cluster_css.get(spec.cluster.slug, ""))
            step["checksums of the page and its piece"](shaped.encode("utf-8"))
            step["checksums of the page and its piece"](inlined.encode("utf-8"))
        step["link-check: its links and ids"](text, tags, spec.path)
    whole = time.perf_counter() - started
    print(f"{len(specs):,} pages published in {whole:.2f} s ({whole * 1000 / len(specs):.2f} ms a page), one process\n")
    print("| Step | s | ms a page |\n|---|---:|---:|")
    for name, seconds in totals.items():
        print(f"| {name} | {seconds:.2f} | {seconds * 1000 / len(specs):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
