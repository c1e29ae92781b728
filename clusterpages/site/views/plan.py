"""Plans and media plans as their page and their CMS fragment show them (pure).

The document's head (approval, year, version, changes) is formatted here; the table's columns
are those the document wrote, in its order; each row carries one cell per column, so a template
never counts its way through the columns it does not know. No model object reaches a template.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from clusterpages.model import Approval, PlanDoc, PlanItem, PlanTable
from clusterpages.values import status, urls
from clusterpages.values.text import ru_date, status_note


@dataclass(frozen=True)
class ApprovalView:
    """The approval stamp («УТВЕРЖДАЮ»): who, when (in words) and the scan of the signed original."""

    position: str
    name: str
    date: str           # «25 августа 2022 г.»
    scan: str | None    # site path


@dataclass(frozen=True)
class PlanView:
    """A plan's or media plan's head, as its page and CMS piece show it."""

    slug: str
    kind: str           # "plan" | "media-plan"
    group: str          # its counts' group in a tally: "plan" | "media"
    title: str
    year: str           # the academic year in the site's style: «2022–2023»
    version: str
    updated: str        # the day it was brought up to date, in words; "" when never
    changes: tuple[str, ...]
    approval: ApprovalView | None


def _approval(a: Approval | None) -> ApprovalView | None:
    return ApprovalView(a.position, a.name, ru_date(a.date), a.scan) if a else None


def document(doc: PlanDoc, year_style: str) -> PlanView:
    return PlanView(doc.slug, doc.kind, "plan" if doc.kind == "plan" else "media", doc.title,
                    doc.year.label(year_style), doc.version, ru_date(doc.updated), doc.changes, _approval(doc.approval))


@dataclass(frozen=True)
class Item:
    """What a row's cells show of a plan item: its words as written, its state's key."""

    number: str
    title_html: str
    title_text: str
    tags: tuple[str, ...]
    decisions: tuple[str, ...]  # the decisions it carries out, as it names them (decision_ref)
    deadline_text: str
    responsible: str
    participants: str
    result_html: str
    status: str         # the row's state (a key of values.status.LABELS)
    channel: str
    format: str
    audience: str
    reach_plan: str
    reach_fact: str
    link: str | None    # the publication's outside address


def decision_ref(protocol: str, number: int) -> Markup:
    """«п. 3 протокола № 4»: how a plan's row names a decision it carries out (no break inside
    «п. 3» or «№ 4»)."""
    return Markup("п.&nbsp;{} протокола №&nbsp;{}").format(number, protocol)


def item_view(i: PlanItem) -> Item:
    return Item(i.number, i.title_html, i.title_text, i.tags, tuple(decision_ref(p, n) for p, n in i.decisions),
                i.deadline_text, i.responsible,
                i.participants, i.result_html, i.status, i.channel, i.format, i.audience, i.reach_plan,
                i.reach_fact, i.link)


@dataclass(frozen=True)
class Cell:
    role: str           # the column's role (number, title, deadline, …); "extra" for a column of its own
    header: str         # as the document wrote it
    html: str = ""      # an extra column's cell, as written (sanitised HTML)


@dataclass(frozen=True)
class Row:
    item: Item
    cells: tuple[Cell, ...]
    months: str         # «2022-12 2023-01», first and last month of the deadline; "" when undated or recurring
    note: str           # the status cell's words, without the status word the badge already says
    state: str          # the row's state in words: «Просрочено на 52 дня · в работе»
    anchor: str         # the row's id on the page (urls.item_anchor)


@dataclass(frozen=True)
class Table:
    anchor: str
    section: str
    columns: tuple[tuple[str, str], ...]   # (role, header)
    has_status: bool                       # the document has a status column (else one is added)
    rows: tuple[Row, ...]


def _months(item: PlanItem) -> str:
    d = item.deadline
    if not (d and d.start and d.kind != "recurrence"):
        return ""
    return f"{d.start:%Y-%m} {d.end:%Y-%m}"


def _note(item: PlanItem) -> str:
    return status_note(item.status_note, status.LABELS[item.written or item.status])


def state_words(item: PlanItem) -> str:
    """The row's state as every page says it (content.status.words)."""
    return status.words(item.status, item.written, item.late_days)


def row(item: PlanItem, columns: tuple[tuple[str, str], ...]) -> Row:
    extra = iter(item.extra)
    cells = tuple(Cell(role, header, next(extra, ("", ""))[1] if role == "extra" else "") for role, header in columns)
    return Row(item_view(item), cells, _months(item), _note(item), state_words(item), urls.item_anchor(item.uid))


def table(block: PlanTable) -> Table:
    return Table(block.anchor, block.section, block.columns, any(role == "status" for role, _ in block.columns),
                 tuple(row(i, block.columns) for i in block.items))


def blocks(doc: PlanDoc) -> tuple[str | Table, ...]:
    """The document's body: prose as HTML, tables as views."""
    return tuple(b if isinstance(b, str) else table(b) for b in doc.blocks)
