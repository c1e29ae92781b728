"""Word and Excel plans that link to things outside themselves, as Word and Excel write them.

A template on the college's share or the author's disk, a picture or an OLE object inserted
as a link, a hyperlink; a workbook linked to another workbook, a picture linked into a sheet.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from office_files import excel_plan, rezip, word_plan

TEMPLATE = "file:///\\\\fileserver\\Методисты\\Шаблоны\\Шаблон плана кластера.dotx"
NORMAL = "file:///C:\\Users\\metodist\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm"
PICTURE = "file:///C:\\Users\\metodist\\Pictures\\Логотип кластера.png"
OLE = "file:///\\\\fileserver\\Методисты\\Смета.xlsx"
HYPERLINK = "https://vk.com/ttit_cluster"
OTHER_BOOK = "file:///\\\\fileserver\\Методисты\\Бюджет кластера.xlsx"
SHEET_PICTURE = "file:///C:\\Users\\metodist\\Pictures\\Герб.png"
ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"

_PIC = (f'<w:r {nsdecls("w", "wp", "a", "pic", "r")}><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        '<wp:docPr id="7" name="Рисунок 7"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
        '<pic:cNvPr id="7" name="Логотип кластера.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        '<a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr/></pic:pic>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
_OLE = (f'<w:r {nsdecls("w", "r")} xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office"><w:object><v:shape id="_x0000_i1025" style="width:100pt;height:50pt"/>'
        '<o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" '
        'r:id="{rid}" UpdateMode="Always"><o:LinkType>Picture</o:LinkType></o:OLEObject></w:object></w:r>')


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def word_with_links(template: str | None = TEMPLATE, picture: str | None = None, ole: str | None = None,
                    hyperlink: str | None = None) -> bytes:
    """The plan of `word_plan()`, attached to `template`; the picture and the object stand in
    table 2 (the plan), row 6 (item 3); the hyperlink in the paragraph «Цель: …»."""
    document = docx.Document(io.BytesIO(word_plan()))
    if template:
        rid = document.part._settings_part.relate_to(template, ATTACHED_TEMPLATE, is_external=True)
        element = parse_xml(f'<w:attachedTemplate {nsdecls("w", "r")} r:id="{rid}"/>')
        document.settings.element.append(element)
    cell = document.tables[1].rows[5].cells[1]
    assert cell.text == "Отчёт о работе кластера", cell.text
    for target, xml, reltype in ((picture, _PIC, RT.IMAGE), (ole, _OLE, RT.OLE_OBJECT)):
        if target:
            rid = document.part.relate_to(target, reltype, is_external=True)
            cell.paragraphs[0]._p.append(parse_xml(xml.replace("{rid}", rid)))
    if hyperlink:
        rid = document.part.relate_to(hyperlink, RT.HYPERLINK, is_external=True)
        goal = next(p for p in document.paragraphs if p.text.startswith("Цель"))
        link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t xml:space="preserve"> Группа ВК'
                         '</w:t></w:r></w:hyperlink>')
        goal._p.append(link)
    return _save(document)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rels(*rows: tuple[str, str, str, bool]) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{_R}/{t}" Target="{target}"'
                   + (' TargetMode="External"' if external else "") + "/>" for i, t, target, external in rows)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_RELS}">{body}</Relationships>'.encode()


def _excel_drawing(target: str) -> dict[str, bytes]:
    drawing = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.'
               'openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/'
               f'drawingml/2006/main" xmlns:r="{_R}"><xdr:oneCellAnchor><xdr:from><xdr:col>6</xdr:col><xdr:colOff>0'
               '</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="914400" '
               'cy="914400"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Рисунок 1"/><xdr:cNvPicPr/></xdr:nvPicPr>'
               '<xdr:blipFill><a:blip r:link="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr/>'
               '</xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>')
    return {"xl/drawings/drawing1.xml": drawing.encode("utf-8"),
            "xl/drawings/_rels/drawing1.xml.rels": _rels(("rId1", "image", target, True))}


def excel_with_links(other_book: str | None = OTHER_BOOK, picture: str | None = None) -> bytes:
    """The plan of `excel_plan()` (sheet «План», the second), linked to another workbook; the
    picture linked into «План» at G2."""
    base = excel_plan()
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        parts = {n: zf.read(n) for n in ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                         "xl/worksheets/sheet2.xml")}
    types, book, book_rels, sheet = (parts[n].decode("utf-8") for n in parts)
    changes: dict[str, bytes] = {}
    if other_book:
        book = book.replace("</sheets>", f'</sheets><externalReferences><externalReference xmlns:r="{_R}" '
                                         'r:id="rIdLink1"/></externalReferences>')
        book_rels = book_rels.replace("</Relationships>", f'<Relationship Id="rIdLink1" Type="{_R}/externalLink" '
                                                          'Target="externalLinks/externalLink1.xml"/></Relationships>')
        types = types.replace("</Types>", '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType='
                                          '"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"'
                                          "/></Types>")
        changes["xl/externalLinks/externalLink1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="{_MAIN}"><externalBook '
            f'xmlns:r="{_R}" r:id="rId1"><sheetNames><sheetName val="Лист1"/></sheetNames><sheetDataSet>'
            '<sheetData sheetId="0"/></sheetDataSet></externalBook></externalLink>').encode("utf-8")
        changes["xl/externalLinks/_rels/externalLink1.xml.rels"] = _rels(("rId1", "externalLinkPath", other_book, True))
    if picture:
        sheet = sheet.replace("</worksheet>", f'<drawing xmlns:r="{_R}" r:id="rIdDr1"/></worksheet>')
        changes["xl/worksheets/_rels/sheet2.xml.rels"] = _rels(("rIdDr1", "drawing", "../drawings/drawing1.xml", False))
        types = types.replace("</Types>", '<Override PartName="/xl/drawings/drawing1.xml" ContentType='
                                          '"application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
        changes.update(_excel_drawing(picture))
    changes.update({"[Content_Types].xml": types.encode("utf-8"), "xl/workbook.xml": book.encode("utf-8"),
                    "xl/_rels/workbook.xml.rels": book_rels.encode("utf-8"),
                    "xl/worksheets/sheet2.xml": sheet.encode("utf-8")})
    return rezip(base, changes)
