"""Splitting a Markdown document into its YAML front matter and body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterpages.content.read import yamlload
from clusterpages.values import diagnostics as dg

_FENCE = re.compile(r"^---\s*$")
_END = re.compile(r"^(---|\.\.\.)\s*$")
_KEYLIKE = re.compile(r"^[A-Za-z_][\w-]*\s*:")


@dataclass(frozen=True)
class Document:
    meta: yamlload.Located
    body: str
    body_line: int  # 1-based line of the body's first line in the file


_BODY_START = re.compile(r"^(#{1,6}\s|\||>|\*\*|[А-ЯЁа-яё])")


def _body_guess(lines: list[str]) -> int | None:
    """0-based index of the first line that looks like the Markdown body rather than a field."""
    for i in range(1, len(lines)):
        line = lines[i]
        if not line.strip() or line.startswith((" ", "\t", "- ", "#  ")) or _KEYLIKE.match(line):
            continue
        if _BODY_START.match(line) or (i > 1 and not lines[i - 1].strip()):
            return i
    return None


def split(text: str, file: str) -> tuple[Document | None, list[dg.Diagnostic]]:
    lines = text.split("\n")
    skip = 0
    while skip < len(lines) - 1 and not lines[skip].strip():
        skip += 1  # blank lines before the opening fence are harmless
    if not lines or not _FENCE.match(lines[skip]):
        first = lines[skip] if lines else ""
        if _KEYLIKE.match(first):
            return None, [dg.error("frontmatter.missing", file, skip + 1,
                                   "Нет открывающей строки «---» перед полями документа.",
                                   "Добавьте строку из трёх дефисов «---» в самое начало файла и ещё одну после полей.",
                                   excerpt=first)]
        if re.match(r"^(?:[-—–‒]*[—–‒][-—–‒]*|-{1,2}|-{4,})\s*$", first):  # Word turns «---» into «—»
            return None, [dg.error("frontmatter.missing", file, skip + 1,
                                   f"Строка «{first.strip()}» похожа на начало полей документа, но это не три дефиса.",
                                   "Первая строка файла — ровно три обычных дефиса: «---».", excerpt=first)]
        return None, [dg.error("frontmatter.missing", file, skip + 1,
                               "В начале документа нет полей между строками «---» (title, academic_year и др.).",
                               "Начните файл так:\n---\ntitle: Название\n---\nи затем текст.")]
    for i in range(skip + 1, len(lines)):
        if _END.match(lines[i]):
            meta_text = "\n".join(lines[skip + 1:i])
            located, diags = yamlload.load(meta_text, file, line_offset=skip + 1)
            if located is None:
                return None, diags
            if located.value is None:
                located = yamlload.Located({}, {(): skip + 2})
            if not isinstance(located.value, dict):
                return None, diags + [dg.error("frontmatter.not-mapping", file, skip + 2,
                                               "Поля документа должны быть записаны как «ключ: значение».",
                                               "Например: title: План работы кластера")]
            return Document(located, "\n".join(lines[i + 1:]), i + 2), diags
    body = _body_guess(lines[skip:])
    if body is not None:
        where = skip + body + 1
        return None, [dg.error("frontmatter.unclosed", file, where,
                               f"Поля документа открыты строкой «---» (строка {skip + 1}), но не закрыты: "
                               f"здесь уже начинается текст, а строки «---» перед ним нет.",
                               f"Вставьте строку «---» перед строкой {where}, после последнего поля документа.",
                               excerpt=lines[where - 1])]
    return None, [dg.error("frontmatter.unclosed", file, skip + 1,
                           "Открывающая строка «---» есть, а закрывающей нет.",
                           "Добавьте строку «---» после последнего поля документа, перед текстом.")]
