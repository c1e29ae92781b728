"""`build.py new plan SLUG --year 2023-2024` (and `new media-plan`): next year's document from
this year's, written beside it as Markdown, with a short report of what was carried.

The edge of `content.nextyear`: it loads the site (so a Word or Excel plan is read like a
Markdown one), finds the cluster's document of the year before, writes the new file and says
what it did. Nothing is overwritten without --force. It writes Markdown, or
Word or Excel with its companion .yaml (--format docx|xlsx, or «same» as last year's file).
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from pathlib import Path

from clusterpages.values import inputs
from clusterpages.values.academic import AcademicYear
from clusterpages.values.diagnostics import EXIT_CONTENT, EXIT_OK, EXIT_USAGE

_YEAR = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")
_NAMES = {"plan": "план работы", "media-plan": "медиаплан"}


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _year(text: str | None) -> AcademicYear | None:
    m = _YEAR.match((text or "").strip())
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        return None
    return AcademicYear(int(m.group(1)))


def _numbers(items) -> str:
    shown = [f"п. {i.number}" if i.number else f"«{i.title_text}»" for i in items]
    return ", ".join(shown[:12]) + (" …" if len(shown) > 12 else "")


def report(kind: str, old, new_path: Path, carried) -> list[str]:
    """What the command tells the methodist."""
    lines = [f"Создан {_NAMES[kind]}: {new_path}",
             f"Перенесено из {old.file} незавершённых пунктов: {len(carried.carried)}"
             + (f" ({_numbers(carried.carried)})" if carried.carried else "") + "."]
    for why in sorted({w for _, w in carried.left}):
        rows = [i for i, w in carried.left if w == why]
        lines.append(f"Оставлено в старом плане ({why}): {len(rows)} ({_numbers(rows)}).")
    lines.append("Впишите в новый план дату утверждения (блок approved), проверьте сроки перенесённых пунктов "
                 "и добавьте новые мероприятия. В старом плане эти пункты будут показаны как «перенесено в план».")
    return lines


def sidecar(carried) -> str:
    """The companion .yaml of a Word or Excel plan: what the document itself does not say."""
    y = carried.year
    return (f"# Сведения о плане, которых нет в самом файле.\nacademic_year: {y.first}-{y.first + 1}\n"
            "version: 1\nchanges: []\n")


def xlsx(carried) -> bytes:
    """The new plan as an Excel book: the title and the «УТВЕРЖДАЮ» block to fill above the table,
    a merged row per section — as the Excel reader expects a plan."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "План"
    width = max(len(sh.headers) for sh in carried.sheets)
    head = ["УТВЕРЖДАЮ", carried.approval[0], f"____________ {carried.approval[1]}",
            f"«___» ____________ {carried.year.first} г.", "", carried.title]
    for line in head:
        ws.append([line])
        if line:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
            ws.cell(ws.max_row, 1).font = Font(bold=True)
    for sheet in carried.sheets:
        ws.append([])
        if sheet.section:
            ws.append([sheet.section])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
        ws.append(list(sheet.headers))
        for cell in ws[ws.max_row]:
            cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        for row in sheet.rows:
            ws.append(list(row))
    for column, w in zip("ABCDEFGHIJKLMN", (6, 50, 18, 24, 24, 28, 16, 28)):
        ws.column_dimensions[column].width = w
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx(carried) -> bytes:
    """The new plan as a Word document: «УТВЕРЖДАЮ» to sign, the title in bold, the tables."""
    import io

    import docx as python_docx

    document = python_docx.Document()
    for line in ("УТВЕРЖДАЮ", carried.approval[0], f"____________ {carried.approval[1]}",
                 f"«___» ____________ {carried.year.first} г."):
        document.add_paragraph(line)
    document.add_paragraph().add_run(carried.title).bold = True
    for sheet in carried.sheets:
        if sheet.section:
            document.add_paragraph().add_run(sheet.section).bold = True
        table = document.add_table(rows=1, cols=len(sheet.headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, sheet.headers):
            cell.text = header
        for row in sheet.rows:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _write(target: Path, carried, fmt: str) -> list[Path]:
    """Write the new document in `fmt` (md, docx, xlsx); a Word or Excel one gets its .yaml."""
    if fmt == "md":
        target.write_text(carried.text, encoding="utf-8", newline="\n")
        return [target]
    document = target.with_suffix("." + fmt)
    document.write_bytes(docx(carried) if fmt == "docx" else xlsx(carried))
    companion = target.with_suffix(".yaml")
    companion.write_text(sidecar(carried), encoding="utf-8", newline="\n")
    return [document, companion]


def run(config: Path, kind: str, cluster: str, year_text: str | None, as_of: _dt.date | None, force: bool,
        fmt: str = "md") -> int:
    from clusterpages import pipeline
    from clusterpages.content.facts import nextyear
    from clusterpages.content.read.config import fallback_as_of

    year = _year(year_text)
    if year is None:
        _say(f"Укажите учебный год нового плана: --year 2023-2024 (написано: «{year_text or ''}»).")
        return EXIT_USAGE
    site, diags = pipeline.prepare(config, as_of, fallback_as_of())
    if site is None:
        for d in diags:
            _say(str(d))
        _say("Сайт не загрузился: исправьте ошибки выше и повторите.")
        return EXIT_CONTENT
    earlier = sorted((p for p in site.plans if p.cluster == cluster and p.kind == kind and p.year.first < year.first),
                     key=lambda p: p.year.first)
    if not earlier:
        known = sorted({p.cluster for p in site.plans})
        _say(f"У кластера «{cluster}» нет документа «{kind}» за годы до {year.label('dash')}: не из чего переносить. "
             f"Кластеры с планами: {', '.join(known)}.")
        return EXIT_USAGE
    old = earlier[-1]
    target = inputs.on_disk(config.parent, inputs.cluster(cluster)) / inputs.yearly(kind, year.first)
    others = [target.with_suffix(ext) for ext in (".md", ".docx", ".xlsx", ".yaml") if target.with_suffix(ext).exists()]
    if others and not force:
        _say(f"Файл {others[0]} уже есть: новый план не записан. Чтобы заменить его, добавьте --force.")
        return EXIT_USAGE
    if fmt == "same":
        fmt = old.original.rsplit(".", 1)[-1] if old.original else "md"
    carried = nextyear.carry(old, year)
    for path in others:   # --force: the old files of this name go, so that one document stays
        path.unlink()
    written = _write(target, carried, fmt)
    for line in report(kind, old, written[0], carried):
        _say(line)
    return EXIT_OK
