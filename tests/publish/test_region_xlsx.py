"""pokazateli.xlsx and pokazateli.csv: the region's indicators read back as the department's
spreadsheet opens them — a sheet per academic year, a row per cluster, a column per indicator
with its unit, missing values empty and marked, sums only of what adds up."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from clusterpages.publish import region_xlsx
from clusterpages.values import urls

PEOPLE = "Обучающихся по программам кластера, чел."
PERCENT = "Трудоустроено выпускников в течение года после выпуска, %"


@pytest.fixture(scope="module")
def book(example_build):
    return load_workbook(io.BytesIO(example_build.read(urls.REGION_XLSX)))


def _rows(ws):
    return {row[0]: dict(zip([c.value for c in ws[1]], row)) for row in ws.iter_rows(min_row=2, values_only=True)
            if row[0]}


def test_a_sheet_per_year_a_row_per_cluster_a_column_per_indicator(book, example_build):
    site = example_build.result.site
    assert book.sheetnames == ["2021–2022"]
    ws = book["2021–2022"]
    head = [c.value for c in ws[1]]
    assert head[0] == "Кластер" and head[1] == PEOPLE and PERCENT in head
    assert len(head) == 1 + len(site.catalogue.entries)
    assert all(h.endswith(", " + e.unit) for h, e in zip(head[1:], site.catalogue.entries))
    names = [ws.cell(n, 1).value for n in range(2, 2 + len(site.clusters))]
    assert names == [c.short_name for c in site.clusters]
    rows = _rows(ws)
    assert rows["Информационные технологии"][PEOPLE] == 1250 and rows["Промышленный"][PERCENT] == 82
    assert ws.freeze_panes == "B2"


def test_missing_values_are_empty_filled_and_noted_with_a_legend(book):
    ws = book["2021–2022"]
    head = [c.value for c in ws[1]]
    by_name = {ws.cell(n, 1).value: n for n in range(2, ws.max_row + 1)}
    no_report = ws.cell(by_name["Здравоохранение"], head.index(PEOPLE) + 1)
    assert no_report.value is None and no_report.fill.fgColor.rgb.endswith(region_xlsx.MISSING_FILL)
    assert "не опубликовал отчёт за 2021–2022" in no_report.comment.text
    no_value = ws.cell(by_name["Агропромышленный"], head.index("Наставников от предприятий, чел.") + 1)
    assert no_value.value is None and "нет в отчёте" in no_value.comment.text.lower()
    present = ws.cell(by_name["Агропромышленный"], head.index(PEOPLE) + 1)
    assert present.value == 980 and present.comment is None
    legend = [r for r in ws.iter_rows(values_only=True) if r[1] == region_xlsx.LEGEND_MISSING]
    assert legend, "the legend under the table explains the grey cells"


def test_sums_only_of_what_adds_up(book, example_build):
    ws = book["2021–2022"]
    rows = _rows(ws)
    total = rows["Итого по региону (сумма)"]
    clusters = [c.short_name for c in example_build.result.site.clusters]
    assert total[PEOPLE] == sum(rows[c][PEOPLE] or 0 for c in clusters) == 5610
    assert total[PERCENT] == region_xlsx.NOT_COUNTED
    assert rows["Наименьшее по кластерам"][PERCENT] == 66 and rows["Наибольшее по кластерам"][PERCENT] == 82
    assert rows["Взвешенное значение"][PERCENT] == 75.9 and rows["Взвешенное значение"][PEOPLE] == region_xlsx.NOT_COUNTED


def test_csv_rows_per_year_and_cluster(example_build):
    data = example_build.read(urls.REGION_CSV)
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    head = rows[0]
    assert head[:3] == ["Учебный год", "Кластер", "Отчёт"] and head[3] == PEOPLE
    site = example_build.result.site
    assert len(rows) == 1 + len(site.clusters)
    by = {r[1]: dict(zip(head, r)) for r in rows[1:]}
    assert by["Информационные технологии"]["Учебный год"] == "2021–2022"
    assert by["Информационные технологии"]["Отчёт"] == "опубликован 20.12.2022"
    assert by["Информационные технологии"]["Средний балл демонстрационного экзамена, балла"] == "4,3"
    assert by["Здравоохранение"]["Отчёт"] == "не опубликован" and by["Здравоохранение"][PEOPLE] == ""
    assert by["Агропромышленный"]["Наставников от предприятий, чел."] == ""


def test_the_same_figures_make_the_same_bytes(example_build):
    from clusterpages.content.facts import region
    site = example_build.result.site
    c = site.config
    made = region_xlsx.render(region.years(site), site.clusters, c.palette, c.as_of, c.year_style)
    assert made == example_build.read(urls.REGION_XLSX)
