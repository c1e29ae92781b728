"""Deadlines («сроки») as people write them in work plans and protocols.

`parse_deadline("до 15.12.2022", year)` turns the Russian phrase of a «Срок»
cell into a `Deadline`: a date, a due date («до …»), a period, a recurrence
(«ежемесячно») or no date at all («по согласованию»).  A date or a month
written without a year takes it from the academic year: months from the start
month (September) to December fall in the first year, the others in the second.

Anything else raises `DeadlineError`, whose `hint` tells in Russian what to
write instead.  No other exception escapes `parse_deadline`.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime

from clusterpages.content.academic import AcademicYear

KINDS = ("date", "by", "range", "recurrence", "none")
FREQUENCIES = ("WEEKLY", "MONTHLY", "QUARTERLY")

EXAMPLES = ("Понятные формы срока: «25.12.2022», «25 декабря 2022 г.», «до 25.12.2022», "
            "«не позднее 20 января 2023 г.», «с 01.02.2023 по 15.03.2023», «01.02–15.03.2023», "
            "«15–17 марта 2023», «декабрь 2022», «декабрь 2022 – январь 2023», «I квартал 2023», "
            "«1 полугодие 2023», «весна 2023», «в течение учебного года», «ежемесячно», "
            "«еженедельно», «ежеквартально», «по согласованию», «—».")


class DeadlineError(ValueError):
    """A deadline phrase that cannot be understood.

    `text` is the phrase as written, `reason` a short Russian explanation,
    `hint` a Russian sentence or two on what to write instead (with examples;
    it repeats the specific cause, so it can be shown on its own).
    `str(error)` is «Срок «…»: <reason>.»; show `hint` next to it.
    """

    def __init__(self, text: str, reason: str, hint: str = EXAMPLES) -> None:
        self.text = text
        self.reason = reason
        self.hint = hint
        super().__init__(f"Срок «{text}»: {reason}.")

    def __reduce__(self):  # keep the error picklable despite the custom __init__
        return (type(self), (self.text, self.reason, self.hint))


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline.

    kind "date": one day (start == end); "by": due on `end` (start == end);
    "range": every day from `start` to `end`; "recurrence": repeats with `freq`
    over the academic year (start/end are its bounds); "none": no date.
    """

    text: str                    # as written (stripped)
    kind: str                    # "date" | "by" | "range" | "recurrence" | "none"
    start: date | None           # first day (for "by": same as end)
    end: date | None             # last day / due date
    freq: str | None = None      # for recurrence: "WEEKLY" | "MONTHLY" | "QUARTERLY"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"неизвестный вид срока «{self.kind}»")
        if (self.freq is not None) != (self.kind == "recurrence") or (
                self.freq is not None and self.freq not in FREQUENCIES):
            raise ValueError(f"периодичность «{self.freq}» не подходит к виду срока «{self.kind}»")
        if (self.start is None) != (self.end is None) or (self.kind == "none") != (self.end is None):
            raise ValueError("у срока должны быть и начало, и окончание (или ни того, ни другого — для «none»)")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"начало срока ({self.start}) позже окончания ({self.end})")

    @property
    def due(self) -> date | None:
        return self.end


# --------------------------------------------------------------------------- vocabulary

_MONTHS = (
    (1, r"январ(?:ь|я|е|ю|ем)|янв"),
    (2, r"феврал(?:ь|я|е|ю|ем)|февр?"),
    (3, r"март(?:а|е|у|ом)?|мар"),
    (4, r"апрел(?:ь|я|е|ю|ем)|апр"),
    (5, r"ма(?:й|я|е|ю|ем)"),
    (6, r"июн(?:ь|я|е|ю|ем)?"),
    (7, r"июл(?:ь|я|е|ю|ем)?"),
    (8, r"август(?:а|е|у|ом)?|авг"),
    (9, r"сентябр(?:ь|я|е|ю|ем)|сент?"),
    (10, r"октябр(?:ь|я|е|ю|ем)|окт"),
    (11, r"ноябр(?:ь|я|е|ю|ем)|нояб?"),
    (12, r"декабр(?:ь|я|е|ю|ем)|дек"),
)
_MONTH = "|".join(form for _, form in _MONTHS)
_MONTH_RES = tuple((number, re.compile(form)) for number, form in _MONTHS)

# Seasons by their first month; winter runs from December to the end of February.
_SEASONS = (
    (3, r"весн(?:а|ы|е|у|ой|ою)", "весенн"),
    (6, r"лет(?:о|а|у|ом|е)", "летн"),
    (9, r"осен(?:ь|и|ью)", "осенн"),
    (12, r"зим(?:а|ы|е|у|ой|ою)", "зимн"),
)
_SEASON = "|".join(form for _, form, _ in _SEASONS)
_SEASON_ADJ = "|".join(adj for _, _, adj in _SEASONS)

_ROMAN = ("i", "ii", "iii", "iv")
_ORDINAL_WORDS = ("перв", "втор", "трет", "четверт")
_ORD = r"[0-9]{1,2}|iv|i{1,3}|перв[а-я]*|втор[а-я]*|трет[а-я]*|четверт[а-я]*"
_Y = r"[0-9]{4}"
_Y2 = r"[0-9]{4}|[0-9]{2}"
_PAIR = rf"{_Y}[-/](?:{_Y2})"

# --------------------------------------------------------------------------- normalisation

_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_DASH_RE = re.compile("[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]")
_BRACKETS_RE = re.compile(r"[()\[\]«»\"“”„]")
_SPACES_RE = re.compile(r"\s+")
_DASH_SPACES_RE = re.compile(r" ?- ?")
_DIGIT_DOT_RE = re.compile(r"(?<=[0-9]) ?\. ?(?=[0-9])")
_ISO_RE = re.compile(r"(?<![0-9.])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9.])")
_ORDINAL_SUFFIX_RE = re.compile(r"(?<=[0-9])-?(?:ый|ий|ой|й|ого|го|ом|ым|м|ое|ая|е|я)(?![а-я])")
_ACADEMIC_WORDS_RE = re.compile(
    r"(?<![а-я])(?:учебн(?:ый|ого|ом|ому|ым)|уч\.?) ?(?:год(?:а|у|ом)?|г\.?)(?![а-я])")
_YEAR_WORD_RE = re.compile(r"(?<=[0-9]{4}) ?(?:г\.? ?г|гг|годы|годов|годах|года|году|годом|год|г)\.?(?![а-я])")


def _normalize(text: str) -> str:
    """Lower case, «е» for «ё», one kind of space and dash, no «г.»/«года» after years.

    «учебного года», «уч. г.» and the like become the single word «учгод».
    """
    s = unicodedata.normalize("NFKC", text).lower()
    s = s.replace("ё", "е").replace("і", "i")  # Ukrainian «і» typed for a Roman one
    s = _INVISIBLE_RE.sub("", s)
    s = _DASH_RE.sub("-", s)
    s = _BRACKETS_RE.sub(" ", s)
    s = _SPACES_RE.sub(" ", s).strip()
    s = _DASH_SPACES_RE.sub("-", s)
    s = _DIGIT_DOT_RE.sub(".", s)
    s = _ISO_RE.sub(r"\3.\2.\1", s)                  # 2022-12-25 → 25.12.2022
    s = _ORDINAL_SUFFIX_RE.sub("", s)                # 1-й, 5-го → 1, 5
    s = _ACADEMIC_WORDS_RE.sub("учгод", s)
    s = _YEAR_WORD_RE.sub("", s)                     # 2022 г., 2023 года → 2022, 2023
    s = _SPACES_RE.sub(" ", s).strip(" .,;:")
    if s.startswith("c "):                           # a Latin «c» typed for «с»
        s = "с" + s[1:]
    return s


# --------------------------------------------------------------------------- phrases

_NONE_RE = re.compile(
    r"(?:по отдельному (?:плану|графику|расписанию|приказу|положению)"
    r"|по согласованию"
    r"|по (?:мере|необходимости)(?: (?:необходимости|поступления|готовности|потребности))?"
    r"|по (?:утвержденному |установленному )?(?:графику|плану|расписанию)"
    r"|(?:в соответствии с|согласно) (?:утвержденн[а-я]+ )?"
    r"(?:графиком|планом|расписанием|приказом|положением|регламентом|графику|плану|расписанию|приказу|положению|регламенту)"
    r"|по (?:запросу|запросам|приглашению|требованию|договоренности)"
    r"|в установленные сроки|не определен[оа]?|не установлен[оа]?)"
    r"(?:$|[ ,;:.])"
)

_WEEKDAYS = r"понедельникам|вторникам|средам|четвергам|пятницам|субботам|воскресеньям"
_RECURRENCE_RE = re.compile(
    r"(?:(?P<MONTHLY>ежемесячно|каждый месяц|(?:1 |один )?раз в месяц)"
    r"|(?P<WEEKLY>еженедельно|каждую неделю|(?:1 |один )?раз в неделю)"
    r"|(?P<QUARTERLY>ежеквартально|каждый квартал|(?:1 |один )?раз в квартал))"
    r"(?:,? (?:(?:до|не позднее|не позже) (?P<day>[0-9]{1,2}) числа(?:[ ,][а-я, ]*)?"
    rf"|по (?:{_WEEKDAYS})"
    r"|(?:в течени[еи]|на протяжении) (?:всего )?(?:учгод|года)"
    r"|(?:в )?(?:начале|конце|середине) (?:месяца|недели|квартала)))?"
)
_DAY_OF_MONTH_RE = re.compile(
    r"(?:до|не позднее|не позже) (?P<day>[0-9]{1,2}) числа,? (?:каждого месяца|ежемесячно)(?:[ ,][а-я, ]*)?")

_BY_RE = re.compile(
    r"(?:(?:в )?срок(?: исполнения)? )?(?P<op>до|не позднее|не позже)(?: чем)? (?P<rest>.+?)(?: включительно)?")
_END_OF_RE = re.compile(r"(?:конца|окончания) (?P<rest>.+)")

_SPAN_PREFIX = r"(?:(?:в течени[еи]|на протяжении|в) )?"
_ACADEMIC_RE = re.compile(rf"{_SPAN_PREFIX}(?:всего |весь )?(?:(?P<pair>{_PAIR}) )?учгод")
_PAIR_RE = re.compile(rf"{_SPAN_PREFIX}(?P<y1>{_Y})(?P<sep>[-/])(?P<y2>{_Y2})")
_WHOLE_YEAR_RE = re.compile(
    r"(?:в течени[еи]|на протяжении) (?:всего )?(?:года|периода|срока)"
    r"|(?:весь|целый) (?:год|период)|постоянно|круглогодично")

_PERIOD_PREFIX_RE = re.compile(r"(?:в течени[еи]|на протяжении|в период|во|в) ")
_FROM_TO_RE = re.compile(r"с (?P<left>.+?) (?:по|до) (?P<right>.+)")

# Atoms: one day, month, quarter, half, season or year, perhaps without its year.
_NUM_DATE_RE = re.compile(r"(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})(?:\.(?P<y>[0-9]{4}|[0-9]{2}))?")
_WORD_DATE_RE = re.compile(rf"(?P<d>[0-9]{{1,2}}) ?(?P<mon>{_MONTH})\.?(?: (?P<y>{_Y}))?")
_MONTH_ATOM_RE = re.compile(rf"(?P<mon>{_MONTH})\.?(?: (?P<y>{_Y}))?")
_QUARTER_RE = re.compile(rf"(?P<n>{_ORD}) (?:квартал[а-я]*|кв\.?)(?: (?P<y>{_Y}))?")
_HALF_RE = re.compile(
    rf"(?P<n>{_ORD}) (?P<w>полугоди[а-я]*|семестр[а-я]*)"
    rf"(?: (?P<y>{_Y})(?:[-/](?P<y2>{_Y2}))?)?(?P<ac> учгод)?")
_SEASON_RE = re.compile(
    rf"(?:(?P<s>{_SEASON})|(?P<adj>{_SEASON_ADJ})[а-я]* период[а-я]*)"
    rf"(?: (?P<y>{_Y})(?:[-/](?P<y2>{_Y2}))?)?")
_YEAR_ATOM_RE = re.compile(rf"(?P<y>{_Y})")
_BARE_RE = re.compile(r"(?P<n>[0-9]{1,2}|iv|i{1,3})")


# --------------------------------------------------------------------------- errors and dates

def _not_understood(text: str) -> DeadlineError:
    return DeadlineError(text, "запись не распознана")


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        shown = f"{day:02d}.{month:02d}.{year}"
        raise DeadlineError(
            text, f"такой даты нет: {shown}",
            f"Такой даты нет: {shown}. Проверьте число и месяц: в феврале 28 дней (29 — в високосный год), "
            f"в апреле, июне, сентябре и ноябре — по 30. {EXAMPLES}") from None


def _last_day(year: int, month: int) -> int:
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _clamped_date(text: str, year: int, month_day: tuple[int, int]) -> date:
    """(month, day) in `year`; 29 February becomes 28 in a common year."""
    month, day = month_day
    return _make_date(text, year, month, min(day, _last_day(year, month)))


def _month_span(text: str, year: int, first_month: int, last_month: int) -> tuple[date, date]:
    return (_make_date(text, year, first_month, 1),
            _make_date(text, year, last_month, _last_day(year, last_month)))


def _academic_bounds(text: str, ay: AcademicYear) -> tuple[date, date]:
    try:
        return ay.start_date, ay.end_date
    except (ValueError, OverflowError):
        raise _not_understood(text) from None


def _academic_pair(text: str, first: str, second: str, ay: AcademicYear) -> AcademicYear:
    """The academic year «first/second», with the start and end days of `ay`."""
    try:
        return AcademicYear.parse(f"{first}/{second}", start=ay.start, end=ay.end)
    except ValueError as exc:
        raise DeadlineError(text, f"учебный год {first}/{second} записан неверно",
                            f"Учебный год {first}/{second}: {exc}. {EXAMPLES}") from None


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


# --------------------------------------------------------------------------- atoms

@dataclass(frozen=True)
class _Atom:
    """One end of a period, its year perhaps still unknown.

    unit: "day" (number = day of month), "month", "quarter" (number 1–4),
    "half" (calendar, number 1–2), "semester" (academic half, number 1–2),
    "season" (number = first month), "year", "bare" (a lone number: «15» in
    «15–17 марта») or "roman" (a lone Roman numeral: «I» in «I–II квартал»).
    """

    unit: str
    number: int | None = None
    month: int | None = None
    year: int | None = None


def _month_number(word: str) -> int:
    for number, pattern in _MONTH_RES:
        if pattern.fullmatch(word):
            return number
    raise AssertionError(word)  # unreachable: the word matched _MONTH


def _ordinal(text: str, raw: str, what: str) -> int:
    """The number of a quarter (what="квартал") or a half year (what="полугодие")."""
    largest = 4 if what == "квартал" else 2
    if raw.isascii() and raw.isdigit():
        number = int(raw)
    elif raw in _ROMAN:
        number = _ROMAN.index(raw) + 1
    else:
        number = next(i for i, stem in enumerate(_ORDINAL_WORDS, 1) if raw.startswith(stem))
    if not 1 <= number <= largest:
        allowed = "от I до IV" if largest == 4 else "I или II"
        raise DeadlineError(text, f"{what} с номером {raw.upper()} не бывает",
                            f"Номер — {allowed}, например «I {what} 2023». {EXAMPLES}")
    return number


def _day_atom(text: str, day: int, month: int, year: int | None) -> _Atom:
    if not 1 <= month <= 12:
        raise DeadlineError(text, f"месяца с номером {month} нет",
                            f"Месяц — число от 1 до 12: «25.12.2022». {EXAMPLES}")
    if not 1 <= day <= 31:
        raise DeadlineError(text, f"дня {day} в месяце нет",
                            f"День месяца — число от 1 до 31: «25.12.2022». {EXAMPLES}")
    return _Atom("day", number=day, month=month, year=year)


def _parse_atom(part: str, text: str, ay: AcademicYear) -> _Atom | None:
    """One day, month, quarter, half, season or year; None if `part` is none of them."""
    part = part.strip(" .,")
    if m := _NUM_DATE_RE.fullmatch(part):
        return _day_atom(text, int(m["d"]), int(m["m"]), _year(m["y"]))
    if m := _WORD_DATE_RE.fullmatch(part):
        return _day_atom(text, int(m["d"]), _month_number(m["mon"]), _year(m["y"]))
    if m := _MONTH_ATOM_RE.fullmatch(part):
        return _Atom("month", month=_month_number(m["mon"]), year=_year(m["y"]))
    if m := _QUARTER_RE.fullmatch(part):
        return _Atom("quarter", number=_ordinal(text, m["n"], "квартал"), year=_year(m["y"]))
    if m := _HALF_RE.fullmatch(part):
        return _half_atom(m, text, ay)
    if m := _SEASON_RE.fullmatch(part):
        return _season_atom(m, text, ay)
    if m := _YEAR_ATOM_RE.fullmatch(part):
        return _Atom("year", year=int(m["y"]))
    if m := _BARE_RE.fullmatch(part):
        raw = m["n"]
        if raw in _ROMAN:
            return _Atom("roman", number=_ROMAN.index(raw) + 1)
        return _Atom("bare", number=int(raw))
    return None


def _half_atom(m: re.Match[str], text: str, ay: AcademicYear) -> _Atom:
    """«1 полугодие 2023» is a calendar half; «1 полугодие», «1 полугодие 2022/2023 учебного
    года» and any «семестр» are halves of the academic year."""
    n = _ordinal(text, m["n"], "полугодие")
    semester = m["w"].startswith("семестр")
    if m["y2"] is not None:
        academic = _academic_pair(text, m["y"], m["y2"], ay)
        return _Atom("semester", number=n, year=academic.first if n == 1 else academic.second)
    if m["y"] is not None:
        if semester or m["ac"]:
            raise DeadlineError(
                text, "учебный год указан не полностью",
                f"Укажите учебный год целиком: «{n} полугодие {m['y']}/{int(m['y']) + 1} учебного года» — "
                f"или календарное полугодие: «{n} полугодие {m['y']}». {EXAMPLES}")
        return _Atom("half", number=n, year=int(m["y"]))
    return _Atom("semester", number=n)


def _season_atom(m: re.Match[str], text: str, ay: AcademicYear) -> _Atom:
    if m["s"] is not None:
        first_month = next(month for month, form, _ in _SEASONS if re.fullmatch(form, m["s"]))
    else:
        first_month = next(month for month, _, adj in _SEASONS if m["adj"] == adj)
    year = _year(m["y"])
    if m["y2"] is not None:
        if first_month != 12:
            raise DeadlineError(text, "два года указаны не для зимы",
                                f"Два года пишут только у зимы («зима 2022–2023»); "
                                f"для весны, лета и осени — один: «весна 2023». {EXAMPLES}")
        year = _academic_pair(text, m["y"], m["y2"], ay).first
    return _Atom("season", number=first_month, year=year)


def _anchor(atom: _Atom, ay: AcademicYear) -> int:
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
    return 1  # "year" always has its year


def _span(atom: _Atom, text: str, ay: AcademicYear) -> tuple[date, date]:
    """First and last day of a complete atom (its year filled in from `ay` if missing)."""
    year = atom.year if atom.year is not None else ay.year_for_month(_anchor(atom, ay))
    if atom.unit == "day":
        day = _make_date(text, year, atom.month, atom.number)  # type: ignore[arg-type]
        return day, day
    if atom.unit == "month":
        return _month_span(text, year, atom.month, atom.month)  # type: ignore[arg-type]
    if atom.unit == "quarter":
        return _month_span(text, year, 3 * atom.number - 2, 3 * atom.number)  # type: ignore[operator]
    if atom.unit == "half":
        return _month_span(text, year, 1, 6) if atom.number == 1 else _month_span(text, year, 7, 12)
    if atom.unit == "semester":
        if atom.number == 1:
            return _clamped_date(text, year, ay.start), _make_date(text, year, 12, 31)
        return _make_date(text, year, 1, 1), _clamped_date(text, year, ay.end)
    if atom.unit == "season":
        if atom.number == 12:
            return _make_date(text, year, 12, 1), _make_date(text, year + 1, 2, _last_day(year + 1, 2))
        return _month_span(text, year, atom.number, atom.number + 2)  # type: ignore[operator]
    if atom.unit == "year":
        return _month_span(text, year, 1, 12)
    raise _not_understood(text)  # a lone number is no period


# --------------------------------------------------------------------------- ranges

def _adopt_unit(left: _Atom, right: _Atom, text: str) -> _Atom:
    """A lone number on the left takes its meaning from the right: «15–17 марта», «I–II квартал»."""
    if right.unit == "day" and left.unit == "bare":
        return _day_atom(text, left.number, right.month, None)  # type: ignore[arg-type]
    if right.unit == "quarter":
        return _Atom("quarter", number=_ordinal(text, str(left.number), "квартал"))
    if right.unit in ("half", "semester"):
        return _Atom(right.unit, number=_ordinal(text, str(left.number), "полугодие"))
    raise _not_understood(text)


def _fill_years(left: _Atom, right: _Atom, ay: AcademicYear) -> tuple[_Atom, _Atom]:
    """Give both ends a year.

    A missing year comes from the other end; when the left end lies in the
    autumn part of the academic year and the right one in the spring part
    («декабрь – январь 2023»), the year changes in between.  With no year at
    all, the left end takes its year from the academic year.
    """
    def autumn(atom: _Atom) -> bool:
        return _anchor(atom, ay) >= ay.start[0]

    crosses = autumn(left) and not autumn(right)
    if left.year is None and right.year is None:
        left = replace(left, year=ay.year_for_month(_anchor(left, ay)))
    if left.year is None:
        left = replace(left, year=right.year - crosses)  # type: ignore[operator]
    elif right.year is None:
        right = replace(right, year=left.year + crosses)
    return left, right


def _range(left: _Atom, right: _Atom, written: str, ay: AcademicYear) -> Deadline:
    if right.unit in ("bare", "roman"):
        raise _not_understood(written)
    if left.unit in ("bare", "roman"):
        left = _adopt_unit(left, right, written)
    left, right = _fill_years(left, right, ay)
    start, left_end = _span(left, written, ay)
    right_start, end = _span(right, written, ay)
    if start > end:
        a, b = f"{start:%d.%m.%Y}", f"{end:%d.%m.%Y}"
        raise DeadlineError(written, f"начало периода ({a}) позже его окончания ({b})",
                            f"Начало периода ({a}) позже его окончания ({b}): поменяйте их местами — "
                            f"«с {b} по {a}» — или проверьте годы. {EXAMPLES}")
    if start > right_start or left_end > end:       # «2023 – 15 марта», «зима – декабрь»
        raise DeadlineError(written, "начало и конец периода перекрываются",
                            f"Начало периода должно быть раньше его конца: «с 01.02.2023 по 15.03.2023», "
                            f"«декабрь 2022 – январь 2023». {EXAMPLES}")
    return Deadline(written, "range", start, end)


def _split_on_dash(s: str, written: str, ay: AcademicYear) -> tuple[_Atom, _Atom] | None:
    """The one way to cut `s` at a dash into two atoms, or None."""
    found = []
    for i, char in enumerate(s):
        if char == "-":
            left = _parse_atom(s[:i], written, ay)
            right = _parse_atom(s[i + 1:], written, ay) if left is not None else None
            if left is not None and right is not None:
                found.append((left, right))
    return found[0] if len(found) == 1 else None


# --------------------------------------------------------------------------- phrase kinds

def _parse_recurrence(s: str, written: str, ay: AcademicYear) -> Deadline | None:
    m = _RECURRENCE_RE.fullmatch(s)
    if m is not None:
        freq = next(name for name in FREQUENCIES if m[name] is not None)
    else:
        m = _DAY_OF_MONTH_RE.fullmatch(s)
        if m is None:
            return None
        freq = "MONTHLY"
    if m["day"] is not None and not 1 <= int(m["day"]) <= 31:
        raise DeadlineError(written, f"числа {int(m['day'])} в месяце нет",
                            f"Число месяца — от 1 до 31: «ежемесячно до 5 числа». {EXAMPLES}")
    start, end = _academic_bounds(written, ay)
    return Deadline(written, "recurrence", start, end, freq)


def _parse_by(s: str, written: str, ay: AcademicYear) -> Deadline | None:
    m = _BY_RE.fullmatch(s)
    if m is None:
        return None
    rest = m["rest"]
    if end_of := _END_OF_RE.fullmatch(rest):           # «до конца декабря», «до конца учебного года»
        target = end_of["rest"]
        academic = _ACADEMIC_RE.fullmatch(target)
        if academic is not None:
            ay_here = _academic_pair(written, *re.split("[-/]", academic["pair"]), ay) if academic["pair"] else ay
            _, end = _academic_bounds(written, ay_here)
            return Deadline(written, "by", end, end)
        atom = _parse_atom(target, written, ay)
        if atom is None or atom.unit in ("day", "bare", "roman"):
            raise _not_understood(written)
        _, end = _span(atom, written, ay)
        return Deadline(written, "by", end, end)
    atom = _parse_atom(rest, written, ay)
    if atom is None or atom.unit in ("bare", "roman"):
        raise DeadlineError(written, "после «до» или «не позднее» не распознана дата",
                            f"После «до» или «не позднее» пишут дату: «до 15.12.2022», «не позднее 20 января 2023 г.», "
                            f"«до конца декабря 2022 г.»; повторяющийся срок — «ежемесячно до 5 числа». {EXAMPLES}")
    if atom.unit == "day":
        day, _ = _span(atom, written, ay)
        return Deadline(written, "by", day, day)
    if m["op"] == "до":                                   # «до декабря»: before or through December?
        raise DeadlineError(written, "«до» перед месяцем или периодом можно понять двояко",
                            f"Напишите «до конца {rest}», «не позднее {rest}» или точную дату: «до 30.11.2022». "
                            f"{EXAMPLES}")
    _, end = _span(atom, written, ay)                     # «не позднее декабря 2022» → 31.12.2022
    return Deadline(written, "by", end, end)


def _parse_academic(s: str, written: str, ay: AcademicYear) -> Deadline | None:
    """«в течение 2022–2023 учебного года», «в течение года», «постоянно», «2022/23»."""
    target = None
    if m := _ACADEMIC_RE.fullmatch(s):
        target = _academic_pair(written, *re.split("[-/]", m["pair"]), ay) if m["pair"] else ay
    elif m := _PAIR_RE.fullmatch(s):
        consecutive = int(m["y2"]) == int(m["y1"]) + 1
        if m["sep"] == "-" and len(m["y2"]) == 4 and not consecutive:
            return None                                   # «2022–2024»: calendar years, a range
        target = _academic_pair(written, m["y1"], m["y2"], ay)
    elif _WHOLE_YEAR_RE.fullmatch(s):
        target = ay
    if target is None:
        return None
    start, end = _academic_bounds(written, target)
    return Deadline(written, "range", start, end)


def _parse_period(s: str, written: str, ay: AcademicYear) -> Deadline:
    """A day, a period or a range of them; raises DeadlineError if it is none."""
    if prefix := _PERIOD_PREFIX_RE.match(s):
        s = s[prefix.end():]
    if m := _FROM_TO_RE.fullmatch(s):
        left = _parse_atom(m["left"], written, ay)
        right = _parse_atom(m["right"], written, ay)
        if left is None or right is None:
            raise _not_understood(written)
        return _range(left, right, written, ay)
    atom = _parse_atom(s, written, ay)
    if atom is not None:
        if atom.unit in ("bare", "roman"):
            raise _not_understood(written)
        start, end = _span(atom, written, ay)
        return Deadline(written, "date" if atom.unit == "day" else "range", start, end)
    pair = _split_on_dash(s, written, ay)
    if pair is None:
        raise _not_understood(written)
    return _range(*pair, written, ay)


_EMPTY_RE = re.compile(r"-*")


def parse_deadline(text: str, year: AcademicYear) -> Deadline:
    """Parse a Russian deadline phrase within the academic year `year`.

    A `datetime.date` is accepted too (YAML reads 2022-12-25 as one) and gives
    kind "date".  Raises DeadlineError, and nothing else, for what it cannot read.
    """
    if isinstance(text, date):
        day = text.date() if isinstance(text, datetime) else text
        return Deadline(day.isoformat(), "date", day, day)
    if not isinstance(text, str):
        raise DeadlineError(str(text), "срок записан не текстом",
                            f"Возьмите срок в кавычки: deadline: \"25.12.2022\". {EXAMPLES}")
    written = text.strip()
    s = _normalize(written)
    if _EMPTY_RE.fullmatch(s):                           # «», «—», «-»
        return Deadline(written, "none", None, None)
    if _NONE_RE.match(s):
        return Deadline(written, "none", None, None)
    return (_parse_recurrence(s, written, year)
            or _parse_by(s, written, year)
            or _parse_academic(s, written, year)
            or _parse_period(s, written, year))
