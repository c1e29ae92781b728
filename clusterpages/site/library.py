"""The loaded site indexed once for the pages: each cluster's documents, in the order its pages
list them, and the facts every page shares (decision states, counts) — computed once (pure)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Mapping

from clusterpages.content.facts import execution, region, threads
from clusterpages.content.facts.tally import Tally, tally
from clusterpages.model import Championship, Cluster, Page, PlanDoc, Report, Site, Video


@dataclass(frozen=True)
class ClusterDocs:
    """A cluster's own documents: plans and reports as loaded, championships by their start,
    pages by date then name."""

    cluster: Cluster
    plans: tuple[PlanDoc, ...]
    reports: tuple[Report, ...]
    videos: tuple[Video, ...]
    championships: tuple[Championship, ...]
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Library:
    site: Site
    clusters: Mapping[str, ClusterDocs]         # by slug, in the site's order of clusters
    matrices: Mapping[str, execution.Matrix]    # by protocol slug
    region: Tally                               # the region's counts
    tallies: Mapping[str, Tally]                # each cluster's counts, by slug
    threads: threads.Threads                    # decisions continuing earlier protocols' decisions
    region_years: tuple[region.RegionYear, ...] = ()   # the region's reports, newest first


def _docs(site: Site, cl: Cluster) -> ClusterDocs:
    mine = lambda xs: [x for x in xs if x.cluster == cl.slug]  # noqa: E731
    return ClusterDocs(cl, tuple(mine(site.plans)), tuple(mine(site.reports)), tuple(mine(site.videos)),
                       tuple(sorted(mine(site.championships), key=lambda c: c.start)),
                       tuple(sorted(mine(site.pages), key=lambda p: (p.date or _dt.date.min, p.slug))))


def library(site: Site) -> Library:
    matrices = execution.matrices(site)
    return Library(site, {cl.slug: _docs(site, cl) for cl in site.clusters}, matrices,
                   tally(site, matrices=matrices),
                   {cl.slug: tally(site, cl.slug, matrices=matrices) for cl in site.clusters}, threads.threads(site),
                   region.years(site))
