"""`build.py import`: a Word or Excel plan as the equivalent Markdown file.

The Markdown says the same as the document: front matter with the title, the academic
year and the «УТВЕРЖДАЮ» block; headings as `##`; every plan table as a Markdown table
whose rows read back into the same items (section rows and all); other tables and
paragraphs as text. What Markdown cannot carry (comments, pictures, other sheets, the
formatting) is listed for the person who runs the command. Pure: bytes in, text out.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from clusterpages import diagnostics as dg
from clusterpages.content.academic import AcademicYear
from clusterpages.content.office.model import Paragraph, Table, to_markdown
from clusterpages.content.office.plan import is_plan, meta_of, open_office
from clusterpages.content.planrows import Where, is_numbering, plain


@dataclass(frozen=True)
class Imported:
    markdown: str
    notes: tuple[str, ...]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front(title: str, year: AcademicYear, approval) -> list[str]:
    lines = ["---", f"title: {_quote(title)}", f"academic_year: {year.first}-{year.second}"]
    if approval is not None and approval.date is not None:
        lines += ["approved:", f"  position: {_quote(approval.position)}", f"  name: {_quote(approval.name)}",
                  f"  date: {approval.date.isoformat()}"]
    return lines + ["---", ""]


def _table(table: Table) -> list[str]:
    raw = table.raw
    width = len(raw.header)
    lines = ["| " + " | ".join(raw.header) + " |", "|" + "---|" * width]
    for row in raw.rows:
        cells = list(row.cells)
        if not any(plain(c) for c in cells) or is_numbering(cells) or cells == list(raw.header):
            continue
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def office_to_markdown(data: bytes, name: str, year: AcademicYear, sheet: str | None = None
                       ) -> tuple[Imported | None, list[dg.Diagnostic]]:
    """The Markdown twin of a Word or Excel plan, and the notes on what it leaves out."""
    doc, diags = open_office(data, name, sheet, name)
    if doc is None:
        return None, diags
    where = Where("plan", "", name.rsplit(".", 1)[0], year, _dt.date(year.first, 9, 1), name)
    meta, used = meta_of(doc, where)
    notes = list(doc.notes)
    if meta.approval is not None and meta.approval.date is None:
        notes.insert(0, f"Гриф «УТВЕРЖДАЮ» не перенесён: не распознана дата «{meta.approval.date_text}». "
                        "Впишите approved: position, name, date в начало файла.")
    if not meta.title:
        notes.insert(0, "Заголовок документа не найден: впишите title в начало файла.")
    body: list[str] = []
    for index, block in enumerate(doc.blocks):
        if index in used:
            continue
        if isinstance(block, Paragraph):
            text = "<br>".join(to_markdown(line) for line in block.text.split("\n"))
            body += [("## " if block.heading else "") + text, ""]
            continue
        for table in (block,) + block.nested:
            if is_plan(table, where):
                body += _table(table)
                break
        else:
            body += [to_markdown(line) + "  " for line in block.lines] + [""]
            notes.append(f"{block.raw.place[:1].upper() + block.raw.place[1:]} не похожа на таблицу плана и "
                         "перенесена текстом.")
    text = "\n".join(_front(meta.title or "План", year, meta.approval) + body).rstrip() + "\n"
    return Imported(text, tuple(notes)), []
