"""Word and Excel plans that link outside themselves: read for what they hold, nothing loaded.

A template on a share or on the author's disk, a hyperlink, another workbook: an informational
note, the plan read in full. A picture or an object inserted as a link: a warning naming it,
where it stands and how to embed it. An internet address Word would load by itself: refused.
"""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from office_files import ITEMS
from office_links import (
    HYPERLINK,
    NORMAL,
    OLE,
    OTHER_BOOK,
    PICTURE,
    SHEET_PICTURE,
    TEMPLATE,
    excel_with_links,
    word_with_links,
)

from clusterpages import pipeline
from clusterpages.values import diagnostics as dg

CLUSTER = "content/clusters/edu"
AS_OF = dt.date(2023, 2, 15)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an office file made the build open a connection")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _build(config, name: str, data: bytes):
    root = config.parent / CLUSTER
    for old in ("plan-2022-2023.md", "plan-2022-2023.docx", "plan-2022-2023.xlsx", "plan-2022-2023.yaml"):
        (root / old).unlink(missing_ok=True)
    (root / name).write_bytes(data)
    site, diags = pipeline.prepare(config, None, AS_OF)
    plans = [p for p in site.plans if p.cluster == "edu" and p.slug == "plan-2022-2023"] if site else []
    return (plans[0] if plans else None), [d for d in diags if d.file == f"{CLUSTER}/{name}"]


def _numbers(plan) -> list[str]:
    return [item.number for item in plan.items]


@pytest.mark.parametrize("template", [TEMPLATE, NORMAL], ids=["network-share", "author-disk"])
def test_a_plan_made_from_a_template_is_read_with_a_note(example_site, template):
    plan, diags = _build(example_site, "plan-2022-2023.docx", word_with_links(template=template))
    assert plan is not None, diags
    assert _numbers(plan) == [number for _, number, *_ in ITEMS]
    assert not [d for d in diags if d.severity in (dg.ERROR, dg.WARNING)], diags
    notes = [d for d in diags if d.code == "office.link-ignored"]
    assert len(notes) == 1 and notes[0].severity == dg.INFO
    name = template.rsplit("\\", 1)[1]
    assert f"шаблону «{name}»" in notes[0].message and notes[0].hint
    assert "Разорвать связь" not in notes[0].message + notes[0].hint   # no advice about pictures


def test_a_linked_picture_and_object_are_warnings_naming_them_and_where(example_site):
    data = word_with_links(picture=PICTURE, ole=OLE, hyperlink=HYPERLINK)
    plan, diags = _build(example_site, "plan-2022-2023.docx", data)
    assert plan is not None and _numbers(plan) == [number for _, number, *_ in ITEMS]
    by_code = {d.code: d for d in diags}
    picture = by_code["office.linked-image"]
    assert picture.severity == dg.WARNING and picture.file == f"{CLUSTER}/plan-2022-2023.docx"
    assert "«Логотип кластера.png»" in picture.message and picture.place == "таблица 2, строка 6"
    assert picture.hint.startswith("Вставьте рисунок в документ, а не связью")
    ole = by_code["office.linked-object"]
    assert ole.severity == dg.WARNING and "«Смета.xlsx»" in ole.message and ole.place == "таблица 2, строка 6"
    notes = [d for d in diags if d.code == "office.link-ignored"]
    assert {d.severity for d in notes} == {dg.INFO} and len(notes) == 2
    assert any(HYPERLINK in d.message and "Гиперссылки (1)" in d.message for d in notes)


def test_an_excel_plan_linked_to_another_book_and_a_picture(example_site):
    plan, diags = _build(example_site, "plan-2022-2023.xlsx", excel_with_links(picture=SHEET_PICTURE))
    assert plan is not None and _numbers(plan) == [number for _, number, *_ in ITEMS]
    book = next(d for d in diags if d.code == "office.link-ignored")
    assert book.severity == dg.INFO and "«Бюджет кластера.xlsx»" in book.message
    assert OTHER_BOOK.rsplit("\\", 1)[1] in book.message
    picture = next(d for d in diags if d.code == "office.linked-image")
    assert picture.severity == dg.WARNING and "«Герб.png»" in picture.message and picture.place == "План!G2"
    assert picture.hint.startswith("Вставьте рисунок в книгу, а не связью")


def test_strict_build_passes_with_a_template_and_fails_with_a_linked_picture(example_site):
    _, diags = _build(example_site, "plan-2022-2023.docx", word_with_links())
    assert not dg.fails(diags, strict=True)
    _, diags = _build(example_site, "plan-2022-2023.docx", word_with_links(template=None, picture=PICTURE))
    assert dg.fails(diags, strict=True) and not dg.fails(diags, strict=False)


@pytest.mark.parametrize("target, kind", [
    ("http://203.0.113.7/template.dotm", "template"),
    ("https://example.org/pixel.png", "picture"),
])
def test_an_internet_address_word_would_load_is_still_refused(target, kind):
    from clusterpages.content.read.office.package import vet
    data = word_with_links(template=target) if kind == "template" else word_with_links(template=None, picture=target)
    package, diags = vet(data, "plan.docx", "docx")
    assert package is None and [d.code for d in diags] == ["office.external"]
    assert diags[0].severity == dg.ERROR and target in diags[0].message


def test_where_a_link_stands_in_a_header_or_a_sheet():
    from clusterpages.content.read.office import links
    assert links.shown_target(TEMPLATE) == "\\\\fileserver\\Методисты\\Шаблоны\\Шаблон плана кластера.dotx"
    assert links.file_name("../Рисунки/logo%20new.png") == "logo new.png"
    assert links.is_web("https://x.ru/a.png") and links.is_web("ftp://x/y")
    assert not links.is_web("file:///C:\\a.png") and not links.is_web("C:\\a.png") and not links.is_web("\\\\srv\\a")
    assert links.Places({}, "docx")("word/header1.xml", "rId1") == "верхний колонтитул"
    assert links.Places({}, "xlsx")("xl/externalLinks/externalLink1.xml", "rId1") == "связи книги"


def test_thousands_of_links_make_a_bounded_report_quickly():
    import time

    from clusterpages.content.read.office import links
    rels = "".join(f'<Relationship Id="rId{n}" Type="{links.R_NS}/image" Target="file:///C:/p/{n}.png" '
                   'TargetMode="External"/>' for n in range(20000))
    parts = {"word/document.xml": b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/"
                                  b"main'><w:body/></w:document>",
             "word/_rels/document.xml.rels": f"<Relationships>{rels}</Relationships>".encode()}
    started = time.perf_counter()
    refusal, notes = links.judge(parts, "plan.docx", "docx")
    assert refusal is None and len(notes) == links.MAX_NOTES + 1
    assert notes[-1].code == "office.link-ignored" and "Ещё 19980" in notes[-1].message
    assert time.perf_counter() - started < 5
