"""Safe YAML loading that remembers where every value came from.

PyYAML composes the document into nodes (C loader when available); we construct plain
values ourselves so that each key's line is known, duplicate keys are caught, and
alias bombs or very deep nesting are refused instead of eating CPU and memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from . import diagnostics as dg

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


def _yaml_hint(problem: str) -> str:
    p = problem.lower()
    if "\\t" in p or "tab" in p:
        return "Замените символы табуляции пробелами: отступы в YAML делаются только пробелами (обычно по два)."
    if "mapping values are not allowed" in p:
        return ("После двоеточия в значении нужен перенос или кавычки: возьмите значение в кавычки, "
                "например name: \"Кластер: ИТ\".")
    if "could not find expected ':'" in p or "simple key" in p:
        return "Проверьте, что после имени поля стоит двоеточие и пробел: «name: Значение»."
    if "did not find expected key" in p or "expected <block end>" in p:
        return "Проверьте отступы: поля одного уровня начинаются с одной и той же колонки."
    if "found undefined alias" in p:
        return "Ссылка *имя указывает на несуществующий якорь &имя."
    if "unexpected end of stream" in p or "found unexpected end" in p:
        return "Закройте кавычки или скобки, открытые выше."
    if "found character" in p and "cannot start any token" in p:
        return "Символы @ и ` не могут начинать значение: возьмите значение в кавычки."
    return "Проверьте синтаксис YAML в этой строке: отступы пробелами, «ключ: значение», кавычки закрыты."


def _problem_ru(problem: str) -> str:
    table = {
        "mapping values are not allowed here": "двоеточие в неожиданном месте",
        "found character '\\t' that cannot start any token": "символ табуляции",
        "could not find expected ':'": "не найдено двоеточие после имени поля",
        "did not find expected key": "неверный отступ: ожидалось имя поля",
        "expected <block end>, but found '<block sequence start>'": "неверный отступ у элемента списка",
        "found unexpected end of stream": "файл закончился раньше, чем закрылись кавычки или скобки",
        "found undefined alias": "ссылка на неизвестный якорь",
        "while scanning a simple key": "строка не похожа на «ключ: значение»",
    }
    for key, value in table.items():
        if key in problem:
            return value
    return problem


def load(text: str, file: str, line_offset: int = 0) -> tuple[Located | None, list[dg.Diagnostic]]:
    """Parse one YAML document. `line_offset` is added to every line (front matter)."""
    try:
        node = yaml.compose(text, Loader=_loader_class())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else None
        col = (mark.column + 1) if mark else None
        problem = exc.problem or str(exc)
        return None, [dg.error("yaml.syntax", file, line, f"Ошибка в YAML: {_problem_ru(problem)}.",
                               _yaml_hint(problem), column=col)]
    except yaml.YAMLError as exc:
        return None, [dg.error("yaml.syntax", file, None, f"Ошибка в YAML: {exc}.", _yaml_hint(str(exc)))]
    if node is None:
        return Located(None, {(): 1 + line_offset}), []
    lines: dict = {}
    diags: list[dg.Diagnostic] = []
    state = {"nodes": 0, "aliases": 0}
    seen_ids: set[int] = set()
    constructor = yaml.constructor.SafeConstructor()

    def build(n, path, depth):
        state["nodes"] += 1
        line = n.start_mark.line + 1 + line_offset
        if state["nodes"] > MAX_NODES:
            raise _Limit("Документ YAML слишком велик или раздувается ссылками (&якорь / *ссылка).", line)
        if depth > MAX_DEPTH:
            raise _Limit(f"Вложенность YAML глубже {MAX_DEPTH} уровней.", line)
        if id(n) in seen_ids:
            state["aliases"] += 1
            if state["aliases"] > MAX_ALIASES:
                raise _Limit("Слишком много ссылок (*ссылка) в YAML.", line)
        seen_ids.add(id(n))
        lines.setdefault(path, line)
        if isinstance(n, yaml.MappingNode):
            out = {}
            for key_node, value_node in n.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Limit("Слияние ключей «<<:» не поддерживается.", key_node.start_mark.line + 1 + line_offset)
                key = build(key_node, path + ("<key>",), depth + 1)
                if isinstance(key, (list, dict)):
                    raise _Limit("Ключ YAML должен быть простым значением.", key_node.start_mark.line + 1 + line_offset)
                key = str(key) if not isinstance(key, str) else key
                key_line = key_node.start_mark.line + 1 + line_offset
                if key in out:
                    diags.append(dg.error("yaml.duplicate-key", file, key_line,
                                          f"Поле «{key}» встречается дважды; учитывалось бы только последнее.",
                                          "Удалите лишнее повторение или объедините значения."))
                lines[path + (key,)] = key_line
                out[key] = build(value_node, path + (key,), depth + 1)
            lines.pop(path + ("<key>",), None)
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, path + (i,), depth + 1) for i, item in enumerate(n.value)]
        try:
            return constructor.construct_object(n, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            raise _Limit(f"Значение не читается: {exc}.", line) from None

    try:
        value = build(node, (), 0)
    except _Limit as exc:
        return None, [dg.error("yaml.limit", file, exc.line, str(exc),
                               "Уберите якоря и ссылки (&, *) и слишком глубокую вложенность: запишите значения явно.")]
    except RecursionError:
        return None, [dg.error("yaml.limit", file, None, "Вложенность YAML слишком глубокая.",
                               "Упростите структуру файла.")]
    return Located(value, lines), diags
