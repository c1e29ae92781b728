"""Advance widths of Times New Roman, regular and bold, in thousandths of an em.

Taken once from Liberation Serif, which is metric-compatible with Times New Roman (every
glyph has the same advance width), so Word with Times New Roman and LibreOffice with either
font set a line alike. A table in the code, not the font file: the Word copy must come out
the same on every machine, whatever fonts it has. A character not listed counts as one em,
which is wider than any letter: a column is never too narrow because of it.
"""

from __future__ import annotations

CHARS = (  # the characters, in the order of the widths below
    ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ['
    '\\]^_`abcdefghijklmnopqrstuvwxyz{|}~АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШ'
    'ЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁё«»„“”‘’–—−№…·•\xa0\u202f°×'
)
REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
    722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
    278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 722, 574, 667, 578, 682,
    611, 896, 501, 722, 722, 667, 678, 889, 722, 722, 722, 556, 667, 611, 708, 790, 722, 722, 650, 1009,
    1009, 706, 872, 574, 660, 1028, 667, 444, 509, 472, 410, 509, 444, 691, 395, 535, 535, 486, 499, 633,
    535, 500, 535, 500, 444, 437, 500, 648, 500, 535, 503, 770, 770, 517, 672, 456, 429, 747, 460, 611,
    444, 500, 500, 444, 444, 444, 333, 333, 500, 1000, 564, 954, 1000, 250, 350, 250, 166, 400, 564,
)
BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778,
    778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333,
    278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 722, 661, 667, 636, 688,
    667, 989, 528, 778, 778, 725, 745, 944, 778, 778, 778, 611, 722, 667, 734, 859, 722, 778, 734, 1098,
    1098, 765, 982, 661, 678, 1126, 722, 500, 500, 540, 454, 506, 444, 725, 402, 576, 576, 576, 561, 681,
    576, 500, 576, 556, 444, 491, 500, 692, 500, 576, 564, 844, 844, 583, 781, 529, 432, 764, 541, 667,
    444, 500, 500, 500, 500, 500, 333, 333, 500, 1000, 570, 1005, 1000, 250, 350, 250, 166, 400, 570,
)

_UNKNOWN = 1000
# Drawn as nothing: the word joiner that keeps «2022–2023» on one line, the soft hyphen.
_INVISIBLE = {"\u2060": 0, "\u00ad": 0}
_TABLES = {bold: dict(zip(CHARS, widths)) | _INVISIBLE for bold, widths in ((False, REGULAR), (True, BOLD))}


def width(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of `text` set on one line in Times New Roman of `size_pt` points, in points."""
    table = _TABLES[bold]
    return sum(table.get(ch, _UNKNOWN) for ch in text) * size_pt / 1000
