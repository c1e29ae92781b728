"""How each protocol decision is carried out, cluster by cluster (pure)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from clusterpages import urls
from clusterpages.content import status as st
from clusterpages.model import Cluster, Decision, Protocol, Site

STATES = {
    "done": ("Выполнено", "✔"),
    "in_progress": ("В работе", "◐"),
    "not_started": ("Не начато", "○"),
    "overdue": ("Просрочено", "!"),
    "not_applicable": ("Кластер не сформирован", "–"),
}


@dataclass(frozen=True)
class Evidence:
    label: str
    link: str          # site path or outside address
    date: _dt.date | None
    late: bool


@dataclass(frozen=True)
class Cell:
    cluster: str
    decision: int
    state: str
    evidence: Evidence | None
    note: str

    @property
    def label(self) -> str:
        return STATES[self.state][0]

    @property
    def icon(self) -> str:
        return STATES[self.state][1]


def _year_slug(text: str | None) -> str:
    return (text or "").replace("–", "-").replace("/", "-").strip()


def _find(site: Site, cluster: Cluster, decision: Decision, protocol: Protocol) -> Evidence | None:
    as_of = site.config.as_of
    due = decision.deadline.end if decision.deadline else None

    def ev(label, link, date):
        return Evidence(label, link, date, bool(due and date and date > due))

    for claim in cluster.evidence:
        if claim.protocol == protocol.slug and claim.decision == decision.number and claim.date <= as_of:
            return ev(claim.note or "Подтверждение кластера", claim.link, claim.date)
    for rule in decision.rules:
        year = _year_slug(rule.academic_year)
        if rule.type == "report":
            for r in site.reports:
                if r.cluster == cluster.slug and r.slug == f"report-{year}" and r.published <= as_of:
                    return ev(r.title, urls.document(cluster.slug, r.slug), r.published)
        elif rule.type in ("media_plan", "plan_updated"):
            kind = "media-plan" if rule.type == "media_plan" else "plan"
            for p in site.plans:
                if p.cluster != cluster.slug or p.kind != kind or p.slug != f"{kind}-{year}":
                    continue
                date = p.updated or (p.approval.date if p.approval else None)
                if date is None or date > as_of:
                    continue
                if rule.type == "plan_updated" and (p.updated is None or (due and p.updated > due)):
                    continue
                return ev(p.title, urls.document(cluster.slug, p.slug), date)
        elif rule.type == "video":
            for v in sorted(site.videos, key=lambda v: v.date):
                if v.cluster == cluster.slug and (rule.kind is None or v.kind == rule.kind) and v.date <= as_of:
                    return ev(v.title, urls.video(cluster.slug, v.slug), v.date)
        elif rule.type == "championship":
            for c in sorted(site.championships, key=lambda c: c.start):
                if c.cluster == cluster.slug and c.start <= as_of:
                    return ev(c.title, urls.championship(cluster.slug, c.slug), c.start)
        elif rule.type == "plan_item":
            for p in site.plans:
                if p.cluster != cluster.slug:
                    continue
                for item in p.items:
                    if rule.tag in item.tags and st.is_finished(item.status):
                        date = item.deadline.end if item.deadline else None
                        if date is None or date <= as_of:
                            return ev(item.title_text, urls.plan_item(cluster.slug, p.slug, item.uid), date)
        elif rule.type == "page":
            for pg in site.pages:
                if pg.cluster == cluster.slug and rule.tag in pg.tags and (pg.date is None or pg.date <= as_of):
                    return ev(pg.title, urls.page(cluster.slug, pg.slug), pg.date)
    return None


def _cites(site: Site, cluster: Cluster, decision: Decision, protocol: Protocol) -> bool:
    tags = {r.tag for r in decision.rules if r.tag}
    for p in site.plans:
        if p.cluster != cluster.slug:
            continue
        for item in p.items:
            if item.status == "cancelled" or st.is_finished(item.status):
                continue
            if (protocol.number, decision.number) in item.decisions or tags & set(item.tags):
                return True
    return False


def cell(site: Site, cluster: Cluster, protocol: Protocol, decision: Decision) -> Cell:
    if not cluster.established:
        return Cell(cluster.slug, decision.number, "not_applicable", None, "")
    evidence = _find(site, cluster, decision, protocol)
    if evidence:
        return Cell(cluster.slug, decision.number, "done", evidence, "с опозданием" if evidence.late else "")
    due = decision.deadline.end if decision.deadline else None
    if due and due < site.config.as_of:
        return Cell(cluster.slug, decision.number, "overdue", None, "")
    if _cites(site, cluster, decision, protocol):
        return Cell(cluster.slug, decision.number, "in_progress", None, "")
    return Cell(cluster.slug, decision.number, "not_started", None, "")


def matrix(site: Site, protocol: Protocol) -> tuple[tuple[Cluster, tuple[Cell, ...]], ...]:
    return tuple((c, tuple(cell(site, c, protocol, d) for d in protocol.decisions)) for c in site.clusters)
