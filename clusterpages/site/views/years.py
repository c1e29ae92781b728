"""The years of a cluster's documents as pages show them: its home's documents of this year, next
year's published ahead and links to the earlier years; the archive by year, a cluster's and the
region's (pure). Every document is named with its year (`title`)."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.content.facts import years
from clusterpages.model import Cluster, PlanDoc, Report, SiteConfig
from clusterpages.site.views.links import Link
from clusterpages.site.views.region import title as region_title
from clusterpages.values import urls
from clusterpages.values.academic import AcademicYear, with_year

_KIND_WORDS = {"plan": "план работы", "media-plan": "медиаплан"}


def title(doc: PlanDoc | Report, style: str) -> str:
    """A plan's or report's title saying its academic year, as every page, menu and search shows it."""
    return with_year(doc.title, doc.year, style, "за" if isinstance(doc, Report) else "на")


def year_words(year: AcademicYear, style: str) -> str:
    return f"{year.label(style)} учебный год"


def crumb(cluster: str, year: AcademicYear, style: str) -> tuple[str, str]:
    """The breadcrumb of a document's year: «2022–2023 учебный год», to the year in the archive."""
    return year_words(year, style), urls.archive(cluster, year.first)


def _link(doc: PlanDoc | Report, style: str, note: str = "") -> Link:
    return Link(title(doc, style), urls.document(doc.cluster, doc.slug), note)


@dataclass(frozen=True)
class HomeYears:
    """What a cluster's home lists of its documents by year."""

    now: str                     # «2022–2023 учебный год»: the as-of date's
    plans: tuple[Link, ...]      # its plan and media plan (else the latest earlier ones)
    reports: tuple[Link, ...]    # the latest report
    stale: tuple[str, ...]       # what of this year is not published yet while an older one stands in
    ahead: tuple[Link, ...]      # next year's plans, published ahead
    ahead_year: str              # «2023–2024 учебный год»
    earlier: tuple[Link, ...]    # the earlier years, each to its section of the archive
    archive: str                 # the cluster's archive


def home_years(config: SiteConfig, cl: Cluster, plans: tuple[PlanDoc, ...], reports: tuple[Report, ...]) -> HomeYears:
    style = config.year_style
    sh = years.shelf(config, plans, reports)
    stale = tuple(f"{_KIND_WORDS.get(d.kind, d.kind)} на {year_words(sh.year, style)}"
                  for d in sh.current if d.year.first < sh.year.first)
    earlier = tuple(Link(y.year.label(style), urls.archive(cl.slug, y.year.first)) for y in sh.years
                    if y.year.first < sh.year.first)
    ahead_year = year_words(sh.ahead[0].year, style) if sh.ahead else ""
    return HomeYears(year_words(sh.year, style), tuple(_link(d, style) for d in sh.current),
                     (_link(sh.report, style),) if sh.report else (), stale,
                     tuple(_link(d, style) for d in sh.ahead), ahead_year, earlier, urls.archive(cl.slug))


@dataclass(frozen=True)
class ArchiveYear:
    """One academic year on an archive page: its documents, or the clusters' documents."""

    anchor: str                  # «year-2022»
    heading: str                 # «2022–2023 учебный год»
    when: str                    # «текущий», «следующий» or ""
    documents: tuple[Link, ...]  # a cluster's archive: its documents, each with when it was approved or published
    clusters: tuple[tuple[Link, tuple[Link, ...]], ...] = ()   # the region's: each cluster with its documents
    without: tuple[str, ...] = ()    # the region's: clusters with no document of this year
    region_report: Link | None = None   # the region's: its report of all clusters for the year


def _note(doc: PlanDoc | Report) -> str:
    if isinstance(doc, Report):
        return f"опубликован {doc.published.strftime('%d.%m.%Y')}"
    if doc.approval:
        return f"утверждён {doc.approval.date.strftime('%d.%m.%Y')}"
    return ""


def _when(year: AcademicYear, now: AcademicYear) -> str:
    return "текущий" if year.first == now.first else "следующий" if year.first > now.first else ""


def cluster_archive(config: SiteConfig, plans: tuple[PlanDoc, ...], reports: tuple[Report, ...]) -> tuple[ArchiveYear, ...]:
    style = config.year_style
    sh = years.shelf(config, plans, reports)
    return tuple(ArchiveYear(urls.year_anchor(y.year.first), year_words(y.year, style), _when(y.year, sh.year),
                             tuple(_link(d, style, _note(d)) for d in y.plans + y.reports))
                 for y in sh.years)


def region_archive(config: SiteConfig, clusters: tuple[Cluster, ...], plans: tuple[PlanDoc, ...],
                   reports: tuple[Report, ...], region_reports: frozenset[int] | set[int] = frozenset()
                   ) -> tuple[ArchiveYear, ...]:
    """Every academic year any cluster has a document of, newest first, cluster by cluster, with
    the region's report of the year where there is one (`region_reports`: their first years)."""
    style = config.year_style
    now = years.current_year(config)
    firsts = sorted({d.year.first for d in plans} | {r.year.first for r in reports}, reverse=True)
    shelves = {cl.slug: {y.year.first: y for y in years.shelf(config, tuple(d for d in plans if d.cluster == cl.slug),
                                                              tuple(r for r in reports if r.cluster == cl.slug)).years}
               for cl in clusters}
    out = []
    for first in firsts:
        year = AcademicYear(first, config.year_start, config.year_end)
        rows, without = [], []
        for cl in clusters:
            mine = shelves[cl.slug].get(first)
            if mine is None:
                without.append(cl.short_name)
                continue
            rows.append((Link(cl.short_name, urls.archive(cl.slug, first)),
                         tuple(_link(d, style, _note(d)) for d in mine.plans + mine.reports)))
        summary = (Link(region_title(year.label(style)), urls.region_report(first), "все кластеры рядом") if first in region_reports else None)
        out.append(ArchiveYear(urls.year_anchor(first), year_words(year, style), _when(year, now), (),
                               tuple(rows), tuple(without), summary))
    return tuple(out)
