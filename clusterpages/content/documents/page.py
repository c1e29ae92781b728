"""pages/*.md → Page (pure)."""

from __future__ import annotations

from clusterpages.content.documents.context import Context, front_matter
from clusterpages.content.documents.links import body_html
from clusterpages.content.read import schemas
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Page
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, urls


def parse_page(ctx: Context, src: SourceFile, slug: str) -> tuple[Page | None, list[dg.Diagnostic]]:
    """A page of a cluster, or with `slug` "" a page of the site's guide (content/help/)."""
    doc, data, diags = front_matter(src, schemas.PAGE, "страницы")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    pslug = src.rel.rsplit("/", 1)[1][:-3]
    page = urls.page(slug, pslug) if slug else urls.help_page(pslug)
    scope = inputs.cluster(slug) if slug else inputs.HELP
    body = body_html(ctx, doc.body, src.rel, doc.body_line, scope, page, diags)
    return Page(slug, pslug, src.rel, data["title"], data.get("date"), data.get("summary") or "",
                tuple(t.lower().replace("ё", "е") for t in data.get("tags") or ()), body.encode("utf-8")), diags
