"""Atoms of a deadline: one day, month, quarter, half, season or year, and their spans."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines.model import EXAMPLES, DeadlineError
from clusterpages.values.deadlines.words import (
    BARE_RE,
    HALF_RE,
    MONTH_ATOM_RE,
    MONTH_RES,
    NUM_DATE_RE,
    ORDINAL_WORDS,
    PART_OF_MONTH_RE,
    QUARTER_RE,
    ROMAN,
    SEASON_RE,
    SEASONS,
    TERM_RE,
    WEEK_OF_MONTH_RE,
    WORD_DATE_RE,
    YEAR_ATOM_RE,
)

# --------------------------------------------------------------------------- errors and dates

def not_understood(text: str) -> DeadlineError:
    return DeadlineError(text, "запись не распознана")


def make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        shown = f"{day:02d}.{month:02d}.{year}"
        raise DeadlineError(
            text, f"такой даты нет: {shown}",
            f"Такой даты нет: {shown}. Проверьте число и месяц: в феврале 28 дней (29 — в високосный год), "
            f"в апреле, июне, сентябре и ноябре — по 30. {EXAMPLES}") from None


def last_day(year: int, month: int) -> int:
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def clamped_date(text: str, year: int, month_day: tuple[int, int]) -> date:
    """(month, day) in `year`; 29 February becomes 28 in a common year."""
    month, day = month_day
    return make_date(text, year, month, min(day, last_day(year, month)))


def month_span(text: str, year: int, first_month: int, last_month: int) -> tuple[date, date]:
    return (make_date(text, year, first_month, 1),
            make_date(text, year, last_month, last_day(year, last_month)))


def academic_bounds(text: str, ay: AcademicYear) -> tuple[date, date]:
    try:
        return ay.start_date, ay.end_date
    except (ValueError, OverflowError):
        raise not_understood(text) from None


def academic_pair(text: str, first: str, second: str, ay: AcademicYear) -> AcademicYear:
    """The academic year «first/second», with the start and end days of `ay`."""
    try:
        return AcademicYear.parse(f"{first}/{second}", start=ay.start, end=ay.end)
    except ValueError as exc:
        raise DeadlineError(text, f"учебный год {first}/{second} записан неверно",
                            f"Учебный год {first}/{second}: {exc}. {EXAMPLES}") from None


def year_of(text: str | None) -> int | None:
    if text is None:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


# --------------------------------------------------------------------------- atoms

@dataclass(frozen=True)
class Atom:
    """One end of a period, its year perhaps still unknown.

    unit: "day" (number = day of month), "month", "quarter" (number 1–4),
    "half" (calendar, number 1–2), "semester" (academic half, number 1–2),
    "season" (number = first month), "year", "bare" (a lone number: «15» in
    «15–17 марта»), "roman" (a lone Roman numeral: «I» in «I–II квартал»),
    "term" (a school quarter, «четверть», number 1–4) or "days" (days `number`
    to `last` of `month`: «первая неделя сентября», «конец мая»).
    """

    unit: str
    number: int | None = None
    month: int | None = None
    year: int | None = None
    last: int | None = None


# School quarters («четверти») by their first and last month; the last one ends with the year.
TERM_MONTHS = ((9, 10), (11, 12), (1, 3), (4, None))
_PARTS = {"начал": (1, 10), "серед": (11, 20), "кон": (21, 31)}


def month_number(word: str) -> int:
    for number, pattern in MONTH_RES:
        if pattern.fullmatch(word):
            return number
    raise AssertionError(word)  # unreachable: the word matched MONTH


def ordinal(text: str, raw: str, what: str) -> int:
    """The number of a quarter (what="квартал") or a half year (what="полугодие")."""
    largest = 4 if what in ("квартал", "четверть") else 2
    if raw.isascii() and raw.isdigit():
        number = int(raw)
    elif raw in ROMAN:
        number = ROMAN.index(raw) + 1
    else:
        number = next(i for i, stem in enumerate(ORDINAL_WORDS, 1) if raw.startswith(stem))
    if not 1 <= number <= largest:
        allowed = "от I до IV" if largest == 4 else "I или II"
        raise DeadlineError(text, f"{what} с номером {raw.upper()} не бывает",
                            f"Номер — {allowed}, например «I {what} 2023». {EXAMPLES}")
    return number


def day_atom(text: str, day: int, month: int, year: int | None) -> Atom:
    if not 1 <= month <= 12:
        raise DeadlineError(text, f"месяца с номером {month} нет",
                            f"Месяц — число от 1 до 12: «25.12.2022». {EXAMPLES}")
    if not 1 <= day <= 31:
        raise DeadlineError(text, f"дня {day} в месяце нет",
                            f"День месяца — число от 1 до 31: «25.12.2022». {EXAMPLES}")
    return Atom("day", number=day, month=month, year=year)


def parse_atom(part: str, text: str, ay: AcademicYear) -> Atom | None:
    """One day, month, quarter, half, season or year; None if `part` is none of them."""
    part = part.strip(" .,")
    if m := NUM_DATE_RE.fullmatch(part):
        return day_atom(text, int(m["d"]), int(m["m"]), year_of(m["y"]))
    if m := WORD_DATE_RE.fullmatch(part):
        return day_atom(text, int(m["d"]), month_number(m["mon"]), year_of(m["y"]))
    if m := MONTH_ATOM_RE.fullmatch(part):
        return Atom("month", month=month_number(m["mon"]), year=year_of(m["y"]))
    if m := QUARTER_RE.fullmatch(part):
        return Atom("quarter", number=ordinal(text, m["n"], "квартал"), year=year_of(m["y"]))
    if m := HALF_RE.fullmatch(part):
        return half_atom(m, text, ay)
    if m := SEASON_RE.fullmatch(part):
        return season_atom(m, text, ay)
    if m := TERM_RE.fullmatch(part):
        return _term_atom(m, text, ay)
    if m := WEEK_OF_MONTH_RE.fullmatch(part):
        return _week_atom(m, text)
    if m := PART_OF_MONTH_RE.fullmatch(part):
        return _part_atom(m, text)
    if m := YEAR_ATOM_RE.fullmatch(part):
        return Atom("year", year=int(m["y"]))
    if m := BARE_RE.fullmatch(part):
        raw = m["n"]
        if raw in ROMAN:
            return Atom("roman", number=ROMAN.index(raw) + 1)
        return Atom("bare", number=int(raw))
    return None


def half_atom(m: re.Match[str], text: str, ay: AcademicYear) -> Atom:
    """«1 полугодие 2023» is a calendar half; «1 полугодие», «1 полугодие 2022/2023 учебного
    года» and any «семестр» are halves of the academic year."""
    n = ordinal(text, m["n"], "полугодие")
    semester = m["w"].startswith("семестр")
    if m["y2"] is not None:
        academic = academic_pair(text, m["y"], m["y2"], ay)
        return Atom("semester", number=n, year=academic.first if n == 1 else academic.second)
    if m["y"] is not None:
        if semester or m["ac"]:
            raise DeadlineError(
                text, "учебный год указан не полностью",
                f"Укажите учебный год целиком: «{n} полугодие {m['y']}/{int(m['y']) + 1} учебного года» — "
                f"или календарное полугодие: «{n} полугодие {m['y']}». {EXAMPLES}")
        return Atom("half", number=n, year=int(m["y"]))
    return Atom("semester", number=n)


def _term_atom(m: re.Match[str], text: str, ay: AcademicYear) -> Atom:
    """«II четверть», «в течение 3 четверти 2022/23 учебного года»."""
    n = ordinal(text, m["n"], "четверть")
    target = academic_pair(text, *re.split("[-/]", m["pair"]), ay) if m["pair"] else None
    first_month = TERM_MONTHS[n - 1][0]
    year = None if target is None else (target.first if first_month >= ay.start[0] else target.second)
    return Atom("term", number=n, year=year)


def _week_atom(m: re.Match[str], text: str) -> Atom:
    """«первая неделя сентября» is days 1–7; «последняя неделя декабря» the last seven days."""
    raw, month = m["n"], month_number(m["mon"])
    if raw.startswith("последн"):
        return Atom("days", number=-7, month=month, year=year_of(m["y"]), last=31)
    n = int(raw) if raw.isdigit() else next(i for i, stem in enumerate(ORDINAL_WORDS, 1) if raw.startswith(stem))
    return Atom("days", number=7 * n - 6, month=month, year=year_of(m["y"]), last=7 * n)


def _part_atom(m: re.Match[str], text: str) -> Atom:
    """«начало сентября» (1–10), «середина октября» (11–20), «конец мая» (21–31),
    «первая половина ноября» (1–15), «вторая декада марта», «II декада марта» (11–20)."""
    month = month_number(m["mon"])
    if m["part"]:
        first, last = next(v for k, v in _PARTS.items() if m["part"].startswith(k))
    elif m["half"]:
        first, last = (1, 15) if m["half"].startswith("перв") else (16, 31)
    else:
        raw = m["dec"]
        n = (int(raw) if raw.isdigit() else ROMAN.index(raw) + 1 if raw in ROMAN
             else next(i for i, s in enumerate(ORDINAL_WORDS, 1) if raw.startswith(s)))
        first, last = 10 * n - 9, (31 if n == 3 else 10 * n)
    return Atom("days", number=first, month=month, year=year_of(m["y"]), last=last)


def season_atom(m: re.Match[str], text: str, ay: AcademicYear) -> Atom:
    if m["s"] is not None:
        first_month = next(month for month, form, _ in SEASONS if re.fullmatch(form, m["s"]))
    else:
        first_month = next(month for month, _, adj in SEASONS if m["adj"] == adj)
    year = year_of(m["y"])
    if m["y2"] is not None:
        if first_month != 12:
            raise DeadlineError(text, "два года указаны не для зимы",
                                f"Два года пишут только у зимы («зима 2022–2023»); "
                                f"для весны, лета и осени — один: «весна 2023». {EXAMPLES}")
        year = academic_pair(text, m["y"], m["y2"], ay).first
    return Atom("season", number=first_month, year=year)


def anchor(atom: Atom, ay: AcademicYear) -> int:
    """The month that decides the atom's year when the year is not written."""
    if atom.unit in ("day", "month"):
        return atom.month  # type: ignore[return-value]
    if atom.unit == "quarter":
        return 3 * atom.number - 2  # type: ignore[operator]
    if atom.unit == "half":
        return 1 if atom.number == 1 else 7
    if atom.unit == "semester":
        return ay.start[0] if atom.number == 1 else 1
    if atom.unit == "season":
        return atom.number  # type: ignore[return-value]
    if atom.unit == "term":
        return TERM_MONTHS[atom.number - 1][0]  # type: ignore[index,operator]
    if atom.unit == "days":
        return atom.month  # type: ignore[return-value]
    return 1  # "year" always has its year


def span(atom: Atom, text: str, ay: AcademicYear) -> tuple[date, date]:
    """First and last day of a complete atom (its year filled in from `ay` if missing)."""
    year = atom.year if atom.year is not None else ay.year_for_month(anchor(atom, ay))
    if atom.unit == "day":
        day = make_date(text, year, atom.month, atom.number)  # type: ignore[arg-type]
        return day, day
    if atom.unit == "month":
        return month_span(text, year, atom.month, atom.month)  # type: ignore[arg-type]
    if atom.unit == "days":
        last = last_day(year, atom.month)  # type: ignore[arg-type]
        first = atom.number if atom.number > 0 else last + atom.number + 1  # type: ignore[operator]
        return make_date(text, year, atom.month, first), make_date(text, year, atom.month, min(atom.last, last))
    if atom.unit == "term":
        first_month, last_month = TERM_MONTHS[atom.number - 1]  # type: ignore[index,operator]
        start = clamped_date(text, year, ay.start) if atom.number == 1 else make_date(text, year, first_month, 1)
        if last_month is None:
            return start, clamped_date(text, year, ay.end)
        return start, make_date(text, year, last_month, last_day(year, last_month))
    if atom.unit == "quarter":
        return month_span(text, year, 3 * atom.number - 2, 3 * atom.number)  # type: ignore[operator]
    if atom.unit == "half":
        return month_span(text, year, 1, 6) if atom.number == 1 else month_span(text, year, 7, 12)
    if atom.unit == "semester":
        if atom.number == 1:
            return clamped_date(text, year, ay.start), make_date(text, year, 12, 31)
        return make_date(text, year, 1, 1), clamped_date(text, year, ay.end)
    if atom.unit == "season":
        if atom.number == 12:
            return make_date(text, year, 12, 1), make_date(text, year + 1, 2, last_day(year + 1, 2))
        return month_span(text, year, atom.number, atom.number + 2)  # type: ignore[operator]
    if atom.unit == "year":
        return month_span(text, year, 1, 12)
    raise not_understood(text)  # a lone number is no period
