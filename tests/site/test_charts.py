"""Standalone charts are drawn in the colours they are given, not by replacing colours afterwards."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from clusterpages.model import Indicator
from clusterpages.site import charts
from clusterpages.values.academic import AcademicYear


def _chart():
    rows = [Indicator(group="Обучение", name="Выпускники", value=120, previous=100, unit="чел.", target=130),
            Indicator(group="Обучение", name="Договоры", value=8, previous=None, unit="", target=None)]
    return charts.chart("chart-1", "Обучение", rows, "2022–2023", "2021–2022")


def _colours(svg: str) -> set[str]:
    return set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', svg))


def test_a_chart_file_uses_the_given_colours_only():
    tokens = {"--cp-cluster": "#123456", "--cp-cluster-tint": "#abcdef", "--cp-cluster-dark": "#0a0b0c",
              "--cp-text": "#111111"}
    svg = charts.svg(_chart(), charts.literal(tokens))
    assert _colours(svg) == set(tokens.values())
    ET.fromstring(svg)  # a well-formed standalone file


def test_unknown_tokens_fall_back_and_the_drawing_is_the_same():
    default = charts.svg(_chart())
    partial = charts.svg(_chart(), charts.literal({"--cp-cluster": "#123456"}))
    assert "#123456" in _colours(partial) and "#123456" not in _colours(default)
    shape = lambda s: re.sub(r'(fill|stroke)="[^"]*"', r'\1=""', s)
    assert shape(default) == shape(partial)


def test_previous_year_label_follows_the_style():
    y = AcademicYear(2022)
    assert y.previous.label("dash") == "2021–2022" and y.previous.label("slash") == "2021/2022"


def test_one_ruler_per_unit_and_percentages_on_0_to_100():
    rows = [Indicator(group="Контингент", name="Обучающихся", value=1250, previous=1180, unit="чел.", target=1300),
            Indicator(group="Контингент", name="Приём", value=410, previous=385, unit="чел.", target=None),
            Indicator(group="Контингент", name="Целевое обучение", value=18, previous=12, unit="%", target=20)]
    c = charts.chart("chart-1", "Контингент", rows, "2021–2022", "2020–2021")
    people, percent = c.scales
    assert people.maximum == "1\u202f500\u00a0чел." and percent.maximum == "100\u00a0%"
    # Bars of one unit share the ruler: 410 of 1 500, not 410 of its own maximum.
    assert [r.value_pct for r in people.rows] == [83.3, 27.3]
    assert percent.rows[0].value_pct == 18.0 and percent.rows[0].target_pct == 20.0
    assert people.rows[0].target_pct == 86.7 and people.rows[1].target_pct is None


def test_deltas_absolute_and_relative_in_points_for_percentages():
    assert charts.delta(1250, 1180, "чел.") == "+70\u00a0чел., +5,9\u00a0%"
    assert charts.delta(980, 1010, "чел.") == "\u221230\u00a0чел., \u22123,0\u00a0%"
    assert charts.delta(78, 72, "%") == "+6\u00a0п.\u00a0п."
    assert charts.delta(12, 12, "ед.") == "без изменений"
    assert charts.delta(3, 0, "ед.") == "+3\u00a0ед."  # no relative change from zero
    assert charts.delta(5, None, "ед.") == ""


def test_figures_carry_units_and_grouped_digits():
    f = charts.figure(Indicator(group="", name="Студенты", value=27500, previous=1250, unit="чел.", target=None))
    assert f.value == "27\u202f500\u00a0чел." and f.previous == "1\u202f250\u00a0чел." and f.trend == "up"


def test_nice_maximum():
    assert [round(charts.nice_maximum(x), 6) for x in (9, 46, 210, 315, 1010, 1250, 0.3)] == [10, 50, 250, 400, 1200, 1500, 0.3]
