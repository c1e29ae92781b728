"""The file-reading edge of the build: the site's files as text, media as a list."""

from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Container, Iterable

from clusterpages.content.read.office.package import MAX_FILE_BYTES
from clusterpages.content.read.sources import OFFICE_SUFFIXES, SourceFile, read_office, read_text
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs

TEXT_SUFFIXES = {".md", ".yaml", ".yml"}
_OFFICE_PLAN = re.compile(r"(?:media-plan|plan)-\d{4}-\d{4}\.(?:docx|xlsx)", re.IGNORECASE)


@dataclass(frozen=True)
class Sources:
    config: SourceFile | None
    files: tuple[SourceFile, ...]  # content/**/*.md|yaml, plans as .docx|.xlsx, relative to the site root
    media: tuple[str, ...]         # every other file under content/, relative to the site root
    diagnostics: tuple[dg.Diagnostic, ...]


def _walk(folder: Path, root: Path, diags: list[dg.Diagnostic]) -> list[tuple[str, str]]:
    """(path, path from the site root) of every file under `folder`, hidden ones (and those in hidden
    folders) left out, in the order of their paths' parts (as pathlib sorts paths). One listing of
    each folder tells files, folders and links apart: no stat of each file, no path objects (a
    site of 10,000 pages was a third of its loading time in pathlib)."""
    found: list[tuple[tuple[str, ...], str, str]] = []
    resolved_content = folder.resolve()
    start = folder.relative_to(root).parts

    def visit(directory: str, parts: tuple[str, ...]) -> None:
        try:
            entries = list(os.scandir(directory))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            here = parts + (entry.name,)
            try:
                if entry.is_symlink():
                    _linked(Path(entry.path), "/".join(here), resolved_content, diags, found, here)
                elif entry.is_dir(follow_symlinks=False):
                    visit(entry.path, here)
                elif entry.is_file(follow_symlinks=False):
                    found.append((tuple(map(os.path.normcase, here)), entry.path, "/".join(here)))
            except OSError:
                continue
    visit(str(folder), start)
    return [(path, rel) for _, path, rel in sorted(found)]


def _linked(path: Path, rel: str, resolved_content: Path, diags: list[dg.Diagnostic], found: list,
            parts: tuple[str, ...]) -> None:
    """A symbolic link: kept when it is a file's inside content/ (not hidden), else said why not."""
    # A link may only point at another published file: inside content/, not hidden.
    target = path.resolve()
    inside = target.is_relative_to(resolved_content) and not any(
        part.startswith(".") for part in target.relative_to(resolved_content).parts)
    if not inside:
        diags.append(dg.error("path.outside", rel, None,
                              "Символьная ссылка ведёт за пределы папки content/ — такой файл не публикуется.",
                              "Положите сам файл в папку media/ кластера вместо ссылки на него."))
        return
    if path.is_file():
        found.append((tuple(map(os.path.normcase, parts)), str(path), rel))


# An SVG opened by itself runs its scripts with the site's rights (an <img> does not).
_SVG_ACTIVE = re.compile(rb"<\s*script\b|<\s*foreignObject\b|\bon[a-z]+\s*=|javascript\s*:|<\s*iframe\b|"
                         rb"<\s*embed\b|<\s*object\b|<!ENTITY", re.IGNORECASE)
MAX_SVG_BYTES = 2_000_000


def _check_svg(path: Path, rel: str) -> list[dg.Diagnostic]:
    try:
        if path.suffix.lower() == ".svgz":
            with gzip.open(path, "rb") as fh:
                data = fh.read(MAX_SVG_BYTES)
        else:
            data = path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return [dg.error("file.unreadable", rel, None, f"Файл не читается: {getattr(exc, 'strerror', None) or exc}.",
                         "Проверьте, что файл существует и доступен для чтения.")]
    m = _SVG_ACTIVE.search(data[:MAX_SVG_BYTES])
    if m is None:
        return []
    line = data[: m.start()].count(b"\n") + 1
    found = m.group(0).decode("utf-8", "replace").strip()
    return [dg.error("media.svg-active", rel, line,
                     f"В SVG-картинке есть активное содержимое («{found}»): открытая отдельно, она выполнила бы "
                     "скрипт на сайте колледжа.",
                     "Сохраните картинку без скриптов и обработчиков (в Inkscape: «Сохранить как» → "
                     "«Оптимизированный SVG»; в Illustrator: «Экспорт» → SVG) или сохраните её в PNG.")]


def _is_source(rel: str) -> bool:
    """A file the site is made from (the rest of content/ is media, copied as it is)."""
    name = rel.rpartition("/")[2]
    suffix = os.path.splitext(name)[1].lower()
    return suffix in TEXT_SUFFIXES or (suffix in OFFICE_SUFFIXES and _OFFICE_PLAN.fullmatch(name) is not None)


def _read(path: Path | str, root: Path, decoded: Container[str] = (),
          rel: str | None = None) -> tuple[SourceFile | None, list[dg.Diagnostic]]:
    if os.path.splitext(path)[1].lower() in OFFICE_SUFFIXES:
        return read_office(Path(path), root, MAX_FILE_BYTES)
    return read_text(path, root, decoded, rel=rel)


def load(config_path: Path, decoded: Container[str] = ()) -> Sources:
    """The site's sources; a text file whose digest is in `decoded` (a file the last build read
    cleanly had the same bytes) is decoded only when its text is read (sources.read_text)."""
    root = config_path.parent
    diags: list[dg.Diagnostic] = []
    config, sub = read_text(config_path, root, decoded)
    diags += sub
    files: list[SourceFile] = []
    media: list[str] = []
    content = inputs.on_disk(root, inputs.CONTENT)
    if content.is_dir():
        for path, rel in _walk(content, root, diags):
            if _is_source(rel):
                src, sub = _read(path, root, decoded, rel)
                diags += sub
                if src is not None:
                    files.append(src)
            else:
                if os.path.splitext(rel)[1].lower() in (".svg", ".svgz"):
                    problems = _check_svg(Path(path), rel)
                    if problems:
                        diags += problems
                        continue
                media.append(rel)
    else:
        diags.append(dg.error("site.no-content", inputs.CONTENT, None, "Нет папки content/ рядом с site_config.yaml.",
                              "Создайте папку content/clusters/ или начните с «python build.py new cluster …»."))
    return Sources(config, tuple(files), tuple(media), tuple(diags))


def reload(previous: Sources, config_path: Path, changed: Iterable[Path]) -> Sources | None:
    """`previous` with the `changed` files read again, when every change is an edit of a content
    file it holds and reads cleanly; None when only a full `load` can tell (a file added, removed
    or unreadable, media, the config, anything else)."""
    root = config_path.parent
    index = {f.rel: n for n, f in enumerate(previous.files)}
    files = list(previous.files)
    for path in changed:
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            return None
        if rel not in index or path.is_symlink() or not path.is_file():
            return None
        src, diags = _read(path, root)
        if src is None or diags:
            return None
        files[index[rel]] = src
    return Sources(previous.config, tuple(files), previous.media, previous.diagnostics)
