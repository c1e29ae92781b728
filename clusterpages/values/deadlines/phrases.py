"""Kinds of deadline phrases: recurrences, due dates, academic years, periods."""

from __future__ import annotations

import re
from datetime import date, datetime

from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines.atoms import (
    academic_bounds,
    academic_pair,
    not_understood,
    parse_atom,
    span,
)
from clusterpages.values.deadlines.model import EXAMPLES, Deadline, DeadlineError
from clusterpages.values.deadlines.ranges import make_range, split_on_dash
from clusterpages.values.deadlines.recurrence import parse_recurrence
from clusterpages.values.deadlines.words import PAIR, YEAR4, YEAR_4_OR_2, normalize

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

_BY_RE = re.compile(
    r"(?:(?:в )?срок(?: исполнения)? )?(?P<op>до|не позднее|не позже|к)(?: чем)? (?P<rest>.+?)(?: включительно)?")
_END_OF_RE = re.compile(r"(?:конца|окончания) (?P<rest>.+)")

_SPAN_PREFIX = r"(?:(?:в течени[еи]|на протяжении|в) )?"
_ACADEMIC_RE = re.compile(rf"{_SPAN_PREFIX}(?:всего |весь )?(?:(?P<pair>{PAIR}) )?учгод")
_PAIR_RE = re.compile(rf"{_SPAN_PREFIX}(?P<y1>{YEAR4})(?P<sep>[-/])(?P<y2>{YEAR_4_OR_2})")
_CALENDAR_YEAR_RE = re.compile(
    r"(?:(?:в течени[еи]|на протяжении) (?:всего )?календарного года|(?:весь )?календарный год)")
_WHOLE_YEAR_RE = re.compile(
    r"(?:в течени[еи]|на протяжении) (?:всего )?(?:года|периода|срока)"
    r"|(?:весь|целый) (?:год|период)|постоянно|круглогодично")

_PERIOD_PREFIX_RE = re.compile(r"(?:в течени[еи]|на протяжении|в период|во|в) ")
_FROM_TO_RE = re.compile(r"с (?P<left>.+?) (?:по|до) (?P<right>.+)")
_TO_RE = re.compile(r"(?P<left>.+?) по (?P<right>.+)")            # «01.09 по 30.09» without «с»


# --------------------------------------------------------------------------- phrase kinds

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
    if m["op"] in ("до", "к"):                            # «до декабря»: before or through December?
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
    elif _CALENDAR_YEAR_RE.fullmatch(s):                  # the calendar year the academic year starts in
        return Deadline(written, "range", date(ay.first, 1, 1), date(ay.first, 12, 31))
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
    if m := _TO_RE.fullmatch(s):
        left = parse_atom(m["left"], written, ay)
        right = parse_atom(m["right"], written, ay)
        if left is not None and right is not None:
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
# Items of a list: after a comma or semicolon, around «и», and between two dates in figures
# that a line break in the cell became a space for («12.01.2023 25.01.2023»).
_LIST_SPLIT_RE = re.compile(r" ?[,;] ?| и |(?<=[0-9]) (?=[0-9]{1,2}\.[0-9])")
_ORDINAL_UNITS = ("quarter", "half", "semester", "term")
_LINE_BREAK_RE = re.compile(r"<br\s*/?>|\r?\n|\r", re.IGNORECASE)
_ANNUAL_RE = re.compile(r"^ежегодно,? (?=.)|(?<=.),? ежегодно$")
# Where a remark may follow the deadline itself: «сентябрь (по графику)», «май, по итогам года».
_REMARK_RE = re.compile(r"\s*[(,;]")


def _parse_list(s: str, written: str, ay: AcademicYear) -> Deadline | None:
    """«12.09, 19.09, 26.09», «сентябрь, декабрь, март»: the period from the first to the last.

    Lone numbers before a last quarter, half or term take its unit: «I и III кв.»,
    «I, II, III кв. 2023» (a period is all a Deadline can hold: from the first to the last).
    Lone days before a month («15, 17 марта») stay unread: the period would add the days between.
    """
    parts = _LIST_SPLIT_RE.split(s)
    if len(parts) < 2:
        return None
    atoms = [parse_atom(part, written, ay) for part in parts]
    if any(a is None for a in atoms) or atoms[-1].unit not in _ORDINAL_UNITS and any(
            a.unit in ("bare", "roman") for a in atoms):
        return None
    return make_range(atoms[0], atoms[-1], written, ay)


def _parse_normalized(s: str, written: str, ay: AcademicYear) -> Deadline:
    if _EMPTY_RE.fullmatch(s) or _NONE_RE.match(s):     # «», «—», «по согласованию»
        return Deadline(written, "none", None, None)
    s = _ANNUAL_RE.sub("", s)                            # «ежегодно, сентябрь»: once in this plan's year
    try:
        return (parse_recurrence(s, written, ay)
                or _parse_by(s, written, ay)
                or _parse_academic(s, written, ay)
                or _parse_period(s, written, ay))
    except DeadlineError as error:
        found = _parse_list(s, written, ay)
        if found is None:
            raise error from None
        return found


def parse_deadline(text: str, year: AcademicYear) -> Deadline:
    """Parse a Russian deadline phrase within the academic year `year`.

    A `datetime.date` is accepted too (YAML reads 2022-12-25 as one) and gives
    kind "date".  A deadline followed by a remark after a bracket, comma or
    semicolon («сентябрь (по графику)») is read as the deadline.  The time of
    day after a date is dropped («15.12.2022 в 14:00»).  A phrase on several
    lines (a line break or «<br>» in a table cell) is read as one phrase, or
    else as a list, one item a line («12.01.2023<br>25.01.2023»: the period
    from the first to the last).  Raises DeadlineError, and nothing else, for
    what it cannot read.
    """
    if isinstance(text, date):
        day = text.date() if isinstance(text, datetime) else text
        return Deadline(day.isoformat(), "date", day, day)
    if not isinstance(text, str):
        raise DeadlineError(str(text), "срок записан не текстом",
                            f"Возьмите срок в кавычки: deadline: \"25.12.2022\". {EXAMPLES}")
    written = text.strip()
    lines = [line for line in _LINE_BREAK_RE.split(written) if line.strip()]
    if len(lines) < 2:
        return _parse_written(written, written, year)
    try:                                             # «с 01.09<br>по 15.09»: one phrase on two lines
        return _parse_written(" ".join(lines), written, year)
    except DeadlineError as error:                   # «12.01.2023<br>25.01.2023»: a list, one a line
        try:
            return _parse_normalized(normalize("; ".join(lines)), written, year)
        except DeadlineError:
            raise error from None


def _parse_written(phrase: str, written: str, year: AcademicYear) -> Deadline:
    """`phrase` (the written text, its lines joined) read whole, or its head before a remark."""
    try:
        return _parse_normalized(normalize(phrase), written, year)
    except DeadlineError as error:
        cut = _REMARK_RE.search(phrase)
        head = normalize(phrase[:cut.start()]) if cut else ""
        if not head or _EMPTY_RE.fullmatch(head):
            raise error from None
        try:
            found = _parse_normalized(head, written, year)
        except DeadlineError:
            raise error from None
        if found.kind == "none":
            raise error from None
        return found
