"""pokazateli.xlsx and pokazateli.csv: the region's indicators for the department's spreadsheets.

The same figures as the region's report pages (`content.facts.region`). The workbook has a sheet
per academic year, newest first: a row per cluster, a column per catalogue indicator with its
unit in the header; a missing value (no report of the year, or no such indicator in it) is an
empty cell filled grey with a note saying which, explained by the legend under the table. Under
the clusters: the regional sum of what adds up, the range and the weighted value of what does
not — never a sum of percentages. The CSV (UTF-8 with BOM, «;», decimal comma: Excel in a
Russian locale, like matrix.csv) has a row per academic year and cluster.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re

from clusterpages.content.facts.region import Line, RegionYear
from clusterpages.model import Catalogue, Cluster
from clusterpages.publish.ooxml import deterministic_zip
from clusterpages.values.colors import readable_text_on
from clusterpages.values.tokens import Palette

NO_REPORT = "Кластер не опубликовал отчёт за {year} учебный год."
NO_VALUE = "Показателя нет в отчёте кластера за {year} учебный год."
NOT_COUNTED = "не считается"
LEGEND_MISSING = ("Нет данных: кластер не опубликовал отчёт за учебный год или не привёл в нём показатель "
                  "(причина — в примечании к ячейке).")
LEGEND_RULES = ("Люди и единицы складываются в итог по региону; проценты и баллы не складываются: для них — "
                "наименьшее и наибольшее значение по кластерам и, где в каталоге задана основа, взвешенное значение.")
SUMMARY_ROWS = ("Итого по региону (сумма)", "Наименьшее по кластерам", "Наибольшее по кластерам",
                "Взвешенное значение")
MISSING_FILL = "D9D9D9"


def header(entry) -> str:
    """«Обучающихся по программам кластера, чел.»: the indicator and its unit."""
    return f"{entry.name}, {entry.unit}" if entry.unit else entry.name


def sheet_title(ry: RegionYear, style: str) -> str:
    return ry.year.label(style).replace("/", "-")   # «/» may not stand in a sheet's name


def summary(line: Line) -> tuple:
    """The four summary cells of an indicator: sum, lowest, highest, weighted (NOT_COUNTED where it means nothing)."""
    weighted = line.weighted.value if line.weighted and line.weighted.value is not None else None
    if line.entry.additive:
        return (line.total, NOT_COUNTED, NOT_COUNTED, NOT_COUNTED)
    return (NOT_COUNTED, line.low, line.high,
            round(weighted, 1) if weighted is not None else NOT_COUNTED)


def _cells(ry: RegionYear, cl: Cluster, style: str) -> list[tuple[float | None, str]]:
    """A cluster's row: (value, why it is missing)."""
    year = ry.year.label(style)
    published = any(r.cluster == cl.slug for r in ry.reports)
    out = []
    for line in ry.lines:
        v = next((x.value for x in line.values if x.cluster == cl.slug), None)
        out.append((v, "" if v is not None else (NO_VALUE if published else NO_REPORT).format(year=year)))
    return out


def _year_sheet(ws, ry: RegionYear, clusters: tuple[Cluster, ...], style: str, styles) -> None:
    from openpyxl.comments import Comment
    Alignment, Font, PatternFill, head_fill, head_font = styles
    ws.title = sheet_title(ry, style)
    ws.append(["Кластер"] + [header(line.entry) for line in ry.lines])
    for column, line in zip(ws[1][1:], ry.lines):
        if line.entry.base:
            column.comment = Comment(f"Не складывается; взвешенное значение — по показателю «{line.entry.base}».",
                                     "clusterpages")
    missing = PatternFill("solid", fgColor=MISSING_FILL)
    for cl in clusters:
        row = _cells(ry, cl, style)
        ws.append([cl.short_name] + [v for v, _ in row])
        for cell, (_, why) in zip(ws[ws.max_row][1:], row):
            if why:
                cell.fill, cell.comment = missing, Comment(why, "clusterpages")
    for n, label in enumerate(SUMMARY_ROWS):
        ws.append([label] + [summary(line)[n] for line in ry.lines])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=cell.value != NOT_COUNTED, italic=cell.value == NOT_COUNTED)
    ws.append([])
    ws.append(["", LEGEND_MISSING])
    ws.cell(ws.max_row, 1).fill = missing
    ws.append(["", LEGEND_RULES])
    for row in (ws.max_row - 1, ws.max_row):   # the legend reads across the table, not down one column
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=min(len(ry.lines) + 1, 5))
        ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 48
    for cell in ws[1]:
        cell.fill, cell.font = head_fill, head_font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    ws.row_dimensions[1].height = 90
    ws.column_dimensions["A"].width = 30
    for column in range(2, len(ry.lines) + 2):
        ws.column_dimensions[ws.cell(1, column).column_letter].width = 18


def render(region: tuple[RegionYear, ...], clusters: tuple[Cluster, ...], palette: Palette, as_of: _dt.date,
           style: str = "dash") -> bytes:
    """The workbook's bytes: a sheet per academic year, newest first."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    when = _dt.datetime(as_of.year, as_of.month, as_of.day)
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = "clusterpages"
    wb.properties.title = "Показатели образовательно-отраслевых кластеров"
    styles = (Alignment, Font, PatternFill, PatternFill("solid", fgColor=palette.primary.hex.lstrip("#").upper()),
              Font(bold=True, color=readable_text_on(palette.primary).hex.lstrip("#").upper()))
    for n, ry in enumerate(region):
        _year_sheet(wb.active if n == 0 else wb.create_sheet(), ry, clusters, style, styles)
    for sheet in wb.worksheets:   # printed: landscape A4, the columns over several pages at a readable size,
        sheet.page_setup.orientation = "landscape"   # each page with the clusters' names and the headers
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.print_title_rows, sheet.print_title_cols = "1:1", "A:A"
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return deterministic_zip(buffer.getvalue(), {"docProps/core.xml": lambda xml: re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp.encode() + rb"\g<2>", xml)})


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def csv_bytes(region: tuple[RegionYear, ...], clusters: tuple[Cluster, ...], catalogue: Catalogue,
              style: str = "dash") -> bytes:
    """A row per academic year and cluster; «Отчёт» says whether the cluster published one; empty cells are missing values."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["Учебный год", "Кластер", "Отчёт"] + [header(e) for e in catalogue.entries])
    for ry in region:
        published = {r.cluster: r.published for r in ry.reports}
        for cl in clusters:
            state = f"опубликован {published[cl.slug].strftime('%d.%m.%Y')}" if cl.slug in published else "не опубликован"
            w.writerow([ry.year.label(style), cl.short_name, state] + [_number(v) for v, _ in _cells(ry, cl, style)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
