"""A page's Markdown body typographed once, for the page and its CMS piece (render.typographed_body,
render.render_with_body, embed.make_fragment given the body): the page and the piece are exactly
what typographing each whole gives; where that could differ, the whole is typographed."""

from __future__ import annotations

import dataclasses

import pytest

from clusterpages.content.read.location import BUNDLED_THEME
from clusterpages.publish import embed
from clusterpages.site import pages, render

BASE = "https://klastery.example/"


@pytest.fixture(scope="module")
def example(example_build):
    """(page environment, piece environment, the example's specs of pages with a Markdown body)."""
    env = render.environment(BUNDLED_THEME / "templates")
    with_body = [s for s in pages.specs(example_build.result.site) if hasattr(s.data.get("page"), "body_utf8")]
    assert len(with_body) >= 3
    return env, render.with_bundled_templates(env), with_body


# Bodies where typographing apart might go wrong: quotes and glue next to the body's edges and
# across inline tags, a link leaving the piece and one inside it, an image (its description becomes
# text in a piece without base_url), text before or after the first and last tag, our stand-ins.
BODIES = [
    '<p>«Цитата» и "кавычки" — в т. ч. <a href="../../index.html">на главной</a> с 1 по 5 марта</p>\n'
    '<h2 id="itogi">Итоги</h2>\n<p>См. <a href="#itogi">итоги</a>, п. 4 и "внутри „вложенные“ тоже"</p>',
    '<table><thead><tr><th>№</th><th>Срок</th></tr></thead><tbody><tr><td>1</td><td>до 25.12.2022</td></tr>'
    '</tbody></table>',
    '<p>Фото: <img src="../../assets/logo.svg" alt="Логотип «Кластер» и т. д."> и ещё</p>',
    '<p>без картинки</p><img src="pic.png" alt="">',
    'Текст и <strong>жирный</strong> в конце',
    '<p>а</p> и хвост',
    '<p>частный \ue000 символ</p>',
    '<p><!--cp:body--></p>',
]


def _with_body(spec, body: str):
    view = dataclasses.replace(spec.data["page"], body_utf8=body.encode("utf-8"))
    return dataclasses.replace(spec, data={**spec.data, "page": view})


def test_every_example_page_with_a_body_is_the_page_typographed_whole(example):
    env, _, specs = example
    for spec in specs:
        body = render.typographed_body(spec)
        assert body is not None, spec.path  # the example's bodies are typographed apart
        assert render.render_with_body(env, spec, body) == render.render_text(env, spec), spec.path


@pytest.mark.parametrize("source", BODIES)
def test_a_difficult_body_gives_the_page_typographed_whole(example, source):
    env, _, specs = example
    spec = _with_body(next(s for s in specs if s.template == "page.html"), source)
    body = render.typographed_body(spec)
    whole = render.render_text(env, spec)
    if body is None:
        assert source.startswith(("Текст", "<p>а</p> и", "<p>частный", "<p><!--cp:body")), source
    else:
        assert render.render_with_body(env, spec, body) == whole


@pytest.mark.parametrize("base_url", [None, BASE])
@pytest.mark.parametrize("source", [None] + BODIES)
def test_a_piece_made_with_the_body_typographed_is_the_piece_made_whole(example, source, base_url):
    env, fragment_env, specs = example
    for spec in [s for s in specs if embed.has_fragment(s)][:2]:
        spec = spec if source is None else _with_body(spec, source)
        fspec = embed.fragment_spec(spec, base_url, {})
        body = render.typographed_body(spec)
        if source is None:  # the example's pieces are made with their page's body
            assert body is not None and render.render_with_body(fragment_env, fspec, body) is not None
        whole = embed.make_fragment(fragment_env, fspec, spec.path, base_url, "")
        assert embed.make_fragment(fragment_env, fspec, spec.path, base_url, "", body) == whole, spec.path


def test_a_theme_that_shows_the_body_twice_is_typographed_whole(example, tmp_path):
    _, _, specs = example
    theme = tmp_path / "templates"
    theme.mkdir()
    (theme / "page.html").write_text("<main>{{ page.body_html|safe }}<aside>{{ page.body_html|safe }}</aside></main>",
                                     encoding="utf-8")
    env = render.environment(theme)
    spec = next(s for s in specs if s.template == "page.html")
    assert render.render_with_body(env, spec, render.typographed_body(spec)) is None
