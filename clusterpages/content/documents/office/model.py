"""What a Word or Excel file says, before it becomes a plan: paragraphs and tables, located."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterpages.content.documents.planrows import RawTable

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[ \t\u00a0\u2007\u202f\u2002\u2003\u2009]+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~]|#(?![0-9a-zа-яё]))", re.IGNORECASE)  # «#тег» stays a tag


@dataclass(frozen=True)
class Paragraph:
    text: str            # plain text; line breaks inside the paragraph as "\n"
    place: str           # «абзац 3» (Word) or «Лист1!A1» (Excel)
    heading: bool = False   # a heading style («Заголовок 1», «Heading 2»)
    emphasis: bool = False  # centred, all bold or all capitals: a line of the title


@dataclass(frozen=True)
class Table:
    raw: RawTable                  # header and rows as Markdown inline text, each with its place
    lines: tuple[str, ...]         # every cell's text, for a table that is no plan table
    nested: tuple["Table", ...] = ()
    caption: str = ""              # rows above the header (a title merged across the table)


@dataclass(frozen=True)
class OfficeDoc:
    blocks: tuple               # Paragraph | Table, in document order
    notes: tuple[str, ...] = ()  # what a Markdown copy cannot carry (comments, pictures, other sheets…)


def clean(text: str) -> str:
    """No soft hyphens or zero-width characters; every kind of space as one space; lines trimmed."""
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def to_markdown(text: str) -> str:
    """Plain cell text as Markdown inline text that renders back to the same words."""
    lines = []
    for line in clean(text).split("\n"):
        line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines.append(_MD_SPECIAL.sub(r"\\\1", line))
    return "<br>".join(line for line in lines if line)
