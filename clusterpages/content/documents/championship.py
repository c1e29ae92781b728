"""championships/*.md → Championship (pure)."""

from __future__ import annotations

from clusterpages.content.documents.context import Context, content_ref, front_matter
from clusterpages.content.documents.links import body_html
from clusterpages.content.read import schemas
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Championship, Photo, Result
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, urls


def parse_championship(ctx: Context, src: SourceFile, slug: str) -> tuple[Championship | None, list[dg.Diagnostic]]:
    doc, data, diags = front_matter(src, schemas.CHAMPIONSHIP, "чемпионата")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    scope = inputs.cluster(slug)
    cslug = src.rel.rsplit("/", 1)[1][:-3]
    page = urls.championship(slug, cslug)
    end = data.get("end") or data["start"]
    if end < data["start"]:
        diags.append(dg.error("championship.dates", src.rel, doc.meta.line(("end",)), "Дата окончания раньше даты начала.",
                              "Проверьте поля start и end."))
    photos = []
    for i, p in enumerate(data.get("photos") or []):
        path = content_ref(ctx, p.get("file"), src.rel, p.get("_line"), scope, "Фото", diags)
        if path:
            photos.append(Photo(urls.media(path), p.get("alt") or ""))
    results = tuple(Result(str(r.get("place")), r.get("college") or "", r.get("competency") or "",
                           r.get("participant") if r.get("consent") else None) for r in data.get("results") or [])
    body = body_html(ctx, doc.body, src.rel, doc.body_line, scope, page, diags)
    return Championship(slug, cslug, src.rel, data["title"], data["start"], end, data.get("venue") or "",
                        data.get("level") or "regional", tuple(data.get("partners") or ()),
                        tuple(data.get("competencies") or ()), tuple(t.lower() for t in data.get("tags") or ()),
                        results, tuple(photos), body, doc.meta.line(("partners",))), diags
