"""Artifacts besides pages: the generated stylesheet, JSON twins, calendars, checks."""

from __future__ import annotations

import json
from typing import Callable, Mapping

from clusterpages.content.facts import execution, region
from clusterpages.model import PlanDoc, Site
from clusterpages.publish import bundles, calendar, feeds, matrix_xlsx, region_xlsx
from clusterpages.search import index as search_index
from clusterpages.site import dashboard
from clusterpages.values import diagnostics as dg
from clusterpages.values import status, tokens, urls
from clusterpages.values.memo import no_memo


def _plan_json(doc: PlanDoc) -> bytes:
    def d(x):
        return x.isoformat() if x else None
    data = {
        "cluster": doc.cluster, "document": doc.slug, "kind": doc.kind, "title": doc.title,
        "academic_year": f"{doc.year.first}-{doc.year.first + 1}", "source": doc.file, "version": doc.version,
        "updated": d(doc.updated),
        "approved": None if doc.approval is None else {"position": doc.approval.position, "name": doc.approval.name,
                                                      "date": d(doc.approval.date)},
        "items": [{
            "uid": i.uid, "line": i.line or None, **({"place": i.place} if i.place else {}), "section": i.section, "number": i.number, "title": i.title_text,
            "deadline": {"text": i.deadline_text, "kind": i.deadline.kind if i.deadline else None,
                         "start": d(i.deadline.start) if i.deadline else None,
                         "end": d(i.deadline.end) if i.deadline else None,
                         "freq": i.deadline.freq if i.deadline else None,
                         **({"weekdays": list(i.deadline.weekdays)} if i.deadline and i.deadline.weekdays else {})},
            "responsible": i.responsible, "participants": i.participants, "state": i.status,
            "state_label": status.words(i.status, i.written, i.late_days).replace("\u00a0", " "),
            "days_late": i.late_days, "status": i.written, "status_note": i.status_note, "tags": list(i.tags),
            "decisions": [{"protocol": p, "decision": n} for p, n in i.decisions],
            "extra": {k: v for k, v in i.extra},
            **({"channel": i.channel, "format": i.format, "audience": i.audience, "reach_plan": i.reach_plan,
                "reach_fact": i.reach_fact, "link": i.link} if doc.kind == "media-plan" else {}),
        } for i in doc.items],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _plan_docx(*inputs) -> bytes:
    # python-docx loads only when a plan's Word twin is made (a rebuild takes them from the cache).
    from clusterpages.publish import docx
    return docx.render(*inputs)


def tokens_css(site: Site) -> str:
    """The site's colours as CSS custom properties (tokens.css): made once a build."""
    return tokens.stylesheet(site.config.palette, {c.slug: c.accent for c in site.clusters}, site.config.fonts)


def region_files(site: Site, memo=no_memo) -> dict[str, bytes]:
    """The region's indicators as XLSX and CSV (none without a catalogue or a report)."""
    found = region.years(site)
    if not found or site.catalogue is None:
        return {}
    c = site.config
    inputs = (found, site.clusters, c.palette, c.as_of, c.year_style)
    return {urls.REGION_XLSX: memo("region-xlsx", inputs, lambda: region_xlsx.render(*inputs)),
            urls.REGION_CSV: region_xlsx.csv_bytes(found, site.clusters, site.catalogue, c.year_style)}


# What a generator of data files gives: its files (site path → bytes) and findings.
Made = tuple[dict[str, bytes], list[dg.Diagnostic]]


def _colours(site: Site, tokens_css: str, before: Mapping[str, bytes], memo) -> Made:
    return {urls.TOKENS_CSS: tokens_css.encode("utf-8")}, []


def _plan_twins(site: Site, tokens_css: str, before: Mapping[str, bytes], memo) -> Made:
    files: dict[str, bytes] = {}
    for doc in site.plans:
        files[urls.plan_json(doc.cluster, doc.slug, doc.kind)] = memo(f"plan-json:{doc.file}", doc,
                                                                      lambda doc=doc: _plan_json(doc))
        inputs = (doc, site.config.as_of, site.config.department_name, site.config.year_style)
        files[urls.plan_docx(doc.cluster, doc.slug, doc.kind)] = memo(f"plan-docx:{doc.file}", inputs,
                                                                      lambda inputs=inputs: _plan_docx(*inputs))
    return files, []


def _protocol_tables(site: Site, tokens_css: str, before: Mapping[str, bytes], memo) -> Made:
    files = dict(dashboard.files(site))
    for p in site.protocols:
        inputs = (files[urls.matrix(p.slug, "json")], site.config.palette)
        files[urls.matrix(p.slug, "xlsx")] = memo(f"matrix-xlsx:{p.slug}", inputs, lambda p=p: matrix_xlsx.render(
            p, execution.matrix(site, p), site.config.palette, site.config.as_of))
    return files, []


def _region(site: Site, tokens_css: str, before: Mapping[str, bytes], memo) -> Made:
    return region_files(site, memo), []


def _calendars(site: Site, tokens_css: str, before: Mapping[str, bytes], memo) -> Made:
    return calendar.files(site, memo)


def _feeds(site: Site, tokens_css: str, before: Mapping[str, bytes], memo) -> Made:
    return feeds.feeds(site, memo), []


# The data files made from the documents alone, each kind by its generator, in this order: one
# takes the site, its colours (tokens.css), the files made before it and the build's memo.
DATA_FILES: tuple[Callable[[Site, str, Mapping[str, bytes], Callable], Made], ...] = (
    _colours, _plan_twins, _protocol_tables, _region, _calendars, _feeds)


def document_files(site: Site, tokens_css: str, memo=None) -> Made:
    """The data files made from the documents alone, in this process (DATA_FILES): its colours
    (tokens.css), plan twins (JSON, DOCX), the protocol tables' files, the region's indicators,
    calendars and feeds. `memo(name, inputs, make)` may give back what was made from the same inputs before
    (the preview: recall.Recall; a build: its cache folder for the costly ones)."""
    files: dict[str, bytes] = {}
    diags: list[dg.Diagnostic] = []
    for make in DATA_FILES:
        more, found = make(site, tokens_css, files, memo or no_memo)
        files.update(more)
        diags += found
    return files, diags


def search_files(site: Site, memo=None, mapper=None) -> Callable[[], tuple[dict[str, bytes], list[dg.Diagnostic],
                                                                         dict[str, bundles.Packed]]]:
    """The search index, when the returned function is called; `memo` may give back each
    document's weights, `mapper(fn, items)` may spread the clusters' parts over worker processes
    (handed to them now: search_index.begin), which also compress their files for the zips
    (the third result: site path → its zip entry)."""
    pending = search_index.begin(site, memo or no_memo, mapper, bundles.Packed.of)

    def found() -> tuple[dict[str, bytes], list[dg.Diagnostic], dict[str, bundles.Packed]]:
        index = pending()
        return dict(index.files), [search_index.size_report(site, index)], index.ready
    return found
