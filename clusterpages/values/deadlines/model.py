"""The parsed deadline and the error for one that cannot be read.

Deadlines («сроки») as people write them in work plans and protocols.

`parse_deadline("до 15.12.2022", year)` turns the Russian phrase of a «Срок»
cell into a `Deadline`: a date, a due date («до …»), a period, a recurrence
(«ежемесячно») or no date at all («по согласованию»).  A date or a month
written without a year takes it from the academic year: months from the start
month (September) to December fall in the first year, the others in the second.

Anything else raises `DeadlineError`, whose `hint` tells in Russian what to
write instead.  No other exception escapes `parse_deadline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

KINDS = ("date", "by", "range", "recurrence", "none")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "HALFYEARLY")

EXAMPLES = ("Понятные формы срока: «25.12.2022», «25 декабря 2022 г.», «до 25.12.2022», "
            "«не позднее 20 января 2023 г.», «с 01.02.2023 по 15.03.2023», «01.02–15.03.2023», "
            "«15–17 марта 2023», «декабрь 2022», «декабрь 2022 – январь 2023», «I квартал 2023», "
            "«1 полугодие 2023», «весна 2023», «в течение учебного года», «ежемесячно», "
            "«еженедельно», «каждый вторник», «1 раз в четверть», «ежеквартально», «по согласованию», «—».")


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
    freq: str | None = None      # for recurrence: one of FREQUENCIES
    weekdays: tuple[int, ...] = ()  # for a WEEKLY recurrence on named days: 0 = Monday … 6 = Sunday

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"неизвестный вид срока «{self.kind}»")
        if (self.freq is not None) != (self.kind == "recurrence") or (
                self.freq is not None and self.freq not in FREQUENCIES):
            raise ValueError(f"периодичность «{self.freq}» не подходит к виду срока «{self.kind}»")
        if self.weekdays and (self.freq != "WEEKLY" or not all(0 <= w <= 6 for w in self.weekdays)):
            raise ValueError("дни недели бывают только у еженедельного срока")
        if (self.start is None) != (self.end is None) or (self.kind == "none") != (self.end is None):
            raise ValueError("у срока должны быть и начало, и окончание (или ни того, ни другого — для «none»)")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"начало срока ({self.start}) позже окончания ({self.end})")

    @property
    def due(self) -> date | None:
        return self.end
