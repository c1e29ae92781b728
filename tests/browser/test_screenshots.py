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
