"""Plan tables as real plans write them (issue 26): event columns no list foresaw, tables whose
columns cannot be told (a warning naming the header row, never a silent loss), total rows,
and deadlines on two lines of one cell — in Markdown and in Word."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from clusterpages.content.documents.columns import role_of, roles_for
from clusterpages.content.documents.plantables import split_body
from clusterpages.model import PlanTable
from clusterpages.values.academic import AcademicYear

YEAR = AcademicYear(2022)
AS_OF = dt.date(2023, 2, 15)
FILE = "content/clusters/it/plan-2022-2023.md"


def blocks(body: str, kind: str = "plan", first_line: int = 10):
    return split_body(body, first_line, kind=kind, cluster="it", doc="plan-2022-2023", year=YEAR, as_of=AS_OF,
                      file=FILE)


def items(out):
    return [i for b in out if isinstance(b, PlanTable) for i in b.items]


# ---- event columns headed by words no list foresaw

@pytest.mark.parametrize("header", [
    "Содержание работы", "Наименование работ", "Направление деятельности", "Направления деятельности",
    "Форма работы", "Формы работы", "Тема", "Вид деятельности", "Деятельность", "Планируемая деятельность",
    "Тематика", "Перечень мероприятий", "Форма работы, мероприятие",
])
def test_event_column_headers(header):
    assert role_of(header) == "title"
    body = f"| № | {header} | Сроки | Ответственные |\n|---|---|---|---|\n| 1 | Совет кластера | 20.09.2022 | А |\n"
    out, diags = blocks(body)
    assert diags == []
    assert [i.title_text for i in items(out)] == ["Совет кластера"]


@pytest.mark.parametrize("header, role", [
    ("Форма проведения", "format"), ("Формат", "format"), ("Результат деятельности", "result"),
    ("Ответственные за деятельность", "responsible"), ("Период деятельности", "deadline"),
])
def test_other_columns_keep_their_roles(header, role):
    assert role_of(header) == role


def test_the_event_column_proper_wins_over_a_direction_beside_it():
    assert roles_for(["№", "Направление деятельности", "Мероприятие", "Срок"]) == ["number", None, "title", "deadline"]
    assert roles_for(["№", "Мероприятие", "Форма работы", "Срок"]) == ["number", "title", None, "deadline"]
    body = ("| № | Направление деятельности | Мероприятие | Срок |\n|---|---|---|---|\n"
            "| 1 | Профориентация | Ярмарка профессий | апрель 2023 |\n")
    out, diags = blocks(body)
    (item,) = items(out)
    assert diags == [] and item.title_text == "Ярмарка профессий"
    assert item.extra == (("Направление деятельности", "Профориентация"),)


# ---- tables whose columns cannot be told: a warning naming the header row

@pytest.mark.parametrize("body, why", [
    ("| № | Направление | Кто |\n|---|---|---|\n| 1 | Совет | Я |\n", "столбец «№»"),
    ("| Направление | Период |\n|---|---|\n| Совет | сентябрь 2022 |\n", "столбец со сроком"),
    ("| Что | На какое число | Кто |\n|---|---|---|\n| Совет | 20.09.2022 | Я |\n| Ярмарка | апрель 2023 | Он |\n",
     "в столбце «На какое число» стоят даты"),
])
def test_a_plan_like_table_with_unknown_columns_is_a_warning_naming_its_header(body, why):
    out, diags = blocks(body, first_line=5)
    (d,) = diags
    assert (d.code, d.severity, d.file, d.line) == ("plan.table-columns", "warning", FILE, 5)
    header = " | ".join(c.strip() for c in body.split("\n")[0].strip("|").split("|"))
    assert f"«{header}»" in d.message and why in d.message
    assert "не распознан" in d.message and "«№ | Мероприятие | Срок" in d.hint
    assert all(isinstance(b, str) for b in out) and "<table>" in out[0]      # kept as it is


def test_the_media_plan_hint_names_media_plan_columns():
    (d,) = blocks("| № | Что | Где |\n|---|---|---|\n| 1 | Пост | VK |\n", kind="media-plan")[1]
    assert "Информационный повод" in d.hint


def test_tables_that_are_no_plan_stay_silent():
    for body in ("| Имя | Значение |\n|---|---|\n| а | б |\n",
                 "| Показатель | Значение |\n|---|---|\n| Выпускники | 120 |\n| Трудоустроены | 96 |\n"):
        out, diags = blocks(body)
        assert diags == [] and "<table>" in out[0]


def test_a_table_written_in_html_is_a_warning_with_its_line():
    body = ("Текст.\n\n<table>\n<tr><td>№</td><td>Мероприятие</td><td>Срок</td></tr>\n"
            "<tr><td>1</td><td>Совет</td><td>20.09.2022</td></tr>\n</table>\n\n```\n<table>\n```\n")
    out, diags = blocks(body, first_line=4)
    assert [(d.code, d.line) for d in diags] == [("plan.table-html", 6)]
    assert "Markdown" in diags[0].hint and items(out) == []


# ---- total rows

@pytest.mark.parametrize("row", [
    "| | Итого: | | |", "| ИТОГО | | | |", "| Всего: | | | |", "| | Итого: 12 мероприятий | | |",
    "| Итого по разделу | | | 3 |", "| | Всего за год | | |", "| | итого | |  |",
])
def test_a_total_row_is_neither_an_item_nor_a_section(row):
    body = ("| № | Мероприятие | Срок | Ответственный |\n|---|---|---|---|\n"
            "| 1 | Совет | 20.09.2022 | А |\n" + row + "\n| 2 | Ярмарка | апрель 2023 | Б |\n")
    out, diags = blocks(body)
    assert diags == []
    assert [i.title_text for i in items(out)] == ["Совет", "Ярмарка"]
    assert not any(isinstance(b, str) and "<h2>" in b for b in out)


def test_a_title_that_only_starts_like_a_total_is_an_item():
    body = ("| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | Итоговый отчёт | 25.12.2022 |\n"
            "| 2 | Всероссийский конкурс | март 2023 |\n")
    assert [i.title_text for i in items(blocks(body)[0])] == ["Итоговый отчёт", "Всероссийский конкурс"]


# ---- deadlines on two lines of one cell, with times, in a plan row

@pytest.mark.parametrize("cell, shown, start, end", [
    ("12.01.2023<br>25.01.2023", "12.01.2023 25.01.2023", dt.date(2023, 1, 12), dt.date(2023, 1, 25)),
    ("I кв.<br>III кв.", "I кв. III кв.", dt.date(2023, 1, 1), dt.date(2023, 9, 30)),
    ("с 01.09.-<br>по 15.09.", "с 01.09.- по 15.09.", dt.date(2022, 9, 1), dt.date(2022, 9, 15)),
    ("15.12.22<br>в 14:00", "15.12.2022 в 14:00", dt.date(2022, 12, 15), dt.date(2022, 12, 15)),
    ("II декада сентября", "II декада сентября", dt.date(2022, 9, 11), dt.date(2022, 9, 20)),
    ("август – декабрь", "август – декабрь", dt.date(2022, 8, 1), dt.date(2022, 12, 31)),
])
def test_deadline_cells(cell, shown, start, end):
    body = f"| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | Совет | {cell} |\n"
    out, diags = blocks(body)
    assert diags == []
    (item,) = items(out)
    assert item.deadline_text == shown
    assert (item.deadline.start, item.deadline.end, item.deadline.text) == (start, end, shown)


def test_reversed_lines_are_a_deadline_warning_with_the_line():
    body = "| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | Совет | 25.01.2023<br>12.01.2023 |\n"
    out, diags = blocks(body, first_line=3)
    assert [(d.code, d.line) for d in diags] == [("plan.deadline", 5)]
    assert "позже" in diags[0].hint and items(out)[0].deadline is None


# ---- the same in a Word plan

def _word(rows: list[list[str]], second: list[list[str]]) -> bytes:
    import docx
    document = docx.Document()
    document.add_paragraph("").add_run("План работы кластера на 2022–2023 учебный год").bold = True
    for table_rows in (rows, second):
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, texts in zip(table.rows, table_rows):
            for cell, text in zip(row.cells, texts):
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_plan_with_lines_totals_and_an_unknown_table(example_site):
    from clusterpages import pipeline
    cluster = example_site.parent / "content" / "clusters" / "edu"
    plan = _word([["№ п/п", "Направление деятельности", "Мероприятие", "Сроки"],
                  ["1", "Профориентация", "Ярмарка профессий", "12.01.2023\n25.01.2023"],
                  ["2", "Кадры", "Стажировки", "I и III кв."],
                  ["", "Итого:", "2 мероприятия", ""]],
                 [["№", "Направление", "Кто"], ["1", "Совет", "Я"]])
    (cluster / "plan-2022-2023.docx").write_bytes(plan)
    site, diags = pipeline.prepare(example_site, None, AS_OF)
    assert site is not None, diags
    doc = next(p for p in site.plans if p.cluster == "edu" and p.slug == "plan-2022-2023")
    assert [(i.title_text, i.deadline.start, i.deadline.end) for i in doc.items] == [
        ("Ярмарка профессий", dt.date(2023, 1, 12), dt.date(2023, 1, 25)),
        ("Стажировки", dt.date(2023, 1, 1), dt.date(2023, 9, 30))]
    mine = [d for d in diags if d.file.endswith("edu/plan-2022-2023.docx")]
    assert [(d.code, d.place) for d in mine] == [("plan.table-columns", "таблица 2")]
    assert "«№ | Направление | Кто»" in mine[0].message
