"""Normalising, splitting and stemming Russian text for the search index (pure).

The browser side (themes/brandbook/static/search.js) implements the same steps — lower case,
ё → е, words as runs of letters and digits, the Snowball Russian stemmer — so that a query
stemmed in the browser meets the terms stemmed here. tests/search/test_stemmer_agreement.py
runs both over a few thousand word forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer

# Letters and digits of any script; a word is a run of them (hyphens and apostrophes split).
_WORD = re.compile(r"[^\W_]+")
# The same in a text without «_» (almost every text): \w is a letter, a digit or «_», and its
# class is matched faster than the negated one (a fifth of splitting a page into words).
_WORD_NO_UNDERSCORE = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Composed (NFC), soft hyphens dropped, lower case, ё read as е: «Ёлка» and «елка» are one word."""
    return unicodedata.normalize("NFC", text).replace("\u00ad", "").lower().replace("ё", "е")


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order."""
    text = normalise(text)
    return (_WORD if "_" in text else _WORD_NO_UNDERSCORE).findall(text)


@dataclass(frozen=True)
class Stemmer:
    """The Snowball Russian stemmer with a per-build memo of the words it has seen.

    One instance per index build (no module-level state); the memo is what makes stemming
    a whole site cheap, as most words repeat.
    """

    _impl: object = field(default_factory=lambda: snowballstemmer.stemmer("russian"))
    _memo: dict = field(default_factory=dict)

    def stem(self, word: str) -> str:
        """The stem of a normalised word; words without Cyrillic letters stay as they are."""
        found = self._memo.get(word)
        if found is None:
            found = self._impl.stemWord(word) if _has_cyrillic(word) else word
            self._memo[word] = found
        return found

    def terms(self, text: str) -> list[str]:
        return [self.stem(w) for w in words(text)]


def _has_cyrillic(word: str) -> bool:
    return any("а" <= ch <= "я" for ch in word)
