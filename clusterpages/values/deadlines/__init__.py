"""Deadlines («сроки») as people write them in work plans and protocols.

`parse_deadline("до 15.12.2022", year)` turns the Russian phrase of a «Срок»
cell into a `Deadline`: a date, a due date («до …»), a period, a recurrence
(«ежемесячно», «каждый вторник», «1 раз в четверть») or no date at all
(«по согласованию»).  A date or a month written without a year takes it from
the academic year: months from the start month (September) to December fall in
the first year, the others in the second.

Anything else raises `DeadlineError`, whose `hint` tells in Russian what to
write instead.  No other exception escapes `parse_deadline`.

The package: `model` (Deadline, DeadlineError), `words` (vocabulary and
normalisation), `atoms` (one day, month, quarter…), `ranges` (two atoms),
`phrases` (kinds of phrases and `parse_deadline`).
"""

from clusterpages.values.deadlines.model import EXAMPLES, FREQUENCIES, KINDS, Deadline, DeadlineError
from clusterpages.values.deadlines.phrases import parse_deadline

__all__ = ["EXAMPLES", "FREQUENCIES", "KINDS", "Deadline", "DeadlineError", "parse_deadline"]
