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
from typing import NamedTuple

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


def _label_cell(cell: _Element, header: str) -> tuple[_Element | None, bool]:
    """The cell labelled (a body cell that is not empty); its label, and whether it holds the status."""
    if cell.tag == "th":
        return None, False  # a row's own header heads its card
    status = _is_status(cell)
    if status:
        _add_class(cell, "cp-embed__cell--status")
    if _is_empty(cell):
        _add_class(cell, "cp-embed__cell--empty")
        return None, status
    # Shown by embed.css in cards only. Not the `hidden` attribute: Bootstrap's `[hidden]
    # { display: none !important }` would keep the cards unlabelled.
    label = _element(cell, "span", "cp-embed__label")
    label.text = f"{header}: "
    label.tail, cell.text = cell.text, None
    cell.insert(0, label)
    return label, status


def shapes(text: str) -> tuple[str, str]:
    """The piece `labelled` and `flattened`, parsed once: the flattened shape is made from the
    labelled tree once that is written out, its body cells becoming the cards' fields and their
    labels the fields' labels (fewer new elements, no copy of the tree); the same as `flattened`
    gives (tests/publish/test_embed_shape.py holds the two to it)."""
    root = _parse(text)
    tables = _label_tables(root)
    return _serial(root, text), _serial(_cards_from_labels(root, tables), text)


def labelled(text: str) -> str:
    """The piece styled by classes, its tables ready to become cards in a narrow container."""
    return _serial(_labelled(_parse(text)), text)


def _labelled(root: _Element) -> _Element:
    _label_tables(root)
    return root


class _Labelled(NamedTuple):
    table: _Element
    target: _Element   # what its cards replace: its wrapper of the template (or the one made here)
    rows: list[tuple[_Element, list[tuple[_Element, _Element | None, bool]]]]  # (tr, [(cell, label, status)])


def _label_tables(root: _Element) -> list[_Labelled]:
    """Every table that can become cards labelled, in document order."""
    out = []
    for table in list(root.iter("table")):
        headers = _headers(table)
        name = card_class(len(headers))
        if name is None or not _fits(table, headers):
            continue
        parent = table.getparent()
        wrapper = _wrapper(table)
        _add_class(wrapper, name)
        # `flattened` replaces the table's parent when that is a wrapper of the template, else the table
        target = parent if wrapper is not parent and "cp-embed__table" in _classes(parent) else wrapper
        out.append(_Labelled(table, target, [(tr, [(cell, *_label_cell(cell, header))
                                                   for cell, header in zip(tr, headers)]) for tr in _rows(table)]))
    return out


def _become(el: _Element, tag: str, cls: str) -> _Element:
    """`el` made a new element of the shape: another tag, only a class, nothing after it."""
    el.tag, el.tail = tag, None
    el.attrib.clear()
    el.set("class", cls)
    return el


def _cards_from_labels(root: _Element, tables: list[_Labelled]) -> _Element:
    """`_flattened` of the tree `_label_tables` labelled (`tables`), made in place."""
    _flatten_lists(root)
    for t in tables:
        headers = _headers(t.table)  # with its lists as paragraphs, as `_flattened` reads them
        box = _element(t.table, "div", "cp-embed__cards")
        caption = t.table.find("caption")
        if caption is not None:
            _retag(caption, "p", "cp-embed__cards-title")
            caption.tail = None
            box.append(caption)
        for tr, cells in t.rows:
            heads, status, rest = [], [], []
            for (cell, label, is_status), header in zip(cells, headers):
                if cell.tag == "th":
                    heads.append(_become(cell, "p", "cp-embed__card-head"))
                    continue
                if label is None:
                    if _is_empty(cell):  # still empty with its lists as paragraphs
                        continue
                    label = _element(cell, "span", "cp-embed__field-label")
                    label.tail, cell.text = cell.text, None
                    cell.insert(0, label)
                label.set("class", "cp-embed__field-label")
                label.text = f"{header}: "
                (status if is_status else rest).append(_become(cell, "div", "cp-embed__field"))
            for cell in list(tr):
                tr.remove(cell)
            _become(tr, "div", "cp-embed__card").text = None
            tr.extend(heads + status + rest)
            box.append(tr)
        box.tail = t.target.tail
        t.target.getparent().replace(t.target, box)
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


def _flatten_lists(root: _Element) -> None:
    for lst in reversed([e for e in root.iter("ul", "ol")]):  # inner lists first
        _flatten_list(lst)


def _flattened(root: _Element) -> _Element:
    _flatten_lists(root)
    for table in list(root.iter("table")):
        headers = _headers(table)
        if len(headers) >= CARDS_FROM and _fits(table, headers):
            _cards(table, headers)
    return root
