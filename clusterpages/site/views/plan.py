"""Plan and media-plan tables as their page and their CMS fragment show them (pure).

The table's columns are those the document wrote, in its order; each row carries one cell per
column, so a template never counts its way through the columns it does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.model import PlanDoc, PlanItem, PlanTable
from clusterpages.values import status, urls
from clusterpages.values.text import status_note


@dataclass(frozen=True)
class Cell:
    role: str           # the column's role (number, title, deadline, …); "extra" for a column of its own
    header: str         # as the document wrote it
    html: str = ""      # an extra column's cell, as written (sanitised HTML)


@dataclass(frozen=True)
class Row:
    item: PlanItem
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
    return Row(item, cells, _months(item), _note(item), state_words(item), urls.item_anchor(item.uid))


def table(block: PlanTable) -> Table:
    return Table(block.anchor, block.section, block.columns, any(role == "status" for role, _ in block.columns),
                 tuple(row(i, block.columns) for i in block.items))


def blocks(doc: PlanDoc) -> tuple[str | Table, ...]:
    """The document's body: prose as HTML, tables as views."""
    return tuple(b if isinstance(b, str) else table(b) for b in doc.blocks)
