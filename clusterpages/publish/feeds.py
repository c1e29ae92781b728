"""Atom feeds (RFC 4287), sitemap.xml and robots.txt (pure).

Every date comes from the content (deadlines, publication dates, championship and page
dates), never from the clock: an entry's <updated> is its date at 00:00:00Z and a feed's
<updated> is its newest entry's. Entry ids are tag URIs (RFC 4151) built from the cluster,
document and item names, so they survive edits of titles and dates.
"""

from __future__ import annotations

import datetime as _dt
import functools
import html
from dataclasses import dataclass
from urllib.parse import urlsplit

from clusterpages.model import Site
from clusterpages.publish.htmlscan import absolute
from clusterpages.values import status as st
from clusterpages.values import urls
from clusterpages.values.memo import no_memo
from clusterpages.values.typography import typograph


# XML text and attributes, escaped by the html module (xml.sax.saxutils would bring urllib.request,
# http.client and ssl with it: 12 ms of every build's start).
def escape(text: str) -> str:
    return html.escape(text, quote=False)


def quoteattr(value: str) -> str:
    return f'"{html.escape(value)}"'


ATOM_NS = "http://www.w3.org/2005/Atom"
# RFC 4151: the date on which the tagging authority held the name. A constant keeps ids stable
# whatever dates the content later gets (2022: the year of protocol No. 4).
TAG_DATE = "2022"
CATEGORIES = (("plan", "План работы"), ("media", "Медиаплан"), ("report", "Отчёт"),
              ("championship", "Чемпионат"), ("page", "Страница кластера"))


@dataclass(frozen=True)
class Entry:
    cluster: str
    key: str           # <cluster>/<doc>/<uid>: the stable part of the id
    title: str
    date: _dt.date
    link: str          # site path (with #fragment) or an outside address
    related: str | None  # site path of the page that lists it, when `link` leaves the site
    category: str
    summary: str

    @property
    def id(self) -> str:
        return f"tag:clusterpages,{TAG_DATE}:{self.key}"


def _item_summary(item) -> str:
    parts = [f"Срок: {item.deadline_text}" if item.deadline_text else "",
             f"ответственный: {item.responsible}" if item.responsible else "",
             f"состояние: {st.words(item.status, item.written, item.late_days).lower()}"]
    return "; ".join(p for p in parts if p) + "."


def entries(site: Site, cluster: str) -> list[Entry]:
    """Every dated thing of a cluster, newest first."""
    out: list[Entry] = []

    def mine(x) -> bool:
        return x.cluster == cluster
    for doc in filter(mine, site.plans):
        for item in doc.items:
            d = item.deadline
            if d is None or d.end is None or d.kind in ("recurrence", "none"):
                continue
            row = urls.plan_item(doc.cluster, doc.slug, item.uid)
            key = f"{doc.cluster}/{doc.slug}/{item.uid}"
            if doc.kind == "plan":
                out.append(Entry(doc.cluster, key, item.title_text, d.end, row, None, "plan", _item_summary(item)))
            elif item.status == "published":
                summary = ", ".join(p for p in (item.format, item.channel) if p) or "Публикация"
                out.append(Entry(doc.cluster, key, item.title_text, d.end, item.link or row,
                                 row if item.link else None, "media", summary[:1].upper() + summary[1:] + "."))
    for r in filter(mine, site.reports):
        out.append(Entry(r.cluster, f"{r.cluster}/{r.slug}", r.title, r.published,
                         urls.document(r.cluster, r.slug), None, "report",
                         f"Отчёт о деятельности кластера, показателей: {len(r.indicators)}."))
    for c in filter(mine, site.championships):
        where = f", {c.venue}" if c.venue else ""
        when = c.start.strftime("%d.%m.%Y") + (f"–{c.end.strftime('%d.%m.%Y')}" if c.end != c.start else "")
        out.append(Entry(c.cluster, f"{c.cluster}/championships/{c.slug}", c.title, c.start,
                         urls.championship(c.cluster, c.slug), None, "championship",
                         f"{when}{where}."))
    for p in filter(mine, site.pages):
        if p.date is None:
            continue
        out.append(Entry(p.cluster, f"{p.cluster}/pages/{p.slug}", p.title, p.date,
                         urls.page(p.cluster, p.slug), None, "page", p.summary or p.title))
    return sorted(out, key=lambda e: (-e.date.toordinal(), e.id))


def _stamp(d: _dt.date) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def _href(target: str, feed_path: str, base_url: str | None) -> str:
    if target.startswith(("http://", "https://")):
        return target
    if base_url:
        path, _, frag = target.partition("#")
        return absolute(base_url, path, frag)
    return urls.relative(target, feed_path)


def _entry(e: Entry, shown: str, feed_path: str, base: str | None, typo=typograph) -> list[str]:
    lines = ["  <entry>",
             f"    <id>{escape(e.id)}</id>",
             f"    <title>{escape(typo(shown))}</title>",
             f"    <updated>{_stamp(e.date)}</updated>",
             f'    <link rel="alternate" href={quoteattr(_href(e.link, feed_path, base))}/>']
    if e.related:
        lines.append(f'    <link rel="related" type="text/html" href={quoteattr(_href(e.related, feed_path, base))}/>')
    lines += [f'    <category term="{e.category}" label={quoteattr(dict(CATEGORIES)[e.category])}/>',
              f"    <summary>{escape(typo(e.summary))}</summary>",
              "  </entry>"]
    return lines


def _head(site: Site, feed_path: str, title: str, home: str, author: str, key: str, updated: _dt.date) -> list[str]:
    base = site.config.base_url
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="{ATOM_NS}" xml:lang="ru">',
             f"  <id>tag:clusterpages,{TAG_DATE}:{escape(key)}</id>",
             f"  <title>{escape(title)}</title>",
             f"  <updated>{_stamp(updated)}</updated>",
             f"  <author><name>{escape(author)}</name></author>",
             f'  <link rel="alternate" type="text/html" href={quoteattr(_href(home, feed_path, base))}/>']
    if base:
        lines.append(f'  <link rel="self" type="application/atom+xml" href={quoteattr(_href(feed_path, feed_path, base))}/>')
    lines.append("  <generator>clusterpages</generator>")
    return lines


def _entries_xml(site: Site, feed_path: str, items: list[Entry], prefix: bool, memo=no_memo,
                 typo=typograph) -> list[str]:
    """Each entry's lines joined (`prefix`: its title after its cluster's short name); `typo`:
    typography.typograph, or the same remembering (a summary is in two feeds)."""
    base = site.config.base_url
    names = {c.slug: c.short_name for c in site.clusters}
    out = []
    for e in items:
        shown = f"{names.get(e.cluster, e.cluster)}: {e.title}" if prefix else e.title
        out.append("\n".join(memo(f"feed:{feed_path}:{e.id}", (e, shown, base),
                                  lambda e=e, shown=shown: _entry(e, shown, feed_path, base, typo))))
    return out


def atom(site: Site, feed_path: str, title: str, home: str, author: str, key: str, items: list[Entry],
         prefix: bool, memo=no_memo, typo=typograph) -> bytes:
    """One Atom document; `home` is the site path of the HTML page the feed belongs to.
    `memo(name, inputs, make)` may give back an entry written from the same inputs before."""
    head = _head(site, feed_path, title, home, author, key, items[0].date if items else site.config.as_of)
    return _joined(head, _entries_xml(site, feed_path, items, prefix, memo, typo))


def _joined(head: list[str], entries_xml: list[str]) -> bytes:
    return ("\n".join(head + entries_xml + ["</feed>"]) + "\n").encode("utf-8")


def region_entries(site: Site, items: list[Entry], memo=no_memo, typo=typograph) -> tuple[tuple, ...]:
    """A cluster's entries as the region's feed writes them, each with its place in that feed."""
    return tuple(((-e.date.toordinal(), e.id), e.date, xml)
                 for e, xml in zip(items, _entries_xml(site, urls.FEED, items, True, memo, typo)))


def feeds(site: Site, memo=no_memo) -> dict[str, bytes]:
    """feed.xml of the region and clusters/<slug>/feed.xml of every cluster.

    The region's feed is its clusters' entries merged in date order (every document is in one of
    `site.clusters`: assemble drops a folder without its cluster.yaml); each cluster's share is made
    with that cluster's own feed, so an edit in one cluster writes only that cluster's entries
    again (`memo(name, inputs, make)`: the preview's Recall, or a build's cache folder)."""
    out: dict[str, bytes] = {}
    region: list[tuple] = []
    for cl in site.clusters:
        path = urls.cluster_feed(cl.slug)
        # Everything a cluster's feed is made of: a save elsewhere gives it back as it was.
        inputs = (cl, site.config.base_url, site.config.as_of) + tuple(
            tuple(x for x in xs if x.cluster == cl.slug) for xs in (site.plans, site.reports, site.championships, site.pages))

        def make(cl=cl, path=path) -> tuple[bytes, tuple]:
            items = entries(site, cl.slug)
            typo = functools.lru_cache(maxsize=None)(typograph)  # each summary is in both feeds
            return (atom(site, path, cl.name, urls.cluster(cl.slug), cl.leading.name or cl.name, f"{cl.slug}/feed",
                         items, prefix=False, memo=memo, typo=typo), region_entries(site, items, memo, typo))
        out[path], share = memo(f"feed-doc:{path}", inputs, make)
        region += share
    region.sort(key=lambda x: x[0])
    head = _head(site, urls.FEED, site.config.title, urls.INDEX, site.config.department_name, "feed",
                 region[0][1] if region else site.config.as_of)
    out[urls.FEED] = _joined(head, [xml for _, _, xml in region])
    return out


# --------------------------------------------------------------------------- sitemap

def lastmods(site: Site) -> dict[str, _dt.date]:
    """Pages whose content carries its own date (never later than the as-of date)."""
    found: dict[str, _dt.date] = {}
    for doc in site.plans:
        d = doc.updated or (doc.approval.date if doc.approval else None)
        if d:
            found[urls.document(doc.cluster, doc.slug)] = d
    for r in site.reports:
        for path in (urls.document(r.cluster, r.slug), urls.report_print(r.cluster, r.slug),
                     urls.report_slides(r.cluster, r.slug)):
            found[path] = r.published
    for c in site.championships:
        found[urls.championship(c.cluster, c.slug)] = c.end
    for p in site.pages:
        if p.date:
            found[urls.page(p.cluster, p.slug)] = p.date
    return {k: v for k, v in found.items() if v <= site.config.as_of}


def sitemap(site: Site, html_pages: list[str]) -> dict[str, bytes]:
    """sitemap.xml and robots.txt (only called when base_url is set)."""
    base = site.config.base_url
    dates = lastmods(site)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in sorted(html_pages):
        lines.append(f"  <url><loc>{escape(absolute(base, path))}</loc>"
                     + (f"<lastmod>{dates[path].isoformat()}</lastmod>" if path in dates else "") + "</url>")
    lines.append("</urlset>")
    prefix = urlsplit(base).path or "/"
    robots = ["User-agent: *", f"Disallow: {prefix}{urls.EMBED}", f"Disallow: {prefix}{urls.DOWNLOADS}",
              f"Sitemap: {base}{urls.SITEMAP}"]
    return {urls.SITEMAP: ("\n".join(lines) + "\n").encode("utf-8"),
            urls.ROBOTS: ("\n".join(robots) + "\n").encode("utf-8")}
