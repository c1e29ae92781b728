"""report-<years>.md → Report: indicators, intro and sections (pure)."""

from __future__ import annotations

import re

from clusterpages.content.documents import markup
from clusterpages.content.documents.context import Context, academic_year, front_matter
from clusterpages.content.documents.links import body_html
from clusterpages.content.read import schemas
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Indicator, Report, ReportSection
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, urls
from clusterpages.values.text import slugify


def _sections(html: str) -> tuple[str, tuple[ReportSection, ...]]:
    parts = re.split(r'(<h2[^>]*>.*?</h2>)', html, flags=re.S)
    intro = parts[0]
    sections = []
    for i in range(1, len(parts), 2):
        head = parts[i]
        m = re.search(r'id="([^"]+)"', head)
        title = markup.strip_tags(head)
        sections.append(ReportSection(title, m.group(1) if m else slugify(title), parts[i + 1] if i + 1 < len(parts) else ""))
    return intro, tuple(sections)


def parse_report(ctx: Context, src: SourceFile, slug: str) -> tuple[Report | None, list[dg.Diagnostic]]:
    doc, data, diags = front_matter(src, schemas.REPORT, "отчёта")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    year = academic_year(data["academic_year"], ctx.config, src.rel, doc.meta.line(("academic_year",)), diags)
    if year is None:
        return None, diags
    doc_slug = src.rel.rsplit("/", 1)[1][:-3]
    page = urls.document(slug, doc_slug)
    html = body_html(ctx, doc.body, src.rel, doc.body_line, inputs.cluster(slug), page, diags)
    intro, sections = _sections(html)
    indicators = tuple(Indicator(i["name"], i["value"], i.get("previous"), i.get("unit") or "", i.get("target"),
                                 i.get("group") or "Показатели", doc.meta.line(("indicators", n, "name")),
                                 doc.meta.line(("indicators", n, "unit" if "unit" in doc.meta.value["indicators"][n]
                                                else "name")))
                       for n, i in enumerate(data.get("indicators") or []))
    return Report(slug, doc_slug, src.rel, data["title"], year, data["published"], indicators, intro, sections), diags
