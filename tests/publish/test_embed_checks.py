"""The checks a CMS piece passes before it is offered for pasting (embed.problems), and the
outline of its tags they are made from (htmlscan.outline), held to what the full tag scan
(htmlscan.scan) says of the same text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.publish import embed, htmlscan

ROOT = '<div class="cp-embed cp-embed--it">'

CASES = {
    "fine": (f'{ROOT}<h2>План</h2><p>Текст <a href="#x">ссылка</a><br><img src="a.png" alt=""></p></div>\n', []),
    "script": (f"{ROOT}<script>if (a < b) {{ alert('</div>') }}</script><p>т</p></div>",
               ["недопустимые элементы: <script>"]),
    "several forbidden, upper case": (f"{ROOT}<IFRAME src=x></IFRAME><Form></form></div>",
                                      ["недопустимые элементы: <form>, <iframe>"]),
    "allowed here": (f'{ROOT}<iframe src="https://vk.com/video_ext.php"></iframe></div>', []),
    "handler": (f'{ROOT}<p ONCLICK="x()">т</p></div>', ["обработчики событий в атрибутах"]),
    "handler without a value": (f"{ROOT}<p onload>т</p></div>", ["обработчики событий в атрибутах"]),
    "«on» inside a value only": (f'{ROOT}<p title="a onclick=b" class="x  onward">т</p></div>', []),
    "two roots": (f"{ROOT}</div><div></div>", ["должен быть ровно один корневой элемент"]),
    "unclosed": (f"{ROOT}<p>т", ["должен быть ровно один корневой элемент"]),
    "text before": (f"до {ROOT}</div>", ["должен быть ровно один корневой элемент"]),
    "text after": (f"{ROOT}</div> после", ["должен быть ровно один корневой элемент"]),
    "comment after": (f"{ROOT}</div><!-- x -->", ["должен быть ровно один корневой элемент"]),
    "nothing": ("", ["должен быть ровно один корневой элемент"]),
    "an unclosed textarea is text": (f"{ROOT}</div><textarea>", ["должен быть ровно один корневой элемент"]),
    "wrong root": ('<section class="cp-embed cp-embed--it"></section>',
                   ['корневой элемент должен быть <div class="cp-embed cp-embed--it">']),
    "another cluster's root": ('<div class="cp-embed cp-embed--agro"></div>',
                               ['корневой элемент должен быть <div class="cp-embed cp-embed--it">']),
    "the first class attribute counts": ('<div class="x" class="cp-embed cp-embed--it"></div>',
                                         ['корневой элемент должен быть <div class="cp-embed cp-embed--it">']),
}


@pytest.mark.parametrize("name", CASES)
def test_a_piece_is_checked_for_what_a_cms_cannot_take(name):
    text, expected = CASES[name]
    allow = frozenset({"iframe"}) if name == "allowed here" else frozenset()
    assert embed.problems(text, "it", allow) == expected


def _outline_by_scan(text: str, void: frozenset[str]) -> tuple:
    """The outline as read off the full scan (every tag a Tag)."""
    tags = htmlscan.scan(text)
    depth, roots = 0, []
    for t in tags:
        if t.closing:
            depth -= 1
            continue
        if depth == 0:
            roots.append(t)
        if t.name not in void:
            depth += 1
    outside = not roots or bool(text[:roots[0].start].strip()) or bool(text[max(t.end for t in tags):].strip())
    return (frozenset(t.name for t in tags if not t.closing),
            any(k.startswith("on") for t in tags for k, _ in t.attrs),
            len(roots), depth, roots[0] if roots else None, outside)


@pytest.mark.parametrize("name", CASES)
def test_the_outline_is_what_the_full_scan_says(name):
    text = CASES[name][0]
    assert tuple(htmlscan.outline(text, embed.VOID)) == _outline_by_scan(text, embed.VOID)


LINKING = ['<div class="cp-embed cp-embed--x">', '</div>', '<p>', '</p>', '<p id="a">', '<h2 id="itogi">', '</h2>',
           '<a href="#itogi">', '<a href="#nowhere">', '<a href="../../index.html">', '<a href="plan/index.html#item-1">',
           '<a href="https://example.org/">', '<a title="x" href="../it/index.html" class="c">', '</a>', '<a>', '<a href>',
           '<img src="../../media/a.png" alt="Фото «цеха»">', '<IMG SRC="b.png">', '<img alt="">', '<span id="b">', '</span>',
           'текст ', '<td title="a href=b">', '</td>']


@settings(max_examples=500)
@given(st.lists(st.sampled_from(LINKING), max_size=16), st.sampled_from([None, "https://klastery.example/"]))
def test_relink_looks_only_at_tags_with_an_address_or_an_id_and_changes_the_same(pieces, base_url):
    text = "".join(pieces)
    page = "clusters/it/pages/sovet/index.html"
    fast = embed.relink(text, page, base_url)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(embed, "_IMAGE", re.compile(""))  # every tag looked at, as for a piece with an image
        assert fast == embed.relink(text, page, base_url)


HOSTILE_BODIES = [
    "<script>alert(1)</script>текст", "<iframe src=https://example.org></iframe>", "<p onclick=x()>т</p>",
    "<div><p>незакрытый", "</div></div>лишние концы", "<svg><a href=x>s</a></svg>", "<form><input></form>",
    "<textarea></div></textarea>", "<style>p{}</style><template><p>t</p></template>", "<img src=x onerror=y>",
    "<!-- </div> --><noscript><p>n</p></noscript>", "<object data=x></object><embed src=x>",
    "| a | b |\n|---|---|\n| <b>1 | 2 |", "* пункт <ul><li>вложенный", "<table><tr><td>ячейка",
]


@pytest.mark.parametrize("source", HOSTILE_BODIES)
def test_a_body_the_sanitizer_wrote_adds_nothing_a_check_finds(source):
    """A page's piece is checked without its body (embed._typographed): whatever a methodist
    writes, the body the sanitizer makes of it holds no element or attribute a CMS cannot take
    and closes every element it opens — inside the piece's root it changes no finding."""
    from clusterpages.content.documents import markup
    body = markup.render(source + "\n\nАбзац после.").html
    shell = f'{ROOT}<h1>Страница</h1><!--cp:body--><p>Конец</p></div>\n'
    assert embed.problems(shell.replace("<!--cp:body-->", body), "it") == embed.problems(shell, "it") == []
    relinked = embed.relink(shell.replace("<!--cp:body-->", body), "clusters/it/pages/x/index.html", None)
    assert embed.problems(relinked, "it") == []


def test_the_sanitizer_lets_through_nothing_the_piece_check_forbids():
    """What makes leaving a page's body out of its piece's check sound (embed._typographed)."""
    from clusterpages.content.documents import markup
    assert not markup.ALLOWED_TAGS & embed.FORBIDDEN
    assert not any(a.lower().startswith("on") for attrs in markup.ALLOWED_ATTRS.values() for a in attrs)
