"""The file-reading edge of the build: the site's files as text, media as a list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import diagnostics as dg
from .sources import SourceFile, read_text

TEXT_SUFFIXES = {".md", ".yaml", ".yml"}


@dataclass(frozen=True)
class Sources:
    config: SourceFile | None
    files: tuple[SourceFile, ...]  # content/**/*.md|yaml, relative to the site root
    media: tuple[str, ...]         # every other file under content/, relative to the site root
    diagnostics: tuple[dg.Diagnostic, ...]


def _walk(folder: Path, root: Path, diags: list[dg.Diagnostic]) -> list[Path]:
    found = []
    resolved_root = root.resolve()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(resolved_root):
                diags.append(dg.error("path.outside", rel, None,
                                      "Символьная ссылка ведёт за пределы папки сайта.",
                                      "Положите сам файл в папку media/ кластера вместо ссылки на него."))
                continue
        if path.is_file():
            found.append(path)
    return found


def load(config_path: Path) -> Sources:
    root = config_path.parent
    diags: list[dg.Diagnostic] = []
    config, sub = read_text(config_path, root)
    diags += sub
    files: list[SourceFile] = []
    media: list[str] = []
    content = root / "content"
    if content.is_dir():
        for path in _walk(content, root, diags):
            if path.suffix.lower() in TEXT_SUFFIXES:
                src, sub = read_text(path, root)
                diags += sub
                if src is not None:
                    files.append(src)
                elif not sub:
                    pass
            else:
                media.append(path.relative_to(root).as_posix())
    else:
        diags.append(dg.error("site.no-content", "content", None, "Нет папки content/ рядом с site_config.yaml.",
                              "Создайте папку content/clusters/ или начните с «python build.py new cluster …»."))
    return Sources(config, tuple(files), tuple(media), tuple(diags))
