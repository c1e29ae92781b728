"""The page cache's keys of the last build, with the sources they were made from.

A page's cache key hashes everything the page is made from: its spec pickled whole (1.0 s at
10,000 pages). A page that no change since the last build can reach (site/graph.py) is made from
the same inputs as then, so its key is the one the last build used. `Tracker` keeps those keys
in the cache folder with the signatures of the source files they were made from and a basis
(code, templates, site settings, fragment styles) that must be the same for any to be reused.

The record speaks of cache entries, not of the output: a build that fails after its pages were
made leaves keys that are just as true, so it is written as soon as the keys are known.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from clusterpages.content.read.load import Sources
from clusterpages.runtime import cache as cache_mod
from clusterpages.site import graph
from clusterpages.values import packing, urls


def signatures(sources: Sources, root: Path) -> dict[str, str]:
    """Each source file's signature (relative path → the digest of its bytes); a media file's is
    its size and modification time (it is copied, never read, by the build)."""
    out = {src.rel: src.digest for src in (*([sources.config] if sources.config else []), *sources.files)}
    for rel in sources.media:
        try:
            st = (root / rel).stat()
            out[rel] = f"{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            out[rel] = "unreadable"
    return out


def _record(site_root: Path) -> str:
    return packing.key("page-keys", str(site_root.resolve()))


def last_record(store: cache_mod.Cache, site_root: Path) -> tuple | None:
    """The record the last build of this site left (basis, source signatures, page keys), read
    once a build: before the sources (`read_before`) and for the page keys (`Tracker.reusable`)."""
    last = store.get("page-keys", _record(site_root)) if store.folder is not None else None
    return last if isinstance(last, tuple) and len(last) == 3 and isinstance(last[1], dict) else None


def read_before(last: tuple | None) -> frozenset[str]:
    """The signatures of the source files the last build read (`last_record`): each file with one
    of these digests reads as cleanly as that one did (sources.read_text need not decode it)."""
    return frozenset(last[1].values()) if last is not None else frozenset()


@dataclass(frozen=True)
class Tracker:
    """The record of one site's page keys in `store`, and this build's source signatures."""

    store: cache_mod.Cache
    name: str                      # the record's key in the cache (one per site folder)
    sources: Mapping[str, str]     # this build's `signatures`

    last: tuple | None = None      # the record the last build left (`last_record`)

    @classmethod
    def of(cls, store: cache_mod.Cache, site_root: Path, sources: Sources,
           last: tuple | None = None) -> "Tracker | None":
        if store.folder is None:
            return None
        return cls(store, _record(site_root), signatures(sources, site_root), last)

    def reusable(self, basis: str) -> tuple[graph.Reach, Mapping[str, str]]:
        """What this build's changes can reach, and the last build's key of each page (none when
        anything of the basis changed)."""
        last = self.last
        if last is None or last[0] != basis:
            return graph.EVERYTHING, {}
        return graph.since(last[1], self.sources), last[2]

    def cluster_key(self, slug: str, settings: bytes) -> str:
        """A key for what is made from one cluster's own content and what every cluster shares
        (site/graph.py): the signatures of those sources, the list of every source (a file added
        or removed anywhere reaches everything), and the site's settings."""
        every, groups = self._groups
        return packing.key(settings, every, groups.get(None, ""), groups.get(slug, ""))

    @functools.cached_property
    def _groups(self) -> tuple[str, dict[str | None, str]]:
        """A digest of the list of sources, and of each cluster's own sources' signatures (None:
        the sources every cluster shares)."""
        rows: dict[str | None, list[tuple[str, str]]] = {}
        for rel, signature in sorted(self.sources.items()):
            rows.setdefault(urls.content_cluster(rel), []).append((rel, signature))
        return (packing.key(repr(sorted(self.sources))),
                {owner: packing.key(repr(group)) for owner, group in rows.items()})

    def save(self, basis: str, keys: Mapping[str, str]) -> None:
        self.store.put("page-keys", self.name, (basis, dict(self.sources), dict(keys)))
