"""Reach figures of a media plan, as people write them (pure).

«1500», «1 500», «1 200 чел.», «≈ 900», «1,5 тыс.», a range «500–700» or «от 500 до 700».
One reading for the page, the CMS fragment and anything else that totals a media plan: a
range stays a range, so its total is a range too; a figure that is not a number («—», «н/д»,
«по итогам») counts as nothing rather than as the digits it happens to contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

_SPACES = "\u00a0\u202f\u2009 "
_NUMBER = rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?!\d)|\d+(?:[.,]\d+)?"
_THOUSANDS = r"(?:\s*(?P<k{n}>тыс\.?|тысяч[аи]?|k|к)(?![а-яa-z]))?"
_FIGURE = re.compile(
    rf"^\s*(?:от\s+|≈\s*|~\s*|около\s+|более\s+|свыше\s+)?(?P<a>{_NUMBER}){_THOUSANDS.format(n='a')}"
    rf"(?:\s*(?:[-–—]|до)\s*(?P<b>{_NUMBER}){_THOUSANDS.format(n='b')})?"
    r"\s*\+?\s*(?:чел(?:овек)?\.?|просм(?:отров)?\.?|просмотр(?:а|ов)?|подписчик(?:а|ов)?|человек)?\s*\.?\s*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Reach:
    low: int
    high: int

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def __add__(self, other: "Reach") -> "Reach":
        return Reach(self.low + other.low, self.high + other.high)


NONE = Reach(0, 0)


def _value(number: str, thousands: str | None) -> float:
    value = float(re.sub(f"[{_SPACES}]", "", number).replace(",", "."))
    return value * 1000 if thousands else value


def parse(text: str | None) -> Reach | None:
    """The figure written in a reach cell, or None when the cell holds no figure."""
    m = _FIGURE.match(text or "")
    if not m:
        return None
    low = _value(m.group("a"), m.group("ka"))
    if m.group("b") is None:
        return Reach(round(low), round(low))
    high = _value(m.group("b"), m.group("kb"))
    if m.group("ka") is None and m.group("kb"):  # «1–1,5 тыс.»: the unit belongs to both ends
        low *= 1000
    low, high = sorted((round(low), round(high)))
    return Reach(low, high)


def total(texts: Iterable[str | None]) -> Reach:
    """The sum of the figures among `texts`; cells without a figure add nothing."""
    out = NONE
    for t in texts:
        r = parse(t)
        if r is not None:
            out = out + r
    return out
