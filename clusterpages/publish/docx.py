"""Every plan and media plan as a Word document to print and sign (ГОСТ Р 7.0.97-2016).

A4 landscape; margins 20 mm left, 10 mm right, 20 mm top and bottom; Times New Roman 14 pt
for the text and 12 pt in the table; the «УТВЕРЖДАЮ» block at the top right (position,
signature line with the name, date «01» сентября 2022 г.); the title centred in bold; the
table with a header repeated on every page, a full-width row for each section and the
status of every item; page numbers centred at the top from the second page on.

Byte-identical between builds: the core properties (created, modified) are the as-of date,
and the zip is written again with its parts in a fixed order and fixed timestamps.
"""

from __future__ import annotations

import datetime as _dt
import io

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from clusterpages.content import markup, status
from clusterpages.model import PlanDoc, PlanItem, PlanTable
from clusterpages.publish.ooxml import deterministic_zip
from clusterpages.text import status_note

FONT = "Times New Roman"
TEXT_PT = 14
TABLE_PT = 12
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
TEXT_WIDTH_MM = 297 - 20 - 10
# Relative widths of the columns by role: the event gets the most room, the number the least.
_WEIGHTS = {"number": 4, "title": 30, "deadline": 12, "responsible": 15, "participants": 14, "result": 18,
            "status": 11, "channel": 12, "format": 10, "audience": 12, "link": 14}


def approval_date(day: _dt.date) -> str:
    """«01» сентября 2022 г. — the date of a signature block."""
    return f"«{day.day:02d}» {_MONTHS[day.month - 1]} {day.year} г."


def _font(style, size: int) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _approval(document, doc: PlanDoc) -> None:
    a = doc.approval
    if a is None:
        return
    for text in ("УТВЕРЖДАЮ", a.position, f"____________ {a.name}", approval_date(a.date)):
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.left_indent = Mm(170)
        paragraph.paragraph_format.space_after = Pt(0)
    document.add_paragraph()


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
        return f"{item.reach_plan} / {item.reach_fact}".strip(" /")
    if role == "link":
        return item.link or ""
    if role == "deadline":
        return item.deadline_text
    return getattr(item, role, "") or ""


def _columns(table: PlanTable) -> tuple[tuple[str, str], ...]:
    has_status = any(role == "status" for role, _ in table.columns)
    return table.columns + (() if has_status else (("status", "Статус"),))


def _cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(TABLE_PT)


def _widths(columns) -> list:
    weights = [_WEIGHTS.get(role, 12) for role, _ in columns]
    return [Mm(TEXT_WIDTH_MM * w / sum(weights)) for w in weights]


def _new_table(document, columns) -> object:
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, _widths(columns)):
        column.width = width
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, (_, header) in zip(row.cells, columns):
        _cell(cell, header, bold=True)
    return table


def _tables(document, doc: PlanDoc) -> None:
    table, columns = None, None
    for block in doc.blocks:
        if not isinstance(block, PlanTable):
            continue
        wanted = _columns(block)
        if table is None or wanted != columns:
            table, columns = _new_table(document, wanted), wanted
        if block.section:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
            _cell(merged, block.section, bold=True)
        for item in block.items:
            extra = list(item.extra)
            cells = table.add_row().cells
            for cell, (role, header), width in zip(cells, columns, _widths(columns)):
                cell.width = width
                _cell(cell, _value(item, role, header, extra))


def render(doc: PlanDoc, as_of: _dt.date, department: str = "") -> bytes:
    """The plan as .docx bytes, the same for the same plan and as-of date."""
    document = docx.Document()
    _font(document.styles["Normal"], TEXT_PT)
    _page(document)
    _approval(document, doc)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(doc.title).bold = True
    meta = [f"{doc.year.first}/{doc.year.first + 1} учебный год"]
    if doc.version:
        meta.append(f"версия {doc.version}")
    if doc.updated:
        meta.append(f"актуализировано {doc.updated:%d.%m.%Y}")
    info = document.add_paragraph("; ".join(meta))
    info.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _tables(document, doc)
    stamp = _dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=_dt.timezone.utc)
    props = document.core_properties
    props.title = doc.title
    props.author = department or "clusterpages"
    props.last_modified_by = "clusterpages"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = "ru-RU"
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())
