"""What a college web admin sees: the admin pages with their code collapsed, and a report piece
pasted into a page with none of our styles, its chart bars drawn to scale."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ADMIN = "dlya-administratorov/index.html"


def cluster_admin(slug: str) -> str:
    return f"dlya-administratorov/{slug}/index.html"


def test_admin_page_is_short_until_code_is_asked_for(open_page, built_site):
    watch = open_page(viewport={"width": 1366, "height": 768})
    watch.goto((built_site / ADMIN).as_uri())
    p = watch.page
    height = p.evaluate("document.documentElement.scrollHeight")
    assert height < 12_000, height  # was about 35,000 px of code
    assert p.locator("textarea:visible").count() == 0
    # The table of contents leads to every cluster's section, each section to its cluster's page.
    toc = p.locator("nav.admin-toc a[href^='#kit-']")
    assert toc.count() >= 9
    p.locator("#kit-it a[href='it/index.html']").click()
    p.wait_for_url("**/dlya-administratorov/it/index.html")
    assert p.evaluate("document.documentElement.scrollHeight") < 12_000
    assert p.locator("textarea:visible").count() == 0
    first = p.locator("details.code-details").first
    first.locator("summary").click()
    area = first.locator("textarea").first
    assert area.is_visible() and area.input_value().startswith("<div class=\"cp-embed")
    # The label changes only when the clipboard's promise settles (later on a busy machine) and
    # goes back after 2.5 s, so every text it takes is recorded rather than read at one moment.
    label = first.locator("[data-copy-label]").first
    label.evaluate("""l => { window.labels = [];
        new MutationObserver(() => window.labels.push(l.textContent))
            .observe(l, {childList: true, characterData: true, subtree: true}); }""")
    first.locator("button[data-copy]").first.click()
    p.wait_for_function("window.labels.length > 0", timeout=15_000)
    assert p.evaluate("window.labels[0]") in ("Скопировано", "Выделено")
    # The screen reader's message stays.
    status = p.locator("[data-copy-status]")
    expect(status).to_have_text(re.compile(r"^(Код скопирован в буфер обмена\.|Скопировать не удалось: .+)$"),
                                timeout=15_000)


def test_pasted_report_piece_draws_bars_to_one_scale(open_page, built_site, tmp_path):
    piece = (built_site / "embed" / "agro" / "report-2021-2022.html").read_text(encoding="utf-8")
    page_file = tmp_path / "cms.html"
    page_file.write_text("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>CMS</title></head>"
                         "<body style=\"width:640px\">" + piece + "</body></html>", encoding="utf-8")
    watch = open_page()
    watch.goto(page_file.as_uri())
    p = watch.page
    bars = p.locator(".cp-embed__bars div[style*='background-color']")
    assert bars.count() >= 6
    widths = [b.bounding_box()["width"] for b in bars.all()]
    styles = [b.get_attribute("style") for b in bars.all()]
    shares = [float(re.search(r"width:([\d.]+)%", s).group(1)) for s in styles]
    track = p.locator(".cp-embed__bars").first.evaluate("e => e.clientWidth - 24")  # minus the padding
    for w, share in zip(widths, shares):
        assert w > 0
        assert abs(w - track * share / 100) <= 3, (w, share, track)


def test_every_piece_has_its_code_and_a_preview_when_opened(open_page, built_site):
    """Every piece of every kind: both forms in copy boxes, a sandboxed preview made only when
    its <details> opens; the two forms explained, and no «open the file, Ctrl+A» advice."""
    watch = open_page(viewport={"width": 1366, "height": 768})
    codes = {}
    for slug in sorted(x.name for x in (built_site / "embed").iterdir() if x.is_dir()):
        watch.goto((built_site / cluster_admin(slug)).as_uri())
        codes.update(watch.page.evaluate(
            "Object.fromEntries([...document.querySelectorAll('textarea')].map(t => [t.id, t.value]))"))
    watch.goto((built_site / ADMIN).as_uri())
    p = watch.page
    missing = []
    for path in sorted((built_site / "embed").glob("*/*.html")):
        cluster, name = path.parent.name, path.name[:-len(".html")]
        box = f"code-{cluster}-{name.replace('.inline', '')}{'-inline' if name.endswith('.inline') else ''}"
        if codes.get(box) != path.read_text(encoding="utf-8"):
            missing.append(box)
    assert not missing, f"{len(missing)} pieces without their code on the admin page: {missing[:10]}"
    text = p.locator("main").inner_text()
    assert "Ctrl+A" not in text
    how = re.sub(r"[\s\u00a0\u2060]+", " ", p.locator("section[aria-labelledby='how-h']").inner_text())
    assert re.search(r"С оформлением в тексте.{0,40}\(файл …\.inline\.html\) — .+WordPress, Joomla и 1С-Битрикс", how)
    assert re.search(r"С оформлением по классам.{0,40}\(файл …\.html\) — .+файл оформления", how)
    # Nothing is framed until a piece is opened; then its inline code, in a sandbox.
    watch.goto((built_site / cluster_admin("agro")).as_uri())
    assert p.locator("iframe").count() == 0
    kinds = {"home", "plan-", "media-plan-", "report-", "videos", "championships", "championship-", "page-"}
    for kind in sorted(kinds):
        details = p.locator(f"details.code-details[id^='frag-agro-{kind}']").first
        details.locator("summary").click()
        frame = details.locator(".piece-preview iframe")
        expect(frame).to_have_count(1)
        assert frame.get_attribute("sandbox") == "" and frame.get_attribute("title").startswith("Предпросмотр")
        root = details.locator(".piece-preview iframe").content_frame.locator(".cp-embed")
        expect(root).to_be_visible()
        assert root.get_attribute("style"), kind  # the inline form: what looks right anywhere
    assert p.locator("details.code-details[id*='-video-'] [data-preview]").count() >= 1
