"""The protocol dashboard as the page draws it: short headings, compact cells, totals (pure).

What a cell *says* comes from `content.execution` and every total from `content.tally`; this
view only arranges them: a short title per decision, a short word per state, the details a
reader opens on demand, and the totals per decision and per cluster.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from clusterpages.content.facts import execution, threads
from clusterpages.content.facts.tally import tally
from clusterpages.model import Decision, Protocol, Site
from clusterpages.site.views.counts import Totals, totals
from clusterpages.site.views.links import Link
from clusterpages.values import urls
from clusterpages.values.text import ru_date, ru_short_date

# The word shown in a compact cell; the full label is in the cell's details.
SHORT_WORDS = {
    "done": "Выполнено",
    "done_late": "Выполнено с опозданием",
    "in_progress": "В работе",
    "not_started": "Не начато",
    "overdue": "Просрочено",
    "cancelled": "Отменено в плане",
    "not_applicable": "Не применимо",
}
_TITLE_WORDS = 5


def short_title(d: Decision) -> str:
    """The protocol's short title, else the first words of the decision's text."""
    if d.short:
        return d.short
    words = d.text.split()
    head = " ".join(words[:_TITLE_WORDS]).rstrip(",.;:")
    return head + ("…" if len(words) > _TITLE_WORDS else "")


@dataclass(frozen=True)
class Column:
    number: int
    title: str
    deadline: str
    tally: Totals


@dataclass(frozen=True)
class CellView:
    column: Column               # the decision the cell is of
    state: str
    icon: str
    word: str
    label: str                   # the full state, for the details
    evidence_label: str
    evidence_link: str | None
    evidence_date: str
    late: bool
    reason: str                  # in the department's words, first letter capitalised, with its full stop
    anchor: str                  # the id of its note under the table: «why-med-1»
    links: tuple[tuple[str, str], ...]   # (what the evidence says, its site path or address)


@dataclass(frozen=True)
class Row:
    cluster: Link                # the cluster's short name and home
    cells: tuple[CellView, ...]
    tally: Totals


@dataclass(frozen=True)
class Thread:
    """A decision's place among the protocols: the earlier decisions it continues, the later ones
    that continue it — each «протокол № 4 от 06.12.2022, п. 4», to the decision, its short title beside."""

    refers: tuple[Link, ...] = ()
    continued: tuple[Link, ...] = ()


def _thread_link(site: Site, key: threads.Key) -> Link:
    p = next(x for x in site.protocols if x.slug == key[0])
    d = next(x for x in p.decisions if x.number == key[1])
    return Link(f"протокол №\u00a0{p.number} от {ru_date(p.date)}, п.\u00a0{d.number}", urls.decision(p.slug, d.number),
                short_title(d))


def thread_views(site: Site, protocol: Protocol, th: threads.Threads) -> dict[int, Thread]:
    """The threads of a protocol's decisions that have any, by decision number."""
    out = {}
    for d in protocol.decisions:
        key = (protocol.slug, d.number)
        refers, continued = th.refers.get(key, ()), th.continued.get(key, ())
        if refers or continued:
            out[d.number] = Thread(tuple(_thread_link(site, k) for k in refers),
                                   tuple(_thread_link(site, k) for k in continued))
    return out


@dataclass(frozen=True)
class MatrixView:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    tally: Totals
    decided_heading: bool        # the protocol's text has its own «Решили» heading
    files: tuple[Link, ...]      # the table for Excel and programs: XLSX, CSV, JSON
    threads: Mapping[int, Thread]   # by decision number: what it continues, what continues it


def _cell(c: execution.Cell, column: Column) -> CellView:
    ev = c.evidence
    links = tuple(dict.fromkeys((e.said, e.link) for e in c.sources if e.link))
    reason = c.reason[:1].upper() + c.reason[1:] + "."
    return CellView(column, c.state, c.icon, SHORT_WORDS.get(c.state, c.label), c.label,
                    ev.label if ev else "", ev.link if ev else None,
                    ru_short_date(ev.date) if ev and ev.date else "", c.late, reason,
                    f"why-{c.cluster}-{c.decision}", links)


def view(site: Site, protocol: Protocol, matrices: Mapping[str, execution.Matrix],
         th: threads.Threads | None = None) -> MatrixView:
    """The dashboard of `protocol`; `matrices` is execution.matrices(site); `th`: threads.threads(site)."""
    ps = protocol.slug
    columns = tuple(Column(d.number, short_title(d), d.deadline_text,
                           totals(tally(site, decision=d.number, matrices=matrices, protocol=ps)))
                    for d in protocol.decisions)
    rows = tuple(Row(Link(cl.short_name, urls.cluster(cl.slug)), tuple(_cell(c, col) for c, col in zip(cells, columns)),
                     totals(tally(site, cl.slug, matrices=matrices, protocol=ps)))
                 for cl, cells in matrices[protocol.slug])
    files = tuple(Link(kind.upper(), urls.matrix(protocol.slug, kind)) for kind in ("xlsx", "csv", "json"))
    return MatrixView(columns, rows, totals(tally(site, matrices=matrices, protocol=ps)), ">Решили<" in protocol.body_html, files,
                      thread_views(site, protocol, th or threads.threads(site)))
