"""Russian typography for the text people read (pure).

`typograph(text)` applies the rules to plain text; `typograph_html(html)` applies them to the
text nodes of an HTML page or fragment and to nothing else: tags, attributes, comments and
the contents of `script`, `style`, `textarea`, `pre`, `code`, `kbd` and `samp` stay byte for
byte. Text split by inline tags (`a`, `strong`, `time`, …) is treated as one run, so «до
<time>1 марта</time>» binds like «до 1 марта»; block tags end a run.

The rules (docs/typography.md says why each):
- a no-break space after №, §, «п.», «пп.», «ст.», …, in initials with surnames, between a
  number and the word or sign after it (units, months, «г.»), after one- and two-letter words,
  before dashes and «·»; a hyphen between spaces becomes a dash;
- no line break inside number ranges («2022–2023»): a word joiner (U+2060) after the dash;
- French quotes «…» outside, „…“ inside (straight and English quotes are converted);
- numeric dates (25.12.2022) are written in words: «25 декабря 2022 г.»;
- «...» becomes «…», doubled punctuation («г..», «,,») is collapsed, spaces before , ; : are
  removed.
Every rule is idempotent: typographing typographed text changes nothing.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import re

NBSP = "\u00a0"
WORD_JOINER = "\u2060"
# Stand-ins for tags inside a run of text: an inline tag is transparent to the rules
# (_M allows any number of them where tags usually sit), a block tag ends the run.
_INLINE = "\ue000"
_BLOCK = "\ue001"
_M = f"{_INLINE}*"
_SP = "[ \t\r\n]"

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")

# Only four-digit years: «09.02.07» is a specialty code as often as a date.
_NUMERIC_DATE = re.compile(r"(?<![\w./\-])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w/\-]|\.\d)"
                           r"(?P<year_word>[ \u00a0]*(?:г\.|года?\b|году\b))?")
# (from the dot: a search skips to a literal, and stops at every character of a class)
_MAYBE_DATE = re.compile(r"\.(?<=\d\.)\d{1,2}\.\d{4}")


def long_date(day: int, month: int, year: int, year_word: bool = True) -> str:
    """«25 декабря 2022 г.», the one form of a date on pages."""
    out = f"{day}{NBSP}{MONTHS_GENITIVE[month - 1]}{NBSP}{year}"
    return out + NBSP + "г." if year_word else out


def _date_in_words(m: re.Match) -> str:
    day, month, full = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        _dt.date(full, month, day)
    except ValueError:
        return m.group(0)
    tail = m.group("year_word")
    if tail:
        return long_date(day, month, full, False) + NBSP + tail.strip(" " + NBSP)
    return long_date(day, month, full)


# Abbreviations written before a number: «п. 4», «ст. 5», «рис. 2».
_BEFORE_NUMBER = "п|пп|ст|гл|ч|рис|табл|стр|с|т|разд|прил|кл"
_LETTER = r"[^\W\d_]"
# Symbols used as icons (arrows, shapes, dingbats: ✔ ✕ ◐ ○ ↷), and «!» alone in its own tag.
_ICON = f"(?:[\u2190-\u2bff]|(?<={_INLINE})!(?={_INLINE}))"

# (needs, guard, pattern, replacement) applied in this order; every pattern keeps the stand-ins it
# matches. A guard is a cheap search for what the rule needs at least (most runs lack it), None:
# always run; `needs`, characters one of which the guard cannot match without (a search for a
# character is cheaper than any pattern's), None: not known.
_Rule = tuple[str | None, re.Pattern | None, "re.Pattern | _ShortWords", str]  # the pattern: anything with .sub
# Guards for initials: a capital and a dot («В.»), two such («В. П.»); written from the dot (a
# search skips to a literal, and stops at every capital of a run for a pattern starting with one).
_INITIAL = r"\.(?<=[А-ЯЁA-Z]\.)"
_INITIALS = rf"\.(?<=[А-ЯЁ]\.){NBSP}?[А-ЯЁ]\."
# What a guard (or, for a rule without one, its pattern) cannot match without: one of these characters.
_NEEDS = {r"\.\.\.": ".", rf"\.{_M}\.": ".", rf"([,;:])({_M})\1": ",;:", rf"{_SP}{_M}[,;:]": ",;:",
          rf"{_SP}-": "-", "[—–·]": "—–·", "[№§]": "№§", rf"\.{_M}{_SP}+{_M}\d": ".", _INITIAL: ".", _INITIALS: ".",
          "[–—]": "–—"}


def _needs(guard: str | None, pattern: str) -> str | None:
    return _NEEDS.get(guard or pattern)


def _compiled(rules) -> tuple[_Rule, ...]:
    return tuple((_needs(g, p), re.compile(g) if g else None, re.compile(p), r) for g, p, r in rules)


# Punctuation put right: these change the characters people wrote.
_CLEANUP = _compiled((
    (r"\.\.\.", r"(?<!\.)\.\.\.(?!\.)", "…"),
    # Doubled punctuation: «2023 г.. Демонстрационные», «,,».
    (rf"\.{_M}\.", rf"(?<![.…])\.({_M})\.(?![.…])", r".\1"),
    (None, rf"([,;:])({_M})\1", r"\1\2"),
    # No space before , ; : after a word («!» and «?» may be icons, left alone).
    (rf"{_SP}{_M}[,;:]",
     rf"(?<=[\w»“)%…])({_M}){_SP}+({_M})(?=[,;:](?:[ \t\r\n{_INLINE}{_BLOCK}]|$))", r"\1\2"),
    # A hyphen between spaces is a dash.
    (rf"{_SP}-", rf"({_M}){_SP}+-({_M})(?={_SP})", r"\1" + NBSP + r"—\2"),
))
# Where a line must never break: these only turn spaces into no-break spaces and add word joiners.
_GLUE = _compiled((
    # Every dash (and the «·» separator) sticks to the word before.
    ("[—–·]", rf"({_M}){_SP}+({_M})(?=[—–·](?:{_M}){_SP})", r"\1" + NBSP + r"\2"),
    # № and § stick to their number.
    ("[№§]", rf"([№§])({_M}){_SP}*({_M})(?=\d)", r"\1\2" + NBSP + r"\3"),
    ("[№§]", rf"([№§])({_M}){_SP}+({_M})(?=\w)", r"\1\2" + NBSP + r"\3"),
    (rf"\.{_M}{_SP}+{_M}\d",
     rf"(?<![\w.\-])((?:{_BEFORE_NUMBER})\.)({_M}){_SP}+({_M})(?=\d)", r"\1\2" + NBSP + r"\3"),
    # Initials: «В. П. Фёдоров», «Фёдоров В. П.», «А. Белов».
    (_INITIAL, rf"(?<![\w.])([А-ЯЁA-Z]\.)({_M}){_SP}*({_M})(?=[А-ЯЁA-Z]\.)", r"\1\2" + NBSP + r"\3"),
    (_INITIAL, rf"(?<![\w.])([А-ЯЁA-Z]\.)({_M}){_SP}+({_M})(?=[А-ЯЁ][а-яё])", r"\1\2" + NBSP + r"\3"),
    (_INITIALS,
     rf"(?<=[а-яё])({_M}){_SP}+({_M})(?=[А-ЯЁ]\.{NBSP}?[А-ЯЁ]\.)", r"\1" + NBSP + r"\2"),
    # No line break inside a number range: 2022–2023, 7–9, 8–9 февраля.
    ("[–—]", rf"(?<=\d)({_M})([–—])({_M})(?=\d)", r"\1\2" + WORD_JOINER + r"\3"),
))


class _ShortWords:
    """The rule «one- and two-letter words stick to the next word» (`pattern`). In a run without
    inline tags the stand-ins match nothing, and the same spaces are found from the spaces
    (`spaces`: the search stops at a space, not at every letter: 2.5× faster on a page's text);
    tests/values/test_typography_rules.py holds the two to the same result."""

    _WORD_BEFORE = r"[\w\-.\u00ad]"  # what may not come right before the short word
    _AFTER = r"[\w«„\"“(\[№§+−-]"     # what the next word starts with
    pattern = re.compile(rf"(?<!{_WORD_BEFORE})({_LETTER}{{1,2}})({_M}){_SP}+(?=(?:{_M}){_AFTER})")
    replacement = r"\1\2" + NBSP
    spaces = re.compile(rf"{_SP}(?:(?<=(?<!{_WORD_BEFORE}){_LETTER}{_SP})|(?<=(?<!{_WORD_BEFORE}){_LETTER}{{2}}{_SP}))"
                        rf"{_SP}*(?={_AFTER})")

    def sub(self, replacement: str, text: str) -> str:
        if _INLINE in text:
            return self.pattern.sub(replacement, text)
        return self.spaces.sub(NBSP, text)


# Where a line should not break either, on a page: whole words move to the next line together.
_GLUE_WORDS = _compiled((
    # A number sticks to the word or sign after it: units, months, «г.», «чел.», «%».
    (rf"\d{_M}{_SP}", rf"(?<=\d)({_M}){_SP}+({_M})(?=[%‰°]|{_LETTER}|{_ICON})", r"\1" + NBSP + r"\2"),
    # A status icon sticks to its word: «✔ Выполнено».
    # (_ICON written to start with a character class: a search then skips to where it can match)
    ("[\u2190-\u2bff!]", rf"([\u2190-\u2bff!])(?:(?<=[\u2190-\u2bff])|(?<={_INLINE}!)(?={_INLINE}))({_M}){_SP}+({_M})"
                         rf"(?={_LETTER})", r"\1\2" + NBSP + r"\3"),
)) + ((None, None, _ShortWords(), _ShortWords.replacement),)  # one- and two-letter words stick to the next word
_RULES = _CLEANUP + _GLUE + _GLUE_WORDS

_OPENERS = " \t\r\n\u00a0([{—–-/" + _BLOCK


_QUOTE_OR_BLOCK = re.compile(f'["«»„“”{_BLOCK}]')


def _quotes(text: str) -> str:
    """«…» outside, „…“ inside; straight and English quotes converted."""
    if not any(q in text for q in '"«»„“”'):
        return text
    changed: dict[int, str] = {}
    stack: list[str] = []  # the opener of each open level

    def before(i: int) -> str:
        i -= 1
        while i >= 0 and text[i] == _INLINE:
            i -= 1
        return text[i] if i >= 0 else " "

    for m in _QUOTE_OR_BLOCK.finditer(text):
        i, ch = m.start(), m.group(0)
        if ch == _BLOCK:
            stack.clear()
            continue
        if ch == '"':
            ch = "«" if before(i) in _OPENERS or before(i) in "«„" else "»"
        elif ch == "”":
            ch = "»"
        elif ch == "“":
            # Russian inner closing after „, an English opening otherwise.
            ch = "»" if stack and stack[-1] == "„" else "«"
        if ch in "«„":
            ch = "„" if stack else "«"
            stack.append(ch)
        elif ch == "»":
            if stack:
                stack.pop()
            ch = "“" if stack else "»"
        if ch != m.group(0):
            changed[i] = ch
    if not changed:
        return text
    out, pos = [], 0
    for i, ch in changed.items():
        out += (text[pos:i], ch)
        pos = i + 1
    out.append(text[pos:])
    return "".join(out)


# Every character some rule needs (_NEEDS): a run's are found by a look for each (a dozen looks
# for one character are cheaper than one pass of a pattern that finds every dot and comma).
_NEEDED_CHARS = "".join(sorted({c for needs, *_ in _RULES if needs for c in needs}))


# Of those characters, the ones each rule's replacement writes («—»: a hyphen between spaces made a
# dash). Otherwise a rule only takes them away («...» → «…», «г..» → «г.»), so what a text holds is
# found once and kept a superset of it as the rules change the text (a search of the whole text
# after each change was a quarter of a page body's rules).
_ADDS = tuple(frozenset(c for c in _NEEDED_CHARS if c in replacement) for *_, replacement in _RULES)


def _within(text: str, needs: str) -> tuple[int, int] | None:
    """Where in `text` a rule needing one of `needs` can match: from the start of the first run
    holding one to the end of the last (a rule reaches across no block tag's stand-in); None:
    nowhere (none of them is left)."""
    found = [i for i in map(text.find, needs) if i >= 0]
    if not found:
        return None
    end = text.find(_BLOCK, max(map(text.rfind, needs)))
    return text.rfind(_BLOCK, 0, min(found)) + 1, len(text) if end < 0 else end


def _apply(text: str) -> str:
    if "." in text and _MAYBE_DATE.search(text):
        text = _NUMERIC_DATE.sub(_date_in_words, text)
    present = {c for c in _NEEDED_CHARS if c in text}
    runs = _BLOCK in text  # a whole page's body: a rare rule's pattern is run over the runs it needs only
    for (needs, guard, pattern, replacement), adds in zip(_RULES, _ADDS):
        if (needs is None or not present.isdisjoint(needs)) and (guard is None or guard.search(text)):
            if runs and needs is not None:
                span = _within(text, needs)
                if span is None:  # none left: a guard then finds nothing either (kept for a rule without one)
                    continue
                start, end = span
                done = text[:start] + pattern.sub(replacement, text[start:end]) + text[end:]
            else:
                done = pattern.sub(replacement, text)
            if done != text:
                text = done
                present |= adds
    return _quotes(text)


class _Runs(dict):
    """Typographed runs by their text, and each result by itself (the rules are idempotent, and a
    page's CMS piece and zip copy are made from the typographed page): the header, menu and footer
    every page repeats and the pieces made from a page are worked out once per process. A memo of
    a pure function, bounded; emptied when full."""

    LIMIT = 1 << 14

    def __call__(self, text: str) -> str:
        done = self.get(text)
        if done is None:
            done = text if not text or text.isspace() else _apply(text)
            if len(self) >= self.LIMIT:
                self.clear()
            self[text] = self[done] = done
        return done


_apply_run = _Runs()


def typograph(text: str) -> str:
    """The rules on plain text (no HTML)."""
    if not text:
        return text
    return _apply(text)


def glue(text: str) -> str:
    """Only where a line must never break, on plain text: initials stay with their surname,
    «№» and «п.» with their number, a range whole, a dash with the word before. Nothing else
    changes: a printed Word copy keeps the dates and quotes as the plan has them, and the narrow
    columns of its tables cannot afford the page's glue of short words and of a number with
    its word (they would push the table's type below 12 pt)."""
    for _, guard, pattern, replacement in _GLUE:
        if guard is None or guard.search(text):
            text = pattern.sub(replacement, text)
    return text


# --------------------------------------------------------------------------- HTML

_OPAQUE = "script|style|textarea|pre|code|kbd|samp|template"
# One token of markup: a comment, a CDATA section, a declaration, an opaque element whole, or a
# tag. Split on, it yields (text, token, opaque name, tag name) for each token: _parts.
_TOKEN = re.compile(
    r"(<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>"
    rf"|<(?P<opaque>{_OPAQUE})\b[^>]*>.*?</(?P=opaque)\s*>"
    r"|</?(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?:\s+[^\s/>\"'=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>)",
    re.S | re.I)
_INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "del", "em", "font", "i", "ins",
                          "label", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr"})
_STAND_INS = re.compile(f"[{_INLINE}{_BLOCK}]")


def _mark(name: str | None) -> str:
    """The stand-in of a token named `name` (None: a comment, declaration or opaque element)."""
    return _INLINE if name is not None and (name in _INLINE_TAGS or name.lower() in _INLINE_TAGS) else _BLOCK


class _Marks(dict):
    """The stand-in of each tag name (None included), worked out once per name: a page has
    hundreds of tags and a few dozen names. A memo of a pure function."""

    def __missing__(self, name: str | None) -> str:
        if len(self) >= 1 << 12:  # bounded: names come from templates and content
            self.clear()
        self[name] = mark = _mark(name)
        return mark


_marks = _Marks()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sealed(source: str) -> bool:
    """Whether `source` begins with a block-level tag and ends with one: no run of text reaches
    into it or out of it, so typographing it alone gives what it gets inside any page."""
    first, last = _TOKEN.match(source), _TOKEN.fullmatch(source, source.rfind("<"))
    if first is not None and last is not None and first.group("name") and last.group("name") and "<!" not in source:
        # A page's body is sealed or not by its first and last tags: not split whole to find out.
        # The last «<» starts the last token when that is a plain tag (a comment, declaration or
        # opaque element could hold a «<»: those are split).
        return _mark(first.group("name")) == _BLOCK and _mark(last.group("name")) == _BLOCK
    split = _TOKEN.split(source)
    if len(split) < 5 or split[0] or split[-1]:
        return False
    return _mark(split[3]) == _BLOCK and _mark(split[-2]) == _BLOCK


def untouchable(source: str) -> bool:
    """Whether typograph_html leaves `source` as it is whatever it holds: it has a character of
    our stand-ins (private-use characters)."""
    return _INLINE in source or _BLOCK in source


def typograph_html(source: str, seen_once: bool = False) -> str:
    """The rules on every text node of `source`; markup, attributes and code untouched.
    `seen_once`: text no other page repeats (a page's own body), typographed all at once —
    no rule reaches across a block tag's stand-in any more than across a run's ends, so the
    same as run by run, without a call and a memo entry for each of its runs (a page's body
    has ~60: 0.64 → 0.45 ms a body of the benchmark's corpus, whose paragraphs repeat)."""
    if untouchable(source):
        return source
    split = _TOKEN.split(source)  # text, token, opaque name, tag name, text, …, text
    texts, tags = split[0::4], split[1::4]
    marks = list(map(_marks.__getitem__, split[3::4]))
    decoded = [_html.unescape(t) if "&" in t else t for t in texts]
    marks.append("")
    joined = "".join([x for pair in zip(decoded, marks) for x in pair])
    # Block tags end a run (no rule and no quote reaches across one), so each run is typographed
    # on its own: the header, menu and footer every page repeats are worked out once per process.
    done = _apply(joined) if seen_once else _BLOCK.join(map(_apply_run, joined.split(_BLOCK)))
    if done == joined:
        return source
    parts = _STAND_INS.split(done)
    if len(parts) != len(texts):  # a rule lost a stand-in: leave the page as it was
        return source
    tags.append("")
    return "".join([x for raw, old, new, tag in zip(texts, decoded, parts, tags)
                    for x in (raw if new == old else _escape(new), tag)])
