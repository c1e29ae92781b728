"""The region's report of an academic year (region/<years>/): every catalogue indicator across
the clusters, a regional sum only of what adds up, a range and a weighted value of what does
not, last year beside this year, and the clusters without a report named."""

from __future__ import annotations

import re

import pytest

from conftest import copy_example, prepare
from clusterpages.content.facts import region
from clusterpages.site import pages
from clusterpages.site.views import region as region_view
from clusterpages.values import urls

PAGE = "region/2021-2022/index.html"
PEOPLE = "Обучающихся по программам кластера"
PERCENT = "Трудоустроено выпускников в течение года после выпуска"
SCORE = "Средний балл демонстрационного экзамена"


def _plain(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2060", "")
    return re.sub(r"\s+", " ", text)


def _number(text: str) -> float:
    return float(text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))


@pytest.fixture(scope="module")
def example(example_build):
    site = example_build.result.site
    return site, region.years(site)


def _indicator(view, name):
    return next(i for _, rows in view.groups for i in rows if i.name == name)


def test_the_example_has_one_regional_year_with_five_reports(example):
    site, years = example
    assert [y.year.first for y in years] == [2021]
    assert {r.cluster for r in years[0].reports} == {"agro", "it", "lesprom", "prom", "uslugi"}


def test_a_people_total_is_the_sum_of_the_clusters_values(example, example_build):
    site, (year,) = example
    line = next(x for x in year.lines if x.entry.name == PEOPLE)
    written = {r.cluster: next(i.value for i in r.indicators if i.name == PEOPLE) for r in year.reports}
    assert line.entry.additive and line.total == sum(written.values()) == 5610
    assert line.total_previous == sum(next(i.previous for i in r.indicators if i.name == PEOPLE) for r in year.reports)
    # the page says the same sum, and says it is a sum over the clusters that published
    text = _plain(example_build.page(PAGE))
    assert "Итого (сумма по 5 кластерам)" in text and "5 610 чел." in text


def test_a_percentage_is_never_summed(example, example_build):
    site, (year,) = example
    line = next(x for x in year.lines if x.entry.name == PERCENT)
    values = [v.value for v in line.values]
    assert not line.entry.additive and line.total is None
    assert (line.low, line.high) == (min(values), max(values)) == (66, 82)
    # weighted by the graduates: Σ % × graduates / Σ graduates, not the plain mean
    grads = {v.cluster: v.value for v in next(x for x in year.lines if x.entry.name == "Выпускников").values}
    expected = sum(v.value * grads[v.cluster] for v in line.values) / sum(grads.values())
    assert line.weighted.value == pytest.approx(expected) and round(expected, 1) != round(sum(values) / len(values), 1)
    view = region_view.view(year, site.clusters, (2021,), "dash")
    shown = _indicator(view, PERCENT)
    assert [r.label.split(" (")[0] for r in shown.results] == ["Разброс по кластерам", "Взвешенное значение"]
    assert shown.results[0].value == "от 66 до 82\u00a0%"
    assert "Выпускников" in shown.results[1].label and shown.results[1].value == "75,9\u00a0%"
    html = example_build.page(PAGE)
    section = _plain(html[html.index(f'id="{shown.anchor}"'):])
    section = section[:section.index("Выпускников, трудоустроенных у партнёров")]
    assert "сумм" not in section.replace("не суммируются", "").replace("вместо суммы", "")
    assert f"{sum(values)} %" not in section and "от 66 до 82 %" in section and "75,9 %" in section


def test_a_score_without_a_base_gets_a_range_only(example):
    site, (year,) = example
    view = region_view.view(year, site.clusters, (2021,), "dash")
    shown = _indicator(view, SCORE)
    assert [r.label for r in shown.results] == ["Разброс по кластерам (от наименьшего до наибольшего)"]
    assert shown.results[0].value == "от 3,8 до 4,4\u00a0балла"


def test_clusters_without_a_report_are_named(example, example_build):
    site, (year,) = example
    assert {c.slug for c in year.missing} == {"edu", "med", "stroy", "transport"}
    text = _plain(example_build.page(PAGE))
    missing = text[text.index("Не опубликовали отчёт"):][:300]
    for name in ("Здравоохранение", "Образование", "Транспорт", "Строительный (кластер не сформирован)"):
        assert name in missing, name
    for version in ("region/2021-2022/print/index.html", "region/2021-2022/slides/index.html"):
        assert "Здравоохранение" in _plain(example_build.page(version)), version


def test_last_year_stands_beside_this_year(example_build):
    html = example_build.page(PAGE)
    assert "2021–2022 в сравнении с 2020–2021" in _plain(html)
    text = _plain(html)
    assert "5 475 чел." in text   # last year's total of the students, from the reports' previous values


def test_one_scale_per_indicator_with_the_cluster_reports_chart(example, example_build):
    site, (year,) = example
    view = region_view.view(year, site.clusters, (2021,), "dash")
    chart = _indicator(view, PEOPLE).chart
    assert len(chart.scales) == 1 and chart.scales[0].maximum == "2\u202f000\u00a0чел."
    assert [r.figure.name for r in chart.scales[0].rows] == [
        "Агропромышленный", "Информационные технологии", "Лесопромышленный", "Промышленный", "Сфера услуг"]
    html = example_build.page(PAGE)
    assert html.count('class="chart"') == len(view.charts) and 'class="chart__key chart__key--target"' not in html


def test_the_report_is_linked_from_the_index_footer_and_archive(example_build):
    assert 'href="region/2021-2022/index.html"' in example_build.page("index.html")
    assert 'href="../region/2021-2022/index.html"' in example_build.page("arkhiv/index.html")
    assert 'href="../../../region/2021-2022/index.html"' in example_build.page("clusters/it/plan-2022-2023/index.html")
    html = example_build.page(PAGE)
    for target in ("../pokazateli.xlsx", "../pokazateli.csv", "print/index.html", "slides/index.html"):
        assert f'href="{target}"' in html, target


def test_a_new_years_report_needs_no_code(tmp_path):
    config = copy_example(tmp_path / "site")
    folder = tmp_path / "site/content/clusters/it"
    old = (folder / "report-2021-2022.md").read_text(encoding="utf-8")
    new = re.sub(r"(?m)^    previous: .*\n", "", old.replace("academic_year: 2021-2022", "academic_year: 2022-2023")
                 .replace("value: 1250", "value: 1300"))
    (folder / "report-2022-2023.md").write_text(new, encoding="utf-8")
    site, diags = prepare(config)
    years = region.years(site)
    assert [y.year.first for y in years] == [2022, 2021]
    assert len(years[0].missing) == 8
    # without `previous`, last year's value is the one in last year's report
    assert years[0].value("it", PEOPLE).previous == 1250 and years[0].value("it", PEOPLE).value == 1300
    paths = {s.path for s in pages.specs(site)}
    assert {urls.region_report(2022), urls.region_print(2022), urls.region_slides(2022)} <= paths


def test_no_catalogue_no_regional_report(tmp_path):
    config = copy_example(tmp_path / "site")
    (tmp_path / "site/content/indicators.yaml").unlink()
    site, diags = prepare(config)
    assert region.years(site) == () and not [d for d in diags if d.code.startswith("report.indicator")]
    assert not any(s.path.startswith(urls.REGION) for s in pages.specs(site))
