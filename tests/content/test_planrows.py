"""Real-world plan tables: headers by meaning, section rows, numbering rows, what was read as what."""

from __future__ import annotations

import pytest
from test_plantables import blocks

from clusterpages.content.documents.columns import role_of
from clusterpages.model import PlanTable


@pytest.mark.parametrize("header,role", [
    # headers as they stand in public school, college and education-department plans
    ("Дела", "title"), ("События", "title"), ("Содержание работы", "title"), ("Наименование", "title"),
    ("Содержание деятельности", "title"), ("Основные мероприятия", "title"), ("Название мероприятия", "title"),
    ("Форма и содержание работы", "title"), ("Планируемые мероприятия", "title"), ("Вид работы", "title"),
    ("Сроки", "deadline"), ("Дата/время проведения", "deadline"), ("Ориентировочное время", "deadline"),
    ("Период", "deadline"), ("Ориентировочные сроки", "deadline"), ("Дата и место проведения", "deadline"),
    ("Сроки реализации", "deadline"), ("Месяц", "deadline"), ("Время проведения", "deadline"),
    ("Срок исполне\u00adния", "deadline"), ("Планируемая дата", "deadline"), ("Когда", "deadline"),
    ("Ответственные за исполнение", "responsible"), ("Кто проводит", "responsible"),
    ("Ответственный за проведение", "responsible"), ("Исполнитель (ФИО, должность)", "responsible"),
    ("Целевая группа", "participants"), ("Участники мероприятия", "participants"),
    ("Итоговый документ", "result"), ("Форма представления результата", "result"), ("Продукт", "result"),
    ("Отметка о проведении", "status"), ("Форма проведения", "format"), ("Место размещения", "channel"),
    ("Для кого", "audience"), ("№\u00a0п/п", "number"), ("Примечание", None), ("Место проведения", None),
])
def test_headers_by_meaning(header, role):
    assert role_of(header) == role


def _tables(result):
    return [b for b in result if isinstance(b, PlanTable)]


def test_single_cell_and_roman_rows_are_sections_numbering_rows_skipped():
    body = "\n".join([
        "| № п/п | Содержание работы | Сроки | Ответственные |",
        "|---|---|---|---|",
        "| 1 | 2 | 3 | 4 |",
        "| I | Организационная работа | | |",
        "| 1 | Заседание совета кластера | сентябрь, 2022 | Иванова И. И. |",
        "| 2 | Утверждение плана | до 15.09. | Петров П. П. |",
        "| | **2. Профориентация** | | |",
        "| 3 | День открытых дверей | 2-я неделя апреля | Сидорова С. С. |",
        "| 4 | Ярмарка профессий | каждый вторник | |",
    ])
    result, diags = blocks(body)
    assert not [d for d in diags if d.severity != "info"], diags
    tables = _tables(result)
    assert [t.section for t in tables] == ["I. Организационная работа", "2. Профориентация"]
    assert [[i.title_text for i in t.items] for t in tables] == [
        ["Заседание совета кластера", "Утверждение плана"], ["День открытых дверей", "Ярмарка профессий"]]
    assert "<h2>I. Организационная работа</h2>" in result and "<h2>2. Профориентация</h2>" in result
    second = tables[1].items
    assert second[0].deadline.start.isoformat() == "2023-04-08" and second[1].deadline.weekdays == (1,)
    assert all(i.section == "2. Профориентация" for i in second)


def test_table_without_a_date_column_says_what_each_header_was_read_as():
    body = "\n".join([
        "| № | Мероприятие | Кто | Ответственный |",
        "|---|---|---|---|",
        "| 1 | Совет | завуч | Иванова |",
    ])
    result, diags = blocks(body, first_line=20)
    assert not _tables(result)
    (d,) = diags
    assert d.code == "plan.table-no-deadline" and d.line == 20
    assert "«№» — номер" in d.message and "«Кто» — не распознан" in d.message
    assert "«Мероприятие» — мероприятие" in d.message and "«Срок»" in d.hint


def test_repeated_header_rows_and_empty_rows_are_not_items():
    body = "\n".join([
        "| Мероприятие | Срок |",
        "|---|---|",
        "| Совет | 01.10.2022 |",
        "| Мероприятие | Срок |",
        "| | |",
        "| Отчёт | до 25.12.2022 |",
        "| | |",
    ])
    result, diags = blocks(body)
    (table,) = _tables(result)
    assert [i.title_text for i in table.items] == ["Совет", "Отчёт"]


def test_the_synonym_list_is_documented():
    from clusterpages.content.documents.columns import SYNONYMS
    from conftest import REPO
    doc = (REPO / "docs" / "content-model.md").read_text(encoding="utf-8")
    missing = [v for variants in SYNONYMS.values() for v in variants if f"«{v}»" not in doc]
    assert not missing, f"docs/content-model.md does not list: {missing}"


def test_arabic_numbered_headings_are_sections_when_the_rows_under_them_say_so():
    body = "\n".join([
        "| № | Мероприятие | Срок | Ответственный |",
        "|---|---|---|---|",
        "| 1. | Работа с кадрами | | |",
        "| 1.1 | Курсы повышения квалификации | октябрь 2022 | Иванова |",
        "| 2 | ПРОФОРИЕНТАЦИЯ | | |",
        "| 2.1 | Ярмарка профессий | апрель 2023 | Петров |",
        "| 3 | Итоговый отчёт | | |",
    ])
    result, diags = blocks(body)
    tables = _tables(result)
    assert [t.section for t in tables] == ["1. Работа с кадрами", "2. ПРОФОРИЕНТАЦИЯ"]
    assert [i.title_text for t in tables for i in t.items] == [
        "Курсы повышения квалификации", "Ярмарка профессий", "Итоговый отчёт"]
