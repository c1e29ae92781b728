"""College sites to paste the CMS pieces into, for test_cms_hosts.py: host pages styled by real
themes and the probe that reads what a visitor would see in them.

Hosts: WordPress's default theme Twenty Twenty-One (Debian's wordpress-theme-twentytwentyone,
unpacked into .cache/ by scripts/test.sh), Bootstrap 5's stylesheet (npm `bootstrap`, the base
of most Joomla and 1C-Bitrix college templates) and hostile_theme.css (common rules that hurt).
The inline pieces go through WordPress's real kses first (tests/publish/kses_harness.php).
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from .browser_support import REPO_ROOT

KSES_PLACES = (Path("/usr/share/wordpress/wp-includes/kses.php"),
               REPO_ROOT / ".cache/wordpress/usr/share/wordpress/wp-includes/kses.php")
TT1_CSS = REPO_ROOT / ".cache/twentytwentyone/usr/share/wordpress/wp-content/themes/twentytwentyone/style.css"
BOOTSTRAP_CSS = REPO_ROOT / "node_modules/bootstrap/dist/css/bootstrap.min.css"
HOSTILE_CSS = Path(__file__).with_name("hostile_theme.css")
WIDTHS = (320, 640, 900)


@dataclass(frozen=True)
class Host:
    name: str
    sheet: Path
    body_class: str
    before: str   # the markup around the content column, before it
    after: str
    column: str   # the content column's classes (a <div>)
    column_style: str = ""


HOSTS = {
    # A WordPress page: the pasted HTML lands in .entry-content (its width let out to the column).
    "twentytwentyone": Host("twentytwentyone", TT1_CSS, "page-template-default page is-light-theme singular",
                            '<div id="page" class="site"><div id="content" class="site-content"><main id="main" '
                            'class="site-main"><article class="page type-page hentry">', "</article></main></div></div>",
                            "entry-content", "--responsive--aligndefault-width:100%"),
    # A Joomla 4/5 (Cassiopeia) or Bootstrap-based Bitrix article body beside a sidebar.
    "bootstrap": Host("bootstrap", BOOTSTRAP_CSS, "site com_content view-article",
                      '<div class="container-fluid"><div class="d-flex gap-3"><aside class="flex-shrink-0" '
                      'style="width:200px"><ul><li><a href="#">Сведения</a></li></ul></aside><main>',
                      "</main></div></div>", "com-content-article__body"),
    "hostile": Host("hostile", HOSTILE_CSS, "page",
                    '<div id="content"><aside class="sidebar"><ul><li><a href="#">Сведения</a></li></ul></aside>'
                    '<main class="content">', "</main></div>", "entry"),
}


def require_host(host: Host) -> None:
    if not host.sheet.is_file():
        pytest.fail(f"{host.sheet} is missing: run `bash scripts/test.sh` (it unpacks Twenty Twenty-One and "
                    "installs node_modules)")


def wp_kses_post(texts: list[str]) -> list[str]:
    """The texts after WordPress's own post filter (an author without unfiltered_html)."""
    php = shutil.which("php")
    if php is None:
        pytest.fail("php is missing: run `bash scripts/test.sh` (it installs Debian's php-cli)")
    env = os.environ.get("CLUSTERPAGES_KSES")
    kses = next((p for p in ([Path(env)] if env else []) + list(KSES_PLACES) if p.is_file()), None)
    if kses is None:
        pytest.fail("WordPress kses.php is missing: run `bash scripts/test.sh`")
    r = subprocess.run([php, str(REPO_ROOT / "tests/publish/kses_harness.php"), str(kses)],
                       input=json.dumps(texts), capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


def host_page(host: Host, pieces: dict[str, str], stylesheet: Path | None) -> str:
    """A page of `host` with every piece pasted into a content column of its own (width: --col)."""
    columns = "".join(f'<div data-piece="{html.escape(name)}" class="{host.column}" '
                      f'style="width:var(--col);{host.column_style}">\n{text}</div>\n' for name, text in pieces.items())
    ours = f'<link rel="stylesheet" href="{stylesheet.as_uri()}">' if stylesheet else ""
    return ("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Сайт колледжа</title>"
            f'<link rel="stylesheet" href="{host.sheet.as_uri()}">{ours}'
            f"<style>body {{ --col: 640px; }}</style></head><body class=\"{host.body_class}\">"
            f"{host.before}{columns}{host.after}</body></html>")


# What a visitor sees in every pasted piece at the current column width: texts below 4.5:1
# (3:1 large) against the background actually behind them, text outside its column, content
# cut by a scroll box, markers or text transforms of the host, a card whose status is not first.
PROBE = r"""() => {
  const out = [];
  const rgba = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const behind = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
    let bg = [255, 255, 255, 1]; for (const c of layers.reverse()) bg = over(c, bg); return bg; };
  const say = (piece, what, el) => out.push(`${piece}: ${what} «${(el.textContent || '').trim().slice(0, 50)}»`);
  for (const col of document.querySelectorAll('[data-piece]')) {
    const piece = col.dataset.piece, box = col.getBoundingClientRect(), root = col.querySelector('.cp-embed');
    if (!root) { out.push(`${piece}: no .cp-embed in the column`); continue; }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el.checkVisibility({visibilityProperty: true})) continue;
      const cs = getComputedStyle(el), range = document.createRange();
      range.selectNodeContents(n);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (rects.some(r => r.left < box.left - 1 || r.right > box.right + 1)) say(piece, 'text outside the column', el);
      for (let e = el; e && e !== col; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if (o !== 'visible' && o !== 'clip' && e.scrollWidth > e.clientWidth + 1) { say(piece, 'behind a scroll', el); break; }
      }
      const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const bg = behind(el), r = ratio(over(rgba(cs.color), bg), bg);
      if (r < need) say(piece, `contrast ${r.toFixed(2)} (${cs.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`, el);
      if (cs.textTransform !== 'none') say(piece, `text-transform ${cs.textTransform}`, el);
    }
    for (const el of [root, ...root.querySelectorAll('*')]) {
      for (const pseudo of ['::before', '::after', '::marker']) {
        const c = getComputedStyle(el, pseudo).content;
        const ours = pseudo === '::marker' && el.tagName === 'LI';  // a marker of ours: checked below
        if (c && !['none', 'normal', '""'].includes(c) && !ours) say(piece, `${pseudo} content ${c}`, el);
      }
      if (el.tagName === 'LI' && getComputedStyle(el).listStyleType !== getComputedStyle(el.parentElement).listStyleType)
        say(piece, `list marker ${getComputedStyle(el).listStyleType}`, el);
    }
    for (const card of root.querySelectorAll('tr, .cp-embed__card')) {
      const status = card.querySelector('.cp-embed__status');
      if (!status || !card.checkVisibility() || getComputedStyle(card).display === 'table-row') continue;
      const tops = [...card.children].filter(c => c.checkVisibility()).map(c => [c.getBoundingClientRect().top, c]);
      tops.sort((a, b) => a[0] - b[0]);
      const head = tops.filter(([, c]) => c.tagName !== 'TH' && !c.classList.contains('cp-embed__card-head'))[0];
      if (head && !head[1].contains(status)) say(piece, 'the status is not first in its card', card);
    }
    for (const card of root.querySelectorAll('tr, .cp-embed__card')) {  // every field of a card is named
      if (!card.checkVisibility() || getComputedStyle(card).display === 'table-row') continue;
      for (const cell of card.children) {
        if (!cell.checkVisibility() || cell.tagName === 'TH' || cell.classList.contains('cp-embed__card-head')) continue;
        const label = cell.querySelector('.cp-embed__label, .cp-embed__field-label');
        if (!label || !label.checkVisibility()) say(piece, 'a card field without its column name', cell);
      }
    }
  }
  return out;
}"""
