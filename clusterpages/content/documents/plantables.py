"""Plan and media-plan tables in Markdown: finding them in a document's body.

A table whose header names known Russian columns becomes plan items (see `planrows`);
other tables stay prose. Pure: text in, data and diagnostics out.
"""

from __future__ import annotations

import datetime as _dt
import re

from clusterpages.content.documents import markup
from clusterpages.content.documents.planrows import RawRow, RawTable, Where, read_table
from clusterpages.model import PlanTable
from clusterpages.values import diagnostics as dg
from clusterpages.values.academic import AcademicYear


def split_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, cur, code = [], [], False
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            cur.append("|")
            i += 2
            continue
        if ch == "`":
            code = not code
        if ch == "|" and not code:
            cells.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    cells.append("".join(cur).strip())
    return cells


_SEP = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")


def find_tables(lines: list[str], first_line: int) -> list[RawTable]:
    tables, i, fence = [], 0, False
    while i < len(lines):
        if lines[i].lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and "|" in lines[i] and i + 1 < len(lines) and _SEP.match(lines[i + 1]) and "-" in lines[i + 1]:
            header = split_cells(lines[i])
            rows, j = [], i + 2
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows.append(RawRow(first_line + j, tuple(split_cells(lines[j]))))
                j += 1
            tables.append(RawTable(first_line + i, tuple(header), tuple(rows), j))
            i = j
            continue
        i += 1
    return tables


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)


def html_tables(chunk: list[str], start: int, file: str) -> list[dg.Diagnostic]:
    """A warning for each table written in HTML (pasted from a site or Word): it is shown as it
    is, but its rows never become plan items, so it must not pass silently."""
    found, fence = [], False
    for offset, line in enumerate(chunk):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and _HTML_TABLE.search(line):
            found.append(dg.warning(
                "plan.table-html", file, start + offset,
                "Таблица записана HTML-разметкой (<table>): она показана как есть, но её строки не стали "
                "пунктами плана.",
                "Запишите таблицу в Markdown: строка заголовка «| № | Мероприятие | Срок | Ответственный |», "
                "под ней «|---|---|---|---|», затем по строке на пункт. Или положите рядом файл Word или Excel "
                "с планом под тем же именем (plan-2022-2023.docx) вместо .md."))
    return found


def split_body(body: str, body_line: int, *, kind: str, cluster: str, doc: str, year: AcademicYear,
               as_of: _dt.date, file: str) -> tuple[tuple, list[dg.Diagnostic]]:
    """The body as blocks in order: safe HTML strings and PlanTables."""
    lines = body.split("\n")
    raw_tables = find_tables(lines, body_line)
    blocks: list = []
    diags: list[dg.Diagnostic] = []
    seen: set[str] = set()
    pos = 0
    section = ""
    used_anchors: set[str] = set()

    def prose(chunk: list[str], start: int):
        text = "\n".join(chunk)
        if text.strip():
            r = markup.render(text)
            if r.removed:
                diags.append(dg.warning("html.sanitized", file, start + markup.removed_line(text, r.removed),
                                        "Удалён небезопасный HTML: " + ", ".join(r.removed) + ".",
                                        "Пишите текст средствами Markdown; скрипты, стили и фреймы не публикуются."))
            blocks.append(r.html)
            diags.extend(html_tables(chunk, start, file))

    where = Where(kind, cluster, doc, year, as_of, file)
    for raw in raw_tables:
        start_idx = raw.line - body_line
        chunk = lines[pos:start_idx]
        for ln in chunk:
            m = _HEADING.match(ln)
            if m:
                section = m.group(2).strip()
        prose(chunk, body_line + pos)
        found, sub = read_table(raw, section, where, seen)
        diags += sub
        if found is None:
            prose(lines[start_idx:raw.end], raw.line)
        else:
            section = add_blocks(blocks, found, used_anchors, section)
        pos = raw.end
    prose(lines[pos:], body_line + pos)
    return tuple(blocks), diags


def add_blocks(blocks: list, found: list, used_anchors: set[str], section: str) -> str:
    """Append a table's blocks with unique anchors; the section in force after them."""
    for block in found:
        if isinstance(block, str):
            blocks.append(block)
            continue
        anchor, n = block.anchor, 2
        while anchor in used_anchors:
            anchor, n = f"{block.anchor}-{n}", n + 1
        used_anchors.add(anchor)
        blocks.append(PlanTable(section=block.section, anchor="tab-" + anchor, line=block.line,
                                columns=block.columns, items=block.items))
        section = block.section
    return section
