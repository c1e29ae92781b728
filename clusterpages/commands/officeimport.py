"""The file edge of `build.py import`: read the office file and its sidecar, write the Markdown, report.

The sidecar is the plan's .yaml (`plan-2022-2023.yaml`): the one beside the imported file, or
else the one in the cluster folder under the document's name. Its fields go into the Markdown.
Nothing is deleted or moved: the command names every file that, once the Markdown exists, must
leave the cluster folder (the Word or Excel file and its sidecar — both, since a sidecar left
alone is no part of any document) and says that all they held is now in the Markdown.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from clusterpages.commands.officemarkdown import office_to_markdown
from clusterpages.content.documents.office.plan import read_sidecar
from clusterpages.content.read.office.package import MAX_FILE_BYTES
from clusterpages.content.read.sources import read_text
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs
from clusterpages.values.academic import AcademicYear
from clusterpages.values.diagnostics import EXIT_CONTENT, EXIT_OK, EXIT_USAGE

_NAME = re.compile(r"(?:media-plan|plan)-(\d{4})-(\d{4})")


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _shown(path: Path, config: Path) -> str:
    """The path as the person sees it in the site's folder, or in full when it is elsewhere."""
    try:
        return path.resolve().relative_to(config.parent.resolve()).as_posix()
    except ValueError:
        return str(path)


def _missing(source: Path) -> str | None:
    if not source.exists():
        return (f"Файл не найден: {source}. Проверьте путь и имя файла (если в имени есть пробелы, заключите его "
                "в кавычки).")
    if not source.is_file():
        return f"{source} — это папка, а не файл. Укажите сам файл .docx или .xlsx."
    return None


def _sidecar_path(source: Path, folder: Path, stem: str) -> tuple[Path | None, str]:
    """The sidecar to carry (None without one), or a problem when two different ones could be meant."""
    found = {p.resolve(): p for p in (source.with_name(f"{source.stem}.yaml"), folder / f"{stem}.yaml") if p.is_file()}
    if len(found) > 1:
        first, second = found.values()
        return None, (f"У документа два описания: {first} и {second}. Оставьте одно (перенесите нужные поля в него), "
                      "чтобы ничего не потерялось, и повторите команду.")
    return next(iter(found.values()), None), ""


def _sidecar(path: Path | None, config: Path) -> tuple[dict | None, list[dg.Diagnostic]]:
    """The sidecar's fields ({} without one; its comments counted in "#"), or None with what is wrong."""
    if path is None:
        return {}, []
    inside = _shown(path, config) != str(path)
    src, diags = read_text(path.resolve(), (config.parent if inside else path.parent).resolve())
    if src is None:
        return None, diags
    data, sub = read_sidecar(src.text, src.rel)
    if data is None or dg.fails(sub, strict=False):
        return None, diags + sub
    comments = sum(1 for line in src.text.splitlines() if line.lstrip().startswith("#"))
    return {**data, "#": comments}, diags + sub


def _target(config: Path, source: Path, cluster: str, name: str | None) -> tuple[Path | None, str]:
    """The Markdown file to write, or None with what to tell the person."""
    if source.suffix.lower() not in (".docx", ".xlsx"):
        return None, (f"«{source}» — не файл Word (.docx) или Excel (.xlsx). Старые .doc и .xls сохраните заново "
                      "в новом формате («Файл» → «Сохранить как»).")
    stem = name or source.stem
    if _NAME.fullmatch(stem) is None:
        return None, (f"По имени «{source.name}» не понять, какой это документ. Укажите его: --as plan-2022-2023 "
                      "(или --as media-plan-2022-2023).")
    folder = inputs.on_disk(config.parent, inputs.cluster(cluster))
    if not (folder / "cluster.yaml").is_file():
        return None, (f"Нет кластера «{cluster}»: не найден {folder / 'cluster.yaml'}. Создайте его командой "
                      f"«python build.py new cluster {cluster} --name \"…\"».")
    return folder / f"{stem}.md", ""


def _leftovers(target: Path, config: Path, carried: set[Path]) -> None:
    """Name the files that must leave the cluster folder now that the Markdown holds what they said."""
    left = [p for p in sorted(target.parent.glob(f"{target.stem}.*")) if p.suffix.lower() in (".docx", ".xlsx", ".yaml")]
    done = [p for p in left if p.resolve() in carried]
    if done:
        names = " и ".join(_shown(p, config) for p in done)
        _say(f"В папке кластера остались {names}: всё, что в {'них' if len(done) > 1 else 'нём'} было, теперь в "
             f"{target.name}. Перенесите {'их' if len(done) > 1 else 'его'} из папки кластера (например, в папку "
             "«Архив» вне content/) или удалите — иначе у документа будет два источника и сборка остановится.")
    for p in left:
        if p not in done:
            _say(f"В папке кластера есть и {_shown(p, config)}: эта команда его не переносила. Перенесите в "
                 f"{target.name} то, что в нём нужно, и уберите его из папки кластера.")


def run(config: Path, source: Path, cluster: str, name: str | None, sheet: str | None, force: bool) -> int:
    problem = _missing(source)
    target, problem = (None, problem) if problem else _target(config, source, cluster, name)
    if target is None:
        _say(problem)
        return EXIT_USAGE
    if target.exists() and not force:
        _say(f"Файл {target} уже есть. Добавьте --force, чтобы перезаписать его.")
        return EXIT_USAGE
    try:
        with source.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _say(f"Файл «{source}» не читается: {exc.strerror or exc}.")
        return EXIT_USAGE
    sidecar_path, problem = _sidecar_path(source, target.parent, target.stem)
    if problem:
        _say(problem)
        return EXIT_USAGE
    sidecar, diags = _sidecar(sidecar_path, config)
    imported = None
    if sidecar is not None:
        year = AcademicYear(int(_NAME.fullmatch(target.stem).group(1)))
        sidecar_name = _shown(sidecar_path, config) if sidecar_path else ""
        imported, sub = office_to_markdown(data, source.name, year, sheet, sidecar, sidecar_name)
        diags += sub
    for d in diags:
        _say(dg.format_text(d))
    if imported is None:
        return EXIT_CONTENT
    target.write_text(imported.markdown, encoding="utf-8", newline="\n")
    _say(f"Записан {target}.")
    notes = list(imported.notes)
    if sidecar.get("#"):
        notes.append(f"Комментарии из {sidecar_name} (строки с «#»: {sidecar['#']}) не перенесены: впишите нужные "
                     f"в {target.name} сами.")
    if notes:
        _say("Не перенесено или перенесено иначе:")
        for note in notes:
            _say(f"  • {note}")
    _leftovers(target, config, {p.resolve() for p in (source, sidecar_path) if p})
    return EXIT_OK
