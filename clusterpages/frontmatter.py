"""Splitting a Markdown document into its YAML front matter and body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import diagnostics as dg
from . import yamlload

_FENCE = re.compile(r"^---\s*$")
_END = re.compile(r"^(---|\.\.\.)\s*$")
_KEYLIKE = re.compile(r"^[A-Za-z_][\w-]*\s*:")


@dataclass(frozen=True)
class Document:
    meta: yamlload.Located
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def split(text: str, file: str) -> tuple[Document | None, list[dg.Diagnostic]]:
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        if lines and _KEYLIKE.match(lines[0]):
            return None, [dg.error("frontmatter.missing", file, 1,
                                   "Нет открывающей строки «---» перед полями документа.",
                                   "Добавьте строку из трёх дефисов «---» в самое начало файла и ещё одну после полей.")]
        return None, [dg.error("frontmatter.missing", file, 1,
                               "В начале документа нет полей между строками «---» (title, academic_year и др.).",
                               "Начните файл так:\n---\ntitle: Название\n---\nи затем текст.")]
    for i in range(1, len(lines)):
        if _END.match(lines[i]):
            meta_text = "\n".join(lines[1:i])
            located, diags = yamlload.load(meta_text, file, line_offset=1)
            if located is None:
                return None, diags
            if located.value is None:
                located = yamlload.Located({}, {(): 2})
            if not isinstance(located.value, dict):
                return None, diags + [dg.error("frontmatter.not-mapping", file, 2,
                                               "Поля документа должны быть записаны как «ключ: значение».",
                                               "Например: title: План работы кластера")]
            return Document(located, "\n".join(lines[i + 1:]), i + 2), diags
    return None, [dg.error("frontmatter.unclosed", file, 1,
                           "Открывающая строка «---» есть, а закрывающей нет.",
                           "Добавьте строку «---» после последнего поля документа, перед текстом.")]
