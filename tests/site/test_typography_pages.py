"""Every page of the example build, read as a person reads it, follows docs/typography.md."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import typocheck


@pytest.fixture(scope="module")
def output(example_build) -> Path:
    return example_build.out


def _pages(out: Path):
    for path in sorted(out.rglob("*.html")):
        yield path.relative_to(out).as_posix(), path.read_text(encoding="utf-8")
    for bundle in sorted((out / "downloads").glob("*.zip")):
        with zipfile.ZipFile(bundle) as zf:
            yield f"{bundle.name}!index.html", zf.read("index.html").decode("utf-8")


def test_every_rendered_page_follows_the_typography_rules(output):
    found, pages = [], 0
    for name, html in _pages(output):
        pages += 1
        found += [f"{name}: {p}" for p in typocheck.page_problems(html)]
    assert pages > 100
    assert not found, f"{len(found)} нарушений, первые:\n" + "\n".join(found[:40])


def test_pages_write_dates_in_words_once(output):
    html = (output / "clusters/agro/plan-2022-2023/index.html").read_text(encoding="utf-8")
    assert "25\u00a0декабря\u00a02022\u00a0г." in html          # «25.12.22» in the source
    assert "25.12.2022" not in typocheck.visible_blocks(html)
    protocol = (output / "protocols/protocol-4-2022-12-06/index.html").read_text(encoding="utf-8")
    assert "(25\u00a0декабря\u00a02022\u00a0г.)" not in protocol   # no date said twice
    assert "(по\u00a030\u00a0июня\u00a02023\u00a0г.)" in protocol    # a period gets its last day


@pytest.mark.parametrize("bad, rule", [
    ("<p>протокола № 4</p>", "после №"),
    ("<p>пп. 2 и 3</p>", "после «п.»"),
    ("<p>В. П. Фёдоров</p>", "инициалы"),
    ("<p>1250 чел.</p>", "между числом"),
    ("<p>до 1 марта</p>", "между числом"),
    ("<p>школы и колледжи</p>", "одной-двух букв"),
    ("<p>План — это</p>", "перед тире"),
    ("<h1>2022–2023</h1>", "диапазон"),
    ('<p>"Агростарт"</p>', "прямые кавычки"),
    ("<p>«От «Точек роста» до ПОО»</p>", "вложенные"),
    ("<p>на 15 февраля 2023 г.. Демо</p>", "двойная"),
    ("<p>школьники , родители</p>", "пробел перед"),
    ("<p>Перенесено / перенесено на апрель</p>", "повтор слова"),
    ("<dl><dt>Уровень</dt><dd>региональный уровень</dd></dl>", "подпись повторяется"),
    ("<p>Срок: 25.12.2022</p>", "дата цифрами"),
    ("<p>Срок: до\u00a01\u00a0апреля\u00a02023\u00a0г. (1\u00a0апреля\u00a02023\u00a0г.)</p>", "дважды"),
])
def test_the_checker_catches_each_rule(bad, rule):
    assert any(p.startswith(rule) or rule in p.split(":")[0] for p in typocheck.page_problems(bad)), \
        typocheck.page_problems(bad)


def test_the_checker_reads_text_only():
    ok = ('<p title="a - b">до\u00a01\u00a0марта <code>x - y "z"</code> <span aria-hidden="true">!</span></p>'
          '<textarea>№ 4</textarea><script>var a = "x";</script>')
    assert typocheck.page_problems(ok) == []
