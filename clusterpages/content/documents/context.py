"""What parsing a content file may know about the rest of the site, and the helpers every
document type shares: its academic year, references to files, its front matter (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterpages.content.documents import refs
from clusterpages.content.read import frontmatter, schema
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import SiteConfig
from clusterpages.values import diagnostics as dg
from clusterpages.values.academic import AcademicYear


@dataclass(frozen=True)
class Context:
    """What parsing a file may know about the rest of the site."""

    config: SiteConfig
    known: frozenset[str]  # every content path (text and media)


def academic_year(text: str, config: SiteConfig, file: str, line: int | None, diags: list) -> AcademicYear | None:
    try:
        return AcademicYear.parse(str(text), start=config.year_start, end=config.year_end)
    except ValueError as exc:
        diags.append(dg.error("schema.academic-year", file, line, f"Учебный год «{text}» не распознан: {exc}",
                              "Запишите учебный год как 2022-2023."))
        return None


def file_year(file: str, prefix: str) -> str | None:
    m = re.search(prefix + r"-(\d{4})-(\d{4})\.md$", file)
    return f"{m.group(1)}-{m.group(2)}" if m else None


def content_ref(ctx: Context, ref: str | None, file: str, line: int | None, scope: str, what: str,
         diags: list) -> str | None:
    """A content path for `ref`, or None with an error diagnostic."""
    if not ref:
        return None
    source_dir = file.rsplit("/", 1)[0]
    path, problem = refs.resolve(ref, source_dir, scope, ctx.known)
    if problem:
        code = "path.missing" if problem == "файл не найден" else "path.outside"
        diags.append(dg.error(code, file, line, f"{what} «{ref}»: {problem}.",
                              "Положите файл в папку media/ кластера и укажите путь от папки кластера, "
                              "например media/logo.svg."))
    return path


def front_matter(src: SourceFile, sch, what: str):
    doc, diags = frontmatter.split(src.text, src.rel)
    if doc is None:
        return None, None, diags
    data, sub = schema.validate(doc.meta, sch, src.rel, what=what)
    return doc, data, diags + sub
