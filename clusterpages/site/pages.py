"""Which pages the site has, and the data each one is rendered from (pure).

A `PageSpec` holds everything its template reads: its own data and the site-wide
`Chrome` (navigation, title, as-of date). Nothing else is visible to a template, so a
page renders the same whatever order pages are visited in.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from clusterpages.content.facts import region
from clusterpages.content.facts.tally import tally
from clusterpages.model import Cluster, Site
from clusterpages.site import charts, library
from clusterpages.site.views import championship as championship_view
from clusterpages.site.views import cluster as cluster_view
from clusterpages.site.views import home as home_view
from clusterpages.site.views import links, media
from clusterpages.site.views import matrix as matrix_view
from clusterpages.site.views import page as page_view
from clusterpages.site.views import plan as plan_view
from clusterpages.site.views import protocol as protocol_view
from clusterpages.site.views import region as region_view
from clusterpages.site.views import report as report_view
from clusterpages.site.views import slides as slides_view
from clusterpages.site.views import videos as video_view
from clusterpages.site.views import years as years_view
from clusterpages.site.views.counts import totals
from clusterpages.values import text, urls
from clusterpages.values.kinds import KINDS
from clusterpages.values.text import ru_sort_key, slugify


@dataclass(frozen=True)
class NavCluster:
    slug: str
    short_name: str
    url: str


@dataclass(frozen=True)
class SiteLinks:
    """The site paths every page links to: home, feed, search, the region's pages, the footer's."""

    index: str = urls.INDEX
    feed: str = urls.FEED
    search: str = urls.search_page(None)
    search_manifest: str = urls.SEARCH_MANIFEST
    professions: str = urls.PROFESSIONS
    partners: str = urls.PARTNERS
    tochki: str = urls.TOCHKI
    admin: str = urls.ADMIN
    help: str = urls.HELP
    archive: str = urls.ARCHIVE


@dataclass(frozen=True)
class Chrome:
    """Site-wide data every page shows."""

    title: str
    demo: bool
    as_of: _dt.date
    department_name: str
    department_url: str | None
    year_style: str
    fonts: tuple[str, str]
    logo: str | None
    nav: tuple[NavCluster, ...]
    protocols: tuple[tuple[str, str], ...]  # (site path of its table, the menu's words)
    base_url: str | None
    has_help: bool = False   # the site has a guide («Справка», content/help/)
    links: SiteLinks = SiteLinks()
    region_report: links.Link | None = None   # the region's latest report of all clusters, when there is one


@dataclass(frozen=True)
class ClusterLinks:
    """The site paths of the cluster a page belongs to: its home, feed and search."""

    home: str
    feed: str
    search: str


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    title: str
    chrome: Chrome
    cluster: cluster_view.ClusterView | None = None
    crumbs: tuple[tuple[str, str], ...] = ()  # (title, site path)
    data: dict = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        cl = self.cluster
        here = ClusterLinks(urls.cluster(cl.slug), urls.cluster_feed(cl.slug), urls.search_page(cl.slug)) if cl else None
        return {"page_path": self.path, "title": self.title, "chrome": self.chrome, "cluster": self.cluster,
                "cluster_links": here, "crumbs": self.crumbs, **self.data}


def chrome(site: Site) -> Chrome:
    c = site.config
    return Chrome(c.title, c.demo, c.as_of, c.department_name, c.department_url, c.year_style, c.fonts, c.logo,
                  tuple(NavCluster(cl.slug, cl.short_name, urls.cluster(cl.slug)) for cl in site.clusters),
                  _menu_protocols(site), c.base_url, bool(site.help), region_report=_latest_region_report(site))


def _latest_region_report(site: Site) -> links.Link | None:
    found = region.years(site)
    if not found:
        return None
    return links.Link(f"Отчёт кластеров за {found[0].year.label(site.config.year_style)}",
                      urls.region_report(found[0].year.first))


def _menu_protocols(site: Site) -> tuple[tuple[str, str], ...]:
    """The menu's protocol links: «Исполнение протокола» while there is one, else each by its number."""
    if len(site.protocols) == 1:
        return ((urls.protocol(site.protocols[0].slug), "Исполнение протокола"),)
    return tuple((urls.protocol(p.slug), f"Протокол №\u00a0{p.number}") for p in site.protocols)


def greeting_window(site: Site) -> bool:
    c = site.config
    as_of = c.as_of
    start = c.greet_start
    end = c.greet_end
    md = (as_of.month, as_of.day)
    if start <= end:
        return start <= md <= end
    return md >= start or md <= end


def tochki_items(site: Site, cluster: str | None = None) -> tuple[tuple[links.RowLink, ...], tuple[links.Link, ...]]:
    """The plan rows and pages tagged «точки-роста» (of one cluster, or of all)."""
    names = {c.slug: c.short_name for c in site.clusters}
    items = tuple(links.row_link(d, i, names[d.cluster]) for d in site.plans for i in d.items
                  if "точки-роста" in i.tags and (cluster is None or d.cluster == cluster))
    pages = tuple(links.Link(p.title, urls.page(p.cluster, p.slug), names[p.cluster]) for p in site.pages
                  if "точки-роста" in p.tags and (cluster is None or p.cluster == cluster))
    return items, pages


@dataclass(frozen=True)
class _Shared:
    """What every page list below needs: the site indexed once, the chrome, the way home."""

    lib: library.Library
    chrome: Chrome
    home: tuple[str, str]
    greetings: tuple  # the greeting videos featured now (inside the greetings window), else none
    bands: dict       # cluster slug → the ClusterView its pages are given


def specs(site: Site) -> list[PageSpec]:
    lib = library.library(site)
    greetings = tuple(v for v in site.videos if v.kind == "greeting") if greeting_window(site) else ()
    s = _Shared(lib, chrome(site), ("Главная", urls.INDEX), greetings,
                {cl.slug: cluster_view.view(cl) for cl in site.clusters})
    out = [_index(s)] + [_protocol(s, p) for p in site.protocols]
    for docs in lib.clusters.values():
        out += _cluster_pages(s, docs)
    return out + _regional(s) + _region_reports(s) + _archives(s) + _guide(site, s.chrome, s.home)


def _news(site: Site) -> list[tuple]:
    """The newest dated pages, championships, reports and plan updates up to the as-of date."""
    news = sorted(
        [(p.date, p.title, urls.page(p.cluster, p.slug), p.cluster) for p in site.pages if p.date] +
        [(c.start, c.title, urls.championship(c.cluster, c.slug), c.cluster) for c in site.championships] +
        [(r.published, r.title, urls.document(r.cluster, r.slug), r.cluster) for r in site.reports] +
        [(d.updated, d.title, urls.document(d.cluster, d.slug), d.cluster) for d in site.plans if d.updated],
        key=lambda n: (n[0], n[2]), reverse=True)
    names = {c.slug: c.short_name for c in site.clusters}
    return [(d, title, path, names[slug]) for d, title, path, slug in news if d <= site.config.as_of][:8]


def _index(s: _Shared) -> PageSpec:
    site, lib = s.lib.site, s.lib
    lines = tuple(replace(home_view.protocol_line(p), tally=totals(tally(site, matrices=lib.matrices, protocol=p.slug)))
                  for p in site.protocols)
    return PageSpec(urls.INDEX, "index.html", site.config.title, s.chrome, data={
        "clusters": tuple(home_view.cluster_card(c) for c in site.clusters),
        "tallies": {slug: totals(t) for slug, t in lib.tallies.items()}, "tally": totals(lib.region),
        "greetings": tuple(video_view.view(v) for v in s.greetings), "protocols": lines,
        "news": _news(site), "due": links.due_lists(lib.region),
        "region_reports": tuple(links.Link(region_view.title(y.year.label(site.config.year_style)),
                                           urls.region_report(y.year.first)) for y in lib.region_years)})


def _protocol(s: _Shared, p) -> PageSpec:
    lib = s.lib
    return PageSpec(urls.protocol(p.slug), "protocol.html",
                    f"Исполнение протокола №\u00a0{p.number} от {text.ru_date(p.date)}", s.chrome, crumbs=(s.home,),
                    data={"protocol": protocol_view.text(p),
                          "view": matrix_view.view(lib.site, p, lib.matrices, lib.threads)})


def _cluster_pages(s: _Shared, docs: library.ClusterDocs) -> list[PageSpec]:
    site, lib, cl = s.lib.site, s.lib, docs.cluster
    band = s.bands[cl.slug]
    crumbs = (s.home, (cl.short_name, urls.cluster(cl.slug)))
    rows = [(p, next(r for c, r in lib.matrices[p.slug] if c.slug == cl.slug)) for p in site.protocols]
    t_items, t_pages = tochki_items(site, cl.slug)
    home = home_view.cluster_home(docs, rows, site.config)
    # what the home already says is missing of this year's documents is not said twice
    unpublished = tuple(x for x in cluster_view.unpublished(site, cl) if x not in home.years.stale)
    out = [PageSpec(urls.cluster(cl.slug), "cluster.html", cl.name, s.chrome, band, (s.home,), {
        "home": home, "tally": totals(lib.tallies[cl.slug]), "due": links.due_lists(lib.tallies[cl.slug]),
        "greetings": tuple(video_view.view(v) for v in s.greetings if v.cluster == cl.slug),
        "tochki_items": t_items, "tochki_pages": t_pages, "unpublished": unpublished})]
    style = site.config.year_style
    for doc in docs.plans:
        out.append(PageSpec(urls.document(cl.slug, doc.slug), "plan.html", years_view.title(doc, style), s.chrome, band,
                            crumbs + (years_view.crumb(cl.slug, doc.year, style),),
                            {"doc": plan_view.document(doc, style), "tally": totals(tally(site, cl.slug, doc.slug)),
                             "blocks": plan_view.blocks(doc), "files": links.plan_files(doc),
                             "media": media.summary(doc) if doc.kind == "media-plan" else None}))
    for r in docs.reports:
        out += _report_pages(s, cl, r, crumbs + (years_view.crumb(cl.slug, r.year, style),))
    return out + _cluster_lists(s, docs, crumbs)


def _report_pages(s: _Shared, cl: Cluster, r, crumbs: tuple) -> list[PageSpec]:
    """A report on the site, printed (A4) and as slides; `crumbs` end with its year."""
    band = s.bands[cl.slug]
    named = years_view.title(r, s.lib.site.config.year_style)
    rc = crumbs + ((named, urls.document(cl.slug, r.slug)),)
    style = s.lib.site.config.year_style
    top_view, deeper = report_view.view(r, style), report_view.view(r, style, deeper=True)
    report_charts = charts.for_report(r, style)
    versions = links.ReportVersions(urls.document(cl.slug, r.slug), urls.report_print(cl.slug, r.slug),
                                    urls.report_slides(cl.slug, r.slug))
    out = []
    for path, tpl, top in ((versions.page, "report.html", True), (versions.print, "report_print.html", False),
                           (versions.slides, "report_slides.html", False)):
        extra = {"deck": slides_view.deck(report_charts, deeper.sections)} if tpl == "report_slides.html" else {}
        out.append(PageSpec(path, tpl, named, s.chrome, band, crumbs if top else rc,
                            {"report": top_view if top else deeper, "charts": report_charts,
                             "figures": charts.figures(r), "versions": versions, **extra}))
    return out


def _cluster_lists(s: _Shared, docs: library.ClusterDocs, crumbs: tuple) -> list[PageSpec]:
    """A cluster's videos, championships, pages and search."""
    cl, ch, band = docs.cluster, s.chrome, s.bands[docs.cluster.slug]
    newest_first = tuple(video_view.view(v)
                         for v in sorted(docs.videos, key=lambda v: (v.date, v.slug), reverse=True))
    out = [PageSpec(urls.videos(cl.slug), "videos.html", f"Видео — {cl.short_name}", ch, band, crumbs,
                    {"videos": newest_first, "video_groups": video_view.groups(newest_first)})]
    if docs.championships:
        out.append(PageSpec(urls.championships(cl.slug), "championships.html", f"Чемпионаты — {cl.short_name}",
                            ch, band, crumbs, {"championships": tuple(
                                links.Link(c.title, urls.championship(cl.slug, c.slug),
                                           text.ru_date_range(c.start, c.end) + (f", {c.venue}" if c.venue else ""))
                                for c in docs.championships)}))
    for c in docs.championships:
        out.append(PageSpec(urls.championship(cl.slug, c.slug), "championship.html", c.title, ch, band,
                            crumbs + (("Чемпионаты", urls.championships(cl.slug)),),
                            {"championship": championship_view.view(c)}))
    for pg in docs.pages:
        out.append(PageSpec(urls.page(cl.slug, pg.slug), "page.html", pg.title, ch, band, crumbs,
                            {"page": page_view.view(pg)}))
    out.append(PageSpec(urls.search_page(cl.slug), "search.html", "Поиск", ch, band, crumbs, {"kinds": KINDS}))
    return out


def _regional(s: _Shared) -> list[PageSpec]:
    """The region's own pages: professions, partners, search, «Точки роста»."""
    site, ch, home = s.lib.site, s.chrome, s.home
    t_items, t_pages = tochki_items(site)
    return [PageSpec(urls.PROFESSIONS, "professions.html", "Рабочие профессии: видео и колледжи", ch,
                     crumbs=(home,), data={"professions": professions(site)}),
            PageSpec(urls.PARTNERS, "partners.html", "Предприятия-партнёры кластеров", ch, crumbs=(home,),
                     data={"partners": partners(site)}),
            PageSpec(urls.search_page(None), "search.html", "Поиск по сайту", ch, crumbs=(home,),
                     data={"kinds": KINDS}),
            PageSpec(urls.TOCHKI, "tochki.html", "«От „Точек роста“ до мастерских ПОО»", ch,
                     crumbs=(home,), data={"items": t_items, "pages": t_pages})]


def _region_reports(s: _Shared) -> list[PageSpec]:
    """The region's report of each academic year, printed (A4) and as slides."""
    site, ch, home = s.lib.site, s.chrome, s.home
    firsts = tuple(y.year.first for y in s.lib.region_years)
    out = []
    for ry in s.lib.region_years:
        v = region_view.view(ry, site.clusters, firsts, site.config.year_style)
        crumbs = (home, (years_view.year_words(ry.year, site.config.year_style), urls.archive(None, ry.year.first)))
        for path, tpl, top in ((v.versions.page, "region.html", True), (v.versions.print, "region_print.html", False),
                               (v.versions.slides, "region_slides.html", False)):
            out.append(PageSpec(path, tpl, v.title, ch, crumbs=crumbs if top else crumbs + ((v.title, v.versions.page),),
                                data={"region": v, "deck": slides_view.deck(v.charts, ())}))
    return out


def _archives(s: _Shared) -> list[PageSpec]:
    """The documents by academic year: each cluster's archive, then the region's."""
    site, ch, home = s.lib.site, s.chrome, s.home
    out = [PageSpec(urls.archive(docs.cluster.slug), "archive.html", "Документы кластера по учебным годам", ch,
                    s.bands[docs.cluster.slug], (home, (docs.cluster.short_name, urls.cluster(docs.cluster.slug))),
                    {"years": years_view.cluster_archive(site.config, docs.plans, docs.reports)})
           for docs in s.lib.clusters.values()]
    return out + [PageSpec(urls.ARCHIVE, "archive.html", "Документы кластеров по учебным годам", ch, crumbs=(home,),
                           data={"years": years_view.region_archive(site.config, site.clusters, site.plans,
                                                                    site.reports, {y.year.first for y in s.lib.region_years})})]


def _guide(site: Site, ch: Chrome, home: tuple[str, str]) -> list[PageSpec]:
    """The guide («Справка»): its index and a page per reader."""
    if not site.help:
        return []
    guides = tuple(links.Link(pg.title, urls.help_page(pg.slug), pg.summary or "") for pg in site.help)
    return [PageSpec(urls.HELP, "help.html", "Справка", ch, crumbs=(home,), data={"guides": guides})] + [
        PageSpec(urls.help_page(pg.slug), "page.html", pg.title, ch, crumbs=(home, ("Справка", urls.HELP)),
                 data={"page": page_view.view(pg)}) for pg in site.help]


@dataclass(frozen=True)
class ProfessionEntry:
    name: str
    slug: str
    codes: tuple[str, ...]
    clusters: tuple[links.Link, ...]   # note: the cluster's colleges, the leading one first
    videos: tuple[links.Link, ...]     # note: the video's duration
    cluster_names: tuple[str, ...]     # the clusters' full names (what the search finds it by)


def _colleges(cl: Cluster) -> str:
    return ", ".join([cl.leading.name] + [m.name for m in cl.colleges])


def professions(site: Site) -> list[ProfessionEntry]:
    by: dict[str, dict] = {}
    for cl in site.clusters:
        for p in cl.professions:
            e = by.setdefault(p.name.lower(), {"name": p.name, "slug": p.slug, "codes": set(), "clusters": [], "videos": []})
            if p.code:
                e["codes"].add(p.code)
            if cl not in e["clusters"]:
                e["clusters"].append(cl)
    for v in site.videos:
        if v.kind == "profession" and v.profession:
            e = by.setdefault(v.profession.lower(), {"name": v.profession, "slug": slugify(v.profession), "codes": set(),
                                                     "clusters": [], "videos": []})
            e["videos"].append(v)
    return sorted((ProfessionEntry(e["name"], e["slug"], tuple(sorted(e["codes"])),
                                   tuple(links.cluster_link(c, _colleges(c)) for c in e["clusters"]),
                                   tuple(links.Link(v.title, urls.video(v.cluster, v.slug), v.duration or "")
                                         for v in sorted(e["videos"], key=lambda v: (v.date, v.slug))),
                                   tuple(c.name for c in e["clusters"]))
                   for e in by.values()), key=lambda e: ru_sort_key(e.name))


# «АО», «ООО» … are not what people look a partner up by.
_LEGAL_FORM = re.compile(r"^(АО|ООО|ПАО|ОАО|ЗАО|НАО|ИП|ГУП|МУП|ФГУП|ОГУП|ОГБУ|ОГБПОУ|ОГАПОУ|ФГБУ|ФГБОУ|АНО)\s+")


@dataclass(frozen=True)
class PartnerEntry:
    name: str
    slug: str
    url: str | None
    industry: str
    clusters: tuple[links.Link, ...]
    championships: tuple[links.Link, ...]
    items: tuple[links.RowLink, ...]
    cluster_names: tuple[str, ...]     # the clusters' full names (what the search finds it by)


def partners(site: Site) -> list[PartnerEntry]:
    names = {c.slug: c.short_name for c in site.clusters}
    by: dict[str, dict] = {}
    for cl in site.clusters:
        for p in cl.partners:
            e = by.setdefault(p.slug, {"name": p.name, "url": p.url, "industry": p.industry, "clusters": [], "ch": [],
                                       "items": [], "names": []})
            e["clusters"].append(links.cluster_link(cl))
            e["names"].append(cl.name)
    for slug, e in by.items():
        e["ch"] = [links.Link(c.title, urls.championship(c.cluster, c.slug)) for c in site.championships
                   if e["name"] in c.partners]
        low = e["name"].lower()
        bare = low.split("«")[-1].rstrip("»").strip() if "«" in low else low
        e["items"] = [links.row_link(d, i, names[d.cluster]) for d in site.plans for i in d.items
                      if bare and (bare in i.participants.lower() or bare in i.title_text.lower())]
    return sorted((PartnerEntry(e["name"], slug, e["url"], e["industry"], tuple(e["clusters"]), tuple(e["ch"]),
                                tuple(e["items"]), tuple(e["names"])) for slug, e in by.items()), key=lambda e: ru_sort_key(_LEGAL_FORM.sub("", e.name)))
