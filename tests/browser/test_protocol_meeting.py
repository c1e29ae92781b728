"""The protocol page as a meeting uses it: the table on the first screen, readable on a projector,
a cell's note above the table, the version for the visually impaired at every size, print; and
plan pages where an overdue row stands out and its figure filters."""

from __future__ import annotations

import pytest

from .browser_support import a11y_state

pytestmark = pytest.mark.browser

PROTOCOL = "protocols/protocol-4-2022-12-06/index.html"
MED_PLAN = "clusters/med/plan-2022-2023/index.html"

# Text in the matrix that leaves its cell, or a word or number broken inside (not at its own
# hyphen or a soft hyphen the browser marks with one).
FIT = r"""() => {
  const bad = [];
  for (const c of document.querySelectorAll('.matrix th, .matrix td')) {
    if (c.offsetParent === null) continue;
    const box = c.getBoundingClientRect();
    const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      if (!n.data.trim() || n.parentElement.closest('.visually-hidden')) continue;
      const all = document.createRange(); all.selectNodeContents(n);
      for (const r of all.getClientRects()) {
        if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) bad.push('leaves its cell: ' + n.data.trim());
      }
      let at = 0;
      for (const part of n.data.split(/([\s\u00a0]+)/)) {
        const word = part.replace(/\u00ad/g, '');
        if (/[\wа-яё]{2}/i.test(word) && !/[\s\u00a0]/.test(part)) {
          const range = document.createRange(); range.setStart(n, at); range.setEnd(n, at + part.length);
          const lines = [...range.getClientRects()].filter(r => r.width > 0);
          for (let i = 1; i < lines.length; i++) {
            if (Math.round(lines[i].top) === Math.round(lines[i - 1].top)) continue;
            // where the line breaks: a hyphen of the word or a soft hyphen is a proper break
            let k = at, split = false;
            for (; k < at + part.length; k++) {
              const r = document.createRange(); r.setStart(n, k); r.setEnd(n, k + 1);
              const rr = r.getClientRects()[0];
              if (rr && Math.round(rr.top) >= Math.round(lines[i].top)) break;
            }
            const before = n.data[k - 1];
            if (before !== '-' && before !== '\u00ad') split = true;
            if (split) bad.push('broken inside: ' + word);
          }
        }
        at += part.length;
      }
    }
  }
  return [...new Set(bad)];
}"""


def _open(open_page, built_site, rel, width, height, a11y=None):
    watch = open_page(viewport={"width": width, "height": height}, a11y=a11y)
    watch.goto((built_site / rel).as_uri())
    return watch


def test_the_table_and_its_first_rows_are_on_the_first_screen_at_1366x768(open_page, built_site):
    p = _open(open_page, built_site, PROTOCOL, 1366, 768).page
    head = p.locator("table.matrix thead").bounding_box()
    rows = p.locator("table.matrix tbody tr")
    second = rows.nth(1).bounding_box()
    assert head["y"] >= 0 and second["y"] + second["height"] <= 768, (head, second)
    # the table keeps its head in view while it scrolls
    p.evaluate("window.scrollTo(0, document.querySelector('table.matrix tbody tr:nth-child(6)').getBoundingClientRect().top + scrollY - 100)")
    top = p.evaluate("document.querySelector('table.matrix thead th').getBoundingClientRect().top")
    assert -1 <= top <= 1


def test_cells_are_18px_on_a_1920_projector(open_page, built_site):
    p = _open(open_page, built_site, PROTOCOL, 1920, 1080).page
    sizes = p.evaluate("[...document.querySelectorAll('.matrix tbody .status')].map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 18, sizes
    assert not p.evaluate(FIT)


def test_a_cells_note_opens_above_the_table_closes_on_escape_one_at_a_time(open_page, built_site):
    p = _open(open_page, built_site, PROTOCOL, 1366, 768).page
    table = p.locator("table.matrix").bounding_box()
    med = p.locator("table.matrix tbody tr", has_text="Здравоохранение")
    cell = med.locator("a.cell__open").first
    cell.focus()
    p.keyboard.press("Enter")
    dialog = p.locator("dialog.cell-dialog")
    dialog.wait_for(state="visible")
    assert "Здравоохранение" in dialog.locator("h2").inner_text()
    body = dialog.inner_text().replace("\u00a0", " ")
    assert "не опубликован на сайте кластера" in body and "Просрочено" in body
    assert p.locator("table.matrix").bounding_box() == table   # the table keeps its layout
    p.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert p.evaluate("document.activeElement.classList.contains('cell__open')")
    # another cell: one note at a time, its own
    med.locator("a.cell__open").nth(2).click()
    dialog.wait_for(state="visible")
    assert p.locator("dialog[open]").count() == 1
    assert "отменено" in dialog.inner_text()


def test_the_meeting_mode_hides_the_sites_chrome(open_page, built_site):
    p = _open(open_page, built_site, PROTOCOL, 1366, 768).page
    p.locator("[data-meeting]").click()
    assert p.locator(".site-header").is_hidden() and p.locator(".protocol-doc").is_hidden()
    last = p.locator("table.matrix tfoot").bounding_box()
    assert last["y"] + last["height"] <= 768, "the whole table does not fit the screen in the meeting mode"
    p.locator("[data-meeting]").click()
    assert p.locator(".site-header").is_visible()


@pytest.mark.parametrize("width,height", [(390, 844), (1366, 768), (1920, 1080)])
@pytest.mark.parametrize("size", [2, 3, 4, 5])   # 125 %, 150 %, 175 %, 200 %
def test_visually_impaired_version_never_breaks_or_spills_the_table(open_page, built_site, width, height, size):
    p = _open(open_page, built_site, PROTOCOL, width, height, a11y_state(size=size)).page
    assert p.evaluate("document.documentElement.getAttribute('data-a11y')") == "on"
    assert not p.evaluate(FIT)
    assert p.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")


def test_at_200_percent_the_table_reflows_to_a_block_per_cluster(open_page, built_site):
    p = _open(open_page, built_site, PROTOCOL, 1366, 768, a11y_state(size=5)).page
    assert p.evaluate("getComputedStyle(document.querySelector('.matrix tbody tr')).display") == "block"
    assert p.locator(".matrix thead").is_hidden()
    label = p.evaluate("getComputedStyle(document.querySelector('.matrix tbody td'), '::before').content")
    assert "1. Отчёт" in label


def test_printed_protocol_has_no_hints_and_its_notes_as_an_appendix(page, built_site):
    page.goto((built_site / PROTOCOL).as_uri())
    p = page.page
    p.emulate_media(media="print")
    assert p.locator(".dashboard__hint").is_hidden() and p.locator("[data-meeting]").is_hidden()
    assert p.locator("#why-med-1").is_visible()
    assert p.evaluate("getComputedStyle(document.querySelector('.matrix-notes')).breakBefore") == "page"
    pdf = p.pdf(prefer_css_page_size=True)
    from io import BytesIO
    from pypdf import PdfReader
    pages = PdfReader(BytesIO(pdf)).pages
    first = pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)
    text = [pg.extract_text() for pg in pages]
    assert "Здравоохранение" in text[0] and "Председательствующий" not in text[0]
    assert "по нажатию" not in "".join(text)
    # no page but the last is mostly empty
    lengths = [len(t) for t in text[:-1]]
    assert min(lengths) > 0.3 * max(lengths), lengths


def test_an_overdue_row_stands_out_and_its_figure_filters(open_page, built_site):
    p = _open(open_page, built_site, MED_PLAN, 1366, 900).page
    row = p.locator("tr.row--overdue").first
    text = row.inner_text().replace("\u00a0", " ")
    assert "Просрочено на 52 дня" in text and "отчёт на согласовании у директора" in text
    border = p.evaluate("getComputedStyle(document.querySelector('tr.row--overdue > td')).borderLeftWidth")
    assert float(border.rstrip("px")) >= 4
    figure = p.locator("[data-show-status=overdue]")
    assert figure.evaluate("e => e.tagName") == "BUTTON"
    figure.click()
    assert figure.get_attribute("aria-pressed") == "true"
    shown = p.locator("tr[data-status]:visible")
    assert shown.count() == p.locator("tr.row--overdue").count() >= 1
    figure.click()
    assert p.locator("tr[data-status]:visible").count() == p.locator("tr[data-status]").count()
