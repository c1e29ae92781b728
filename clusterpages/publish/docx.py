"""Every plan and media plan as a Word document to print and sign (ГОСТ Р 7.0.97-2016).

A4 landscape; margins 20 mm left, 10 mm right, 20 mm top and bottom; Times New Roman 14 pt
for the text and 12 pt in the table; the «УТВЕРЖДАЮ» block at the top right (position,
signature line with the name, date «01» сентября 2022 г.); the title centred in bold, under it
«на 2022/2023 учебный год» when the title does not say it and «Версия 2 от 20.12.2022»; the
table with a header repeated on every page, a full-width row for each section and the state of
every item; page numbers centred at the top from the second page on. No column is narrower than
its longest word or date (Times New Roman's widths; 12 pt, else 11 or 10 pt when the columns'
words would not fit), the rest of the width shared by the columns' weights; a link is printed as
its site's name with a number, the addresses listed after the table.

Byte-identical between builds: the core properties (created, modified) are the as-of date,
and the zip is written again with its parts in a fixed order and fixed timestamps.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from urllib.parse import urlsplit

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from clusterpages.content.documents import markup
from clusterpages.model import PlanDoc, PlanItem, PlanTable
from clusterpages.publish.ooxml import deterministic_zip
from clusterpages.values import status
from clusterpages.values.text import status_note

FONT = "Times New Roman"
TEXT_PT = 14
TABLE_PT = 12
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
TEXT_WIDTH_MM = 297 - 20 - 10
# Relative widths of the columns by role: the event gets the most room, the number the least.
_WEIGHTS = {"number": 4, "title": 30, "deadline": 12, "responsible": 15, "participants": 14, "result": 18,
            "status": 11, "channel": 12, "format": 10, "audience": 12, "link": 14}
# Times New Roman's advance widths, in ems, of what a plan's cells hold (measured from its metric
# twin Liberation Serif, rounded up): no column is made narrower than its longest word or date.
_EM = {"lower": 0.52, "upper": 0.72, "digit": 0.5, "narrow": 0.28, "other": 0.6}
_BOLD = 1.08
_CELL_PADDING_MM = 2 * 1.9 + 1.0   # Word's default cell margins, and a little air
_PT_MM = 25.4 / 72


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


def _char_em(ch: str) -> float:
    if ch.isdigit():
        return _EM["digit"]
    if ch in ".,:;!|'()[]-«»\"/ ":
        return _EM["narrow"]
    if ch.isalpha():
        return _EM["upper"] if ch.isupper() else _EM["lower"]
    return _EM["other"]


def word_mm(word: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of one unbreakable word at `size_pt` Times New Roman."""
    return sum(_char_em(c) for c in word) * size_pt * _PT_MM * (_BOLD if bold else 1.0)


def _words(text: str) -> list[str]:
    """The pieces a line may not break inside: words, with a break allowed after a hyphen."""
    return [part for word in text.split() for part in re.split(r"(?<=-)", word) if part]


def min_widths(columns, rows, size_pt: float) -> list[float]:
    """Each column's least width (mm): its longest word or date, in the header (bold) or a cell."""
    out = []
    for i, (_, header) in enumerate(columns):
        longest = max([word_mm(w, size_pt, True) for w in _words(header)] +
                      [word_mm(w, size_pt) for row in rows for w in _words(row[i])] + [0.0])
        out.append(longest + _CELL_PADDING_MM)
    return out


def widths(columns, rows, size_pt: float) -> list[float] | None:
    """Column widths (mm) that fit the page with no word broken, the rest shared by the columns'
    weights; None when even their least widths do not fit."""
    least = min_widths(columns, rows, size_pt)
    spare = TEXT_WIDTH_MM - sum(least)
    if spare < 0:
        return None
    weights = [_WEIGHTS.get(role, 12) for role, _ in columns]
    return [m + spare * w / sum(weights) for m, w in zip(least, weights)]


def _cell(cell, text: str, size_pt: float, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size_pt)


def site_name(url: str) -> str:
    """A link as the page names it in print: «vk.com», «rutube.ru»."""
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.") or url


def _groups(doc: PlanDoc) -> list[tuple[tuple, list]]:
    """Consecutive tables with the same columns, as (columns, [(section, items)])."""
    groups: list[tuple[tuple, list]] = []
    for block in doc.blocks:
        if isinstance(block, PlanTable):
            wanted = _columns(block)
            if not groups or groups[-1][0] != wanted:
                groups.append((wanted, []))
            groups[-1][1].append((block.section, block.items))
    return groups


def _rows(columns, parts, links: list[str]) -> list[tuple[str | None, list[str]]]:
    """The text of every row (None: a section's heading row), a link as its site's name and its
    number in the list printed after the table."""
    rows: list[tuple[str | None, list[str]]] = []
    for section, items in parts:
        if section:
            rows.append((section, []))
        for item in items:
            extra = list(item.extra)
            values = []
            for role, header in columns:
                value = _value(item, role, header, extra)
                if role == "link" and value:
                    links.append(value)
                    value = f"{site_name(value)} [{len(links)}]"
                values.append(value)
            rows.append((None, values))
    return rows


def _fit(columns, rows) -> tuple[float, list[float]]:
    """The table's type size and column widths: 12 pt, else 11 or 10 pt, so that no word breaks."""
    cells = [values for section, values in rows if section is None]
    for size in (TABLE_PT, TABLE_PT - 1, TABLE_PT - 2):
        found = widths(columns, cells, size)
        if found:
            return size, found
    weights = [_WEIGHTS.get(role, 12) for role, _ in columns]
    return TABLE_PT - 2, [TEXT_WIDTH_MM * w / sum(weights) for w in weights]


def _new_table(document, columns, size_pt: float, mm: list[float]) -> object:
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, mm):
        column.width = Mm(width)
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, (_, header), width in zip(row.cells, columns, mm):
        cell.width = Mm(width)
        _cell(cell, header, size_pt, bold=True)
    return table


def _tables(document, doc: PlanDoc) -> None:
    for columns, parts in _groups(doc):
        links: list[str] = []
        rows = _rows(columns, parts, links)
        size, mm = _fit(columns, rows)
        table = _new_table(document, columns, size, mm)
        for section, values in rows:
            row = table.add_row()
            if section is not None:
                merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
                _cell(merged, section, size, bold=True)
                continue
            for cell, value, width in zip(row.cells, values, mm):
                cell.width = Mm(width)
                _cell(cell, value, size)
        if links:
            document.add_paragraph("Ссылки на публикации:").paragraph_format.space_before = Pt(6)
            for n, link in enumerate(links, 1):
                document.add_paragraph(f"[{n}] {link}").paragraph_format.space_after = Pt(0)


def _subtitle(doc: PlanDoc) -> list[str]:
    """The lines under the title, in the document's words: «на 2022/2023 учебный год» (when the
    title does not say it), «Версия 2 от 20.12.2022»."""
    lines = []
    first = doc.year.first
    if not re.search(rf"{first}\s*[–—/-]\s*(?:{first + 1}|{str(first + 1)[2:]})", doc.title):
        lines.append(f"на {first}/{first + 1} учебный год")
    if doc.version:
        lines.append(f"Версия {doc.version}" + (f" от {doc.updated:%d.%m.%Y}" if doc.updated else ""))
    return lines


def render(doc: PlanDoc, as_of: _dt.date, department: str = "") -> bytes:
    """The plan as .docx bytes, the same for the same plan and as-of date."""
    document = docx.Document()
    _font(document.styles["Normal"], TEXT_PT)
    _page(document)
    _approval(document, doc)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(doc.title).bold = True
    for line in _subtitle(doc):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
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
