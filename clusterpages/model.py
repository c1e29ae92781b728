"""The site as frozen data: what load and assemble produce, what render reads."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from clusterpages.values.academic import AcademicYear
from clusterpages.values.colors import Color
from clusterpages.values.deadlines import Deadline
from clusterpages.values.tokens import Palette


@dataclass(frozen=True)
class SiteConfig:
    file: str
    title: str
    demo: bool
    as_of: _dt.date
    base_url: str | None
    department_name: str
    department_url: str | None
    year_start: tuple[int, int]
    year_end: tuple[int, int]
    year_style: str
    greet_start: tuple[int, int]
    greet_end: tuple[int, int]
    palette: Palette
    fonts: tuple[str, str]
    logo: str | None  # site path of the regional logo
    palette_lines: tuple[tuple[str, int], ...] = ()  # ("primary", line in site_config.yaml)
    logo_line: int | None = None


@dataclass(frozen=True)
class College:
    name: str
    short_name: str = ""
    url: str | None = None
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Partner:
    name: str
    slug: str
    url: str | None = None
    industry: str = ""


@dataclass(frozen=True)
class Profession:
    name: str
    slug: str
    code: str = ""


@dataclass(frozen=True)
class EvidenceClaim:
    protocol: str
    decision: int
    link: str        # site path of a page, or an outside https:// address
    external: bool
    date: _dt.date
    note: str
    line: int | None


@dataclass(frozen=True)
class Cluster:
    slug: str
    file: str
    name: str
    short_name: str
    established: bool
    accent: Color
    logo: str | None          # site path
    description_html: str
    leading: College
    colleges: tuple[College, ...]
    partners: tuple[Partner, ...]
    professions: tuple[Profession, ...]
    evidence: tuple[EvidenceClaim, ...]
    accent_key: str | None = None   # the palette key when the accent is taken from the palette
    accent_line: int | None = None


@dataclass(frozen=True)
class Approval:
    position: str
    name: str
    date: _dt.date
    scan: str | None  # site path of the signed original


@dataclass(frozen=True)
class PlanItem:
    uid: str
    line: int
    section: str
    number: str
    title_html: str
    title_text: str
    deadline_text: str
    deadline: Deadline | None
    responsible: str
    participants: str
    result_html: str
    status: str           # the row's one state (content.status.judge): a key of content.status.LABELS
    status_note: str      # what the Статус column said
    tags: tuple[str, ...]
    decisions: tuple[tuple[str, int], ...]  # (protocol number, decision number)
    extra: tuple[tuple[str, str], ...]      # unknown columns: (header, html)
    channel: str = ""
    format: str = ""
    audience: str = ""
    reach_plan: str = ""
    reach_fact: str = ""
    link: str | None = None
    done_on: _dt.date | None = None   # the day the row says it was done («выполнено — размещён 27.12.2022»)
    place: str = ""    # where a person finds the row in a Word or Excel file: «таблица 2, строка 6»
    written: str | None = None   # the working status the Статус column names (None: none or unknown)
    late_days: int = 0           # overdue: days past its term; finished: days its completion came late
    term: Deadline | None = None  # the term it is judged by: the deadline, or a postponement's new term
    channels: tuple[str, ...] = ()  # a media-plan row's channels, one each (content.channels.split)
    carried_to: str = ""   # the slug of next year's plan that carried this row over (content.nextyear)


@dataclass(frozen=True)
class PlanTable:
    section: str
    anchor: str
    line: int
    columns: tuple[tuple[str, str], ...]  # (role, header as written)
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class PlanDoc:
    kind: str   # "plan" | "media-plan"
    cluster: str
    slug: str   # "plan-2022-2023"
    file: str
    title: str
    year: AcademicYear
    approval: Approval | None
    version: str
    updated: _dt.date | None
    changes: tuple[str, ...]
    blocks: tuple  # str (safe HTML) | PlanTable, in document order
    original: str = ""  # the Word or Excel file the plan was read from, published for download

    @property
    def items(self) -> tuple[PlanItem, ...]:
        return tuple(i for b in self.blocks if isinstance(b, PlanTable) for i in b.items)


@dataclass(frozen=True)
class Indicator:
    name: str
    value: float
    previous: float | None
    unit: str
    target: float | None
    group: str
    line: int | None = None        # of its name in the report's front matter
    unit_line: int | None = None   # of its unit (the name's line when the unit is not written)


@dataclass(frozen=True)
class CatalogueEntry:
    """One indicator of the region's catalogue (content/indicators.yaml): how the clusters'
    reports name it, its unit, whether the clusters' values add up to a regional total (people,
    units) or not (percentages, ratios), and for the latter the indicator to weight by."""

    name: str
    unit: str
    additive: bool
    group: str
    base: str | None = None        # the name of the catalogue indicator a weighted value is weighted by
    line: int | None = None


@dataclass(frozen=True)
class Catalogue:
    file: str
    entries: tuple[CatalogueEntry, ...]


@dataclass(frozen=True)
class ReportSection:
    title: str
    anchor: str
    html: str


@dataclass(frozen=True)
class Report:
    cluster: str
    slug: str
    file: str
    title: str
    year: AcademicYear
    published: _dt.date
    indicators: tuple[Indicator, ...]
    intro_html: str
    sections: tuple[ReportSection, ...]


@dataclass(frozen=True)
class Video:
    cluster: str
    slug: str
    line: int | None
    title: str
    kind: str
    platform: str       # vk | rutube | youtube | file
    page_url: str       # what the reader follows as a plain link (site path for files)
    embed_url: str | None
    file: str | None    # site path of a local video
    profession: str
    poster: str | None  # site path
    duration: str
    seconds: int | None
    date: _dt.date
    description: str
    transcript: str


@dataclass(frozen=True)
class Result:
    place: str
    college: str
    competency: str
    participant: str | None  # None unless consent is marked


@dataclass(frozen=True)
class Photo:
    src: str
    alt: str


@dataclass(frozen=True)
class Championship:
    cluster: str
    slug: str
    file: str
    title: str
    start: _dt.date
    end: _dt.date
    venue: str
    level: str
    partners: tuple[str, ...]
    competencies: tuple[str, ...]
    tags: tuple[str, ...]
    results: tuple[Result, ...]
    photos: tuple[Photo, ...]
    body_html: str
    partners_line: int | None = None


@dataclass(frozen=True)
class Page:
    cluster: str
    slug: str
    file: str
    title: str
    date: _dt.date | None
    summary: str
    tags: tuple[str, ...]
    # The body's HTML as UTF-8, decoded where it is read (body_html): a page travels between
    # processes and into the cache as these bytes, and a build after an edit, which takes every
    # page from the cache and shows few of their bodies, decodes none of the rest.
    body_utf8: bytes

    @property
    def body_html(self) -> str:
        return self.body_utf8.decode("utf-8")

    def __reduce__(self):
        return _page, (self.cluster, self.slug, self.file, self.title, self.date, self.summary, self.tags,
                       self.body_utf8)


def _page(cluster, slug, file, title, date, summary, tags, body: bytes) -> Page:
    return Page(cluster, slug, file, title, date, summary, tags, body)


@dataclass(frozen=True)
class Rule:
    type: str
    academic_year: str | None
    kind: str | None
    tag: str | None
    line: int | None = None   # in the protocol file


@dataclass(frozen=True)
class DecisionRef:
    """A decision's reference to a decision of another protocol, as written
    («во исполнение п. 4 протокола № 4 от 06.12.2022»): resolved in content.facts.threads."""

    protocol: str                 # the protocol's number as written: "4"
    date: _dt.date | None         # its date, when the reference gives it
    decision: int
    line: int | None              # in the referring protocol's file
    written: str                  # the words of the reference: «п. 4 протокола № 4 от 06.12.2022»


@dataclass(frozen=True)
class Decision:
    number: int
    text: str
    deadline_text: str
    deadline: Deadline | None
    responsible: str
    rules: tuple[Rule, ...]
    short: str = ""       # a few words for the dashboard's column heading («Отчёт в цветах брендбука»)
    line: int | None = None   # in the protocol file
    refers: tuple[DecisionRef, ...] = ()   # decisions of earlier protocols it continues


@dataclass(frozen=True)
class Protocol:
    slug: str
    file: str
    title: str
    number: str
    date: _dt.date
    approval_position: str
    approval_name: str
    decisions: tuple[Decision, ...]
    body_html: str


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    clusters: tuple[Cluster, ...]
    plans: tuple[PlanDoc, ...]        # plans and media plans
    reports: tuple[Report, ...]
    videos: tuple[Video, ...]
    championships: tuple[Championship, ...]
    pages: tuple[Page, ...]
    protocols: tuple[Protocol, ...]
    media: tuple[tuple[str, str], ...]  # (site path, source path relative to site root)
    help: tuple[Page, ...] = ()       # the guide («Справка»): content/help/*.md, cluster ""
    catalogue: Catalogue | None = None   # the region's indicators (content/indicators.yaml), if any

    def cluster(self, slug: str) -> Cluster:
        return next(c for c in self.clusters if c.slug == slug)
