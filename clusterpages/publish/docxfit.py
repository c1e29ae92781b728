"""Column widths of a Word table chosen from its content, so that no word or date breaks inside.

Every column gets at least its longest unbreakable word (a date, a range of years, a name glued
by non-breaking spaces; a compound such as «предприятий-партнёров» may break after its hyphen) set in Times New Roman, plus the cell's margins; the room left
over goes to the columns whose text wants it, as a browser lays out an automatic table (CSS 2.1
§17.5.2.2). When even the words do not fit, the low-value columns (links) go out of the table
first, then the type gets smaller: 12 pt, 11 pt, 10 pt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterpages.publish.docxmetrics import width

# Word's default cell margins in a table: 0.19 cm on the left and on the right.
CELL_MARGINS_PT = 2 * 5.4
# Half of each 0.5 pt border on either side, and rounding to twentieths of a point in the document.
SLACK_PT = 1.0
SIZES_PT = (12, 11, 10)
# Where a line may break: ordinary spaces only (a no-break space glues «А.\u00a0В.\u00a0Смирнов»).
_BREAKS = re.compile(r"[ \t\r\n]+")
# A compound of words may also break after its hyphen («предприятий-|партнёров»), as Word and
# LibreOffice break it; dates, numbers and ranges («01.09.2022», «2022–2023», «8–11») stay whole.
_COMPOUND = re.compile(r"(?<=[^\W\d_]{2}-)(?=[^\W\d_]{2})")


@dataclass(frozen=True)
class Column:
    header: str
    cells: tuple[str, ...]
    optional: bool = False  # may leave the table (its content is listed after it)


@dataclass(frozen=True)
class Layout:
    size_pt: int
    keep: tuple[bool, ...]        # per column: stays in the table
    widths_pt: tuple[float, ...]  # per column kept
    fits: bool                    # False: even 10 pt could not keep every word whole


def words(text: str) -> list[str]:
    """The pieces of `text` a line never breaks inside."""
    return [w for w in _BREAKS.split(text) if w]


def pieces(text: str) -> list[str]:
    """What must stand whole on a line: the words of `text`, compounds cut after their hyphen."""
    return [p for w in words(text) for p in _COMPOUND.split(w)]


def _least(column: Column, size: float) -> float:
    """The narrowest the column may be: its longest word (the header in bold)."""
    longest = max([width(w, size, True) for w in pieces(column.header)]
                  + [width(w, size) for cell in column.cells for w in pieces(cell)] + [0.0])
    return longest + CELL_MARGINS_PT + SLACK_PT


def _most(column: Column, size: float) -> float:
    """The width at which each paragraph of the column stands on one line."""
    lines = [width(" ".join(words(line)), size, True) for line in column.header.splitlines()]
    lines += [width(" ".join(words(line)), size) for cell in column.cells for line in cell.splitlines()]
    return max(lines + [0.0]) + CELL_MARGINS_PT + SLACK_PT


def share(least: list[float], most: list[float], room: float) -> list[float] | None:
    """Widths that fill `room`: each column between its least and its most, the room left over
    in proportion to what each column still wants; None when the least widths do not fit."""
    low, high = sum(least), sum(most)
    if low > room:
        return None
    if high <= room:
        return [m + (room - high) * m / high for m in most] if high else [room / len(most)] * len(most)
    part = (room - low) / (high - low)
    return [lo + (hi - lo) * part for lo, hi in zip(least, most)]


def _attempt(columns: list[Column], keep: tuple[bool, ...], size: int, room: float) -> Layout | None:
    kept = [c for c, k in zip(columns, keep) if k]
    least = [_least(c, size) for c in kept]
    most = [max(_most(c, size), lo) for c, lo in zip(kept, least)]
    widths = share(least, most, room)
    return Layout(size, keep, tuple(widths), True) if widths is not None else None


def choose(columns: list[Column], room_pt: float) -> Layout:
    """The largest type, with the most columns, at which every word of the table stays whole."""
    everything = tuple(True for _ in columns)
    essential = tuple(not c.optional for c in columns)
    tries = [(everything, SIZES_PT[0])]
    if essential != everything:
        tries.append((essential, SIZES_PT[0]))
    tries += [(essential, size) for size in SIZES_PT[1:]]
    for keep, size in tries:
        layout = _attempt(columns, keep, size, room_pt)
        if layout is not None:
            return layout
    size = SIZES_PT[-1]
    least = [_least(c, size) for c, k in zip(columns, essential) if k]
    return Layout(size, essential, tuple(room_pt * lo / sum(least) for lo in least), False)
