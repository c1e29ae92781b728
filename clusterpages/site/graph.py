"""The site graph: which outputs a change of source files can reach (pure).

Built on the one owner of addresses (urls.py): a source file belongs to a cluster when it is that
cluster's own content (urls.content_cluster: its plans, reports, pages, championships, videos,
media), and an output belongs to a cluster when it lies in that cluster's folders
(urls.cluster_of: its pages, CMS pieces, search part, charts). A cluster's own content reaches
that cluster's outputs and every output of no cluster — the index, dashboards and their CSV/JSON,
feeds, calendars, the regional search part, the zips, the admin page, the manifest —, never another
cluster's: pages show their own cluster's documents, and links between clusters are checked when
files are added or removed, which reaches everything. Anything else that changes (cluster.yaml,
whose names are in every page's menu; protocols; the config; the theme; an added or removed file)
reaches everything.

The graph errs on the side of more; tests/site/test_graph.py edits every kind of content file
and checks that every output whose bytes changed is one the graph said the edit could reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from clusterpages.values import urls


@dataclass(frozen=True)
class Reach:
    """The outputs a change can reach: those of `clusters` and of no cluster (None: all)."""

    clusters: frozenset[str] | None

    def includes(self, output: str) -> bool:
        if self.clusters is None:
            return True
        owner = urls.cluster_of(output)
        return owner is None or owner in self.clusters


EVERYTHING = Reach(None)


def reach(changed: Iterable[str] | None) -> Reach:
    """What a change of the `changed` source files (paths relative to the site folder, None:
    unknown) can reach."""
    if changed is None:
        return EVERYTHING
    clusters = set()
    for path in changed:
        slug = urls.content_cluster(path)
        if slug is None:
            return EVERYTHING
        clusters.add(slug)
    return Reach(frozenset(clusters))


def since(before: Mapping[str, str] | None, now: Mapping[str, str]) -> Reach:
    """What changed between two sets of source files (relative path → signature of its bytes)
    can reach: a file added or removed reaches everything, as `reach` says."""
    if before is None or before.keys() != now.keys():
        return EVERYTHING
    return reach([path for path, signature in now.items() if before[path] != signature])
