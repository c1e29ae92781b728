"""Recurring deadlines: «ежемесячно до 5 числа», «каждый вторник», «1 раз в четверть».

A recurrence spans the academic year.  School terms («четверть») recur quarterly,
halves of the year («полугодие», «семестр», «2 раза в год») half-yearly; a weekday
(«каждый вторник», «по понедельникам») makes a weekly recurrence that starts on the
first such day of the academic year.
"""

from __future__ import annotations

import re
from datetime import timedelta

from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines.atoms import academic_bounds
from clusterpages.values.deadlines.model import EXAMPLES, FREQUENCIES, Deadline, DeadlineError

# Weekdays in the forms plans use: «каждый вторник», «каждую среду», «по вторникам».
_WEEKDAY_FORMS = (
    r"понедельник(?:ам|у)?", r"вторник(?:ам|у)?", r"сред(?:у|ам|а)", r"четверг(?:ам|у)?",
    r"пятниц(?:у|ам|а)", r"суббот(?:у|ам|а)", r"воскресень(?:е|ям)",
)
_WEEKDAY = "|".join(_WEEKDAY_FORMS)
_DAYS = rf"(?:{_WEEKDAY})(?:(?:, ?| и )(?:{_WEEKDAY}))*"
_TIMES = r"(?:1 |один |одн[уа] )?раз"

_FREQ = {
    "DAILY": r"ежедневно|каждый день",
    "WEEKLY": rf"еженедельно|каждую неделю|{_TIMES} в неделю",
    "MONTHLY": rf"ежемесячно|каждый месяц|{_TIMES} в месяц",
    "QUARTERLY": (rf"ежеквартально|каждый квартал|{_TIMES} в квартал|ежечетвертно|{_TIMES} в четверть"
                  r"|каждую четверть|по четвертям|(?:в конце|по итогам|по окончании) (?:каждой )?четверти"),
    "HALFYEARLY": (rf"{_TIMES} в (?:полугодие|семестр)|(?:2|два) раза в (?:учебный )?год|каждое полугодие"
                   r"|каждый семестр|по полугодиям|по семестрам"
                   r"|(?:в конце|по итогам|по окончании) (?:каждого )?(?:полугодия|семестра)"),
}
_TAIL = (r"(?:,? (?:(?:до|не позднее|не позже) (?P<day>[0-9]{1,2}) числа(?:[ ,][а-я, ]*)?"
         rf"|по (?P<days>{_DAYS})"
         r"|(?:в течени[еи]|на протяжении) (?:всего )?(?:учгод|года)"
         r"|(?:в )?(?:начале|конце|середине) (?:месяца|недели|квартала|четверти)))?")
_RECURRENCE_RE = re.compile(
    "(?:" + "|".join(f"(?P<{name}>{form})" for name, form in _FREQ.items()) + ")" + _TAIL)
_WEEKDAY_RE = re.compile(rf"(?:кажд(?:ый|ую|ое) |по )(?P<days>{_DAYS})(?: месяца)?"
                         r"(?:,? (?:в течени[еи]|на протяжении) (?:всего )?(?:учгод|года))?")
_DAY_OF_MONTH_RE = re.compile(
    r"(?:до|не позднее|не позже) (?P<day>[0-9]{1,2}) числа,? (?:каждого месяца|ежемесячно)(?:[ ,][а-я, ]*)?")


def _weekdays(text: str) -> tuple[int, ...]:
    found = []
    for word in re.findall(r"[а-я]+", text):
        for i, form in enumerate(_WEEKDAY_FORMS):
            if re.fullmatch(form, word) and i not in found:
                found.append(i)
    return tuple(sorted(found))


def _weekly(written: str, days: tuple[int, ...], ay: AcademicYear) -> Deadline:
    start, end = academic_bounds(written, ay)
    first = start + timedelta(days=(days[0] - start.weekday()) % 7)
    return Deadline(written, "recurrence", first, end, "WEEKLY", days)


def parse_recurrence(s: str, written: str, ay: AcademicYear) -> Deadline | None:
    """A recurrence over the academic year, or None when `s` is not one."""
    if m := _WEEKDAY_RE.fullmatch(s):
        return _weekly(written, _weekdays(m["days"]), ay)
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
    if freq == "WEEKLY" and "days" in m.groupdict() and m["days"]:
        return _weekly(written, _weekdays(m["days"]), ay)
    start, end = academic_bounds(written, ay)
    return Deadline(written, "recurrence", start, end, freq)
