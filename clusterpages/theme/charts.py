"""Bar charts drawn at build time as SVG (no script, no outside fonts)."""

from __future__ import annotations

from markupsafe import escape

from clusterpages.model import Indicator
from clusterpages.text import ru_number


def bars(title: str, indicators: list[Indicator], current: str, previous: str, inline: bool = True) -> str:
    """Paired horizontal bars: previous year (light) and current year (cluster colour) per indicator.

    Bars in a group are scaled per indicator (each to its own maximum), since units differ.
    `inline=False` gives a standalone SVG file with fixed colours (for CMS fragments).
    """
    row_h, bar_h, label_w, width = 58, 16, 0, 640
    height = 30 + row_h * len(indicators)
    cur_fill = "var(--cp-cluster, #0b4f8a)" if inline else "#0b4f8a"
    prev_fill = "var(--cp-cluster-tint, #dde7f0)" if inline else "#dde7f0"
    stroke = "var(--cp-cluster-dark, #083a66)" if inline else "#083a66"
    text_fill = "currentColor" if inline else "#1a1a1a"
    desc = "; ".join(f"{i.name}: {ru_number(i.value)} {i.unit}".strip()
                     + (f" (в прошлом году {ru_number(i.previous)})" if i.previous is not None else "") for i in indicators)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{{id}}-t {{id}}-d" class="chart-svg" width="100%" preserveAspectRatio="xMinYMin meet">',
             f'<title id="{{id}}-t">{escape(title)}</title><desc id="{{id}}-d">{escape(desc)}</desc>',
             f'<g font-family="PT Sans, Arial, sans-serif" font-size="14" fill="{text_fill}">',
             f'<rect x="0" y="4" width="14" height="12" fill="{prev_fill}" stroke="{stroke}"/>'
             f'<text x="20" y="15">{escape(previous)}</text>',
             f'<rect x="160" y="4" width="14" height="12" fill="{cur_fill}"/><text x="180" y="15">{escape(current)}</text>']
    for n, i in enumerate(indicators):
        top = 30 + n * row_h
        top_value = max(v for v in (i.value, i.previous or 0, i.target or 0)) or 1
        span = width - 160
        parts.append(f'<text x="0" y="{top + 12}">{escape(i.name)}</text>')
        if i.previous is not None:
            w = max(1, round(span * i.previous / top_value))
            parts.append(f'<rect x="0" y="{top + 18}" width="{w}" height="{bar_h // 2 + 2}" fill="{prev_fill}" stroke="{stroke}"/>')
            parts.append(f'<text x="{w + 6}" y="{top + 28}" font-size="12">{escape(ru_number(i.previous))}</text>')
        w = max(1, round(span * i.value / top_value))
        parts.append(f'<rect x="0" y="{top + 30}" width="{w}" height="{bar_h}" fill="{cur_fill}"/>')
        parts.append(f'<text x="{w + 6}" y="{top + 43}" font-weight="bold">{escape(ru_number(i.value))} {escape(i.unit)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def for_report(report, style: str = "dash") -> dict[str, str]:
    groups: dict[str, list[Indicator]] = {}
    for i in report.indicators:
        groups.setdefault(i.group, []).append(i)
    prev = f"{report.year.first - 1}–{report.year.first}" if style == "dash" else f"{report.year.first - 1}/{report.year.first}"
    out = {}
    for n, (g, rows) in enumerate(groups.items(), 1):
        out[g] = bars(g, rows, report.year.label(style), prev).replace("{id}", f"chart-{n}")
    return out
