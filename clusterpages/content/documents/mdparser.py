"""Python-Markdown as the build uses it: its extensions set up once a process, and its processors
asked only about what they can change (pure; used by markup.py).

Each shortcut gives the HTML the stock parser gives: tests/content/test_markup_plain.py converts
generated and hand-picked texts with both. Python-Markdown is pinned: the shortcuts know its
processors by name.
"""

from __future__ import annotations

import functools
import re
from types import MappingProxyType

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions.attr_list import AttrListExtension, AttrListTreeprocessor
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension, TableProcessor
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.preprocessors import NormalizeWhitespace, Preprocessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import ETX, STX, AtomicString, Processor

from clusterpages.values.text import toc_slugify


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


class _PlainRowsTable(TableProcessor):
    """The tables extension's processor, which splits every row by walking its code spans and
    escapes to find the pipes that part cells: a row with neither a «`» nor a «\\» has no pipe
    that does not, and is split at each one (its cells are most of a plan's page; a twelfth of
    converting one)."""

    def _split(self, row: str) -> list[str]:
        if "`" not in row and "\\" not in row:
            return row.split("|")
        return super()._split(row)


class _Tables(TableExtension):
    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)  # registers the stock processor as "table", priority 75 (documented)
        md.parser.blockprocessors.register(_PlainRowsTable(md.parser, self.getConfigs()), "table", 75)


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
def parser() -> markdown.Markdown:
    # The extensions are given as objects: named by strings, Python-Markdown looks each name up
    # among the installed packages' entry points, which reads every package's metadata (25–35 ms
    # of every process that parses a page, a rebuild after one edit included).
    md = _Markdown(
        extensions=[_Tables(), AttrListExtension(), FencedCodeExtension(),
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


def fresh(text: str | None = None) -> markdown.Markdown:
    """The Markdown parser, reset for a new document: one per process (setting up the
    extensions costs a tenth of converting a page), reset as Python-Markdown documents.
    Given the document's `text`, the toc extension (which gives headings their ids) looks for its
    [TOC] marker, in every element of the document, only when the text has one, and attr_list for
    attribute lists only when it has a «{»."""
    md = parser().reset()
    md.treeprocessors["toc"].marker = _TOC_MARKER if text is None or _TOC_MARKER in text else ""
    md.treeprocessors["attr_list"].braced = text is None or "{" in text
    md.preprocessors["fenced_code_block"].wanted = text is None or "```" in text or "~~~" in text
    md.preprocessors["html_block"].wanted = text is None or "<" in text or "&" in text
    md.treeprocessors["unescape"].wanted = text is None or "\\" in text
    return md
