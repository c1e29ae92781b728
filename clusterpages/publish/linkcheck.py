"""Every link inside the site resolves to a written file, every #fragment to an id.

Pages are scanned with regular expressions rather than a full HTML parser: the pages are
our own templates' output (attributes always double-quoted), and the scan runs over every
page of every build, so it has to be fast.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from clusterpages.publish import htmlscan
from clusterpages.publish.write import content
from clusterpages.values import diagnostics as dg
from clusterpages.values import urls

# The attributes the check reads; a start tag without any of them needs no look.
LINKED = re.compile(r"\s(?:href|src|poster|srcset|id|style)\s*=", re.I)
_CHECKED = frozenset({"href", "src", "poster"})
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


@dataclass(frozen=True)
class Scan:
    """The links and ids of one page. The links are kept pickled: one object a page instead of a
    few hundred (the main process holds every page's scan until the check; 10,000 pages' links
    as tuples and strings were a few hundred MB)."""

    packed: bytes           # pickle of ((attribute, value, line), …) or, resolved, ((attribute, value, line, where), …)
    ids: frozenset[str]

    @classmethod
    def of(cls, links, ids, page: str | None = None) -> "Scan":
        """`page`: the site path of the page the links are on, to resolve them now (`where`: on
        the worker that rendered the page, not in the check after every page is made)."""
        if page is not None:
            links = [(attr, value, line, where(page, value)) for attr, value, line in links]
        return cls(pickle.dumps(tuple(links), protocol=pickle.HIGHEST_PROTOCOL), frozenset(ids))

    @property
    def links(self) -> tuple[tuple, ...]:
        """(attribute, value, line) of each link, followed by `where` it points when resolved."""
        return pickle.loads(self.packed)


def where(page: str, value: str) -> tuple[str, str] | str | None:
    """Where a link written on `page` points: None outside the site (not checked), "/" written
    from the site's root, else (site path — starting with "../" when it leaves the site —, fragment)."""
    parts = urlsplit(value)
    if parts.scheme or value.startswith("//"):
        return None
    if value.startswith("/"):
        return "/"
    found = htmlscan.resolve(value, page)  # None: a page-local anchor, or a path leaving the site
    return (found[0] if found else ("../" if parts.path else page)), parts.fragment


def scan(text: str, tags: list[htmlscan.Tag] | None = None, page: str | None = None) -> Scan:
    """Links and ids of one HTML page; `tags`: the page's `htmlscan.scan(text, having)` when the
    caller has it, with `having` finding at least what LINKED finds (one scan a page serves the
    zip copy and the check); `page`: its site path, to resolve the links now (Scan.of)."""
    links, ids = found(text, tags, at=False)
    return Scan.of(links, ids, page)


def found(text: str, tags: list[htmlscan.Tag] | None = None, at: bool = True) -> tuple[list[tuple], set[str]]:
    """(attribute, value, line) of each link of `text` — with `at`, followed by where its tag
    starts — and its ids (`scan` without making a Scan)."""
    if tags is None:
        tags = htmlscan.scan(text, LINKED, ())  # start tags only: no end tag holds a link
    links, ids = [], set()
    line, pos = 1, 0
    for tag in tags:
        if tag.closing or not tag.attrs:
            continue
        line += text.count("\n", pos, tag.start)
        pos = tag.start
        where = (tag.start,) if at else ()
        for name, value in tag.attrs:
            if value is None:
                continue
            if name == "id":
                ids.add(value)
            elif name in _CHECKED:
                links.append((name, value, line) + where)
            elif name == "srcset":
                links += [(name, part.strip().split(" ")[0], line) + where for part in value.split(",") if part.strip()]
            elif name == "style":
                links += [("style", url, line) + where for url in _CSS_URL.findall(value)]
    return links, ids


class Scans(dict):
    """Scans of the site's HTML files, each made the first time it is asked for: a page only
    linked to (a CMS fragment) is scanned only when a link names one of its anchors."""

    def __init__(self, files: dict[str, bytes], known: dict[str, Scan]):
        super().__init__(known)
        self.files = files

    def __missing__(self, path: str) -> Scan:
        self[path] = value = scan(content(self.files[path]).decode("utf-8"))
        return value

    def has(self, path: str) -> bool:
        return path.endswith(".html") and path in self.files


def check(files: dict[str, bytes], others: set[str], scans: dict[str, Scan] | None = None) -> list[dg.Diagnostic]:
    """`files` are the written pages and artifacts; `others` the copied files' site paths.

    `scans` may carry already computed scans of pages (from a cache); missing ones are made.
    """
    existing = set(files) | others
    parsed = Scans(files, scans or {})
    diags = []
    for page in checked_pages(files):
        diags += check_page(page, existing, parsed)
    return diags + check_styles(files, existing, parsed)


@dataclass(frozen=True)
class Checked:
    """What a check found, kept for the next one: the files that existed, and per page its bytes'
    digest, its ids' digest and its findings."""

    existing: frozenset[str]
    pages: dict[str, tuple[str, str, tuple[dg.Diagnostic, ...]]]


def check_again(files: dict[str, bytes], others: set[str], scans: dict[str, Scan], digests: dict[str, str],
                before: Checked | None, key) -> tuple[list[dg.Diagnostic], Checked]:
    """`check`, reusing `before` (the previous build's): while no file went and no changed page's
    ids changed, a page with the same bytes (`digests`: page → digest of its bytes) has the same
    findings — unless it had some and files came (one may be the target it missed) —, so only
    the changed pages are checked. `key(*parts)` makes a digest."""
    existing = frozenset(files) | others
    parsed = Scans(files, scans)
    pages = checked_pages(files)
    old = before.pages if before is not None and not (before.existing - existing) else {}
    came = before is not None and existing != before.existing
    changed = [p for p in pages if p not in old or old[p][0] != digests[p] or (came and old[p][2])]
    ids_now = {p: key(*sorted(parsed[p].ids)) for p in changed}
    if any(p in old and old[p][1] != ids_now[p] for p in changed):
        changed = pages  # an anchor came or went: every page's links are checked
        ids_now = {p: key(*sorted(parsed[p].ids)) for p in pages}
    found = {p: tuple(check_page(p, existing, parsed)) for p in changed}
    kept = {p: (digests[p], ids_now[p], found[p]) if p in found else old[p] for p in pages}
    diags = [d for p in pages for d in kept[p][2]]
    return diags + check_styles(files, existing, parsed), Checked(existing, kept)


def checked_pages(files) -> list[str]:
    """The pages whose links are checked (fragments and zips have their own rules)."""
    return sorted(p for p in files if p.endswith(".html") and not p.startswith((urls.EMBED, urls.DOWNLOADS)))


def check_page(page: str, existing: set[str], parsed) -> list[dg.Diagnostic]:
    diags = []
    for attr, value, line, *resolved in parsed[page].links:
        diags += _verdict(page, attr, value, line, resolved[0] if resolved else where(page, value), existing, parsed)
    return diags


def check_styles(files: dict[str, bytes], existing: set[str], parsed) -> list[dg.Diagnostic]:
    diags = []
    for path, data in sorted(files.items()):
        if path.endswith(".css"):
            for url in _CSS_URL.findall(content(data).decode("utf-8")):
                diags += _verdict(path, "url()", url, None, where(path, url), existing, parsed)
    return diags


def _verdict(page, attr, value, line, points, existing, parsed) -> list[dg.Diagnostic]:
    """What is wrong with one link of `page`, which `where` found `points` somewhere."""
    if points is None:
        return []
    if points == "/":
        return [dg.error("link.absolute", f"output/{page}", line, f"Ссылка «{value}» от корня сайта не работает из "
                         "подпапки и с диска.", "Все ссылки должны быть относительными.")]
    target, fragment = points
    if target.startswith("../") or target not in existing:
        return [dg.error("link.broken", f"output/{page}", line, f"Ссылка {attr}=«{value}» ведёт на несуществующий файл.",
                         "Исправьте ссылку в содержимом или шаблоне.")]
    if fragment and parsed.has(target) and unquote(fragment) not in parsed[target].ids:
        return [dg.error("link.fragment", f"output/{page}", line,
                         f"Ссылка «{value}»: на странице нет якоря «#{fragment}».",
                         "Исправьте якорь или добавьте заголовок с таким id.")]
    return []


def in_folder(diags: list[dg.Diagnostic], folder: str) -> list[dg.Diagnostic]:
    """The link check's diagnostics with the output folder named as `folder` (they say «output/…»
    where they are made and kept)."""
    return [replace(d, file=folder + d.file[len("output"):]) if d.code.startswith("link.") and d.file.startswith("output/")
            else d for d in diags]
