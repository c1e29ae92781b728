"""References from a protocol's decision to decisions of earlier protocols, as people write them (pure).

The department writes a continuation the way Russian minutes do: «во исполнение п. 4 протокола
№ 4 от 06.12.2022», «в продолжение пункта 4 протокола № 4», «(пп. 4 и 5 протокола № 4)», or with
the date first as in the official form «п. 4 протокола от 06.12.2022 № 4». Each is read from the
decision's text, or from its `continues:` key (the same words, when the text does not say them).
Which protocol a reference means is decided later, against the site's protocols
(`content.facts.threads`): a dangling reference is a warning there.
"""

from __future__ import annotations

import datetime as _dt
import re

from clusterpages.model import DecisionRef

_ITEMS = r"(?:пп?\.|пункт(?:а|ов|ам|ами|ах|у|ом|ы)?|решени(?:я|й|ю|ям|ями|ях|е))\s*(?P<items>\d+(?:\s*(?:,|и|-|–)\s*\d+)*)"
_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}(?:\s*г\.)?"
_REF = re.compile(
    _ITEMS + r"\s+протокола\s+(?:№\s*(?P<number>\d+[\w/-]*)(?:\s+от\s+(?P<date>" + _DATE + r"))?"
    r"|от\s+(?P<date2>" + _DATE + r")\s+№\s*(?P<number2>\d+[\w/-]*))",
    re.IGNORECASE)


def _date(text: str | None) -> _dt.date | None:
    if not text:
        return None
    day, month, year = (int(x) for x in re.findall(r"\d+", text)[:3])
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _items(text: str) -> tuple[int, ...]:
    """«4», «4 и 5», «4, 6», «4–6» → the decision numbers."""
    out: list[int] = []
    for part in re.split(r"\s*(?:,|и)\s*", text):
        ends = [int(x) for x in re.split(r"\s*[-–]\s*", part) if x]
        out += list(range(ends[0], ends[-1] + 1)) if len(ends) == 2 and ends[0] < ends[1] <= ends[0] + 20 else ends
    return tuple(dict.fromkeys(out))


def find(text: str, line: int | None = None) -> tuple[DecisionRef, ...]:
    """Every reference to another protocol's decision in `text`, one per decision named."""
    out: list[DecisionRef] = []
    for m in _REF.finditer(" ".join(text.split())):
        number = m.group("number") or m.group("number2")
        when = _date(m.group("date") or m.group("date2"))
        written = m.group(0).strip()
        out += [DecisionRef(number, when, n, line, written) for n in _items(m.group("items"))]
    return tuple(out)
