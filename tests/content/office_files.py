"""Word and Excel plans made in the tests, with everything real documents do, and their Markdown twin.

`word_plan()` and `excel_plan()` build the same plan as `MARKDOWN_PLAN`: tests read both and
compare the items.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HEADER = ("№ п/п", "Содержание работы", "Сроки", "Ответственные", "Отметка о выполнении")

MARKDOWN_PLAN = """---
title: План работы образовательно-отраслевого кластера информационных технологий на 2022–2023 учебный год
academic_year: 2022-2023
approved:
  position: Директор ОГБПОУ «Томский техникум информационных технологий»
  name: И. И. Иванов
  date: 2022-09-01
---

| № п/п | Содержание работы | Сроки | Ответственные | Отметка о выполнении |
|---|---|---|---|---|
| I | Организационная работа | | | |
| 1 | Заседание совета кластера | сентябрь, 2022 | Иванов И. И. | выполнено |
| 2 | Ярмарка профессий #профориентация | 2-я неделя апреля | Петрова А. А.<br>Сидоров С. С. | |
| 3 | Отчёт о работе кластера | до 25.12.22 г. | Петрова А. А.<br>Сидоров С. С. | |
| II | Профориентация | | | |
| 4 | Дни открытых дверей:<br>1. для школьников<br>2. для родителей | каждый вторник | Кузнецова Е. В. | |
| 5 | Профориентационные пробы (п. 7 протокола № 4) | I четверть | Кузнецова Е. В. | в работе |
"""

ITEMS = [  # section, number, title, deadline, responsible, status
    ("I. Организационная работа", "1", "Заседание совета кластера", "сентябрь, 2022",
     "Иванов И. И.", "выполнено"),
    ("I. Организационная работа", "2", "Ярмарка\u00a0профессий #профориентация", "2-я неделя апреля",
     "Петрова А. А.\nСидоров С. С.", ""),
    ("I. Организационная работа", "3", "Отчёт о работе кластера", "до 25.12.22 г.", None, ""),
    ("II. Профориентация", "4", ["Дни открытых дверей:", "для школьников", "для родителей"], "каждый вторник",
     "Кузнецова Е. В.", ""),
    ("II. Профориентация", "5", "Профориента\u00adционные пробы (п. 7 протокола № 4)", "I четверть", "Кузнецова Е. В.", "в работе"),
]
TITLE_LINES = ("ПЛАН РАБОТЫ", "образовательно-отраслевого кластера информационных технологий",
               "на 2022–2023 учебный год")
APPROVAL_LINES = ("УТВЕРЖДАЮ", "Директор ОГБПОУ «Томский техникум", "информационных технологий»",
                  "____________ И. И. Иванов", "«01» сентября 2022 г.")


def _cell_text(cell, text: str) -> None:
    cell.paragraphs[0].text = text


def _list_paragraph(cell, document, text: str) -> None:
    """A paragraph numbered by Word's own list (w:numPr), not by typed digits."""
    style_pr = document.styles["List Number"].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    paragraph = cell.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(copy.deepcopy(style_pr))


def _tracked(cell, kept: str, inserted: str, deleted: str) -> None:
    """Text with a tracked insertion, a tracked deletion and a comment range."""
    p = cell.paragraphs[0]
    p.add_run(kept)
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "Методист")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = inserted
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    ins.append(run)
    deletion = OxmlElement("w:del")
    deletion.set(qn("w:id"), "2")
    deletion.set(qn("w:author"), "Методист")
    run = OxmlElement("w:r")
    dt_ = OxmlElement("w:delText")
    dt_.text = deleted
    run.append(dt_)
    deletion.append(run)
    start = OxmlElement("w:commentRangeStart")
    start.set(qn("w:id"), "0")
    p._p.append(start)
    p._p.append(ins)
    p._p.append(deletion)


def _merge_row(row, text: str) -> None:
    merged = row.cells[0].merge(row.cells[-1])
    merged.paragraphs[0].text = text


def word_plan(approval_in_table: bool = True, deadline_of_3: str = "до 25.12.22 г.",
              approval_date: str = APPROVAL_LINES[-1], title: bool = True, wrapped: bool = False) -> bytes:
    document = docx.Document()
    approval_lines = APPROVAL_LINES[:-1] + (approval_date,)
    if approval_in_table:
        layout = document.add_table(rows=1, cols=2)
        right = layout.rows[0].cells[1]
        right.paragraphs[0].text = approval_lines[0]
        for line in approval_lines[1:]:
            right.add_paragraph(line)
    else:
        for line in approval_lines:
            document.add_paragraph(line)
    for line in TITLE_LINES if title else ():
        p = document.add_paragraph()
        p.alignment = 1
        p.add_run(line).bold = True
    document.add_paragraph("Цель: развитие сетевого взаимодействия.")
    table = document.add_table(rows=0, cols=5)
    table.style = "Table Grid"
    header = table.add_row()
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, HEADER):
        _cell_text(cell, text)
    numbers = table.add_row()
    for n, cell in enumerate(numbers.cells, 1):
        _cell_text(cell, str(n))
    _merge_row(table.add_row(), "I. Организационная работа")
    rows = {}
    for section, number, title, deadline, responsible, note in ITEMS:
        if section.startswith("II") and "II" not in rows:
            rows["II"] = True
            repeat = table.add_row()                       # the header typed again on the next page
            for cell, text in zip(repeat.cells, HEADER):
                _cell_text(cell, text)
            _merge_row(table.add_row(), "II. Профориентация")
        cells = table.add_row().cells
        _cell_text(cells[0], number)
        if isinstance(title, list):
            _cell_text(cells[1], title[0])
            for line in title[1:]:
                _list_paragraph(cells[1], document, line)
        elif number == "1":
            _tracked(cells[1], "Заседание совета ", "кластера", "округа")
        else:
            _cell_text(cells[1], title)
        _cell_text(cells[2], deadline_of_3 if number == "3" else deadline)
        if responsible and "\n" in responsible:
            first, second = responsible.split("\n")
            cells[3].paragraphs[0].add_run(first).add_break()
            cells[3].paragraphs[0].add_run(second)
            rows["merge_from"] = cells[3]
        elif responsible is None:
            rows["merge_from"].merge(cells[3])             # merged down: the same people
        elif number == "5":
            inner = cells[3].add_table(rows=1, cols=1)      # a nested table holding the name
            inner.cell(0, 0).text = responsible
        else:
            _cell_text(cells[3], responsible)
        _cell_text(cells[4], note)
    table.add_row()                                        # empty trailing rows
    table.add_row()
    if wrapped:                                            # the whole plan inside a one-cell layout table
        layout = document.add_table(rows=1, cols=1)
        layout.cell(0, 0)._tc.append(table._tbl)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def excel_plan(sheet_title: str = "План") -> bytes:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Титул"
    cover["A1"] = "Пояснительная записка"
    sheet = book.create_sheet(sheet_title)
    row = 1
    for line in APPROVAL_LINES:
        sheet.cell(row, 4, line)
        row += 1
    for line in TITLE_LINES:
        sheet.cell(row, 1, line)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        row += 1
    row += 1
    for col, text in enumerate(HEADER, 1):
        sheet.cell(row, col, text)
    row += 1
    for col in range(1, 6):
        sheet.cell(row, col, col)
    row += 1
    current = ""
    for section, number, title, deadline, responsible, note in ITEMS:
        if section != current:
            sheet.cell(row, 1, section)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
            current, row = section, row + 1
        sheet.cell(row, 1, int(number))
        sheet.cell(row, 2, "\n".join(title[:1] + [f"{n}. {t}" for n, t in enumerate(title[1:], 1)])
                   if isinstance(title, list) else title)
        sheet.cell(row, 3, deadline)
        sheet.cell(row, 4, responsible if responsible is not None else "Петрова А. А.\nСидоров С. С.")
        sheet.cell(row, 5, note)
        row += 1
    sheet.cell(4 + len(APPROVAL_LINES) + len(TITLE_LINES), 6, None)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def excel_with_date_cell() -> bytes:
    """A sheet whose deadline is a real date cell next to one typed as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Лист1"
    sheet.append(["План мероприятий"])
    sheet.append(["№", "Мероприятие", "Срок", "Ответственный"])
    sheet.append([1, "Совет", dt.datetime(2022, 12, 25), "Иванов"])
    sheet.append([2, "Отчёт", "25.12.2022", "Петров"])
    sheet.append([3, "Смотр", "когда-нибудь", "Сидоров"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, changes: dict[str, bytes]) -> bytes:
    """The same package with parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, changes.pop(name, None) or src.read(name))
        for name, part in changes.items():
            dst.writestr(name, part)
    return out.getvalue()
