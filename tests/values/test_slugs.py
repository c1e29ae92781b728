"""Slugs: Wikipedia-style transliteration by iuliia, worked out word by word (values/text.py) and
the same as iuliia gives for the whole text."""

from __future__ import annotations

import re

import iuliia
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.values import text


def _whole(value: str) -> str:
    latin = iuliia.WIKIPEDIA.translate(value.replace("ё", "е").replace("Ё", "Е")).lower()
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "item"


def test_known_slugs():
    assert text.slugify("Томский аграрный колледж") == "tomsky-agrarny-kolledzh"
    assert text.slugify("Ёлки и ели: 2023 год") == "yelki-i-yeli-2023-god"
    assert text.slugify("«»") == "item"


# Letters whose Wikipedia rendering depends on the letter before or after, or on the word's end.
LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЕЁЙЫЬЪЮЯ"


@settings(max_examples=500)
@given(st.text(alphabet=LETTERS + " -–,.«»0123abcXYZ_\u00a0", max_size=60))
def test_word_by_word_is_iuliias_whole_text(value):
    text.slugify.cache_clear()
    assert text.slugify(value) == _whole(value)
