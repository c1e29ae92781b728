"""axe-core (WCAG 2.0/2.1/2.2 A and AA) finds no violation on one page of each type in each
colour scheme of the version for the visually impaired (switched on through localStorage before
the page loads, then from scheme to scheme by the panel's buttons). Every page in the normal version: test_every_page.py."""

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
    switch_scheme,
)

pytestmark = pytest.mark.browser


def test_each_page_type_is_axe_clean_in_every_scheme_of_the_visually_impaired_mode(
    open_page, built_site, site_pages, site_server
):
    """Each page type loads once in the mode (its first scheme, from localStorage) and is switched
    to each other scheme by the panel's own buttons, as a reader does; axe-core after each."""
    first, *others = A11Y_SCHEMES
    state = a11y_state(scheme=first, size=2)
    page = open_page(a11y=state, axe=True)
    reports = []
    for kind, path in pages_by_type(built_site, site_pages).items():
        address = rel(built_site, path)
        page.goto(site_server.url(address), label=f"{address} [{first}]")
        for scheme in A11Y_SCHEMES:
            if scheme != first:
                switch_scheme(page.page, scheme)
            attrs = html_a11y_attributes(page.page)
            assert attrs["on"] == "on" and attrs["scheme"] == scheme, (
                f"{address}: the visually impaired mode is not on in the scheme «{scheme}» "
                f"(from localStorage {state}, then the panel's button; is partials/a11y_head.html "
                f"included in <head>?): {attrs}"
            )
            violations = run_axe(page.page)
            if violations:
                reports.append(format_violations(f"{kind}: {address} [{scheme}]", violations))
    page.assert_clean()
    assert not reports, "axe-core violations:\n" + "\n".join(reports)
