"""The part of the theme's pages that renders the same on every page (render.constant_part, the
control of the version for the visually impaired): typographed and scanned once a process, it
gives every page exactly what typographing and scanning the whole page gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.content.read.location import BUNDLED_THEME
from clusterpages.publish import htmlscan, pagework
from clusterpages.site import pages, render
from clusterpages.values import typography


@pytest.fixture(scope="module")
def rendered(example_build):
    """(environment, [(page path, HTML as Jinja renders it)]) of every page of the example."""
    env = render.environment(BUNDLED_THEME / "templates")
    out = []
    for spec in pages.specs(example_build.result.site):
        if spec.template.endswith(".html"):
            out.append((spec.path, env.get_template(spec.template).render(spec.context())))
    return env, out


def test_the_bundled_theme_has_a_constant_part(rendered):
    env, _ = rendered
    part = render.constant_part(env)
    assert part is not None and part.raw.startswith('<div class="a11y-control"') and part.raw.endswith("</div>")
    assert part.done == typography.typograph_html(part.raw) != part.raw  # «по белому» glued, at least


def test_every_page_is_typographed_as_a_whole_would_be(rendered):
    env, found = rendered
    part = render.constant_part(env)
    with_part = [path for path, html in found if part.raw in html]
    assert len(with_part) > 0.9 * len(found), "the control is on (nearly) every page"
    for path, html in found:
        assert render._typographed(env, html) == typography.typograph_html(html), path


def test_every_page_is_scanned_as_a_whole_would_be(rendered):
    env, found = rendered
    part = render.constant_part(env)
    for path, html in found[::3]:
        text = typography.typograph_html(html)
        whole = htmlscan.scan(text, pagework._LOOKED_AT, ("a",))
        assert pagework._tags(text, part) == whole, path
        assert any(t.get("id") == "cp-a11y-panel" for t in whole) or part.done not in text, path


def test_a_stretch_is_scanned_at_its_places():
    text = '<p id="a">x</p><div id="b"><a href="y">z</a></div><script>"<a href=q>"</script><p id="c"></p>'
    cut = text.index("<div")
    whole = htmlscan.scan(text, None, ("a",))
    assert htmlscan.scan(text, None, ("a",), end=cut) + htmlscan.scan(text, None, ("a",), start=cut) == whole


@pytest.mark.parametrize("source, sealed", [
    ('<div class="x"><button>Ц</button> по белому</div>', True),
    ("<section><p>а</p></section>", True),
    ('<span class="x">а</span>', False),          # inline: its text joins the text around it
    ("<div>а</div> и ещё", False),                # text after the last tag
    ("и <div>а</div>", False),                    # text before the first tag
    ("", False),
])
def test_a_part_is_sealed_only_between_block_tags(source, sealed):
    assert typography.sealed(source) is sealed


def _theme_with_panel(tmp_path: Path, panel: str):
    theme = tmp_path / "templates"
    shutil.copytree(BUNDLED_THEME / "templates", theme)
    (theme / render.CONSTANT_PARTIAL).write_text(panel, encoding="utf-8")
    return render.environment(theme)


@pytest.mark.parametrize("panel", [
    '<div class="a11y-control"><a href="{{ url(\'index.html\') }}">Главная</a></div>',  # needs the page's path
    '<span class="a11y-control">Версия для слабовидящих</span>',                        # inline
])
def test_a_theme_whose_part_is_not_constant_is_typographed_with_the_page(tmp_path, panel):
    env = _theme_with_panel(tmp_path, panel)
    assert render.constant_part(env) is None
    html = f"<body><p>Текст</p>{panel}<p>и т. д.</p></body>"
    assert render._typographed(env, html) == typography.typograph_html(html)


def _sealed_by_split(source: str) -> bool:
    split = typography._TOKEN.split(source)
    if len(split) < 5 or split[0] or split[-1]:
        return False
    return typography._mark(split[3]) == typography._BLOCK and typography._mark(split[-2]) == typography._BLOCK


SEALING = ['<p>', '</p>', '<b>', '</b>', 'текст', ' ', '<!-- x -->', '<!-- <b> -->', '<script>a<b</script>', '<div class="x">',
           '</div>', '<span title="<b>">', '<p title="<!x">', '<br>', '<pre><i></pre>', '<!-- <p', '<', '>', '"',
           '<textarea>', '</textarea>', '<table>', '</td>', '<a href="x">', '</a>', '\n']


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(SEALING), max_size=8))
def test_sealed_from_the_first_and_last_tags_is_sealed_from_every_tag(pieces):
    source = "".join(pieces)
    assert typography.sealed(source) is _sealed_by_split(source)
