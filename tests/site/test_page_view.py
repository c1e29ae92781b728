"""A page as its template gets it, and what pickling it (for a worker, for a cache key) costs."""

from __future__ import annotations

import datetime as dt
import pickle
import sys

from clusterpages.model import Page
from clusterpages.site.views import page as page_view
from clusterpages.values import packing


def _page(body: str, date=dt.date(2022, 12, 25)) -> Page:
    return Page("it", "news", "content/clusters/it/news.md", "Новости", date, "", (), body)


def test_dates_in_words_and_none_for_an_undated_page():
    v = page_view.view(_page("<p>Текст</p>"))
    assert (v.slug, v.title, v.date, v.date_iso) == ("news", "Новости", "25\u00a0декабря\u00a02022\u00a0г.", "2022-12-25")
    assert (page_view.view(_page("", None)).date, page_view.view(_page("", None)).date_iso) == ("", "")


def test_pickling_leaves_no_utf8_copy_on_the_shared_body():
    body = "".join(["<p>Пример текста страницы кластера</p>"] * 200)
    v = page_view.view(_page(body))
    assert v.body_html is body   # the model page's own string, not a copy
    before = sys.getsizeof(body)
    assert pickle.loads(pickle.dumps(v)) == v
    assert pickle.loads(packing.stable_bytes(v)) == v
    assert sys.getsizeof(body) == before   # CPython caches a str's UTF-8 when pickling it as text
