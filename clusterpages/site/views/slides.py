"""The numbering of a report's slides: title, figures, one per chart, one per section, closing (pure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Deck:
    total: int
    charts: tuple[tuple[int, object], ...]    # (slide number, chart)
    sections: tuple[tuple[int, object], ...]  # (slide number, report section)


def deck(charts, sections) -> Deck:
    """Slides 1 and 2 are the title and the figures; the closing slide is the last one."""
    first_chart = 3
    first_section = first_chart + len(charts)
    return Deck(total=first_section + len(sections),
                charts=tuple(enumerate(charts, first_chart)),
                sections=tuple(enumerate(sections, first_section)))
