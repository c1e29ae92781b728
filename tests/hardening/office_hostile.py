"""Hostile Word and Excel files, made in the tests: each must be refused quickly and clearly."""

from __future__ import annotations

import functools
import io
import struct
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "content"))

from office_files import rezip, word_plan  # noqa: E402  (the test office files live with the content tests)

CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def not_a_zip() -> bytes:
    return "Это не документ Word, а текст с расширением .docx".encode("utf-8")


def encrypted() -> bytes:
    return CFB + b"\x00" * 4096


def zip_bomb_declared() -> bytes:
    """A part that says, and is, 80 MB of zeros (it packs to about 80 KB)."""
    return rezip(word_plan(), {"word/media/filler.bin": b"\x00" * (80 * 1024 * 1024)})


def zip_bomb_lying() -> bytes:
    """A part that declares 1 KB but inflates to 40 MB: only a bounded read finds out."""
    data = bytearray(rezip(word_plan(), {"customXml/item9.xml": b" " * (40 * 1024 * 1024)}))
    name = b"customXml/item9.xml"
    for signature, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", data, start + name_len_at)[0]
            if bytes(data[start + name_at:start + name_at + length]) == name:
                struct.pack_into("<I", data, start + size_at, 1024)
            start += 4
    return bytes(data)


def with_macros() -> bytes:
    return rezip(word_plan(), {"word/vbaProject.bin": b"\x00VBA project"})


def with_external_image() -> bytes:
    base = word_plan()
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
    rels = rels.replace("</Relationships>", (
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="http://203.0.113.7/tracker.png" TargetMode="External"/></Relationships>'))
    return rezip(base, {"word/_rels/document.xml.rels": rels.encode("utf-8")})


def with_dtd() -> bytes:
    base = word_plan()
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        xml = zf.read("word/document.xml")
    head, rest = xml.split(b"?>", 1)
    bomb = b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    return rezip(base, {"word/document.xml": head + b"?>" + bomb + rest})


@functools.lru_cache(maxsize=1)
def million_rows() -> bytes:
    """A minimal workbook whose one sheet has a million rows (written as XML, not by openpyxl)."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 1_000_001))
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode("utf-8")),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, part in parts.items():
            zf.writestr(name, part)
    return out.getvalue()


def many_rows(count: int = 6000) -> bytes:
    """A sheet small on disk but longer than any plan: the row bound refuses it."""
    import openpyxl
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Лист1")
    sheet.append(["№", "Мероприятие", "Срок"])
    for n in range(count):
        sheet.append([n, "Пункт", "01.10.2022"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HOSTILE = {  # name → (builder, the file name, the code it is refused with)
    "not-a-zip": (not_a_zip, "plan-2022-2023.docx", "office.not-zip"),
    "encrypted": (encrypted, "plan-2022-2023.docx", "office.encrypted"),
    "zip-bomb": (zip_bomb_declared, "plan-2022-2023.docx", "office.zip-bomb"),
    "zip-bomb-lying-sizes": (zip_bomb_lying, "plan-2022-2023.docx", "office.damaged"),
    "macros": (with_macros, "plan-2022-2023.docx", "office.macros"),
    "external-relationship": (with_external_image, "plan-2022-2023.docx", "office.external"),
    "dtd": (with_dtd, "plan-2022-2023.docx", "office.dtd"),
    "million-rows": (million_rows, "plan-2022-2023.xlsx", "office.zip-bomb"),
    "too-many-rows": (many_rows, "plan-2022-2023.xlsx", "office.too-many-rows"),
}


def broken_xml() -> bytes:
    return rezip(word_plan(), {"word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>'})


def too_large() -> bytes:
    return b"PK\x03\x04" + b"\x00" * (21 * 1024 * 1024)
