"""Turn a Markdown plan into the Word file a college would have: run once for the example.

    .venv/bin/python scripts/make_example_docx.py content/clusters/edu/plan-2022-2023.md

writes plan-2022-2023.docx beside it the way methodists lay plans out in Word (the
«УТВЕРЖДАЮ» block at the top right, the title in capitals, a table whose header repeats on
every page, a row numbering the columns, sections as rows merged across the table), and
plan-2022-2023.yaml with what such a document does not hold (version, updated, changes).
The Markdown file is removed: one document has one source. The .docx is made
deterministically (fixed timestamps), so running it again gives the same bytes.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clusterpages.content.documents import plantables  # noqa: E402
from clusterpages.content.documents.planrows import plain  # noqa: E402
from clusterpages.content.read import frontmatter, schema, schemas
from clusterpages.publish.docx import approval_date  # noqa: E402

_HEADING = "## "


def _paragraph(document, text: str, bold: bool = False, centre: bool = False, indent: bool = False):
    p = document.add_paragraph()
    p.add_run(text).bold = bold
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        p.paragraph_format.left_indent = Mm(170)
    p.paragraph_format.space_after = Pt(0)
    return p


def _title_lines(title: str) -> list[str]:
    """«План работы кластера образования на 2022–2023 учебный год» → three lines, the first in capitals."""
    words = title.split()
    head = " ".join(words[:2]).upper()
    rest = " ".join(words[2:])
    cut = rest.find(" на ")
    return [head, rest[:cut], rest[cut + 1:]] if cut > 0 else [head, rest]


def make(source: Path) -> tuple[bytes, str]:
    text = source.read_text(encoding="utf-8")
    doc, diags = frontmatter.split(text, source.name)
    meta, _ = schema.validate(doc.meta, schemas.PLAN, source.name, what="плана")
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Mm(20), Mm(10), Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    a = meta.get("approved")
    if a:
        for line in ("УТВЕРЖДАЮ", a["position"], f"____________ {a['name']}", approval_date(a["date"])):
            _paragraph(document, line, indent=True)
        _paragraph(document, "")
    for line in _title_lines(meta["title"]):
        _paragraph(document, line, bold=True, centre=True)
    _paragraph(document, "")
    lines = doc.body.split("\n")
    section_name = ""
    for raw in plantables.find_tables(lines, 1):
        before = lines[:raw.line - 1]
        headings = [ln[len(_HEADING):].strip() for ln in before if ln.startswith(_HEADING)]
        table = document.add_table(rows=0, cols=len(raw.header))
        table.style = "Table Grid"
        header = table.add_row()
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(header.cells, raw.header):
            cell.paragraphs[0].add_run(plain(text)).bold = True
        for n, cell in enumerate(table.add_row().cells, 1):
            cell.text = str(n)
        if headings and headings[-1] != section_name:
            section_name = headings[-1]
            row = table.add_row()
            row.cells[0].merge(row.cells[-1]).paragraphs[0].add_run(section_name).bold = True
        for row in raw.rows:
            for cell, text in zip(table.add_row().cells, row.cells):
                cell.text = plain(text)
    buffer = io.BytesIO()
    document.core_properties.author = a["position"] if a else ""
    document.save(buffer)
    side = [f"version: {meta['version']}"] if meta.get("version") is not None else []
    if meta.get("updated"):
        side.append(f"updated: {meta['updated'].isoformat()}")
    if meta.get("changes"):
        side.append("changes:")
        side += [f"  - {c}" for c in meta["changes"]]
    return _fixed(buffer.getvalue()), "\n".join(side) + "\n"


def _fixed(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(2022, 9, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            part = src.read(name)
            if name == "docProps/core.xml":  # python-docx stamps the time of saving
                import re
                part = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2022-09-01T00:00:00Z", part)
            dst.writestr(info, part)
    return out.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].endswith(".md"):
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[0])
    data, sidecar = make(source)
    source.with_suffix(".docx").write_bytes(data)
    if sidecar.strip():
        source.with_suffix(".yaml").write_text(sidecar, encoding="utf-8", newline="\n")
    source.unlink()
    print(f"Записаны {source.with_suffix('.docx')} и {source.with_suffix('.yaml')}; {source.name} удалён.",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
