"""A page as its template gets it, and what pickling it (for a worker, for a cache key) costs."""

from __future__ import annotations

import datetime as dt
import pickle

from clusterpages.model import Page
from clusterpages.site.views import page as page_view
from clusterpages.values import packing


def _page(body: str, date=dt.date(2022, 12, 25)) -> Page:
    return Page("it", "news", "content/clusters/it/news.md", "Новости", date, "", (), body.encode("utf-8"))


def test_dates_in_words_and_none_for_an_undated_page():
    v = page_view.view(_page("<p>Текст</p>"))
    assert (v.slug, v.title, v.date, v.date_iso) == ("news", "Новости", "25\u00a0декабря\u00a02022\u00a0г.", "2022-12-25")
    assert (page_view.view(_page("", None)).date, page_view.view(_page("", None)).date_iso) == ("", "")


def test_a_view_shares_its_pages_bytes_and_travels_as_them():
    body = "".join(["<p>Пример текста страницы кластера</p>"] * 200)
    page = _page(body)
    v = page_view.view(page)
    assert v.body_utf8 is page.body_utf8   # the model page's own bytes, not a copy
    assert v.body_html == page.body_html == body
    assert pickle.loads(pickle.dumps(v)) == v and pickle.loads(pickle.dumps(page)) == page
    assert pickle.loads(packing.stable_bytes(v)) == v
