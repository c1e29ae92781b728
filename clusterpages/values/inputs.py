"""Where the content's files are: every input path, the twin of `urls` for content/ (pure).

A path here is relative to the site root with "/" between its parts, as `Sources` names files;
`on_disk` gives the file on the disk. Nothing else spells out "content/clusters/…".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONTENT = "content"
CLUSTERS = "content/clusters"
PROTOCOLS = "content/protocols"
HELP = "content/help"
MEDIA = "content/media"
INDICATORS = "content/indicators.yaml"   # the region's catalogue of report indicators


def cluster(slug: str) -> str:
    """A cluster's folder: content/clusters/<slug>."""
    return f"{CLUSTERS}/{slug}"


def cluster_yaml(slug: str) -> str:
    return f"{cluster(slug)}/cluster.yaml"


def videos_yaml(slug: str) -> str:
    return f"{cluster(slug)}/videos.yaml"


def yearly(kind: str, first_year: int, suffix: str = ".md") -> str:
    """The file name of a yearly document: plan-2022-2023.md."""
    return f"{kind}-{first_year}-{first_year + 1}{suffix}"


def on_disk(site_root: Path, path: str) -> Path:
    return site_root.joinpath(*path.split("/"))


@dataclass(frozen=True)
class Place:
    """Where a content file lies: `section` is "cluster" (`slug` its cluster, `rest` the parts
    inside the cluster's folder), "protocol" or "help" (`slug` the page's name), "media"
    (the site's own media folder), "indicators" (the region's catalogue of indicators) or
    "other" (a file that belongs nowhere)."""

    section: str
    slug: str | None = None
    rest: tuple[str, ...] = ()


def place(path: str) -> Place:
    parts = path.split("/")
    if path == INDICATORS:
        return Place("indicators")
    if parts[:1] != [CONTENT]:
        return Place("other")
    if parts[1:2] in (["protocols"], ["help"]) and len(parts) == 3 and parts[2].endswith(".md"):
        return Place("protocol" if parts[1] == "protocols" else "help", parts[2][:-3])
    if parts[1:2] == ["clusters"] and len(parts) >= 4:
        return Place("cluster", parts[2], tuple(parts[3:]))
    if parts[1:2] == ["media"]:
        return Place("media", None, tuple(parts[2:]))
    return Place("other")


def is_media(path: str) -> bool:
    """A file of the site's media folder or of a cluster's (published as it is)."""
    where = place(path)
    return where.section == "media" or (where.section == "cluster" and where.rest[0] == "media" and len(where.rest) > 1)
