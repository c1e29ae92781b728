"""The tables of a plan's Word copy: one Word table for each run of plan tables with the same
columns, a full-width row for each section, widths chosen from the content (docxfit), and the
links of a row as the name of their site in the cell and in full after the table, by item.
Every cell's text is glued where the site's typography glues it (values/typography.glue):
initials to their surname, «№» and «п.» to their number, a range of years or days whole.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from clusterpages.content.documents import markup
from clusterpages.model import PlanDoc, PlanItem, PlanTable
from clusterpages.publish import docxfit
from clusterpages.values import status
from clusterpages.values.text import status_note
from clusterpages.values.typography import NBSP, glue

_URL = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Row:
    section: str                # a section's row across the table, or "" for an item
    number: str                 # the item's number (for the notes), or ""
    cells: tuple[str, ...]


def _value(item: PlanItem, role: str, header: str, extra: list) -> str:
    if role == "extra":
        for name, html in extra:
            if name == header:
                extra.remove((name, html))
                return markup.strip_tags(html)
        return ""
    if role == "status":
        note = status_note(item.status_note, status.LABELS[item.written or item.status])
        return status.words(item.status, item.written, item.late_days) + (f" ({note})" if note else "")
    if role == "title":
        return item.title_text
    if role == "result":
        return markup.strip_tags(item.result_html)
    if role == "reach":
        return f"{NBSP}/{NBSP}".join(r for r in (item.reach_plan, item.reach_fact) if r)  # «300 / 340» whole
    if role == "link":
        return item.link or ""
    if role == "deadline":
        return item.deadline_text
    return getattr(item, role, "") or ""


def _columns(table: PlanTable) -> tuple[tuple[str, str], ...]:
    has_status = any(role == "status" for role, _ in table.columns)
    return table.columns + (() if has_status else (("status", "Статус"),))


def groups(doc: PlanDoc) -> list[tuple[tuple[tuple[str, str], ...], list[Row]]]:
    """Runs of plan tables with the same columns, each as its columns and rows of plain text."""
    out: list = []
    for block in doc.blocks:
        if not isinstance(block, PlanTable):
            continue
        columns = _columns(block)
        if not out or out[-1][0] != columns:
            out.append((columns, []))
        rows = out[-1][1]
        if block.section:
            rows.append(Row(block.section, "", ()))
        for n, item in enumerate(block.items, 1):
            extra = list(item.extra)
            cells = tuple(glue(_value(item, role, header, extra)) for role, header in columns)
            rows.append(Row("", item.number or str(n), cells))
    return out


def is_link(text: str) -> bool:
    return bool(_URL.fullmatch(text.strip()))


def site_name(url: str) -> str:
    """«https://www.vk.com/wall-1_2» → «vk.com»: what a reader of paper recognises."""
    host = (urlsplit(url.strip()).hostname or url).lower()
    return host[4:] if host.startswith("www.") else host


def _link_column(role: str, cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return role == "link" or bool(filled) and all(is_link(c) for c in filled)


def fit(columns, rows: list[Row], room_pt: float) -> tuple[docxfit.Layout, list[bool]]:
    """The layout of the table, and which columns hold links (shown by their site's name)."""
    links = [_link_column(role, [r.cells[i] for r in rows if not r.section]) for i, (role, _) in enumerate(columns)]
    shown = [docxfit.Column(header, tuple(site_name(r.cells[i]) if links[i] and is_link(r.cells[i])
                                          else r.cells[i] for r in rows if not r.section), links[i])
             for i, (_, header) in enumerate(columns)]
    return docxfit.choose(shown, room_pt), links


def notes(columns, rows: list[Row], links: list[bool]) -> list[tuple[str, list[str]]]:
    """The links of the table, in full, by item: [(header, ["п. 1 — https://…", …]), …]."""
    out = []
    for i, (_, header) in enumerate(columns):
        if not links[i]:
            continue
        lines = [f"п.{NBSP}{r.number} — {r.cells[i].strip()}" for r in rows if not r.section and r.cells[i].strip()]
        if lines:
            out.append((header, lines))
    return out


def _cell(cell, text: str, size: int, width_pt: float, bold: bool = False) -> None:
    cell.width = Pt(width_pt)
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _whole(row, header: bool = False) -> None:
    """A row that never breaks across pages; the header is repeated on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def write(document, columns, rows: list[Row], layout: docxfit.Layout, links: list[bool]) -> None:
    """One Word table: the header (repeated on every page), sections and items."""
    kept = [i for i, keep in enumerate(layout.keep) if keep]
    table = document.add_table(rows=1, cols=len(kept), style="Table Grid")  # one look-up of the style, not two
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, layout.widths_pt):
        column.width = Pt(width)
    _whole(table.rows[0], header=True)
    for cell, i, width in zip(table.rows[0].cells, kept, layout.widths_pt):
        _cell(cell, columns[i][1], layout.size_pt, width, bold=True)
    item_row = _item_row(table, layout)
    for row in rows:
        if row.section:
            added = table.add_row()
            _whole(added)
            cells = added.cells
            merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
            _cell(merged, row.section, layout.size_pt, sum(layout.widths_pt), bold=True)
            merged.paragraphs[0].paragraph_format.keep_with_next = True  # never last on a page
            continue
        texts = [site_name(row.cells[i]) if links[i] and is_link(row.cells[i]) else row.cells[i] for i in kept]
        table._tbl.append(_filled(item_row, texts))
    _table_properties(table, sum(layout.widths_pt))


def _item_row(table, layout: docxfit.Layout):
    """An item's row as python-docx makes it (widths, a run's size in each cell), text «x» in
    every cell, taken out of the table: every item row is a copy of it with its own texts
    (python-docx builds each element by a schema lookup — a plan's thousands of cells took most
    of a small site's build)."""
    added = table.add_row()
    _whole(added)
    for cell, width in zip(added.cells, layout.widths_pt):
        _cell(cell, "x", layout.size_pt, width)
    tr = added._tr
    tr.getparent().remove(tr)
    return tr


def _filled(item_row, texts: list[str]):
    """A copy of `item_row` with `texts` in its cells, each as python-docx's add_run writes it."""
    tr = copy.deepcopy(item_row)
    for r, text in zip(tr.iter(qn("w:r")), texts):
        r.remove(r[-1])  # the «x»
        if not text:
            continue  # add_run("") makes a run without text
        if "\t" in text or "\n" in text or "\r" in text:
            r.text = text  # tabs and line breaks become their own elements
            continue
        t = r.makeelement(qn("w:t"), {})
        t.text = text
        if len(text.strip()) < len(text):
            t.set(qn("xml:space"), "preserve")
        r.append(t)
    return tr


def _table_properties(table, width_pt: float) -> None:
    """The table's width, and its cells' margins: Word's 5.4 pt at the sides (docxfit counts
    them), 0.5 pt above and 1.5 pt below the text, so that no line touches a border."""
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(width_pt * 20)))
    margins = OxmlElement("w:tblCellMar")
    side = round(docxfit.CELL_MARGINS_PT / 2 * 20)
    for edge, dxa in (("top", 10), ("left", side), ("bottom", 30), ("right", side)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(dxa))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.find(qn("w:tblLook")).addprevious(margins)  # its place in the schema's order
