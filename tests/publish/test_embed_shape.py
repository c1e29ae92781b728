"""The shapes and styles of a CMS piece (embedshape, embedstyles): pure functions, no build."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.publish import embedshape, embedstyles

EMBED_CSS = Path(__file__).resolve().parents[2] / "themes/brandbook/static/embed.css"

TABLE = ('<div class="cp-embed cp-embed--x"><div class="cp-embed__table"><table><caption>План</caption>'
         '<thead><tr><th scope="col">№</th><th scope="col">Мероприятие</th><th scope="col">Срок</th>'
         '<th scope="col">Отв.</th><th scope="col">Ссылка</th><th scope="col">Статус</th></tr></thead><tbody>'
         '<tr><td>1</td><td>Совет <em>кластера</em></td><td>май</td><td>И. И. Иванов</td><td></td>'
         '<td><span class="cp-embed__status cp-embed__status--done">✔ Выполнено</span></td></tr>'
         '</tbody></table></div><ul><li>раз</li><li>два<ul><li>вложенный</li></ul></li></ul>'
         '<ol start="3"><li>три</li></ol></div>')


def test_labelled_tables_know_their_card_width_status_and_labels():
    out = embedshape.labelled(TABLE)
    assert 'class="cp-embed__table cp-embed__table--cards-960"' in out  # six columns
    assert '<td><span class="cp-embed__label">Мероприятие: </span>Совет <em>кластера</em></td>' in out
    assert '<td class="cp-embed__cell--empty"></td>' in out
    assert re.search(r'<td class="cp-embed__cell--status"><span class="cp-embed__label">Статус: </span>', out)
    assert embedshape.card_class(2) is None and embedshape.card_class(12) == "cp-embed__table--cards-1280"


def test_flattened_piece_has_cards_status_first_and_lists_as_paragraphs():
    out = embedshape.flattened(TABLE)
    assert "<table" not in out and "<li" not in out and "<ul" not in out and "<ol" not in out
    card = re.search(r'<div class="cp-embed__card">(.*?)</div></div>', out).group(1)
    assert card.index("Статус: ") < card.index("№: ") < card.index("Мероприятие: ")
    assert "Ссылка: " not in card  # an empty cell says nothing
    assert '<p class="cp-embed__cards-title">План</p>' in out
    assert "•\u00a0раз" in out and "•\u00a0вложенный" in out and "3.\u00a0три" in out


def test_every_rule_that_sets_a_colour_sets_the_background_too():
    css = re.sub(r"/\*.*?\*/", "", EMBED_CSS.read_text(encoding="utf-8"), flags=re.S)
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        props = {d.split(":")[0].strip() for d in body.split(";") if ":" in d}
        if "color" in props or "background-color" in props:
            assert {"color", "background-color"} <= props, selector.strip()


def test_the_stylesheet_outweighs_a_theme_and_the_inline_form_keeps_only_cms_safe_styles():
    tokens = ":root { --cp-text: #111111; --cp-bg: #ffffff; }\n.cluster-x { --cp-cluster: #225522; }\n"
    source = (".cp-embed { color: var(--cp-text); background-color: var(--cp-bg); }\n"
              ".cp-embed p { margin: 0; white-space: nowrap; display: block; }\n"
              "/* @cards */\n.cp-embed .cp-embed__table--cards tr { display: flex; }\n/* @end-cards */\n"
              "/* @sheet-only */\n.cp-embed *::before { content: none; }\n/* @end-sheet-only */\n")
    st, diags = embedstyles.styles(source, tokens, ("x",))
    assert not diags
    assert ".cp-embed:not(#cp-embed-x) p {" in st.sheet and ".cp-embed:not(#cp-embed-x) *::before" in st.sheet
    assert "@container cp-embed (max-width: 959.98px) {" in st.sheet and "cards-960 tr" in st.sheet
    assert "::before" not in st.for_cluster("x") and "@container" not in st.for_cluster("x")
    out = embedstyles.inline('<div class="cp-embed cp-embed--x"><p>текст</p></div>', st.for_cluster("x"))
    assert '<p style="margin:0">' in out


# --------------------------------------------------------------------------- shapes, made at once

CELLS = ["", " ", "текст", "<em>x</em> y", '<span class="cp-embed__status cp-embed__status--done">✔ Выполнено</span>',
         "<ul><li></li></ul>", "<ul><li>а</li><li>б<ol><li>в</li></ol></li></ul>", '<img src="a.png" alt="">',
         "<table><thead><tr><th>а</th><th>б</th><th>в</th></tr></thead><tbody><tr><td>1</td><td></td><td>3</td></tr>"
         "</tbody></table>"]
HEADS = ["№", "Срок", "<ul><li>в списке</li></ul>", "", "Статус"]


@st.composite
def _table(draw) -> str:
    columns = draw(st.integers(2, 7))
    head = "".join(f"<th>{draw(st.sampled_from(HEADS))}</th>" for _ in range(columns))
    rows = []
    for _ in range(draw(st.integers(0, 3))):
        cells = [f'<td class="x">{draw(st.sampled_from(CELLS))}</td>' for _ in range(columns)]
        if draw(st.booleans()):
            cells[0] = f"<th>{draw(st.sampled_from(CELLS))}</th>"
        if draw(st.integers(0, 5)) == 0:
            cells[-1] = '<td colspan="2">вместе</td>'
        rows.append("<tr>" + "\n".join(cells) + "</tr>\n")
    caption = draw(st.sampled_from(["", '<caption class="c">План <b>года</b></caption>']))
    table = f"<table>{caption}<thead><tr>{head}</tr></thead>\n<tbody>{''.join(rows)}</tbody></table>\n"
    wrap = draw(st.sampled_from(["{}", '<div class="cp-embed__table">{}</div>', '<div class="cp-embed__table">{}<p>и</p></div>',
                                 '<section class="cp-embed__table">{}</section>']))
    return wrap.format(table)


BLOCKS = st.one_of(_table(), st.sampled_from(["<p>абзац</p>\n", "<ul><li>раз</li><li>два</li></ul>\n",
                                                '<ol start="2"><li><p>три</p></li></ol>\n', "<h2>Итоги</h2>\n"]))


@settings(max_examples=300)
@given(st.lists(BLOCKS, max_size=4), st.booleans())
def test_shapes_are_the_labelled_and_the_flattened_piece(blocks, newline):
    text = '<div class="cp-embed cp-embed--x">\n' + "".join(blocks) + "</div>" + ("\n" if newline else "")
    assert embedshape.shapes(text) == (embedshape.labelled(text), embedshape.flattened(text))


def test_shapes_of_the_examples_pieces_are_the_labelled_and_the_flattened_piece():
    assert embedshape.shapes(TABLE) == (embedshape.labelled(TABLE), embedshape.flattened(TABLE))
