"""Every plan and media plan as a Word document to print and sign (ГОСТ Р 7.0.97-2016).

A4 landscape; margins 20 mm left, 10 mm right, 20 mm top and bottom; Times New Roman 14 pt
for the text and 12 pt in the table (11 or 10 pt only when a table's words cannot stand whole
otherwise); the «УТВЕРЖДАЮ» block at the top right (position, signature line with the name,
date «01» сентября 2022 г.); the title centred in bold, the academic year under it («на
2022/2023 учебный год», in the site's style) and the version («Версия 2 от 20.12.2022»); the
table with a header repeated on every page, a full-width row for each section, the status of
every item and column widths chosen so that no word or date breaks (docxfit); links by their
site's name, in full after the table; page numbers centred at the top from the second page on.

Byte-identical between builds: the core properties (created, modified) are the as-of date,
and the parts are zipped in a fixed order with fixed timestamps (ooxml.package).
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import re

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from clusterpages.model import PlanDoc
from clusterpages.publish import docxtable, ooxml
from clusterpages.publish.docxmetrics import width

FONT = "Times New Roman"
TEXT_PT = 14
TABLE_PT = 12
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
TEXT_WIDTH_MM = 297 - 20 - 10
_PT_PER_MM = 72 / 25.4
SIGNATURE_LINE = "_" * 14
APPROVAL_MIN_MM, APPROVAL_MAX_MM = 80, 120
# «… на 2022–2023 учебный год» at the end of a title: said on the line under it instead.
_TITLE_YEAR = re.compile(r"\s+на\s+\d{4}\s*[-/\u2010-\u2015]\s*\d{2,4}\s+учебный\s+год\s*$", re.IGNORECASE)


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
    """УТВЕРЖДАЮ, the position, the signature line with the name, the date: a block at the top
    right whose lines start flush left, as wide as its longest line (at most 120 mm)."""
    a = doc.approval
    if a is None:
        return
    lines = ("УТВЕРЖДАЮ", a.position, f"{SIGNATURE_LINE}\u00a0{a.name}", approval_date(a.date))
    widest = max(width(line, TEXT_PT) for line in lines) + 6
    block = min(max(widest, APPROVAL_MIN_MM * _PT_PER_MM), APPROVAL_MAX_MM * _PT_PER_MM)
    for n, text in enumerate(lines):
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.left_indent = Pt(round(TEXT_WIDTH_MM * _PT_PER_MM - block))
        paragraph.paragraph_format.space_after = Pt({2: 6, len(lines) - 1: 10}.get(n, 0))
        paragraph.paragraph_format.space_before = Pt(12 if n == 2 else 0)


def year_line(doc: PlanDoc, style: str) -> str:
    """«на 2022–2023 учебный год» (or «на 2022/2023 учебный год»: the site's style)."""
    return f"на {doc.year.label(style)} учебный год"


def version_line(doc: PlanDoc) -> str:
    """«Версия 2 от 20.12.2022», «Версия 2», «Редакция от 20.12.2022» or nothing."""
    day = f"{doc.updated:%d.%m.%Y}" if doc.updated else ""
    if doc.version:
        return f"Версия {doc.version}" + (f" от {day}" if day else "")
    return f"Редакция от {day}" if day else ""


def title_lines(doc: PlanDoc, style: str) -> tuple[str, ...]:
    """The title and the academic year on a line of its own: «… на 2022–2023 учебный год» at
    the end of the title moves there; a title that names its year elsewhere («План 2022/23 уч.
    г.») keeps it and gets no second one."""
    head = _TITLE_YEAR.sub("", doc.title).strip() or doc.title
    first = doc.year.first
    named = re.search(rf"{first}\s*[-/\u2010-\u2015]\s*(?:{first + 1}|{str(first + 1)[2:]})(?!\d)", head)
    return (head,) if named else (head, year_line(doc, style))


def _title(document, doc: PlanDoc, style: str) -> None:
    """The title and the year in bold, centred, the version under them in the table's type."""
    lines = [(text, True, TEXT_PT) for text in title_lines(doc, style)] + [(version_line(doc), False, TABLE_PT)]
    lines = [line for line in lines if line[0]]
    for n, (text, bold, size) in enumerate(lines):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(6 if n == len(lines) - 1 else 0)
        paragraph.paragraph_format.keep_with_next = True  # the title never stands alone at a page's foot
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold, Pt(size)


def _tables(document, doc: PlanDoc) -> None:
    room = TEXT_WIDTH_MM * _PT_PER_MM
    for columns, rows in docxtable.groups(doc):
        layout, links = docxtable.fit(columns, rows, room)
        docxtable.write(document, columns, rows, layout, links)
        for header, lines in docxtable.notes(columns, rows, links):
            intro = document.add_paragraph(f"{header}:")
            intro.paragraph_format.space_before = Pt(12)
            intro.paragraph_format.keep_with_next = True
            for n, line in enumerate(lines, 1):
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.paragraph_format.keep_with_next = n < len(lines)  # the list stays together
                paragraph.add_run(line).font.size = Pt(TABLE_PT)


def _properties(document, doc: PlanDoc, as_of: _dt.date, department: str) -> None:
    stamp = _dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=_dt.timezone.utc)
    props = document.core_properties
    props.title = doc.title
    props.author = department or "clusterpages"
    props.last_modified_by = "clusterpages"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = "ru-RU"


def _blank():
    """A new document: a copy of python-docx's default one, read once a process (reading and
    parsing its parts was a quarter of making a plan's document); the one read is never handed out."""
    return copy.deepcopy(_template())


@functools.lru_cache(maxsize=1)
def _template():
    return docx.Document()


class _Parts(dict):
    """The parts of a package as python-docx's PackageWriter hands them to its zip writer (name →
    bytes): put into the package once, by ooxml.package, instead of compressed twice."""

    def write(self, uri, blob: bytes) -> None:
        self[uri.membername] = blob


def _saved(document) -> bytes:
    """document.save(), its zip made by ooxml.package (fixed order and times) from the parts
    python-docx writes — the bytes deterministic_zip makes of what it saves. (PackageWriter's
    steps are python-docx's own, not its public API: requirements.txt pins the version.)"""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    parts = _Parts()
    PackageWriter._write_content_types_stream(parts, package.parts)
    PackageWriter._write_pkg_rels(parts, package.rels)
    PackageWriter._write_parts(parts, package.parts)
    return ooxml.package(parts)


def render(doc: PlanDoc, as_of: _dt.date, department: str = "", year_style: str = "dash") -> bytes:
    """The plan as .docx bytes, the same for the same plan, as-of date and settings."""
    document = _blank()
    _font(document.styles["Normal"], TEXT_PT)
    _page(document)
    _approval(document, doc)
    _title(document, doc, year_style)
    _tables(document, doc)
    _properties(document, doc, as_of, department)
    return _saved(document)
