"""Academic years of vocational colleges: «2022–2023», from 1 September to 30 June.

An academic year is named by its first calendar year.  It starts on `start`
(month, day) of the first year and ends on `end` (month, day) of the second.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# «2022-2023», «2022–2023», «2022 — 2023», «2022/2023», «2022/23».
_YEAR_PAIR = re.compile(
    r"\s*(?P<first>[0-9]{4})\s*[-/\u2010-\u2015\u2212]\s*(?P<second>[0-9]{4}|[0-9]{2})\s*"
)

_FORMS = "пишите его как «2022–2023», «2022-2023», «2022/2023» или «2022/23»"


def _month_day(value: object, what: str) -> tuple[int, int]:
    """Check a (month, day) pair; 29 February is allowed (it is clamped in common years)."""
    try:
        month, day = value  # type: ignore[misc]
    except (TypeError, ValueError):
        month = day = None
    if (isinstance(month, int) and isinstance(day, int)
            and not isinstance(month, bool) and not isinstance(day, bool)):
        try:
            date(2000, month, day)  # a leap year: 29 February is a valid day of the year
            return month, day
        except ValueError:
            pass
    raise ValueError(f"дата {what} учебного года должна быть парой (месяц, день), например (9, 1), "
                     f"а не {value!r}")


def _clamped(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return date(year, month, day)


@dataclass(frozen=True)
class AcademicYear:
    """The academic year `first`–`first + 1`."""

    first: int                         # 2022 for 2022–2023
    start: tuple[int, int] = (9, 1)    # (month, day) in the first year
    end: tuple[int, int] = (6, 30)     # (month, day) in the second year

    def __post_init__(self) -> None:
        if isinstance(self.first, bool) or not isinstance(self.first, int) or not 1 <= self.first <= 9998:
            raise ValueError(f"первый год учебного года должен быть целым числом от 1 до 9998, а не {self.first!r}")
        # Lists (e.g. from YAML) become tuples, so the value stays hashable.
        object.__setattr__(self, "start", _month_day(self.start, "начала"))
        object.__setattr__(self, "end", _month_day(self.end, "окончания"))

    @property
    def second(self) -> int:
        return self.first + 1

    @property
    def start_date(self) -> date:
        """The first day, in the first year (29 February becomes 28 in a common year)."""
        return _clamped(self.first, self.start)

    @property
    def end_date(self) -> date:
        """The last day, in the second year (29 February becomes 28 in a common year)."""
        return _clamped(self.second, self.end)

    @property
    def previous(self) -> "AcademicYear":
        """The year before, as reports compare with it («2021–2022» for 2022–2023)."""
        return AcademicYear(self.first - 1, self.start, self.end)

    def label(self, style: str = "dash") -> str:
        """«2022–2023» (en dash) for style "dash", «2022/2023» for style "slash"."""
        if style == "dash":
            return f"{self.first}\u2013{self.second}"
        if style == "slash":
            return f"{self.first}/{self.second}"
        raise ValueError(f"неизвестный стиль записи учебного года «{style}»: "
                         f"допустимы «dash» (2022–2023) и «slash» (2022/2023)")

    def year_for_month(self, month: int) -> int:
        """The calendar year of `month` within this academic year.

        Months from the start month on belong to the first year, earlier months
        to the second: with a September start, December → 2022, January → 2023.
        """
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise ValueError(f"номер месяца должен быть от 1 до 12, а не {month!r}")
        return self.first if month >= self.start[0] else self.second

    def __str__(self) -> str:
        return self.label()

    @classmethod
    def parse(cls, text: str, start: tuple[int, int] = (9, 1), end: tuple[int, int] = (6, 30)) -> "AcademicYear":
        """Read «2022-2023», «2022–2023», «2022/2023» or «2022/23».

        Raises ValueError with a Russian message (a phrase that reads well after
        «Учебный год «…» не распознан: ») when the text is not such a pair or
        the second year is not the first plus one.
        """
        match = _YEAR_PAIR.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(_FORMS)
        first = int(match["first"])
        second_text = match["second"]
        if len(second_text) == 2:
            second = first // 100 * 100 + int(second_text)
            if second < first:
                second += 100  # «2099/00»
        else:
            second = int(second_text)
        if second != first + 1:
            raise ValueError(f"второй год должен быть на единицу больше первого: "
                             f"«{first}\u2013{first + 1}» или «{first}/{first + 1}»")
        if not 1 <= first <= 9998:
            raise ValueError(f"год {first} вне допустимого диапазона (1–9998)")
        return cls(first, start, end)

    @classmethod
    def of(cls, day: date, start: tuple[int, int] = (9, 1), end: tuple[int, int] = (6, 30)) -> "AcademicYear":
        """The academic year `day` falls in: from its start to the day before the next one's, so
        the summer after 30 June still belongs to the year that is closing (its reports, its
        unfinished rows), and 1 September opens the next."""
        first = day.year if (day.month, day.day) >= _month_day(start, "начала") else day.year - 1
        return cls(first, start, end)


def says_year(title: str, year: AcademicYear) -> bool:
    """Whether a title names `year` in any of the ways people write it («2022–2023», «2022/23»…)."""
    return any(_pair(m.group(0)) == year.first for m in _IN_TEXT.finditer(title))


def with_year(title: str, year: AcademicYear, style: str = "dash", word: str = "на") -> str:
    """The title as every list, menu, breadcrumb and search result shows it: saying its academic
    year. A title that names its year stays as written; another gets « на 2022–2023 учебный год»
    (`word` «за» for a report)."""
    return title if says_year(title, year) else f"{title.rstrip(' .')} {word} {year.label(style)} учебный год"


_IN_TEXT = re.compile(r"(?<!\d)[0-9]{4}\s*[-/\u2010-\u2015\u2212]\s*(?:[0-9]{4}|[0-9]{2})(?!\d)")


def _pair(text: str) -> int | None:
    """The first year of an academic year written in a text, or None when it is not one."""
    try:
        return AcademicYear.parse(text).first
    except ValueError:
        return None
