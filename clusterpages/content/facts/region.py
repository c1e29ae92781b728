"""The region's indicators: the clusters' reports matched against the catalogue
(content/indicators.yaml), and for each academic year every catalogue indicator across the
clusters (pure).

A regional total is made only of what adds up (people, units). An indicator that does not add
up (a percentage, a ratio) is never summed nor averaged plainly: it gets the range across the
clusters and, where the catalogue names its base, the value weighted by that base. A report's
indicator the catalogue does not know, or knows in another unit, is a warning and stays out of
the regional figures. Last year's value of a cluster is the one its report gives as `previous`,
else the value in its report of last year.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.content.documents.indicators import closest, key, unit_key
from clusterpages.model import Catalogue, CatalogueEntry, Cluster, Indicator, Report, Site
from clusterpages.values import diagnostics as dg
from clusterpages.values.academic import AcademicYear


def check(site: Site) -> list[dg.Diagnostic]:
    """A warning, with the file and line, for every report indicator the catalogue does not know
    or knows in another unit."""
    if site.catalogue is None:
        return []
    entries = {key(e.name): e for e in site.catalogue.entries}
    names = [e.name for e in site.catalogue.entries]
    diags = []
    for r in site.reports:
        for i in r.indicators:
            e = entries.get(key(i.name))
            if e is None:
                close = closest(i.name, names)
                diags.append(dg.warning(
                    "report.indicator-unknown", r.file, i.line,
                    f"Показателя «{i.name}» нет в каталоге показателей региона ({site.catalogue.file}): в сводный "
                    "отчёт региона он не попадёт.",
                    (f"Возможно, вы имели в виду «{close}»? " if close else "")
                    + f"Запишите название как в каталоге или добавьте показатель в {site.catalogue.file}."))
            elif unit_key(i.unit) != unit_key(e.unit):
                diags.append(dg.warning(
                    "report.indicator-unit", r.file, i.unit_line,
                    f"Показатель «{i.name}» записан в «{i.unit or 'без единицы'}», а в каталоге региона — в "
                    f"«{e.unit}»: в сводный отчёт региона он не попадёт.",
                    f"Возможно, вы имели в виду unit: \"{e.unit}\"? Пересчитайте значение в «{e.unit}» "
                    f"(и previous, target), как в каталоге ({site.catalogue.file})."))
    return diags


def matched(catalogue: Catalogue, report: Report) -> dict[str, Indicator]:
    """A report's indicators by the catalogue's name of each, those in the catalogue's unit only."""
    entries = {key(e.name): e for e in catalogue.entries}
    out: dict[str, Indicator] = {}
    for i in report.indicators:
        e = entries.get(key(i.name))
        if e is not None and unit_key(i.unit) == unit_key(e.unit):
            out.setdefault(e.name, i)
    return out


@dataclass(frozen=True)
class Value:
    """One cluster's value of an indicator in a year, and last year's when known."""

    cluster: str
    value: float
    previous: float | None


@dataclass(frozen=True)
class Weighted:
    """A non-additive indicator weighted by its base: Σ value × base / Σ base."""

    value: float | None
    previous: float | None   # only when every cluster weighted this year has both of last year's
    clusters: int            # how many clusters it is made of


@dataclass(frozen=True)
class Line:
    """One catalogue indicator across the clusters in one academic year."""

    entry: CatalogueEntry
    values: tuple[Value, ...]     # the clusters that reported it, in the site's order
    total: float | None           # additive only: the sum of `values`
    total_previous: float | None  # additive only: when every cluster in `values` has last year's
    low: float | None             # non-additive only: the range across the clusters
    high: float | None
    weighted: Weighted | None     # non-additive with a base only


@dataclass(frozen=True)
class RegionYear:
    year: AcademicYear
    reports: tuple[Report, ...]        # the clusters' reports of the year, in the site's order
    missing: tuple[Cluster, ...]       # clusters with no report of the year (not established ones too)
    lines: tuple[Line, ...]            # every catalogue indicator, in the catalogue's order

    def value(self, cluster: str, name: str) -> Value | None:
        line = next(x for x in self.lines if x.entry.name == name)
        return next((v for v in line.values if v.cluster == cluster), None)


def _sum(numbers: list[float]) -> float:
    return round(sum(numbers), 6)


def _weighted(pairs: list[tuple[float, float | None]]) -> float | None:
    """Σ v × b / Σ b over (v, b), or None when a b is unknown or the bases add up to nothing."""
    if not pairs or any(b is None for _, b in pairs):
        return None
    base = sum(b for _, b in pairs)
    return round(sum(v * b for v, b in pairs) / base, 6) if base else None


def _line(entry: CatalogueEntry, values: list[Value], by_name: dict[str, dict[str, Value]]) -> Line:
    numbers = [v.value for v in values]
    if entry.additive:
        previous = [v.previous for v in values]
        return Line(entry, tuple(values), _sum(numbers) if values else None,
                    _sum(previous) if values and None not in previous else None, None, None, None)
    weighted = None
    if entry.base:
        bases = by_name.get(entry.base, {})
        now = [(v.value, bases[v.cluster].value) for v in values if v.cluster in bases]
        before = [(v.previous, bases[v.cluster].previous) for v in values if v.cluster in bases]
        weighted = Weighted(_weighted(now), _weighted(before) if all(p is not None for p, _ in before) else None,
                            len(now))
    return Line(entry, tuple(values), None, None, min(numbers, default=None), max(numbers, default=None), weighted)


def _values(catalogue: Catalogue, reports: tuple[Report, ...], earlier: dict[str, Report]) -> dict[str, dict[str, Value]]:
    """indicator name → cluster → Value, for the year's reports (`earlier`: last year's by cluster)."""
    out: dict[str, dict[str, Value]] = {}
    for r in reports:
        before = matched(catalogue, earlier[r.cluster]) if r.cluster in earlier else {}
        for name, i in matched(catalogue, r).items():
            previous = i.previous if i.previous is not None else (before[name].value if name in before else None)
            out.setdefault(name, {})[r.cluster] = Value(r.cluster, i.value, previous)
    return out


def years(site: Site) -> tuple[RegionYear, ...]:
    """Every academic year any cluster has a report of, newest first (none without a catalogue)."""
    if site.catalogue is None:
        return ()
    order = {c.slug: n for n, c in enumerate(site.clusters)}
    reports = sorted((r for r in site.reports if r.cluster in order), key=lambda r: order[r.cluster])
    out = []
    for first in sorted({r.year.first for r in reports}, reverse=True):
        mine = tuple(r for r in reports if r.year.first == first)
        earlier = {r.cluster: r for r in reports if r.year.first == first - 1}
        by_name = _values(site.catalogue, mine, earlier)
        lines = tuple(_line(e, [by_name[e.name][c.slug] for c in site.clusters if c.slug in by_name.get(e.name, {})],
                            by_name) for e in site.catalogue.entries)
        published = {r.cluster for r in mine}
        out.append(RegionYear(mine[0].year, mine, tuple(c for c in site.clusters if c.slug not in published), lines))
    return tuple(out)
