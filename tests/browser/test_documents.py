"""What a person does with the documents: filter a plan, print it, click through slides, play a video."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PLAN = "clusters/it/plan-2022-2023/index.html"
SLIDES = "clusters/it/report-2021-2022/slides/index.html"
VIDEOS = "clusters/it/videos/index.html"
A4 = (595.0, 842.0)  # points


def _url(built_site, rel):
    return (built_site / rel).as_uri()


def test_plan_filters_with_javascript(page, built_site):
    page.goto(_url(built_site, PLAN))
    p = page.page
    total = p.locator("tr[data-status]").count()
    assert total >= 15
    p.select_option("select[name=status]", "done")
    visible = p.locator("tr[data-status]:visible")
    assert 0 < visible.count() < total
    assert all(s == "done" for s in visible.evaluate_all("rows => rows.map(r => r.dataset.status)"))
    assert "Показано пунктов" in p.locator(".filters__count").inner_text()
    p.select_option("select[name=status]", "")
    months = p.locator("select[name=month] option").all_inner_texts()
    assert any("2023" in m for m in months)
    p.select_option("select[name=month]", index=1)
    assert 0 < p.locator("tr[data-status]:visible").count() <= total


def test_plan_without_javascript_shows_every_row(open_page, built_site):
    watch = open_page(java_script_enabled=False)
    watch.goto(_url(built_site, PLAN))
    p = watch.page
    rows = p.locator("tr[data-status]")
    assert rows.count() >= 15 and rows.count() == p.locator("tr[data-status]:visible").count()
    assert not p.locator("form.filters").is_visible()


def test_plan_prints_to_a4_landscape(page, built_site):
    page.goto(_url(built_site, PLAN))
    pdf = page.page.pdf(prefer_css_page_size=True, print_background=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(A4[1]), round(A4[0]))
    text = "".join("".join(pg.extract_text().split()) for pg in reader.pages)  # PDF text has odd spacing
    assert "УТВЕРЖДАЮ" in text and "Организационнаяработа" in text
    assert "Версиядляслабовидящих" not in text  # the screen-only controls are not printed


@pytest.mark.parametrize("address", ["clusters/it/report-2021-2022/print/index.html",
                                     "region/2021-2022/print/index.html"], ids=["cluster", "region"])
def test_report_print_version_is_portrait_a4(page, built_site, address):
    page.goto(_url(built_site, address))
    reader = PdfReader(io.BytesIO(page.page.pdf(prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(A4[0]), round(A4[1]))


def test_slides_click_and_keyboard_from_file(page, built_site):
    page.goto(_url(built_site, SLIDES))
    p = page.page
    total = p.locator(".slide").count()
    assert total >= 5
    assert p.locator(".slide.is-current").get_attribute("id") == "slide-1"
    p.get_by_role("button", name="Вперёд →").click()
    assert p.locator(".slide.is-current").get_attribute("id") == "slide-2"
    p.keyboard.press("ArrowRight")
    assert p.locator(".slide.is-current").get_attribute("id") == "slide-3"
    p.keyboard.press("End")
    assert p.locator(".slide.is-current").get_attribute("id") == f"slide-{total}"
    assert p.locator(".slides-nav__pos").inner_text() == f"Слайд {total} из {total}"
    p.keyboard.press("Home")
    p.locator(".slide.is-current h1").click()
    assert p.locator(".slide.is-current").get_attribute("id") == "slide-2"
    assert p.locator(".slide.is-current .slide__num").inner_text() == f"2 / {total}"
    pdf = PdfReader(io.BytesIO(p.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) == total  # one slide per printed page


def test_videos_load_nothing_from_hosts_until_play(open_page, built_site):
    watch = open_page()
    watch.goto(_url(built_site, VIDEOS))
    p = watch.page
    assert p.locator("iframe").count() == 0
    assert all(u.startswith("file://") for u in watch.requests)
    assert p.locator(".video__meta a").count() == p.locator(".video").count()  # a text link for every video
    # Block the host so the test never reaches the network, then press play.
    hosts = []
    p.route("**/*", lambda route: (hosts.append(route.request.url), route.abort())
            if not route.request.url.startswith("file://") else route.continue_())
    with p.expect_request(lambda r: not r.url.startswith("file://"), timeout=15_000):
        p.locator(".video-embed__play").first.click()
    frame = p.locator(".video-embed iframe").first
    frame.wait_for(state="attached")
    src = frame.get_attribute("src")
    assert src.startswith(("https://vkvideo.ru/video_ext.php", "https://rutube.ru/play/embed/",
                           "https://www.youtube-nocookie.com/embed/"))
    assert hosts and all(h.startswith(src.split("?")[0].rsplit("/", 1)[0]) for h in hosts)
    watch.problems.clear()  # the aborted embed request is expected here
    watch.new_problems()
