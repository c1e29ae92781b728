"""Screenshots for the documentation (docs/screenshots/): the index, a cluster and a work
plan, in the normal version and in the version for the visually impaired (white on black,
150 %). 1280×900, the full page cut at 2400 px.

Each screenshot is taken into the test's temporary folder and compared with the committed one,
pixel by pixel (decoded by Chromium): the sizes must be equal and at most MAX_DIFFERING of the
pixels may differ by more than TOLERANCE in a colour channel (anti-aliasing, not a change). A test
run changes no tracked file. After an intended change of what the pages look like, rewrite the
committed screenshots with
    bash scripts/test.sh tests/browser/test_screenshots.py --update-screenshots
and review them like any other change."""

from __future__ import annotations

import shutil
import struct

import pytest

from .browser_support import REPO_ROOT, a11y_state, html_a11y_attributes, png_difference

pytestmark = pytest.mark.browser

SHOTS_DIR = REPO_ROOT / "docs" / "screenshots"
WIDTH, MAX_HEIGHT = 1280, 2400
TOLERANCE = 16          # of 255, per colour channel
MAX_DIFFERING = 0.01    # of the pixels
PAGES = {
    "index": "index.html",
    "cluster": "clusters/it/index.html",
    "plan": "clusters/it/plan-2022-2023/index.html",
}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def shots(request, tmp_path, browser):
    """check(taken): compare a screenshot taken under tmp_path with the committed one of the same
    name, or, with --update-screenshots, put it in its place (docs/screenshots/)."""
    update = request.config.getoption("--update-screenshots")
    folder = tmp_path / "screenshots"
    folder.mkdir()

    def check(taken) -> None:
        committed = SHOTS_DIR / taken.name
        if update:
            SHOTS_DIR.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(taken, committed)
            return
        assert committed.is_file(), (f"{committed.relative_to(REPO_ROOT)} is missing: "
                                     "run `bash scripts/test.sh tests/browser/test_screenshots.py --update-screenshots`")
        diff = png_difference(browser, taken.read_bytes(), committed.read_bytes(), TOLERANCE)
        hint = (f"{taken} differs from {committed.relative_to(REPO_ROOT)}; if the change is intended, run "
                "`bash scripts/test.sh tests/browser/test_screenshots.py --update-screenshots` and review the images")
        assert diff["differing"] is not None, f"size {diff['size']} instead of {diff['other']}: {hint}"
        share = diff["differing"] / (diff["size"][0] * diff["size"][1])
        assert share <= MAX_DIFFERING, f"{share:.2%} of the pixels differ: {hint}"

    check.folder = folder
    return check


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
def test_screenshots(open_page, mode, built_site, site_server, shots):
    for name, address in PAGES.items():
        assert (built_site / address).is_file(), f"the example site has no {address}"
    state = a11y_state(scheme="black", size=3) if mode == "a11y" else None
    page = open_page(a11y=state, viewport={"width": WIDTH, "height": 900})
    for name, address in PAGES.items():
        target = shots.folder / (f"{name}-a11y.png" if state else f"{name}.png")
        _shoot(page, site_server.url(address), f"{address} [{mode}]", target)
        attrs = html_a11y_attributes(page.page)
        if state:
            assert (attrs["on"], attrs["scheme"], attrs["fontSize"]) == ("on", "black", "150%"), attrs
        else:
            assert attrs["on"] is None, attrs
        shots(target)
    page.assert_clean()


# What the department shows and prints: the dashboard at 1366×768, a report chart, a chart
# slide at 1920×1080 and a work plan on a 390 px phone (the first two screens).
PRESENTATION = {
    "dashboard": ("protocols/protocol-4-2022-12-06/index.html", {"width": 1366, "height": 768}, ".dashboard"),
    "report-chart": ("clusters/it/report-2021-2022/index.html", {"width": 1366, "height": 768}, "#chart-1"),
    "slide": ("clusters/it/report-2021-2022/slides/index.html#slide-3", {"width": 1920, "height": 1080}, None),
    "region-report": ("region/2021-2022/index.html", {"width": 1366, "height": 768}, "#ind-1"),
    "region-slide": ("region/2021-2022/slides/index.html#slide-2", {"width": 1920, "height": 1080}, None),
    "region-phone": ("region/2021-2022/index.html", {"width": 390, "height": 844}, None),
    "plan-phone": ("clusters/it/plan-2022-2023/index.html", {"width": 390, "height": 844}, None),
}


def test_presentation_screenshots(open_page, built_site, site_server, shots):
    page = open_page()
    for name, (address, viewport, selector) in PRESENTATION.items():
        page.page.set_viewport_size(viewport)
        path, _, fragment = address.partition("#")
        assert (built_site / path).is_file(), f"the example site has no {path}"
        page.goto(site_server.url(path) + (f"#{fragment}" if fragment else ""), label=f"{address} [{name}]")
        target = shots.folder / f"{name}.png"
        if selector:
            page.page.locator(selector).screenshot(path=str(target), animations="disabled", caret="hide")
        else:
            height = viewport["height"] * (2 if viewport["width"] < 600 else 1)
            page.page.screenshot(path=str(target), full_page=True, animations="disabled", caret="hide",
                                 clip={"x": 0, "y": 0, "width": viewport["width"], "height": height})
        width, height = _png_size(target.read_bytes())
        assert 0 < width <= viewport["width"] and height > 200, (target, width, height)
        page.assert_clean()
        shots(target)


def test_the_comparison_sees_a_change(browser):
    """The comparison itself: an image equals itself, not one with a patch painted over, nor
    one of another size."""
    committed = (SHOTS_DIR / "report-chart.png").read_bytes()
    page = browser.new_page(viewport={"width": 200, "height": 120})
    try:
        page.set_content('<body style="margin:0;background:#fff"><div style="width:60px;height:40px;background:#000">'
                         "</div></body>")
        patched = page.screenshot()
        page.set_content('<body style="margin:0;background:#fff"></body>')
        blank = page.screenshot()
        small = page.screenshot(clip={"x": 0, "y": 0, "width": 100, "height": 120})
    finally:
        page.close()
    assert png_difference(browser, committed, committed)["differing"] == 0
    assert png_difference(browser, blank, patched)["differing"] == 60 * 40
    assert png_difference(browser, blank, small)["differing"] is None
