"""Every page loads from file:// with nothing fetched from outside the machine, no failed request
and no console or page error, and shows its title, main content and the control of the version
for the visually impaired. From a sub-path of an HTTP server the same is checked in
test_every_page.py, with axe-core and reflow on the same load."""

from __future__ import annotations

import pytest

from .browser_support import page_state_failures, rel

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


def test_every_page_loads_from_file_url(page, built_site, site_pages):
    _load_all(page, site_pages, built_site, lambda p: p.as_uri())
