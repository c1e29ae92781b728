"""The memos of a build (pure but for the cache folder): what each artifact made from the same
inputs before gives back — the preview's Recall, or a build's cache folder for the costly pieces.
`runtime` is the build's pipeline.Runtime (how the work is done)."""

from __future__ import annotations

from clusterpages.model import Site
from clusterpages.runtime.recall import Kept
from clusterpages.values import packing, urls
from clusterpages.values.memo import no_memo

# Pieces a `build` keeps in its cache folder by their inputs (the preview keeps everything in memory):
# the costly ones made from a few documents each, the admin pages, the zips and the dashboard's workbook
# (unchanged by most edits; the workbook would otherwise import openpyxl into every rebuild).
_KEPT_ON_DISK = ("search-part:", "plan-docx:", "calendar:", "feed-doc:", "admin-page", "matrix-xlsx:", "zip:")


def _owner(name: str) -> str | None:
    """The cluster a kept piece is made from alone (its own content and what all clusters share)."""
    kind, _, rest = name.partition(":")
    return (rest or None) if kind == "search-part" else urls.cluster_of(rest) if kind == "feed-doc" else None


def kept(runtime) -> Kept | None:
    """The last search weights of each document, kept in the cache folder (a build with one)."""
    if runtime.recall is not None or not runtime.store.enabled:
        return None
    key = lambda group: packing.key(runtime.fingerprint, "kept", group)  # noqa: E731
    return Kept(lambda group: runtime.store.get("kept", key(group)),
                lambda group, table: runtime.store.put("kept", key(group), table))


def remember(runtime, site: Site, kept: Kept | None = None):
    """`memo(name, inputs, make)` for whole-site artifacts: the preview's Recall, else the cache
    folder for the costly pieces, keyed by the pickled inputs — or, for a piece of one cluster,
    by the signatures of the sources it is made from (runtime/pagekeys.py: no pickling of a
    whole cluster's documents to find it); a search document's weights through `kept`."""
    if runtime.recall is not None:
        return runtime.recall
    if not runtime.store.enabled:
        return no_memo
    settings = packing.stable_bytes(site.config)

    def memo(name, inputs, make):
        if kept is not None and name.startswith("search:"):
            return kept(name, inputs, make)
        if not name.startswith(_KEPT_ON_DISK):
            return make()
        owner = _owner(name) if runtime.page_keys is not None else None
        made_of = (runtime.page_keys.cluster_key(owner, settings) if owner is not None
                   else packing.stable_bytes(inputs))
        return runtime.store.memo("piece", (runtime.fingerprint, name, made_of), make)
    return memo
