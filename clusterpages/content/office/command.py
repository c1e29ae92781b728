"""The file edge of `build.py import`: read the office file, write the Markdown, report."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from clusterpages import diagnostics as dg
from clusterpages.content.academic import AcademicYear
from clusterpages.content.office.importer import office_to_markdown
from clusterpages.content.office.package import MAX_FILE_BYTES
from clusterpages.diagnostics import EXIT_CONTENT, EXIT_OK, EXIT_USAGE

_NAME = re.compile(r"(?:media-plan|plan)-(\d{4})-(\d{4})")


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def run(config: Path, source: Path, cluster: str, name: str | None, sheet: str | None, force: bool) -> int:
    if source.suffix.lower() not in (".docx", ".xlsx"):
        _say(f"«{source}» — не файл Word (.docx) или Excel (.xlsx). Старые .doc и .xls сохраните заново "
             "в новом формате («Файл» → «Сохранить как»).")
        return EXIT_USAGE
    stem = name or source.stem
    m = _NAME.fullmatch(stem)
    if m is None:
        _say(f"По имени «{source.name}» не понять, какой это документ. Укажите его: --as plan-2022-2023 "
             "(или --as media-plan-2022-2023).")
        return EXIT_USAGE
    folder = config.parent / "content" / "clusters" / cluster
    if not (folder / "cluster.yaml").is_file():
        _say(f"Нет кластера «{cluster}»: не найден {folder / 'cluster.yaml'}. Создайте его командой "
             f"«python build.py new cluster {cluster} --name \"…\"».")
        return EXIT_USAGE
    target = folder / f"{stem}.md"
    if target.exists() and not force:
        _say(f"Файл {target} уже есть. Добавьте --force, чтобы перезаписать его.")
        return EXIT_USAGE
    try:
        with source.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _say(f"Файл «{source}» не читается: {exc.strerror or exc}.")
        return EXIT_USAGE
    year = AcademicYear(int(m.group(1)))
    imported, diags = office_to_markdown(data, source.name, year, sheet)
    for d in diags:
        _say(dg.format_text(d))
    if imported is None:
        return EXIT_CONTENT
    target.write_text(imported.markdown, encoding="utf-8", newline="\n")
    _say(f"Записан {target}.")
    if imported.notes:
        _say("Не перенесено или перенесено иначе:")
        for note in imported.notes:
            _say(f"  • {note}")
    twins = [p for p in folder.glob(f"{stem}.*") if p.suffix.lower() in (".docx", ".xlsx")]
    if twins:
        _say(f"В папке кластера остался {twins[0].name}: у документа теперь два источника. Удалите один из них "
             "или перенесите исходный файл в другое место.")
    return EXIT_OK
