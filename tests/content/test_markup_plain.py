"""Text with nothing an inline pattern can start with skips Python-Markdown's inline patterns
(content/documents/mdparser.py, _PlainTextFirst), the toc extension looks for its [TOC] marker only
in a text that has one, attr_list for attribute lists only in a text with a «{», and the block
processors of mdparser.GUARDS are asked only about blocks with what their patterns need: the HTML is
what the stock Python-Markdown gives."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

from clusterpages.content.documents import markup, mdparser
from clusterpages.values.text import toc_slugify


def _stock() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[TableExtension(), AttrListExtension(), FencedCodeExtension(),
                    TocExtension(slugify=toc_slugify, permalink=False), SaneListExtension()],
        output_format="html")


STOCK = _stock()


def test_the_inline_patterns_are_the_ones_the_shortcut_knows():
    # A Python-Markdown that adds or renames an inline pattern must fail here: the shortcut's
    # characters (mdparser._INLINE_STARTS) would have to be checked against it.
    assert [p.name for p in mdparser.parser().inlinePatterns._priority] == list(mdparser.INLINE_PATTERNS)
    assert [p.name for p in STOCK.inlinePatterns._priority] == list(mdparser.INLINE_PATTERNS)
    ours = {"InlineProcessor": "_PlainTextFirst", "AttrListTreeprocessor": "_AttrListWhenBraced",
            "UnescapeTreeprocessor": "_OnlyWhen", "TocTreeprocessor": "_HeadingIds"}
    def order(reg):  # the order a registry runs its processors in: by priority
        return sorted(((p.priority, p.name) for p in reg._priority), reverse=True)
    assert order(mdparser.parser().preprocessors) == order(STOCK.preprocessors)
    assert [t.__class__.__name__ for t in mdparser.parser().treeprocessors] == \
           [ours.get(t.__class__.__name__, t.__class__.__name__) for t in STOCK.treeprocessors]


PLAIN = "абвгд еёжз АБВ abc XYZ 0123 .,;:!?()#~{}|-+=/%«»—\n"
ANY = PLAIN + "\\`*_[]<>&  \n"


@settings(max_examples=400)
@given(st.text(alphabet=ANY, max_size=160))
def test_markdown_converts_as_the_stock_inline_processor_does(text):
    assert mdparser.fresh().convert(text) == STOCK.reset().convert(text)


@settings(max_examples=200)
@given(st.lists(st.text(alphabet=PLAIN.replace("\n", ""), min_size=1, max_size=20), min_size=2, max_size=6))
def test_a_table_of_plain_cells_converts_as_the_stock_one(cells):
    row = "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"
    text = "\n".join([row, "|" + "---|" * len(cells), row, row])
    assert mdparser.fresh().convert(text) == STOCK.reset().convert(text)


@settings(max_examples=300)
@given(st.lists(st.text(alphabet="аб 1|`\\*", max_size=12), min_size=2, max_size=5))
def test_table_rows_with_code_spans_and_escapes_split_as_the_stock_ones(cells):
    # The rows without «`» or «\\» are split at every pipe (mdparser._PlainRowsTable); the others as stock.
    row = "| " + " | ".join(cells) + " |"
    text = "\n".join([row, "|" + "---|" * len(cells), row, "| " + " | ".join(reversed(cells)) + " |"])
    assert mdparser.fresh(text).convert(text) == STOCK.reset().convert(text)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["# Цели", "## Задачи кластера", "[TOC]", "текст [TOC] в строке", "абзац",
                                 "- пункт", "## Цели", "## Итоги {: #itogi }", "абзац\n{: .lead }",
                                 "| а | б {: .x } |\n|---|---|\n| 1 | 2 |", "*курсив*{: .y }"]), max_size=8))
def test_headings_toc_marker_and_attribute_lists_convert_as_the_stock_extensions_do(blocks):
    text = "\n\n".join(blocks)
    assert markup._convert(text)[0] == STOCK.reset().convert(text)


def test_the_guarded_block_processors_are_the_stock_ones_in_their_places():
    ours = [(p.name, p.priority) for p in mdparser.parser().parser.blockprocessors._priority]
    assert ours == [(p.name, p.priority) for p in STOCK.parser.blockprocessors._priority]
    blocks = mdparser.parser().parser.blockprocessors
    ours = {"TableProcessor": "_PlainRowsTable"}
    for name in mdparser.GUARDS:
        stock = type(STOCK.parser.blockprocessors[name])
        assert type(blocks[name].inner).__name__ == ours.get(stock.__name__, stock.__name__)
        assert isinstance(blocks[name].inner, stock)


BLOCKS = ["абзац > не цитата", "> цитата\n> вторая", "# Заголовок #", "текст\n# не первая строка", "Заголовок\n===",
          "Заголовок\n---", "текст - с - тремя - дефисами", "***", "- - -", "___", "* пункт\n* пункт", "1. один\n2. два",
          "[ссылка]: http://example.org \"Подпись\"", "см. [ссылка]", "текст]: не ссылка", "| а | б |\n|---|---|\n| 1 | 2 |",
          "а | б\n--|--\nв | г", "| одна |\n| --- |", "a|b", "    код # > ---", "~~~\n# > ---\n~~~", "абзац\nстрока * * *",
          "> # заголовок в цитате\n> ---", "- пункт\n\n    > цитата в пункте", "абзац_с_подчёркиваниями___"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(BLOCKS), max_size=8), st.sampled_from(["\n\n", "\n"]))
def test_guarded_block_processors_convert_as_the_stock_ones(blocks, joint):
    text = joint.join(blocks)
    assert markup._convert(text)[0] == STOCK.reset().convert(text)


@settings(max_examples=300)
@given(st.text(alphabet=PLAIN + ">#=-_*]:|[\n ", max_size=200))
def test_any_text_of_block_markers_converts_as_the_stock_parser_does(text):
    assert mdparser.fresh(text).convert(text) == STOCK.reset().convert(text)


def test_block_level_tags_are_those_of_the_stock_parser():
    md = mdparser.fresh()
    assert md.block_level_elements == STOCK.block_level_elements
    for tag in ["p", "P", "div/", "span", "table", "td", "details", "em", "", None, 3, "hr", "HR/", "code", "pre"]:
        assert md.is_block_level(tag) == STOCK.is_block_level(tag), tag
    md.block_level_elements.append("x-card")  # the list changed: the next document asks it again
    try:
        assert mdparser.fresh().is_block_level("x-card") is True
    finally:
        md.block_level_elements.remove("x-card")
        mdparser.fresh()
    assert mdparser.fresh().is_block_level("x-card") is False


FENCED = ["```\nкод # > ---\n```", "~~~ python\nx = 1\n~~~", "```{.lang #id}\nа\n```", "`` не забор ``", "~~ не забор",
          "абзац", "# Заголовок", "    отступ ```", "```\nбез конца", "| а |\n|---|\n| ``` |"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(FENCED), max_size=6))
def test_the_fence_preprocessor_is_asked_only_about_a_text_with_a_fence_and_converts_as_the_stock_one(blocks):
    text = "\n\n".join(blocks)
    assert markup._convert(text)[0] == STOCK.reset().convert(text)
    assert mdparser.fresh(text).preprocessors["fenced_code_block"].wanted == ("```" in text or "~~~" in text)


@settings(max_examples=400)
@given(st.text(alphabet=PLAIN + "<>&/ab\n", max_size=120))
def test_the_raw_html_preprocessor_is_asked_only_about_a_text_with_a_tag_or_entity_and_converts_as_stock(text):
    assert mdparser.fresh(text).convert(text) == STOCK.reset().convert(text)
    assert mdparser.fresh(text).preprocessors["html_block"].wanted == ("<" in text or "&" in text)


@settings(max_examples=400)
@given(st.text(alphabet=PLAIN + "\\*_`\t\r \x02\x03", max_size=120))
def test_whitespace_and_escapes_convert_as_the_stock_parser_does(text):
    assert mdparser.fresh(text).convert(text) == STOCK.reset().convert(text)
    assert mdparser.fresh(text).treeprocessors["unescape"].wanted == ("\\" in text)


@pytest.mark.parametrize("text", ["абзац\n \nещё", "абзац\n   \n\n \nещё", "a\n\t\n\tкод", "x\r\n \r\ny", "x\ry",
                                  "стоп\x02x\x03 \n", "- пункт\n  \n  продолжение", "строка с пробелом в конце \nещё",
                                  "текст <b>\\*не курсив\\*</b> и `код`", "<span title=\"a\\_b\">x</span> \\_", "a <i>b</i> c"])
def test_blank_lines_of_spaces_tabs_and_carriage_returns_convert_as_the_stock_parser_does(text):
    assert mdparser.fresh(text).convert(text) == STOCK.reset().convert(text)
