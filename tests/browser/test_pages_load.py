"""Pages load from file:// with nothing fetched from outside the machine, no failed request and no
console or page error, and show their title, main content and the control of the version for
the visually impaired. Every page is loaded so from a sub-path of an HTTP server in
test_every_page.py (with axe-core and reflow on the same load); here one page of each shape
(template and folder depth, browser_support.page_shape): what file:// breaks that a sub-path
does not — requests a script makes, links to a folder — is the template's, not the page's."""

from __future__ import annotations

import pytest

from .browser_support import one_page_per_shape, page_state_failures, rel

pytestmark = pytest.mark.browser


def _load_all(page, site_pages, built_site, url_of) -> None:
    failures = []
    for path in site_pages:
        address = rel(built_site, path)
        response = page.goto(url_of(path), label=address)
        if response is not None and not response.ok:
            failures.append(f"{address}: HTTP {response.status}")
        failures += page_state_failures(address, page.page)
    problems = page.new_problems()
    assert not failures and not problems, "\n".join(failures + problems)


def test_each_shape_of_page_loads_from_file_url(page, built_site, site_pages):
    shapes = one_page_per_shape(built_site, site_pages)
    assert len(shapes) >= 25, [rel(built_site, p) for p in shapes]
    _load_all(page, shapes, built_site, lambda p: p.as_uri())
