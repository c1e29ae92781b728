"""axe-core (WCAG 2.0/2.1/2.2 A and AA) finds no violation on one page of each type in each
colour scheme of the version for the visually impaired (switched on through localStorage before
the page loads). Every page in the normal version: test_every_page.py."""

from __future__ import annotations

import pytest

from .browser_support import (
    A11Y_SCHEMES,
    a11y_state,
    format_violations,
    html_a11y_attributes,
    pages_by_type,
    rel,
    run_axe,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", A11Y_SCHEMES)
def test_each_page_type_is_axe_clean_in_the_visually_impaired_mode(
    open_page, scheme, built_site, site_pages, site_server
):
    state = a11y_state(scheme=scheme, size=2)
    page = open_page(a11y=state, axe=True)
    reports = []
    for kind, path in pages_by_type(built_site, site_pages).items():
        address = rel(built_site, path)
        page.goto(site_server.url(address), label=f"{address} [{scheme}]")
        attrs = html_a11y_attributes(page.page)
        assert attrs["on"] == "on" and attrs["scheme"] == scheme, (
            f"{address}: the visually impaired mode did not switch on from localStorage "
            f"{state} (is partials/a11y_head.html included in <head>?): {attrs}"
        )
        violations = run_axe(page.page)
        if violations:
            reports.append(format_violations(f"{kind}: {address} [{scheme}]", violations))
    page.assert_clean()
    assert not reports, "axe-core violations:\n" + "\n".join(reports)
