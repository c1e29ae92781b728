"""The typography rules (clusterpages/values/typography.py) on plain text and on HTML."""

from __future__ import annotations

import nh3
import pytest

from clusterpages.content.documents import markup
from clusterpages.values.typography import NBSP, WORD_JOINER, glue, typograph, typograph_html

N, WJ = NBSP, WORD_JOINER


@pytest.mark.parametrize("source, expected", [
    ("протокола № 4", f"протокола №{N}4"),
    ("протокола №4", f"протокола №{N}4"),
    ("§ 2", f"§{N}2"),
    ("пп. 2 и 3", f"пп.{N}2{N}и{N}3"),
    ("В. П. Фёдоров", f"В.{N}П.{N}Фёдоров"),
    ("В.П. Фёдоров", f"В.{N}П.{N}Фёдоров"),
    ("Фёдоров В. П.", f"Фёдоров{N}В.{N}П."),
    ("1250 чел.", f"1250{N}чел."),
    ("18 %", f"18{N}%"),
    ("до 1 марта", f"до{N}1{N}марта"),
    ("школы и колледжи", f"школы и{N}колледжи"),
    ("План — это", f"План{N}— это"),
    ("План - это", f"План{N}— это"),
    ("версия 2 · актуализировано", f"версия 2{N}· актуализировано"),
    ("2022–2023", f"2022–{WJ}2023"),
    ("7–9 классов", f"7–{WJ}9{N}классов"),
    ('"Агростарт"', "«Агростарт»"),
    ('"От "Точек роста" до ПОО"', f"«От{N}„Точек роста“ до{N}ПОО»"),
    ("«От «Точек роста» до ПОО»", f"«От{N}„Точек роста“ до{N}ПОО»"),
    ("“Quoted”", "«Quoted»"),
    ("на 15 февраля 2023 г.. Демо", f"на{N}15{N}февраля 2023{N}г. Демо"),
    ("школьники , родители", "школьники, родители"),
    ("и так далее...", f"и{N}так далее…"),
    ("Срок: 25.12.2022.", f"Срок: 25{N}декабря{N}2022{N}г."),
    ("от 06.12.2022 г.", f"от{N}6{N}декабря{N}2022{N}г."),
    ("31.02.2023", "31.02.2023"),                  # not a date: left as written
    ("код 09.02.07", "код 09.02.07"),              # a specialty code, not a date
    ("ГОСТ Р 52872-2019", f"ГОСТ Р{N}52872-2019"),
])
def test_rules_on_plain_text(source, expected):
    assert typograph(source) == expected


@pytest.mark.parametrize("source", [
    "В. П. Фёдоров и Белов А. Н. - в 2022–2023 учебном году 18 % и 1250 чел. из «Точек «роста»».",
    '"От "Точек роста" до мастерских" — 25.12.2022 (до 1 марта)...',
])
def test_rules_are_idempotent(source):
    once = typograph(source)
    assert typograph(once) == once


def test_html_text_nodes_only():
    source = ('<p title="до 1 марта - 2022–2023">до <time datetime="2023-03-01">1 марта</time> в '
              '<a href="x?a=1&amp;b=2 - 3">"Агростарт"</a> &amp; 2022&ndash;2023</p>'
              '<pre>a - b "x"</pre><code>№ 4</code><textarea>2022–2023 и в</textarea>'
              '<script>var s = "в 2 - 3";</script><style>a::before { content: "№ 4"; }</style><!-- и в -->')
    out = typograph_html(source)
    assert out == ('<p title="до 1 марта - 2022–2023">до\u00a0<time datetime="2023-03-01">1\u00a0марта</time> в\u00a0'
                   '<a href="x?a=1&amp;b=2 - 3">«Агростарт»</a> &amp; 2022–\u20602023</p>'
                   '<pre>a - b "x"</pre><code>№ 4</code><textarea>2022–2023 и в</textarea>'
                   '<script>var s = "в 2 - 3";</script><style>a::before { content: "№ 4"; }</style><!-- и в -->')
    assert typograph_html(out) == out


def test_block_tags_end_a_run():
    # «и</p><p>2» are two paragraphs: nothing binds across them, quotes do not nest across them.
    assert typograph_html("<p>школы и</p>\n<p>2 колледжа</p>") == f"<p>школы и</p>\n<p>2{N}колледжа</p>"
    assert typograph_html("<td>«Агро</td><td>«Старт»</td>") == "<td>«Агро</td><td>«Старт»</td>"


def test_escaping_stays_safe():
    out = typograph_html("<p>a &lt;script&gt; и &lt;b&gt; - 1 &amp; 2</p>")
    assert out == f"<p>a &lt;script&gt; и &lt;b&gt;{N}— 1 &amp; 2</p>"
    # What the sanitiser lets through stays what the sanitiser lets through.
    html = markup.render('Текст "в кавычках" и <a href="https://x.ru/?a=1&b=2">ссылка</a> - 2022-2023.\n\n'
                         '```\nкод - "как есть"\n```\n').html
    out = typograph_html(html)
    again = nh3.clean(out, tags=markup.ALLOWED_TAGS, attributes=markup.ALLOWED_ATTRS,
                      url_schemes=markup.URL_SCHEMES, link_rel="noopener noreferrer")
    assert again.replace("&nbsp;", "\u00a0") == out  # nothing for the sanitiser to take out
    assert 'href="https://x.ru/?a=1&amp;b=2"' in out and 'код - "как есть"' in out and "«в" in out


def test_stand_in_characters_in_the_source_leave_it_alone():
    text = "<p>и \ue000 в</p>"
    assert typograph_html(text) == text


def test_glue_only_keeps_lines_from_breaking_where_they_must_not():
    """The Word copy's cells: initials, № and «п.» glued, ranges whole, dashes with the word
    before; the text otherwise as written (dates numeric, quotes, short words free)."""
    assert glue("М. Ю. Соловьёва, Соловьёва М. Ю.") == f"М.{N}Ю.{N}Соловьёва, Соловьёва{N}М.{N}Ю."
    assert glue("(п. 3 протокола № 4) в течение 2022–2023 учебного года") \
        == f"(п.{N}3 протокола №{N}4) в течение 2022–{WJ}2023 учебного года"
    assert glue('до 25.12.2022 "Точка роста" - ИТ') == 'до 25.12.2022 "Точка роста" - ИТ'
    assert glue("февраль — март 2023") == f"февраль{N}— март 2023"
    assert glue(glue("А. В. Смирнов 8–11")) == glue("А. В. Смирнов 8–11")
