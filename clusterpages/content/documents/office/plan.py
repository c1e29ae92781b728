"""A plan or media plan read from a Word or Excel file, exactly as from Markdown.

The file is vetted (`package.vet`), read (`docx_read`, `xlsx_read`), and then: the
«УТВЕРЖДАЮ» block becomes the approval, the lines of the title under it the title, tables
with plan columns become plan items through the same `planrows.read_table` as Markdown
tables, headings start sections, other paragraphs stay prose. An optional
`plan-<years>.yaml` beside the file supplies what the document lacks (any front-matter
field of a Markdown plan, and `sheet:` for Excel); it wins over the document.
Pure: bytes and text in, a PlanDoc and diagnostics out.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from clusterpages.content.documents.office import approval as appr
from clusterpages.content.documents.office import docx_read, xlsx_read
from clusterpages.content.documents.office.model import OfficeDoc, Paragraph, Table
from clusterpages.content.documents.planrows import Where, read_table, roles_of
from clusterpages.content.read import schema, yamlload
from clusterpages.content.read.office.package import vet
from clusterpages.content.read.schemas import APPROVAL
from clusterpages.values import diagnostics as dg

SIDECAR = {
    "title": schema.Field("str", doc="название документа, если в файле его нет"),
    "academic_year": schema.Field("str", doc="учебный год, например 2022-2023"),
    "approved": schema.Field("map", schema=APPROVAL),
    "version": schema.Field("scalar"),
    "updated": schema.Field("date"),
    "changes": schema.Field("list", item="str", default=[]),
    "sheet": schema.Field("str", doc="лист книги Excel с таблицей плана"),
}

MAX_TITLE_LINES = 4


@dataclass(frozen=True)
class Meta:
    """What the document (and its .yaml) says about itself."""

    title: str
    approval: appr.ApprovalText | None
    approval_place: str


@dataclass(frozen=True)
class Read:
    meta: Meta
    blocks: tuple          # safe HTML strings and PlanTables, anchors not yet unique
    sidecar: dict


def read_sidecar(text: str | None, rel: str) -> tuple[dict | None, list[dg.Diagnostic]]:
    if text is None:
        return {}, []
    located, diags = yamlload.load(text, rel)
    if located is None:
        return None, diags
    data, sub = schema.validate(located, SIDECAR, rel, what="описания документа")
    return data, diags + sub


def _sentence(line: str) -> str:
    """«ПЛАН РАБОТЫ кластера» → «План работы кластера»: capitals typed for emphasis read as a sentence.

    The whole line, or a leading run of two or more words in capitals, is lowered; an
    abbreviation further on («ОГБПОУ «ТТИТ»») stays as written.
    """
    words = line.split(" ")
    caps = 0
    while caps < len(words) and sum(c.isalpha() for c in words[caps]) > 1 and words[caps].upper() == words[caps]:
        caps += 1
    if caps >= 2 or (caps == len(words) and sum(c.isalpha() for c in line) > 3):
        lowered = " ".join(words[:caps]).lower()
        return " ".join([lowered[:1].upper() + lowered[1:]] + words[caps:])
    return line


def is_plan(block, w: Where) -> bool:
    return isinstance(block, Table) and roles_of(block.raw, w)[0] is not None


def meta_of(doc: OfficeDoc, w: Where) -> tuple[Meta, set[int]]:
    """Approval and title from what stands before the first plan table; the blocks they used."""
    entries: list[tuple[int, str, str]] = []   # (block index, line, place)
    for index, block in enumerate(doc.blocks):
        if is_plan(block, w):
            break
        if isinstance(block, Paragraph):
            entries += [(index, line, block.place) for line in block.text.split("\n")]
        else:
            entries += [(index, line, block.raw.place) for line in block.lines]
    used: set[int] = set()
    found = appr.find_approval([line for _, line, _ in entries])
    place = ""
    after = 0
    if found is not None:
        used |= {entries[i][0] for i in range(found.first, found.last + 1)}
        place = entries[found.first][2]
        after = found.last + 1
    title_lines: list[str] = []
    for index, line, _ in entries[after:]:
        block = doc.blocks[index]
        if index in used and isinstance(block, Table):
            continue
        if not isinstance(block, Paragraph) or not block.emphasis or len(title_lines) >= MAX_TITLE_LINES:
            if title_lines:
                break
            continue
        title_lines.append(_sentence(line))
        used.add(index)
    if not title_lines:   # a title typed into the table's first row, above its header
        title_lines = [_sentence(b.caption) for b in doc.blocks if isinstance(b, Table) and b.caption][:1]
    title = " ".join(title_lines).strip(" .:")
    return Meta(title[:1].upper() + title[1:], found, place), used


def _paragraph_html(block: Paragraph) -> str:
    return "<p>" + "<br>".join(escape(line) for line in block.text.split("\n")) + "</p>"


def open_office(data: bytes, rel: str, sheet: str | None, sheet_file: str
                ) -> tuple[OfficeDoc | None, list[dg.Diagnostic]]:
    """Vet and read a Word or Excel file; None with an error (never a traceback) when it cannot be."""
    kind = "xlsx" if rel.lower().endswith(".xlsx") else "docx"
    package, diags = vet(data, rel, kind)
    if package is None:
        return None, diags
    try:
        if kind == "docx":
            return docx_read.read(data), diags
        return xlsx_read.read(data, sheet)[0], diags
    except xlsx_read.TooLarge as exc:
        return None, [dg.error("office.too-many-rows", rel, None,
                               f"На листе «{exc.sheet}» больше {xlsx_read.MAX_ROWS} строк — это не план.",
                               "Оставьте на листе только таблицу плана или укажите в .yaml рядом с файлом "
                               "лист с планом: sheet: Лист1.", place=exc.sheet)]
    except KeyError as exc:
        return None, [dg.error("office.sheet", sheet_file, None,
                               f"В книге нет листа «{exc.args[0] if exc.args else ''}».",
                               "Укажите имя листа так, как оно написано на ярлычке внизу окна Excel.")]
    except Exception as exc:  # noqa: BLE001 — a malformed part of an untrusted file, never a traceback
        return None, [dg.error("office.unreadable", rel, None,
                               f"Файл не читается: {type(exc).__name__}: {str(exc)[:200]}.",
                               "Откройте файл в Word или Excel и сохраните его заново.")]


def read_office(data: bytes, rel: str, w: Where, sidecar_text: str | None, sidecar_rel: str
                ) -> tuple[Read | None, list[dg.Diagnostic]]:
    """Vet, read and convert one office plan; None with errors when it cannot be read."""
    sidecar, diags = read_sidecar(sidecar_text, sidecar_rel)
    if sidecar is None:
        return None, diags
    doc, sub = open_office(data, rel, sidecar.get("sheet"), sidecar_rel)
    diags += sub
    if doc is None:
        return None, diags
    meta, used = meta_of(doc, w)
    blocks: list = []
    section = ""
    seen: set[str] = set()
    for index, block in enumerate(doc.blocks):
        if index in used:
            continue
        if isinstance(block, Paragraph):
            if block.heading:
                section = block.text.replace("\n", " ")
                blocks.append(f"<h2>{escape(section)}</h2>")
            else:
                blocks.append(_paragraph_html(block))
            continue
        pending: list[dg.Diagnostic] = []     # a layout table's own warnings count only if no table inside is read
        for table in (block,) + block.nested:
            found, sub = read_table(table.raw, section, w, seen)
            if found is not None:
                diags += sub
                blocks += found
                break
            pending += sub
        else:
            diags += pending
            blocks += [f"<p>{escape(line)}</p>" for line in block.lines]
    return Read(meta, tuple(blocks), sidecar), diags
