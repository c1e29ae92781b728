"""Kinds of deadline phrases: recurrences, due dates, academic years, periods."""

from __future__ import annotations

import re
from datetime import date, datetime

from clusterpages.content.academic import AcademicYear
from clusterpages.content.deadlines.atoms import (
    academic_bounds,
    academic_pair,
    not_understood,
    parse_atom,
    span,
)
from clusterpages.content.deadlines.model import EXAMPLES, FREQUENCIES, Deadline, DeadlineError
from clusterpages.content.deadlines.ranges import (
    make_range,
    split_on_dash,
)
from clusterpages.content.deadlines.words import (
    PAIR,
    YEAR_4_OR_2,
    YEAR4,
    normalize,
)

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
_ACADEMIC_RE = re.compile(rf"{_SPAN_PREFIX}(?:всего |весь )?(?:(?P<pair>{PAIR}) )?учгод")
_PAIR_RE = re.compile(rf"{_SPAN_PREFIX}(?P<y1>{YEAR4})(?P<sep>[-/])(?P<y2>{YEAR_4_OR_2})")
_WHOLE_YEAR_RE = re.compile(
    r"(?:в течени[еи]|на протяжении) (?:всего )?(?:года|периода|срока)"
    r"|(?:весь|целый) (?:год|период)|постоянно|круглогодично")

_PERIOD_PREFIX_RE = re.compile(r"(?:в течени[еи]|на протяжении|в период|во|в) ")
_FROM_TO_RE = re.compile(r"с (?P<left>.+?) (?:по|до) (?P<right>.+)")


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
    start, end = academic_bounds(written, ay)
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
            ay_here = academic_pair(written, *re.split("[-/]", academic["pair"]), ay) if academic["pair"] else ay
            _, end = academic_bounds(written, ay_here)
            return Deadline(written, "by", end, end)
        atom = parse_atom(target, written, ay)
        if atom is None or atom.unit in ("day", "bare", "roman"):
            raise not_understood(written)
        _, end = span(atom, written, ay)
        return Deadline(written, "by", end, end)
    atom = parse_atom(rest, written, ay)
    if atom is None or atom.unit in ("bare", "roman"):
        raise DeadlineError(written, "после «до» или «не позднее» не распознана дата",
                            f"После «до» или «не позднее» пишут дату: «до 15.12.2022», «не позднее 20 января 2023 г.», "
                            f"«до конца декабря 2022 г.»; повторяющийся срок — «ежемесячно до 5 числа». {EXAMPLES}")
    if atom.unit == "day":
        day, _ = span(atom, written, ay)
        return Deadline(written, "by", day, day)
    if m["op"] == "до":                                   # «до декабря»: before or through December?
        raise DeadlineError(written, "«до» перед месяцем или периодом можно понять двояко",
                            f"Напишите «до конца {rest}», «не позднее {rest}» или точную дату: «до 30.11.2022». "
                            f"{EXAMPLES}")
    _, end = span(atom, written, ay)                     # «не позднее декабря 2022» → 31.12.2022
    return Deadline(written, "by", end, end)


def _parse_academic(s: str, written: str, ay: AcademicYear) -> Deadline | None:
    """«в течение 2022–2023 учебного года», «в течение года», «постоянно», «2022/23»."""
    target = None
    if m := _ACADEMIC_RE.fullmatch(s):
        target = academic_pair(written, *re.split("[-/]", m["pair"]), ay) if m["pair"] else ay
    elif m := _PAIR_RE.fullmatch(s):
        consecutive = int(m["y2"]) == int(m["y1"]) + 1
        if m["sep"] == "-" and len(m["y2"]) == 4 and not consecutive:
            return None                                   # «2022–2024»: calendar years, a range
        target = academic_pair(written, m["y1"], m["y2"], ay)
    elif _WHOLE_YEAR_RE.fullmatch(s):
        target = ay
    if target is None:
        return None
    start, end = academic_bounds(written, target)
    return Deadline(written, "range", start, end)


def _parse_period(s: str, written: str, ay: AcademicYear) -> Deadline:
    """A day, a period or a range of them; raises DeadlineError if it is none."""
    if prefix := _PERIOD_PREFIX_RE.match(s):
        s = s[prefix.end():]
    if m := _FROM_TO_RE.fullmatch(s):
        left = parse_atom(m["left"], written, ay)
        right = parse_atom(m["right"], written, ay)
        if left is None or right is None:
            raise not_understood(written)
        return make_range(left, right, written, ay)
    atom = parse_atom(s, written, ay)
    if atom is not None:
        if atom.unit in ("bare", "roman"):
            raise not_understood(written)
        start, end = span(atom, written, ay)
        return Deadline(written, "date" if atom.unit == "day" else "range", start, end)
    pair = split_on_dash(s, written, ay)
    if pair is None:
        raise not_understood(written)
    return make_range(*pair, written, ay)


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
    s = normalize(written)
    if _EMPTY_RE.fullmatch(s):                           # «», «—», «-»
        return Deadline(written, "none", None, None)
    if _NONE_RE.match(s):
        return Deadline(written, "none", None, None)
    return (_parse_recurrence(s, written, year)
            or _parse_by(s, written, year)
            or _parse_academic(s, written, year)
            or _parse_period(s, written, year))
