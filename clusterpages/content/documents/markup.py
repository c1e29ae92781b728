"""Markdown to safe HTML: Python-Markdown for the syntax, nh3 for the allow-list.

Raw HTML in content is sanitised, not rejected; whatever the sanitiser removed is
reported so the author knows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import escape as html_escape
from html.parser import HTMLParser
from types import MappingProxyType

import markdown
import nh3
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import NormalizeWhitespace, Preprocessor
from markdown.extensions.attr_list import AttrListExtension, AttrListTreeprocessor
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import ETX, STX, AtomicString, Processor

from clusterpages.values.text import toc_slugify

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


# Where an inline pattern of Python-Markdown can start (INLINE_PATTERNS, by name): a code span or
# escape (backslash, backtick), a link, reference or image ([, ![), an autolink, e-mail or HTML
# (<), an entity (&), emphasis (*, _), a hard line break (two spaces before a new line).
INLINE_PATTERNS = ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                   "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong")
_INLINE_STARTS = re.compile(r"[\\`\[<&*_]|  \n")


class _PlainTextFirst(InlineProcessor):
    """Python-Markdown's inline processor, which tries each of its fourteen patterns on every text
    of the tree (in a table, on every cell): a text with nothing any of them can start with is
    given back as it is, as the patterns would leave it, without trying them (a third of
    converting a page of the benchmark's corpus). Overrides the one private method that applies
    the patterns to a text (Python-Markdown is pinned; tests/content/test_markup_plain.py checks
    the patterns are those INLINE_PATTERNS names and that plain text converts the same)."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802
        if patternIndex == 0 and not isinstance(data, AtomicString) and _INLINE_STARTS.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


class _AttrListWhenBraced(AttrListTreeprocessor):
    """attr_list's tree processor, which looks at every element for an attribute list: run only
    on a document whose text has a «{» (every attribute list starts with one); `_md` says which."""

    braced = True

    def run(self, doc) -> None:
        if self.braced:
            super().run(doc)


class _OnlyWhen(Processor):
    """A pre- or tree processor of Python-Markdown that searches the whole document, run only on a
    document whose text has what it looks for (`wanted`; `_md` says): fenced_code's a fence (three
    «`» or «~»), html_block's raw HTML (its parser gives back text without a «<» or a «&» as it
    is), unescape's the stand-ins of backslash escapes (none without a «\\»)."""

    wanted = True

    def __init__(self, inner: Processor) -> None:
        super().__init__(inner.md)
        self.inner = inner

    def __getattr__(self, name: str):
        # What other parts of Python-Markdown read of the processor (the inline HTML pattern reads
        # unescape's `RE`) is the processor's own.
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def run(self, found):
        if self.wanted:
            return self.inner.run(found)
        return found if isinstance(self.inner, Preprocessor) else None  # lines as they are; the tree unchanged


class _NormalizedWhitespace(NormalizeWhitespace):
    """Python-Markdown's whitespace normalisation, each step taken only on a text that has what it
    changes (its last, a pattern starting with a lookbehind, tried the whole text at every place)."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        if STX in source or ETX in source:
            source = source.replace(STX, "").replace(ETX, "")
        if "\r" in source:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        source += "\n\n"
        if "\t" in source:
            source = source.expandtabs(self.md.tab_length)
        if " \n" in source:
            source = _SPACES_LINE.sub("\n", source)
        return source.split("\n")


_SPACES_LINE = re.compile(r"(?<=\n) +\n")


class _HeadingIds(TocTreeprocessor):
    """The toc extension's tree processor, which gives headings their ids (what it is here for)
    and builds the table of contents, which only a [TOC] marker shows: without one (`marker`
    empty, `_md`), the table is left empty (never built, written out and post-processed)."""

    def build_toc_div(self, toc_list: list):
        return super().build_toc_div(toc_list if self.marker else [])


class _Toc(TocExtension):
    TreeProcessorClass = _HeadingIds


class _Guarded(BlockProcessor):
    """A block processor of Python-Markdown asked about a block only when the block has what its
    pattern cannot match without (`needs`): most blocks are paragraphs, and the patterns of the
    quote, header and rule processors search a whole paragraph to find nothing (a tenth of
    converting a page of the benchmark's corpus). The processor itself does the work."""

    def __init__(self, inner: BlockProcessor, needs) -> None:
        super().__init__(inner.parser)
        self.inner, self.needs = inner, needs

    def test(self, parent, block: str) -> bool:
        return self.needs(block) and self.inner.test(parent, block)

    def run(self, parent, blocks: list[str]):
        return self.inner.run(parent, blocks)


# Block processor (by name) → what a block has whenever its pattern matches: `quote` a «>»,
# `hashheader` a «#», `setextheader` a line starting with «=» or «-» after the first, `hr` three
# «-», «_» or «*», `reference` a «]:» (its test says yes to every block and its run looks), `table`
# a «|» and a second line.
GUARDS = MappingProxyType({
    "quote": lambda b: ">" in b,
    "hashheader": lambda b: "#" in b,
    "setextheader": lambda b: "\n=" in b or "\n-" in b,
    "hr": lambda b: b.count("-") >= 3 or b.count("_") >= 3 or b.count("*") >= 3,
    "reference": lambda b: "]:" in b,
    "table": lambda b: "|" in b and "\n" in b,
})


class _Markdown(markdown.Markdown):
    """Python-Markdown, its `is_block_level` answered once per tag name: the stock one searches the
    list of ~50 block-level names on every call, and the prettifier calls it for every element of
    the document (~170 times a page of the benchmark's corpus; 5 % of converting it)."""

    def reset(self) -> "_Markdown":
        self.levels: dict[str, bool] = {}  # the list may change between documents: asked again
        return super().reset()

    def is_block_level(self, tag) -> bool:
        if not isinstance(tag, str):
            return False
        found = self.levels.get(tag)
        if found is None:
            found = self.levels[tag] = super().is_block_level(tag)
        return found


@functools.lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    # The extensions are given as objects: named by strings, Python-Markdown looks each name up
    # among the installed packages' entry points, which reads every package's metadata (25–35 ms
    # of every process that parses a page, a rebuild after one edit included).
    md = _Markdown(
        extensions=[TableExtension(), AttrListExtension(), FencedCodeExtension(),
                    _Toc(slugify=toc_slugify, permalink=False), SaneListExtension()],
        output_format="html")
    md.treeprocessors.register(_PlainTextFirst(md), "inline", _INLINE_PRIORITY)
    md.treeprocessors.register(_AttrListWhenBraced(md), "attr_list", _ATTR_LIST_PRIORITY)
    for reg, names in ((md.preprocessors, ("fenced_code_block", "html_block")), (md.treeprocessors, ("unescape",))):
        for item in [i for i in reg._priority if i.name in names]:
            reg.register(_OnlyWhen(reg[item.name]), item.name, item.priority)
    item = next(i for i in md.preprocessors._priority if i.name == "normalize_whitespace")
    md.preprocessors.register(_NormalizedWhitespace(md), item.name, item.priority)
    blocks = md.parser.blockprocessors
    priorities = {item.name: item.priority for item in blocks._priority}
    for name, needs in GUARDS.items():
        blocks.register(_Guarded(blocks[name], needs), name, priorities[name])
    return md


_TOC_MARKER = "[TOC]"  # the toc extension's default marker
_INLINE_PRIORITY = 20  # Python-Markdown's own for its inline processor: first of the tree processors
_ATTR_LIST_PRIORITY = 8  # attr_list's own


def _md(text: str | None = None) -> markdown.Markdown:
    """The Markdown parser, reset for a new document: one per process (setting up the
    extensions costs a tenth of converting a page), reset as Python-Markdown documents.
    Given the document's `text`, the toc extension (which gives headings their ids) looks for its
    [TOC] marker, in every element of the document, only when the text has one, and attr_list for
    attribute lists only when it has a «{»."""
    md = _parser().reset()
    md.treeprocessors["toc"].marker = _TOC_MARKER if text is None or _TOC_MARKER in text else ""
    md.treeprocessors["attr_list"].braced = text is None or "{" in text
    md.preprocessors["fenced_code_block"].wanted = text is None or "```" in text or "~~~" in text
    md.preprocessors["html_block"].wanted = text is None or "<" in text or "&" in text
    md.treeprocessors["unescape"].wanted = text is None or "\\" in text
    return md


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


def _too_deep(text: str) -> bool:
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
        return _md(text).convert(text), notes
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
