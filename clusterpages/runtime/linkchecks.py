"""The link check of a build, remembered between builds: by the cache folder (a page's scan by
its bytes, what was checked by the pages' digests) or by the preview's memory (a page's findings
while its scan and what links may point at are the same)."""

from __future__ import annotations

from clusterpages.publish import linkcheck, write
from clusterpages.runtime.recall import Recall
from clusterpages.values import diagnostics as dg
from clusterpages.values import packing, urls


def link_check(files: dict[str, bytes], copies: set[str], store, recall: Recall | None, fingerprint: str,
               scanned: dict, digests: dict[str, str]) -> list[dg.Diagnostic]:
    """The link check, with each page's scan remembered by the page's bytes (one cache entry);
    `scanned` holds the scans of pages made where they were rendered, `digests` their bytes' SHA-256.
    A build with a cache folder checks again only the pages that changed (linkcheck.check_again)."""
    index_key = packing.key(fingerprint, "link-scans")
    known = store.get("linkscan", index_key) or {}
    scans, fresh, digests = dict(scanned), {}, dict(digests)
    for path, data in files.items():
        if path.endswith(".html") and path not in scans and not path.startswith((urls.EMBED, urls.DOWNLOADS)):
            data = write.content(data)
            if recall is not None:  # the preview: the last scan while the bytes are the same (no hashing)
                scans[path] = recall(f"linkscan:{path}", data, lambda data=data: linkcheck.scan(data.decode("utf-8")))
                continue
            digests[path] = digest = packing.key(data)
            scan = known.get(digest)
            if scan is None:
                scan = linkcheck.scan(data.decode("utf-8"))
            scans[path] = fresh[digest] = scan
    if store.enabled and fresh.keys() != known.keys():
        store.put("linkscan", index_key, fresh)
    if recall is not None:
        return _recalled(files, copies, scans, recall)
    if not store.enabled:
        return linkcheck.check(files, copies, scans)
    checked_key = packing.key(fingerprint, "link-check")
    diags, checked = linkcheck.check_again(files, copies, scans, digests, store.get("linkcheck", checked_key),
                                           packing.key)
    store.put("linkcheck", checked_key, checked)
    return diags


def _recalled(files: dict[str, bytes], copies: set[str], scans: dict, recall: Recall) -> list[dg.Diagnostic]:
    """The link check of the preview: a page's findings are kept while its scan is the same
    object, the set of files is the same and no page's anchors changed (a save usually changes
    one page's links, not what exists)."""
    existing = set(files) | copies
    parsed = linkcheck.Scans(files, scans)
    _, before = recall.get("links:state", None)
    before_existing, before_ids = before if before is not None else (frozenset(), {})
    ids = {p: s.ids for p, s in scans.items()}
    # One number for "what links may point at": bumped when a file or an anchor comes or goes.
    stable = existing == before_existing and ids == before_ids
    version = recall.get("links:version", None)[1] or 0
    version = version if stable else version + 1
    recall.put("links:version", None, version)
    recall.put("links:state", None, (frozenset(existing), ids))
    diags = []
    for page in linkcheck.checked_pages(files):
        diags += recall(f"links:{page}", (parsed[page], version), lambda page=page: linkcheck.check_page(page, existing, parsed))
    return diags + linkcheck.check_styles(files, existing, parsed)
