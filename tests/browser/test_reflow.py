"""The settings panel of the version for the visually impaired fits 320 CSS px at its largest
settings. That no page scrolls horizontally at 320 px nor at 1280 px with 200 % zoom is checked
on every page in test_every_page.py."""

from __future__ import annotations

import pytest

from .browser_support import REFLOW_VIEWPORTS, a11y_state, pages_by_type, rel

pytestmark = pytest.mark.browser


def test_a11y_panel_fits_320px_at_the_largest_settings(open_page, built_site, site_pages, site_server):
    """The open settings panel at 200 % font and big spacing still fits a 320 px screen."""
    page = open_page(a11y=a11y_state(scheme="black", size=5, spacing="big"), **REFLOW_VIEWPORTS["320px"])
    index = pages_by_type(built_site, site_pages)["index"]
    page.goto(site_server.url(rel(built_site, index)), label="index.html [320px, 200 %, big]")
    sizes = page.page.evaluate("""() => {
      const c = document.querySelector('.a11y-control');
      const width = document.documentElement.clientWidth;
      const worst = Math.max(...[...c.querySelectorAll('*')].map(e => e.getBoundingClientRect().right));
      return {right: c.getBoundingClientRect().right, scrollWidth: c.scrollWidth,
              clientWidth: c.clientWidth, worst, width,
              panel: getComputedStyle(document.getElementById('cp-a11y-panel')).display};
    }""")
    page.assert_clean()
    assert sizes["panel"] != "none", f"the settings panel is not open: {sizes}"
    assert sizes["scrollWidth"] <= sizes["clientWidth"] + 1, sizes
    assert sizes["worst"] <= sizes["width"] + 1, sizes
