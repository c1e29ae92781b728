"""Rows of a plan table → plan items, whichever file the table came from.

A Markdown table, a Word table and an Excel sheet all arrive as a `RawTable` of `RawRow`s
whose cells are Markdown inline text. Here the columns get their roles (by meaning, see
`columns`), rows that only number the columns, repeat the header or total the table («Итого:»)
are skipped, a row with one filled cell (or a Roman number and one text) starts a section, and
every other row becomes a `PlanItem` with its deadline, status, tags and protocol references.
A table whose columns cannot be told but that looks like a plan table is a warning. Pure.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, replace
from html import escape as html_escape

from clusterpages.content.documents import columns, markup
from clusterpages.model import PlanItem, PlanTable
from clusterpages.values import channels, status
from clusterpages.values import diagnostics as dg
from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines import Deadline, DeadlineError, parse_deadline
from clusterpages.values.text import full_years, slugify

_TAG = re.compile(r"(?:(?<=\s)|^)#([0-9a-zа-яё][0-9a-zа-яё_-]*)", re.IGNORECASE)
_REF = re.compile(r"\(?\s*пп?\.\s*(\d+(?:\s*(?:,|и)\s*\d+)*)\s+протокола\s+№\s*([\w-]+)\s*\)?", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"')]+")
_ROMAN = re.compile(r"(?i)[ivxlc]+\.?")
_ARABIC = re.compile(r"[0-9]{1,2}")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TOTAL = re.compile(r"(?i)\s*(?:итого|всего)(?:\s*:.*|\s+(?:по|за)\s.*)?[\s.:]*")


@dataclass(frozen=True)
class RawRow:
    """One table row: its cells as Markdown inline text, and where a person finds it."""

    line: int | None                   # line in a text file (None in a Word or Excel document)
    cells: tuple[str, ...]
    place: str = ""                    # in a document: «таблица 1, строка 14» or «Лист1!A14»
    cell_places: tuple[str, ...] = ()  # in a document, per cell: «…, столбец «Срок»» or «Лист1!C14»

    def at(self, column: int | None = None) -> dict:
        """Keyword arguments locating a diagnostic at this row (or one of its cells)."""
        if column is not None and column < len(self.cell_places):
            return {"place": self.cell_places[column]}
        return {"place": self.place} if self.place else {}


@dataclass(frozen=True)
class RawTable:
    line: int | None            # line of the header row in the file
    header: tuple[str, ...]
    rows: tuple[RawRow, ...]
    end: int = 0                # index after the table in the body lines (Markdown)
    place: str = ""             # in a document: «таблица 1» or «Лист1»

    def at(self) -> dict:
        return {"place": self.place} if self.place else {}


@dataclass(frozen=True)
class Where:
    """What every item of one document shares."""

    kind: str
    cluster: str
    doc: str
    year: AcademicYear
    as_of: _dt.date
    file: str


def plain(cell: str) -> str:
    """A cell's Markdown as plain text; line breaks («<br>») become spaces."""
    return markup.strip_tags(markup.render_inline(re.sub(r"<br\s*/?>", " ", cell)).html).strip()


def _uid(w: Where, section: str, title: str, seen: set[str]) -> str:
    base = hashlib.sha1(f"{w.cluster}/{w.doc}/{section}/{title}".encode("utf-8")).hexdigest()[:12]
    uid, n = base, 2
    while uid in seen:
        uid, n = f"{base}-{n}", n + 1
    seen.add(uid)
    return uid


def _cell_html(text: str, w: Where, line: int | None, at: dict, diags: list) -> str:
    r = markup.render_inline(text)
    if r.removed:
        diags.append(dg.warning("html.sanitized", w.file, line,
                                "Из ячейки таблицы удалён небезопасный HTML: " + ", ".join(r.removed) + ".",
                                "Пишите текст и ссылки средствами Markdown: [текст](https://адрес).", **at))
    return r.html


def _tags_and_refs(text: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, int], ...]]:
    tags = tuple(t.lower().replace("ё", "е") for t in _TAG.findall(text))
    refs = []
    for m in _REF.finditer(text):
        for n in re.findall(r"\d+", m.group(1)):
            refs.append((m.group(2), int(n)))
    clean = _TAG.sub("", text).strip()
    return clean, tags, tuple(refs)


def is_total(texts: list[str]) -> bool:
    """A total row at the foot of a table: «Итого:», «ВСЕГО», «Итого по разделу: 12» (the row's
    cells as plain text)."""
    first = next((t for t in texts if t), "")
    return bool(_TOTAL.fullmatch(first))


def is_numbering(texts: list[str]) -> bool:
    """A row that only numbers the columns: «1 | 2 | 3 | 4» (the row's cells as plain text)."""
    filled = [re.sub(r"[.\s]", "", t) for t in texts if t]
    return len(filled) >= 2 and filled == [str(n) for n in range(1, len(filled) + 1)]


def section_of(texts: list[str], roles: list[str | None], next_number: str = "") -> str | None:
    """The heading a row stands for (its cells as plain text), or None when it is an item.

    One filled cell is a section («Организационная работа», «1. Работа с кадрами»); so is a
    number in the number column with one text beside it and nothing else, when the number is
    Roman («II | Профориентация»), or Arabic and either the text is in capitals
    («2 | ПРОФОРИЕНТАЦИЯ») or the next row numbers within it («2 | Профориентация» before «2.1»).
    """
    filled = [(i, t) for i, t in enumerate(texts) if t]
    distinct = list(dict.fromkeys(text for _, text in filled))
    if len(distinct) == 1:
        return distinct[0]
    if len(filled) != 2 or roles[filled[0][0]] != "number" or roles[filled[1][0]] != "title":
        return None
    number, text = filled[0][1].rstrip("."), filled[1][1]
    arabic = _ARABIC.fullmatch(number) and (text.upper() == text or next_number.startswith(number + "."))
    if _ROMAN.fullmatch(number) or arabic:
        return f"{number}. {text}"
    return None


def _no_column(what: str, name: str, raw: RawTable, roles: list) -> tuple[str, str]:
    """The message and hint for a plan table that lacks a must-have column."""
    return (f"Таблица похожа на таблицу плана, но столбец {what} не найден — строки не стали пунктами плана. "
            f"Столбцы прочитаны так: {columns.describe(list(raw.header), roles)}.",
            f"Назовите столбец {name}; все понятные названия — в docs/content-model.md.")


def _date_like(raw: RawTable, index: int, year: AcademicYear) -> bool:
    """Whether most filled cells of a column are dates or periods («25.12.2022», «декабрь»)."""
    cells = [plain(row.cells[index]) for row in raw.rows if index < len(row.cells) and plain(row.cells[index])]
    dated = 0
    for cell in cells:
        try:
            dated += parse_deadline(full_years(cell), year).kind != "none"
        except DeadlineError:
            pass
    return dated > 0 and 2 * dated >= len(cells)


def _unrecognised(raw: RawTable, roles: list, w: Where) -> list[dg.Diagnostic]:
    """A warning for a table whose columns cannot be told but that looks like a plan table:
    it has a «№» column, a date column, or a column of dates; nothing for any other table."""
    headers = [h if len(h) <= 60 else h[:59] + "…" for h in (plain(h) for h in raw.header)]
    if "number" in roles:
        why = "в ней есть столбец «№»"
    elif "deadline" in roles:
        why = "в ней есть столбец со сроком"
    else:
        dated = next((h for i, h in enumerate(headers) if _date_like(raw, i, w.year)), None)
        if dated is None:
            return []
        why = f"в столбце «{dated}» стоят даты" if dated else "в одном из столбцов стоят даты"
    example = ("«№ | Дата | Информационный повод | Формат | Канал | Ответственный»" if w.kind == "media-plan"
               else "«№ | Мероприятие | Срок | Ответственный | Результат»")
    message = (f"Таблица похожа на таблицу плана ({why}), но её столбцы не распознаны — строки не стали "
               f"пунктами плана. Заголовок таблицы: «{' | '.join(headers)}»; столбцы прочитаны так: "
               f"{columns.describe(headers, roles)}.")
    hint = (f"Назовите столбцы в строке заголовка так: {example}; все понятные названия — в docs/content-model.md. "
            f"Если это не таблица мероприятий (например, состав рабочей группы), она останется в тексте как есть.")
    return [dg.warning("plan.table-columns", w.file, raw.line, message, hint, **raw.at())]


def roles_of(raw: RawTable, w: Where) -> tuple[list[str | None] | None, list[dg.Diagnostic]]:
    """The role of each column; None when the table is no plan table (or lacks a must-have)."""
    roles = columns.roles_for([plain(h) for h in raw.header])
    known = [r for r in roles if r]
    if len(known) < 2:
        return None, _unrecognised(raw, roles, w)
    if "title" not in known:
        message, hint = _no_column("с содержанием", "«Мероприятие» (в медиаплане — «Информационный повод» "
                                   "или «Тема»)", raw, roles)
        return None, [dg.warning("plan.table-no-title", w.file, raw.line, message, hint, **raw.at())]
    if "deadline" not in known:
        message, hint = _no_column("со сроком", "«Срок» (или «Сроки», «Дата проведения», «Период»)", raw, roles)
        return None, [dg.warning("plan.table-no-deadline", w.file, raw.line, message, hint, **raw.at())]
    return roles, []


def _deadline(cell: str, shown: str, w: Where, row: RawRow, at: dict, diags: list) -> tuple[str, Deadline | None]:
    """The deadline cell (`shown`: as plain text) as shown (its lines joined by spaces) and as
    read (line by line: «12.01.2023<br>25.01.2023» is a period); a warning when it cannot be read."""
    text = full_years(shown)
    if not text:
        return text, None
    lines = "\n".join(full_years(plain(part)) for part in _BR.split(cell))
    try:
        return text, replace(parse_deadline(lines, w.year), text=text)
    except DeadlineError as exc:
        diags.append(dg.warning("plan.deadline", w.file, row.line,
                                f"Срок «{text}» не распознан: пункт останется без даты.", exc.hint, **at))
        return text, None


def _item(row: RawRow, cells: list[str], texts: list[str], columns: tuple[tuple[str, str], ...], roles: list,
          section: str, w: Where, seen: set[str], diags: list) -> PlanItem | None:
    """One row as a plan item: `texts` are its cells as plain text, `columns` the table's
    (role, header as plain text) pairs."""
    data: dict[str, str] = {}
    where: dict[str, int] = {}
    extra: list[tuple[str, str]] = []
    for index, ((_, header), role, cell) in enumerate(zip(columns, roles, cells)):
        if role and role not in data:
            data[role], where[role] = cell, index
        else:
            extra.append((header, _cell_html(cell, w, row.line, row.at(index), diags)))

    def text(role: str) -> str:
        return texts[where[role]] if role in where else ""

    title_raw, tags, refs = _tags_and_refs(data.get("title", ""))
    result_raw, tags2, refs2 = _tags_and_refs(data.get("result", ""))
    tags, refs = tags + tags2, refs + refs2
    if not title_raw and not any(cells):
        return None
    title_html = _cell_html(title_raw, w, row.line, row.at(where.get("title")), diags)
    title_text = markup.strip_tags(re.sub(r"<br\s*/?>", " ", title_html))
    deadline_text, deadline = _deadline(data.get("deadline", ""), text("deadline"), w, row, row.at(where.get("deadline")),
                                        diags)
    reach_plan, reach_fact = data.get("reach_plan", ""), data.get("reach_fact", "")
    if "reach" in data:
        parts = [p.strip() for p in re.split(r"/", data["reach"], maxsplit=1)]
        reach_plan = reach_plan or parts[0]
        reach_fact = reach_fact or (parts[1] if len(parts) > 1 else "")
    link_cell = data.get("link", "")
    link_match = _URL.search(link_cell) or re.search(r"\]\(([^)\s]+)\)", link_cell)
    link = (link_match.group(1) if link_match and link_match.lastindex else
            link_match.group(0) if link_match else None)
    if link and not link.startswith(("http://", "https://")):
        link = None
    status_note = text("status")
    reading = status.read(status_note, " ".join(markup.strip_tags(v) for _, v in extra), deadline, w.as_of,
                          published=w.kind == "media-plan" and bool(link), file=w.file, line=row.line,
                          at=row.at(where.get("status")), year=w.year)
    diags += reading.diagnostics
    state = reading.state
    return PlanItem(
        uid=_uid(w, section, title_text, seen), line=row.line or 0, section=section,
        number=text("number"), title_html=title_html, title_text=title_text,
        deadline_text=deadline_text, deadline=deadline, responsible=text("responsible"),
        participants=text("participants"),
        result_html=_cell_html(result_raw, w, row.line, row.at(where.get("result")), diags), status=state,
        status_note=status_note, tags=tags, decisions=refs, extra=tuple(extra),
        channel=text("channel"), format=text("format"),
        channels=tuple(p for p in (plain(c) for c in channels.split(re.sub(r"<br\s*/?>", "\n", data.get("channel", "")))) if p),
        audience=text("audience"), reach_plan=reach_plan.strip(), reach_fact=reach_fact.strip(),
        link=link, done_on=reading.done_on, place=row.place, written=reading.written,
        late_days=reading.late_days, term=reading.term)


def read_table(raw: RawTable, section: str, w: Where, seen: set[str]) -> tuple[list | None, list[dg.Diagnostic]]:
    """The blocks one raw table becomes: PlanTables, with a heading (safe HTML) before each
    section that starts inside the table; None when it is not a plan table at all."""
    roles, diags = roles_of(raw, w)
    if roles is None:
        return None, diags
    width = len(raw.header)
    header_key = [plain(h).lower() for h in raw.header]
    column_pairs = tuple((r or "extra", plain(h)) for r, h in zip(roles, raw.header))
    blocks: list = []
    items: list[PlanItem] = []

    def table(current: str, found: list[PlanItem]) -> PlanTable:
        return PlanTable(section=current, anchor=slugify(current) if current else "tablitsa",
                         line=raw.line or 0, columns=column_pairs, items=tuple(found))

    number_at = roles.index("number") if "number" in roles else None
    numbers = [plain(r.cells[number_at]) if number_at is not None and number_at < len(r.cells) else ""
               for r in raw.rows]
    next_numbers = [""] * len(numbers)   # the next filled number after each row
    for index in range(len(numbers) - 2, -1, -1):
        next_numbers[index] = numbers[index + 1] or next_numbers[index + 1]
    for index, row in enumerate(raw.rows):
        cells = list(row.cells)
        if len(cells) != width:
            if row.line is not None:
                diags.append(dg.warning(
                    "plan.table-ragged", w.file, row.line,
                    f"В строке {len(cells)} ячеек, а в заголовке таблицы {width}.",
                    "Проверьте символы «|»: в каждой строке столько же ячеек, сколько столбцов; "
                    "символ «|» внутри текста пишите как «\\|»."))
            cells = (cells + [""] * width)[:width]
        texts = [plain(c) for c in cells]
        if not any(texts) or is_numbering(texts) or is_total(texts) or [t.lower() for t in texts] == header_key:
            continue
        heading = section_of(texts, roles, next_numbers[index])
        if heading is not None:
            if items:
                blocks.append(table(section, items))
                items = []
            section = heading
            blocks.append(f"<h2>{html_escape(heading)}</h2>")
            continue
        item = _item(row, cells, texts, column_pairs, roles, section, w, seen, diags)
        if item is not None:
            items.append(item)
    if items or not any(isinstance(b, PlanTable) for b in blocks):
        blocks.append(table(section, items))
    while blocks and isinstance(blocks[-1], str):   # a heading with no rows after it
        blocks.pop()
    return blocks, diags
