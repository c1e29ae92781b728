"""The shapes of a CMS piece that must hold in any college site's column (pure; used by embed.py).

A piece is pasted into a column of unknown width, under a theme that styles tables and lists
its own way. Two shapes answer that:
- `labelled` (the piece styled by classes): every table keeps its cells, each body cell gets
  its column's name as a label shown only in cards, the status cell and empty cells are marked, and the
  table's wrapper names the container width below which embed.css shows it as cards
  (`CARD_WIDTHS`, by the number of columns; container queries, not the window);
- `flattened` (the piece with inline styles): a style attribute cannot reach pseudo-elements
  or container queries, so lists become paragraphs (no host marker can attach to them) and a
  table with `CARDS_FROM` columns or more becomes labelled cards at every width.
"""

from __future__ import annotations

import copy
import re

from lxml import etree
from lxml.etree import _Element

# (columns at least, container width in px below which such a table is shown as cards).
CARD_WIDTHS = ((9, 1280), (6, 960), (4, 600), (3, 480))
CARDS_FROM = min(n for n, _ in CARD_WIDTHS)  # the inline piece: cards from this many columns
_BULLET = "•\u00a0"
_UNMARKED = frozenset({"cp-embed__counts", "cp-embed__figures"})  # lists shown without markers


def card_class(columns: int) -> str | None:
    """The wrapper's class naming the width below which a table of `columns` is cards."""
    for least, width in CARD_WIDTHS:
        if columns >= least:
            return f"cp-embed__table--cards-{width}"
    return None


# What lxml.html takes for a whole document rather than a fragment.
_WHOLE_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.I)
# XPath's string(): an element's text with its descendants' (lxml.html's text_content).
_TEXT = etree.XPath("string()", smart_strings=False)


def _parse(text: str) -> _Element:
    """The piece's one root element, as lxml.html.fragment_fromstring parses it, with plain
    lxml.etree elements (no Python class lookup for every element: a third of the time)."""
    source = text if _WHOLE_DOCUMENT.match(text) else f"<html><body>{text}</body></html>"
    doc = etree.fromstring(source, etree.HTMLParser())
    body = next((e for e in doc if e.tag == "body"), None) if doc is not None else None
    roots = list(body) if body is not None else []
    if len(roots) != 1 or (body.text or "").strip() or (roots[0].tail or "").strip():
        raise etree.ParserError(f"a piece is one element, with nothing around it: {len(roots)} elements")
    roots[0].tail = None
    return roots[0]


def _serial(root: _Element, text: str) -> str:
    out = etree.tostring(root, method="html", encoding="unicode")
    return out + "\n" if text.endswith("\n") else out


def _element(near: _Element, tag: str, cls: str) -> _Element:
    """A new element of `near`'s document (a standalone one would make a document of its own)."""
    return near.makeelement(tag, {"class": cls})


def _classes(el: _Element) -> list[str]:
    return (el.get("class") or "").split()


def _add_class(el: _Element, name: str) -> None:
    el.set("class", " ".join(_classes(el) + [name]))


def _headers(table: _Element) -> list[str]:
    head = table.find("thead")
    row = head.find("tr") if head is not None else None
    # runs of ordinary white space only: a no-break space typography put in stays
    return [re.sub(r"[ \t\r\n]+", " ", _TEXT(c)).strip() for c in row] if row is not None else []


def _rows(table: _Element) -> list[_Element]:
    return [tr for body in table.findall("tbody") for tr in body.findall("tr")]


def _fits(table: _Element, headers: list[str]) -> bool:
    """A table the shapes understand: a header row and body rows of as many plain cells."""
    rows = _rows(table)
    return bool(headers) and bool(rows) and all(
        len(tr) == len(headers) and not any(c.get("colspan") or c.get("rowspan") for c in tr) for tr in rows)


def _is_status(cell: _Element) -> bool:
    if not len(cell):  # a cell of plain text (most are): no descendant to look at
        return "cp-embed__status" in _classes(cell)
    return any("cp-embed__status" in _classes(e) for e in cell.iter())


def _is_empty(cell: _Element) -> bool:
    if not len(cell):
        return not (cell.text or "").strip()
    return not _TEXT(cell).strip() and not any(e.tag == "img" for e in cell.iter())


def _wrapper(table: _Element) -> _Element:
    parent = table.getparent()
    if parent is not None and parent.tag == "div" and "cp-embed__table" in _classes(parent) and len(parent) == 1:
        return parent
    wrap = _element(table, "div", "cp-embed__table")
    table.addprevious(wrap)
    wrap.tail, table.tail = table.tail, None
    wrap.append(table)
    return wrap


def _label_cell(cell: _Element, header: str) -> None:
    if cell.tag == "th":
        return  # a row's own header heads its card
    if _is_status(cell):
        _add_class(cell, "cp-embed__cell--status")
    if _is_empty(cell):
        _add_class(cell, "cp-embed__cell--empty")
        return
    # Shown by embed.css in cards only. Not the `hidden` attribute: Bootstrap's `[hidden]
    # { display: none !important }` would keep the cards unlabelled.
    label = _element(cell, "span", "cp-embed__label")
    label.text = f"{header}: "
    label.tail, cell.text = cell.text, None
    cell.insert(0, label)


def shapes(text: str) -> tuple[str, str]:
    """The piece `labelled` and `flattened`, parsed once."""
    root = _parse(text)
    flat = copy.deepcopy(root)  # a copy of the tree costs a third of a parse
    return _serial(_labelled(root), text), _serial(_flattened(flat), text)


def labelled(text: str) -> str:
    """The piece styled by classes, its tables ready to become cards in a narrow container."""
    return _serial(_labelled(_parse(text)), text)


def _labelled(root: _Element) -> _Element:
    for table in list(root.iter("table")):
        headers = _headers(table)
        name = card_class(len(headers))
        if name is None or not _fits(table, headers):
            continue
        _add_class(_wrapper(table), name)
        for tr in _rows(table):
            for cell, header in zip(tr, headers):
                _label_cell(cell, header)
    return root


# --------------------------------------------------------------------------- the inline piece

def _retag(el: _Element, tag: str, cls: str) -> None:
    el.tag = tag
    for name in ("type", "start", "reversed", "value"):
        el.attrib.pop(name, None)
    el.set("class", " ".join(_classes(el) + [cls]))


def _flatten_list(lst: _Element) -> None:
    numbered = lst.tag == "ol"
    start = int(lst.get("start") or 1) if numbered and (lst.get("start") or "1").isdigit() else 1
    marked = not _UNMARKED & set(_classes(lst))
    for n, li in enumerate([c for c in lst if c.tag == "li"], start):
        blocks = any(c.tag in ("p", "div", "ul", "ol", "table", "dl", "h2", "h3", "h4") for c in li)
        _retag(li, "div" if blocks else "p", "cp-embed__item" if marked else "cp-embed__unmarked")
        if marked:
            li.text = (f"{n}.\u00a0" if numbered else _BULLET) + (li.text or "")
    _retag(lst, "div", "cp-embed__list")


def _field(cell: _Element, header: str) -> _Element:
    field = _element(cell, "div", "cp-embed__field")
    label = _element(cell, "span", "cp-embed__field-label")
    label.text = f"{header}: "
    label.tail = cell.text
    field.append(label)
    for child in list(cell):
        field.append(child)
    return field


def _card(tr: _Element, headers: list[str]) -> _Element:
    card = _element(tr, "div", "cp-embed__card")
    heads, status, rest = [], [], []
    for cell, header in zip(tr, headers):
        if cell.tag == "th":
            head = _element(cell, "p", "cp-embed__card-head")
            head.text = cell.text
            for child in list(cell):
                head.append(child)
            heads.append(head)
        elif not _is_empty(cell):
            (status if _is_status(cell) else rest).append(_field(cell, header))
    for part in heads + status + rest:
        card.append(part)
    return card


def _cards(table: _Element, headers: list[str]) -> None:
    box = _element(table, "div", "cp-embed__cards")
    caption = table.find("caption")
    if caption is not None:
        title = copy.deepcopy(caption)
        _retag(title, "p", "cp-embed__cards-title")
        title.tail = None
        box.append(title)
    for tr in _rows(table):
        box.append(_card(tr, headers))
    target = table.getparent() if "cp-embed__table" in _classes(table.getparent()) else table
    box.tail = target.tail
    target.getparent().replace(target, box)


def flattened(text: str) -> str:
    """The piece for inline styles: lists as paragraphs, wide tables as labelled cards."""
    return _serial(_flattened(_parse(text)), text)


def _flattened(root: _Element) -> _Element:
    for lst in reversed([e for e in root.iter("ul", "ol")]):  # inner lists first
        _flatten_list(lst)
    for table in list(root.iter("table")):
        headers = _headers(table)
        if len(headers) >= CARDS_FROM and _fits(table, headers):
            _cards(table, headers)
    return root
