"""Every count the site shows, from one function: `tally(site, cluster, doc)`.

The index, the cluster cards and homes, the plan counters, the protocol dashboard, the CMS
fragments and matrix.csv/json all read their numbers from a `Tally`, so a number can never
disagree with another page or with the list it heads. Each number is named by a key
(«plan.done», «decisions.overdue», «overdue.total») that says what it counts.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Mapping

from clusterpages.content.facts import execution, years
from clusterpages.model import Cluster, PlanDoc, PlanItem, Site
from clusterpages.values import status as st

SOON_DAYS = 30


@dataclass(frozen=True)
class Counts:
    """How many of some things are in each state."""

    total: int
    by_state: tuple[tuple[str, int], ...]

    def __getitem__(self, state: str) -> int:
        return dict(self.by_state).get(state, 0)

    @property
    def finished(self) -> int:
        return self["done"] + self["published"] + self["done_late"]


@dataclass(frozen=True)
class Due:
    """A plan or media-plan row in a list; `also` names the same event in the other document."""

    cluster: Cluster
    doc: PlanDoc
    item: PlanItem
    also: tuple[tuple[PlanDoc, PlanItem], ...] = ()


@dataclass(frozen=True)
class Tally:
    scope: str            # "" (the region), a cluster slug, or "<cluster>/<document>"
    plan: Counts          # rows of work plans
    media: Counts         # rows of media plans
    decisions: Counts     # protocol cells (cluster × decision), «не применимо» left out
    overdue: tuple[Due, ...]
    soon: tuple[Due, ...]

    def get(self, key: str) -> int:
        """A count by name: «plan.total», «media.published», «decisions.done», «overdue.total»…"""
        group, _, what = key.partition(".")
        if group in ("overdue", "soon"):
            return len(getattr(self, group))
        counts: Counts = getattr(self, group)
        if what == "total":
            return counts.total
        if what == "finished":
            return counts.finished
        if what == "done" and group == "decisions":
            return counts["done"] + counts["done_late"]
        return counts[what]


def _counts(states: list[str], order) -> Counts:
    return Counts(len(states), tuple((k, states.count(k)) for k in order if states.count(k)))


_WORD = re.compile(r"[0-9a-zа-яё-]{4,}")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower().replace("ё", "е").replace("«", " ").replace("»", " ")))


def _in_term(plan_item: PlanItem, media_item: PlanItem) -> bool:
    """Whether a media-plan row's date falls in a plan row's term."""
    a, b = plan_item.deadline, media_item.deadline
    if not a or not b or a.kind == "recurrence" or b.kind == "recurrence" or not (a.end and b.end):
        return False
    start = a.start or a.end
    return start <= b.end and (b.start or b.end) <= a.end


def _same_words(wa: set[str], wb: set[str]) -> bool:
    """Every significant word of the shorter title is in the longer one (four in five will do)."""
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(small) and len(small & big) >= max(1, round(0.8 * len(small)))


def _merge(rows: list[Due]) -> list[Due]:
    """Plan and media-plan rows about the same event become one entry (the plan row's): a
    media-plan row of the same cluster dated within the plan row's term, whose title has the
    plan row's significant words (or the other way round)."""
    plans = [r for r in rows if r.doc.kind == "plan"]
    media = [r for r in rows if r.doc.kind != "plan"]
    media_words = [_words(m.item.title_text) for m in media]
    used: set[int] = set()
    out: list[Due] = []
    for p in plans:
        also = []
        words = _words(p.item.title_text)
        for k, m in enumerate(media):
            if k in used or m.cluster.slug != p.cluster.slug or not _in_term(p.item, m.item):
                continue
            if _same_words(words, media_words[k]):
                used.add(k)
                also.append((m.doc, m.item))
        out.append(Due(p.cluster, p.doc, p.item, tuple(also)))
    return out + [m for k, m in enumerate(media) if k not in used]


def _key(d: Due):
    end = d.item.deadline.end if d.item.deadline and d.item.deadline.end else _dt.date.max
    return end, d.cluster.slug, d.doc.kind != "plan", d.item.line


def tally(site: Site, cluster: str | None = None, doc: str | None = None, decision: int | None = None,
          matrices: Mapping[str, execution.Matrix] | None = None, protocol: str | None = None) -> Tally:
    """The counts of the region (no arguments), of one cluster, or of one of its documents;
    the region's and a cluster's rows are those of the current plans (`years.current_plans`:
    this academic year's, else the latest earlier ones), never of the archive or of next year's.
    `protocol` narrows the cells to one protocol's (its slug), `decision` to one decision (a
    dashboard column). `matrices`: execution.matrices(site), when the caller has it (each is a
    few thousand rule checks)."""
    as_of = site.config.as_of
    horizon = as_of + _dt.timedelta(days=SOON_DAYS)
    clusters = {c.slug: c for c in site.clusters if cluster is None or c.slug == cluster}
    current = years.current_plans(site) if doc is None else frozenset()
    docs = [d for d in site.plans if d.cluster in clusters and (d.slug == doc if doc is not None
                                                                  else (d.cluster, d.slug) in current)]
    plan_states = [i.status for d in docs if d.kind == "plan" for i in d.items]
    media_states = [i.status for d in docs if d.kind != "plan" for i in d.items]
    overdue: list[Due] = []
    soon: list[Due] = []
    for d in docs:
        for item in d.items:
            due = item.term
            if item.status == "overdue":
                overdue.append(Due(clusters[d.cluster], d, item))
            elif item.status in ("upcoming", "in_progress", "partial") and due and due.kind != "recurrence" \
                    and due.end and as_of <= due.end <= horizon:
                soon.append(Due(clusters[d.cluster], d, item))
    cells: list[str] = []
    if doc is None:
        for p in (p for p in site.protocols if protocol is None or p.slug == protocol):
            for c, row in (matrices[p.slug] if matrices is not None else execution.matrix(site, p)):
                if c.slug in clusters:
                    cells += [x.state for x in row if x.state != "not_applicable"
                              and (decision is None or x.decision == decision)]
    scope = "" if cluster is None else cluster if doc is None else f"{cluster}/{doc}"
    if protocol is not None:
        scope += f"@{protocol}"
    if decision is not None:
        scope += f"#{decision}"
    return Tally(scope, _counts(plan_states, st.ORDER), _counts(media_states, st.ORDER),
                 _counts(cells, tuple(execution.STATES)),
                 tuple(sorted(_merge(overdue), key=_key)), tuple(sorted(_merge(soon), key=_key)))
