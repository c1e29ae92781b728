"""Plans read straight from Word and Excel: the same items as the same plan in Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from office_files import MARKDOWN_PLAN, excel_plan, excel_with_date_cell, word_plan

from clusterpages import pipeline
from clusterpages.values import diagnostics as dg
from conftest import copy_example

CLUSTER = "content/clusters/edu"
AS_OF = dt.date(2023, 2, 15)


def _site(config: Path, files: dict[str, bytes | str]) -> Path:
    root = config.parent
    for name in ("plan-2022-2023.md", "plan-2022-2023.docx", "plan-2022-2023.xlsx", "plan-2022-2023.yaml"):
        (root / CLUSTER / name).unlink(missing_ok=True)
    for rel, data in files.items():
        path = root / CLUSTER / rel
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return config


def _plan(config: Path, slug: str = "plan-2022-2023"):
    site, diags = pipeline.prepare(config, None, AS_OF)
    docs = [p for p in site.plans if p.cluster == "edu" and p.slug == slug] if site else []
    return (docs[0] if docs else None), dg.sort(diags)


def _key(item):
    return (item.uid, item.section, item.number, item.title_text, item.deadline_text, item.deadline,
            item.responsible, item.status, item.status_note, item.tags, item.decisions)


@pytest.fixture
def markdown_plan(example_site):
    plan, diags = _plan(_site(example_site, {"plan-2022-2023.md": MARKDOWN_PLAN}))
    assert plan is not None and not [d for d in diags if d.file.startswith(CLUSTER)], diags
    return plan


@pytest.mark.parametrize("name, data", [
    ("plan-2022-2023.docx", word_plan(approval_in_table=True)),
    ("plan-2022-2023.docx", word_plan(approval_in_table=False)),
    ("plan-2022-2023.docx", word_plan(wrapped=True)),
    ("plan-2022-2023.xlsx", excel_plan()),
], ids=["word-approval-in-a-layout-table", "word-approval-as-paragraphs", "word-plan-inside-a-layout-table",
        "excel-second-sheet"])
def test_office_plan_reads_like_the_markdown_one(tmp_path, example_site, markdown_plan, name, data):
    config = _site(example_site, {name: data})
    plan, diags = _plan(config)
    assert plan is not None, diags
    assert not [d for d in diags if d.file.startswith(CLUSTER)], diags
    assert [_key(i) for i in plan.items] == [_key(i) for i in markdown_plan.items]
    assert len(plan.items) == 5
    assert plan.title == markdown_plan.title
    assert plan.approval == markdown_plan.approval
    assert plan.original == name and plan.file == f"{CLUSTER}/{name}"
    sections = [b for b in plan.blocks if isinstance(b, str) and b.startswith("<h2>")]
    assert sections == ["<h2>I. Организационная работа</h2>", "<h2>II. Профориентация</h2>"]


def test_a_markdown_and_a_word_file_of_one_plan_is_an_error_naming_both(example_site):
    config = _site(example_site, {"plan-2022-2023.docx": word_plan(), "plan-2022-2023.md": MARKDOWN_PLAN})
    plan, diags = _plan(config)
    (d,) = [d for d in diags if d.code == "plan.two-sources"]
    assert d.severity == "error" and d.file == f"{CLUSTER}/plan-2022-2023.md"
    assert "plan-2022-2023.docx" in d.message and "plan-2022-2023.md" in d.message


def test_the_yaml_beside_the_file_fills_what_the_document_lacks_and_wins(example_site):
    yaml = ("title: План работы кластера образования\nversion: 2\nupdated: 2022-12-20\n"
            "changes:\n  - Добавлена ярмарка профессий\nsheet: План\n")
    config = _site(example_site, {"plan-2022-2023.xlsx": excel_plan(), "plan-2022-2023.yaml": yaml})
    plan, diags = _plan(config)
    assert not [d for d in diags if d.file.startswith(CLUSTER)], diags
    assert plan.title == "План работы кластера образования" and plan.version == "2"
    assert plan.changes == ("Добавлена ярмарка профессий",) and plan.updated == dt.date(2022, 12, 20)
    assert plan.approval.name == "И. И. Иванов"


def test_a_sheet_named_in_the_yaml_must_exist(example_site):
    config = _site(example_site, {"plan-2022-2023.xlsx": excel_plan(), "plan-2022-2023.yaml": "sheet: Лист9\n"})
    plan, diags = _plan(config)
    (d,) = [d for d in diags if d.code == "office.sheet"]
    assert plan is None and "Лист9" in d.message and d.file == f"{CLUSTER}/plan-2022-2023.yaml"


def test_excel_date_cells_and_text_dates_and_cell_addresses(example_site):
    yaml = "title: План мероприятий\n"
    config = _site(example_site, {"plan-2022-2023.xlsx": excel_with_date_cell(), "plan-2022-2023.yaml": yaml})
    plan, diags = _plan(config)
    assert [i.deadline_text for i in plan.items] == ["25.12.2022", "25.12.2022", "когда-нибудь"]
    assert plan.items[0].deadline == plan.items[1].deadline
    (d,) = [d for d in diags if d.code == "plan.deadline"]
    assert d.file == f"{CLUSTER}/plan-2022-2023.xlsx" and d.place == "Лист1!C5" and d.line is None
    assert dg.location(d) == f"{CLUSTER}/plan-2022-2023.xlsx, Лист1!C5"


def test_word_diagnostics_name_table_row_and_column(example_site):
    config = _site(example_site, {"plan-2022-2023.docx": word_plan(deadline_of_3="до дня X")})
    plan, diags = _plan(config)
    (d,) = [d for d in diags if d.code == "plan.deadline"]
    # table 1 is the layout table of the «УТВЕРЖДАЮ» block; row 1 the header, 2 the numbering row
    assert d.place == "таблица 2, строка 6, столбец «Сроки»", d
    assert dg.format_text(d).startswith(f"{CLUSTER}/plan-2022-2023.docx, таблица 2, строка 6, столбец «Сроки»: ")


def test_import_writes_markdown_that_reads_into_the_same_items(example_site, tmp_path):
    from conftest import run_cli
    source = tmp_path / "plan-2022-2023.docx"
    source.write_bytes(word_plan())
    office, _ = _plan(_site(example_site, {"plan-2022-2023.docx": word_plan()}))
    (example_site.parent / CLUSTER / "plan-2022-2023.docx").unlink()
    result = run_cli("import", str(source), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode == 0, result.stderr
    assert "Исправления в режиме рецензирования приняты" in result.stderr
    written = example_site.parent / CLUSTER / "plan-2022-2023.md"
    assert written.is_file()
    again = run_cli("import", str(source), "--cluster", "edu", "--config", str(example_site))
    assert again.returncode == 2 and "--force" in again.stderr
    plan, diags = _plan(example_site)
    assert not [d for d in diags if d.file.startswith(CLUSTER)], diags
    assert [_key(i) for i in plan.items] == [_key(i) for i in office.items]
    assert (plan.title, plan.approval) == (office.title, office.approval)


def test_import_refuses_a_hostile_file_and_an_unknown_name(example_site, tmp_path):
    from conftest import run_cli
    bad = tmp_path / "plan-2022-2023.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    result = run_cli("import", str(bad), "--cluster", "edu", "--config", str(example_site), "--force")
    assert result.returncode == 1 and "office.encrypted" in result.stderr and "Traceback" not in result.stderr
    odd = tmp_path / "План 2022.docx"
    odd.write_bytes(word_plan())
    result = run_cli("import", str(odd), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode == 2 and "--as plan-2022-2023" in result.stderr


def test_the_build_publishes_the_original_and_the_printable_docx(tmp_path):
    example_site = copy_example(tmp_path / "site", clusters=("edu",))
    from clusterpages.publish import write  # noqa: F401  (the build writes through it)
    data = excel_plan()
    config = _site(example_site, {"plan-2022-2023.xlsx": data})
    out = config.parent / "output"
    result = pipeline.build(config, out, None, AS_OF, True, None, jobs=1, use_cache=False)
    assert not [d for d in result.diagnostics if d.severity != "info"], result.diagnostics
    folder = out / "clusters" / "edu" / "plan-2022-2023"
    assert (folder / "plan-2022-2023.xlsx").read_bytes() == data
    assert (folder / "plan.docx").is_file()
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="plan-2022-2023.xlsx" download>исходный файл (XLSX)</a>' in page
    assert 'href="plan.docx"' in page and 'href="plan.ics"' in page and 'href="plan.json"' in page


def test_a_title_typed_into_the_first_row_of_the_table(example_site):
    import io

    import docx
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    title = table.rows[0].cells[0].merge(table.rows[0].cells[2])
    title.text = "ПЛАН МЕРОПРИЯТИЙ кластера на 2022–2023 учебный год"
    for row, texts in zip(table.rows[1:], (("Мероприятие", "Дата проведения", "Ответственный"),
                                           ("Совет кластера", "05.10.", "Иванов"),
                                           ("Ярмарка", "по понедельникам", "Петров"))):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    plan, diags = _plan(_site(example_site, {"plan-2022-2023.docx": buffer.getvalue()}))
    assert not [d for d in diags if d.file.startswith(CLUSTER)], diags
    assert plan.title == "План мероприятий кластера на 2022–2023 учебный год"
    assert [(i.title_text, i.deadline.start.isoformat()) for i in plan.items] == [
        ("Совет кластера", "2022-10-05"), ("Ярмарка", "2022-09-05")]
    assert plan.items[0].place == "таблица 1, строка 3"
