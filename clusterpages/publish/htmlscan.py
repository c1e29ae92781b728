"""A small HTML scanner and the link edits made with it (pure): the start tags of a page with
their spans, addresses resolved against the page, absolute addresses from base_url.

Used where pages are rewritten for use elsewhere: cluster zips and CMS fragments.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

_SPAN_KEEPS = ("id", "class", "lang", "title")


class Tag(NamedTuple):
    """One start or end tag of a document, with its character span in the text (a named tuple:
    a page has thousands, made on every build)."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    start: int
    end: int
    closing: bool

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.attrs if k == name), None)


_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>script|style|textarea)\b(?P<rawattrs>[^>]*)>"
    r"|<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:\s+[^\s/>\"'=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>"
    r"|</(?P<end>[a-zA-Z][a-zA-Z0-9-]*)\s*>",
    re.S | re.I)
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "textarea")}


@functools.lru_cache(maxsize=4)
def _token(ends: tuple[str, ...] | None) -> re.Pattern:
    """_TOKEN, its end tags only those named in `ends` (None: every end tag)."""
    if ends is None:
        return _TOKEN
    names = "|".join(re.escape(e) for e in ends) or "(?!)"  # (?!): never
    return re.compile(_TOKEN.pattern.replace(r"</(?P<end>[a-zA-Z][a-zA-Z0-9-]*)\s*>", rf"</(?P<end>{names})\s*>"),
                      re.S | re.I)
_ATTR = re.compile(r"([^\s/>\"'=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")


@functools.lru_cache(maxsize=1 << 14)
def _attrs(text: str) -> tuple[tuple[str, str | None], ...]:
    """The attributes written in `text`, parsed once a process (every page repeats its menus',
    header's and footer's)."""
    if not text:
        return ()
    out = []
    for m in _ATTR.finditer(text):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        out.append((m.group(1).lower(), None if value is None else html.unescape(value) if "&" in value else value))
    return tuple(out)


def scan(text: str, having: re.Pattern | None = None, ends: tuple[str, ...] | None = None,
         start: int = 0, end: int | None = None) -> list[Tag]:
    """Every tag of `text` in document order (script, style and textarea contents are not looked into);
    with `having`, only the start tags whose attributes' text it finds something in (and every end
    tag); with `ends`, only the end tags of these names (and those of script, style and textarea);
    with `start` and `end`, only those of `text[start:end]` (a stretch that starts and ends between
    tags), at their places in `text`.

    A regular-expression tokenizer: the pages are our own templates' output, and this runs over
    every page of every build, where html.parser was most of the publishing time.
    """
    tags: list[Tag] = []
    stop = len(text) if end is None else end
    token = _token(ends)
    # a start tag without attributes is looked at only by a `having` that finds something in nothing
    bare = having is None or having.search("") is not None
    pos = start
    while pos is not None:
        pos = _scan_from(text, pos, stop, token, having, bare, tags)
    return tags


def _scan_from(text: str, pos: int, stop: int, token: re.Pattern, having: re.Pattern | None, bare: bool,
               tags: list[Tag]) -> int | None:
    """`scan` from `pos` up to the next raw element (its tags added): where to go on after it (None:
    the end). The kind of each token is told by the last group it matched (one look, not three)."""
    for m in token.finditer(text, pos, stop):
        kind = m.lastgroup
        if kind == "attrs":  # a start tag (its attributes' group matched last, maybe empty)
            attrs = m.group("attrs")
            if having is None or (having.search(attrs) if attrs else bare):
                tags.append(Tag(m.group("name").lower(), _attrs(attrs), m.start(), m.end(), False))
        elif kind == "end":
            tags.append(Tag(m.group("end").lower(), (), m.start(), m.end(), True))
        elif kind == "rawattrs":
            # Its body is not looked into: the end is searched for (megabytes of code in an admin page's
            # <textarea> would be walked a character at a time by a lazy pattern). An unclosed one is text.
            raw = m.group("raw").lower()
            closing = _RAW_END[raw].search(text, m.end(), stop)
            if closing is None:
                continue
            attrs = m.group("rawattrs")
            if having is None or having.search(attrs):
                tags.append(Tag(raw, _attrs(attrs), m.start(), m.end(), False))
            tags.append(Tag(raw, (), closing.start(), closing.end(), True))
            return closing.end()
    return None


class Outline(NamedTuple):
    """What `outline` finds of a fragment's tags as a whole."""

    names: frozenset[str]              # every start tag's name
    handler: bool                      # some start tag has an on… attribute
    roots: int                         # start tags at depth 0 (void tags count as closed at once)
    depth: int                         # the depth after the last tag (0: balanced)
    first: Tag | None                  # the first root, with its attributes
    text_outside: bool                 # text before the first tag or after the last one


_HANDLER = re.compile(r"\son", re.I)  # an attribute name starting with «on» follows white space


def outline(text: str, void: frozenset[str]) -> Outline:
    """The outline of `text` as `scan(text)` would give it, tag by tag, without making a Tag of
    every tag (a CMS piece is checked on every build: this is a third of scan's time there);
    `void`: the names of tags that are never closed."""
    names: set[str] = set()
    handler, depth, roots, first, last = False, 0, 0, None, 0
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        pos = m.end()
        raw, name, end = m.group("raw", "name", "end")
        if raw or name:
            if raw:  # its end is searched for, its body not looked into (as scan does)
                closing = _RAW_END[raw.lower()].search(text, pos)
                if closing is None:  # an unclosed one is text
                    continue
                pos = closing.end()
            last = pos
            attrs = m.group("rawattrs") if raw else m.group("attrs")
            name = (raw or name).lower()
            names.add(name)
            if not handler and attrs and _HANDLER.search(attrs):
                handler = any(k.startswith("on") for k, _ in _attrs(attrs))
            if depth == 0:
                roots += 1
                if first is None:
                    first = Tag(name, _attrs(attrs), m.start(), m.end(), False)
            if not raw and name not in void:  # a raw element is closed by its end, found above
                depth += 1
        elif end:
            depth, last = depth - 1, pos
    outside = first is None or bool(text[:first.start].strip()) or bool(text[last:].strip())
    return Outline(frozenset(names), handler, roots, depth, first, outside)


def start_tag(name: str, attrs) -> str:
    parts = [name] + [k if v is None else f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs]
    return "<" + " ".join(parts) + ">"


def span_for(tag: Tag) -> str:
    """The <span> that replaces a link: its text stays, the address goes."""
    return start_tag("span", [(k, v) for k, v in tag.attrs if k in _SPAN_KEEPS])


def apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in sorted(edits):
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


@functools.lru_cache(maxsize=1 << 14)
def _relative(value: str) -> tuple[str, str] | None:
    """(path, fragment) of a relative address; None for outside addresses and page-local
    anchors. Pages repeat their menus' addresses: each is split once per process."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme or value.startswith("//") or not parts.path:
        return None
    return unquote(parts.path), parts.fragment


def resolve(value: str, page: str) -> tuple[str, str] | None:
    """(site path, fragment) of a relative address written on `page`; None for outside
    addresses, page-local anchors and paths leaving the site."""
    return _resolve_in(value, posixpath.dirname(page))


@functools.lru_cache(maxsize=1 << 14)
def _resolve_in(value: str, folder: str) -> tuple[str, str] | None:
    """`resolve` on a page in `folder`: the menu, footer and assets of every page of a folder are
    the same addresses (and a page's are resolved for its zip copy and again for its link check)."""
    found = _relative(value)
    if found is None:
        return None
    path, fragment = found
    target = posixpath.normpath(posixpath.join(folder, path))
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    if target.startswith("../") or target == "..":
        return None
    return target, fragment


def absolute(base_url: str, target: str, fragment: str = "") -> str:
    """`base_url` (ends with /) + the site path, percent-encoded where needed."""
    return base_url + quote(target, safe="/") + (f"#{fragment}" if fragment else "")
