"""One truth to a plan row: every page and file says the same state for the same row, in the
department's words (issue: a row past its deadline was «в работе» on its plan and «просрочено»
on the protocol page)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clusterpages import pipeline
from clusterpages.values import status as st
from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines import parse_deadline
from conftest import REPO

YEAR = AcademicYear(2022)
AS_OF = dt.date(2023, 2, 15)


def term(text: str):
    return parse_deadline(text, YEAR)


# --- the rule itself ----------------------------------------------------------------------------

def test_in_work_past_its_term_is_overdue_and_says_both():
    state, late = st.judge("in_progress", term("25.12.2022"), AS_OF)
    assert (state, late) == ("overdue", 52)
    assert st.words(state, "in_progress", late) == "Просрочено на 52\u00a0дня · в работе"


@pytest.mark.parametrize("written", ["partial", "not_done", "postponed", None])
def test_every_unfinished_status_past_its_term_is_overdue(written):
    assert st.judge(written, term("до 15.12.2022"), AS_OF)[0] == "overdue"


def test_before_its_term_the_written_status_stands():
    assert st.judge("in_progress", term("апрель 2023"), AS_OF) == ("in_progress", 0)
    assert st.judge(None, term("апрель 2023"), AS_OF) == ("upcoming", 0)


def test_cancelled_and_finished_rows_are_never_overdue():
    assert st.judge("cancelled", term("23.12.2022"), AS_OF) == ("cancelled", 0)
    assert st.judge("done", term("23.12.2022"), AS_OF) == ("done", 0)
    assert st.judge(None, term("23.12.2022"), AS_OF, published=True) == ("published", 0)


def test_done_late_counts_its_days():
    state, late = st.judge("done", term("25.12.2022"), AS_OF, dt.date(2022, 12, 28))
    assert (state, late) == ("done", 3)
    assert st.words(state, "done", late) == "Выполнено с опозданием на 3\u00a0дня"


def test_a_postponed_row_is_judged_by_its_new_term():
    reading = st.read("перенесено на апрель 2023", "", term("февраль 2023"), AS_OF, published=False,
                      file="plan.md", line=3, year=YEAR)
    assert reading.state == "postponed" and reading.term.end == dt.date(2023, 4, 30)
    late = st.read("перенесено на январь 2023", "", term("декабрь 2022"), AS_OF, published=False,
                   file="plan.md", line=3, year=YEAR)
    assert late.state == "overdue" and late.late_days == (AS_OF - dt.date(2023, 1, 31)).days
    assert late.written == "postponed"


@pytest.mark.parametrize("n,word", [(1, "день"), (2, "дня"), (5, "дней"), (11, "дней"), (21, "день"), (52, "дня"),
                                    (112, "дней")])
def test_days_in_russian(n, word):
    assert st.days(n) == f"{n}\u00a0{word}"


# --- the example built at several dates: every page and file agrees -----------------------------

DATES = (dt.date(2022, 12, 10), dt.date(2023, 2, 15), dt.date(2023, 7, 1))


@pytest.fixture(scope="module")
def builds(tmp_path_factory, example_build) -> dict[dt.date, Path]:
    """The example's output at each date (its own date: the run's shared build)."""
    from conftest import EXAMPLE_AS_OF
    root = tmp_path_factory.mktemp("truth")
    shutil.copy2(REPO / "site_config.yaml", root / "site_config.yaml")
    shutil.copytree(REPO / "content", root / "content")
    out = {EXAMPLE_AS_OF: example_build.out}
    for day in DATES:
        if day in out:
            continue
        target = root / f"out-{day:%Y%m%d}"
        result = pipeline.build(root / "site_config.yaml", target, day, day, False, jobs=1, use_cache=False)
        assert result.site is not None, [d.message for d in result.diagnostics if d.severity == "error"][:5]
        out[day] = target
    return out


def _plan_json(out: Path):
    for path in sorted(out.glob("clusters/*/*/plan.json")) + sorted(out.glob("clusters/*/*/media-plan.json")):
        yield path, json.loads(path.read_text(encoding="utf-8"))


def _row_status(html: str, uid: str) -> str:
    m = re.search(rf'<tr id="item-{uid}" class="row row--(\w+)" data-status="(\w+)"', html)
    assert m, f"row {uid} is not on its page"
    assert m.group(1) == m.group(2)
    return m.group(2)


@pytest.mark.parametrize("day", DATES)
def test_every_row_has_one_state_on_every_page_and_file(builds, day):
    out = builds[day]
    seen = 0
    for path, data in _plan_json(out):
        page = (path.parent / "index.html").read_text(encoding="utf-8")
        cluster = path.parent.parent.name
        home = (out / "clusters" / cluster / "index.html").read_text(encoding="utf-8")
        index = (out / "index.html").read_text(encoding="utf-8")
        for item in data["items"]:
            seen += 1
            assert _row_status(page, item["uid"]) == item["state"], (path, item["title"])
            end = item["deadline"]["end"]
            if end and dt.date.fromisoformat(end) < day and item["state"] not in ("done", "published", "cancelled") \
                    and item["status"] != "postponed":
                # past its deadline and unfinished: overdue wherever it is shown
                assert item["state"] == "overdue", (path, item["title"], item["status"])
            if item["state"] == "overdue":
                assert "Просрочено" in item["state_label"] and item["days_late"] > 0
                anchor = f'#item-{item["uid"]}"'
                assert anchor in home, f"{item['title']} is overdue but not linked from its cluster home"
                assert anchor in index, f"{item['title']} is overdue but not on the regional index"
    assert seen > 100


@pytest.mark.parametrize("day", DATES)
def test_the_protocol_table_agrees_with_the_rows_it_cites(builds, day):
    out = builds[day]
    states = {}
    for path, data in _plan_json(out):
        for item in data["items"]:
            states[(path.parent.parent.name, item["uid"])] = item
    matrix = json.loads((out / "protocols/protocol-4-2022-12-06/matrix.json").read_text(encoding="utf-8"))
    for cluster in matrix["clusters"]:
        for cell in cluster["cells"]:
            rows = [s for s in cell["sources"] if s["kind"] == "plan"]
            uids = [re.search(r"#item-([\w-]+)", s["link"]).group(1) for s in rows]
            items = [states[(cluster["cluster"], uid)] for uid in uids]
            for item, source in zip(items, rows):
                # the table says of a row what its plan page says
                assert item["state_label"].lower() in source["said"].replace("\u00a0", " "), (source, item)
            if items and all(i["state"] == "cancelled" for i in items) and not any(s["done"] for s in cell["sources"]):
                assert cell["state"] == "cancelled"
                assert cell["label"] == "Не выполнено — отменено в плане кластера"


def test_a_decision_whose_rows_are_cancelled_is_not_overdue(builds):
    matrix = json.loads((builds[AS_OF] / "protocols/protocol-4-2022-12-06/matrix.json").read_text(encoding="utf-8"))
    med = next(c for c in matrix["clusters"] if c["cluster"] == "med")
    new_year = med["cells"][2]
    assert new_year["state"] == "cancelled" and "отменено" in new_year["reason"]
    report = med["cells"][0]
    assert report["state"] == "overdue"
    assert "отчёт за 2021–2022 учебный год не опубликован на сайте кластера" in report["reason"]
    assert "п.\u00a02: просрочено на 52\u00a0дня · в работе" in report["reason"]
    page = (builds[AS_OF] / "clusters/med/plan-2022-2023/index.html").read_text(encoding="utf-8")
    assert "Просрочено на 52 дня · в работе" in page.replace("\u00a0", " ")


# --- the department's words ---------------------------------------------------------------------

TECHNICAL = re.compile(
    r"content/|\.md\b|\.ya?ml\b|\.docx\b|\.xlsx?\b(?!\W*(?:</a>|»))|строка \d|строке \d|(?<![\w&])#[а-яёa-z-]+\b|\bметк[аиу]\b|"
    r"\bфайл\b|evidence|academic_year|\bupdated\b|\btag\b", re.I)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html.replace("&nbsp;", " "))


def _values(data) -> list[str]:
    """Every text a JSON file gives a reader (its keys are a format's names, not text)."""
    if isinstance(data, dict):
        return [v for x in data.values() for v in _values(x)]
    if isinstance(data, list):
        return [v for x in data for v in _values(x)]
    return [data] if isinstance(data, str) and not data.startswith(("clusters/", "http")) else []


def _department_files(out: Path):
    yield out / "index.html", _visible_text((out / "index.html").read_text(encoding="utf-8"))
    for folder in sorted((out / "protocols").iterdir()):
        if folder.is_dir():
            page = folder / "index.html"
            yield page, _visible_text(page.read_text(encoding="utf-8"))
            yield folder / "matrix.csv", (folder / "matrix.csv").read_text(encoding="utf-8-sig")
            data = json.loads((folder / "matrix.json").read_text(encoding="utf-8"))
            yield folder / "matrix.json", " ".join(_values(data))
            from openpyxl import load_workbook
            wb = load_workbook(folder / "matrix.xlsx")
            yield folder / "matrix.xlsx", " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row
                                                   if c.value is not None)


@pytest.mark.parametrize("day", DATES)
def test_no_file_name_path_line_or_tag_reaches_the_department(builds, day):
    for path, text in _department_files(builds[day]):
        found = [m.group(0) for m in TECHNICAL.finditer(text)]
        # the links to the spreadsheets themselves name their formats
        found = [f for f in found if f.upper() not in ("XLSX", "CSV", "JSON")]
        assert not found, f"{path.relative_to(builds[day])}: {found[:5]}"


def test_matrix_csv_says_each_cell_as_a_sentence(builds):
    rows = list(csv.reader(io.StringIO((builds[AS_OF] / "protocols/protocol-4-2022-12-06/matrix.csv")
                                       .read_text(encoding="utf-8-sig")), delimiter=";"))
    med = next(r for r in rows if r[0] == "Здравоохранение")
    assert med[1].startswith("Просрочено. Срок 25.12.2022 истёк, прошло 52\u00a0дня; отчёт за 2021–2022 учебный год "
                             "не опубликован на сайте кластера")
    assert med[3].startswith("Не выполнено — отменено в плане кластера. В плане кластера отменено")


# --- matrix.xlsx ---------------------------------------------------------------------------------

def test_matrix_xlsx_has_states_with_fills_and_reasons(builds):
    from openpyxl import load_workbook
    path = builds[AS_OF] / "protocols/protocol-4-2022-12-06/matrix.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames == ["Исполнение", "Пояснения"]
    states, reasons = wb["Исполнение"], wb["Пояснения"]
    assert states.freeze_panes == "B2" and reasons.freeze_panes == "A2"
    assert states.column_dimensions["A"].width >= 20 and reasons.column_dimensions["E"].width >= 60
    header = [c.value for c in states[1]]
    assert header[0] == "Кластер" and header[1].startswith("1. ") and len(header) == 8
    med = next(r for r in states.iter_rows(min_row=2) if r[0].value == "Здравоохранение")
    assert med[1].value == "Просрочено" and med[3].value == "Не выполнено — отменено в плане кластера"
    done = next(c for r in states.iter_rows(min_row=2) for c in r[1:] if c.value == "Выполнено")
    assert med[1].fill.fgColor.rgb != done.fill.fgColor.rgb   # a fill per state
    assert states["A1"].fill.fgColor.rgb.endswith("0B4F8A")     # the brand's primary colour
    why = [r for r in reasons.iter_rows(min_row=2, values_only=True) if r[0] == "Здравоохранение"]
    assert len(why) == 7 and why[0][3] == "Просрочено" and "не опубликован" in why[0][4]
    # the same bytes from the same cells
    assert path.read_bytes() == (builds[AS_OF] / "protocols/protocol-4-2022-12-06/matrix.xlsx").read_bytes()


def test_matrix_xlsx_opens_in_libreoffice(builds, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (bash scripts/test.sh installs it)")
    src = tmp_path / "matrix.xlsx"
    shutil.copy2(builds[AS_OF] / "protocols/protocol-4-2022-12-06/matrix.xlsx", src)
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                           "pdf", "--outdir", str(tmp_path), str(src)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "matrix.pdf"
    assert pdf.is_file(), proc.stdout + proc.stderr
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Здравоохранение" in text and "Просрочено" in text and "не опубликован" in text


# --- the protocol page reads like the protocol ---------------------------------------------------

def test_protocol_page_opens_with_the_table_then_the_document_then_the_notes(builds):
    html = (builds[AS_OF] / "protocols/protocol-4-2022-12-06/index.html").read_text(encoding="utf-8")
    main = html[html.index('<main'):]
    order = ['<table class="matrix', "УТВЕРЖДАЮ", "Протокол №&nbsp;4", "Председательствующий", "Присутствовали",
             "Обсуждаемые вопросы", ">Решили<", 'id="decision-1"', 'id="decision-7"', 'id="notes-h"']
    positions = [main.find(s) for s in order]
    assert -1 not in positions, [s for s, p in zip(order, positions) if p == -1]
    assert positions == sorted(positions), order
    # every decision's text with its term and those responsible, under «Решили»
    decided = main[main.index(">Решили<"):main.index('id="notes-h"')]
    assert decided.count("Ответственные:") == 7 and decided.count("Срок:") == 7
    # every cell links to its note; every note exists once
    links = re.findall(r'<a class="cell__open" href="#(why-[\w-]+)" data-note="\1">', main)
    assert len(links) == 8 * 7
    for anchor in links:
        assert main.count(f'id="{anchor}"') == 1
    assert "по нажатию на ячейку" not in main
