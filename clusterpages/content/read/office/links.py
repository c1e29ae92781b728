"""What a Word or Excel file links to outside itself, and what the build says about each link.

An office file may name other files or addresses in its relationships (`TargetMode="External"`):
the template it was made from, a picture or an object inserted as a link, another workbook,
hyperlinks. The build never loads any of them: it reads what the file holds. So:
- a link the reader does not need (a template, styles, a font, another workbook whose values
  Excel keeps in the file, a hyperlink) is an informational note (`office.link-ignored`);
- what the file does not hold and a reader would miss — a picture or an object inserted as a
  link — is a warning naming it and where it stands (`office.linked-image`, `office.linked-object`);
- a link to an address on the internet that Word or Excel would load by itself whenever
  someone opens the file (a «web bug» picture, a remote template that may carry macros) is
  refused (`office.external`): the original file is published for download.
Pure: the vetted parts in, diagnostics out. Nothing is fetched.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote

from lxml import etree

from clusterpages.values import diagnostics as dg

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_TAG = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):", re.IGNORECASE)
MAX_NOTES = 20                           # links named one by one in a file; the rest are counted
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

# the last segment of a relationship type → (what it is, in Russian; is it missing from what is read)
_KINDS = {
    "image": ("рисунок", True), "oleobject": ("объект", True), "package": ("вложенный файл", True),
    "subdocument": ("вложенный документ", True),
    "attachedtemplate": ("шаблон документа", False), "hyperlink": ("гиперссылка", False),
    "externallinkpath": ("связанная книга", False), "xlpathmissing": ("связанная книга", False),
    "xlstartup": ("связанная книга", False), "xlalternatestartup": ("связанная книга", False),
    "xllibrary": ("связанная книга", False), "glossarydocument": ("стандартные блоки", False),
    "styles": ("набор стилей", False), "styleswitheffects": ("набор стилей", False),
    "font": ("шрифт", False), "theme": ("тема оформления", False),
    "mailmergesource": ("источник данных слияния", False), "recipientdata": ("источник данных слияния", False),
    "mailmergeheadersource": ("источник данных слияния", False),
}
_NEVER_LOADED = ("hyperlink", "externallinkpath", "xlpathmissing", "xlstartup", "xlalternatestartup", "xllibrary")
_WORD_PARTS = (("word/document", "текст документа"), ("word/header", "верхний колонтитул"),
               ("word/footer", "нижний колонтитул"), ("word/footnotes", "сноски"), ("word/endnotes", "концевые сноски"),
               ("word/comments", "примечания"), ("word/settings", "параметры документа"),
               ("word/glossary", "стандартные блоки"))


def _attr(tag: bytes, name: str) -> str:
    m = re.search(rb"\b" + name.encode() + rb"""\s*=\s*(?:"([^"]*)"|'([^']*)')""", tag)
    return html.unescape((m.group(1) if m.group(1) is not None else m.group(2)).decode("utf-8", "replace")) if m else ""


def relationships(data: bytes) -> list[dict[str, str]]:
    """Id, Type, Target and TargetMode of every relationship in a .rels part."""
    return [{k: _attr(t, k) for k in ("Id", "Type", "Target", "TargetMode")} for t in _TAG.findall(data)]


def _source(rels_name: str) -> str:
    """«word/_rels/document.xml.rels» → «word/document.xml»."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    return posixpath.join(folder, posixpath.basename(rels_name)[: -len(".rels")])


def _kind(rel_type: str) -> str:
    return rel_type.rstrip("/").rsplit("/", 1)[-1].lower()


def is_web(target: str) -> bool:
    """An address another program would load from a network by itself (not a path on a disk or share)."""
    m = _SCHEME.match(target.strip())
    return bool(m) and m.group(1).lower() != "file"


def shown_target(target: str) -> str:
    """«file:///C:\\Users\\…\\Normal.dotm» → «C:\\Users\\…\\Normal.dotm»; a web address as it is."""
    text = unquote(target.strip())
    return re.sub(r"^file:/*", "", text, flags=re.IGNORECASE) if text.lower().startswith("file:") else text


def file_name(target: str) -> str:
    parts = [p for p in re.split(r"[\\/]", shown_target(target).split("?", 1)[0]) if p]
    return parts[-1] if parts else target


def _refs(element) -> list[str]:
    """The relationship ids an element and everything in it refer to (r:id, r:link, r:embed…)."""
    return [v for node in element.iter() for k, v in node.attrib.items() if k.startswith("{" + R_NS + "}")]


def _word_places(xml: bytes) -> dict[str, str]:
    """Relationship id → «абзац 3» or «таблица 2, строка 5», counted as the Word reader counts them."""
    try:
        body = etree.fromstring(xml, _PARSER).find(f"{_W}body")
    except etree.XMLSyntaxError:
        return {}
    counts = {"p": 0, "tbl": 0}
    places: dict[str, str] = {}

    def walk(container) -> None:
        for child in container:
            if child.tag == f"{_W}p":
                counts["p"] += 1
                for rid in _refs(child):
                    places.setdefault(rid, f"абзац {counts['p']}")
            elif child.tag == f"{_W}tbl":
                counts["tbl"] += 1
                for number, tr in enumerate(child.findall(f"{_W}tr"), 1):
                    for rid in _refs(tr):
                        places.setdefault(rid, f"таблица {counts['tbl']}, строка {number}")
            elif child.tag == f"{_W}sdt" and child.find(f"{_W}sdtContent") is not None:
                walk(child.find(f"{_W}sdtContent"))
    if body is not None:
        walk(body)
    return places


def _resolve(folder: str, target: str) -> str:
    """A part name from a relationship's target: relative to the source's folder, or absolute."""
    return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))


def _sheets(parts: dict[str, bytes]) -> dict[str, str]:
    """Worksheet and drawing part names → the name of the sheet they belong to."""
    try:
        book = etree.fromstring(parts.get("xl/workbook.xml", b"<x/>"), _PARSER)
    except etree.XMLSyntaxError:
        return {}
    targets = {r["Id"]: _resolve("xl", r["Target"])
               for r in relationships(parts.get("xl/_rels/workbook.xml.rels", b""))}
    out: dict[str, str] = {}
    for sheet in book.iter("{*}sheet"):
        part = targets.get(sheet.get(f"{{{R_NS}}}id") or "")
        if not part:
            continue
        out[part] = sheet.get("name") or ""
        sheet_rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
        for r in relationships(parts.get(sheet_rels, b"")):
            if r["TargetMode"] != "External":
                out[_resolve(posixpath.dirname(part), r["Target"])] = out[part]
    return out


def _drawing_places(xml: bytes, sheet: str) -> dict[str, str]:
    """Relationship id → «План!G2»: the cell a picture's anchor starts at."""
    from openpyxl.utils import get_column_letter
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return {}
    places: dict[str, str] = {}
    for anchor in root:
        start = anchor.find(f"{_XDR}from")
        if start is None:
            continue
        col, row = start.findtext(f"{_XDR}col") or "0", start.findtext(f"{_XDR}row") or "0"
        if col.isdigit() and row.isdigit() and int(col) < 16384:
            for rid in _refs(anchor):
                places.setdefault(rid, f"{sheet}!{get_column_letter(int(col) + 1)}{int(row) + 1}")
    return places


class Places:
    """Where a link stands, as a person finds it in Word or Excel; each part is read once."""

    def __init__(self, parts: dict[str, bytes], kind: str) -> None:
        self.parts, self.kind = parts, kind
        self.sheets = _sheets(parts) if kind == "xlsx" else {}
        self.known: dict[str, dict[str, str]] = {}

    def _of_part(self, part: str) -> dict[str, str]:
        if part not in self.known:
            if part == "word/document.xml" and self.kind == "docx":
                self.known[part] = _word_places(self.parts.get(part, b""))
            elif "drawings/drawing" in part and part in self.sheets:
                self.known[part] = _drawing_places(self.parts.get(part, b""), self.sheets[part])
            else:
                self.known[part] = {}
        return self.known[part]

    def __call__(self, part: str, rid: str) -> str:
        found = self._of_part(part).get(rid)
        if found:
            return found
        if self.kind == "xlsx":
            sheet = self.sheets.get(part)
            return f"лист «{sheet}»" if sheet is not None else ("связи книги" if "externalLink" in part else "книга")
        return next((text for prefix, text in _WORD_PARTS if part.startswith(prefix)), part)


def external(parts: dict[str, bytes]) -> list[tuple[str, str, str, str]]:
    """(source part, relationship id, kind, target) of every external relationship, in part order."""
    found = []
    for name in sorted(parts):
        if name.endswith(".rels"):
            for r in relationships(parts[name]):
                if r["TargetMode"].lower() == "external":
                    found.append((_source(name), r["Id"], _kind(r["Type"]), r["Target"] or "?"))
    return found


_APP = {"docx": "Word", "xlsx": "Excel"}
_PICTURE_FIX = {
    "docx": "Вставьте рисунок в документ, а не связью: в Word «Файл» → «Сведения» → «Изменить связи с файлами» → "
            "отметьте «Хранить в документе» (или удалите рисунок и вставьте его заново: «Вставка» → «Рисунки» → "
            "«Вставить», не «Связать с файлом») и сохраните файл.",
    "xlsx": "Вставьте рисунок в книгу, а не связью: удалите его и вставьте заново («Вставка» → «Рисунки» → "
            "«Это устройство» → «Вставить», не «Связать с файлом») и сохраните книгу.",
}
_OBJECT_FIX = ("Вставьте объект в документ, а не связью: в Word «Файл» → «Сведения» → «Изменить связи с файлами» → "
               "«Разорвать связь» (в Excel: «Данные» → «Изменить связи» → «Разорвать связь») или вставьте его заново "
               "без флажка «Связь с файлом»; таблицу или текст лучше вставить как текст.")


def _refusal(rel: str, kind: str, part: str, what: str, target: str) -> dg.Diagnostic:
    if what == "шаблон документа":
        fix = ("Отсоедините шаблон: в Word «Разработчик» → «Шаблон документа» → «Присоединить…» → выберите Normal "
               "(или сохраните документ заново как новый документ) и сохраните файл.")
    else:
        fix = ("Встройте связанные картинки и объекты в документ (в Word: «Файл» → «Сведения» → "
               "«Изменить связи с файлами» → «Разорвать связь») и сохраните его заново.")
    return dg.error("office.external", rel, None,
                    f"Файл ссылается на внешний ресурс «{target}» ({part}, {what}): {_APP[kind]} загружал бы его из "
                    "сети у каждого, кто откроет опубликованный файл, — так отслеживают читателей и подгружают "
                    "макросы. Связанные файлы и адреса не загружаются, а такой файл не публикуется.", fix)


def _missing(rel: str, kind: str, what: str, target: str, place: str) -> dg.Diagnostic:
    name, path = file_name(target), shown_target(target)
    if what == "рисунок":
        return dg.warning("office.linked-image", rel, None,
                          f"Рисунок «{name}» вставлен связью с файлом «{path}», а не в сам файл: рисунка в файле нет, "
                          "его не увидят ни на сайте, ни в опубликованном исходном файле.", _PICTURE_FIX[kind],
                          place=place)
    return dg.warning("office.linked-object", rel, None,
                      f"{what[:1].upper() + what[1:]} «{name}» вставлен связью с файлом «{path}», а не в сам файл: "
                      "его содержимого в файле нет (в лучшем случае — значок или снимок).", _OBJECT_FIX, place=place)


def _ignored(rel: str, what: str, target: str, place: str) -> dg.Diagnostic:
    name, path = file_name(target), shown_target(target)
    if what == "шаблон документа":
        text = f"Документ прикреплён к шаблону «{name}» («{path}»): шаблон для чтения не нужен и не загружается."
        fix = "Ничего делать не нужно: всё, что есть в самом документе, прочитано."
    elif what == "связанная книга":
        text = (f"Книга связана с другой книгой «{name}» («{path}»): она не открывается, значения ячеек, которые на "
                "неё ссылаются, взяты такими, какими Excel сохранил их в последний раз.")
        fix = ("Если значения устарели, откройте книгу в Excel, обновите связи («Данные» → «Изменить связи» → "
               "«Обновить значения») и сохраните её.")
    else:
        text = f"Файл ссылается на «{path}» ({what}): для чтения это не нужно и не загружается."
        fix = "Ничего делать не нужно: всё, что есть в самом файле, прочитано."
    return dg.info("office.link-ignored", rel, None, text, fix, place=place)


def _hyperlinks(rel: str, targets: list[tuple[str, str]]) -> dg.Diagnostic:
    shown = ", ".join(f"«{t}»" for t, _ in targets[:3]) + (f" и ещё {len(targets) - 3}" if len(targets) > 3 else "")
    return dg.info("office.link-ignored", rel, None,
                   f"Гиперссылки ({len(targets)}) перенесены только текстом, без адресов: {shown}.",
                   "Если адрес нужен на странице, впишите его в текст ячейки или абзаца (https://…).",
                   place=targets[0][1])


def judge(parts: dict[str, bytes], rel: str, kind: str) -> tuple[dg.Diagnostic | None, list[dg.Diagnostic]]:
    """(a refusal, or None; the notes and warnings) for the external links of a vetted file."""
    place_of = Places(parts, kind)
    notes: list[dg.Diagnostic] = []
    hyperlinks: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for part, rid, rel_kind, target in external(parts):
        what, missing = _KINDS.get(rel_kind, ("внешняя связь", False))
        if is_web(target) and rel_kind not in _NEVER_LOADED:
            return _refusal(rel, kind, part, what, target), []
        if (what, target) in seen:
            continue
        seen.add((what, target))
        place = place_of(part, rid)
        if rel_kind == "hyperlink":
            hyperlinks.append((shown_target(target), place))
        elif missing:
            notes.append(_missing(rel, kind, what, target, place))
        else:
            notes.append(_ignored(rel, what, target, place))
    notes.sort(key=lambda d: d.severity != dg.WARNING)   # what a reader would miss first
    if len(notes) > MAX_NOTES:
        rest = len(notes) - MAX_NOTES
        notes = notes[:MAX_NOTES] + [dg.info("office.link-ignored", rel, None,
                                             f"Ещё {rest} внешних связей файла не показаны: ни одна не загружается.",
                                             "Ничего делать не нужно: всё, что есть в самом файле, прочитано.")]
    return None, notes + ([_hyperlinks(rel, hyperlinks)] if hyperlinks else [])
