"""The version for the visually impaired: switched on with the control, applied without a
reload, kept across pages (file:// and http), switched off again; hidden without JavaScript."""

from __future__ import annotations

import json

import pytest

from .browser_support import A11Y_KEY, html_a11y_attributes, pages_by_type, rel

pytestmark = pytest.mark.browser

TOGGLE = "Версия для слабовидящих"


def _stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(A11Y_KEY)})")
    return json.loads(raw) if raw else None


def _status(page) -> str:
    page.wait_for_function(
        "document.querySelector('[data-a11y-status]').textContent.trim() !== ''"
    )
    return page.locator("[data-a11y-status]").text_content().strip()


@pytest.mark.parametrize("transport", ["file", "http"])
def test_settings_survive_navigation(page, transport, built_site, site_pages, site_server):
    kinds = pages_by_type(built_site, site_pages)
    first, second = kinds["index"], kinds["cluster"]

    def url(path):
        return path.as_uri() if transport == "file" else site_server.url(rel(built_site, path))

    p = page.page
    page.goto(url(first), label=rel(built_site, first))
    attrs = html_a11y_attributes(p)
    assert attrs["js"] and attrs["on"] is None, attrs
    toggle = p.get_by_role("button", name=TOGGLE)
    panel = p.locator("#cp-a11y-panel")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "cp-a11y-panel"
    assert not panel.is_visible()

    # Switch the mode on: applied at once, the panel opens, the change is announced.
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert panel.is_visible()
    assert html_a11y_attributes(p)["on"] == "on"
    assert "включена" in _status(p)

    black = p.get_by_role("button", name="Белым по чёрному")
    black.click()
    assert black.get_attribute("aria-pressed") == "true"
    assert p.get_by_role("button", name="Чёрным по белому").get_attribute("aria-pressed") == "false"
    assert "белым по чёрному" in _status(p)
    p.get_by_role("button", name="Увеличить").click()
    p.get_by_role("button", name="Чёрно-белые").click()
    p.get_by_role("button", name="Средний").click()

    expected = {"on": True, "size": 3, "scheme": "black", "images": "gray", "spacing": "medium"}
    assert _stored(p) == expected
    now = html_a11y_attributes(p)
    assert (now["on"], now["scheme"], now["images"], now["spacing"], now["fontSize"]) == (
        "on", "black", "gray", "medium", "150%"), now
    assert p.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"

    # Another page: the same settings, applied before the first paint by the head script.
    page.goto(url(second), label=rel(built_site, second))
    now = html_a11y_attributes(p)
    assert (now["on"], now["scheme"], now["images"], now["spacing"], now["fontSize"]) == (
        "on", "black", "gray", "medium", "150%"), now
    assert p.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert p.evaluate("getComputedStyle(document.body).color") == "rgb(255, 255, 255)"
    assert p.get_by_role("button", name="Белым по чёрному").get_attribute("aria-pressed") == "true"
    assert p.get_by_role("button", name="Чёрно-белые").get_attribute("aria-pressed") == "true"
    assert p.locator("[data-a11y-size-value]").text_content().replace("\u00a0", " ") == "150 %"
    assert p.get_by_role("button", name=TOGGLE).get_attribute("aria-expanded") == "true"

    # «Обычная версия» switches it off, here and on the next page; focus stays on the control.
    p.get_by_role("button", name="Обычная версия").click()
    assert html_a11y_attributes(p)["on"] is None
    assert p.evaluate("document.documentElement.style.fontSize") == ""
    assert p.evaluate("document.activeElement.classList.contains('a11y-toggle')")
    assert not p.locator("#cp-a11y-panel").is_visible()
    assert _stored(p)["on"] is False
    page.goto(url(first), label=rel(built_site, first))
    assert html_a11y_attributes(p)["on"] is None
    page.assert_clean()


def test_without_javascript_the_control_is_hidden_and_content_shown(
    open_page, built_site, site_pages
):
    """One page of each type: the control and <main> come from the one base template."""
    page = open_page(java_script_enabled=False)
    failures = []
    for path in pages_by_type(built_site, site_pages).values():
        address = rel(built_site, path)
        page.goto(path.as_uri(), label=f"{address} [no JS]")
        p = page.page
        if p.locator(".a11y-control").count() != 1:
            failures.append(f"{address}: no .a11y-control in the page")
        elif p.locator(".a11y-control").is_visible():
            failures.append(f"{address}: the a11y control is visible without JavaScript")
        if not p.locator("main").first.is_visible():
            failures.append(f"{address}: <main> is not visible without JavaScript")
    page.assert_clean()
    assert not failures, "\n".join(failures)
