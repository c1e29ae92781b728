"""Report charts and figures, computed at build time (pure).

A chart is data, not markup: every bar is a share (0–100) of the scale of its unit, so
«18 %» and «1 250 чел.» are never drawn on one ruler. Percentages are drawn on 0–100 %;
other units on a rounded maximum shared by every indicator of that unit in the chart.
Templates draw the bars as HTML (real text, so it never shrinks below the page's type
size); `svg()` draws the same chart as a standalone file for CMS fragments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from markupsafe import escape

from clusterpages.model import Indicator, Report
from clusterpages.values.text import NBSP, ru_decimal, ru_number

MINUS = "\u2212"
_NICE = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


@dataclass(frozen=True)
class Figure:
    """One indicator as people read it: «980 чел.», «−30 чел., −3,0 %», «цель 1 000 чел.»."""

    name: str
    unit: str
    value: str
    previous: str          # "" when unknown
    target: str            # "" when none
    delta: str             # "" when the previous value is unknown
    trend: str             # up | down | same | "" (unknown)
    target_met: bool | None


@dataclass(frozen=True)
class ChartRow:
    figure: Figure
    value_pct: float       # bar lengths as a share of the unit's scale, 0–100
    previous_pct: float | None
    target_pct: float | None


@dataclass(frozen=True)
class ChartScale:
    unit: str
    maximum: str           # «1 200 чел.», «100 %»
    rows: tuple[ChartRow, ...]


@dataclass(frozen=True)
class Chart:
    anchor: str            # chart-1, chart-2 … (unique on a page)
    title: str             # the indicator group
    current: str           # «2021–2022»
    previous: str          # «2020–2021»
    scales: tuple[ChartScale, ...]

    @property
    def has_targets(self) -> bool:
        """Whether any bar has a target marker (the legend names the marker only then)."""
        return any(r.target_pct is not None for s in self.scales for r in s.rows)

    @property
    def description(self) -> str:
        parts = []
        for s in self.scales:
            for r in s.rows:
                f = r.figure
                text = f"{f.name}: {f.value}"
                if f.previous:
                    text += f" (в {self.previous} — {f.previous}; {f.delta})"
                if f.target:
                    text += f", цель {f.target}"
                parts.append(text)
        return "; ".join(parts)


def with_unit(value: float | int | None, unit: str) -> str:
    """«1 250 чел.», «18 %» — a number and its unit joined by a non-breaking space."""
    if value is None:
        return ""
    number = ru_number(value)
    return f"{number}{NBSP}{unit}" if unit else number


def _signed(value: float) -> str:
    if value > 0:
        return "+" + ru_number(value)
    if value < 0:
        return MINUS + ru_number(-value)
    return ru_number(0)


def delta(value: float, previous: float | None, unit: str) -> str:
    """«+70 чел., +5,9 %»; for percentages the change in points: «+6 п. п.»."""
    if previous is None:
        return ""
    diff = round(value - previous, 6)
    if diff == 0:
        return "без изменений"
    if unit.strip() == "%":
        return f"{_signed(diff)}{NBSP}п.{NBSP}п."
    absolute = f"{_signed(diff)}{NBSP}{unit}" if unit else _signed(diff)
    if previous == 0:
        return absolute
    rel = diff / abs(previous) * 100
    sign = "+" if rel > 0 else MINUS
    return f"{absolute}, {sign}{ru_decimal(abs(rel), 1)}{NBSP}%"


def figure(i: Indicator) -> Figure:
    trend = ""
    if i.previous is not None:
        trend = "up" if i.value > i.previous else "down" if i.value < i.previous else "same"
    return Figure(i.name, i.unit, with_unit(i.value, i.unit), with_unit(i.previous, i.unit),
                  with_unit(i.target, i.unit), delta(i.value, i.previous, i.unit), trend,
                  None if i.target is None else i.value >= i.target)


def figures(report: Report) -> tuple[Figure, ...]:
    return tuple(figure(i) for i in report.indicators)


def nice_maximum(top: float) -> float:
    """The smallest «round» number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) not below `top`."""
    if top <= 0:
        return 1
    power = 1.0
    while power * 10 <= top:
        power *= 10
    while power > top:
        power /= 10
    for step in _NICE:
        if step * power >= top - 1e-9:
            return step * power
    return 10 * power


def _pct(value: float | None, maximum: float) -> float | None:
    if value is None:
        return None
    return round(max(0.0, min(100.0, value / maximum * 100)), 1)


def scale(unit: str, indicators: list[Indicator]) -> ChartScale:
    top = max(max(i.value, i.previous or 0, i.target or 0) for i in indicators)
    maximum = 100.0 if unit.strip() == "%" and top <= 100 else nice_maximum(top)
    rows = tuple(ChartRow(figure(i), _pct(i.value, maximum) or 0.0, _pct(i.previous, maximum), _pct(i.target, maximum))
                 for i in indicators)
    return ChartScale(unit, with_unit(maximum, unit), rows)


def chart(anchor: str, title: str, indicators: list[Indicator], current: str, previous: str) -> Chart:
    by_unit: dict[str, list[Indicator]] = {}
    for i in indicators:
        by_unit.setdefault(i.unit, []).append(i)
    return Chart(anchor, title, current, previous, tuple(scale(u, rows) for u, rows in by_unit.items()))


def for_report(report: Report, style: str = "dash") -> tuple[Chart, ...]:
    """One chart per indicator group, in the order the groups first appear."""
    groups: dict[str, list[Indicator]] = {}
    for i in report.indicators:
        groups.setdefault(i.group, []).append(i)
    current, previous = report.year.label(style), report.year.previous.label(style)
    return tuple(chart(f"chart-{n}", g, rows, current, previous) for n, (g, rows) in enumerate(groups.items(), 1))


# The cluster tokens a standalone chart is drawn with, and the colour used where a token is unknown.
_TOKENS = (("--cp-cluster", "#0b4f8a"), ("--cp-cluster-tint", "#dde7f0"), ("--cp-cluster-dark", "#083a66"),
           ("--cp-text", "#1a1a1a"))


@dataclass(frozen=True)
class ChartColours:
    current: str    # bars of the report's year
    previous: str   # bars of the year before
    stroke: str     # outline of the lighter bars
    text: str       # text and the target marker


def literal(tokens: Mapping[str, str]) -> ChartColours:
    """Literal colours from token values (a standalone file has no stylesheet around it)."""
    return ChartColours(*(tokens.get(token, fallback) for token, fallback in _TOKENS))


DEFAULT_COLOURS = literal({})


def svg(c: Chart, colours: ChartColours = DEFAULT_COLOURS) -> str:
    """The chart as a standalone SVG file (literal colours, 14 px text at its natural 720 px width)."""
    width, label_w, bar_span = 720, 0, 520
    y = 34
    body: list[str] = []
    for s in c.scales:
        body.append(f'<text x="0" y="{y + 14}" fill="{colours.text}" font-size="13">Шкала: 0–{escape(s.maximum)}</text>')
        y += 26
        for r in s.rows:
            f = r.figure
            body.append(f'<text x="{label_w}" y="{y + 14}" font-weight="bold">{escape(f.name)}</text>')
            y += 20
            if r.previous_pct is not None:
                w = max(1.0, bar_span * r.previous_pct / 100)
                body.append(f'<rect x="0" y="{y}" width="{w:.1f}" height="12" fill="{colours.previous}" stroke="{colours.stroke}"/>'
                            f'<text x="{w + 6:.1f}" y="{y + 11}">{escape(f.previous)}</text>')
                y += 16
            w = max(1.0, bar_span * r.value_pct / 100)
            body.append(f'<rect x="0" y="{y}" width="{w:.1f}" height="16" fill="{colours.current}"/>'
                        f'<text x="{w + 6:.1f}" y="{y + 13}" font-weight="bold">{escape(f.value)}</text>')
            if r.target_pct is not None:
                tx = bar_span * r.target_pct / 100
                body.append(f'<rect x="{tx - 1.5:.1f}" y="{y - 20 if r.previous_pct is not None else y - 4}" width="3" '
                            f'height="{40 if r.previous_pct is not None else 24}" fill="{colours.text}"/>')
            y += 20
            if f.delta or f.target:
                note = "; ".join(x for x in (f.delta, f"цель {f.target}" if f.target else "") if x)
                body.append(f'<text x="0" y="{y + 12}" font-size="13">{escape(note)}</text>')
                y += 20
            y += 8
    height = y + 4
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-labelledby="{c.anchor}-t {c.anchor}-d">'
            f'<title id="{c.anchor}-t">{escape(c.title)}</title><desc id="{c.anchor}-d">{escape(c.description)}</desc>'
            f'<g font-family="PT Sans, Arial, sans-serif" font-size="14" fill="{colours.text}">'
            f'<rect x="0" y="4" width="14" height="12" fill="{colours.previous}" stroke="{colours.stroke}"/>'
            f'<text x="20" y="15">{escape(c.previous)}</text>'
            f'<rect x="130" y="4" width="14" height="12" fill="{colours.current}"/><text x="150" y="15">{escape(c.current)}</text>'
            f'<rect x="260" y="2" width="3" height="16" fill="{colours.text}"/><text x="270" y="15">цель</text>')
    return head + "".join(body) + "</g></svg>"
