"""Mistakes a plan's own head and rows reveal, caught where they are made (pure).

A methodist starts next year's plan by copying this year's file: the file name and
`academic_year` change, the title and the deadlines may not. Each check here is a warning with
the file, the line and the fix (`--strict` fails on it):

- `plan.title-year`: the title names another academic year than `academic_year`;
- `plan.deadline-outside-year`: a row's deadline lies outside the plan's academic year (August
  before it is allowed — the year is prepared then — and so is a row carried or postponed);
- `plan.approval-late`: the plan is approved after the first deadline of work not yet done, or after
  its update;
- `plan.version-unexplained`: a version above the first with no change listed.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Callable

from clusterpages.model import PlanDoc, PlanItem
from clusterpages.values import diagnostics as dg

_TITLE_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*[–—/-]\s*(20\d\d|\d\d)(?!\d)")
CARRIED = re.compile(r"перенесен\w*\s+из\s+плана", re.I)


def _ru(d: _dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def _where(doc: PlanDoc, item: PlanItem) -> dict:
    return {"place": item.place} if item.place else {}


def title_year(doc: PlanDoc, line: int | None) -> list[dg.Diagnostic]:
    m = _TITLE_YEAR.search(doc.title)
    if not m or int(m.group(1)) == doc.year.first:
        return []
    said = m.group(0)
    return [dg.warning(
        "plan.title-year", doc.file, line,
        f"В заголовке «{doc.title}» указан {said} учебный год, а в academic_year — {doc.year.label('dash')}.",
        f"Исправьте заголовок: «{doc.title.replace(said, doc.year.label('dash'))}» "
        "(или academic_year и имя файла, если год в заголовке верный).")]


def _carried(item: PlanItem) -> bool:
    text = " ".join([item.status_note, item.title_text] + [v for _, v in item.extra])
    return item.written == "postponed" or bool(CARRIED.search(text))


def deadlines_outside(doc: PlanDoc) -> list[dg.Diagnostic]:
    first, last = _dt.date(doc.year.first, 8, 1), _dt.date(doc.year.first + 1, 8, 31)
    out = []
    for item in doc.items:
        d = item.deadline
        if d is None or d.kind == "recurrence" or d.end is None or _carried(item):
            continue
        start = d.start or d.end
        if d.end < first or start > last:
            out.append(dg.warning(
                "plan.deadline-outside-year", doc.file, item.line or None,
                f"Срок «{item.deadline_text}» пункта «{item.title_text}» вне {doc.year.label('dash')} учебного года "
                f"({_ru(first)}–{_ru(last)}).",
                "Поставьте срок этого учебного года (так бывает, когда план скопирован с прошлогоднего) "
                "или, если пункт перенесён, напишите в статусе «перенесено на …».", **_where(doc, item)))
    return out


def approval(doc: PlanDoc, line: int | None) -> list[dg.Diagnostic]:
    if doc.approval is None or doc.approval.date is None:
        return []
    approved = doc.approval.date
    out = []
    # a row already done when the plan was approved records what happened (a media plan approved in
    # December lists September's publications): the plan was approved late only for work still to do
    dated = [i for i in doc.items if i.deadline and i.deadline.kind != "recurrence" and i.deadline.end
             and not _carried(i) and i.status not in ("done", "published")]
    if dated:
        first = min(dated, key=lambda i: i.deadline.end)
        if approved > first.deadline.end:
            where = f"строка {first.line}" if first.line else first.place
            out.append(dg.warning(
                "plan.approval-late", doc.file, line,
                f"План утверждён {_ru(approved)} — позже срока первого мероприятия «{first.title_text}» "
                f"({first.deadline_text}, {where}).",
                "Проверьте дату утверждения (approved: date) — обычно план утверждают до начала учебного года — "
                "или срок этого мероприятия."))
    if doc.updated and approved > doc.updated:
        out.append(dg.warning(
            "plan.approval-late", doc.file, line,
            f"План утверждён {_ru(approved)} — позже своей актуализации ({_ru(doc.updated)}).",
            "Проверьте даты: updated — день последней правки утверждённого плана, он не раньше даты утверждения."))
    return out


def version(doc: PlanDoc, line: int | None) -> list[dg.Diagnostic]:
    if doc.version in ("", "1", "1.0") or doc.changes:
        return []
    return [dg.warning(
        "plan.version-unexplained", doc.file, line,
        f"У плана версия {doc.version}, но не сказано, что изменено.",
        "Перечислите изменения этой версии в changes, например:\nchanges:\n  - Добавлены мероприятия медиаплана")]


def check(doc: PlanDoc, line: Callable[[str], int | None]) -> list[dg.Diagnostic]:
    """Every check of one plan; `line(key)` gives the line of a front-matter key."""
    return (title_year(doc, line("title")) + deadlines_outside(doc) + approval(doc, line("approved.date"))
            + version(doc, line("version")))
