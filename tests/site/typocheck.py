"""A reader's check of Russian typography in rendered pages (used by the tests).

`visible_blocks(html)` gives the text a person reads, one string per block (a paragraph, a
cell, a list item, a heading; a definition is given as «term: definition»), without scripts,
styles, code and text areas. `problems(block)` lists what breaks the rules of
docs/typography.md in it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

NBSP = "\u00a0"
WJ = "\u2060"
_SKIP = {"script", "style", "textarea", "pre", "code", "kbd", "samp", "template"}
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "del", "em", "font", "i", "ins", "label", "mark",
           "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SP = "[ \t\r\n]"
_L = r"[^\W\d_]"


class _Blocks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.term = ""
        self.hidden: list[str] = []  # open tags from an aria-hidden one (decorative icons) inward

    def _flush(self):
        text = "".join(self.current).strip(" \t\r\n")
        self.current = []
        if text:
            self.blocks.append(text)
        return text

    def handle_starttag(self, tag, attrs):
        # aria-hidden (decorative icons) and hidden (a CMS piece's card labels, the column headers
        # again, shown only when the table turns to cards) are not the text a reader reads in it
        a = dict(attrs)
        if self.hidden or (tag not in _VOID and (a.get("aria-hidden") == "true" or "hidden" in a)):
            if tag not in _VOID:
                self.hidden.append(tag)
            return
        if tag in _SKIP:
            self.skip += 1
        elif tag not in _INLINE:
            self._flush()
            if tag == "dd" and self.term:
                self.current.append(self.term + ": ")

    def handle_endtag(self, tag):
        if self.hidden:
            self.hidden.pop()
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag not in _INLINE:
            text = self._flush()
            if tag == "dt":
                self.term = text
                self.blocks.pop() if text else None

    def handle_data(self, data):
        if not self.skip and not self.hidden:
            self.current.append(data)


def visible_blocks(html: str) -> list[str]:
    p = _Blocks()
    p.feed(html)
    p.close()
    p._flush()
    return p.blocks


_RULES: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(rx, flags)) for name, rx, flags in (
    ("после № или § нужен неразрывный пробел", rf"[№§](?:{_SP}|\d)", 0),
    ("после «п.», «ст.», … перед числом нужен неразрывный пробел", rf"(?<![\w.])(?:п|пп|ст|гл|рис|табл)\.{_SP}+\d", 0),
    ("инициалы и фамилия разорваны пробелом",
     rf"(?<![\w.])[А-ЯЁ]\.{_SP}*[А-ЯЁ]\.{_SP}*[А-ЯЁ][а-яё]|(?<![\w.])[А-ЯЁ]\.{_SP}+[А-ЯЁ]\.|[а-яё]{_SP}+[А-ЯЁ]\.{NBSP}?[А-ЯЁ]\.", 0),
    ("между числом и словом или знаком нужен неразрывный пробел", rf"\d{_SP}+(?:%|{_L})", 0),
    ("после слова из одной-двух букв нужен неразрывный пробел", rf"(?<![\w\-.\u00ad]){_L}{{1,2}}{_SP}+(?=[\w«„(№])", 0),
    ("перед тире нужен неразрывный пробел", rf"{_SP}[—–·](?=[ {NBSP}])|{_SP}-{_SP}", 0),
    ("диапазон чисел может разорваться после тире", rf"\d[–—](?!{WJ})\d", 0),
    ("прямые кавычки вместо «ёлочек»", r'"', 0),
    ("вложенные кавычки должны быть „лапками“", r"«[^«»„“]*«", 0),
    ("двойная пунктуация", r"(?<![.…])\.\.(?![.…])|,,|;;|::|[,;:][.,;]", 0),
    ("пробел перед знаком препинания", rf"(?<=[\w»)])[{NBSP} \t\r\n]+[,;:!?](?=\s|$)", 0),
    ("повтор слова", rf"(?<!\w)({_L}{{2,}})(?:[ {NBSP}/:,—–-]|{NBSP})+\1(?!\w)", re.I),
    # the label again at once or after one word («Статус: статус выполнено»); a name that ends with
    # it («Колледж: Северский промышленный колледж») is no repetition
    ("подпись повторяется в значении", rf"(?<!\w)({_L}{{4,}}):[ {NBSP}]+(?:{_L}+[ {NBSP}]+){{0,1}}\1(?!\w)", re.I),
    ("дата цифрами: на страницах даты пишутся словами", r"(?<![\w./-])\d{1,2}\.\d{1,2}\.\d{4}(?![\w/-])", 0),
    ("одна и та же дата дважды", rf"(\d{{1,2}}{NBSP}{_L}+{NBSP}\d{{4}})[^()]{{0,40}}\(\1", 0),
))


def problems(block: str) -> list[str]:
    """«rule: …context…» for every break of the rules in one block of visible text."""
    out = []
    for name, rx in _RULES:
        for m in rx.finditer(block):
            start, end = max(0, m.start() - 25), min(len(block), m.end() + 25)
            context = block[start:end].replace(NBSP, "⍽").replace(WJ, "")
            out.append(f"{name}: …{context}…")
    return out


def page_problems(html: str) -> list[str]:
    return [p for block in visible_blocks(html) for p in problems(block)]
