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
    body_utf8: bytes    # the model page's own bytes: decoded where the page is rendered (body_html)

    @property
    def body_html(self) -> str:
        return self.body_utf8.decode("utf-8")


def view(pg: Page) -> PageView:
    return PageView(pg.slug, pg.title, ru_date(pg.date), pg.date.isoformat() if pg.date else "", pg.body_utf8)
