"""Markdown to safe HTML: Python-Markdown for the syntax, nh3 for the allow-list.

Raw HTML in content is sanitised, not rejected; whatever the sanitiser removed is
reported so the author knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

from .text import toc_slugify

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRS = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"}, "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Rendered:
    html: str
    removed: tuple[str, ...]  # what the sanitiser took out, e.g. ("<script>", "onerror=")


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.items.add(f"<{tag}>")
        for name, value in attrs:
            if name == "rel" or (tag == "a" and name == "target"):
                continue
            if name in ("href", "src") and value:
                scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.\-]*):", value)
                key = f"{name}={scheme.group(1).lower()}:" if scheme else f"{name}="
            else:
                key = f"{name}="
            self.items.add(key)


def _inventory(html: str) -> set[str]:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.items


def sanitize(html: str) -> Rendered:
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRS, url_schemes=URL_SCHEMES,
                      link_rel="noopener noreferrer", strip_comments=True)
    if clean == html:
        return Rendered(clean, ())
    removed = tuple(sorted(_inventory(html) - _inventory(clean)))
    return Rendered(clean, removed)


def _md() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "attr_list", "fenced_code", "toc", "sane_lists"],
        extension_configs={"toc": {"slugify": toc_slugify, "permalink": False}},
        output_format="html")


def render(text: str) -> Rendered:
    """Block Markdown → sanitised HTML. Headings get transliterated ids."""
    return sanitize(_md().convert(text))


_PLAIN = re.compile(r"[^\\`*_\[\]()<>&!~#{}|:]*")


def render_inline(text: str) -> Rendered:
    """One line of inline Markdown (a table cell) → sanitised HTML without a <p>."""
    text = text.strip()
    if _PLAIN.fullmatch(text) and "\n" not in text:
        # Plain text (most cells): what Python-Markdown would give, without building a parser.
        return Rendered(text, ())
    html = _md().convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return sanitize(html)


def strip_tags(html: str) -> str:
    return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip().replace("&amp;", "&").replace(
        "&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
