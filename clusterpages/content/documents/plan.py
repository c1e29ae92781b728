"""plan-<years>.md and media-plan-<years>.md → PlanDoc (pure)."""

from __future__ import annotations

from dataclasses import replace

from clusterpages.content.documents import plancheck, plantables
from clusterpages.content.documents.context import Context, academic_year, content_ref, file_year, front_matter
from clusterpages.content.documents.links import rewrite_links
from clusterpages.content.read import schemas
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Approval, PlanDoc
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, urls


def parse_plan(ctx: Context, src: SourceFile, slug: str, kind: str) -> tuple[PlanDoc | None, list[dg.Diagnostic]]:
    doc, data, diags = front_matter(src, schemas.PLAN, "плана" if kind == "plan" else "медиаплана")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    scope = inputs.cluster(slug)
    year_line = doc.meta.line(("academic_year",))
    year = academic_year(data["academic_year"], ctx.config, src.rel, year_line, diags)
    if year is None:
        return None, diags
    expected = file_year(src.rel, kind)
    if expected and expected != f"{year.first}-{year.first + 1}":
        diags.append(dg.error("plan.year-mismatch", src.rel, year_line,
                              f"Учебный год в документе ({data['academic_year']}) не совпадает с именем файла ({expected}).",
                              f"Исправьте academic_year на {expected} или переименуйте файл."))
    approval = None
    if data.get("approved"):
        a = data["approved"]
        scan = content_ref(ctx, a.get("scan"), src.rel, doc.meta.line(("approved", "scan")), scope, "Скан утверждённого плана", diags)
        approval = Approval(a.get("position") or "", a.get("name") or "", a.get("date"),
                            urls.media(scan) if scan else None)
    doc_slug = src.rel.rsplit("/", 1)[1][:-3]
    page = urls.document(slug, doc_slug)
    blocks, sub = plantables.split_body(doc.body, doc.body_line, kind=kind, cluster=slug, doc=doc_slug, year=year,
                                        as_of=ctx.config.as_of, file=src.rel)
    diags += sub
    def relink(html: str) -> str:
        return rewrite_links(ctx, html, doc.body, src.rel, doc.body_line, scope, page, diags)

    blocks = tuple(relink(b) if isinstance(b, str) else replace(b, items=tuple(
        replace(i, title_html=relink(i.title_html), result_html=relink(i.result_html),
                extra=tuple((h, relink(v)) for h, v in i.extra)) for i in b.items))
        for b in blocks)
    version = data.get("version")
    plan = PlanDoc(kind=kind, cluster=slug, slug=doc_slug, file=src.rel, title=data["title"], year=year,
                   approval=approval, version="" if version is None else str(version), updated=data.get("updated"),
                   changes=tuple(data.get("changes") or ()), blocks=blocks)
    return plan, diags + plancheck.check(plan, lambda key: doc.meta.line(tuple(key.split("."))))
