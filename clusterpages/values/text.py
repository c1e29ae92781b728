"""Russian text helpers: slugs, dates, numbers, typography."""

from __future__ import annotations

import datetime as _dt
import functools
import re

import iuliia
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from clusterpages.values import typography

NBSP = typography.NBSP


# iuliia translates a text part by part, split at word boundaries (iuliia/nlp.py), each part on its
# own: a text's parts can be translated apart and remembered (a site's headings differ, their
# words repeat; iuliia takes ~15 µs a word).
_WORD_BOUNDARY = re.compile(r"\b")
_translated = functools.lru_cache(maxsize=1 << 14)(iuliia.WIKIPEDIA.translate)


@functools.lru_cache(maxsize=1 << 12)
def slugify(text: str) -> str:
    """Wikipedia-style transliteration: «Томский аграрный колледж» → tomsky-agrarny-kolledzh.
    Remembered by text (a pure function; headings and names repeat over a site's documents)."""
    parts = _WORD_BOUNDARY.split(text.replace("ё", "е").replace("Ё", "Е"))
    latin = "".join([_translated(part) for part in parts if part]).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    return slug or "item"


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading ids for Python-Markdown's toc extension (its default drops Cyrillic)."""
    return slugify(value)


@functools.lru_cache(maxsize=1 << 12)
def ru_date(value: _dt.date | None) -> str:
    """«25 декабря 2022 г.» (CLDR long form, with a non-breaking space before «г.»). Remembered by
    date (Babel takes ~40 µs a date; a site shows the same few hundred dates on many pages)."""
    if value is None:
        return ""
    return format_date(value, "d MMMM y", locale="ru").replace(" ", NBSP) + NBSP + "г."


@functools.lru_cache(maxsize=1 << 12)
def ru_date_range(start: _dt.date | None, end: _dt.date | None) -> str:
    """«8–9 февраля 2023 г.», «28 февраля – 2 марта 2023 г.», «25 декабря 2022 г. – 10 января 2023 г.»."""
    if start is None or end is None or start == end:
        return ru_date(start or end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{ru_date(end)}"
    if start.year == end.year:
        return format_date(start, "d MMMM", locale="ru").replace(" ", NBSP) + NBSP + "– " + ru_date(end)
    return ru_date(start) + NBSP + "– " + ru_date(end)


def status_note(note: str | None, label: str) -> str:
    """A status note without the status word the badge beside it already says:
    «перенесено на апрель 2023» next to «Перенесено» → «на апрель 2023»; «выполнено» → «»."""
    note = (note or "").strip()
    word = label.strip().lower().replace("ё", "е")
    if note.lower().replace("ё", "е").startswith(word):
        rest = note[len(word):]
        if not rest or not rest[0].isalnum():
            return rest.lstrip(" \u00a0.,;:—–-/")
    return note


_SHORT_YEAR = re.compile(r"(?<![\w.])(\d{1,2}\.\d{1,2}\.)(\d{2})(?![\w.])")


def full_years(deadline: str) -> str:
    """«25.12.22» → «25.12.2022» in a deadline (read the same way), so pages can write it in words."""
    return _SHORT_YEAR.sub(lambda m: m.group(1) + "20" + m.group(2), deadline)


def ru_short_date(value: _dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def ru_month(value: _dt.date) -> str:
    return format_date(value, "LLLL y", locale="ru")


NNBSP = "\u202f"  # narrow no-break space: the digit-group separator


def ru_number(value: float | int | None) -> str:
    """«1 250», «27 500», «3,5»: digit groups from four digits on, joined by a narrow no-break space.

    One rule for every figure the site prints, so «1250» never stands beside «27 500». Years are
    not figures and are never passed here.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale="ru").replace(NBSP, NNBSP).replace(" ", NNBSP)


def ru_decimal(value: float, places: int) -> str:
    """A number with exactly `places` decimals: «5,9», «12,0»."""
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale="ru").replace(NBSP, NNBSP).replace(" ", NNBSP)


def ru_figure_text(text: str | None) -> str:
    """A figure typed into a table cell («1250», «27 500») in the site's one digit grouping; other text as is."""
    raw = (text or "").strip()
    digits = re.sub(r"[\s\u00a0\u202f]", "", raw)
    return ru_number(int(digits)) if digits.isdigit() and len(digits) < 16 else raw


def ru_sort_key(text: str) -> tuple[str, str]:
    """Russian alphabetical order of what people read: case-insensitive, «ё» beside «е», quotes ignored."""
    bare = re.sub(r"[«»„“\"'()]", "", text or "").strip().lower()
    return bare.replace("ё", "е"), bare


def plural(n: int, one: str, few: str, many: str) -> str:
    n = abs(n) % 100
    if 11 <= n <= 14:
        return many
    n %= 10
    if n == 1:
        return one
    if 2 <= n <= 4:
        return few
    return many


def typograph(text: str) -> str:
    """Russian typography on plain text (the rules live in typography.py)."""
    return typography.typograph(text)


def typo_markup(text: str | None) -> Markup:
    return Markup(escape(typograph(text or "")))
