"""Site search in Chromium: the header box and the search page find Russian word forms, ё/е and
misspelt words, from file://, under a sub-path and from an unzipped cluster zip; results are
announced, keyboard-reachable and axe-clean in every scheme of the visually-impaired mode."""

from __future__ import annotations

import zipfile

import pytest

from .browser_support import (
    A11Y_SCHEMES,
    a11y_state,
    format_violations,
    html_a11y_attributes,
    run_axe,
    switch_scheme,
    wrap_fragment,
)

pytestmark = pytest.mark.browser

BOX = "#cp-search-q"
PANEL = "#cp-search-panel"


def _type(page, selector: str, text: str) -> None:
    """Type like a person (one key at a time), then wait for the announcement."""
    box = page.locator(selector)
    box.fill("")
    box.press_sequentially(text, delay=15)


def _box_results(watch, query: str) -> list[dict]:
    page = watch.page
    _type(page, BOX, query)
    # The panel is the answer to this query (not to a word typed before it, nor to an earlier
    # keystroke) when its link to the search page carries the whole query.
    page.wait_for_function(
        "q => { const all = document.querySelector('#cp-search-panel .site-search__all');"
        " const s = document.querySelector('[data-search-status]');"
        " return all && s && s.textContent &&"
        " all.getAttribute('href').endsWith('?q=' + encodeURIComponent(q)); }", arg=query)
    return page.eval_on_selector_all(f"{PANEL} li", """items => items.map(li => ({
        title: li.querySelector('a').textContent, href: li.querySelector('a').href,
        meta: li.querySelector('.search-result__meta').textContent,
        marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)}))""")


def _status(page) -> str:
    return page.text_content("[data-search-status]") or ""


def _check_queries(watch, cluster_only: str | None = None) -> None:
    """The queries every place must answer; `cluster_only` for a zip of that cluster."""
    # An inflected form finds the other forms, marked in the titles.
    found = _box_results(watch, "чемпионата")
    assert found, _status(watch.page)
    assert any(m.lower().startswith("чемпионат") for r in found for m in r["marks"]), found
    # Plan rows are results of their own, linking to their row.
    rows = [r for r in found if "#item-" in r["href"]]
    assert rows and all(r["meta"].startswith("пункт плана") or r["meta"].startswith("публикация медиаплана")
                        for r in rows), found
    # A misspelt word (one letter wrong) finds the same.
    misspelt = _box_results(watch, "чемпеонаты")
    assert {r["href"] for r in misspelt} >= {r["href"] for r in found[:3]}
    # ё and е are one letter.
    with_yo = _box_results(watch, "партнёров")
    without = _box_results(watch, "партнеров")
    assert with_yo and [r["href"] for r in with_yo] == [r["href"] for r in without]
    # Prefix while typing.
    typing = _box_results(watch, "стажиров")
    assert typing and any(m.lower().startswith("стажиров") for r in typing for m in r["marks"])
    assert "Найдено" in _status(watch.page)
    if cluster_only:
        hrefs = [r["href"] for r in found + with_yo + typing]
        assert all(f"/clusters/{cluster_only}/" in h for h in hrefs), hrefs
    # The first plan row's link opens its page at its row.
    rows = [r for r in _box_results(watch, "чемпионата") if "#item-" in r["href"]]
    target = rows[0]["href"]
    with watch.page.expect_navigation():
        watch.page.click(f"{PANEL} a[href='{target}']")
    anchor = target.split("#", 1)[1]
    assert watch.page.locator(f"tr#{anchor}").count() == 1


def test_search_from_file(page, built_site):
    page.goto((built_site / "clusters" / "it" / "index.html").as_uri())
    _check_queries(page)
    page.assert_clean()


def test_search_from_sub_path(page, site_server):
    page.goto(site_server.url("index.html"))
    found = _box_results(page, "сварщика")
    assert any("сварщик" in r["title"].lower() for r in found), found
    _check_queries(page)
    page.assert_clean()


def test_search_from_unzipped_cluster_zip(page, built_site, tmp_path):
    with zipfile.ZipFile(built_site / "downloads" / "it.zip") as zf:
        zf.extractall(tmp_path)
    assert not (tmp_path / "search" / "region").exists()
    page.goto((tmp_path / "clusters" / "it" / "index.html").as_uri())
    _check_queries(page, cluster_only="it")
    page.assert_clean()


def test_search_page_keyboard_filters_and_announcement(page, built_site):
    page.goto((built_site / "poisk" / "index.html").as_uri() + "?q=" + "сварщиков")
    p = page.page
    p.wait_for_function("() => document.querySelector('[data-search-page-status]').textContent.includes('Найдено')")
    titles = p.eval_on_selector_all(".search-results li a", "a => a.map(x => x.textContent)")
    assert any("Сварщик" in t for t in titles), titles
    # Narrow to one kind, by keyboard.
    # The page puts the query it has shown into its address.
    _type(p, "#cp-search-page-q", "чемпионат")
    p.wait_for_function("q => location.search === '?q=' + encodeURIComponent(q)", arg="чемпионат")
    everything = p.locator(".search-results li").count()
    p.focus("select[name=kind]")
    p.select_option("select[name=kind]", "championship")
    p.wait_for_function("() => location.search.endsWith('&kind=championship')")
    kinds = p.eval_on_selector_all(".search-result__kind", "k => k.map(x => x.textContent)")
    assert kinds and set(kinds) == {"чемпионат"}, kinds
    only = p.locator(".search-results li").count()
    assert 0 < only < everything
    assert "Найдено" in p.text_content("[data-search-page-status]")
    assert p.get_attribute("[data-search-page-status]", "role") == "status"
    page.assert_clean()


def test_box_keyboard(page, built_site):
    page.goto((built_site / "index.html").as_uri())
    p = page.page
    _box_results(page, "практика")
    p.keyboard.press("ArrowDown")
    assert p.evaluate("document.activeElement.closest('#cp-search-panel') !== null")
    p.keyboard.press("ArrowDown")
    p.keyboard.press("Escape")
    assert p.evaluate("document.activeElement.id") == "cp-search-q"
    assert p.locator(PANEL).is_hidden()
    # Enter opens the search page with the query.
    with p.expect_navigation():
        p.keyboard.press("Enter")
    assert "poisk/index.html?q=" in p.url
    p.wait_for_function("() => document.querySelectorAll('.search-results li').length > 0")
    page.assert_clean()


@pytest.mark.parametrize("a11y", [False, True], ids=["normal", "visually-impaired"])
def test_search_axe_clean_with_results(open_page, site_server, a11y):
    """The search page with its results and the header box with its panel: axe-clean in the
    normal version, and in the version for the visually impaired in each of its schemes
    (switched by the panel's buttons on the loaded page)."""
    schemes = A11Y_SCHEMES if a11y else [None]
    watch = open_page(a11y=a11y_state(scheme=schemes[0], size=2) if a11y else None)
    reports = []

    def check(where: str, show=lambda: None) -> None:
        """axe-core on the loaded page in each scheme; `show` brings its results back after a switch."""
        for scheme in schemes:
            if scheme is not None and scheme != schemes[0]:
                switch_scheme(watch.page, scheme)
            if scheme is not None:
                assert html_a11y_attributes(watch.page)["scheme"] == scheme, where
            show()
            violations = run_axe(watch.page)
            if violations:
                reports.append(format_violations(f"{where} [{scheme}]", violations))

    watch.goto(site_server.url("poisk/index.html") + "?q=" + "чемпионата")
    watch.page.wait_for_function("() => document.querySelectorAll('.search-results mark').length > 0")
    check("search page")
    watch.goto(site_server.url("clusters/it/index.html"))
    check("header box with results", lambda: _box_results(watch, "практики") or pytest.fail("no results"))
    watch.assert_clean()
    assert not reports, "axe-core violations:\n" + "\n".join(reports)


def test_search_script_on_a_cms_page_breaks_nothing(page, built_site, tmp_path):
    """A fragment pasted into a CMS page beside our script (no manifest): no error, no box."""
    fragment = (built_site / "embed" / "it" / "plan-2022-2023.html").read_text(encoding="utf-8")
    cms = tmp_path / "cms.html"
    cms.write_text(wrap_fragment(fragment).replace(
        "</body>", f'<script src="{(built_site / "assets" / "search.js").as_uri()}"></script>\n</body>'),
        encoding="utf-8")
    page.goto(cms.as_uri())
    assert page.page.evaluate("typeof window.cpSearch === 'object'")
    assert page.page.locator("table").count() > 0
    page.assert_clean()
