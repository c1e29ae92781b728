"""A site that lives for years (issue 28): each cluster home shows the documents of the academic
year the as-of date falls in and links the earlier ones; next year's plan published ahead is
next year's; archives by year, per cluster and for the region; titles, breadcrumbs and search
results say a document's year; next year's plans change nothing of this year's protocol table."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from clusterpages import pipeline
from clusterpages.content.facts import years
from clusterpages.content.facts.tally import tally
from clusterpages.values.academic import AcademicYear, says_year, with_year
from conftest import copy_example

OCTOBER = dt.date(2023, 10, 15)
NEW = ("it", "agro")     # the example's clusters with a 2023–2024 plan


def _build(config: Path, as_of: dt.date, out: Path) -> Path:
    result = pipeline.build(config, out, as_of, as_of, True, None, jobs=1, use_cache=False)
    loud = [d.message for d in result.diagnostics if d.severity != "info"]
    assert result.written and not loud, loud[:5]
    return out


@pytest.fixture(scope="module")
def october(tmp_path_factory) -> Path:
    """The example built with its as-of date in the 2023–2024 academic year."""
    root = tmp_path_factory.mktemp("october")
    config = copy_example(root / "site")
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^as_of: .*$", f"as_of: {OCTOBER.isoformat()}", text), encoding="utf-8")
    return _build(config, OCTOBER, root / "out")


def _plain(html: str) -> str:
    """The page's text as compared here: no-break spaces as spaces, no word joiners."""
    return html.replace("\u00a0", " ").replace("\u2060", "")


def _docs_panel(html: str) -> str:
    start = html.index('id="docs-h"')
    return _plain(html[start:html.index("</section>", start)])


def _first_document(html: str) -> str:
    return re.search(r'<ul class="doc-links"[^>]*>\s*<li><a href="([^"]+)"', _docs_panel(html)).group(1)


# --- the rule ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("day,first", [(dt.date(2023, 2, 15), 2022), (dt.date(2023, 8, 31), 2022),
                                       (dt.date(2023, 9, 1), 2023), (OCTOBER, 2023), (dt.date(2024, 6, 30), 2023)])
def test_the_as_of_date_falls_in_one_academic_year(day, first):
    assert AcademicYear.of(day).first == first


@pytest.mark.parametrize("title,says", [("План работы на 2023–2024 учебный год", True), ("План на 2023/24 уч. год", True),
                                        ("План на 2023-2024", True), ("План работы кластера", False),
                                        ("План на 2022–2023 учебный год", False)])
def test_a_title_says_its_year_or_gets_it(title, says):
    year = AcademicYear(2023)
    assert says_year(title, year) is says
    named = with_year(title, year)
    assert named == title if says else named.endswith("на 2023–2024 учебный год")


# --- the cluster home -------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", NEW)
def test_in_october_the_home_shows_the_new_year_first_and_links_the_older(october, slug):
    html = (october / f"clusters/{slug}/index.html").read_text(encoding="utf-8")
    panel = _docs_panel(html)
    assert _first_document(html) == "plan-2023-2024/index.html"
    assert re.search(r'<h3[^>]*>2023–2024 учебный год</h3>', panel)
    now = panel[:panel.index("</ul>")]
    assert '"plan-2022-2023/' not in now
    # the older year is linked, to its place in the archive
    assert 'href="arkhiv/index.html#year-2022"' in panel
    assert 'href="arkhiv/index.html"' in panel


@pytest.mark.parametrize("slug", NEW)
def test_in_february_next_years_plan_is_next_years(example_build, slug):
    html = example_build.page(f"clusters/{slug}/index.html")
    panel = _docs_panel(html)
    assert _first_document(html) == "plan-2022-2023/index.html"
    ahead = panel[panel.index("Следующий, 2023–2024 учебный год"):]
    assert 'href="plan-2023-2024/index.html"' in ahead[:ahead.index("</ul>")]


def test_a_cluster_without_this_years_plan_keeps_its_last_and_says_so(october):
    html = (october / "clusters/med/index.html").read_text(encoding="utf-8")
    panel = _docs_panel(html)
    assert _first_document(html) == "plan-2022-2023/index.html"
    assert "Действуют документы прошлого учебного года: ещё не опубликованы план работы на 2023–2024" in panel
    assert panel.count("план работы на 2023–2024 учебный год") == 1, "said once"


def test_the_homes_counts_are_the_current_years(october):
    site, _ = pipeline.prepare(october.parent / "site" / "site_config.yaml", OCTOBER, OCTOBER)
    it = tally(site, "it")
    new_plan = next(d for d in site.plans if d.cluster == "it" and d.slug == "plan-2023-2024")
    assert it.get("plan.total") == len(new_plan.items)
    html = (october / "clusters/it/index.html").read_text(encoding="utf-8")
    assert f'data-count="plan.total" data-scope="it">{len(new_plan.items)}<' in html
    assert ("it", "plan-2023-2024") in years.current_plans(site) and ("it", "plan-2022-2023") not in years.current_plans(site)


def test_carried_rows_move_only_once_next_years_plan_speaks(example_build, october):
    feb = json.loads(example_build.page("clusters/it/plan-2022-2023/plan.json"))
    octo = json.loads((october / "clusters/it/plan-2022-2023/plan.json").read_text(encoding="utf-8"))
    row = lambda data: next(i for i in data["items"] if i["title"].startswith("Мониторинг трудоустройства"))  # noqa: E731
    assert "перенесено" not in row(feb)["state_label"].lower()
    assert row(octo)["status"] == "postponed" and "2023–2024" in row(octo)["status_note"]


# --- archives ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", NEW)
def test_the_cluster_archive_lists_both_years(october, slug):
    html = _plain((october / f"clusters/{slug}/arkhiv/index.html").read_text(encoding="utf-8"))
    y23, y22 = html.index('id="year-2023"'), html.index('id="year-2022"')
    assert y23 < y22, "newest year first"
    assert 'href="../plan-2023-2024/index.html"' in html[y23:y22]
    assert 'href="../plan-2022-2023/index.html"' in html[y22:]
    assert "(текущий)" in html[y23:y22]


def test_the_regional_archive_lists_every_year_and_every_cluster(october):
    html = _plain((october / "arkhiv/index.html").read_text(encoding="utf-8"))
    for first in (2023, 2022, 2021):
        assert f'id="year-{first}"' in html
    y23, y22 = html.index('id="year-2023"'), html.index('id="year-2022"')
    newest = html[y23:y22]
    for slug in NEW:
        assert f'href="../clusters/{slug}/plan-2023-2024/index.html"' in newest
    # clusters without a document of the year are named, never left out silently
    assert "Нет документов за этот учебный год" in newest and "Здравоохранение" in newest
    assert 'href="../clusters/med/plan-2022-2023/index.html"' in html[y22:]
    index = (october / "index.html").read_text(encoding="utf-8")
    assert 'href="arkhiv/index.html"' in index


# --- titles, breadcrumbs, search ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def untitled(tmp_path_factory) -> Path:
    """The example's IT cluster with its plan titled without its year, as a methodist may write it."""
    root = tmp_path_factory.mktemp("untitled")
    config = copy_example(root / "site", clusters=("it",))
    plan = root / "site/content/clusters/it/plan-2022-2023.md"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("title: План работы кластера информационных технологий на 2022–2023 учебный год",
                                 "title: План работы кластера информационных технологий", 1), encoding="utf-8")
    return _build(config, dt.date(2023, 2, 15), root / "out")


def test_titles_and_breadcrumbs_say_the_year(untitled):
    html = _plain((untitled / "clusters/it/plan-2022-2023/index.html").read_text(encoding="utf-8"))
    named = "План работы кластера информационных технологий на 2022–2023 учебный год"
    assert re.search(r"<title>План работы кластера информационных технологий на 2022–2023 учебный год — ", html)
    h1 = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert h1 == named
    crumbs = re.search(r'<nav class="crumbs.*?</nav>', html, re.S).group(0)
    assert '<a href="../arkhiv/index.html#year-2022">2022–2023 учебный год</a>' in crumbs
    home = _plain((untitled / "clusters/it/index.html").read_text(encoding="utf-8"))
    assert named in home


def test_report_pages_say_their_year_in_title_and_breadcrumbs(example_build):
    html = _plain(example_build.page("clusters/it/report-2021-2022/print/index.html"))
    crumbs = re.search(r'<nav class="crumbs.*?</nav>', html, re.S).group(0)
    assert '<a href="../../arkhiv/index.html#year-2021">2021–2022 учебный год</a>' in crumbs
    assert re.search(r"<title>Отчёт о деятельности кластера информационных технологий за 2021–2022 учебный год — ", html)


def _search_docs(out: Path, part: str) -> list[list]:
    docs = []
    for path in sorted((out / part).glob("d-*.js")):
        text = path.read_text(encoding="utf-8")
        docs += json.loads(text[text.index(".push(") + 6:text.rindex(")")])[3]
    return docs


def test_search_results_say_the_year(untitled):
    docs = _search_docs(untitled, "clusters/it/search")
    named = "План работы кластера информационных технологий на 2022–2023 учебный год"
    plan = [d for d in docs if d[2] == "clusters/it/plan-2022-2023/index.html"]
    assert plan and plan[0][0] == named
    rows = [d for d in docs if d[2].startswith("clusters/it/plan-2022-2023/index.html#")]
    assert rows and all(d[3].startswith(named) for d in rows)


# --- next year's plans change nothing of this year's protocol table -----------------------------------

def test_next_years_plans_leave_the_february_table_as_it_was(example_build, tmp_path):
    config = copy_example(tmp_path / "site")
    for path in (tmp_path / "site/content/clusters").glob("*/*-2023-2024.md"):
        path.unlink()
    out = _build(config, dt.date(2023, 2, 15), tmp_path / "out")
    for rel in ("protocols/protocol-4-2022-12-06/matrix.json", "protocols/protocol-4-2022-12-06/matrix.csv",
                "clusters/it/plan-2022-2023/plan.json", "clusters/agro/plan-2022-2023/plan.json"):
        assert (out / rel).read_bytes() == example_build.read(rel), rel
    counts = re.compile(r'data-count="[\w.]+" data-scope="(?:it|agro|)">\d+<')
    for rel in ("index.html", "clusters/it/index.html", "clusters/agro/index.html"):
        assert counts.findall((out / rel).read_text(encoding="utf-8")) == counts.findall(example_build.page(rel)), rel
    shutil.rmtree(out)


# --- a new year's report is content only --------------------------------------------------------------

def test_a_new_report_needs_no_code_and_becomes_the_latest(tmp_path):
    config = copy_example(tmp_path / "site", clusters=("it",))
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^as_of: .*$", f"as_of: {OCTOBER.isoformat()}", text), encoding="utf-8")
    folder = tmp_path / "site/content/clusters/it"
    old = (folder / "report-2021-2022.md").read_text(encoding="utf-8")
    new = old.replace("за 2021–2022 учебный год", "за 2022–2023 учебный год", 1).replace(
        "academic_year: 2021-2022", "academic_year: 2022-2023", 1).replace("published: 2022-12-20", "published: 2023-09-25", 1)
    (folder / "report-2022-2023.md").write_text(new, encoding="utf-8")
    out = _build(config, OCTOBER, tmp_path / "out")
    panel = _docs_panel((out / "clusters/it/index.html").read_text(encoding="utf-8"))
    now = panel[:panel.index("</ul>")]
    assert 'href="report-2022-2023/index.html"' in now and '"report-2021-2022/' not in now, "the latest report only"
    archive = _plain((out / "clusters/it/arkhiv/index.html").read_text(encoding="utf-8"))
    y22, y21 = archive.index('id="year-2022"'), archive.index('id="year-2021"')
    assert 'href="../report-2022-2023/index.html"' in archive[y22:y21]
    assert 'href="../report-2021-2022/index.html"' in archive[y21:]
