"""CMS pieces survive what the college sites' editors do to pasted HTML.

WordPress: the real `wp_kses_post` (Debian's `wordpress` package, wp-includes/kses.php) runs
over every piece through tests/publish/kses_harness.php. scripts/test.sh installs `php-cli`
and unpacks the package (it is not installed: it would pull in and start a web server).
Joomla: its default filter's forbidden tags and attributes (Joomla 4 `InputFilter`) must not
be needed by any piece.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KSES_PLACES = (Path("/usr/share/wordpress/wp-includes/kses.php"),
               REPO / ".cache/wordpress/usr/share/wordpress/wp-includes/kses.php")
JOOMLA_FORBIDDEN_TAGS = {"applet", "body", "bgsound", "base", "basefont", "canvas", "embed", "frame", "frameset",
                         "head", "html", "id", "iframe", "ilayer", "layer", "link", "meta", "name", "object",
                         "script", "style", "title", "xml"}
JOOMLA_FORBIDDEN_ATTRS = {"action", "background", "codebase", "dynsrc", "formaction", "lowsrc"}


def _kses() -> Path:
    found = [Path(os.environ["CLUSTERPAGES_KSES"])] if os.environ.get("CLUSTERPAGES_KSES") else []
    for place in found + list(KSES_PLACES):
        if place.is_file():
            return place
    pytest.fail("WordPress kses.php is missing: run `bash scripts/test.sh` (it unpacks Debian's wordpress package)")


class _Piece(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.widths: list[str] = []
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.attrs |= set(a)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        m = re.search(r"(?:^|;)\s*width\s*:\s*([\d.]+%)", a.get("style") or "")
        if m:
            self.widths.append(m.group(1))


def _read(html: str) -> _Piece:
    p = _Piece()
    p.feed(html)
    p.close()
    return p


@pytest.fixture(scope="module")
def pieces(example_build) -> dict[str, str]:
    """Every CMS piece of the example (which sets base_url), by path."""
    out = example_build.out
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted((out / "embed").rglob("*.html"))}


@pytest.fixture(scope="module")
def filtered(pieces) -> dict[str, str]:
    php = shutil.which("php")
    if php is None:
        pytest.fail("php is missing: run `bash scripts/test.sh` (it installs Debian's php-cli)")
    names = list(pieces)
    r = subprocess.run([php, str(REPO / "tests/publish/kses_harness.php"), str(_kses())],
                       input=json.dumps([pieces[n] for n in names]), capture_output=True, text=True,
                       encoding="utf-8", timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return dict(zip(names, json.loads(r.stdout)))


def test_wordpress_keeps_every_link_of_every_piece(pieces, filtered):
    base = next(line.split(":", 1)[1].strip() for line in (REPO / "site_config.yaml").read_text(encoding="utf-8")
                .splitlines() if line.startswith("base_url:"))
    assert len(pieces) > 40
    lost, relative = [], []
    for name, html in pieces.items():
        before, after = _read(html).links, _read(filtered[name]).links
        if before != after:
            lost.append(f"{name}: {sorted(set(before) - set(after))}")
        relative += [f"{name}: {h}" for h in before if not re.match(r"(https?|mailto|tel):", h) and not h.startswith("#")]
    assert not lost, "\n".join(lost[:20])
    assert not relative, "pieces must link to full addresses when base_url is set:\n" + "\n".join(relative[:20])
    # Links to our own pages go to base_url.
    home = _read(pieces["embed/agro/home.html"]).links
    assert any(h.startswith(base + "clusters/agro/") for h in home)


def test_wordpress_keeps_the_report_bars(pieces, filtered):
    reports = [n for n in pieces if re.search(r"/report-[^/]+\.(inline\.)?html$", n)]
    assert reports
    for name in reports:
        before, after = _read(pieces[name]), _read(filtered[name])
        assert len(before.widths) >= 6, f"{name}: no bars"
        assert before.widths == after.widths, name
        assert "img" not in before.tags and "svg" not in before.tags


def test_wordpress_keeps_pieces_whole_apart_from_the_optional_players(pieces, filtered):
    for name, html in pieces.items():
        if "/video-" in name:
            assert _read(filtered[name]).links == _read(html).links  # the text link outlives the iframe
            continue
        before, after = _read(html), _read(filtered[name])
        assert before.tags == after.tags, f"{name}: {sorted(before.tags - after.tags)}"


def test_joomla_default_filter_has_nothing_to_remove(pieces):
    for name, html in pieces.items():
        if "/video-" in name:
            continue
        p = _read(html)
        assert not p.tags & JOOMLA_FORBIDDEN_TAGS, name
        assert not p.attrs & JOOMLA_FORBIDDEN_ATTRS and not any(a.startswith("on") for a in p.attrs), name


def _styles(html: str) -> list[str]:
    return re.findall(r'style="([^"]*)"', html)


def test_wordpress_keeps_every_style_of_the_inline_pieces(pieces, filtered):
    """The inline form says only what kses lets through: every declaration survives."""
    inline = [n for n in pieces if n.endswith(".inline.html")]
    assert len(inline) > 40
    for name in inline:
        before, after = _styles(pieces[name]), _styles(filtered[name])
        assert len(before) >= 5, name
        lost = [(b, a) for b, a in zip(before, after) if b.replace(" ", "") != a.replace(" ", "")]
        assert len(before) == len(after) and not lost, f"{name}: {lost[:3]}"


def test_inline_pieces_have_no_list_and_no_table_wider_than_two_columns(pieces):
    """A style attribute cannot reach a theme's ::before markers or ask for the column's width:
    the inline form has no list elements, and its wide tables are cards."""
    for name, html in pieces.items():
        if not name.endswith(".inline.html"):
            continue
        p = _read(html)
        assert not p.tags & {"ul", "ol", "li"}, name
        for head in re.findall(r"<thead>.*?</thead>", html, re.S):
            assert head.count("<th") <= 2, name
