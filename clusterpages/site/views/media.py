"""A media plan at a glance, for its page and its CMS fragment (pure)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from clusterpages.model import PlanDoc, PlanItem
from clusterpages.site.views.links import Link
from clusterpages.values import reach, urls
from clusterpages.values.status import is_finished
from clusterpages.values.text import ru_month, ru_number


@dataclass(frozen=True)
class MediaSummary:
    """Calendar by month and channel, reach planned and achieved (formatted), what is published.

    Plan and fact are compared over the same rows — the published ones that give a fact
    figure — and the whole year's planned reach is a figure of its own: comparing the year's
    plan with the reach of what is out so far would make every media plan look behind."""

    channels: tuple[str, ...]
    months: tuple[tuple[str, tuple[tuple[str, tuple[Link, ...]], ...]], ...]  # (month, ((channel, its rows), …))
    reach_plan: str        # planned reach of the compared rows
    reach_fact: str        # achieved reach of the same rows
    reach_year: str        # planned reach of every row: the whole year
    compared: int          # rows compared: published, with a fact figure
    published: tuple[Link, ...]   # url: the publication's outside address (not a site path); note: «channel, term»


def reach_label(r: reach.Reach) -> str:
    """«1500», or «1500–1900» when some figures were ranges."""
    return ru_number(r.low) if r.exact else f"{ru_number(r.low)}–{ru_number(r.high)}"


def summary(doc: PlanDoc) -> MediaSummary:
    items = doc.items
    channels = tuple(sorted({c for i in items for c in i.channels}))
    by_month: dict[_dt.date, list[PlanItem]] = {}
    for i in items:
        d = i.deadline
        if d and d.start and d.kind != "recurrence":
            by_month.setdefault(d.start.replace(day=1), []).append(i)
    months = tuple((ru_month(m).capitalize(),
                    tuple((c, tuple(Link(i.title_text, "#" + urls.item_anchor(i.uid)) for i in rows if c in i.channels))
                          for c in channels))
                   for m, rows in sorted(by_month.items()))
    compared = [i for i in items if is_finished(i.status) and reach.parse(i.reach_fact) is not None]
    return MediaSummary(channels, months, reach_label(reach.total(i.reach_plan for i in compared)),
                        reach_label(reach.total(i.reach_fact for i in compared)),
                        reach_label(reach.total(i.reach_plan for i in items)), len(compared),
                        tuple(Link(i.title_text, i.link, f"{i.channel}, {i.deadline_text}") for i in items if i.link))
