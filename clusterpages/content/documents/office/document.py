"""A Word or Excel plan as a PlanDoc: what `office.plan` read, with the site's context."""

from __future__ import annotations

from clusterpages.content.documents import plantables, refs
from clusterpages.content.documents.context import Context, academic_year, content_ref
from clusterpages.content.documents.office.plan import read_office
from clusterpages.content.documents.planrows import Where
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Approval, PlanDoc
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs


def _approval(ctx: Context, found, sidecar: dict, src: SourceFile, place: str, scope: str,
              diags: list) -> Approval | None:
    if sidecar.get("approved"):
        a = sidecar["approved"]
        scan = content_ref(ctx, a.get("scan"), src.rel, None, scope, "Скан утверждённого плана", diags)
        return Approval(a.get("position") or "", a.get("name") or "", a.get("date"),
                        refs.site_path(scan) if scan else None)
    if found is None:
        return None
    if found.date is None:
        diags.append(dg.warning(
            "office.approval-date", src.rel, None,
            f"В грифе «УТВЕРЖДАЮ» не распознана дата («{found.date_text or 'её нет'}»): гриф не показан.",
            "Впишите дату как «01» сентября 2022 г. или 01.09.2022 — или укажите гриф в .yaml рядом с файлом "
            "(approved: position, name, date).", place=place))
        return None
    return Approval(found.position, found.name, found.date, None)


def parse_office_plan(ctx: Context, src: SourceFile, slug: str, kind: str, companion: SourceFile | None
                      ) -> tuple[PlanDoc | None, list[dg.Diagnostic]]:
    name = src.rel.rsplit("/", 1)[1]
    doc_slug = name.rsplit(".", 1)[0]
    years = doc_slug.rsplit("-", 2)
    sidecar_rel = companion.rel if companion else src.rel.rsplit(".", 1)[0] + ".yaml"
    diags: list[dg.Diagnostic] = []
    year_text = f"{years[-2]}-{years[-1]}"
    year = academic_year(year_text, ctx.config, src.rel, None, diags)
    if year is None:
        return None, diags
    where = Where(kind, slug, doc_slug, year, ctx.config.as_of, src.rel)
    read, sub = read_office(src.data, src.rel, where, companion.text if companion else None, sidecar_rel)
    diags += sub
    if read is None:
        return None, diags
    side = read.sidecar
    if side.get("academic_year") and side["academic_year"].replace("/", "-").replace("–", "-") != year_text:
        diags.append(dg.error("plan.year-mismatch", sidecar_rel, None,
                              f"Учебный год в описании ({side['academic_year']}) не совпадает с именем файла "
                              f"({year_text}).", f"Исправьте academic_year на {year_text} или переименуйте файл."))
    title = side.get("title") or read.meta.title
    if not title:
        diags.append(dg.error("office.no-title", src.rel, None,
                              "В документе не найден заголовок (строки над таблицей, например «План работы кластера "
                              "на 2022–2023 учебный год»).",
                              f"Добавьте заголовок над таблицей или файл {sidecar_rel.rsplit('/', 1)[1]} рядом с "
                              "документом со строкой title: \"План работы …\"."))
        return None, diags
    scope = inputs.cluster(slug)
    approval = _approval(ctx, read.meta.approval, side, src, read.meta.approval_place, scope, diags)
    blocks: list = []
    used: set[str] = set()
    section = ""
    for block in read.blocks:
        section = plantables.add_blocks(blocks, [block], used, section)
    version = side.get("version")
    return PlanDoc(kind=kind, cluster=slug, slug=doc_slug, file=src.rel, title=title, year=year,
                   approval=approval, version="" if version is None else str(version), updated=side.get("updated"),
                   changes=tuple(side.get("changes") or ()), blocks=tuple(blocks), original=name), diags
