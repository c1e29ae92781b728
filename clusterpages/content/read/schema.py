"""Declared schemas for the config, cluster files and front matter.

A schema is a mapping of field names to `Field`s. `validate` returns the cleaned value
(dates parsed, defaults filled) and every diagnostic at once: missing required fields,
wrong types, unknown keys with a "did you mean" hint.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from clusterpages.content.read.yamlload import Located
from clusterpages.values import diagnostics as dg

_TYPE_RU = {
    "str": "текст", "int": "целое число", "number": "число", "bool": "да/нет (true/false)",
    "date": "дата", "list": "список", "map": "набор полей", "scalar": "значение",
}
_TYPE_EXAMPLE = {
    "str": "текст в кавычках, например \"Томск\"", "int": "число, например 2",
    "number": "число, например 1250 или 12.5", "bool": "true или false",
    "date": "дату в виде год-месяц-день, например 2022-12-20", "list": "список, каждый элемент с новой строки после «- »",
    "map": "вложенные поля с отступом в два пробела", "scalar": "одно значение",
}


@dataclass(frozen=True)
class Field:
    type: str
    required: bool = False
    doc: str = ""
    schema: Mapping[str, "Field"] | None = None  # for map, or list of maps
    item: str | None = None                       # for list of scalars
    choices: tuple = ()
    default: Any = None


Schema = Mapping[str, Field]
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")


def parse_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?", text)
        try:
            if m:
                return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
            if m:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def _check_scalar(kind: str, value: Any) -> tuple[bool, Any]:
    if kind == "str":
        if isinstance(value, bool) or isinstance(value, (dict, list)) or value is None:
            return False, None
        if isinstance(value, (_dt.date, _dt.datetime)):
            return True, value.isoformat()
        return True, str(value)
    if kind == "int":
        return (isinstance(value, int) and not isinstance(value, bool)), value
    if kind == "number":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return math.isfinite(value), value
        if isinstance(value, str):
            try:
                num = float(value.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
            except ValueError:
                return False, None
            if not math.isfinite(num):
                return False, None
            return True, int(num) if num.is_integer() else num
        return False, None
    if kind == "bool":
        return isinstance(value, bool), value
    if kind == "date":
        parsed = parse_date(value)
        return parsed is not None, parsed
    if kind == "scalar":
        return not isinstance(value, (dict, list)) and value is not None, value
    raise ValueError(kind)


# Text in YAML is shown as text (the templates escape it), so HTML in it never runs; but a
# value that looks like HTML is almost always pasted from somewhere and will show its tags.
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)(?=[\s/>])[^<>]*>|<\s*(script|iframe|frame|img|svg|object|embed|style|"
                  r"link|meta|base|form|input|body|html|math|video|audio|applet|textarea|button|select|a)\b",
                  re.IGNORECASE)
_MARKUP = re.compile(r"<!--|<!\[CDATA\[|<![a-zA-Z]|<\?[a-zA-Z]")
_HANDLER = re.compile(r"\bon[a-z]{3,}\s*=", re.IGNORECASE)


def html_in_text(value: str) -> tuple[str, ...]:
    """The HTML-looking pieces of a plain-text value: ('<script>', 'onerror=') or ()."""
    if "<" not in value:
        return ()
    found: list[str] = []
    for m in _TAG.finditer(value):
        name = (m.group(2) or m.group(3) or "").lower()
        item = f"<{'/' if m.group(1) else ''}{name}>"
        if item not in found:
            found.append(item)
    for m in _MARKUP.finditer(value):
        item = {"<!--": "<!-- -->", "<![": "<![CDATA[", "<?": "<?…?>"}.get(m.group(0)[:4].rstrip("C["),
                                                                         m.group(0))
        if item not in found:
            found.append(item)
    if found:
        for m in _HANDLER.finditer(value):
            item = re.sub(r"\s+", "", m.group(0)).lower()
            if item not in found:
                found.append(item)
    return tuple(found)


# Fields holding a web address shown as a link (department, colleges, partners). A video's
# `url` is checked against the video hosts elsewhere; evidence `link` may be a file.
URL_FIELDS = frozenset({"url"})
_WEB_URL = re.compile(r"^https?://[^\s/?#<>\"'`\\]+(?:[/?#][^\s<>\"'`\\]*)?$", re.IGNORECASE)
# Keys whose text is Markdown (rendered and sanitised, warnings come from markup):
# cluster.yaml's description. Recognised by the sibling field that only cluster.yaml has.
_MARKDOWN_FIELDS = {"description": "leading_college"}


def _text_checks(text: str, name: str, schema, doc, file, p) -> tuple[bool, list[dg.Diagnostic]]:
    """(keep the value?, warnings/errors) for a validated text value."""
    line = doc.line(p)
    if schema is not None and name in URL_FIELDS and "kind" not in schema:
        if not _WEB_URL.match(text.strip()):
            shown = text if len(text) <= 80 else text[:77] + "…"
            scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):", text)
            why = (f"адрес со схемой «{scheme.group(1).lower()}:» не публикуется" if scheme
                   and scheme.group(1).lower() not in ("http", "https") else "это не полный адрес сайта")
            return False, [dg.error("schema.url", file, line, f"Поле «{name}»: «{shown}» — {why}.",
                                    "Запишите полный адрес сайта, начиная с https://, например https://college.ru/ "
                                    "(без пробелов и кавычек), или удалите поле.")]
    sibling = _MARKDOWN_FIELDS.get(name)
    if sibling and schema is not None and sibling in schema:
        return True, []
    found = html_in_text(text)
    if found:
        return True, [dg.warning("html.in-yaml", file, line,
                                 f"Значение поля «{name}» похоже на HTML ({', '.join(found)}): разметка не выполняется "
                                 "и будет показана на странице как обычный текст.",
                                 "Уберите HTML-теги из значения: в полях YAML пишется обычный текст "
                                 "(оформление — средствами Markdown в тексте документа).")]
    return True, []


def _suggest(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    if close:
        return f"Возможно, вы имели в виду «{close[0]}»?"
    return "Допустимые поля: " + ", ".join(sorted(known)) + "."


def validate(doc: Located, schema: Schema, file: str, path: tuple = (),
             what: str = "документа") -> tuple[dict, list[dg.Diagnostic]]:
    value = doc.value
    for step in path:
        value = value[step]
    return _validate_map(value, schema, doc, file, path, what)


def _validate_map(value, schema, doc, file, path, what):
    diags: list[dg.Diagnostic] = []
    out: dict = {}
    line = doc.line(path)
    if not isinstance(value, dict):
        diags.append(dg.error("schema.type", file, line,
                              f"Здесь ожидались поля {what} («ключ: значение»).",
                              "Запишите вложенные поля с отступом в два пробела."))
        return {name: f.default for name, f in schema.items()}, diags
    for key in value:
        if key not in schema:
            diags.append(dg.error("schema.unknown-key", file, doc.line(path + (key,)),
                                  f"Неизвестное поле «{key}» {what}.", _suggest(key, schema)))
    for name, f in schema.items():
        p = path + (name,)
        if name not in value or value[name] is None or value[name] == "":
            if f.required:
                present = name in value
                hint = (f"Впишите значение после «{name}:» — {_TYPE_EXAMPLE.get(f.type, '')}. Если значение "
                        "начинается с «#», возьмите его в кавычки (\"#0b4f8a\"): без кавычек YAML считает «#» "
                        "началом комментария." if present else
                        f"Добавьте строку «{name}: …» — {_TYPE_EXAMPLE.get(f.type, '')}.")
                diags.append(dg.error("schema.required", file, doc.line(p, line),
                                      (f"Поле «{name}» {what} пустое" if present else
                                       f"Не заполнено обязательное поле «{name}» {what}")
                                      + (f" ({f.doc})" if f.doc else "") + ".", hint))
            out[name] = f.default
            continue
        out[name], sub = _validate_value(value[name], f, doc, file, p, name, what, schema)
        diags += sub
    return out, diags


_FIELD_VALUE = {"str": '"…"', "int": "2", "number": "1250", "bool": "true", "date": "2022-12-20"}


def _field_example(name: str, kind: str) -> str:
    """« — здесь так: updated: 2022-12-20»: the example written for the field at hand."""
    if kind not in _FIELD_VALUE or not re.fullmatch(r"[A-Za-z_][\w-]*", name):
        return ""
    return f" — здесь так: {name}: {_FIELD_VALUE[kind]}"


def _validate_value(value, f: Field, doc, file, p, name, what, parent=None):
    line = doc.line(p)
    if f.type == "map":
        return _validate_map(value, f.schema, doc, file, p, f"в «{name}»")
    if f.type == "list":
        if not isinstance(value, list):
            if f.item and not isinstance(value, dict):
                value = [value]  # a single value where a list is expected is accepted
            else:
                return [], [dg.error("schema.type", file, line, f"Поле «{name}» должно быть списком.",
                                     "Запишите каждый элемент с новой строки после «- ».")]
        items, diags = [], []
        for i, item in enumerate(value):
            ip = p + (i,)
            if f.schema is not None:
                cleaned, sub = _validate_map(item, f.schema, doc, file, ip, f"в элементе {i + 1} списка «{name}»")
                cleaned["_line"] = doc.line(ip)
            else:
                cleaned, sub = _validate_value(item, Field(f.item or "str"), doc, file, ip, f"{name}[{i + 1}]", what)
            items.append(cleaned)
            diags += sub
        return items, diags
    ok, cleaned = _check_scalar(f.type, value)
    if not ok:
        got = "список" if isinstance(value, list) else "набор полей" if isinstance(value, dict) else f"«{value}»"
        return f.default, [dg.error("schema.type", file, line,
                                    f"Поле «{name}» должно быть: {_TYPE_RU[f.type]}, а записано {got}.",
                                    f"Запишите {_TYPE_EXAMPLE[f.type]}" + _field_example(name, f.type) + ".")]
    if f.choices and cleaned not in f.choices:
        close = difflib.get_close_matches(str(cleaned), [str(c) for c in f.choices], n=1, cutoff=0.5)
        hint = (f"Возможно, «{close[0]}»? " if close else "") + "Допустимо: " + ", ".join(map(str, f.choices)) + "."
        return f.default, [dg.error("schema.choice", file, line, f"Недопустимое значение «{cleaned}» в поле «{name}».", hint)]
    if f.type == "str" and isinstance(cleaned, str):
        keep, sub = _text_checks(cleaned, name, parent, doc, file, p)
        return (cleaned if keep else f.default), sub
    if f.type == "date" and isinstance(value, str) and "." in value:
        # «01.09.2022» is text to YAML: read day-first, and say so rather than guess silently
        return cleaned, [dg.warning("schema.date-format", file, line,
                                    f"Дата в поле «{name}» записана как «{value.strip()}» и прочитана как "
                                    f"{cleaned.day} {_MONTHS[cleaned.month - 1]} {cleaned.year} г.",
                                    f"Пишите даты в полях как год-месяц-день: {name}: {cleaned.isoformat()} — "
                                    "так дату не спутать (01.09 — 1 сентября или 9 января?).")]
    return cleaned, []
