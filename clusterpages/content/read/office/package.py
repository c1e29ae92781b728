"""Vetting a Word or Excel file before anything parses it: office files are untrusted input.

A .docx or .xlsx is a zip of XML parts. Before python-docx or openpyxl sees one, `vet`
refuses, with a Russian message naming the file:
- what is not a zip at all, and an OLE compound file (an encrypted document, or an old
  .doc/.xls saved under the new name);
- a zip bomb: too many parts, parts whose declared size or whose actually inflated size
  (read in bounded chunks, never trusting the header) goes past the limits;
- macros (a VBA project or a macro-enabled content type);
- a DTD or entity declaration in any XML part (OOXML never needs one);
- a link to an internet address that Word or Excel would load by itself on opening the
  file (a linked picture, a remote template): see `links`. Other links outside the file
  (a template on a share, a picture linked from a disk, another workbook, hyperlinks) are
  no reason to refuse it: `links.judge` notes or warns about each. Nothing is ever fetched.
Pure: bytes in, the parts' bytes and diagnostics (the notes on links of an accepted file) out.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from clusterpages.content.read.office import links
from clusterpages.values import diagnostics as dg

MAX_FILE_BYTES = 20 * 1024 * 1024       # the office file itself
MAX_PARTS = 1000
MAX_PART_BYTES = 32 * 1024 * 1024       # one inflated part
MAX_TOTAL_BYTES = 64 * 1024 * 1024      # all inflated parts together
_CHUNK = 1024 * 1024

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(frozen=True)
class Package:
    parts: dict[str, bytes]   # part name → inflated bytes


_RESAVE = {"docx": "Откройте файл в Word и сохраните его заново: «Файл» → «Сохранить как» → «Документ Word (*.docx)».",
           "xlsx": "Откройте файл в Excel и сохраните его заново: «Файл» → «Сохранить как» → «Книга Excel (*.xlsx)»."}


def _refuse(diagnostic: dg.Diagnostic) -> tuple[None, list[dg.Diagnostic]]:
    return None, [diagnostic]


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | None:
    """The part's bytes, or None when it inflates past MAX_PART_BYTES or the budget left."""
    limit = min(MAX_PART_BYTES, budget)
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(min(_CHUNK, limit + 1 - len(out)))
            if not chunk:
                return bytes(out)
            out += chunk
            if len(out) > limit:
                return None


def vet(data: bytes, rel: str, kind: str) -> tuple[Package | None, list[dg.Diagnostic]]:
    """The file's parts when it is a safe Word ("docx") or Excel ("xlsx") file; else an error."""
    what = "документ Word" if kind == "docx" else "книга Excel"
    resave = _RESAVE[kind]
    if len(data) > MAX_FILE_BYTES:
        return _refuse(dg.error("office.too-large", rel, None, f"Файл больше {MAX_FILE_BYTES // 1024 // 1024} МБ — это не план.",
                       "Удалите из документа картинки и вложенные объекты или разбейте его на части."))
    if data.startswith(CFB_SIGNATURE):
        return _refuse(dg.error("office.encrypted", rel, None,
                       "Файл защищён паролем или сохранён в старом формате (.doc/.xls) под новым именем: "
                       "такой файл не читается.", "Снимите пароль и " + resave[0].lower() + resave[1:]))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return _refuse(dg.error("office.not-zip", rel, None, f"Файл назван как {what}, но им не является (это не архив OOXML).",
                       resave))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                return _refuse(dg.error("office.zip-bomb", rel, None, f"В файле {len(infos)} частей — в документах Word и книгах Excel столько не бывает.",
                               resave))
            declared = sum(i.file_size for i in infos)
            if declared > MAX_TOTAL_BYTES or any(i.file_size > MAX_PART_BYTES for i in infos):
                return _refuse(dg.error("office.zip-bomb", rel, None,
                               f"Файл распаковывается в {declared // 1024 // 1024} МБ — это «zip-бомба», а не план.",
                               resave))
            parts: dict[str, bytes] = {}
            budget = MAX_TOTAL_BYTES
            for info in infos:
                if info.is_dir():
                    continue
                part = _inflate(zf, info, budget)
                if part is None:
                    return _refuse(dg.error("office.zip-bomb", rel, None,
                                   f"Часть «{info.filename}» распаковывается больше, чем заявлено, — "
                                   "это «zip-бомба», а не план.", resave))
                budget -= len(part)
                parts[info.filename] = part
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
        return _refuse(dg.error("office.damaged", rel, None, f"Файл повреждён ({exc}): части архива не сходятся с его оглавлением.",
                       resave))
    types = parts.get("[Content_Types].xml", b"")
    if any(n.lower().endswith("vbaproject.bin") for n in parts) or b"macroEnabled" in types:
        return _refuse(dg.error("office.macros", rel, None, "В файле есть макросы: такие файлы не публикуются.",
                       resave + " Макросы при этом не сохранятся."))
    for name, part in parts.items():
        if name.endswith((".xml", ".rels")) and _DTD.search(part[:4096]):  # a DTD stands before the root
            return _refuse(dg.error("office.dtd", rel, None, f"В части «{name}» есть объявление DTD или сущностей — "
                                              "в документах Word и Excel их не бывает.", resave))
    refusal, notes = links.judge(parts, rel, kind)
    if refusal is not None:
        return _refuse(refusal)
    return Package(parts), notes
