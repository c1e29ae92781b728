"""Every page, loaded once from a sub-path of an HTTP server as a college site publishes it:
nothing fetched from outside the machine, no failed request, no console or page error; a title,
visible main content and the control of the version for the visually impaired; axe-core (WCAG
2.0/2.1/2.2 A and AA) finds no violation at 1280 px; and the same load laid out again at 320 CSS
px and at 1280 px with 200 % zoom does not scroll horizontally (WCAG 1.4.10).

One load serves all four checks (each was a pass over every page of its own): the page is
resized and zoomed in place, as a reader's window is, through Chromium's device metrics."""

from __future__ import annotations

import pytest

from .browser_support import (
    REFLOW_VIEWPORTS,
    emulate,
    format_violations,
    overflow_failure,
    page_state_failures,
    rel,
    run_axe,
)
from .conftest import DEFAULT_VIEWPORT

pytestmark = pytest.mark.browser

NORMAL = {"viewport": DEFAULT_VIEWPORT, "device_scale_factor": 1}


def test_every_page_loads_is_axe_clean_and_reflows(open_page, built_site, site_pages, site_server):
    page = open_page(axe=True)
    cdp = page.page.context.new_cdp_session(page.page)
    failures: dict[str, list[str]] = {"loading": [], "axe-core violations": [],
                                      **{f"horizontal scrolling at {name}": [] for name in REFLOW_VIEWPORTS}}
    for path in site_pages:
        address = rel(built_site, path)
        emulate(cdp, NORMAL)
        response = page.goto(site_server.url(address), label=address)
        if response is not None and not response.ok:
            failures["loading"].append(f"{address}: HTTP {response.status}")
        failures["loading"] += page_state_failures(address, page.page)
        violations = run_axe(page.page)
        if violations:
            failures["axe-core violations"].append(format_violations(address, violations))
        for name, options in REFLOW_VIEWPORTS.items():
            emulate(cdp, options)
            page.label = f"{address} [{name}]"
            found = overflow_failure(address, page.page)
            if found:
                failures[f"horizontal scrolling at {name}"].append(found)
    failures["loading"] += page.new_problems()
    report = [f"{kind}:\n" + "\n".join(lines) for kind, lines in failures.items() if lines]
    assert not report, "\n".join(report)


def test_the_emulated_widths_are_what_the_page_sees(open_page, built_site, site_pages, site_server):
    """The resizing above lays the page out as a window of that size would: the page's own
    width and pixel ratio say so (else the reflow checks would measure the wrong layout)."""
    page = open_page()
    cdp = page.page.context.new_cdp_session(page.page)
    page.goto(site_server.url(rel(built_site, site_pages[0])))
    for options in (*REFLOW_VIEWPORTS.values(), NORMAL):
        emulate(cdp, options)
        seen = page.page.evaluate("() => [document.documentElement.clientWidth, innerWidth, devicePixelRatio]")
        want = options["viewport"]["width"]
        assert seen[1] == want and seen[2] == options["device_scale_factor"], (options, seen)
        assert want - 20 <= seen[0] <= want, (options, seen)  # less only by a scroll bar
    page.assert_clean()
