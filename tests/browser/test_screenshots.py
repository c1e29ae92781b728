"""Screenshots for the documentation (docs/screenshots/): the index, a cluster and a work
plan, in the normal version and in the version for the visually impaired (white on black,
150 %). 1280×900, the full page cut at 2400 px."""

from __future__ import annotations

import struct

import pytest

from .browser_support import REPO_ROOT, a11y_state, html_a11y_attributes

pytestmark = pytest.mark.browser

SHOTS_DIR = REPO_ROOT / "docs" / "screenshots"
WIDTH, MAX_HEIGHT = 1280, 2400
PAGES = {
    "index": "index.html",
    "cluster": "clusters/it/index.html",
    "plan": "clusters/it/plan-2022-2023/index.html",
}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


def _shoot(page, url: str, label: str, target) -> None:
    page.goto(url, label=label)
    height = page.page.evaluate("Math.ceil(document.documentElement.scrollHeight)")
    page.page.screenshot(
        path=str(target), full_page=True, animations="disabled", caret="hide",
        clip={"x": 0, "y": 0, "width": WIDTH, "height": min(height, MAX_HEIGHT)},
    )
    width, shot_height = _png_size(target.read_bytes())
    assert width == WIDTH and 0 < shot_height <= MAX_HEIGHT, (target, width, shot_height)


@pytest.mark.parametrize("mode", ["normal", "a11y"])
def test_screenshots(open_page, mode, built_site, site_server):
    for name, address in PAGES.items():
        assert (built_site / address).is_file(), f"the example site has no {address}"
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    state = a11y_state(scheme="black", size=3) if mode == "a11y" else None
    page = open_page(a11y=state, viewport={"width": WIDTH, "height": 900})
    for name, address in PAGES.items():
        target = SHOTS_DIR / (f"{name}-a11y.png" if state else f"{name}.png")
        _shoot(page, site_server.url(address), f"{address} [{mode}]", target)
        attrs = html_a11y_attributes(page.page)
        if state:
            assert (attrs["on"], attrs["scheme"], attrs["fontSize"]) == ("on", "black", "150%"), attrs
        else:
            assert attrs["on"] is None, attrs
    page.assert_clean()


# What the department shows and prints: the dashboard at 1366×768, a report chart, a chart
# slide at 1920×1080 and a work plan on a 390 px phone (the first two screens).
PRESENTATION = {
    "dashboard": ("protocols/protocol-4-2022-12-06/index.html", {"width": 1366, "height": 768}, ".dashboard"),
    "report-chart": ("clusters/it/report-2021-2022/index.html", {"width": 1366, "height": 768}, "#chart-1"),
    "slide": ("clusters/it/report-2021-2022/slides/index.html#slide-3", {"width": 1920, "height": 1080}, None),
    "plan-phone": ("clusters/it/plan-2022-2023/index.html", {"width": 390, "height": 844}, None),
}


def test_presentation_screenshots(open_page, built_site, site_server):
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    for name, (address, viewport, selector) in PRESENTATION.items():
        page = open_page(viewport=viewport)
        path, _, fragment = address.partition("#")
        assert (built_site / path).is_file(), f"the example site has no {path}"
        page.goto(site_server.url(path) + (f"#{fragment}" if fragment else ""), label=f"{address} [{name}]")
        target = SHOTS_DIR / f"{name}.png"
        if selector:
            page.page.locator(selector).screenshot(path=str(target), animations="disabled", caret="hide")
        else:
            height = viewport["height"] * (2 if viewport["width"] < 600 else 1)
            page.page.screenshot(path=str(target), full_page=True, animations="disabled", caret="hide",
                                 clip={"x": 0, "y": 0, "width": viewport["width"], "height": height})
        width, height = _png_size(target.read_bytes())
        assert 0 < width <= viewport["width"] and height > 200, (target, width, height)
        page.assert_clean()
