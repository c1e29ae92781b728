"""matrix.xlsx: the protocol dashboard as the department's spreadsheet.

Two sheets from the same cells as the page and matrix.csv (`content.execution`): «Исполнение»,
the states in words with fills from the brand palette (the state's colour, lightened, under
dark text; the header in the primary colour under its readable text), and «Пояснения», one row
per cluster and decision with the reason in words. Headers are frozen and columns sized; the
bytes are the same for the same cells (fixed document dates and zip timestamps).
"""

from __future__ import annotations

import datetime as _dt
import io
import re

from clusterpages.content.facts.execution import Matrix
from clusterpages.model import Protocol
from clusterpages.publish.ooxml import deterministic_zip
from clusterpages.site.dashboard import cell_text
from clusterpages.site.views.matrix import SHORT_WORDS, short_title
from clusterpages.values.colors import Color, contrast_ratio, readable_text_on, tint
from clusterpages.values.tokens import Palette, theme_tokens

# The dashboard's state → the theme's colour token it is drawn in.
_STATE_TOKEN = {"done": "--cp-done", "done_late": "--cp-done", "in_progress": "--cp-progress",
                "overdue": "--cp-overdue", "cancelled": "--cp-upcoming", "not_started": "--cp-upcoming",
                "not_applicable": "--cp-upcoming"}
_FILL_TINT = 0.8
_REASON_CHARS = 85   # characters of a reason that fit one line of its column


def _hex(c: Color) -> str:
    return c.hex.lstrip("#").upper()


def state_fills(p: Palette) -> dict[str, tuple[Color, Color]]:
    """Each state's (fill, text) colours: the state's hue lightened, under the palette's text
    colour when it reads at 4.5:1, else the readable one."""
    tokens = theme_tokens(p)
    out = {}
    for state, token in _STATE_TOKEN.items():
        fill = tint(tokens[token], _FILL_TINT)
        text = p.text if contrast_ratio(p.text, fill) >= 4.5 else readable_text_on(fill)
        out[state] = (fill, text)
    return out


def _fills():
    from openpyxl.styles import Alignment, Font, PatternFill
    return Alignment, Font, PatternFill


def _states_sheet(ws, protocol: Protocol, rows: Matrix, palette: Palette, head) -> None:
    """«Исполнение»: a row per cluster, a column per decision, the states in words and colours."""
    Alignment, Font, PatternFill = _fills()
    wrap = Alignment(wrap_text=True, vertical="top")
    fills = state_fills(palette)
    ws.title = "Исполнение"
    ws.append(["Кластер"] + [f"{d.number}. {short_title(d)} (срок: {d.deadline_text})" for d in protocol.decisions])
    for cluster, cells in rows:
        ws.append([cluster.short_name] + [SHORT_WORDS.get(c.state, c.label) if c.state != "cancelled"
                                          else c.label for c in cells])
        ws.cell(ws.max_row, 1).alignment = wrap
        for cell, column in zip(cells, ws[ws.max_row][1:]):
            fill, text = fills[cell.state]
            column.fill = PatternFill("solid", fgColor=_hex(fill))
            column.font = Font(color=_hex(text))
            column.alignment = wrap
    head(ws)
    ws.freeze_panes = "B2"
    ws.row_dimensions[1].height = 64
    for row in range(2, ws.max_row + 1):
        ws.row_dimensions[row].height = 45
    ws.column_dimensions["A"].width = 26
    for column in range(2, len(protocol.decisions) + 2):
        ws.column_dimensions[ws.cell(1, column).column_letter].width = 24


def _reasons_sheet(ws, protocol: Protocol, rows: Matrix, head) -> None:
    """«Пояснения»: a row per cluster and decision, the reason in words."""
    Alignment, _, _ = _fills()
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append(["Кластер", "Решение", "Срок", "Состояние", "Пояснение"])
    for cluster, cells in rows:
        for decision, cell in zip(protocol.decisions, cells):
            ws.append([cluster.short_name, f"{decision.number}. {short_title(decision)}", decision.deadline_text,
                       cell.label, cell_text(cell).removeprefix(cell.label + ". ")])
            for c in ws[ws.max_row]:
                c.alignment = wrap
            lines = max(len(cell_text(cell)) // _REASON_CHARS + 1, 2)
            ws.row_dimensions[ws.max_row].height = 15 * lines
    head(ws)
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (24, 30, 22, 24, 90)):
        ws.column_dimensions[letter].width = width


def render(protocol: Protocol, rows: Matrix, palette: Palette, as_of: _dt.date) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    Alignment, Font, PatternFill = _fills()

    wb = Workbook()
    when = _dt.datetime(as_of.year, as_of.month, as_of.day)
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = "clusterpages"
    wb.properties.title = f"Исполнение решений протокола № {protocol.number}"
    head_fill = PatternFill("solid", fgColor=_hex(palette.primary))
    head_font = Font(bold=True, color=_hex(readable_text_on(palette.primary)))

    def head(ws) -> None:
        for cell in ws[1]:
            cell.fill, cell.font, cell.alignment = head_fill, head_font, Alignment(wrap_text=True, vertical="top")

    _states_sheet(wb.active, protocol, rows, palette, head)
    _reasons_sheet(wb.create_sheet("Пояснения"), protocol, rows, head)
    for sheet in wb.worksheets:   # printed: landscape A4, as wide as the page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps the time of saving as «modified»: the as-of date instead, for the same bytes
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return deterministic_zip(buffer.getvalue(), {"docProps/core.xml": lambda xml: re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp.encode() + rb"\g<2>", xml)})
