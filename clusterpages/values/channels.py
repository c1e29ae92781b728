"""Channels of a media-plan row: one cell may name several («госпаблик VK, Одноклассники»).

`split` is the one reading of such a cell; the page's calendar by channel, the counts and the
search all take a row's channels from it, so a row appears under each channel it names and
never as a channel of its own named by the whole list.
"""

from __future__ import annotations

import re

# Separators between channels: a comma, a semicolon, a line break or the word «и» — outside
# brackets and quotes («Сайт ПОО (новости, анонсы)» is one channel).
_SEPARATOR = re.compile(r"\s*(?:[,;\n]|\s+и\s+)\s*", re.I)
_OPEN, _CLOSE = "(«„\"", ")»“\""


def _outside_brackets(text: str) -> list[tuple[int, int]]:
    """The spans of `text` at bracket depth 0, between which separators may be cut."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN and not (ch == '"' and depth):
            if depth == 0:
                spans.append((start, i))
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                start = i + 1
    if depth == 0:
        spans.append((start, len(text)))
    return spans


def split(cell: str) -> tuple[str, ...]:
    """«госпаблик VK, Одноклассники» → ("госпаблик VK", "Одноклассники"); the same channel once,
    in the order written; an empty cell → ()."""
    text = cell.replace("\r\n", "\n").strip()
    if not text:
        return ()
    cuts = [m.span() for a, b in _outside_brackets(text) for m in _SEPARATOR.finditer(text, a, b)]
    parts, at = [], 0
    for a, b in cuts:
        parts.append(text[at:a])
        at = b
    parts.append(text[at:])
    seen: dict[str, str] = {}
    for part in (re.sub(r"\s+", " ", p).strip(" .") for p in parts):
        if part and part.lower() not in seen:
            seen[part.lower()] = part
    return tuple(seen.values())
