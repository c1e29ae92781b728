"""The region's report of an academic year as its templates show it: every catalogue indicator
across the clusters, drawn by the cluster report's chart rules (site/charts.py), with the
regional result said in words — a sum only of what adds up, a range and a weighted value of
what does not — and the clusters without a report named (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.content.facts.region import Line, RegionYear
from clusterpages.model import Cluster, Indicator
from clusterpages.site import charts
from clusterpages.site.views.links import Link, ReportVersions
from clusterpages.values import urls
from clusterpages.values.academic import AcademicYear
from clusterpages.values.text import plural, ru_number

WEIGHT_PLACES = 1   # a weighted value is shown to one decimal place: «75,8 %»


@dataclass(frozen=True)
class ClusterFigure:
    """One cluster's value of an indicator: the cluster linking to its report, the values in words."""

    cluster: Link
    value: str
    previous: str      # "" when unknown
    delta: str         # "" when last year's value is unknown


@dataclass(frozen=True)
class Result:
    """The regional result of an indicator, saying which it is: «сумма по 5 кластерам»."""

    label: str         # «Итого (сумма по 5 кластерам)», «Разброс по кластерам», «Взвешенное значение …»
    value: str         # «4 560 чел.», «от 66 до 82 %»; "" when nothing is known
    previous: str      # last year's, the same way; "" when unknown
    delta: str


@dataclass(frozen=True)
class RegionIndicator:
    anchor: str
    name: str
    unit: str
    how: str                        # what the regional result is and is not, in a sentence
    results: tuple[Result, ...]     # a sum, or a range and maybe a weighted value
    chart: charts.Chart | None      # the clusters on one scale (None when no cluster gave the value)
    rows: tuple[ClusterFigure, ...]
    without: tuple[str, ...]        # clusters that published a report but not this indicator


@dataclass(frozen=True)
class RegionReport:
    title: str
    year: str                       # «2021–2022»
    previous_year: str              # «2020–2021»
    published: tuple[Link, ...]     # each cluster's report of the year
    published_lead: str             # «Отчёты за 2021–2022 учебный год опубликовали 5 кластеров»
    missing: tuple[str, ...]        # the clusters without a report: «Здравоохранения», «Строительный (кластер не сформирован)»
    groups: tuple[tuple[str, tuple[RegionIndicator, ...]], ...]
    figures: tuple[charts.Figure, ...]   # the regional results as figure cards (slides)
    versions: ReportVersions
    files: tuple[Link, ...]         # the indicators as XLSX and CSV
    other_years: tuple[Link, ...]   # the region's reports of the other years

    @property
    def charts(self) -> tuple[charts.Chart, ...]:
        return tuple(i.chart for _, rows in self.groups for i in rows if i.chart is not None)


def title(year_label: str) -> str:
    return f"Отчёт о деятельности образовательно-отраслевых кластеров за {year_label} учебный год"


def _clusters(n: int) -> str:
    return f"{n}\u00a0{plural(n, 'кластеру', 'кластерам', 'кластерам')}"


def _range(values: list[float], unit: str) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    if low == high:
        return charts.with_unit(low, unit)
    return f"от {ru_number(low)} до {charts.with_unit(high, unit)}"


def _results(line: Line, base_name: str) -> tuple[str, tuple[Result, ...]]:
    unit, n = line.entry.unit, len(line.values)
    if line.entry.additive:
        how = (f"Показатель складывается: итог по региону — сумма по {_clusters(n)}, опубликовавшим отчёт; "
               "кластеры без отчёта в неё не входят.")
        return how, (Result(f"Итого (сумма по {_clusters(n)})", charts.with_unit(line.total, unit),
                            charts.with_unit(line.total_previous, unit),
                            charts.delta(line.total, line.total_previous, unit) if line.total is not None else ""),)
    how = "Показатель не складывается: вместо суммы — разброс значений по кластерам"
    previous = [v.previous for v in line.values if v.previous is not None]
    out = [Result("Разброс по кластерам (от наименьшего до наибольшего)", _range([v.value for v in line.values], unit),
                  _range(previous, unit), "")]
    w = line.weighted
    if w is not None:
        how += f" и значение, взвешенное по показателю «{base_name}»"
        value = round(w.value, WEIGHT_PLACES) if w.value is not None else None
        before = round(w.previous, WEIGHT_PLACES) if w.previous is not None else None
        out.append(Result(f"Взвешенное значение (по показателю «{base_name}», {_clusters(w.clusters)})",
                          charts.with_unit(value, unit), charts.with_unit(before, unit),
                          charts.delta(value, before, unit) if value is not None else ""))
    return how + ".", tuple(out)


def _indicator(n: int, line: Line, names: dict[str, Cluster], reports: dict[str, str], year: str,
               previous_year: str, published: tuple[str, ...]) -> RegionIndicator:
    e = line.entry
    how, results = _results(line, e.base or "")
    rows = tuple(ClusterFigure(Link(names[v.cluster].short_name, reports[v.cluster]), charts.with_unit(v.value, e.unit),
                               charts.with_unit(v.previous, e.unit), charts.delta(v.value, v.previous, e.unit))
                 for v in line.values)
    chart = None
    if line.values:
        bars = [Indicator(names[v.cluster].short_name, v.value, v.previous, e.unit, None, e.group) for v in line.values]
        chart = charts.Chart(f"chart-{n}", e.name, year, previous_year, (charts.scale(e.unit, bars),))
    have = {v.cluster for v in line.values}
    return RegionIndicator(f"ind-{n}", e.name, e.unit, how, results, chart, rows,
                           tuple(names[c].short_name for c in published if c not in have))


def _figure(i: RegionIndicator) -> charts.Figure:
    r = i.results[-1]   # the sum, or the weighted value when there is one, else the range
    trend = ""
    if r.delta and r.delta != "без изменений":
        trend = "down" if r.delta.startswith(charts.MINUS) else "up"
    elif r.delta:
        trend = "same"
    words = r.label[0].lower() + r.label[1:]
    return charts.Figure(f"{i.name} — {words}", i.unit, r.value, r.previous, "", r.delta, trend, None)


def missing_words(cl: Cluster) -> str:
    return cl.short_name if cl.established else f"{cl.short_name} (кластер не сформирован)"


def view(ry: RegionYear, clusters: tuple[Cluster, ...], all_years: tuple[int, ...], style: str) -> RegionReport:
    """The page's view of one academic year (`all_years`: the first years of every regional report)."""
    year, previous_year = ry.year.label(style), ry.year.previous.label(style)
    names = {c.slug: c for c in clusters}
    reports = {r.cluster: urls.document(r.cluster, r.slug) for r in ry.reports}
    published = tuple(r.cluster for r in ry.reports)
    groups: dict[str, list[RegionIndicator]] = {}
    for n, line in enumerate(ry.lines, 1):
        groups.setdefault(line.entry.group, []).append(
            _indicator(n, line, names, reports, year, previous_year, published))
    every = [i for rows in groups.values() for i in rows]
    first = ry.year.first
    return RegionReport(
        title(year), year, previous_year,
        tuple(Link(names[c].short_name, reports[c]) for c in published),
        f"Отчёты за {year} учебный год опубликовали {len(published)}\u00a0"
        f"{plural(len(published), 'кластер', 'кластера', 'кластеров')}",
        tuple(missing_words(c) for c in ry.missing),
        tuple((g, tuple(rows)) for g, rows in groups.items()),
        tuple(_figure(i) for i in every if i.results[-1].value),
        ReportVersions(urls.region_report(first), urls.region_print(first), urls.region_slides(first)),
        (Link("Показатели кластеров в Excel (XLSX)", urls.REGION_XLSX, "лист на каждый учебный год"),
         Link("Те же показатели в CSV", urls.REGION_CSV, "UTF-8, разделитель «;»")),
        tuple(Link(AcademicYear(y, ry.year.start, ry.year.end).label(style), urls.region_report(y))
              for y in all_years if y != first))
