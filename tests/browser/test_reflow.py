"""No page scrolls horizontally at 320 CSS px, nor at 1280 px with 200 % zoom.

200 % zoom is emulated as Chromium's zoom works: a 1280 px wide window at 200 % lays the page
out in 640 CSS px with 2 device pixels per CSS pixel, so the context has viewport 640×450 and
device_scale_factor 2 (not CSS `zoom`, which changes how pages measure themselves)."""

from __future__ import annotations

import pytest

from .browser_support import a11y_state, pages_by_type, rel

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "320px": {"viewport": {"width": 320, "height": 800}, "device_scale_factor": 1},
    "1280px-zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}

OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const result = {scrollWidth: root.scrollWidth, clientWidth: width, culprits: []};
  if (root.scrollWidth <= width + 1) return result;
  // Elements whose box or visible overflowing content (e.g. a long word) passes the right edge;
  // report the innermost ones.
  const out = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const spills = getComputedStyle(el).overflowX === 'visible' && r.left + el.scrollWidth > width + 1;
    if (r.right > width + 1 || spills) out.add(el);
  }
  for (const el of out) {
    if ([...el.children].some(c => out.has(c))) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    result.culprits.push(name + (text ? ' «' + text + '»' : ''));
    if (result.culprits.length >= 5) break;
  }
  return result;
}"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_page_scrolls_horizontally(open_page, viewport, built_site, site_pages, site_server):
    page = open_page(**VIEWPORTS[viewport])
    failures = []
    for path in site_pages:
        address = rel(built_site, path)
        page.goto(site_server.url(address), label=f"{address} [{viewport}]")
        m = page.page.evaluate(OVERFLOW)
        if m["scrollWidth"] > m["clientWidth"] + 1:
            failures.append(f"{address}: scrollWidth {m['scrollWidth']} > clientWidth "
                            f"{m['clientWidth']}; sticking out: {', '.join(m['culprits']) or '?'}")
    page.assert_clean()
    assert not failures, f"horizontal scrolling at {viewport}:\n" + "\n".join(failures)


def test_a11y_panel_fits_320px_at_the_largest_settings(open_page, built_site, site_pages, site_server):
    """The open settings panel at 200 % font and big spacing still fits a 320 px screen."""
    page = open_page(a11y=a11y_state(scheme="black", size=5, spacing="big"), **VIEWPORTS["320px"])
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
