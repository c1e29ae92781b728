"""Standalone charts are drawn in the colours they are given, not by replacing colours afterwards."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from clusterpages.content.academic import AcademicYear
from clusterpages.model import Indicator
from clusterpages.theme import charts


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
