"""Markdown to safe HTML: Python-Markdown for the syntax, nh3 for the allow-list.

Raw HTML in content is sanitised, not rejected; whatever the sanitiser removed is
reported so the author knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape as html_escape
from html.parser import HTMLParser

import nh3

from clusterpages.content.documents import mdparser


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
    "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"}, "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Markdown's table alignment (`|:---|`) is the only style content may carry.
STYLE_PROPERTIES = {"text-align"}
# Classes from content would reach the theme's own (fixed panels, slides, hidden text) and
# its scripts' selectors; only the code-highlighting class of fenced code is kept.
_CLASS_OK = re.compile(r"^language-[\w+#.-]{1,40}$")


@dataclass(frozen=True)
class Rendered:
    html: str
    removed: tuple[str, ...]  # what the sanitiser took out, e.g. ("<script>", "onerror=")


class _Inventory(HTMLParser):
    def __init__(self, convert_charrefs: bool = True):
        super().__init__(convert_charrefs=convert_charrefs)
        self.items: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.items.add(f"<{tag}>")
        for name, value in attrs:
            if name == "rel" or (tag == "a" and name == "target"):
                continue
            if name in ("href", "src") and value:
                scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.\-]*):", value)
                key = f"{name}={scheme.group(1).lower()}:" if scheme else f"{name}="
            elif name == "style" and value:
                for prop in re.findall(r"(?:^|;)\s*([a-zA-Z-]+)\s*:", value):
                    self.items.add(f"style={prop.lower()}")
                continue
            elif name == "class" and value:
                for token in value.split():
                    self.items.add(f"class={token}")
                continue
            else:
                key = f"{name}="
            self.items.add(key)


def _inventory(html: str) -> set[str]:
    try:
        parser = _Inventory()
        parser.feed(html)
        parser.close()
    except (ValueError, OverflowError):  # a character reference too long for int()
        parser = _Inventory(convert_charrefs=False)
        parser.feed(html)
        parser.close()
    return parser.items


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "class":
        kept = " ".join(t for t in value.split() if _CLASS_OK.match(t))
        return kept or None
    return value


def sanitize(html: str) -> Rendered:
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRS, url_schemes=URL_SCHEMES,
                      link_rel="noopener noreferrer", strip_comments=True, attribute_filter=_attribute_filter,
                      filter_style_properties=STYLE_PROPERTIES)
    if clean == html:
        return Rendered(clean, ())
    removed = tuple(sorted(_inventory(html) - _inventory(clean)))
    return Rendered(clean, removed)


def removed_line(source: str, removed: tuple[str, ...]) -> int:
    """0-based line in `source` (the Markdown) of the first construct the sanitiser removed."""
    best = None
    for item in removed:
        if item.startswith("<!--"):
            pattern = r"<!--"
        elif item.startswith("<"):
            pattern = r"<\s*/?\s*" + re.escape(item.strip("<>/")) + r"(?![\w-])"
        elif "=" in item:
            name, _, rest = item.partition("=")
            if rest.endswith(":"):  # href=javascript: — the scheme, wherever it is written
                pattern = re.escape(rest[:-1]) + r"\s*:"
            elif rest:  # style=position, class=x
                pattern = re.escape(rest)
            else:
                pattern = r"\b" + re.escape(name) + r"\s*="
        else:
            continue
        m = re.search(pattern, source, re.IGNORECASE)
        if m and (best is None or m.start() < best):
            best = m.start()
    if best is None:
        best = source.find("<")
    return source[:best].count("\n") if best and best > 0 else 0


# Python-Markdown scans to the end of a paragraph for every opener it cannot close, and
# recurses once per level of nested lists: hostile text could take minutes or crash it.
# Openers that close nothing are escaped (they stay literal text, as they would anyway)
# once a paragraph has a pathological number of them; nesting is flattened past a depth.
_OPENERS_LIMIT = 64
MAX_INDENT = 48
MAX_QUOTE = 16
_FLATTENED = "вложенность списков или цитат глубже допустимой (выровнена)"


def _escape_unclosed(block: str) -> str:
    if block.count("[") + block.count("(") + block.count("<") <= _OPENERS_LIMIT:
        return block
    escape: dict[int, str] = {}
    for open_, close in (("[", "]"), ("(", ")")):
        stack: list[int] = []
        for i, ch in enumerate(block):
            if ch == open_ and (i == 0 or block[i - 1] != "\\"):
                stack.append(i)
            elif ch == close and stack:
                stack.pop()
        escape.update((i, "\\" + open_) for i in stack)
    last_lt = None
    for i, ch in enumerate(block):
        if ch == "<":
            if last_lt is not None:
                escape[last_lt] = "&lt;"
            last_lt = i
        elif ch == ">":
            last_lt = None
    if last_lt is not None:
        escape[last_lt] = "&lt;"
    if not escape:
        return block
    return "".join(escape.get(i, ch) for i, ch in enumerate(block))


def _defuse(text: str) -> str:
    if text.count("[") + text.count("(") + text.count("<") <= _OPENERS_LIMIT:
        return text
    return "\n\n".join(_escape_unclosed(b) for b in text.split("\n\n"))


_FENCE = re.compile(r"^\s*(```|~~~)")


def _flatten(text: str) -> str:
    """Cap list indentation and quote depth (outside fenced code); the text itself stays."""
    out, fence = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fence = not fence
        if fence:
            out.append(line)
            continue
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        quotes = re.match(r"^(?:>[ \t]?)+", stripped)
        if quotes and quotes.group(0).count(">") > MAX_QUOTE:
            stripped = "> " * MAX_QUOTE + stripped[quotes.end():]
        out.append(" " * min(indent, MAX_INDENT) + stripped)
    return "\n".join(out)


# A line indented deeper than MAX_INDENT: what makes a text too deep when it has few «>».
_DEEP_INDENT = re.compile(r"^[ \t]{%d}" % (MAX_INDENT + 1), re.M)


def _too_deep(text: str) -> bool:
    if text.count(">") <= MAX_QUOTE and not _DEEP_INDENT.search(text):
        return False  # (most pages: not looked at line by line)
    return any(len(line) - len(line.lstrip(" \t")) > MAX_INDENT or line.lstrip().startswith(">" * (MAX_QUOTE + 1))
               or line.lstrip().count(">") > MAX_QUOTE and re.match(r"^\s*(?:>[ \t]?){%d}" % (MAX_QUOTE + 1), line)
               for line in text.split("\n"))


def _convert(text: str) -> tuple[str, tuple[str, ...]]:
    """Markdown → unsanitised HTML, never slow or crashing on hostile text; notes for the author."""
    text = _defuse(text)
    notes: tuple[str, ...] = ()
    if _too_deep(text):
        flat = _flatten(text)
        if flat != text:
            text, notes = flat, (_FLATTENED,)
    try:
        return mdparser.fresh(text).convert(text), notes
    except RecursionError:
        return "<pre>" + html_escape(text) + "</pre>", (_FLATTENED,)


def render(text: str) -> Rendered:
    """Block Markdown → sanitised HTML. Headings get transliterated ids."""
    html, notes = _convert(text)
    r = sanitize(html)
    return Rendered(r.html, r.removed + notes) if notes else r


_PLAIN = re.compile(r"[^\\`*_\[\]()<>&!~#{}|:]*")


def render_inline(text: str) -> Rendered:
    """One line of inline Markdown (a table cell) → sanitised HTML without a <p>."""
    text = text.strip()
    if _PLAIN.fullmatch(text) and "\n" not in text:
        # Plain text (most cells): what Python-Markdown would give, without building a parser.
        return Rendered(text, ())
    html, notes = _convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    r = sanitize(html)
    return Rendered(r.html, r.removed + notes) if notes else r


def strip_tags(html: str) -> str:
    return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip().replace("&amp;", "&").replace(
        "&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
