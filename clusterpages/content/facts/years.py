"""A site that lives for years: which academic year the as-of date falls in, which of a cluster's
documents are the current ones, which are published ahead and which are the archive (pure).

A methodist opening the cluster's home in October expects this year's work plan and media plan,
and the latest report (the one about the year just closed); next year's plan, published in the
summer, is shown as next year's and replaces nothing; everything else is the archive, by year.
A cluster that has not published this year's plan yet keeps its latest earlier one as its
working plan (it is still what its people work by), named with its own year wherever shown.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from clusterpages.model import PlanDoc, Report, Site, SiteConfig
from clusterpages.values.academic import AcademicYear

KINDS = ("plan", "media-plan")


def current_year(config: SiteConfig) -> AcademicYear:
    """The academic year the as-of date falls in (the summer belongs to the year closing)."""
    return AcademicYear.of(config.as_of, config.year_start, config.year_end)


def in_force(doc: PlanDoc, as_of: _dt.date) -> bool:
    """Whether a plan speaks at the as-of date: from its year's first day, or from its approval
    when it was approved earlier. Before then it is next year's plan published ahead: none of its
    rows is evidence of anything, and last year's rows it carries are not carried yet."""
    since = doc.year.start_date
    if doc.approval and doc.approval.date < since:
        since = doc.approval.date
    return since <= as_of


def _current(plans: list[PlanDoc], year: AcademicYear) -> tuple[PlanDoc, ...]:
    """Of one cluster's plans: per kind, this year's, else the latest earlier one."""
    out = []
    for kind in KINDS:
        mine = [d for d in plans if d.kind == kind and d.year.first <= year.first]
        if mine:
            out.append(max(mine, key=lambda d: d.year.first))
    return tuple(out)


def current_plans(site: Site) -> frozenset[tuple[str, str]]:
    """(cluster, slug) of every cluster's current plan and media plan: what its counts count
    (one pass over the plans: the counts ask it often)."""
    year = current_year(site.config)
    best: dict[tuple[str, str], PlanDoc] = {}
    for d in site.plans:
        key = (d.cluster, d.kind)
        if d.year.first <= year.first and (key not in best or d.year.first > best[key].year.first):
            best[key] = d
    return frozenset((d.cluster, d.slug) for d in best.values())


def latest_report(reports: tuple[Report, ...] | list[Report], as_of: _dt.date) -> Report | None:
    """The report a home shows: the latest published by the as-of date, else the latest of all."""
    published = [r for r in reports if r.published <= as_of]
    pool = published or list(reports)
    return max(pool, key=lambda r: (r.year.first, r.published)) if pool else None


@dataclass(frozen=True)
class Year:
    """One academic year of a cluster's documents, as its archive lists them."""

    year: AcademicYear
    plans: tuple[PlanDoc, ...]      # the plan, then the media plan
    reports: tuple[Report, ...]     # the reports about this year


@dataclass(frozen=True)
class Shelf:
    """A cluster's documents over the years."""

    year: AcademicYear              # the as-of date's academic year
    current: tuple[PlanDoc, ...]    # this year's plan and media plan (else the latest earlier ones)
    report: Report | None           # the latest report
    ahead: tuple[PlanDoc, ...]      # plans of years to come, published ahead
    years: tuple[Year, ...]         # every year with a document, newest first


def _order(d: PlanDoc) -> tuple:
    return d.year.first, KINDS.index(d.kind) if d.kind in KINDS else len(KINDS), d.slug


def shelf(config: SiteConfig, plans: tuple[PlanDoc, ...], reports: tuple[Report, ...]) -> Shelf:
    """One cluster's shelf from its plans and reports."""
    year = current_year(config)
    firsts = sorted({d.year.first for d in plans} | {r.year.first for r in reports}, reverse=True)
    years = tuple(Year(AcademicYear(f, config.year_start, config.year_end),
                       tuple(sorted((d for d in plans if d.year.first == f), key=_order)),
                       tuple(sorted((r for r in reports if r.year.first == f), key=lambda r: r.slug)))
                  for f in firsts)
    ahead = tuple(sorted((d for d in plans if d.year.first > year.first), key=_order))
    return Shelf(year, _current(list(plans), year), latest_report(reports, config.as_of), ahead, years)
