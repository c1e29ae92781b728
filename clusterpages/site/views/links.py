"""Links as templates show them: the words, the site path (a template makes it relative with
`url()`) and what is said beside it — never a model object or an address to assemble (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.content.facts.tally import Due, Tally
from clusterpages.model import Cluster, PlanDoc, PlanItem
from clusterpages.site.views.plan import state_words
from clusterpages.values import urls


@dataclass(frozen=True)
class Link:
    text: str
    url: str          # a site path
    note: str = ""    # said after the link: a cluster's short name, a date, a duration


@dataclass(frozen=True)
class RowLink:
    """A plan or media-plan row in a list: its state, its title linking to the row, its term."""

    status: str
    state: str                      # the state in words (content.status.words)
    text: str                       # the row's title as plain text
    url: str
    term: str                       # the deadline as written
    kind: str                       # «план» or «медиаплан»
    cluster: str                    # the cluster's short name
    also: tuple[Link, ...] = ()     # the same event in the other document: «медиаплан, 15.12.2022»


@dataclass(frozen=True)
class ReportVersions:
    """The site paths of a report's three versions: on the site, printed, as slides."""

    page: str
    print: str
    slides: str


@dataclass(frozen=True)
class PlanFiles:
    """The site paths of a plan's twins, and of its Word or Excel original when it has one."""

    json: str
    ics: str
    docx: str
    original: str | None = None
    original_kind: str = ""       # «DOCX», «XLSX»


def plan_files(doc: PlanDoc) -> PlanFiles:
    original = urls.plan_original(doc.cluster, doc.slug, doc.original) if doc.original else None
    return PlanFiles(urls.plan_json(doc.cluster, doc.slug, doc.kind), urls.plan_ics(doc.cluster, doc.slug, doc.kind),
                     urls.plan_docx(doc.cluster, doc.slug, doc.kind), original,
                     doc.original.rsplit(".", 1)[1].upper() if doc.original else "")


@dataclass(frozen=True)
class DueLists:
    """The rows a page lists as overdue and due within 30 days, for the `due_list` macro."""

    scope: str
    overdue: tuple[RowLink, ...]
    soon: tuple[RowLink, ...]


def kind_word(doc: PlanDoc) -> str:
    return "план" if doc.kind == "plan" else "медиаплан"


def cluster_link(cl: Cluster, note: str = "") -> Link:
    return Link(cl.short_name, urls.cluster(cl.slug), note)


def row_link(doc: PlanDoc, item: PlanItem, cluster_name: str, also: tuple[Link, ...] = ()) -> RowLink:
    return RowLink(item.status, state_words(item), item.title_text, urls.plan_item(doc.cluster, doc.slug, item.uid),
                   item.deadline_text, kind_word(doc), cluster_name, also)


def _due(d: Due) -> RowLink:
    also = tuple(Link(f"{kind_word(doc)}, {item.deadline_text}", urls.plan_item(d.cluster.slug, doc.slug, item.uid))
                 for doc, item in d.also)
    return row_link(d.doc, d.item, d.cluster.short_name, also)


def due_lists(t: Tally) -> DueLists:
    return DueLists(t.scope, tuple(_due(d) for d in t.overdue), tuple(_due(d) for d in t.soon))
