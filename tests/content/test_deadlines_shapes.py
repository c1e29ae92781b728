"""Hand-written deadline shapes of real plans that used to lose their rows (issue 26).

Each shape below stood in the «Срок» column of a public college or school plan: a date with
the time of day, two dates on two lines of one cell, lists of quarters, a range glued to «по»
with stray dots, decades in Roman numerals, and a summer-to-autumn month range. All are read
within the 2022–2023 academic year (01.09.2022 – 30.06.2023); the year is never guessed: a
date without one takes it from the academic year (September–December in the first calendar
year, January–August in the second).
"""

from __future__ import annotations

import pytest
from test_deadlines import AY, d

from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines import DeadlineError, parse_deadline


def on(text):
    return ("date", d(text), d(text))


def span(first, last):
    return ("range", d(first), d(last))


TIMES = [
    ("15.12.2022 в 14:00", on("15.12.2022")),
    ("15.12.2022, 10.00", on("15.12.2022")),
    ("15.12.2022 в 14.00 ч.", on("15.12.2022")),
    ("15.12.2022г., 10.00 ч.", on("15.12.2022")),
    ("15.12.2022 10:00–12:00", on("15.12.2022")),
    ("15.12.2022 10.00-12.00", on("15.12.2022")),
    ("15.12.2022 с 10:00 до 12:00", on("15.12.2022")),
    ("15 декабря 2022 г. в 10.00", on("15.12.2022")),
    ("15 декабря в 10:00", on("15.12.2022")),
    ("15.12 в 10.00", on("15.12.2022")),
    ("10:00 15.12.2022", on("15.12.2022")),
    ("15.12.2022 10:00 – 16.12.2022 15:00", span("15.12.2022", "16.12.2022")),
    ("с 15.12.2022 10:00 по 16.12.2022 15:00", span("15.12.2022", "16.12.2022")),
]

LINES = [
    ("12.01.2023<br>25.01.2023", span("12.01.2023", "25.01.2023")),
    ("12.01.2023<br/>25.01.2023", span("12.01.2023", "25.01.2023")),
    ("12.01.2023\n25.01.2023", span("12.01.2023", "25.01.2023")),
    ("12.01.2023\r\n25.01.2023", span("12.01.2023", "25.01.2023")),
    ("12.01.2023 25.01.2023", span("12.01.2023", "25.01.2023")),   # the break flattened to a space
    ("05.10 12.10", span("05.10.2022", "12.10.2022")),             # two dates, not a date and 12:10
    ("с 01.09<br>по 15.09", span("01.09.2022", "15.09.2022")),     # one phrase over two lines
    ("сентябрь\nоктябрь", span("01.09.2022", "31.10.2022")),
    ("15.12.2022<br>10:00", on("15.12.2022")),
]

QUARTERS = [
    ("I и III кв.", span("01.01.2023", "30.09.2023")),
    ("I, III квартал", span("01.01.2023", "30.09.2023")),
    ("I, II, III кв. 2023", span("01.01.2023", "30.09.2023")),
    ("I, III кв. 2023 г.", span("01.01.2023", "30.09.2023")),
    ("I,\nIII кв.", span("01.01.2023", "30.09.2023")),
    ("I кв.<br>III кв.", span("01.01.2023", "30.09.2023")),
    ("1 и 3 квартал", span("01.01.2023", "30.09.2023")),
    ("I и II полугодие", span("01.09.2022", "30.06.2023")),
]

GLUED = [
    ("с 01.09.-по 15.09.", span("01.09.2022", "15.09.2022")),
    ("01.09.-по 30.09.", span("01.09.2022", "30.09.2022")),
    ("с 01.09.- по 15.09.", span("01.09.2022", "15.09.2022")),
    ("с 15.01.-по 20.01.", span("15.01.2023", "20.01.2023")),
    ("с 01.12.-по 15.01.", span("01.12.2022", "15.01.2023")),
    ("01.09 по 30.09.2022", span("01.09.2022", "30.09.2022")),
]

DECADES = [
    ("II декада сентября", span("11.09.2022", "20.09.2022")),
    ("I декада марта 2023", span("01.03.2023", "10.03.2023")),
    ("III декада октября", span("21.10.2022", "31.10.2022")),
    ("III декада февраля", span("21.02.2023", "28.02.2023")),
    ("в III декаде мая", span("21.05.2023", "31.05.2023")),
    ("I-я декада марта", span("01.03.2023", "10.03.2023")),
    ("II декада сентября – I декада октября", span("11.09.2022", "10.10.2022")),
]

SUMMER_TO_AUTUMN = [
    ("август–декабрь", span("01.08.2022", "31.12.2022")),
    ("август - декабрь", span("01.08.2022", "31.12.2022")),
    ("август-сентябрь", span("01.08.2022", "30.09.2022")),
    ("с августа по декабрь", span("01.08.2022", "31.12.2022")),
    ("с 20.08-по 05.09", span("20.08.2022", "05.09.2022")),
    ("июль–сентябрь", span("01.07.2022", "30.09.2022")),
    ("август-декабрь 2023", span("01.08.2023", "31.12.2023")),   # a written year is kept
    ("январь-август", span("01.01.2023", "31.08.2023")),          # no autumn: the second year
    ("август", span("01.08.2023", "31.08.2023")),                 # alone: as before
]

SHAPES = TIMES + LINES + QUARTERS + GLUED + DECADES + SUMMER_TO_AUTUMN


@pytest.mark.parametrize("text, expected", SHAPES, ids=[repr(c[0]) for c in SHAPES])
def test_shapes(text, expected):
    result = parse_deadline(text, AY)
    assert (result.kind, result.start, result.end) == expected
    assert result.text == text.strip()


@pytest.mark.parametrize("text", [
    "25.01.2023<br>12.01.2023",        # the lines in the wrong order: said so, not half read
    "15, 17 марта 2023",               # lone days: a period would add the days between
    "IV декада марта",
    "10.00",                           # a time alone is no date
    "в 14:00",
    "I и V кв.",
])
def test_shapes_still_refused(text):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(text, AY)
    assert info.value.hint


def test_reversed_lines_name_the_period():
    with pytest.raises(DeadlineError) as info:
        parse_deadline("25.01.2023<br>12.01.2023", AY)
    assert "позже" in info.value.reason


def test_year_comes_from_the_academic_year():
    later = AcademicYear(2024)
    assert parse_deadline("с 01.09.-по 15.09.", later).start == d("01.09.2024")
    assert parse_deadline("с 15.01.-по 20.01.", later).start == d("15.01.2025")
    assert parse_deadline("август–декабрь", later).start == d("01.08.2024")
    assert parse_deadline("II декада сентября", later).end == d("20.09.2024")
    assert parse_deadline("I и III кв.", later).end == d("30.09.2025")
