"""Safe YAML loading that remembers where every value came from.

PyYAML composes the document into nodes (C loader when available); we construct plain
values ourselves so that each key's line is known, duplicate keys are caught, and
alias bombs or very deep nesting are refused instead of eating CPU and memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from clusterpages.content.read.yamlerrors import explain, field_example, row_of, where_words
from clusterpages.values import diagnostics as dg

Path_ = tuple  # a path into the document: ("leading_college", "name") or ("partners", 2)

MAX_NODES = 200_000
MAX_DEPTH = 40
MAX_ALIASES = 100


@dataclass(frozen=True)
class Located:
    """A YAML document's value and the 1-based line of every path in it."""

    value: Any
    lines: dict  # Path_ -> line

    def line(self, path: Path_, default: int | None = None) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


def _loader_class():
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Limit(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


class _Value(Exception):
    """A scalar that cannot become a value (an unknown tag, a date that does not exist)."""

    def __init__(self, message: str, hint: str, line: int):
        super().__init__(message)
        self.hint = hint
        self.line = line


# Nesting that no content file needs; checked on the text before the parser sees it, so
# neither libyaml (quadratic on very deep blocks) nor the pure-Python composer
# (recursive) ever works on a hostile document.
MAX_TEXT_DEPTH = 100
_BLOCK_SCALAR = re.compile(r"(?:^|[:\-?]\s)\s*[|>][+-]?[0-9]?[+-]?\s*(?:#.*)?$")
_COMPACT = re.compile(r"[-?:](?:\s+|$)")


def text_depth(text: str, limit: int = MAX_TEXT_DEPTH) -> tuple[int, int]:
    """(an upper estimate of the nesting depth, its 1-based line); stops once past `limit`.

    Block nesting is the stack of indentation columns plus compact «- - x» indicators;
    flow nesting counts «[» and «{» outside quotes and comments. Lines of block scalars
    (`|`, `>`) are text and skipped.
    """
    indents: list[int] = []
    flow = 0
    scalar_indent: int | None = None
    deepest, where = 0, 1
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if scalar_indent is not None:
            if not stripped.strip() or indent > scalar_indent:
                continue
            scalar_indent = None
        if not stripped.strip() or stripped.startswith("#"):
            continue
        depth = _block_depth(stripped, indent, indents, limit) if flow == 0 else len(indents)
        quote = ""
        for i, ch in enumerate(stripped):
            if quote:
                if ch == quote:
                    quote = ""
                continue
            if ch in "\"'" and (i == 0 or stripped[i - 1] in " \t[{,:-?"):
                quote = ch
            elif ch == "#" and (i == 0 or stripped[i - 1] in " \t"):
                break
            elif ch in "[{":
                flow += 1
                if depth + flow > deepest:
                    deepest, where = depth + flow, number
                if deepest > limit:
                    return deepest, where
            elif ch in "]}" and flow:
                flow -= 1
        if depth + flow > deepest:
            deepest, where = depth + flow, number
        if deepest > limit:
            return deepest, where
        if flow == 0 and _BLOCK_SCALAR.search(stripped):
            scalar_indent = indent
    return deepest, where


def _block_depth(stripped: str, indent: int, indents: list[int], limit: int) -> int:
    """The block nesting of a line: the open indentation columns (`indents`, updated) plus its
    compact «- - x» indicators."""
    while indents and indents[-1] >= indent:
        indents.pop()
    indents.append(indent)
    depth = len(indents)
    rest = stripped
    while depth <= limit:
        m = _COMPACT.match(rest)
        if not m or rest.startswith(("---", "...")):
            break
        depth += 1
        rest = rest[m.end():]
    return depth


def _reader_position(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


_UNSUPPORTED_TAGS = {"tag:yaml.org,2002:binary", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs",
                     "tag:yaml.org,2002:set"}


def load(text: str, file: str, line_offset: int = 0) -> tuple[Located | None, list[dg.Diagnostic]]:
    """Parse one YAML document. `line_offset` is added to every line (front matter)."""
    node, diags = _compose(text, file, line_offset)
    if diags:
        return None, diags
    if node is None:
        return Located(None, {(): 1 + line_offset}), []
    builder = _Builder(text, file, line_offset)
    try:
        value = builder.build(node, (), 0)
    except _Limit as exc:
        return None, [dg.error("yaml.limit", file, exc.line, str(exc),
                               "Уберите якоря и ссылки (&, *) и слишком глубокую вложенность: запишите значения явно.")]
    except _Value as exc:
        return None, [dg.error("yaml.value", file, exc.line, str(exc), exc.hint,
                               excerpt=row_of(text, exc.line - line_offset))]
    except RecursionError:
        return None, [_too_deep(file, line_offset)]
    return Located(value, builder.lines), builder.diags


def _too_deep(file: str, line_offset: int) -> dg.Diagnostic:
    return dg.error("yaml.limit", file, 1 + line_offset, "Вложенность YAML слишком глубокая.",
                    "Упростите структуру: запишите значения списком «- …» с отступом в два пробела.")


def _compose(text: str, file: str, line_offset: int) -> tuple[object, list[dg.Diagnostic]]:
    """The document's node tree, or the diagnostic of why it cannot be read."""
    depth, depth_line = text_depth(text)
    if depth > MAX_TEXT_DEPTH:
        return None, [dg.error("yaml.limit", file, depth_line + line_offset,
                               f"Вложенность YAML глубже {MAX_TEXT_DEPTH} уровней: такой файл не обрабатывается.",
                               "Упростите структуру: запишите значения списком «- …» с отступом в два пробела, "
                               "без многократно вложенных скобок и отступов.")]
    try:
        return yaml.compose(text, Loader=_loader_class()), []
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, file, line_offset)]
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes, PyYAML in characters: find the character.
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line, col = _reader_position(text, found if found >= 0 else min(exc.position, len(text)))
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return None, [dg.error("yaml.syntax", file, line + line_offset,
                               f"Ошибка {where_words(file, line_offset)}, {dg.position_words(line + line_offset, col)}: "
                               f"недопустимый невидимый символ {char}.",
                               "Удалите его (часто попадает при копировании из Word или PDF): перенаберите строку.",
                               column=col)]
    except yaml.YAMLError as exc:
        code, what, hint = explain(str(exc))
        return None, [dg.error(code, file, 1 + line_offset, f"Ошибка {where_words(file, line_offset)}: {what}.", hint)]
    except RecursionError:
        return None, [_too_deep(file, line_offset)]


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str, line_offset: int) -> dg.Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1) if mark else None
    col = (mark.column + 1) if mark else None
    problem = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
    if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        # the parser notices an unclosed quote where the file ends or the next field breaks it;
        # the person needs the line where the quote was opened
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        row = row_of(text, line)
        quote = row[col - 1] if 0 < col <= len(row) else "\""
        example = field_example(row)
        code, what = "yaml.syntax", f"кавычка «{quote}», открытая здесь, не закрыта"
        hint = (f"Закройте кавычку в конце значения: {example}." if example else
                "Закройте кавычку в конце значения той же кавычкой, которой оно открыто.")
    else:
        code, what, hint = explain(problem, text, line, col)
    at = line + line_offset if line else None
    return dg.error(code, file, at, f"Ошибка {where_words(file, line_offset)}, {dg.position_words(at, col)}: {what}.",
                    hint, column=col, excerpt=row_of(text, line))


class _Builder:
    """Python values from the node tree, with the line of every key, within the limits."""

    def __init__(self, text: str, file: str, line_offset: int):
        self.text, self.file, self.line_offset = text, file, line_offset
        self.lines: dict = {}
        self.diags: list[dg.Diagnostic] = []
        self.nodes = self.aliases = 0
        self.seen_ids: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, n, path, depth):
        line = n.start_mark.line + 1 + self.line_offset
        self._count(n, line, depth)
        self.lines.setdefault(path, line)
        if n.tag in _UNSUPPORTED_TAGS:
            raise _Value(f"Тег «{n.tag.rsplit(':', 1)[-1]}» в YAML не поддерживается.",
                         "Уберите «!!…» перед значением: пишите обычный текст, число или дату.", line)
        if isinstance(n, yaml.MappingNode):
            return self._mapping(n, path, depth)
        if isinstance(n, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(n.value)]
        if isinstance(n, yaml.ScalarNode) and not n.style and n.end_mark.line > n.start_mark.line:
            self._swallowed_item(n)
        return self._scalar(n, line)

    def _count(self, n, line: int, depth: int) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Limit("Документ YAML слишком велик или раздувается ссылками (&якорь / *ссылка).", line)
        if depth > MAX_DEPTH:
            raise _Limit(f"Вложенность YAML глубже {MAX_DEPTH} уровней.", line)
        if id(n) in self.seen_ids:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Limit("Слишком много ссылок (*ссылка) в YAML.", line)
        self.seen_ids.add(id(n))

    def _mapping(self, n, path, depth) -> dict:
        out = {}
        for key_node, value_node in n.value:
            key_line = key_node.start_mark.line + 1 + self.line_offset
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Limit("Слияние ключей «<<:» не поддерживается.", key_line)
            key = self.build(key_node, path + ("<key>",), depth + 1)
            if isinstance(key, (list, dict)):
                raise _Value("Имя поля записано как список или набор полей.",
                             "Имя поля — простое слово перед двоеточием: «name: Значение».", key_line)
            key = str(key) if not isinstance(key, str) else key
            if key in out:
                self.diags.append(dg.error("yaml.duplicate-key", self.file, key_line,
                                           f"Поле «{key}» встречается дважды; учитывалось бы только последнее.",
                                           "Удалите лишнее повторение или объедините значения.",
                                           column=key_node.start_mark.column + 1,
                                           excerpt=row_of(self.text, key_node.start_mark.line + 1)))
            self.lines[path + (key,)] = key_line
            out[key] = self.build(value_node, path + (key,), depth + 1)
        self.lines.pop(path + ("<key>",), None)
        return out

    def _scalar(self, n, line: int):
        try:
            return self.constructor.construct_object(n, deep=True)
        except yaml.constructor.ConstructorError as exc:
            if "could not determine a constructor" in str(exc):
                raise _Value(f"Неизвестный тег «{n.tag.replace('tag:yaml.org,2002:', '!!')}» перед значением.",
                             "Символ «!» в начале значения означает тег YAML: возьмите значение в кавычки.", line) from None
            raise _Value(f"Значение «{n.value}» не читается.", "Возьмите значение в кавычки.", line) from None
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            value = str(n.value)
            if n.tag.endswith(":timestamp"):
                raise _Value(f"Даты «{value}» не существует ({exc}).",
                             "Проверьте день и месяц; дату пишут как год-месяц-день: 2022-12-20.", line) from None
            if n.tag.endswith((":int", ":float")):
                raise _Value(f"Число «{value[:40]}{'…' if len(value) > 40 else ''}» не читается.",
                             "Запишите число обычной записью (например 1250) или возьмите значение в кавычки.",
                             line) from None
            raise _Value(f"Значение «{value[:60]}» не читается.", "Возьмите значение в кавычки.", line) from None

    def _swallowed_item(self, n) -> None:
        """A «- item» indented deeper than its neighbours is read as the end of the previous
        value («a - b»): say so instead of publishing the glued text."""
        rows = self.text.split("\n")
        for k in range(n.start_mark.line + 1, min(n.end_mark.line + 1, len(rows))):
            row = rows[k]
            if row.lstrip().startswith("- "):
                at = k + 1 + self.line_offset
                col = len(row) - len(row.lstrip()) + 1
                prev = rows[n.start_mark.line]
                want = len(prev) - len(prev.lstrip())
                self.diags.append(dg.error(
                    "yaml.list-indent", self.file, at,
                    f"Ошибка {where_words(self.file, self.line_offset)}, {dg.position_words(at, col)}: элемент "
                    f"списка «- » сдвинут правее предыдущего и приклеился к нему: получилось одно значение "
                    f"«{n.value[:60]}».",
                    f"Начните «- » в той же колонке, что и предыдущий элемент (с {want + 1}-го знака строки).",
                    column=col, excerpt=row))
                return
