"""Counts as templates read them: every figure of a tally by name, nothing else (pure).

`content.facts.tally` counts rows and decisions and keeps the rows it lists (model objects, for
`links.due_lists`); a template gets only the figures, by the names the macros ask for
(«plan.total», «media.published», «decisions.done», «overdue.total»), and the scope the count
tests find them by.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.content.facts.tally import Tally

_GROUPS = ("plan", "media", "decisions")


@dataclass(frozen=True)
class Totals:
    scope: str                          # "" (the region), a cluster slug, or "<cluster>/<document>"
    figures: tuple[tuple[str, int], ...]   # (name, count); a name not here counts 0

    def get(self, key: str) -> int:
        """A figure by name, as Tally.get names it."""
        return next((n for name, n in self.figures if name == key), 0)


def totals(t: Tally) -> Totals:
    names = [f"{g}.{what}" for g in _GROUPS
             for what in ("total", "finished", *(state for state, _ in getattr(t, g).by_state))]
    names += ["decisions.done", "overdue.total", "soon.total"]
    return Totals(t.scope, tuple((name, t.get(name)) for name in dict.fromkeys(names)))
