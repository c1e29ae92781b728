"""Next year's plan from this one, and the link back (pure).

`carry(doc, year)` makes next year's Markdown plan (or media plan) from a loaded one — whatever
its source, Markdown, Word or Excel: the head filled in for the new year (title, academic year,
an approval block to fill), every unfinished row carried with «перенесено из плана 2022–2023,
п. 7» in its Примечание, its status cleared and its term moved to the new year; finished and
cancelled rows stay behind. It also says what it carried.

`mark_carried(plans)` is the way back: a row of last year's plan that next year's plan says it
carried is «перенесено» there, with «в план 2023–2024», never overdue.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace

from clusterpages.content.documents import markup
from clusterpages.content.facts.years import in_force
from clusterpages.model import PlanDoc, PlanItem, PlanTable
from clusterpages.values import status as st
from clusterpages.values.academic import AcademicYear

NOTE_HEADER = "Примечание"
_NOTE_HEADERS = ("примечание", "примечания", "комментарий")
_FROM = re.compile(r"перенесен\w*\s+из\s+плана\s+(\d{4})\s*[–—/-]\s*(\d{4})\s*,?\s*(?:п\.?\s*([\w.]+))?", re.I)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class Sheet:
    """One table of the new document: its section, its column headers and its rows of text."""

    section: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Carried:
    title: str
    year: AcademicYear
    approval: tuple[str, str]           # (position, name) to sign again; the date is to fill in
    sheets: tuple[Sheet, ...]
    carried: tuple[PlanItem, ...]       # rows carried over
    left: tuple[tuple[PlanItem, str], ...]   # rows left behind, and why («выполнено», «отменено»)

    @property
    def text(self) -> str:
        """The new document as Markdown."""
        parts = [_head(self)]
        for sheet in self.sheets:
            if sheet.section:
                parts.append(f"## {sheet.section}\n")
            parts.append("| " + " | ".join(sheet.headers) + " |\n|" + "---|" * len(sheet.headers) + "\n"
                         + "".join("| " + " | ".join(_cell(c) for c in r) + " |\n" for r in sheet.rows))
        return "\n".join(parts)


def shift_years(text: str, by: int) -> str:
    """Every year in a deadline or a title moved by `by`: «декабрь 2022» → «декабрь 2023»."""
    return _YEAR.sub(lambda m: str(int(m.group(1)) + by), text)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _row(item: PlanItem, columns, number: int, note: str, by: int) -> list[str]:
    extra = dict(item.extra)
    values = {"number": str(number), "title": item.title_text + "".join(f" #{t}" for t in item.tags),
              "deadline": shift_years(item.deadline_text, by), "responsible": item.responsible,
              "participants": item.participants, "result": markup.strip_tags(item.result_html), "status": "",
              "channel": item.channel, "format": item.format, "audience": item.audience,
              "reach_plan": item.reach_plan, "reach_fact": "", "reach": f"{item.reach_plan} /" if item.reach_plan else "",
              "link": ""}
    out = []
    for role, header in columns:
        if role == "extra":
            value = markup.strip_tags(extra.get(header, ""))
            if header.lower() in _NOTE_HEADERS:
                value = f"{note}; {value}" if value else note
            out.append(value)
        else:
            out.append(values.get(role, ""))
    return [re.sub(r"\s+", " ", v).strip() for v in out]


def _columns(table: PlanTable) -> tuple[tuple[str, str], ...]:
    columns = table.columns
    if not any(role == "extra" and h.lower() in _NOTE_HEADERS for role, h in columns):
        columns += (("extra", NOTE_HEADER),)
    return columns


def _head(c: Carried) -> str:
    year = c.year
    lines = ["---", f"title: {_yaml(c.title)}", f"academic_year: {year.first}-{year.first + 1}",
             "# approved:                  # гриф «УТВЕРЖДАЮ»: впишите дату утверждения и уберите «# »",
             f"#   position: {_yaml(c.approval[0])}", f"#   name: {_yaml(c.approval[1])}",
             f"#   date: {year.first}-09-01", "version: 1", "changes: []", "---"]
    return "\n".join(lines) + "\n"


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _why_left(item: PlanItem) -> str | None:
    if st.is_finished(item.status):
        return st.LABELS[item.status].lower()
    if item.status == "cancelled":
        return "отменено"
    return None


def carry(doc: PlanDoc, year: AcademicYear) -> Carried:
    """Next year's document made from `doc` (the rule in this module's docstring)."""
    by = year.first - doc.year.first
    old = doc.year.label("dash")
    sheets: list[Sheet] = []
    carried: list[PlanItem] = []
    left: list[tuple[PlanItem, str]] = []
    for table in (b for b in doc.blocks if isinstance(b, PlanTable)):
        rows = []
        columns = _columns(table)
        for item in table.items:
            why = _why_left(item)
            if why:
                left.append((item, why))
                continue
            note = f"перенесено из плана {old}" + (f", п. {item.number}" if item.number else f", «{item.title_text}»")
            rows.append(tuple(_row(item, columns, len(carried) + 1, note, by)))
            carried.append(item)
        if rows:
            sheets.append(Sheet(table.section, tuple(h for _, h in columns), tuple(rows)))
    a = doc.approval
    return Carried(shift_years(doc.title, by), year, (a.position, a.name) if a else ("Директор ОГБПОУ «…»", "И. О. Фамилия"),
                   tuple(sheets), tuple(carried), tuple(left))


def _carried_numbers(doc: PlanDoc) -> dict[str, str]:
    """Rows of `doc` that say they come from last year's plan: old number (or title) → the note."""
    out = {}
    for item in doc.items:
        text = " ".join([item.status_note, item.title_text] + [markup.strip_tags(v) for _, v in item.extra])
        m = _FROM.search(text)
        if m and int(m.group(1)) == doc.year.first - 1:
            out[m.group(3).rstrip(".") if m.group(3) else item.title_text] = item.uid
    return out


def mark_carried(plans: tuple[PlanDoc, ...], as_of: _dt.date | None = None) -> tuple[PlanDoc, ...]:
    """Last year's rows that next year's plan carried: «перенесено» «в план 2023–2024» — from
    the day next year's plan speaks (`years.in_force` at `as_of`; None: always): before then
    the row is still last year's, judged by its own term."""
    by_key = {(p.cluster, p.kind, p.year.first): p for p in plans}
    out = []
    for doc in plans:
        following = by_key.get((doc.cluster, doc.kind, doc.year.first + 1))
        if following and as_of is not None and not in_force(following, as_of):
            following = None
        numbers = _carried_numbers(following) if following else {}
        if not numbers:
            out.append(doc)
            continue
        note = f"в план {following.year.label('dash')}"

        def moved(item: PlanItem) -> PlanItem:
            if st.is_finished(item.status) or item.status == "cancelled" or \
                    (item.number or item.title_text) not in numbers:
                return item
            return replace(item, status="postponed", late_days=0, written="postponed",
                           status_note=f"перенесено {note}", carried_to=following.slug)
        out.append(replace(doc, blocks=tuple(replace(b, items=tuple(moved(i) for i in b.items))
                                             if isinstance(b, PlanTable) else b for b in doc.blocks)))
    return tuple(out)
