"""Plan and media-plan tables: headers people write, rows as items, statuses, diagnostics."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterpages.content.documents.columns import normalize_header, role_of
from clusterpages.content.documents.plantables import split_body
from clusterpages.values.academic import AcademicYear

YEAR = AcademicYear(2022)
AS_OF = dt.date(2023, 2, 15)


def blocks(body: str, kind: str = "plan", first_line: int = 10):
    return split_body(body, first_line, kind=kind, cluster="it", doc="plan-2022-2023", year=YEAR, as_of=AS_OF,
                      file="content/clusters/it/plan-2022-2023.md")


@pytest.mark.parametrize("header,role", [
    ("№", "number"), ("№ п/п", "number"), ("Мероприятие", "title"), ("Наименование мероприятия", "title"),
    ("СОДЕРЖАНИЕ", "title"), ("Срок", "deadline"), ("Сроки", "deadline"), ("Срок исполнения", "deadline"),
    ("Дата", "deadline"), ("Период", "deadline"), ("Ответственный", "responsible"), ("Ответственные", "responsible"),
    ("Отв.", "responsible"), ("Ответственный исполнитель", "responsible"), ("Участники", "participants"),
    ("Партнёры", "participants"), ("Партнеры", "participants"), ("Ожидаемый результат", "result"),
    ("Результат", "result"), ("Форма отчёта", "result"), ("Статус", "status"), ("Отметка о выполнении", "status"),
    ("Информационный повод", "title"), ("Тема", "title"), ("Формат", "format"), ("Канал", "channel"),
    ("Площадка", "channel"), ("Целевая аудитория", "audience"), ("Охват (план)", "reach_plan"),
    ("Охват (факт)", "reach_fact"), ("Охват план / факт", "reach"), ("Ссылка на публикацию", "link"),
    ("**Срок исполнения**", "deadline"), ("Примечание", None),
])
def test_header_variants(header, role):
    assert role_of(header) == role


def test_rows_become_items_with_lines_tags_refs_and_unknown_columns():
    body = "\n".join([
        "## Организационная работа",
        "",
        "| № п/п | Наименование мероприятия | Срок исполнения | Отв. | Результат | Отметка о выполнении | Примечание |",
        "|---|---|---|---|---|---|---|",
        "| 1 | Заседание совета #совет | сентябрь 2022 | И. И. Иванов | Протокол | выполнено | очно |",
        "| 2 | Чемпионат с партнёрами (п. 5 протокола № 4) #чемпионат | 15–17 марта 2023 | П. П. Петров | Итоги | | |",
        "| 3 | Отчёт | до 25.12.2022 | И. И. Иванов | Отчёт на сайте | | |",
        "| 4 | Встреча | по согласованию | И. И. Иванов | | | |",
        "| 5 | Ярмарка | март 2023 | И. И. Иванов | | перенесено на апрель 2023 | |",
        "| 6 | Буклет | декабрь 2022 | И. И. Иванов | | отменено | |",
        "| 7 | Семинар {{ 7*7 }} | с 01.02.2023 по 15.03.2023 | И. И. Иванов | | | |",
    ])
    out, diags = blocks(body)
    assert diags == []
    table = next(b for b in out if not isinstance(b, str))
    assert table.section == "Организационная работа"
    items = table.items
    assert [i.line for i in items] == [14, 15, 16, 17, 18, 19, 20]
    assert items[0].status == "done" and items[0].tags == ("совет",)
    assert items[0].extra == (("Примечание", "очно"),)
    assert items[1].tags == ("чемпионат",) and items[1].decisions == (("4", 5),)
    assert items[1].deadline.start == dt.date(2023, 3, 15) and items[1].deadline.end == dt.date(2023, 3, 17)
    assert items[1].status == "upcoming"
    assert items[2].status == "overdue"           # ended before as-of, not marked done
    assert items[3].status == "undated" and items[3].deadline.kind == "none"
    assert items[4].status == "postponed"
    assert items[5].status == "cancelled"
    assert items[6].status == "in_progress"       # as-of inside the range
    assert "{{ 7*7 }}" in items[6].title_html      # never evaluated
    assert len({i.uid for i in items}) == 7


def test_uids_are_stable_when_rows_move():
    row_a = "| 1 | Первое | 25.12.2022 | А |"
    row_b = "| 2 | Второе | 26.12.2022 | Б |"
    head = "| № | Мероприятие | Срок | Ответственный |\n|---|---|---|---|\n"
    first, _ = blocks(head + row_a + "\n" + row_b)
    second, _ = blocks(head + row_b + "\n" + row_a)
    uid = {i.title_text: i.uid for i in first[0].items}
    assert uid == {i.title_text: i.uid for i in second[0].items}


def test_media_plan_link_counts_as_published_and_reach_is_split():
    body = ("| № | Дата | Тема | Канал | Охват | Ссылка на публикацию |\n|---|---|---|---|---|---|\n"
            "| 1 | 10.01.2023 | Пост | госпаблик VK | 500 / 620 | https://vk.com/wall-1_2 |\n"
            "| 2 | 10.03.2023 | Видео | RUTUBE | 400 / | |\n")
    out, diags = blocks(body, kind="media-plan")
    items = out[0].items
    assert items[0].status == "published" and items[0].link == "https://vk.com/wall-1_2"
    assert (items[0].reach_plan, items[0].reach_fact) == ("500", "620")
    assert items[1].status == "upcoming" and items[1].reach_fact == ""
    assert items[0].channel == "госпаблик VK"


def test_unparsed_deadline_is_a_warning_with_line_and_kept_text():
    body = "| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | Что-то | когда получится |\n"
    out, diags = blocks(body, first_line=7)
    assert [(d.code, d.line, d.severity) for d in diags] == [("plan.deadline", 9, "warning")]
    assert "когда получится" in diags[0].message and diags[0].hint
    assert out[0].items[0].deadline is None and out[0].items[0].deadline_text == "когда получится"


def test_plan_like_table_without_title_column_is_reported():
    body = "| № | Срок | Ответственный |\n|---|---|---|\n| 1 | 25.12.2022 | А |\n"
    out, diags = blocks(body, first_line=5)
    assert [d.code for d in diags] == ["plan.table-no-title"] and diags[0].line == 5
    assert all(isinstance(b, str) for b in out) and "<table>" in out[0]


def test_ragged_rows_are_reported_and_padded():
    body = "| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | Раз | 25.12.2022 |\n| 2 | Два |\n"
    out, diags = blocks(body, first_line=1)
    assert [(d.code, d.line) for d in diags] == [("plan.table-ragged", 4)]
    assert len(out[0].items) == 2


def test_plain_tables_stay_prose():
    body = "| Имя | Значение |\n|---|---|\n| а | б |\n"
    out, diags = blocks(body)
    assert diags == [] and all(isinstance(b, str) for b in out) and "<table>" in out[0]


def test_several_tables_keep_their_sections():
    body = ("## Первый раздел\n\n| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | А | 25.12.2022 |\n\n"
            "Текст между таблицами.\n\n## Второй раздел\n\n| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | Б | 26.12.2022 |\n")
    out, _ = blocks(body)
    tables = [b for b in out if not isinstance(b, str)]
    assert [t.section for t in tables] == ["Первый раздел", "Второй раздел"]
    assert tables[0].anchor != tables[1].anchor
    assert any("Текст между таблицами" in b for b in out if isinstance(b, str))


def test_normalize_header_ignores_case_yo_and_punctuation():
    assert normalize_header("  Отметка  о выполнении: ") == normalize_header("отметка о выполнении")
    assert normalize_header("Партнёры") == "партнеры"
