"""Tests of clusterpages.academic: academic years, their bounds, labels and parsing."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.values.academic import AcademicYear


def test_defaults_and_bounds():
    year = AcademicYear(2022)
    assert year.first == 2022
    assert year.second == 2023
    assert year.start == (9, 1)
    assert year.end == (6, 30)
    assert year.start_date == date(2022, 9, 1)
    assert year.end_date == date(2023, 6, 30)


def test_custom_bounds():
    year = AcademicYear(2022, start=(8, 25), end=(7, 5))
    assert year.start_date == date(2022, 8, 25)
    assert year.end_date == date(2023, 7, 5)
    assert year.year_for_month(8) == 2022
    assert year.year_for_month(7) == 2023


def test_lists_become_tuples_and_year_is_hashable():
    year = AcademicYear(2022, start=[9, 1], end=[6, 30])  # type: ignore[arg-type]
    assert year.start == (9, 1) and year.end == (6, 30)
    assert hash(year) == hash(AcademicYear(2022))
    assert year == AcademicYear(2022)


def test_frozen():
    year = AcademicYear(2022)
    with pytest.raises(dataclasses.FrozenInstanceError):
        year.first = 2023  # type: ignore[misc]


def test_29_february_is_clamped_in_common_years():
    year = AcademicYear(2022, start=(9, 1), end=(2, 29))
    assert year.end_date == date(2023, 2, 28)
    assert AcademicYear(2023, end=(2, 29)).end_date == date(2024, 2, 29)


@pytest.mark.parametrize("style, expected", [("dash", "2022\u20132023"), ("slash", "2022/2023")])
def test_label(style, expected):
    assert AcademicYear(2022).label(style) == expected


def test_label_default_and_str():
    assert AcademicYear(2022).label() == "2022–2023"
    assert str(AcademicYear(2022)) == "2022–2023"


def test_label_unknown_style():
    with pytest.raises(ValueError, match="стиль"):
        AcademicYear(2022).label("dot")


@pytest.mark.parametrize("month, expected", [
    (9, 2022), (10, 2022), (11, 2022), (12, 2022),
    (1, 2023), (2, 2023), (5, 2023), (6, 2023), (7, 2023), (8, 2023),
])
def test_year_for_month(month, expected):
    assert AcademicYear(2022).year_for_month(month) == expected


@pytest.mark.parametrize("month", [0, 13, -1])
def test_year_for_month_rejects_bad_month(month):
    with pytest.raises(ValueError, match="месяц"):
        AcademicYear(2022).year_for_month(month)


@pytest.mark.parametrize("text", [
    "2022-2023", "2022–2023", "2022—2023", "2022/2023", "2022/23", "2022-23",
    " 2022 – 2023 ", "2022\u00a0/\u00a02023", "2022\u22122023",
])
def test_parse_accepts(text):
    assert AcademicYear.parse(text) == AcademicYear(2022)


def test_parse_keeps_bounds():
    year = AcademicYear.parse("2022/23", start=(8, 31), end=(7, 1))
    assert year == AcademicYear(2022, (8, 31), (7, 1))
    assert year.start_date == date(2022, 8, 31)


def test_parse_century_two_digits():
    assert AcademicYear.parse("2099/00").second == 2100


@pytest.mark.parametrize("text", ["2022-2024", "2022/2022", "2023-2022", "2022/24", "2022/21"])
def test_parse_rejects_non_consecutive(text):
    with pytest.raises(ValueError, match="на единицу больше"):
        AcademicYear.parse(text)


@pytest.mark.parametrize("text", ["", "2022", "22-23", "2022 2023", "двадцать второй", "2022-2023-2024", "2022.2023"])
def test_parse_rejects_garbage(text):
    with pytest.raises(ValueError, match="2022–2023"):
        AcademicYear.parse(text)


def test_parse_rejects_non_string():
    with pytest.raises(ValueError):
        AcademicYear.parse(2022)  # type: ignore[arg-type]


@pytest.mark.parametrize("kwargs", [
    {"first": "2022"}, {"first": True}, {"first": 0}, {"first": 10000},
    {"first": 2022, "start": (13, 1)}, {"first": 2022, "start": (9, 31)},
    {"first": 2022, "end": (6,)}, {"first": 2022, "end": "06-30"},
])
def test_invalid_construction(kwargs):
    with pytest.raises(ValueError):
        AcademicYear(**kwargs)


@settings(max_examples=300)
@given(st.integers(1000, 9998), st.sampled_from(["dash", "slash"]))
def test_label_parse_round_trip(first, style):
    year = AcademicYear(first)
    assert AcademicYear.parse(year.label(style)) == year
    assert year.start_date < year.end_date


@settings(max_examples=300)
@given(st.text(max_size=20))
def test_parse_raises_only_value_error(text):
    try:
        year = AcademicYear.parse(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert year.second == year.first + 1
