"""YAML parser problems in the words a methodist understands: what is wrong, what to write
instead, with the example for the field at hand (pure)."""

from __future__ import annotations

import re

# Every problem libyaml and PyYAML's pure-Python scanner report, in the words a methodist
# understands: (substring of the parser's problem, what is wrong, what to write instead).
_PROBLEMS = (
    ("exceeded maximum nesting depth", "вложенность скобок или отступов слишком глубокая",
     "Упростите структуру: запишите значения списком «- …» с отступом в два пробела."),
    ("mapping values are not allowed", "двоеточие с пробелом внутри значения или неверный отступ",
     "Если в значении есть «: », возьмите всё значение в кавычки: name: \"Кластер: ИТ\". "
     "Если это новое поле, начните его в той же колонке, что и соседние поля."),
    ("could not find expected ':'", "строка не похожа на «ключ: значение»: не найдено двоеточие",
     "Проверьте, что после имени поля стоит двоеточие и пробел: «name: Значение»; "
     "продолжение длинного текста пишите с отступом или возьмите текст в кавычки."),
    ("did not find expected key", "неверный отступ: ожидалось имя поля",
     "Проверьте отступы: поля одного уровня начинаются с одной и той же колонки, вложенные — на два пробела правее."),
    ("expected <block end>", "неверный отступ: ожидалось имя поля",
     "Проверьте отступы: поля одного уровня начинаются с одной и той же колонки, вложенные — на два пробела правее."),
    ("did not find expected '-' indicator", "неверный отступ в списке",
     "Элементы одного списка начинаются с «- » в одной и той же колонке."),
    ("block sequence entries are not allowed", "элемент списка «- » в неожиданном месте",
     "Начните список с новой строки после «поле:», каждый элемент — «- значение» с отступом в два пробела."),
    ("mapping keys are not allowed", "знак «?» в неожиданном месте",
     "Возьмите значение, начинающееся с «?», в кавычки."),
    ("did not find expected ',' or ']'", "не закрыта квадратная скобка «[» списка",
     "Закройте список скобкой «]» в той же строке или запишите элементы с новой строки после «- »."),
    ("did not find expected ',' or '}'", "не закрыта фигурная скобка «{»",
     "Закройте скобку «}» или запишите поля с новой строки с отступом в два пробела."),
    ("expected ',' or ']'", "не закрыта квадратная скобка «[» списка",
     "Закройте список скобкой «]» в той же строке или запишите элементы с новой строки после «- »."),
    ("expected ',' or '}'", "не закрыта фигурная скобка «{»",
     "Закройте скобку «}» или запишите поля с новой строки с отступом в два пробела."),
    ("unexpected end of stream", "файл закончился раньше, чем закрылись кавычки или скобки",
     "Закройте кавычки или скобки, открытые выше."),
    ("found unexpected end", "файл закончился раньше, чем закрылись кавычки или скобки",
     "Закройте кавычки или скобки, открытые выше."),
    ("unexpected document indicator", "строка «---» или «...» внутри значения",
     "Закройте кавычки выше; строку из трёх дефисов внутри текста возьмите в кавычки."),
    ("found undefined alias", "ссылка «*имя» на несуществующий якорь",
     "Символ «*» в начале значения означает ссылку; если это просто текст, возьмите значение в кавычки."),
    ("duplicate anchor", "якорь «&имя» объявлен дважды",
     "Уберите якоря (&имя) и ссылки (*имя): запишите значения явно."),
    ("alphabetic or numeric character", "после «&» или «*» должно идти имя",
     "Символы «&» и «*» в начале значения имеют особый смысл: возьмите значение в кавычки."),
    ("another document", "после данных начинается второй документ («---»)",
     "В файле должен быть один набор полей: уберите лишнюю строку «---»."),
    ("<document start>", "лишний текст после данных (лишняя скобка или строка «...»)",
     "Уберите лишнюю закрывающую скобку или возьмите значение в кавычки."),
    ("document start", "лишний текст после данных (лишняя скобка или строка «...»)",
     "Уберите лишнюю закрывающую скобку или возьмите значение в кавычки."),
    ("tag", "неизвестный тег «!…» перед значением",
     "Символ «!» в начале значения означает тег YAML: возьмите значение в кавычки."),
    ("uri", "неизвестный тег «!…» перед значением",
     "Символ «!» в начале значения означает тег YAML: возьмите значение в кавычки."),
    ("escape", "неверная последовательность с обратной косой чертой «\\» в двойных кавычках",
     "Внутри двойных кавычек «\\» начинает спецсимвол: удвойте её («\\\\») или возьмите значение в одинарные кавычки."),
    ("hexdecimal", "неверная последовательность с обратной косой чертой «\\» в двойных кавычках",
     "Внутри двойных кавычек «\\» начинает спецсимвол: удвойте её («\\\\») или возьмите значение в одинарные кавычки."),
    ("unicode character", "неверный код символа после «\\u» в двойных кавычках",
     "Впишите сам символ вместо кода или возьмите значение в одинарные кавычки."),
    ("directive", "строка, начинающаяся с «%», — служебная команда YAML",
     "Уберите строку или возьмите значение, начинающееся с «%», в кавычки."),
    ("comment or line break", "лишний текст после закрывающей кавычки или скобки",
     "После закрывающей кавычки в строке не должно быть текста: возьмите в кавычки всё значение; "
     "комментарий начинается с « #»."),
    ("expected node content", "не найдено значение",
     "Проверьте, что после «поле:» или «- » стоит значение или вложенные строки с отступом."),
    ("simple key", "строка не похожа на «ключ: значение»",
     "Проверьте, что после имени поля стоит двоеточие и пробел: «name: Значение»."),
    ("control characters", "в тексте есть невидимый управляющий символ",
     "Удалите его (часто попадает при копировании из Word или PDF): перенаберите строку."),
)

_TAB_HINT = "Замените табуляцию пробелами: отступы в полях делаются только пробелами (обычно по два)."
_FIELD = re.compile(r"^\s*(?:-\s+)?([^\s\"'#:\-][^:#]*?):\s+(.*?)\s*$")
# The generic examples of the hints above, replaced by one for the field on the offending line.
_GENERIC = ('name: "Кластер: ИТ"', "name: 'Кластер \"ИТ\" плюс'")


def field_example(row: str) -> str | None:
    """The offending line written right: its value in quotes («title: "План: работа"»)."""
    m = _FIELD.match(row)
    if not m or not m.group(2):
        return None
    key, value = m.group(1), m.group(2)
    if value[:1] in "\"'":
        value = value[1:]
    if value[-1:] in "\"'":
        value = value[:-1]
    if '"' in value:
        return f"{key}: '" + value.replace("'", "''") + "'"
    return f'{key}: "{value}"'


def where_words(file: str, line_offset: int) -> str:
    """«в шапке документа» for a Markdown file's front matter, «в файле cluster.yaml» otherwise."""
    return "в шапке документа" if line_offset or file.endswith(".md") else f"в файле {file.rsplit('/', 1)[-1]}"


def row_of(text: str, line: int | None) -> str:
    """The text of a 1-based line, "" when there is none."""
    rows = text.split("\n")
    return rows[line - 1] if line and 0 < line <= len(rows) else ""


def _char_at(text: str, line: int | None, column: int | None) -> str:
    if not line or not column:
        return ""
    lines = text.split("\n")
    if line - 1 >= len(lines):
        return ""
    row = lines[line - 1]
    return row[column - 1] if 0 < column <= len(row) else ""


def explain(problem: str, text: str = "", line: int | None = None, column: int | None = None
            ) -> tuple[str, str, str]:
    """(code, what is wrong, what to write instead) for a parser's problem at 1-based line/column of `text`."""
    p = problem.lower()
    ch = _char_at(text, line, column)
    row = text.split("\n")[line - 1] if line and text and line - 1 < len(text.split("\n")) else ""
    leading = row[: len(row) - len(row.lstrip(" \t"))]
    if ch == "\t" or "tab character" in p or "'\\t'" in p or ("\t" in leading and "cannot start any token" in p):
        return ("yaml.tab", "символ табуляции в отступе", _TAB_HINT)
    if "cannot start any token" in p:
        shown = ch if ch and ch.isprintable() and not ch.isspace() else "этот символ"
        example = field_example(row) or 'name: "' + (ch if ch.isprintable() else "") + '…"'
        return ("yaml.syntax", f"значение не может начинаться с символа «{shown}»",
                f"Возьмите значение в кавычки: {example}.")
    if ch in ("]", "}") and ("expected key" in p or "block end" in p or "document start" in p):
        return ("yaml.syntax", f"лишняя закрывающая скобка «{ch}»",
                "Уберите лишнюю скобку или возьмите всё значение в кавычки.")
    before = row[: (column or 1) - 1].rstrip()
    if ("expected key" in p or "block end" in p) and before.endswith(("\"", "'")) and ": " in before:
        example = field_example(row) or "name: 'Кластер \"ИТ\" плюс'"
        return ("yaml.syntax", "лишний текст после закрывающей кавычки",
                "Возьмите в кавычки всё значение целиком; кавычку внутри текста пишите как «\\\"» "
                f"или возьмите значение в одинарные кавычки: {example}.")
    for needle, what, hint in _PROBLEMS:
        if needle in p:
            code = "yaml.limit" if needle == "exceeded maximum nesting depth" else "yaml.syntax"
            example = field_example(row)
            if example:
                for generic in _GENERIC:
                    hint = hint.replace(generic, example)
            return code, what, hint
    return ("yaml.syntax", f"строка не читается как «поле: значение» (программа разбора сообщает: «{problem}»)",
            "Проверьте эту строку: отступы пробелами, «поле: значение», кавычки закрыты.")
