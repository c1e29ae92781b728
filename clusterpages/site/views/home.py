"""A cluster's home as its template shows it: what it links to, its protocols' decisions with the
cluster's state of each (pure)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from clusterpages.content.facts import execution
from clusterpages.model import Protocol, SiteConfig
from clusterpages.site.library import ClusterDocs
from clusterpages.site.views.counts import Totals
from clusterpages.site.views.links import Link
from clusterpages.site.views.matrix import short_title
from clusterpages.site.views.years import HomeYears, home_years
from clusterpages.values import urls


@dataclass(frozen=True)
class DecisionLine:
    """A protocol decision on a cluster's home: its number and short title, and the cluster's cell."""

    number: int
    title: str          # the decision's short title
    text: str           # the decision as the protocol words it
    deadline: str
    cell: execution.Cell


@dataclass(frozen=True)
class ProtocolLine:
    number: str
    date: _dt.date
    slug: str
    url: str
    decisions: tuple[DecisionLine, ...]
    tally: Totals | None = None       # the protocol's own counts (the index)


@dataclass(frozen=True)
class ClusterHome:
    """What a cluster's home (and its CMS piece) links to."""

    phone_href: str                   # tel: address of the leading college's phone, "" without one
    plans: tuple[Link, ...]           # the current plan and media plan, titled with their year
    reports: tuple[Link, ...]         # the latest report
    pages: tuple[Link, ...]
    videos: str                       # the cluster's video page
    championships: str               # the cluster's championships page
    protocols: tuple[ProtocolLine, ...]
    partners: tuple[Link, ...]        # note: the partner's industry; address: its page on this site
    professions: tuple[Link, ...]     # note: the profession's code
    years: HomeYears | None = None    # this year's documents, next year's, the earlier years
    video_count: int = 0              # how many videos its video page shows
    championship_count: int = 0       # how many championships its championships page lists


def _tel(phone: str) -> str:
    """«+7 (3822) 55-44-33» → «+73822554433»."""
    return "".join(ch for ch in phone if ch not in " ()-")


def cluster_home(docs: ClusterDocs, rows: list[tuple[Protocol, tuple[execution.Cell, ...]]],
                 config: SiteConfig) -> ClusterHome:
    """`rows`: each protocol with the cluster's cells of it, decision by decision."""
    cl = docs.cluster
    yrs = home_years(config, cl, docs.plans, docs.reports)
    lines = tuple(ProtocolLine(p.number, p.date, p.slug, urls.protocol(p.slug),
                               tuple(DecisionLine(d.number, short_title(d), d.text, d.deadline_text, cell)
                                     for d, cell in zip(p.decisions, cells)))
                  for p, cells in rows)
    return ClusterHome(
        _tel(cl.leading.phone) if cl.leading.phone else "",
        yrs.plans, yrs.reports,
        tuple(Link(pg.title, urls.page(cl.slug, pg.slug)) for pg in docs.pages),
        urls.videos(cl.slug), urls.championships(cl.slug), lines,
        tuple(Link(p.name, urls.partner(p.slug), p.industry) for p in cl.partners),
        tuple(Link(p.name, urls.profession(p.slug), p.code) for p in cl.professions), yrs,
        len(docs.videos), len(docs.championships))


@dataclass(frozen=True)
class ClusterCard:
    """A cluster on the site's index."""

    slug: str
    short_name: str
    url: str
    established: bool
    leading: str        # the leading college's name


def cluster_card(cl) -> ClusterCard:
    return ClusterCard(cl.slug, cl.short_name, urls.cluster(cl.slug), cl.established, cl.leading.name)


def protocol_line(p: Protocol) -> ProtocolLine:
    """A protocol as the index names it (its decisions are on its own page)."""
    return ProtocolLine(p.number, p.date, p.slug, urls.protocol(p.slug), ())
