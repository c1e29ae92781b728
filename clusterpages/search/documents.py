"""What the search finds: the site model as a list of searchable documents (pure).

Every plan and media-plan row is its own document linking to its row (`#item-<uid>`, the id
plan.html gives each row); reports give one document and one per section, videos,
championships and pages one each. The regional part holds the protocols' decisions, the
professions and the partner enterprises. Documents come in site order, so the index built
from them is the same for the same site.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from clusterpages.model import Cluster, PlanDoc, Site
from clusterpages.site import pages as page_specs
from clusterpages.site.views.years import title as year_title
from clusterpages.values import urls
from clusterpages.values.memo import no_memo

# Tags inside a word or a phrase («<b>ИТ</b>-старт»); any other tag separates words. (The look-ahead
# for a first letter those names start with lets the search pass over every other tag at once.)
_INLINE = re.compile(r"<(?=/?[abcemisu])/?(?:a|abbr|b|code|em|i|mark|small|span|strong|sub|sup|u)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


def strip_tags(markup: str) -> str:
    """The text of sanitised HTML (content markup went through nh3 already), on one line."""
    return " ".join(html.unescape(_TAG.sub(" ", _INLINE.sub("", markup))).split())


@dataclass(frozen=True)
class Doc:
    """One search result: `url` is a site path, with the fragment of a row or section."""

    kind: str
    title: str
    url: str
    context: str   # where it sits: the document, the section
    text: str      # everything searchable besides the title, as plain text


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _plan_docs(doc: PlanDoc, style: str) -> list[Doc]:
    """A plan and its rows; the plan's result and every row's context name its academic year."""
    page = urls.document(doc.cluster, doc.slug)
    named = year_title(doc, style)
    prose = _join(*(strip_tags(b) for b in doc.blocks if isinstance(b, str)))
    out = [Doc("page", named, page, doc.year.label(style) + " учебный год", _join(prose, doc.version, *doc.changes))]
    kind = "post" if doc.kind == "media-plan" else "item"
    for item in doc.items:
        text = _join(item.deadline_text, item.responsible, item.participants, strip_tags(item.result_html),
                     item.status_note, " ".join(item.channels), item.format, item.audience,
                     *(strip_tags(v) for _, v in item.extra), *("#" + t for t in item.tags))
        context = named + (f" · {item.section}" if item.section else "")
        out.append(Doc(kind, item.title_text, urls.plan_item(doc.cluster, doc.slug, item.uid), context, text))
    return out


def _cluster_home(cl: Cluster) -> Doc:
    colleges = [c.name for c in (cl.leading,) + cl.colleges]
    return Doc("page", cl.name, urls.cluster(cl.slug), "Главная страница кластера", _join(
        cl.short_name, strip_tags(cl.description_html), cl.leading.address, *colleges,
        *(p.name for p in cl.partners), *(_join(p.code, p.name) for p in cl.professions)))


def cluster_docs(site: Site, cl: Cluster, memo=no_memo) -> list[Doc]:
    """The documents of one cluster, in the order its pages are listed. `memo(name, inputs, make)`
    may give back the text of a document's HTML taken out before (the preview: a save strips the
    saved page's HTML, not its whole cluster's)."""
    def text_of(markup: str, where: str) -> str:
        return memo(f"search-text:{where}", markup, lambda: strip_tags(markup))
    out = [_cluster_home(cl)]
    style = site.config.year_style
    for doc in (d for d in site.plans if d.cluster == cl.slug):
        out += _plan_docs(doc, style)
    for r in (r for r in site.reports if r.cluster == cl.slug):
        page = urls.document(cl.slug, r.slug)
        indicators = _join(*(_join(i.group, i.name) for i in r.indicators))
        named = year_title(r, style)
        out.append(Doc("report", named, page, r.year.label(style) + " учебный год",
                       _join(text_of(r.intro_html, page), indicators)))
        out += [Doc("report", s.title, f"{page}#{s.anchor}", named, text_of(s.html, f"{page}#{s.anchor}"))
                for s in r.sections]
    for v in sorted((v for v in site.videos if v.cluster == cl.slug), key=lambda v: (v.date, v.slug), reverse=True):
        out.append(Doc("video", v.title, urls.video(cl.slug, v.slug), "Видео",
                       _join(v.profession, v.description, v.transcript)))
    for c in sorted((c for c in site.championships if c.cluster == cl.slug), key=lambda c: (c.start, c.slug)):
        results = _join(*(_join(x.place, x.college, x.competency, x.participant or "") for x in c.results))
        url = urls.championship(cl.slug, c.slug)
        out.append(Doc("championship", c.title, url, c.venue,
                       _join(c.level, *c.partners, *c.competencies, results, text_of(c.body_html, url))))
    for p in sorted((p for p in site.pages if p.cluster == cl.slug), key=lambda p: p.slug):
        url = urls.page(cl.slug, p.slug)
        out.append(Doc("page", p.title, url, "Страница", _join(p.summary, text_of(p.body_html, url))))
    return out


def regional_docs(site: Site) -> list[Doc]:
    """The documents of the regional pages: protocol decisions, professions, partners."""
    out = []
    for p in site.protocols:
        out.append(Doc("page", p.title, urls.protocol(p.slug), "Протокол", strip_tags(p.body_html)))
        out += [Doc("page", f"Решение {d.number}. {d.text}", urls.decision(p.slug, d.number), p.title,
                    _join(d.deadline_text, d.responsible)) for d in p.decisions]
    for e in page_specs.professions(site):
        out.append(Doc("page", e.name, urls.profession(e.slug), "Рабочие профессии",
                       _join(*e.codes, *e.cluster_names, *(v.text for v in e.videos))))
    for e in page_specs.partners(site):
        out.append(Doc("page", e.name, urls.partner(e.slug), "Предприятия-партнёры",
                       _join(e.industry, *e.cluster_names)))
    return out
