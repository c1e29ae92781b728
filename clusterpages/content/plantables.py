"""Recognising work-plan and media-plan tables in Markdown, row by row.

A table whose header names known Russian columns becomes a `PlanTable` of `PlanItem`s;
other tables stay prose. Pure: text in, data and diagnostics out.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass

from clusterpages import diagnostics as dg
from clusterpages.content import markup, status
from clusterpages.content.academic import AcademicYear
from clusterpages.content.deadlines import DeadlineError, parse_deadline
from clusterpages.model import PlanItem, PlanTable
from clusterpages.text import slugify

_ROLES = {
    "number": ("№", "№ п/п", "п/п", "n", "no", "номер", "№ пп"),
    "title": ("мероприятие", "мероприятия", "наименование мероприятия", "наименование мероприятий",
              "содержание", "содержание работы", "содержание мероприятия", "наименование",
              "информационный повод", "тема", "тема публикации", "повод"),
    "deadline": ("срок", "сроки", "срок исполнения", "сроки исполнения", "срок выполнения", "сроки выполнения",
                 "дата", "период", "срок проведения", "сроки проведения", "дата проведения", "дата период",
                 "дата срок", "срок дата"),
    "responsible": ("ответственный", "ответственные", "отв", "ответственный исполнитель",
                    "ответственные исполнители", "исполнитель", "исполнители", "ответственное лицо"),
    "participants": ("участники", "партнеры", "участники партнеры", "партнеры участники", "социальные партнеры"),
    "result": ("ожидаемый результат", "результат", "форма отчета", "ожидаемый результат форма отчета",
               "результат форма отчета", "форма отчетности", "планируемый результат"),
    "status": ("статус", "отметка о выполнении", "отметка об исполнении", "отметка о исполнении", "выполнение",
               "статус выполнения"),
    "format": ("формат", "формат материала", "вид материала"),
    "channel": ("канал", "площадка", "канал площадка", "каналы", "площадки", "канал размещения"),
    "audience": ("целевая аудитория", "аудитория"),
    "reach": ("охват", "охват план факт", "охват план/факт"),
    "reach_plan": ("охват план", "охват плановый", "плановый охват"),
    "reach_fact": ("охват факт", "охват фактический", "фактический охват"),
    "link": ("ссылка на публикацию", "ссылка", "ссылка на материал", "публикация"),
}


def normalize_header(text: str) -> str:
    t = markup.strip_tags(markup.render_inline(text).html).lower().replace("ё", "е")
    t = re.sub(r"[^\w№/ ]+", " ", t)
    t = t.replace("/", " ")
    return re.sub(r"\s+", " ", t).strip()


def _role_table() -> dict[str, str]:
    return {normalize_header(v).replace("/", " "): role for role, variants in _ROLES.items() for v in variants}


def role_of(header: str, table: dict[str, str]) -> str | None:
    key = normalize_header(header)
    if key in table:
        return table[key]
    # "Срок исполнения (дата)" and the like: try without a parenthesised tail.
    short = re.sub(r"\s*\(.*$", "", header)
    return table.get(normalize_header(short)) if short != header else None


_TAG = re.compile(r"(?:(?<=\s)|^)#([0-9a-zа-яё][0-9a-zа-яё_-]*)", re.IGNORECASE)
_REF = re.compile(r"\(?\s*пп?\.\s*(\d+(?:\s*(?:,|и)\s*\d+)*)\s+протокола\s+№\s*([\w-]+)\s*\)?", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"')]+")


@dataclass(frozen=True)
class _RawTable:
    line: int          # line of the header row in the file
    header: list[str]
    rows: list[tuple[int, list[str]]]
    end: int           # index after the table in the body lines


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


def find_tables(lines: list[str], first_line: int) -> list[_RawTable]:
    tables, i, fence = [], 0, False
    while i < len(lines):
        if lines[i].lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and "|" in lines[i] and i + 1 < len(lines) and _SEP.match(lines[i + 1]) and "-" in lines[i + 1]:
            header = split_cells(lines[i])
            rows, j = [], i + 2
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows.append((first_line + j, split_cells(lines[j])))
                j += 1
            tables.append(_RawTable(first_line + i, header, rows, j))
            i = j
            continue
        i += 1
    return tables


def _uid(cluster: str, doc: str, section: str, title: str, seen: set[str]) -> str:
    base = hashlib.sha1(f"{cluster}/{doc}/{section}/{title}".encode("utf-8")).hexdigest()[:12]
    uid, n = base, 2
    while uid in seen:
        uid, n = f"{base}-{n}", n + 1
    seen.add(uid)
    return uid


def _cell_html(text: str, file: str, line: int, diags: list) -> str:
    r = markup.render_inline(text)
    if r.removed:
        diags.append(dg.warning("html.sanitized", file, line,
                                "Из ячейки таблицы удалён небезопасный HTML: " + ", ".join(r.removed) + ".",
                                "Пишите текст и ссылки средствами Markdown: [текст](https://адрес)."))
    return r.html


def _tags_and_refs(text: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, int], ...]]:
    tags = tuple(t.lower().replace("ё", "е") for t in _TAG.findall(text))
    refs = []
    for m in _REF.finditer(text):
        for n in re.findall(r"\d+", m.group(1)):
            refs.append((m.group(2), int(n)))
    clean = _TAG.sub("", text).strip()
    return clean, tags, tuple(refs)


def read_table(raw: _RawTable, *, kind: str, cluster: str, doc: str, section: str, year: AcademicYear,
               as_of: _dt.date, file: str, seen: set[str]) -> tuple[PlanTable | None, list[dg.Diagnostic]]:
    """Turn one raw table into a PlanTable; None when it is not a plan table at all."""
    table = _role_table()
    roles = [role_of(h, table) for h in raw.header]
    known = [r for r in roles if r]
    if len(known) < 2:
        return None, []
    diags: list[dg.Diagnostic] = []
    if "title" not in known:
        diags.append(dg.warning(
            "plan.table-no-title", file, raw.line,
            "Таблица похожа на таблицу плана, но в ней нет столбца «Мероприятие» — строки не стали пунктами плана.",
            "Назовите столбец с содержанием «Мероприятие» (в медиаплане — «Информационный повод» или «Тема»)."))
        return None, diags
    items: list[PlanItem] = []
    width = len(raw.header)
    for line, cells in raw.rows:
        if len(cells) != width:
            diags.append(dg.warning(
                "plan.table-ragged", file, line,
                f"В строке {len(cells)} ячеек, а в заголовке таблицы {width}.",
                "Проверьте символы «|»: в каждой строке столько же ячеек, сколько столбцов; "
                "символ «|» внутри текста пишите как «\\|»."))
            cells = (cells + [""] * width)[:width]
        data: dict[str, str] = {}
        extra: list[tuple[str, str]] = []
        for header, role, cell in zip(raw.header, roles, cells):
            if role and role not in data:
                data[role] = cell
            else:
                extra.append((header, _cell_html(cell, file, line, diags)))
        title_raw, tags, refs = _tags_and_refs(data.get("title", ""))
        result_raw, tags2, refs2 = _tags_and_refs(data.get("result", ""))
        tags, refs = tags + tags2, refs + refs2
        if not title_raw and not any(cells):
            continue
        title_html = _cell_html(title_raw, file, line, diags)
        title_text = markup.strip_tags(title_html)
        deadline_text = markup.strip_tags(markup.render_inline(data.get("deadline", "")).html)
        deadline = None
        if deadline_text:
            try:
                deadline = parse_deadline(deadline_text, year)
            except DeadlineError as exc:
                diags.append(dg.warning("plan.deadline", file, line,
                                        f"Срок «{deadline_text}» не распознан: пункт останется без даты.",
                                        exc.hint))
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
        status_note = markup.strip_tags(markup.render_inline(data.get("status", "")).html)
        state = status.parse(status_note)
        if state is None:
            if kind == "media-plan" and link:
                state = "published"
            else:
                state = status.derive(deadline, as_of)
        items.append(PlanItem(
            uid=_uid(cluster, doc, section, title_text, seen), line=line, section=section,
            number=data.get("number", "").strip(), title_html=title_html, title_text=title_text,
            deadline_text=deadline_text, deadline=deadline,
            responsible=markup.strip_tags(markup.render_inline(data.get("responsible", "")).html),
            participants=markup.strip_tags(markup.render_inline(data.get("participants", "")).html),
            result_html=_cell_html(result_raw, file, line, diags), status=state, status_note=status_note,
            tags=tags, decisions=refs, extra=tuple(extra),
            channel=markup.strip_tags(markup.render_inline(data.get("channel", "")).html),
            format=markup.strip_tags(markup.render_inline(data.get("format", "")).html),
            audience=markup.strip_tags(markup.render_inline(data.get("audience", "")).html),
            reach_plan=reach_plan.strip(), reach_fact=reach_fact.strip(), link=link))
    columns = tuple((r or "extra", h) for r, h in zip(roles, raw.header))
    return PlanTable(section=section, anchor=slugify(section) if section else "tablitsa", line=raw.line,
                     columns=columns, items=tuple(items)), diags


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


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

    for raw in raw_tables:
        start_idx = raw.line - body_line
        chunk = lines[pos:start_idx]
        for ln in chunk:
            m = _HEADING.match(ln)
            if m:
                section = m.group(2).strip()
        prose(chunk, body_line + pos)
        table, sub = read_table(raw, kind=kind, cluster=cluster, doc=doc, section=section, year=year,
                                as_of=as_of, file=file, seen=seen)
        diags += sub
        if table is None:
            prose(lines[start_idx:raw.end], raw.line)
        else:
            anchor, n = table.anchor, 2
            while anchor in used_anchors:
                anchor, n = f"{table.anchor}-{n}", n + 1
            used_anchors.add(anchor)
            blocks.append(PlanTable(section=table.section, anchor="tab-" + anchor, line=table.line,
                                    columns=table.columns, items=table.items))
        pos = raw.end
    prose(lines[pos:], body_line + pos)
    return tuple(blocks), diags
