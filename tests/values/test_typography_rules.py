"""The rule «one- and two-letter words stick to the next word» has two forms (typography._ShortWords):
the pattern as written, and, for a run of text without inline tags, a search from the spaces. The
two give the same text: on the written-out cases and on any text from the characters that matter."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.values import typography

RULE = typography._ShortWords()
NBSP = typography.NBSP
INLINE = typography._INLINE


def _as_written(text: str) -> str:
    return RULE.pattern.sub(RULE.replacement, text)


@pytest.mark.parametrize("text, expected", [
    ("и в дом", f"и{NBSP}в{NBSP}дом"),
    ("в  \n дом", f"в{NBSP}дом"),                     # the whole run of spaces becomes one no-break space
    ("дом на горе", f"дом на{NBSP}горе"),
    ("на <b>", "на <b>"),                             # not before what no word starts with
    ("5в дом", "5в дом"),                             # a digit before: not a word of its own
    ("из-за угла", "из-за угла"),                     # a hyphen before «за»
    ("т.е. в «Доме»", f"т.е. в{NBSP}«Доме»"),
    ("ab cd ef", f"ab{NBSP}cd{NBSP}ef"),
    ("abc de", "abc de"),
    (f"в{INLINE} дом", f"в{INLINE}{NBSP}дом"),        # with an inline tag: the pattern as written
    ("", ""),
    ("я", "я"),
])
def test_short_words(text, expected):
    assert RULE.sub(RULE.replacement, text) == expected
    assert _as_written(text) == expected


_CHARS = list("ав дыёzAB5_-.\u00ad \t\n\r«„\"“([№§+−-,)") + [INLINE, NBSP]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_CHARS), max_size=24))
def test_from_the_spaces_is_the_pattern_as_written(text):
    assert RULE.sub(RULE.replacement, text) == _as_written(text)


_INITIAL_CHARS = list("ВПAZва. \u00a0") + [INLINE]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_INITIAL_CHARS), max_size=12))
def test_the_initials_guards_find_what_a_capital_first_search_finds(text):
    # The guards are written from the dot; a rule runs exactly when the plain form would let it.
    assert bool(re.search(typography._INITIAL, text)) == bool(re.search(r"[А-ЯЁA-Z]\.", text))
    assert bool(re.search(typography._INITIALS, text)) == bool(re.search(f"[А-ЯЁ]\\.{NBSP}?[А-ЯЁ]\\.", text))


def test_the_rule_runs_after_the_others_and_once():
    # The fast form is the last rule, like the pattern it stands for; typographing twice changes nothing.
    assert typography._RULES[-1][2].__class__ is typography._ShortWords
    once = typography.typograph("Он шёл в дом и на работу, а я — в сад.")
    assert typography.typograph(once) == once
    assert f"в{NBSP}дом" in once and f"и{NBSP}на{NBSP}работу" in once


# Pieces of HTML where a rule could reach across a block tag when a body is typographed at once:
# every rule's trigger next to where a paragraph, cell or heading ends or starts.
_HTML_PIECES = ["<p>", "</p>", "<td>", "</td>", "<h2>", "</h2>", "<li>", "<br>", "<b>", "</b>", "<a href=\"#x\">",
                "</a>", "<!-- x -->", "<code>1 кг</code>", " ", "\n", "  ", "в", "ab", "дом", "5", "2022", "25.12.2022",
                "г.", "года", "№", "§", "п.", "В.", "П.", "Фёдоров", "—", "–", "-", "·", ",", ";", ":", ".", "...", "!",
                "✔", "%", "\"", "«", "»", "„", "“", "”", "(", "&amp;", "&nbsp;", "\u00a0"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=30))
def test_a_body_typographed_at_once_is_the_same_as_run_by_run(pieces):
    source = "".join(pieces)
    typography._apply_run.clear()
    assert typography.typograph_html(source, seen_once=True) == typography.typograph_html(source)


_ICON_CHARS = list("✔✕→◐!aб1 \n") + [INLINE, NBSP]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ICON_CHARS), max_size=14))
def test_the_icon_rule_is_the_icon_pattern_as_written(text):
    as_written = re.compile(rf"({typography._ICON})({typography._M}){typography._SP}+({typography._M})"
                            rf"(?={typography._LETTER})")
    rule = next(r for r in typography._RULES if r[1] is not None and r[1].pattern == "[\u2190-\u2bff!]")
    assert rule[2].sub(rule[3], text) == as_written.sub(rule[3], text)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789..а ")), max_size=16))
def test_the_date_guard_finds_what_a_digit_first_search_finds(text):
    assert bool(typography._MAYBE_DATE.search(text)) == bool(re.search(r"\d\.\d{1,2}\.\d{4}", text))


def _every_rule_as_written(text: str) -> str:
    """typography._apply without its shortcuts: each rule's guard and pattern over the whole text."""
    if typography._MAYBE_DATE.search(text):
        text = typography._NUMERIC_DATE.sub(typography._date_in_words, text)
    for _, guard, pattern, replacement in typography._RULES:
        if guard is None or guard.search(text):
            text = pattern.sub(replacement, text)
    return typography._quotes(text)


_TEXT_PIECES = [typography._BLOCK, INLINE, " ", "\n", "в", "ab", "дом", "Дом", "5", "2022", "25.12.2022", "г.", "года",
                "№", "§", "п.", "В.", "П.", "Фёдоров", "—", "–", "-", "·", ",", ";", ":", ".", "..", "...", "!", "✔",
                "%", "\"", "«", "»", NBSP]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=30))
def test_the_rules_with_their_shortcuts_are_the_rules_as_written(pieces):
    # The shortcuts: a rule is skipped when no character it needs is left (what a text holds is found
    # once, then only what a rule writes is added), and over a body only the runs holding one are given
    # to a rare rule. Pieces that make a rule remove what another needs («...», «..», «,,» and «- »).
    text = "".join(pieces)
    assert typography._apply(text) == _every_rule_as_written(text)
