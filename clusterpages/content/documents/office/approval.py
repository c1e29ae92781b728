"""The «УТВЕРЖДАЮ» block and the title of a plan, read from the lines of a document.

The block as colleges type it:

    УТВЕРЖДАЮ
    Директор ОГБПОУ «Томский техникум
    информационных технологий»
    ____________ И. И. Иванов
    «01» сентября 2022 г.

Lines after «УТВЕРЖДАЮ» (up to the date, at most eight) give the position (every line that
is neither the name nor the date), the name (initials and surname, in either order, after
any underscores of the signature line) and the date («01» сентября 2022 г., 01.09.2022).
Pure.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

_WORD = re.compile(r"^[\s«\"]*(?:утверждаю|утверждено|утвержден[оа]?)\b[\s»\":]*", re.IGNORECASE)
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
_WORD_DATE = re.compile(r"[«\"]?\s*(\d{1,2})\s*[»\"]?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\s*(?:г\.?|года)?",
                        re.IGNORECASE)
_NUM_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?")
_NAME = re.compile(r"(?:[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
                   r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)")
_SIGNATURE = re.compile(r"[_]{2,}|\(подпись\)|/|м\.\s?п\.", re.IGNORECASE)
_BLANK_DATE = re.compile(r"[«\"]\s*_*\s*[»\"]\s*_{2,}")


@dataclass(frozen=True)
class ApprovalText:
    position: str
    name: str
    date: _dt.date | None
    date_text: str          # as written, for a diagnostic when it is not a date
    first: int              # index of the «УТВЕРЖДАЮ» line
    last: int               # index of the block's last line


def find_date(text: str) -> _dt.date | None:
    """«01» сентября 2022 г. or 01.09.2022 anywhere in `text`; None if absent or impossible."""
    try:
        if m := _WORD_DATE.search(text):
            return _dt.date(int(m.group(3)), _MONTHS.index(m.group(2).lower()) + 1, int(m.group(1)))
        if m := _NUM_DATE.search(text):
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def _date_like(text: str) -> bool:
    return bool(_WORD_DATE.search(text) or _NUM_DATE.search(text) or _BLANK_DATE.search(text))


def find_approval(lines: list[str]) -> ApprovalText | None:
    """The block starting at the first «УТВЕРЖДАЮ» line, or None."""
    start = next((i for i, line in enumerate(lines) if _WORD.match(line)), None)
    if start is None:
        return None
    position: list[str] = []
    name, date, date_text, last = "", None, "", start
    rest = _WORD.sub("", lines[start]).strip()
    body = ([rest] if rest else []) + lines[start + 1:start + 9]
    offset = start if rest else start + 1
    for i, line in enumerate(body):
        last = offset + i
        text = _SIGNATURE.sub(" ", line)
        if _date_like(line):
            date, date_text = find_date(line), line.strip()
            before = _WORD_DATE.split(text)[0] if _WORD_DATE.search(text) else _NUM_DATE.split(text)[0]
            if (m := _NAME.search(before)) and not name:
                name = m.group(0)
            break
        if m := _NAME.search(text):
            name = m.group(0)
            head = text[:m.start()].strip(" ,")
            if head:
                position.append(head)
            continue
        if name:        # a line after the name that is no date ends the block
            last -= 1
            break
        position.append(text.strip())
    return ApprovalText(" ".join(p for p in position if p), re.sub(r"\s+", " ", name), date, date_text, start, last)
