"""Periods between two atoms: «15–17 марта», «декабрь – январь 2023», «с … по …»."""

from __future__ import annotations

from dataclasses import replace

from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines.atoms import (
    Atom,
    anchor,
    day_atom,
    not_understood,
    ordinal,
    parse_atom,
    span,
)
from clusterpages.values.deadlines.model import EXAMPLES, Deadline, DeadlineError

# --------------------------------------------------------------------------- ranges

def adopt_unit(left: Atom, right: Atom, text: str) -> Atom:
    """A lone number on the left takes its meaning from the right: «15–17 марта», «I–II квартал»."""
    if right.unit == "day" and left.unit == "bare":
        return day_atom(text, left.number, right.month, None)  # type: ignore[arg-type]
    if right.unit == "quarter":
        return Atom("quarter", number=ordinal(text, str(left.number), "квартал"))
    if right.unit == "term":
        return Atom("term", number=ordinal(text, str(left.number), "четверть"), year=right.year)
    if right.unit in ("half", "semester"):
        return Atom(right.unit, number=ordinal(text, str(left.number), "полугодие"))
    raise not_understood(text)


def fill_years(left: Atom, right: Atom, ay: AcademicYear) -> tuple[Atom, Atom]:
    """Give both ends a year.

    A missing year comes from the other end; when the left end lies in the
    autumn part of the academic year and the right one in the spring part
    («декабрь – январь 2023»), the year changes in between.  With no year at
    all, the left end takes its year from the academic year, except a period
    that starts in the summer before the academic year and runs into its autumn
    («август – декабрь», «с 20.08 по 05.09»): put in the second year it would lie
    wholly after the academic year, so it is the first one.
    """
    def autumn(atom: Atom) -> bool:
        return anchor(atom, ay) >= ay.start[0]

    crosses = autumn(left) and not autumn(right)
    if left.year is None and right.year is None:
        summer = not autumn(left) and autumn(right) and anchor(left, ay) > ay.end[0]
        left = replace(left, year=ay.first if summer else ay.year_for_month(anchor(left, ay)))
    if left.year is None:
        left = replace(left, year=right.year - crosses)  # type: ignore[operator]
    elif right.year is None:
        right = replace(right, year=left.year + crosses)
    return left, right


def make_range(left: Atom, right: Atom, written: str, ay: AcademicYear) -> Deadline:
    if right.unit in ("bare", "roman"):
        raise not_understood(written)
    if left.unit in ("bare", "roman"):
        left = adopt_unit(left, right, written)
    left, right = fill_years(left, right, ay)
    start, left_end = span(left, written, ay)
    right_start, end = span(right, written, ay)
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


def split_on_dash(s: str, written: str, ay: AcademicYear) -> tuple[Atom, Atom] | None:
    """The one way to cut `s` at a dash into two atoms, or None."""
    found = []
    for i, char in enumerate(s):
        if char == "-":
            left = parse_atom(s[:i], written, ay)
            right = parse_atom(s[i + 1:], written, ay) if left is not None else None
            if left is not None and right is not None:
                found.append((left, right))
    return found[0] if len(found) == 1 else None
