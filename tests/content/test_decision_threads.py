"""Protocols that refer to each other (issue 28): a decision continuing a decision of an earlier
protocol links to it, the earlier one shows what continued it, and a reference to a protocol or
decision the site does not have is a warning with the file and the line."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from clusterpages.content.documents.decisionrefs import find
from clusterpages.values import diagnostics as dg
from conftest import copy_example, prepare

P4 = "protocols/protocol-4-2022-12-06/index.html"
P1 = "protocols/protocol-1-2023-02-10/index.html"
P1_FILE = "content/protocols/protocol-1-2023-02-10.md"


@pytest.mark.parametrize("text,found", [
    ("Во исполнение п. 4 протокола № 4 от 06.12.2022 размещать отчёты", [("4", dt.date(2022, 12, 6), 4)]),
    ("в продолжение пункта 4 протокола № 4", [("4", None, 4)]),
    ("(пп. 4 и 5 протокола № 4 от 06.12.2022 г.)", [("4", dt.date(2022, 12, 6), 4), ("4", dt.date(2022, 12, 6), 5)]),
    ("во исполнение п. 2 протокола от 10.02.2023 № 1", [("1", dt.date(2023, 2, 10), 2)]),
    ("решения 3 протокола № 12", [("12", None, 3)]),
    ("пп. 2–4 протокола № 3", [("3", None, 2), ("3", None, 3), ("3", None, 4)]),
    ("по итогам протокола № 4", []),
    ("п. 4 плана работы", []),
])
def test_references_as_minutes_write_them(text, found):
    assert [(r.protocol, r.date, r.decision) for r in find(text, 7)] == found
    assert all(r.line == 7 for r in find(text, 7))


def _decision(html: str, n: int) -> str:
    start = html.index(f'<li id="decision-{n}"')
    return html[start:html.index("</li>", start)].replace("\u00a0", " ").replace("\u2060", "")


def test_a_continuing_decision_links_to_the_earlier_one(example_build):
    later = _decision(example_build.page(P1), 1)      # «Во исполнение п. 5 протокола № 4 от 06.12.2022 …» (its text)
    assert re.search(r'Во исполнение: <a href="\.\./protocol-4-2022-12-06/index\.html#decision-5">протокол № 4 от '
                     r'6 декабря 2022 г\., п\. 5</a>', later)
    by_key = _decision(example_build.page(P1), 2)     # continues: п. 4 протокола № 4 от 06.12.2022
    assert 'href="../protocol-4-2022-12-06/index.html#decision-4"' in by_key


def test_the_earlier_decision_shows_what_continued_it(example_build):
    html = example_build.page(P4)
    for n, later in ((5, 1), (4, 2)):
        earlier = _decision(html, n)
        assert re.search(rf'Продолжено: <a href="\.\./protocol-1-2023-02-10/index\.html#decision-{later}">протокол № 1 от '
                         rf'10 февраля 2023 г\., п\. {later}</a>', earlier), n
    # … and so does every cell's note of that decision (the dialog shows the note)
    note = html[html.index('id="why-it-4"'):]
    note = note[:note.index("</div>")]
    assert 'href="../protocol-1-2023-02-10/index.html#decision-2"' in note
    assert "Продолжено" not in _decision(html, 1)


def test_each_protocol_has_its_own_table_and_counts(example_build):
    p1 = example_build.page(P1)
    assert "Кластеры × решения протокола №&nbsp;1" in p1 or "Кластеры × решения протокола №\u00a01" in p1
    assert len(re.findall(r'<th scope="col" class="matrix__decision">', p1)) == 3
    index = example_build.page("index.html")
    scopes = re.findall(r'data-count="decisions.total" data-scope="@([\w-]+)">(\d+)<', index)
    assert dict(scopes) == {"protocol-4-2022-12-06": "56", "protocol-1-2023-02-10": "24"}   # 8 formed clusters


def _edit(config, old: str, new: str) -> None:
    path = config.parent / P1_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(config, needle: str) -> int:
    lines = (config.parent / P1_FILE).read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("old,new,says", [
    ("Во исполнение п. 5 протокола № 4 от 06.12.2022", "Во исполнение п. 9 протокола № 4 от 06.12.2022",
     "нет решения 9"),
    ("Во исполнение п. 5 протокола № 4 от 06.12.2022", "Во исполнение п. 5 протокола № 7", "протокола № 7"),
    ("Во исполнение п. 5 протокола № 4 от 06.12.2022", "Во исполнение п. 5 протокола № 4 от 07.12.2022",
     "протокола № 4 от 07.12.2022"),
])
def test_a_dangling_reference_is_a_warning_with_file_and_line(tmp_path, old, new, says):
    config = copy_example(tmp_path / "site")
    _edit(config, old, new)
    site, diags = prepare(config)
    found = [d for d in diags if d.code == "protocol.reference"]
    assert len(found) == 1, [d.message for d in diags if d.severity != dg.INFO]
    d = found[0]
    assert d.severity == dg.WARNING and d.file == P1_FILE and d.line == _line(config, new)
    assert says in d.message.replace("\u00a0", " ") and d.hint
    # the page is still written, without a link to nowhere
    assert site is not None


def test_a_continues_entry_that_names_no_decision_is_a_warning(tmp_path):
    config = copy_example(tmp_path / "site")
    _edit(config, "continues: п. 4 протокола № 4 от 06.12.2022", "continues: медиаплан прошлого года")
    _, diags = prepare(config)
    found = [d for d in diags if d.code == "protocol.reference"]
    assert [(d.file, d.line) for d in found] == [(P1_FILE, _line(config, "continues: медиаплан"))]
    assert "п. 4 протокола № 4" in found[0].hint


def test_a_further_protocol_needs_no_code(tmp_path):
    from clusterpages import pipeline
    config = copy_example(tmp_path / "site")
    source = (config.parent / P1_FILE).read_text(encoding="utf-8")
    head, body = source.split("decisions:\n", 1)[0], source.split("\n---\n", 1)[1]
    head = head.replace("Протокол № 1", "Протокол № 2").replace("number: 1", "number: 2").replace("date: 2023-02-10",
                                                                                                 "date: 2023-05-16")
    (config.parent / "content/protocols/protocol-2-2023-05-16.md").write_text(
        head + "decisions:\n  - number: 1\n    text: В продолжение пункта 3 протокола № 1 утвердить планы кластеров "
               "на 2023–2024 учебный год на советах кластеров.\n    deadline: \"до 30.09.2023\"\n---\n" + body,
        encoding="utf-8")
    result = pipeline.build(config, tmp_path / "out", dt.date(2023, 2, 15), dt.date(2023, 2, 15), True, None, jobs=1,
                            use_cache=False)
    assert result.written and not [d for d in result.diagnostics if d.severity != dg.INFO]
    out = tmp_path / "out"
    p2 = (out / "protocols/protocol-2-2023-05-16/index.html").read_text(encoding="utf-8")
    assert "Кластеры × решения протокола №&nbsp;2" in p2 or "Кластеры × решения протокола №\u00a02" in p2
    assert re.findall(r'class="site-nav__protocol"><a href="[^"]+"[^>]*>Протокол №\u00a0(\d+)</a>', p2) == ["4", "1", "2"]
    earlier = _decision((out / P1).read_text(encoding="utf-8"), 3)
    assert 'Продолжено: <a href="../protocol-2-2023-05-16/index.html#decision-1">протокол № 2 от 16 мая 2023 г., п. 1</a>' \
        in earlier
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="protocols/protocol-2-2023-05-16/index.html"' in index
