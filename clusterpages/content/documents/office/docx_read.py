"""Reading a vetted Word (.docx) file into paragraphs and tables, as Word shows them.

- Tracked changes: the accepted text — insertions kept, deletions (and moved-away text)
  dropped; comments are not part of the text.
- Line breaks and several paragraphs in a cell stay separate lines; numbered and bulleted
  paragraphs in a cell get their «1.», «2.» or «•».
- A cell merged across columns (gridSpan) fills its first column; a cell merged down
  (vMerge) repeats its text in each row it covers, so every item keeps its responsible.
- Header rows repeated on each page (tblHeader) are read once; nested tables become lines
  of their cell (and are offered as tables of their own when the outer one is a layout).
- Tables are numbered as a person counts them in the document: «таблица 1, строка 14».
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from clusterpages.content.documents import columns
from clusterpages.content.documents.office.model import OfficeDoc, Paragraph, Table, clean, to_markdown
from clusterpages.content.documents.planrows import RawRow, RawTable

_SKIP = {qn("w:del"), qn("w:moveFrom"), qn("w:delText"), qn("w:instrText"), qn("w:commentReference"),
         qn("w:footnoteReference"), qn("w:endnoteReference"), qn("w:pPr"), qn("w:rPr")}
_BREAKS = {qn("w:br"), qn("w:cr")}
_HEADING_STYLES = ("heading", "заголовок", "title", "название")


def _text(element) -> str:
    """The accepted text of a paragraph (or any run container)."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == qn("w:t"):
                out.append(child.text or "")
            elif tag == qn("w:tab"):
                out.append(" ")
            elif tag in _BREAKS:
                out.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                out.append("-")
            else:
                walk(child)
    walk(element)
    return "".join(out)


class _Numbering:
    """«1.», «2.», «•» for list paragraphs, counted per list within one container."""

    def __init__(self, document) -> None:
        self.formats: dict[tuple[str, str], str] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in numbering.findall(qn("w:abstractNum")):
            for lvl in a.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                abstract[(a.get(qn("w:abstractNumId")), lvl.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal")
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for (aid, ilvl), fmt in abstract.items():
                if aid == ref.get(qn("w:val")):
                    self.formats[(num.get(qn("w:numId")), ilvl)] = fmt

    def prefix(self, paragraph, counters: dict) -> str:
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            return ""
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        key = (num_id.get(qn("w:val")) if num_id is not None else "0", ilvl.get(qn("w:val")) if ilvl is not None else "0")
        if key[0] == "0":
            return ""
        fmt = self.formats.get(key, "decimal")
        if fmt in ("bullet", "none"):
            return "• " if fmt == "bullet" else ""
        counters[key] = counters.get(key, 0) + 1
        return f"{counters[key]}. "


def _paragraph_flags(p, document) -> tuple[bool, bool]:
    style_id = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    style_name = ""
    if style_id is not None:
        try:
            style_name = document.styles.get_by_id(style_id.get(qn("w:val")), 1).name or ""  # 1: paragraph
        except (KeyError, ValueError, AttributeError):
            style_name = style_id.get(qn("w:val")) or ""
    heading = style_name.lower().startswith(_HEADING_STYLES)
    jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    centred = jc is not None and jc.get(qn("w:val")) in ("center", "centre")
    runs = [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    bold = bool(runs) and all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)
    return heading, heading or centred or bold


class _Reader:
    def __init__(self, document) -> None:
        self.document = document
        self.numbering = _Numbering(document)
        self.tables = 0
        self.paragraphs = 0

    def cell_text(self, tc) -> tuple[str, list[Table]]:
        counters: dict = {}
        lines, nested = [], []
        for child in tc:
            if child.tag == qn("w:p"):
                text = clean(_text(child))
                if text:
                    lines.append(self.numbering.prefix(child, counters) + text)
            elif child.tag == qn("w:tbl"):
                table = self.table(child, nested=True)
                nested.append(table)
                lines.extend(table.lines)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    text, more = self.cell_text(content)
                    lines.append(text)
                    nested += more
        return "\n".join(line for line in lines if line), nested

    def grid_rows(self, tbl) -> list[tuple[bool, list[str], list[Table]]]:
        """(is a repeated header row, text per grid column, nested tables) for each row."""
        rows = []
        above: dict[int, str] = {}
        for tr in tbl.findall(qn("w:tr")):
            header = tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            texts: list[str] = []
            nested: list[Table] = []
            column = 0
            for tc in tr.findall(qn("w:tc")):
                pr = tc.find(qn("w:tcPr"))
                span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
                span = int(span_el.get(qn("w:val")) or 1) if span_el is not None else 1
                vmerge = pr.find(qn("w:vMerge")) if pr is not None else None
                text, inner = self.cell_text(tc)
                nested += inner
                if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                    text = above.get(column, "")
                above[column] = text
                texts.append(text)
                texts.extend([""] * (max(span, 1) - 1))
                column += max(span, 1)
            rows.append((header, texts, nested))
        return rows

    def table(self, tbl, nested: bool = False) -> Table:
        if not nested:
            self.tables += 1
        number = self.tables
        rows = self.grid_rows(tbl)
        width = max((len(t) for _, t, _ in rows), default=0)
        rows = [(h, t + [""] * (width - len(t)), n) for h, t, n in rows]
        lines = tuple(line for _, texts, _ in rows for text in texts for line in text.split("\n") if line)
        inner = tuple(t for _, _, n in rows for t in n)
        if not rows:
            return Table(RawTable(None, (), (), place=f"таблица {number}"), lines, inner)
        # The header is the first of the leading rows that names plan columns (a title merged
        # across the table may stand above it), with the repeated-header rows right after it.
        first = next((r for r in range(min(len(rows), 4))
                      if len([c for c in rows[r][1] if c and columns.role_of(c.replace("\n", " "))]) >= 2), 0)
        count = first + 1
        while count < len(rows) and rows[count][0] and rows[count - 1][0]:
            count += 1
        header = []
        for col in range(width):
            parts = list(dict.fromkeys(rows[r][1][col] for r in range(first, count) if rows[r][1][col]))
            header.append(" ".join(parts).replace("\n", " "))
        caption = " ".join(dict.fromkeys(c for r in range(first) for c in rows[r][1] if c)).replace("\n", " ")
        prefix = f"таблица {number}" if not nested else f"таблица {number} (вложенная)"
        raw_rows = []
        for index, (repeated, texts, _) in enumerate(rows[count:], count + 1):
            if repeated:
                continue
            raw_rows.append(RawRow(None, tuple(to_markdown(t) for t in texts), f"{prefix}, строка {index}",
                                   tuple(f"{prefix}, строка {index}, столбец «{header[c] or c + 1}»"
                                         for c in range(width))))
        raw = RawTable(None, tuple(to_markdown(h) for h in header), tuple(raw_rows), place=prefix)
        return Table(raw, lines, inner, caption)

    def blocks(self, container) -> list:
        out: list = []
        for child in container:
            if child.tag == qn("w:p"):
                self.paragraphs += 1
                text = clean(_text(child))
                if text:
                    heading, emphasis = _paragraph_flags(child, self.document)
                    emphasis = emphasis or (text.upper() == text and any(c.isalpha() for c in text))
                    out.append(Paragraph(text, f"абзац {self.paragraphs}", heading, emphasis))
            elif child.tag == qn("w:tbl"):
                out.append(self.table(child))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    out += self.blocks(content)
        return out


def _notes(document, blocks: list) -> tuple[str, ...]:
    body = document.element.body
    notes = []
    if body.find(f".//{qn('w:ins')}") is not None or body.find(f".//{qn('w:del')}") is not None:
        notes.append("Исправления в режиме рецензирования приняты: вставки оставлены, удаления убраны.")
    comments = len(body.findall(f".//{qn('w:commentReference')}"))
    if comments:
        notes.append(f"Примечания (комментарии) не перенесены: {comments}.")
    drawings = len(body.findall(f".//{qn('w:drawing')}")) + len(body.findall(f".//{qn('w:pict')}"))
    if drawings:
        notes.append(f"Рисунки и фигуры не перенесены: {drawings}.")
    if any(isinstance(b, Table) and b.nested for b in blocks):
        notes.append("Вложенные таблицы перенесены строками текста в ячейке.")
    notes.append("Оформление (шрифты, цвета, выделение, ширина столбцов) не переносится.")
    return tuple(notes)


def read(data: bytes) -> OfficeDoc:
    """The document's paragraphs and tables (the file must have passed `package.vet`)."""
    document = docx.Document(io.BytesIO(data))
    blocks = _Reader(document).blocks(document.element.body)
    return OfficeDoc(tuple(blocks), _notes(document, blocks))
