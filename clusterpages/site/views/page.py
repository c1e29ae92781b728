"""A page of a cluster or of the guide («Справка») as its template and CMS piece show it (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.model import Page
from clusterpages.values.text import ru_date


@dataclass(frozen=True)
class PageView:
    slug: str
    title: str
    date: str           # «25 декабря 2022 г.»; "" for an undated page
    date_iso: str       # 2022-12-25, for <time datetime>; "" for an undated page
    body_html: str

    def __reduce__(self):
        # Pickled (sent to a worker with its PageSpec, hashed for the page's cache key) with its
        # body as UTF-8 made for the pickle, as model.Page is: the body is the model page's own
        # string, and pickling it would leave CPython's cached UTF-8 copy on it for as long as
        # the site lives (160 MB at 10,000 pages).
        return _page_view, (self.slug, self.title, self.date, self.date_iso, self.body_html.encode("utf-8"))


def _page_view(slug: str, title: str, date: str, date_iso: str, body: bytes) -> PageView:
    return PageView(slug, title, date, date_iso, body.decode("utf-8"))


def view(pg: Page) -> PageView:
    return PageView(pg.slug, pg.title, ru_date(pg.date), pg.date.isoformat() if pg.date else "", pg.body_html)
