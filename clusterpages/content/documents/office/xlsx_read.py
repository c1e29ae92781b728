"""Reading a vetted Excel (.xlsx) sheet into paragraphs and one table, as Excel shows them.

The plan table is found on the first sheet that has one (or on the sheet the plan's .yaml
names): its header is the first row with two or more recognised column names, wherever it
stands; the merged cells above it (the title, the «УТВЕРЖДАЮ» block) are paragraphs. A
merged row below the header is a section heading. Real date cells are written as
«25.12.2022»; dates typed as text stay as typed. A sheet is read in read-only mode first
and refused past `MAX_ROWS` rows, so a million-row sheet costs nothing.
"""

from __future__ import annotations

import datetime as _dt
import io

import openpyxl
from openpyxl.utils import get_column_letter

from clusterpages.content.documents import columns
from clusterpages.content.documents.office.model import OfficeDoc, Paragraph, Table, clean, to_markdown
from clusterpages.content.documents.planrows import RawRow, RawTable

MAX_ROWS = 5000
MAX_COLUMNS = 60


class TooLarge(ValueError):
    """A sheet with more rows or columns than a plan ever has."""

    def __init__(self, sheet: str, rows: int) -> None:
        self.sheet, self.rows = sheet, rows
        super().__init__(sheet)


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


def sheet_names(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _bounded_rows(data: bytes, name: str) -> None:
    """Raise TooLarge when the sheet goes past MAX_ROWS rows (read lazily, stopping early)."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for count, _ in enumerate(book[name].iter_rows(values_only=True), 1):
            if count > MAX_ROWS:
                raise TooLarge(name, count)
    finally:
        book.close()


def _grid(sheet) -> list[list[str]]:
    """The sheet's values; a merged range's text stands in its first cell only."""
    width = min(sheet.max_column or 0, MAX_COLUMNS)
    return [[_value(c.value) for c in row[:width]] for row in sheet.iter_rows(max_col=width)]


def _header_row(grid: list[list[str]]) -> int | None:
    for index, row in enumerate(grid):
        roles = [columns.role_of(cell) for cell in row if cell]
        if len([r for r in roles if r]) >= 2:
            return index
    return None


def read(data: bytes, sheet: str | None = None) -> tuple[OfficeDoc, str]:
    """The chosen sheet's paragraphs and plan table, and the sheet's name.

    Without `sheet`, the first sheet with a recognisable table header is taken (or the
    first sheet). Raises KeyError for a sheet that does not exist, TooLarge for a huge one.
    """
    names = sheet_names(data)
    chosen = sheet
    if chosen is not None and chosen not in names:
        raise KeyError(chosen)
    book = None
    candidates = [chosen] if chosen else names
    for name in candidates:
        _bounded_rows(data, name)
        book = book or openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        grid = _grid(book[name])
        if _header_row(grid) is not None or name == candidates[-1]:
            doc = _document(book[name], grid)
            others = [n for n in names if n != name]
            notes = (f"Листы книги, кроме «{name}», не перенесены: {', '.join(others)}.",) if others else ()
            return OfficeDoc(doc.blocks, notes + ("Оформление и формулы не переносятся: перенесены значения "
                                                  "ячеек.",)), name
    raise KeyError(sheet or "")  # unreachable: the last candidate always returns


def _document(sheet, grid: list[list[str]]) -> OfficeDoc:
    name = sheet.title
    header_at = _header_row(grid)
    blocks: list = []
    for index, row in enumerate(grid[:header_at if header_at is not None else len(grid)]):
        text = " ".join(dict.fromkeys(c for c in row if c))
        if text:
            first = next(i for i, c in enumerate(row) if c)
            blocks.append(Paragraph(text, f"{name}!{get_column_letter(first + 1)}{index + 1}", emphasis=True))
    if header_at is None:
        return OfficeDoc(tuple(blocks))
    width = max((i + 1 for i, c in enumerate(grid[header_at]) if c), default=0)
    header = [c.replace("\n", " ") for c in grid[header_at][:width]]
    rows = []
    for index, row in enumerate(grid[header_at + 1:], header_at + 2):
        cells = (row + [""] * width)[:width]
        rows.append(RawRow(None, tuple(to_markdown(c) for c in cells), f"{name}, строка {index}",
                           tuple(f"{name}!{get_column_letter(c + 1)}{index}" for c in range(width))))
    while rows and not any(rows[-1].cells):
        rows.pop()
    raw = RawTable(None, tuple(to_markdown(h) for h in header), tuple(rows), place=name)
    lines = tuple(c for row in grid[header_at:] for c in row if c)
    blocks.append(Table(raw, lines))
    return OfficeDoc(tuple(blocks))
