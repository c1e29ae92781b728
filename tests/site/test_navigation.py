"""Menus and lists in the Russian order of what people read; no link to an empty section; a
cluster home says what it has not published yet."""

from __future__ import annotations

import re

from clusterpages.values.text import ru_sort_key


def test_russian_order_key():
    words = ["Транспорт", "Образование", "Ёлочный", "Агропромышленный", "Елецкий", "«Сфера услуг»", "здравоохранение"]
    assert sorted(words, key=ru_sort_key) == ["Агропромышленный", "Елецкий", "Ёлочный", "здравоохранение",
                                              "Образование", "«Сфера услуг»", "Транспорт"]


def test_menu_and_lists_follow_russian_order_and_skip_empty_sections(example_build):
    out = example_build.out
    index = (out / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="site-nav".*?</nav>', index, re.S).group(0)
    names = re.findall(r'href="clusters/[^"]+">([^<]+)</a>', nav)
    assert len(names) == 9 and names == sorted(names, key=ru_sort_key)
    assert names[:2] == ["Агропромышленный", "Здравоохранение"]  # not the Latin folder order (agro, edu, …)
    cards = re.findall(r'class="card__title"><a [^>]*>([^<]+)</a>', index)
    assert cards == names
    rows = re.findall(r'<th scope="row" class="matrix__cluster"><a [^>]*>([^<]+)</a>',
                      (out / "protocols/protocol-4-2022-12-06/index.html").read_text(encoding="utf-8"))
    assert rows == names
    for home in (out / "clusters").glob("*/index.html"):
        html = home.read_text(encoding="utf-8")
        assert "Видео (0)" not in html
        if not list((example_build.site / "content/clusters" / home.parent.name).glob("videos.yaml")):
            assert "videos/index.html" not in re.search(r'id="docs-h".*?</section>', html, re.S).group(0)


def test_cluster_home_says_what_is_not_published(example_build):
    out = example_build.out
    edu = (out / "clusters/edu/index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="unpublished">(.*?)</p>', edu, re.S).group(1)
    line = line.replace("\u00a0", " ").replace("\u2060", "")  # typography's no-break spaces and joiners
    assert "Ещё не опубликованы" in line
    assert "отчёт о деятельности за 2021–2022 учебный год" in line and "видеоролики о рабочих профессиях" in line
    assert "медиаплан" not in line  # edu has its media plan
    it = (out / "clusters/it/index.html").read_text(encoding="utf-8")
    assert 'class="unpublished"' not in it  # IT published everything the protocol asks for
