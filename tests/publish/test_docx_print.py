"""Word copies a methodist can sign: every plan and media plan of the example rendered by
LibreOffice, and no word or date broken inside a cell at its type size."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from pypdf import PdfReader

from clusterpages.publish import docx as plan_docx

DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")


@pytest.fixture(scope="module")
def pdfs(example_build, tmp_path_factory):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: bash scripts/test.sh installs it")
    work = tmp_path_factory.mktemp("wordcopies")
    sources = sorted(example_build.out.glob("clusters/*/*/*.docx"))
    copies = []
    for src in sources:
        target = work / f"{src.parent.parent.name}-{src.name}"
        shutil.copy2(src, target)
        copies.append(target)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to", "pdf",
                    "--outdir", str(work), *map(str, copies)], capture_output=True, timeout=600, check=False)
    out = {c: c.with_suffix(".pdf") for c in copies}
    missing = [c.name for c, p in out.items() if not p.is_file()]
    assert not missing, f"LibreOffice did not render: {missing}"
    return out


def _cells(docx_path) -> list[str]:
    with zipfile.ZipFile(docx_path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    table = xml[xml.index("<w:tbl>"):xml.rindex("</w:tbl>")]
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", c)) for c in re.findall(r"<w:tc>.*?</w:tc>", table)]


def test_every_word_copy_is_landscape_and_keeps_dates_and_header_words_whole(pdfs):
    for docx_path, pdf in pdfs.items():
        reader = PdfReader(pdf)
        box = reader.pages[0].mediabox
        assert float(box.width) > float(box.height), f"{docx_path.name} is not landscape"
        text = "\n".join(p.extract_text() for p in reader.pages)
        lines = set(text.split("\n"))
        cells = _cells(docx_path)
        dates = {d for c in cells for d in DATE.findall(c)}
        broken = [d for d in dates if d not in text]
        assert dates and not broken, f"{docx_path.name}: dates broken inside: {broken[:5]}"
        header_words = {w for c in cells[:14] for w in re.findall(r"[А-Яа-яЁё]{5,}", c)}
        split = [w for w in header_words if w not in text]
        assert not split, f"{docx_path.name}: words broken inside: {split[:5]}"
        assert lines


def test_no_column_of_raw_links_and_the_links_listed_after_the_table(pdfs):
    media = [p for p in pdfs if "media-plan" in p.name]
    assert media
    for docx_path in media:
        cells = _cells(docx_path)
        assert not [c for c in cells if "https://" in c or "http://" in c], docx_path.name
        shortened = [c for c in cells if re.fullmatch(r"[\w.-]+\.[a-z]{2,} \[\d+\]", c)]
        assert shortened, docx_path.name
        with zipfile.ZipFile(docx_path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        assert "Ссылки на публикации:" in xml and "[1] https://" in xml


def test_the_line_under_the_title_is_in_the_documents_words(example_build):
    import docx
    path = example_build.out / "clusters/it/plan-2022-2023/plan.docx"
    paragraphs = [p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs]
    assert "УТВЕРЖДАЮ" in paragraphs and "«01» сентября 2022 г." in paragraphs
    assert "Версия 2 от 20.12.2022" in paragraphs
    assert not [p for p in paragraphs if "актуализировано" in p or "учебный год;" in p]


def test_a_title_without_its_year_gets_the_year_line():
    from dataclasses import replace

    from clusterpages.model import PlanDoc
    from clusterpages.values.academic import AcademicYear
    doc = PlanDoc(kind="plan", cluster="it", slug="plan-2022-2023", file="f.md", title="План работы кластера",
                  year=AcademicYear(2022), approval=None, version="", updated=None, changes=(), blocks=())
    assert plan_docx._subtitle(doc) == ["на 2022/2023 учебный год"]
    assert plan_docx._subtitle(replace(doc, title="План на 2022–2023 учебный год")) == []


def test_columns_are_no_narrower_than_their_longest_word():
    columns = (("number", "№"), ("title", "Информационный повод"), ("deadline", "Дата"))
    rows = [["1", "Профориентационное мероприятие", "01.09.2022"]]
    least = plan_docx.min_widths(columns, rows, 12)
    assert least[1] > plan_docx.word_mm("Профориентационное", 12) and least[2] > plan_docx.word_mm("01.09.2022", 12)
    assert sum(plan_docx.widths(columns, rows, 12)) == pytest.approx(plan_docx.TEXT_WIDTH_MM)
