"""Every page loads from file:// and from a sub-path of an HTTP server, with nothing fetched
from outside the machine, no failed request and no console or page error."""

from __future__ import annotations

import pytest

from .browser_support import rel

pytestmark = pytest.mark.browser

PAGE_STATE = """() => {
  const control = document.querySelectorAll('.a11y-control');
  const visible = (el) => !!el && el.getClientRects().length > 0
      && getComputedStyle(el).visibility !== 'hidden';
  return {
    js: document.documentElement.classList.contains('js'),
    controls: control.length,
    controlVisible: visible(control[0]),
    main: visible(document.querySelector('main')),
    title: document.title.trim(),
  };
}"""


def _load_all(page, site_pages, built_site, url_of) -> None:
    failures = []
    for path in site_pages:
        address = rel(built_site, path)
        response = page.goto(url_of(path), label=address)
        if response is not None and not response.ok:
            failures.append(f"{address}: HTTP {response.status}")
        state = page.page.evaluate(PAGE_STATE)
        if not state["title"]:
            failures.append(f"{address}: empty <title>")
        if not state["main"]:
            failures.append(f"{address}: no visible <main>")
        if not state["js"]:
            failures.append(f"{address}: <html> has no class «js»: include partials/a11y_head.html in <head>")
        if state["controls"] != 1:
            failures.append(f"{address}: {state['controls']} .a11y-control elements instead of 1 "
                            "(include partials/a11y_panel.html once)")
        elif not state["controlVisible"]:
            failures.append(f"{address}: the «Версия для слабовидящих» control is not visible with JavaScript on")
    problems = page.new_problems()
    assert not failures and not problems, "\n".join(failures + problems)


def test_every_page_loads_from_file_url(page, built_site, site_pages):
    _load_all(page, site_pages, built_site, lambda p: p.as_uri())


def test_every_page_loads_from_a_sub_path(page, built_site, site_pages, site_server):
    _load_all(page, site_pages, built_site, lambda p: site_server.url(rel(built_site, p)))
