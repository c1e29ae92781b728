"""Everything published from one page, made where the page is rendered (pure).

A page's HTML, its link-check scan, its copy for the cluster's zip and its CMS fragment depend
on nothing but the page's data, so they are made together in the worker that renders the page:
publishing is spread over the worker pool like rendering, and one cache entry per page keeps
all four. The main process then only puts the pieces together (zips, admin page, manifest).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Mapping

from clusterpages.content.read.location import BUNDLED_THEME
from clusterpages.model import Site
from clusterpages.publish import bundles, embed, embedstyles, htmlscan, linkcheck
from clusterpages.publish.write import Staged
from clusterpages.site import render
from clusterpages.site.compiled import Store
from clusterpages.site.pages import PageSpec
from clusterpages.values import diagnostics as dg
from clusterpages.values import packing, urls
from clusterpages.values.memo import no_memo


# The start tags the zip copy (bundles.ADDRESSING) and the link check (linkcheck.LINKED) read; of
# the end tags, the zip copy reads only a link's (a link leaving the zip becomes a <span>).
_LOOKED_AT = re.compile(f"{bundles.ADDRESSING.pattern}|{linkcheck.LINKED.pattern}", re.I)


@dataclass(frozen=True)
class Extras:
    """What publishing a page needs besides its spec (the same for every page of a build)."""

    base_url: str | None
    cluster_css: Mapping[str, str]                  # cluster slug → its fragments' stylesheet
    chart_names: Mapping[str, Mapping[str, str]]    # report page → {chart title: chart file}

    def key_parts(self, spec: PageSpec) -> tuple[str, ...]:
        """The parts of this that a page's results depend on (for its cache key)."""
        slug = spec.cluster.slug if spec.cluster is not None else ""
        charts = sorted(self.chart_names.get(spec.path, {}).items())
        return str(self.base_url), slug, self.cluster_css.get(slug, ""), repr(charts)

    def for_specs(self, specs: list[PageSpec]) -> "Extras":
        """Only what these pages need (less to send to a worker)."""
        slugs = {s.cluster.slug for s in specs if s.cluster is not None}
        paths = {s.path for s in specs}
        return Extras(self.base_url, {k: v for k, v in self.cluster_css.items() if k in slugs},
                      {k: v for k, v in self.chart_names.items() if k in paths})


@dataclass(frozen=True)
class PageWork:
    path: str
    html: bytes | Staged                                            # Staged: written to the new output already
    scan: linkcheck.Scan
    bundled: tuple[bundles.Packed, frozenset[str]] | None           # the page in its zip, and the files it loads
    # make_fragment's result, when it has one: its two files as UTF-8 (read back from the cache
    # without decoding: a third of the time of reading a page's entry), and its findings
    fragment: tuple[bytes | Staged, bytes | Staged, tuple[dg.Diagnostic, ...]] | None
    sums: tuple[str, ...] = ()   # SHA-256 of the HTML and of the fragment's two files, made with them (on the worker)


@functools.lru_cache(maxsize=8)
def _constant_tags(part: str) -> tuple[htmlscan.Tag, ...]:
    return tuple(htmlscan.scan(part, _LOOKED_AT, ("a",)))


def _tags(text: str, part: render.Constant | None) -> list[htmlscan.Tag]:
    """The page's tags that the zip copy and the link check read; those of the theme's constant
    part (render.constant_part, the same on every page) scanned once a process."""
    at = text.find(part.done) if part is not None else -1
    if at < 0:
        return htmlscan.scan(text, _LOOKED_AT, ("a",))
    after = at + len(part.done)
    return (htmlscan.scan(text, _LOOKED_AT, ("a",), end=at)
            + [t._replace(start=t.start + at, end=t.end + at) for t in _constant_tags(part.done)]
            + htmlscan.scan(text, _LOOKED_AT, ("a",), start=after))


def work(env, fragment_env, spec: PageSpec, extras: Extras) -> PageWork:
    """Render one page and publish it; raises render.TemplateProblem."""
    body = render.typographed_body(spec)  # once, for the page and its CMS piece
    text = (body is not None and render.render_with_body(env, spec, body)) or render.render_text(env, spec)
    data = text.encode("utf-8")
    tags = _tags(text, render.constant_part(env))  # once: for the zip copy and the link check
    inside = bundles.scope_of(spec.path)
    bundled = None
    if inside is not None:
        page_text, loads = bundles.bundle_page(text, spec.path, inside, extras.base_url, tags)
        bundled = (bundles.Packed.of(page_text.encode("utf-8")), frozenset(loads))
    fragment = None
    fspec = embed.fragment_spec(spec, extras.base_url, extras.chart_names.get(spec.path, {}))
    if fspec is not None:
        piece, inlined, found = embed.make_fragment(fragment_env, fspec, spec.path, extras.base_url,
                                                    extras.cluster_css.get(spec.cluster.slug, ""), body)
        fragment = (piece.encode("utf-8"), inlined.encode("utf-8"), found)
    sums = (bundles.sha256(data),) + ((bundles.sha256(fragment[0]), bundles.sha256(fragment[1]))
                                      if fragment is not None else ())
    return PageWork(spec.path, data, linkcheck.scan(text, tags, spec.path), bundled, fragment, sums)



def staged(work: PageWork, spec: PageSpec, put: Callable[[str, bytes, str | None], Staged]) -> PageWork:
    """The page and its CMS piece's two files written to the new output through `put`, their
    bytes no longer held (the admin page reads a piece back only when it is made again)."""
    sums = work.sums or (None, None, None)  # known from where the page was made: not hashed again here
    fragment = work.fragment
    if fragment is not None:
        fragment = (put(embed.fragment_path(spec), fragment[0], sums[1]),
                    put(embed.fragment_inline_path(spec), fragment[1], sums[2]), fragment[2])
    return replace(work, html=put(work.path, work.html, sums[0]), fragment=fragment)


def pack(work: PageWork) -> bytes:
    """The page's cache entry: its zip copy kept apart from the rest (packing.pack_apart), so
    that a build finding the page unchanged reads only the rest; its HTML and CMS files not kept
    at all, only their sizes (packing.Carried: the output holds them, by the checksums in `sums`)."""
    def holed(apart):
        fragment, bundled = work.fragment, work.bundled
        if fragment is not None:
            fragment = (_carried(fragment[0]), _carried(fragment[1]), fragment[2])
        if bundled is not None:
            bundled = (replace(bundled[0], stream=apart(bundled[0].stream)), bundled[1])
        return replace(work, html=_carried(work.html), fragment=fragment, bundled=bundled)
    return packing.pack_apart(holed)


def _carried(data) -> packing.Carried:
    return data if isinstance(data, packing.Carried) else packing.Carried(len(data))


def files(work: PageWork) -> tuple:
    """The page's HTML and CMS files as the work holds them (bytes, Staged or Carried)."""
    return (work.html,) + (work.fragment[:2] if work.fragment is not None else ())


def paths(spec: PageSpec) -> tuple[str, ...]:
    """Where a page's HTML and CMS files go (in the order of `files`)."""
    return (spec.path,) + ((embed.fragment_path(spec), embed.fragment_inline_path(spec))
                           if embed.has_fragment(spec) else ())


@dataclass(frozen=True)
class Written:
    """A page's files as a worker wrote them into the new output (write.Writer): where they are
    now, and each one's record for the output's index (write.Staging.record)."""

    files: tuple[Staged, ...]
    records: tuple[tuple[str, tuple[int, int, str]], ...]


def write_files(work: PageWork, spec: PageSpec, writer) -> Written:
    """The page's HTML and CMS files written by `writer` (write.Writer), with the checksums made here."""
    made = [(path,) + writer.put(path, data, sha) for path, data, sha in zip(paths(spec), files(work), work.sums)]
    return Written(tuple(staged for _, staged, _ in made), tuple((path, record) for path, _, record in made))


def with_files(work: PageWork, made: tuple) -> PageWork:
    """`work` (read from its cache entry) with its HTML and CMS files as `files` gave them."""
    fragment = (made[1], made[2], work.fragment[2]) if work.fragment is not None else None
    return replace(work, html=made[0], fragment=fragment)


def publishable(work: PageWork, spec: PageSpec, holds) -> bool:
    """Whether a page found in the cache can be published: each of its files that the entry does
    not keep is in the previous output with the same checksum (`holds(path, sha256)`)."""
    return all(not isinstance(data, packing.Carried) or (holds is not None and holds(path, sha))
               for path, data, sha in zip(paths(spec), files(work), work.sums))


def work_many(env, fragment_env, specs: list[PageSpec], extras: Extras) -> list:
    """[PageWork or TemplateProblem] for each spec, in order."""
    out = []
    for spec in specs:
        try:
            out.append(work(env, fragment_env, spec, extras))
        except render.TemplateProblem as exc:
            out.append(exc)
    return out


def work_chunk(args: tuple[Path, Store | None, list[PageSpec], Extras, object]) -> list:
    """A unit of work for a worker process: pages rendered with one pair of Jinja environments
    (made once a process: render.kept_environments), each packed for the cache here
    (cache.Cache.put_packed: the main process need not pickle it again), followed by its files
    (pack: the entry does not keep them) — or, given a `write.Writer`, by where it wrote them
    (`Written`: the files' bytes never travel to the main process)."""
    templates, compiled, specs, extras, writer = args
    env, fragment_env = render.kept_environments(templates, compiled)
    return [w if not isinstance(w, PageWork) else (pack(w),) + files(w) if writer is None
            else (pack(w), write_files(w, spec, writer))
            for w, spec in zip(work_many(env, fragment_env, specs, extras), specs)]


def extras(site: Site, copies: dict[str, Path], tokens_css: str, remember=no_memo) -> Extras:
    """What publishing a page needs besides the page: its cluster's fragment styles, its charts."""
    css_file = copies.get(urls.asset("embed.css")) or BUNDLED_THEME / "static" / "embed.css"
    css_source, slugs = Path(css_file).read_text(encoding="utf-8-sig"), tuple(c.slug for c in site.clusters)
    st, _ = remember("embed-styles", (css_source, tokens_css, slugs), lambda: embedstyles.styles(css_source, tokens_css, slugs))
    chart_names, _ = remember("embed-charts", (site.reports, tokens_css), lambda: embed.chart_files(site, tokens_css))
    return Extras(site.config.base_url, {c.slug: st.for_cluster(c.slug) for c in site.clusters}, chart_names)
