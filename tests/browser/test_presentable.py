"""What a meeting, a printer and a phone make of the site: the protocol dashboard on one screen
and one A4 landscape page, slides that fill a 16:9 screen, charts with readable text, plans as
cards on a phone, the header folded behind «Меню», the video button inside its poster, and the
visually-impaired mode at 200 % on a 390 px phone."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from pypdf import PdfReader

from .browser_support import REPO_ROOT, a11y_state, pages_by_type, rel

pytestmark = pytest.mark.browser

PROTOCOL = "protocols/protocol-4-2022-12-06/index.html"
REPORT = "clusters/it/report-2021-2022/index.html"
SLIDES = "clusters/it/report-2021-2022/slides/index.html"
REGION_SLIDES = "region/2021-2022/slides/index.html"   # the region's report: the same slide rules
VIDEOS = "clusters/it/videos/index.html"
LAPTOP = {"width": 1366, "height": 768}
FULL_HD = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}

# Text elements of a region whose computed font size is below `limit` (visible text only).
SMALL_TEXT = """([selector, limit]) => {
  const out = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      const el = n.parentElement;
      if (!n.data.trim() || el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;  // hidden or clipped to 1 px
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < limit) out.push(size + 'px «' + n.data.trim().slice(0, 30) + '»');
    }
  }
  return out;
}"""

OVERFLOW = """() => ({page: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
  frames: [...document.querySelectorAll('.table-wrap, .matrix-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => (w.querySelector('caption') || w).textContent.trim().slice(0, 40) + ': ' + w.scrollWidth + ' > ' + w.clientWidth)})"""

# Words that break across lines other than at a hyphen or a soft hyphen (URLs, e-mails and file
# names excluded): the first and last letter of each syllable run are on the same line.
BROKEN_WORDS = """() => {
  const broken = [];
  const top = (n, i) => { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
    const rs = [...r.getClientRects()].filter(x => x.width > 0); return rs.length ? Math.round(rs[rs.length - 1].top) : null; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const el = n.parentElement;
    if (!el || el.closest('.visually-hidden, script, style, [hidden], .skip-link')) continue;
    if (getComputedStyle(el).display === 'none') continue;
    const re = /[^\\s\\u00a0\\u202f\\u00ad\\-–—\\/]+/g; let m;
    while ((m = re.exec(n.data))) {
      if (m[0].length < 2 || /[a-z0-9@._]/i.test(m[0])) continue;
      const a = top(n, m.index), b = top(n, m.index + m[0].length - 1);
      if (a !== null && b !== null && a !== b) broken.push(m[0].replace(/\\u00ad/g, '') + ' in <' + el.tagName.toLowerCase() + '>');
    }
  }
  return broken;
}"""


def _url(site, rel_path):
    path, _, fragment = rel_path.partition("#")
    return (site / path).as_uri() + (f"#{fragment}" if fragment else "")


# ------------------------------------------------------------------ the protocol dashboard

def _assert_dashboard_fits(watch, label):
    p = watch.page
    m = p.evaluate(OVERFLOW)
    assert m["page"] <= m["width"] + 1 and not m["frames"], f"{label}: the dashboard scrolls sideways: {m}"
    box = p.evaluate("""() => { const t = document.querySelector('table.matrix').getBoundingClientRect();
      const ths = [...document.querySelectorAll('table.matrix thead th')].map(th => th.getBoundingClientRect());
      return {left: t.left, right: t.right, heads: ths.map(r => [r.left, r.right])}; }""")
    assert box["left"] >= 0 and box["right"] <= LAPTOP["width"], f"{label}: {box}"
    assert all(0 <= a and b <= LAPTOP["width"] for a, b in box["heads"]), f"{label}: a column heading is off-screen"


def test_dashboard_fits_a_laptop_screen_with_sticky_headings(open_page, built_site):
    watch = open_page(viewport=LAPTOP)
    watch.goto(_url(built_site, PROTOCOL))
    p = watch.page
    _assert_dashboard_fits(watch, PROTOCOL)
    heads = [t.replace("\u00a0", " ").replace("\u2060", "") for t in p.locator("table.matrix thead th").all_inner_texts()]
    # A short title per decision, not «Решение 1» and a date.
    assert len(heads) == 9 and "Отчёт за учебный год" in heads[1] and "Решение" not in " ".join(heads)
    assert p.locator("table.matrix tbody tr").count() == 9
    assert p.locator("table.matrix tfoot td").count() == 8  # a total per decision and overall
    assert all(re.search(r"\d+\s+из\s+\d+|—", t) for t in p.locator("table.matrix tbody .matrix__sum").all_inner_texts())
    # Scrolled down, the headings stay at the top of the screen.
    p.evaluate("window.scrollTo(0, document.querySelector('table.matrix tbody tr:nth-child(6)').getBoundingClientRect().top + scrollY - 100)")
    top = p.evaluate("document.querySelector('table.matrix thead th').getBoundingClientRect().top")
    assert -1 <= top <= 1, f"the headings scrolled away (top {top})"
    # Details open on demand, from the keyboard too, in a dialog above the table.
    cell = p.locator("table.matrix td.cell--done a.cell__open").first
    dialog = p.locator("dialog.cell-dialog")
    assert not dialog.is_visible()
    cell.focus()
    p.keyboard.press("Enter")
    dialog.wait_for(state="visible")
    assert dialog.locator("a").count() >= 1 and re.search(r"\d{4}\s*г\.|\d\d\.\d\d\.\d{4}", dialog.inner_text())  # the date of the evidence


def test_printed_dashboard_holds_every_decision_on_one_landscape_page(page, built_site):
    page.goto(_url(built_site, PROTOCOL))
    p = page.page
    titles = [re.sub(r"[\s\u2060]+", "", t) for t in p.locator("table.matrix thead th.matrix__decision a").all_inner_texts()]
    clusters = [re.sub(r"\s+", "", t) for t in p.locator("table.matrix tbody th").all_inner_texts()]
    reader = PdfReader(io.BytesIO(p.pdf(prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height), "the dashboard does not print in landscape"
    first = re.sub(r"[\s\u2060]+", "", reader.pages[0].extract_text())
    missing = [t for t in titles + clusters if t not in first]
    assert len(titles) == 7 and not missing, f"not on the first printed page: {missing}"
    # Black on white: no heading is printed light on a dark or grey background.
    p.emulate_media(media="print")
    colours = p.evaluate("""() => [...document.querySelectorAll('table.matrix thead th, table.matrix thead th a')]
      .map(e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor])""")
    assert all(c == "rgb(0, 0, 0)" for c, _ in colours), colours
    assert all(b in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)") for _, b in colours), colours


def _grow(content, clusters: int, decisions: int) -> None:
    """Copy clusters and decisions of the example until there are `clusters` × `decisions`."""
    source = content / "clusters" / "edu"
    have = len([d for d in (content / "clusters").iterdir() if d.is_dir()])
    for n in range(clusters - have):
        target = content / "clusters" / f"extra{n}"
        shutil.copytree(source, target)
        yaml = (target / "cluster.yaml").read_text(encoding="utf-8")
        yaml = re.sub(r"^short_name: .*$", f"short_name: Дополнительный {n + 1}", yaml, flags=re.M)
        yaml = re.sub(r"^name: .*$", f"name: Дополнительный образовательно-отраслевой кластер № {n + 1}", yaml, flags=re.M)
        (target / "cluster.yaml").write_text(yaml, encoding="utf-8")
    protocol = content / "protocols" / "protocol-4-2022-12-06.md"
    text = protocol.read_text(encoding="utf-8")
    block = re.search(r"  - number: 7\n.*?(?=\n---)", text, re.S).group(0)
    extra = "".join("\n" + re.sub(r"short: .*", f"short: Дополнительное поручение {n}", block.replace("number: 7", f"number: {n}"))
                    for n in range(8, decisions + 1))
    protocol.write_text(text.replace(block, block + extra, 1), encoding="utf-8")


def test_a_dashboard_of_15_clusters_and_12_decisions_still_fits(open_page, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy2(REPO_ROOT / "site_config.yaml", site / "site_config.yaml")
    shutil.copytree(REPO_ROOT / "content", site / "content")
    _grow(site / "content", 15, 12)
    out = tmp_path / "out"
    from clusterpages import pipeline
    from conftest import EXAMPLE_AS_OF
    result = pipeline.build(site / "site_config.yaml", out, None, EXAMPLE_AS_OF, False, jobs=1, use_cache=False)
    assert result.written, [d for d in result.diagnostics if d.severity == "error"][:5]
    watch = open_page(viewport=LAPTOP)
    watch.goto(_url(out, PROTOCOL))
    p = watch.page
    assert p.locator("table.matrix thead th.matrix__decision").count() == 12
    assert p.locator("table.matrix tbody tr").count() == 15
    _assert_dashboard_fits(watch, "15 × 12")
    assert not p.evaluate(SMALL_TEXT, ["table.matrix", 12]), "dashboard text below 12 px"


# ------------------------------------------------------------------ report charts

@pytest.mark.parametrize("viewport", [PHONE, LAPTOP, FULL_HD], ids=["390", "1366", "1920"])
def test_chart_text_is_at_least_12px(open_page, built_site, viewport):
    watch = open_page(viewport=viewport)
    for address in (REPORT, SLIDES + "#slide-3", "region/2021-2022/index.html", REGION_SLIDES + "#slide-3"):
        watch.goto(_url(built_site, address))
        assert watch.page.locator(".chart").count() >= 1
        small = watch.page.evaluate(SMALL_TEXT, [".chart", 12])
        assert not small, f"{address} at {viewport['width']} px: chart text below 12 px: {small[:5]}"


def test_chart_bars_share_one_scale_per_unit(page, built_site):
    # IT's «Трудоустройство»: graduates and placements in people, employment in per cent
    page.goto(_url(built_site, REPORT))
    rows = page.page.evaluate("""() => [...document.querySelectorAll('#chart-2 .chart__scale')].map(s => ({
      axis: s.querySelector('.chart__axis').textContent,
      bars: [...s.querySelectorAll('.chart__track--cur')].map(t => [t.querySelector('rect').getBoundingClientRect().width,
             t.getBoundingClientRect().width, t.closest('.chart__row').querySelector('.chart__val--cur').textContent])}))""")
    assert len(rows) == 2, "people and percentages must be drawn on separate rulers"
    people, percent = rows
    assert "400\u00a0чел." in people["axis"] and "100\u00a0%" in percent["axis"]
    # 78 % of 100 is drawn longer than 296 of 400 people, on rulers of the same length.
    (w78, track78, v78), = percent["bars"]
    w296, track296, v296 = people["bars"][0]
    assert "78" in v78 and "296" in v296 and track78 == track296
    assert abs(w78 / track78 - 0.78) < 0.02 and abs(w296 / track296 - 296 / 400) < 0.02


# ------------------------------------------------------------------ slides

@pytest.mark.parametrize("slides", [SLIDES, REGION_SLIDES], ids=["cluster", "region"])
def test_slides_fill_the_screen_with_large_text(open_page, built_site, slides):
    watch = open_page(viewport=FULL_HD)
    watch.goto(_url(built_site, slides))
    p = watch.page
    count = p.locator(".slide").count()
    assert count >= 6
    assert "учебный год" in p.locator(".slide--title").first.inner_text()
    assert "Спасибо" in p.locator(".slide").last.inner_text()
    if slides == SLIDES:
        assert "@" in p.locator(".slide").last.inner_text()
    p.keyboard.press("Home")
    for n in range(1, count + 1):
        if n > 1:
            p.keyboard.press("ArrowRight")
        box = p.locator(".slide.is-current").bounding_box()
        assert abs(box["width"] - 1920) <= 2 and abs(box["height"] - 1080) <= 2, f"slide {n}: {box}"
        assert abs(box["x"]) <= 1 and abs(box["y"]) <= 1, f"slide {n} is not the whole screen: {box}"
        small = p.evaluate(SMALL_TEXT, [".slide.is-current", 27.5])
        assert not small, f"slide {n}: body text below 28 px at 1920×1080: {small[:5]}"
        chart = p.locator(".slide.is-current figure.chart")
        if chart.count():
            c = chart.bounding_box()
            assert c["width"] * c["height"] >= 0.5 * box["width"] * box["height"], f"slide {n}: the chart is {c}"
        nav = p.locator(".slides-nav").bounding_box()
        content = p.evaluate("""() => Math.max(...[...document.querySelectorAll('.slide.is-current .slide__body, .slide.is-current h2')]
          .map(e => e.getBoundingClientRect().bottom))""")
        assert nav["y"] >= content - 1, f"slide {n}: the control bar covers the content"


def test_slides_scale_with_the_window(open_page, built_site):
    watch = open_page(viewport=LAPTOP)
    watch.goto(_url(built_site, SLIDES + "#slide-3"))
    box = watch.page.locator(".slide.is-current").bounding_box()
    assert abs(box["width"] - 1366) <= 2 and abs(box["width"] / box["height"] - 16 / 9) < 0.02


def test_slides_on_a_phone_have_no_bar_over_the_content(open_page, built_site):
    watch = open_page(viewport=PHONE)
    watch.goto(_url(built_site, SLIDES + "#slide-3"))
    p = watch.page
    assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    slide = p.locator(".slide.is-current").bounding_box()
    nav = p.locator(".slides-nav").bounding_box()
    assert nav["y"] >= slide["y"] + slide["height"] - 1, f"the controls overlap the slide: {nav} / {slide}"
    assert p.evaluate("getComputedStyle(document.querySelector('.slides-nav')).position") != "fixed"


@pytest.mark.parametrize("slides", [SLIDES, REGION_SLIDES], ids=["cluster", "region"])
def test_slides_print_one_per_landscape_page(page, built_site, slides):
    page.goto(_url(built_site, slides))
    count = page.page.locator(".slide").count()
    reader = PdfReader(io.BytesIO(page.page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(reader.pages) == count
    assert all(float(pg.mediabox.width) > float(pg.mediabox.height) for pg in reader.pages)


# ------------------------------------------------------------------ plans on a phone

def test_plans_become_cards_on_a_phone(open_page, built_site, site_pages):
    watch = open_page(viewport=PHONE)
    plans = [p for p in site_pages if re.search(r"/(media-)?plan-[^/]+/index\.html$", p.as_posix())]
    assert len(plans) >= 10
    for path in plans:
        address = rel(built_site, path)
        watch.goto(_url(built_site, address), label=address)
        p = watch.page
        m = p.evaluate(OVERFLOW)
        assert m["page"] <= PHONE["width"] and not m["frames"], f"{address}: plan content scrolls sideways: {m}"
        unnamed = p.evaluate("""() => [...document.querySelectorAll('.plan-table--cards td')]
          .filter(td => td.getBoundingClientRect().height > 0 && !td.classList.contains('col-title'))
          .filter(td => !getComputedStyle(td, '::before').content.includes(td.dataset.label || '\\u0000'))
          .map(td => td.textContent.trim().slice(0, 30))""")
        assert not unnamed, f"{address}: values without their column's name: {unnamed[:5]}"
        clipped = p.evaluate("""() => [...document.querySelectorAll('caption, .status, h1, h2')]
          .filter(e => e.getBoundingClientRect().height > 0 && (e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth + 1))
          .map(e => e.textContent.trim().slice(0, 40))""")
        assert not clipped, f"{address}: clipped at 390 px: {clipped}"


def test_media_plan_status_is_not_clipped_on_a_laptop(open_page, built_site):
    watch = open_page(viewport=LAPTOP)
    watch.goto(_url(built_site, "clusters/agro/media-plan-2022-2023/index.html"))
    p = watch.page
    assert not p.evaluate(OVERFLOW)["frames"], "the media plan scrolls inside its frame at 1366 px"
    outside = p.evaluate("""() => [...document.querySelectorAll('.plan-table .status')].filter(s => {
        const r = s.getBoundingClientRect(), c = s.closest('td').getBoundingClientRect();
        return r.right > c.right + 1 || r.right > innerWidth; }).map(s => s.textContent.trim())""")
    assert not outside, f"statuses cut off: {outside[:3]}"


@pytest.mark.parametrize("viewport", [LAPTOP, FULL_HD], ids=["1366", "1920"])
@pytest.mark.parametrize("address", ["clusters/it/plan-2022-2023/index.html", PROTOCOL], ids=["plan", "protocol"])
def test_wide_pages_keep_their_text_in_the_header_column(open_page, built_site, viewport, address):
    # The plan and the dashboard give their tables the whole screen; the title and the prose still
    # start where the breadcrumb and the site's name start.
    watch = open_page(viewport=viewport)
    watch.goto(_url(built_site, address))
    edges = watch.page.evaluate("""() => {
      const left = s => document.querySelector(s).getBoundingClientRect().left;
      const width = s => document.querySelector(s).getBoundingClientRect().width;
      return {crumbs: left('.crumbs a'), h1: left('main h1'), as_of: left('main .as-of, main .protocol-head__meta'),
              h2: left('main h2:not(.visually-hidden), main .dashboard__legend'),
              table: width('.table-wrap, .matrix-wrap'), text: width('main h1')}; }""")
    for name in ("h1", "as_of", "h2"):
        assert abs(edges[name] - edges["crumbs"]) <= 1, f"{address} at {viewport['width']} px: {name} is not under the breadcrumb: {edges}"
    assert edges["table"] > edges["text"] + 100, f"{address}: the table lost its width: {edges}"


def test_phone_header_folds_the_menu(open_page, built_site):
    watch = open_page(viewport=PHONE)
    watch.goto(_url(built_site, "clusters/agro/plan-2022-2023/index.html"))
    p = watch.page
    h1 = p.locator("main h1").bounding_box()
    assert h1["y"] + h1["height"] <= PHONE["height"], f"the page title is below the first screen: {h1}"
    nav = p.locator(".site-nav")
    toggle = p.locator(".nav-toggle")
    assert not nav.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert p.locator(".site-nav a").first.is_visible()
    p.keyboard.press("Escape")
    assert not nav.is_visible()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_video_button_stays_inside_its_poster(open_page, built_site, viewport):
    watch = open_page(viewport=viewport)
    watch.goto(_url(built_site, VIDEOS))
    boxes = watch.page.evaluate("""() => [...document.querySelectorAll('.video-embed')].map(v => {
      const b = v.querySelector('.video-embed__play').getBoundingClientRect(), r = v.getBoundingClientRect();
      const t = v.querySelector('.poster--card span'); const s = t ? t.getBoundingClientRect() : null;
      return {inside: b.left >= r.left && b.right <= r.right && b.top >= r.top && b.bottom <= r.bottom,
              covers: !!s && !(b.bottom <= s.top || b.top >= s.bottom || b.right <= s.left || b.left >= s.right)}; })""")
    assert boxes and all(b["inside"] for b in boxes), boxes
    assert not any(b["covers"] for b in boxes), "the button covers the video's title"


# ------------------------------------------------------------------ the visually-impaired mode

def test_visually_impaired_mode_at_200_percent_on_a_phone(open_page, built_site, site_pages):
    watch = open_page(a11y=a11y_state(size=5), viewport=PHONE)
    failures = []
    for kind, path in pages_by_type(built_site, site_pages).items():
        address = rel(built_site, path)
        watch.goto(_url(built_site, address), label=f"{address} [200 %]")
        p = watch.page
        width = p.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            failures.append(f"{address}: scrolls sideways ({width} px)")
        broken = p.evaluate(BROKEN_WORDS)
        if broken:
            failures.append(f"{address}: words broken mid-word: {broken[:5]}")
        panel = p.locator("#cp-a11y-panel").bounding_box()
        if panel is None or panel["height"] > 0.6 * PHONE["height"]:
            failures.append(f"{address}: the settings panel covers the first screen: {panel}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1366"])
def test_the_regional_report_does_not_scroll_sideways(open_page, built_site, viewport):
    watch = open_page(viewport=viewport)
    watch.goto(_url(built_site, "region/2021-2022/index.html"))
    m = watch.page.evaluate(OVERFLOW)
    assert m["page"] <= m["width"] + 1, f"the regional report scrolls sideways at {viewport['width']} px: {m}"
