"""The search index files (pure): one part per cluster and a small regional part.

Everything is loaded with <script> elements, never fetched, so search works from `file://`
as well as under any sub-path. Each file pushes its data onto `window.cpSearchData`, which
assets/search.js reads (in whatever order the files arrive):

    search/manifest.js                    ["manifest", {...}]   every part: key, name, folder,
                                          which term shards exist, how many documents
    <part>/t-<code>.js                    ["terms", key, code, {stem: postings}]   the stems
                                          beginning with one letter (code = its code point in
                                          hex, "0447" for «ч»), or with two ("04470435") where
                                          one letter has too many, or all stems ("all") of a
                                          small part
    <part>/d-<n>.js                       ["docs", key, n, [[title, kind, url, context, text], …]]
    <part>/kinds.js                       ["kinds", key, {kind: letter}, "iimv…"]   each
                                          document's kind as a letter, for the kind filter

A part's folder is `clusters/<slug>/search/` (so it travels in the cluster's zip) or
`search/region/`. A query loads the manifest (on every page, ~1 KB a part), then for each
query word the one term shard of its first letter(s) per part, then the document chunks of
the results it shows. A cluster's zip gets a manifest of that cluster alone.

Postings are flat lists [doc, weight, doc, weight, …] with doc numbers as gaps from the
previous one; a weight counts the word in the text (up to 8) plus 8 for each time in the
title (up to 2). Output is deterministic: documents in site order, keys sorted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from clusterpages.model import Site
from clusterpages.search.documents import Doc, cluster_docs, regional_docs
from clusterpages.search.words import Stemmer, words
from clusterpages.values import diagnostics as dg
from clusterpages.values import urls
from clusterpages.values.kinds import KINDS, LETTERS
from clusterpages.values.memo import no_memo

CHUNK = 8               # documents per document file
TEXT_LIMIT = 2000       # characters of a document's text kept for snippets (the index has all its words)
SMALL_PART = 24 * 1024  # a part whose terms take less is one term file, "all"
BIG_LETTER = 48 * 1024  # a first letter whose terms take more is split by the second letter
WHOLE = "all"
REGION_KEY = "region"


@dataclass(frozen=True)
class Part:
    """One part of the index: its files (site path → bytes) and what the manifest says of it."""

    key: str
    name: str
    folder: str
    shards: tuple[str, ...]
    docs: int
    files: tuple[tuple[str, bytes], ...]


def _script(payload: list) -> bytes:
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # A script may not contain "</script" or an HTML comment opener; JSON allows escaping "<".
    data = data.replace("<", "\\u003c")
    return f"(window.cpSearchData=window.cpSearchData||[]).push({data});\n".encode("utf-8")


def _hex(text: str) -> str:
    return "".join(f"{ord(ch):04x}" for ch in text)


def shard_for(shards: Iterable[str], term: str) -> str:
    """The code of the shard holding `term` among a part's `shards` (search.js does the same)."""
    shards = set(shards)
    if WHOLE in shards:
        return WHOLE
    two = _hex(term[:2])
    return two if len(term) > 1 and two in shards else _hex(term[:1])


def _split(postings: dict[str, list[int]]) -> dict[str, dict[str, list[int]]]:
    """Terms into shards: one file for a small part, else one per first letter, and a letter
    too big for one file by its first two letters."""
    # repr() of a list of ints is its JSON (json.dumps), made without an encoder per term
    size = {t: len(t) * 2 + len(repr(p)) for t, p in postings.items()}
    if sum(size.values()) <= SMALL_PART:
        return {WHOLE: dict(postings)}
    letters: dict[str, dict[str, list[int]]] = {}
    for term, flat in postings.items():
        letters.setdefault(_hex(term[0]), {})[term] = flat
    out: dict[str, dict[str, list[int]]] = {}
    for code, terms in letters.items():
        if sum(size[t] for t in terms) <= BIG_LETTER:
            out[code] = terms
            continue
        for term, flat in terms.items():
            out.setdefault(_hex(term[:2]), {})[term] = flat
    return out


def _stem_counts(text: str, stemmer: Stemmer) -> dict[str, int]:
    out: dict[str, int] = {}
    stem = stemmer.stem
    for word, n in Counter(words(text)).items():  # each distinct word stemmed once
        t = stem(word)
        out[t] = out.get(t, 0) + n
    return out


def _weights(doc: Doc, stemmer: Stemmer) -> dict[str, int]:
    weights = {t: min(n, 8) for t, n in _stem_counts(doc.text, stemmer).items()}
    for t, n in _stem_counts(doc.title, stemmer).items():
        weights[t] = weights.get(t, 0) + 8 * min(n, 2)
    return weights


def _text_key(doc: Doc) -> str:
    """What a document's weights are made from, as a digest (what a memo compares)."""
    h = hashlib.sha256(doc.title.encode("utf-8"))
    h.update(b"\0" + doc.text.encode("utf-8"))
    return h.hexdigest()


def build_part(key: str, name: str, folder: str, docs: list[Doc], stemmer: Stemmer, memo=no_memo) -> Part:
    """`memo(name, inputs, make)` may give back a document's weights made from the same text before
    (names "search:<part folder>#<document>")."""
    postings: dict[str, list[int]] = {}   # term → [doc, weight, doc, weight, …]
    for n, doc in enumerate(docs):
        weights = memo(f"search:{folder}#{doc.url}", _text_key(doc), lambda doc=doc: _weights(doc, stemmer))
        for term, weight in weights.items():
            found = postings.get(term)
            if found is None:
                postings[term] = [n, weight]
            else:
                found += (n, weight)
    flat_postings: dict[str, list[int]] = {}
    for term in sorted(postings):  # documents as gaps from the previous one
        flat = postings[term]
        flat_postings[term] = [x - flat[i - 2] if i % 2 == 0 and i else x for i, x in enumerate(flat)]
    shards = _split(flat_postings)
    files = [(f"{folder}t-{code}.js", _script(["terms", key, code, terms])) for code, terms in sorted(shards.items())]
    files.append((f"{folder}kinds.js", _script(["kinds", key, LETTERS, "".join(LETTERS[d.kind] for d in docs)])))
    for start in range(0, len(docs), CHUNK):
        rows = [[d.title, d.kind, d.url, d.context, d.text[:TEXT_LIMIT]] for d in docs[start:start + CHUNK]]
        files.append((f"{folder}d-{start // CHUNK}.js", _script(["docs", key, start // CHUNK, rows])))
    return Part(key, name, folder, tuple(sorted(shards)), len(docs), tuple(files))


def manifest(parts: Iterable[Part]) -> bytes:
    return _script(["manifest", {
        "chunk": CHUNK,
        "kinds": KINDS,
        "parts": [{"key": p.key, "name": p.name, "folder": p.folder, "shards": " ".join(p.shards), "docs": p.docs}
                  for p in parts],
    }])


@dataclass(frozen=True)
class Index:
    """Every index file of the site (site path → bytes) and its parts; `ready` holds what `begin`'s
    `pack` made of the files of the parts built on the workers (site path → its zip entry)."""

    files: dict[str, bytes]
    parts: tuple[Part, ...]
    ready: dict[str, object] = field(default_factory=dict)


class _Later(Exception):
    """A part `memo` does not have, to be built with the others on the workers."""


def _later() -> Part:
    """What a part memo does not have turns into: build it later, with the others."""
    raise _Later


def cluster_part(site: Site, slug: str, stemmer: Stemmer, memo=no_memo, make: Callable[[], Part] | None = None) -> Part:
    """The part of one cluster, through `memo`; `make` instead of building it here when given."""
    cl = site.cluster(slug)
    # Everything cluster_docs reads: a save elsewhere gives back this cluster's part as it was.
    inputs = (cl,) + tuple(tuple(x for x in xs if x.cluster == slug)
                           for xs in (site.plans, site.reports, site.videos, site.championships, site.pages))
    return memo(f"search-part:{slug}", inputs, make or (lambda: build_part(
        cl.slug, cl.short_name, urls.search_part(cl.slug), cluster_docs(site, cl, memo), stemmer, memo)))


def regional_part(site: Site, stemmer: Stemmer, memo=no_memo) -> Part:
    inputs = (site.protocols, site.clusters, site.videos, site.championships, site.plans)  # what regional_docs reads
    return memo("search-part:", inputs, lambda: build_part(
        REGION_KEY, "Регион", urls.search_part(None), regional_docs(site), stemmer, memo))


def _cluster_only(site: Site, slug: str) -> Site:
    """The site with only one cluster's documents: what a worker needs to build its part."""
    return replace(site, **{kind: tuple(x for x in getattr(site, kind) if x.cluster == slug)
                            for kind in ("plans", "reports", "videos", "championships", "pages")})


def _part(args: tuple[str, str, str, Site, Callable | None]) -> tuple[Part, dict[str, tuple[str, dict[str, int]]], dict]:
    """One cluster's part built on its own (a unit of work for a worker process): its documents'
    text is taken out of their HTML there, not held for every cluster at once in the main process.
    With it, each document's weights and their memo inputs, for the memo of the main process, and
    `pack(bytes)` of each of its files (their zip entries, compressed here: the main process
    would otherwise do it after the workers are done)."""
    slug, name, folder, site, pack = args
    made: dict[str, tuple[str, dict[str, int]]] = {}

    def record(name, inputs, make):
        made[name] = (inputs, make())
        return made[name][1]
    part = build_part(slug, name, folder, cluster_docs(site, site.cluster(slug)), Stemmer(), record)
    return part, made, {path: pack(data) for path, data in part.files} if pack is not None else {}


def build(site: Site, memo=no_memo, mapper=None) -> Index:
    """The whole index: the regional part, one part per cluster, the manifests.

    `mapper(fn, items)` may build the clusters' parts on worker processes (results in order);
    without it they are built here, through `memo`."""
    return begin(site, memo, mapper)()


def begin(site: Site, memo=no_memo, mapper=None, pack: Callable | None = None) -> Callable[[], Index]:
    """`build` in two steps: the clusters' parts `memo` does not have are handed to the workers
    now (behind any work handed to them before: the pages), the index is put together when the
    returned function is called; `pack(bytes)` (a function a worker can be sent) is applied there
    to the files of each part built there (Index.ready)."""
    stemmer = Stemmer()
    have: dict[str, Part] = {}
    todo, results = [], iter(())
    if mapper is not None:  # the parts `memo` does not have are built on the workers, then remembered
        for cl in site.clusters:
            try:
                have[cl.slug] = cluster_part(site, cl.slug, stemmer, memo, _later)
            except _Later:
                pass
        todo = [cl for cl in site.clusters if cl.slug not in have]
        if len(todo) > 1:  # one part (an edit) is built here, where `memo` has its documents' weights
            results = mapper(_part, [(cl.slug, cl.short_name, urls.search_part(cl.slug), _cluster_only(site, cl.slug),
                                      pack) for cl in todo])
        else:
            todo = []

    def done() -> Index:
        ready: dict[str, object] = {}
        return replace(_index(site, stemmer, memo, have, dict(_remembered(todo, results, memo, ready))), ready=ready)
    return done


def _remembered(todo: list, results, memo, ready: dict) -> Iterator[tuple[str, Part]]:
    """Each part built on the workers, its documents' weights given to `memo` as they come, the
    packed forms of its files put in `ready`."""
    for cl, (part, made, packed) in zip(todo, results):
        for name, (inputs, weights) in made.items():
            memo(name, inputs, lambda weights=weights: weights)
        ready.update(packed)
        yield cl.slug, part


def _index(site: Site, stemmer: Stemmer, memo, have: dict[str, Part], built: dict[str, Part]) -> Index:
    clusters = [have[cl.slug] if cl.slug in have else
                cluster_part(site, cl.slug, stemmer, memo, (lambda part=built[cl.slug]: part) if cl.slug in built else None)
                for cl in site.clusters]
    parts = [regional_part(site, stemmer, memo)] + clusters
    files = {path: data for p in parts for path, data in p.files}
    files[urls.SEARCH_MANIFEST] = manifest(parts)
    for cl, part in zip(site.clusters, clusters):
        # What the cluster's zip carries as search/manifest.js: that cluster alone.
        files[urls.search_bundle_manifest(cl.slug)] = manifest([part])
    return Index(files, tuple(parts))


def _kb(n: int) -> str:
    return f"{max(1, round(n / 1024))} КБ"


def size_report(site: Site, index: Index) -> dg.Diagnostic:
    """The index size, as the build reports it: the whole, and the most one query word loads."""
    total = sum(len(b) for b in index.files.values())
    shard = max((len(b) for p in index.parts for path, b in p.files if "/t-" in path), default=0)
    by_code: dict[str, int] = {}
    for p in index.parts:
        for path, b in p.files:
            if "/t-" in path:
                code = path.rsplit("/t-", 1)[1]
                by_code[code] = by_code.get(code, 0) + len(b)
    widest = max(by_code.values(), default=0)
    return dg.info("search.index", site.config.file or "site_config.yaml", None,
                   f"Поисковый индекс: {_kb(total)} в {len(index.files)} файлах; манифест "
                   f"{_kb(len(index.files[urls.SEARCH_MANIFEST]))}, самый большой файл слов {_kb(shard)}, "
                   f"одно слово запроса загружает не больше {_kb(widest)}.",
                   "Ничего делать не нужно: это справка. Индекс растёт с объёмом текста страниц; "
                   "страница загружает только файлы слов запроса и найденных документов.")
