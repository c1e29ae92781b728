"""The Word copies of the example, printed through LibreOffice as a methodist prints, signs and
stamps them: every table at 12 pt, no word, date or range broken inside a cell, no row split
across pages, landscape pages, the «УТВЕРЖДАЮ» block at the top right, the academic year and
the version under the title in the document's words, and no column of raw links (the links
listed in full after the table, kept together).
"""

from __future__ import annotations

import collections
import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import dataclass, replace

import docx
import pytest

from clusterpages.model import PlanDoc
from clusterpages.publish import docx as plan_docx
from clusterpages.publish import docxfit, docxmetrics
from clusterpages.values.academic import AcademicYear

_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")
# A line may break at a space or after a dash between words; never inside «2022–2023» or «8–11».
_PIECES = re.compile(r"\s+|(?<=\D[-–—])|(?<=[-–—])(?=\D)")


def _pieces(text: str) -> list[str]:
    return [p for p in _PIECES.split(text.replace("\u2060", "")) if p]


@dataclass(frozen=True)
class Printed:
    document: object   # python-docx's Document
    pages: list        # pypdf's pages
    rows: list         # the item rows of every table, as lists of cell texts


def _item_rows(document) -> list[list[str]]:
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows[1:]
            if len({id(c._tc) for c in row.cells}) > 1]


@pytest.fixture(scope="module")
def printed(example_build, tmp_path_factory) -> dict[tuple[str, str], Printed]:
    """{(cluster, slug): Printed} of every Word copy the example's build wrote."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: bash scripts/test.sh installs it")
    from pypdf import PdfReader
    work = tmp_path_factory.mktemp("wordcopies")
    copies = {}
    for name in ("plan.docx", "media-plan.docx"):
        for src in sorted(example_build.out.glob(f"clusters/*/*/{name}")):
            target = work / f"{src.parent.parent.name}-{src.parent.name}.docx"
            shutil.copy2(src, target)
            copies[(src.parent.parent.name, src.parent.name)] = target
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to", "pdf",
                    "--outdir", str(work), *map(str, copies.values())], capture_output=True, timeout=600, check=False)
    missing = [p.name for p in copies.values() if not p.with_suffix(".pdf").is_file()]
    assert not missing, f"LibreOffice did not render: {missing}"
    out = {}
    for key, path in copies.items():
        document = docx.Document(io.BytesIO(path.read_bytes()))
        out[key] = Printed(document, PdfReader(path.with_suffix(".pdf")).pages, _item_rows(document))
    return out


@pytest.fixture(scope="module")
def plans(example_build):
    return {(p.cluster, p.slug): p for p in example_build.result.site.plans}


def _cells(document) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def _text(pages) -> str:
    return "\n".join(page.extract_text() for page in pages)


def test_every_plan_and_media_plan_has_its_word_copy(printed, plans):
    assert set(printed) == set(plans) and len(printed) >= 18


def test_every_table_stands_at_12_pt(printed):
    """At 12 pt up to ten columns; a wider table (IT's 2023–2024 media plan has eleven, with its
    «Примечание») may step down, never below 10 pt."""
    for key, copy in printed.items():
        for t in copy.document.tables:
            sizes = {r.font.size.pt for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs}
            columns = len(t.rows[0].cells)
            assert sizes == {12} if columns <= 10 else min(sizes) >= 10, (key, columns, sizes)


def test_no_word_date_or_range_breaks_inside_a_cell(printed):
    for key, copy in printed.items():
        text = _text(copy.pages)
        found = collections.Counter(_pieces(text))
        cells = _cells(copy.document)
        broken = sorted(p for p in {p for cell in set(cells) for p in _pieces(cell)} if found[p] == 0)
        assert not broken, f"{key}: split across lines in the PDF: {broken}"
        dates = {d for cell in cells for d in _DATE.findall(cell)}
        assert dates and dates <= set(_DATE.findall(text)), key
        header = [c.text for c in copy.document.tables[0].rows[0].cells]
        first_page = collections.Counter(_pieces(copy.pages[0].extract_text()))
        assert all(first_page[w] for h in header for w in _pieces(h)), (key, header)


def test_no_row_is_split_across_pages(printed):
    for key, copy in printed.items():
        assert all(row._tr.xpath("./w:trPr/w:cantSplit") for t in copy.document.tables for row in t.rows), key
        pages = [collections.Counter(_pieces(p.extract_text())) for p in copy.pages]
        for row in copy.rows:
            wanted = collections.Counter(p for cell in row for p in _pieces(cell))
            assert any(all(page[p] >= n for p, n in wanted.items()) for page in pages), (key, row)


def test_printed_landscape_with_the_year_and_version_under_the_title(printed, plans, example_build):
    style = example_build.result.site.config.year_style
    for key, copy in printed.items():
        first, second = key[1].split("-")[-2:]
        year = f"на {first}–{second} учебный год" if style == "dash" else f"на {first}/{second} учебный год"
        assert all(page.mediabox.width > page.mediabox.height for page in copy.pages), key
        lines = [line.strip() for line in copy.pages[0].extract_text().splitlines()]
        plan = plans[key]
        assert plan_docx.version_line(plan).startswith("Версия"), key
        assert year in lines, key
        assert plan_docx.version_line(plan) in lines, key
        assert not any("актуализировано" in line or "учебный год;" in line for line in lines), key


def test_the_it_plan_prints_its_approval_title_and_table(printed):
    pages = printed[("it", "plan-2022-2023")].pages
    text = _text(pages).replace("\n", " ")
    assert len(pages) >= 2
    assert "УТВЕРЖДАЮ" in text and "«01» сентября 2022 г." in text and "Заседание совета" in text
    assert "План работы кластера информационных технологий" in text


def test_the_approval_block_stands_at_the_top_right(printed, plans):
    approved = [k for k in printed if plans[k].approval]
    assert len(approved) >= 10
    for key in approved:
        page, approval = printed[key].pages[0], plans[key].approval
        where = {}

        def visit(text, cm, tm, font, size):
            if text.strip() and text.strip() not in where:
                where[text.strip()] = (tm[4], tm[5])

        page.extract_text(visitor_text=visit)
        stamp = next(v for k, v in where.items() if k.startswith("УТВЕРЖДАЮ"))
        date = next(v for k, v in where.items() if k.startswith(plan_docx.approval_date(approval.date)))
        title = next(v for k, v in where.items() if k.startswith(("План работы", "Медиаплан")))
        width = float(page.mediabox.width)
        assert stamp[0] > width / 2 and date[0] > width / 2, key   # on the right half
        assert abs(stamp[0] - date[0]) < 2, key                     # its lines start flush left
        assert stamp[1] > date[1] > title[1], key                   # above the title


def test_no_column_of_raw_links_the_links_listed_after_the_table(printed, plans):
    media = [k for k in printed if k[1].startswith("media-plan")]
    assert media
    for key in media:
        copy, plan = printed[key], plans[key]
        assert not [c for c in _cells(copy.document) if "://" in c], key
        links = [(i.number, i.link) for i in plan.items if i.link]
        if not links:
            continue
        text = _text(copy.pages).replace("\xa0", " ")
        assert all(f"п. {n} — {link}" in text for n, link in links), key
        assert text.index("Ссылка на публикацию:") < text.index("https://"), key
        together = [p.extract_text().replace("\xa0", " ") for p in copy.pages]
        assert any("Ссылка на публикацию:" in t and all(link in t for _, link in links) for t in together), key


def test_the_year_in_the_slash_style_and_the_version(plans):
    plan = plans[("it", "media-plan-2022-2023")]
    document = docx.Document(io.BytesIO(plan_docx.render(plan, dt.date(2023, 2, 15), "", "slash")))
    lines = [p.text for p in document.paragraphs]
    assert "на 2022/2023 учебный год" in lines and "Версия 2 от 12.12.2022" in lines
    assert "Медиаплан кластера информационных технологий" in lines


def test_a_title_gets_its_year_on_a_line_of_its_own_once():
    doc = PlanDoc(kind="plan", cluster="it", slug="plan-2022-2023", file="f.md", title="План работы кластера",
                  year=AcademicYear(2022), approval=None, version="", updated=None, changes=(), blocks=())
    assert plan_docx.title_lines(doc, "slash") == ("План работы кластера", "на 2022/2023 учебный год")
    moved = replace(doc, title="План работы кластера на 2022-23 учебный год")
    assert plan_docx.title_lines(moved, "dash") == ("План работы кластера", "на 2022–2023 учебный год")
    assert plan_docx.title_lines(replace(doc, title="План 2022/23 уч. г."), "dash") == ("План 2022/23 уч. г.",)
    assert plan_docx.version_line(doc) == ""


def test_every_column_holds_its_longest_word(printed):
    for key, copy in printed.items():
        for table in copy.document.tables:
            size = table.rows[1].cells[-1].paragraphs[0].runs[0].font.size.pt
            for n, column in enumerate(table.columns):
                cells = [r.cells[n] for r in table.rows if len({id(c._tc) for c in r.cells}) > 1]
                longest = max(docxmetrics.width(w, size, i == 0) for i, c in enumerate(cells)
                              for w in docxfit.pieces(c.text))
                assert column.width.pt >= longest + docxfit.CELL_MARGINS_PT, (key, n)
            assert sum(c.width.pt for c in table.columns) <= plan_docx.TEXT_WIDTH_MM * 72 / 25.4 + 1


def test_columns_are_no_narrower_than_their_longest_word_and_fill_the_line():
    columns = [docxfit.Column("№", ("1",)), docxfit.Column("Информационный повод", ("Профориентационное мероприятие",)),
               docxfit.Column("Дата", ("01.09.2022",))]
    layout = docxfit.choose(columns, 700)
    assert layout.widths_pt[1] > docxmetrics.width("Профориентационное", 12)
    assert layout.widths_pt[2] > docxmetrics.width("01.09.2022", 12)
    assert sum(layout.widths_pt) == pytest.approx(700)


def test_compounds_may_break_after_their_hyphen_dates_and_ranges_never():
    assert docxfit.pieces("предприятий-партнёров «ИТ-старт» 2021–2022 8–11 01.09.2022 А.\u00a0В.\u00a0Смирнов") \
        == ["предприятий-", "партнёров", "«ИТ-", "старт»", "2021–2022", "8–11", "01.09.2022", "А.\u00a0В.\u00a0Смирнов"]


def test_a_word_joiner_takes_no_room():
    assert docxmetrics.width("2022–\u20602023", 12) == docxmetrics.width("2022–2023", 12)


def test_columns_go_out_before_the_type_gets_smaller():
    wide = docxfit.Column("Ссылка", ("https://example.ru/" + "x" * 60,), optional=True)
    words = docxfit.Column("Мероприятие", ("Стажировки преподавателей",))
    layout = docxfit.choose([words, wide], 300)
    assert layout.keep == (True, False) and layout.size_pt == 12 and layout.fits
    assert abs(sum(layout.widths_pt) - 300) < 0.01
    tight = docxfit.choose([docxfit.Column("Ответственный", ("Преподавательница",))] * 3, 320)
    assert tight.size_pt < 12 and tight.fits


def test_cells_keep_initials_with_the_surname_and_ranges_whole(plans):
    from clusterpages.publish import docxtable
    rows = [r for _, rs in docxtable.groups(plans[("it", "plan-2022-2023")]) for r in rs if not r.section]
    cells = {c for r in rows for c in r.cells}
    assert "А.\u00a0В.\u00a0Смирнов" in cells
    assert any("2022–\u20602023" in c for c in cells)
    assert not any(re.search(r"[А-ЯЁ]\. ", c) for c in cells)
