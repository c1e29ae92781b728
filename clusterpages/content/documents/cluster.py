"""cluster.yaml → Cluster (pure)."""

from __future__ import annotations

from clusterpages.content.documents import markup
from clusterpages.content.documents.context import Context, content_ref
from clusterpages.content.documents.links import rewrite_links
from clusterpages.content.read import schema, schemas, yamlload
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Cluster, College, EvidenceClaim, Partner, Profession
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, urls
from clusterpages.values.colorparse import parse_color
from clusterpages.values.colors import ColorError
from clusterpages.values.text import slugify


def _accent(written, palette, file: str, line: int | None, diags: list[dg.Diagnostic]):
    """(the cluster's accent colour, the palette key it names or None)."""
    if isinstance(written, str) and hasattr(palette, written.strip()):
        return getattr(palette, written.strip()), written.strip()
    try:
        return parse_color(written), None
    except ColorError as exc:
        diags.append(dg.error("cluster.color", file, line, f"accent: {exc.message}",
                              exc.hint + " Или укажите цвет из палитры: primary, secondary, accent."))
        return palette.primary, None


def _evidence(ctx: Context, written: list, file: str, scope: str, diags: list[dg.Diagnostic]) -> list[EvidenceClaim]:
    """What the cluster says it published for a decision: an address, or a file of its own."""
    evidence = []
    for e in written:
        link = e.get("link") or ""
        if link.startswith(("http://", "https://")):
            evidence.append(EvidenceClaim(e["protocol"], e["decision"], link, True, e["date"], e.get("note") or "", e["_line"]))
            continue
        path = content_ref(ctx, link, file, e["_line"], scope, "Подтверждение", diags)
        if path:
            target = urls.page_of(path) or urls.media(path)
            evidence.append(EvidenceClaim(e["protocol"], e["decision"], target, False, e["date"], e.get("note") or "", e["_line"]))
    return evidence


def parse_cluster(ctx: Context, src: SourceFile, slug: str) -> tuple[Cluster | None, list[dg.Diagnostic]]:
    located, diags = yamlload.load(src.text, src.rel)
    if located is None:
        return None, diags
    data, sub = schema.validate(located, schemas.CLUSTER, src.rel, what="кластера")
    diags += sub
    scope = inputs.cluster(slug)
    accent, accent_key = _accent(data.get("accent") or "primary", ctx.config.palette, src.rel,
                                 located.line(("accent",)), diags)
    if data.get("name") is None or data.get("leading_college") is None:
        return None, diags
    lead = data["leading_college"]
    logo = content_ref(ctx, data.get("logo"), src.rel, located.line(("logo",)), scope, "Логотип", diags)
    page = urls.cluster(slug)
    desc = markup.render(data.get("description") or "")
    if desc.removed:
        diags.append(dg.warning("html.sanitized", src.rel, located.line(("description",)),
                                "Из описания удалён небезопасный HTML: " + ", ".join(desc.removed) + ".",
                                "Пишите описание обычным текстом."))
    evidence = _evidence(ctx, data.get("evidence") or [], src.rel, scope, diags)
    names = set()
    partners = []
    for p in (p for p in data.get("partners") or [] if p.get("name")):  # a nameless one is already an error
        if p["name"] in names:
            diags.append(dg.error("cluster.duplicate-partner", src.rel, p["_line"], f"Партнёр «{p['name']}» указан дважды.",
                                  "Оставьте одну запись."))
        names.add(p["name"])
        partners.append(Partner(p["name"], slugify(p["name"]), p.get("url"), p.get("industry") or ""))
    cluster = Cluster(
        slug=slug, file=src.rel, name=data["name"], short_name=data.get("short_name") or data["name"],
        established=data.get("established", True) is not False, accent=accent,
        logo=urls.media(logo) if logo else None,
        description_html=rewrite_links(ctx, desc.html, src.text, src.rel, 1, scope, page, diags),
        leading=College(lead.get("name") or "", lead.get("short_name") or "", lead.get("url"),
                        lead.get("address") or "", lead.get("phone") or "", lead.get("email") or ""),
        colleges=tuple(College(c["name"], url=c.get("url")) for c in data.get("colleges") or []),
        partners=tuple(partners),
        professions=tuple(Profession(p["name"], slugify(p["name"]), p.get("code") or "")
                          for p in data.get("professions") or [] if p.get("name")),
        evidence=tuple(evidence),
        accent_key=accent_key,
        accent_line=located.line(("accent",)) if "accent" in (located.value or {}) else None,
    )
    return cluster, diags
