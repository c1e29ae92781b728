"""A cluster's report as its page, its printed and slide versions and its CMS piece show it (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.content.documents import refs
from clusterpages.model import Report
from clusterpages.values.text import ru_date


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    html: str


@dataclass(frozen=True)
class ReportView:
    """The report's words: its dates formatted, its sections' HTML as the version shows it."""

    slug: str
    title: str
    year: str            # the academic year in the site's style: «2021–2022»
    published: str       # «15 сентября 2022 г.»
    published_iso: str   # 2022-09-15, for <time datetime>
    intro_html: str
    sections: tuple[Section, ...]


def view(r: Report, year_style: str, deeper: bool = False) -> ReportView:
    """`deeper`: for the printed and slide versions, a folder below the report's page, whose
    relative links within the HTML go one folder further up (refs.deepen)."""
    html = refs.deepen if deeper else (lambda text: text)
    return ReportView(r.slug, r.title, r.year.label(year_style), ru_date(r.published), r.published.isoformat(),
                      html(r.intro_html), tuple(Section(s.title, s.anchor, html(s.html)) for s in r.sections))
