"""`build.py import`: a Word or Excel plan as the equivalent Markdown file.

The Markdown says the same as the document: front matter with the title, the academic
year and the «УТВЕРЖДАЮ» block; headings as `##`; every plan table as a Markdown table
whose rows read back into the same items (section rows and all); other tables and
paragraphs as text. The plan's .yaml beside the file (its sidecar) is carried too: every
front-matter field it holds (title, academic_year, approved, version, updated, changes) goes
into the Markdown's front matter and wins over what the document says, as in the build.
What Markdown cannot carry (comments, pictures, other sheets, the formatting, the sidecar's
own comments) is listed for the person who runs the command. Pure: bytes in, text out.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass

from clusterpages.content.documents.office.model import Paragraph, Table, to_markdown
from clusterpages.content.documents.office.plan import is_plan, meta_of, open_office
from clusterpages.content.documents.planrows import Where, is_numbering, plain
from clusterpages.values import diagnostics as dg
from clusterpages.values.academic import AcademicYear


@dataclass(frozen=True)
class Imported:
    markdown: str
    notes: tuple[str, ...]


def _scalar(value) -> str:
    """A YAML scalar that reads back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, int, float)):
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    return json.dumps(str(value), ensure_ascii=False)


# the front-matter fields of a Markdown plan, in the order they are written
FIELDS = ("title", "academic_year", "approved", "version", "updated", "changes")


def _front(title: str, year: AcademicYear, approval, sidecar: dict) -> list[str]:
    """Front matter from the document, with every field of the sidecar over it."""
    values = {"title": title, "academic_year": f"{year.first}-{year.second}"}
    if approval is not None and approval.date is not None:
        values["approved"] = {"position": approval.position, "name": approval.name, "date": approval.date}
    values.update({k: v for k, v in sidecar.items() if k in FIELDS and v not in (None, [], {}, "")})
    lines = ["---"]
    for key in FIELDS:
        value = values.get(key)
        if value is None:
            continue
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {_scalar(v)}" for k, v in value.items() if v is not None]
        elif isinstance(value, (list, tuple)):
            lines.append(f"{key}:")
            lines += [f"  - {_scalar(v)}" for v in value]
        else:
            plain_year = key == "academic_year" and re.fullmatch(r"\d{4}[-/–]\d{4}", str(value))
            lines.append(f"{key}: {value if plain_year else _scalar(value)}")
    return lines + ["---", ""]


def _table(table: Table) -> list[str]:
    raw = table.raw
    width = len(raw.header)
    lines = ["| " + " | ".join(raw.header) + " |", "|" + "---|" * width]
    for row in raw.rows:
        cells = list(row.cells)
        texts = [plain(c) for c in cells]
        if not any(texts) or is_numbering(texts) or cells == list(raw.header):
            continue
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def _sidecar_notes(sidecar: dict, sidecar_name: str, sheet: str | None) -> list[str]:
    carried = [k for k in FIELDS if sidecar.get(k) not in (None, [], {}, "")]
    notes = []
    if carried:
        notes.append(f"Из {sidecar_name} перенесены в начало файла: {', '.join(carried)}.")
    if sidecar.get("sheet"):
        notes.append(f"Поле sheet из {sidecar_name} в Markdown не нужно: по нему выбран лист «{sheet}».")
    return notes


def office_to_markdown(data: bytes, name: str, year: AcademicYear, sheet: str | None = None,
                       sidecar: dict | None = None, sidecar_name: str = ""
                       ) -> tuple[Imported | None, list[dg.Diagnostic]]:
    """The Markdown twin of a Word or Excel plan (with its sidecar's fields), and the notes on
    what it leaves out."""
    sidecar = sidecar or {}
    sheet = sheet or sidecar.get("sheet")
    doc, diags = open_office(data, name, sheet, sidecar_name or name)
    if doc is None:
        return None, diags
    where = Where("plan", "", name.rsplit(".", 1)[0], year, _dt.date(year.first, 9, 1), name)
    meta, used = meta_of(doc, where)
    notes = list(doc.notes) + _sidecar_notes(sidecar, sidecar_name, sheet)
    if meta.approval is not None and meta.approval.date is None and not sidecar.get("approved"):
        notes.insert(0, f"Гриф «УТВЕРЖДАЮ» не перенесён: не распознана дата «{meta.approval.date_text}». "
                        "Впишите approved: position, name, date в начало файла.")
    if not meta.title and not sidecar.get("title"):
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
    text = "\n".join(_front(meta.title or "План", year, meta.approval, sidecar) + body).rstrip() + "\n"
    return Imported(text, tuple(notes)), diags
