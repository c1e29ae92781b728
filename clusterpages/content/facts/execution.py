"""How each protocol decision is carried out by each cluster: one derivation from all evidence.

A cell (cluster × decision) is decided once, here, from every kind of evidence, with one
precedence (docs/content-model.md, «Исполнение решений»):

1. A cluster that is not formed: «не применимо».
2. Evidence of completion, of any kind — explicit evidence in cluster.yaml, what the
   protocol's typed rules find on the site, a plan or media-plan row that references the
   decision («п. N протокола № M») and says «выполнено» — makes the cell «выполнено», or
   «выполнено с опозданием» when the earliest dated completion is after the deadline. A cell
   never says «просрочено» while completion evidence exists.
3. Otherwise, when every plan row about the decision is cancelled: «не выполнено — отменено
   в плане кластера», its own state (never «просрочено»).
4. Otherwise, after the deadline: «просрочено».
5. Otherwise: «в работе» when a plan row about the decision is in work, else «не начато».

A plan row's own state comes from `status.judge`, the rule every page uses. Reasons are in the
department's words (what was looked for and where, «план работы на 2022–2023 учебный год, п. 2»);
file names and lines go only into the build's diagnostics (`conflicts`).

Evidence that disagrees (a plan row says done and the typed rules find nothing; a plan row
says «не выполнено» while completion is proven) is reported by `conflicts`, naming both
files and lines. Every cell carries the evidence it used and a sentence saying why.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from clusterpages.content.facts.years import in_force
from clusterpages.model import Cluster, Decision, PlanDoc, PlanItem, Protocol, Rule, Site
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, urls
from clusterpages.values import status as st
from clusterpages.values.text import status_note

# A decision's state: (label, icon). Where it means what a plan item's status means, the
# words and shapes are the statuses' own.
STATES = {
    "done": (st.LABELS["done"], st.ICONS["done"]),
    "done_late": ("Выполнено с опозданием", st.ICONS["done"]),
    "in_progress": (st.LABELS["in_progress"], st.ICONS["in_progress"]),
    "overdue": (st.LABELS["overdue"], st.ICONS["overdue"]),
    "cancelled": ("Не выполнено — отменено в плане кластера", st.ICONS["cancelled"]),
    "not_started": ("Не начато", st.ICONS["upcoming"]),
    "not_applicable": ("Не применимо", st.ICONS["undated"]),
}
DONE_STATES = frozenset({"done", "done_late"})
# What a typed rule looks for and, when nothing is found, what is missing — in the words of
# the department, never a file name: {year} «2021–2022», {kind} « о профессии», {topic} «точки роста».
_RULE_WANTS = {
    "report": "отчёт за {year} учебный год на сайте кластера",
    "media_plan": "медиаплан на {year} учебный год на сайте кластера",
    "plan_updated": "план работы на {year} учебный год, актуализированный после протокола",
    "video": "ролик{kind} в разделе «Видео» кластера",
    "championship": "отраслевой чемпионат в разделе «Чемпионаты» кластера",
    "plan_item": "выполненный пункт плана по теме «{topic}»",
    "page": "страница кластера по теме «{topic}»",
}
_RULE_MISSING = {
    "report": "отчёт за {year} учебный год не опубликован на сайте кластера",
    "media_plan": "медиаплан на {year} учебный год не опубликован на сайте кластера",
    "plan_updated": "план работы на {year} учебный год не актуализирован после протокола",
    "video": "ролик{kind} не опубликован в разделе «Видео» кластера",
    "championship": "в разделе «Чемпионаты» кластера нет отраслевого чемпионата",
    "plan_item": "в планах кластера нет выполненного пункта по теме «{topic}»",
    "page": "на сайте кластера нет страницы по теме «{topic}»",
}
_KINDS = {"profession": " о профессии", "greeting": " с поздравлением", "other": ""}
_DOC_NAMES = {"plan": "план работы", "media-plan": "медиаплан"}


@dataclass(frozen=True)
class Evidence:
    kind: str              # "claim" (cluster.yaml) | "rule" (a typed rule found it) | "plan" (a plan row)
    label: str
    link: str              # site path (with #fragment) or an outside address
    date: _dt.date | None
    file: str              # the source that says it (for the build's diagnostics, never for a page)
    line: int | None
    done: bool             # evidence of completion (a plan row in work is evidence, but not of completion)
    status: str = ""       # a plan row's state
    where: str = ""        # where a person finds it: «план работы на 2022–2023 учебный год, п. 2»
    words: str = ""        # a plan row's state and term in words: «в работе, срок 25.12.2022»

    @property
    def source(self) -> str:
        return f"{self.file}, строка {self.line}" if self.line else self.file

    @property
    def said(self) -> str:
        """The evidence as the department reads it: where it is and what it says."""
        if self.kind == "plan":
            return f"{self.where}: {self.words}"
        if self.kind == "claim":
            return f"подтверждение кластера: «{self.label}»"
        return f"на сайте кластера: «{self.label}»"


@dataclass(frozen=True)
class Cell:
    cluster: str
    decision: int
    state: str
    evidence: Evidence | None         # the evidence the state rests on
    sources: tuple[Evidence, ...]     # every piece of evidence considered
    reason: str                       # what was decided and why, in the department's words

    @property
    def label(self) -> str:
        return STATES[self.state][0]

    @property
    def icon(self) -> str:
        return STATES[self.state][1]

    @property
    def late(self) -> bool:
        return self.state == "done_late"


def _year_slug(text: str | None) -> str:
    return (text or "").replace("–", "-").replace("/", "-").strip()


def _rule_words(table: dict[str, str], rule: Rule) -> str:
    year = _year_slug(rule.academic_year).replace("-", "–")
    return table.get(rule.type, rule.type).format(year=year, topic=(rule.tag or "").replace("-", " "),
                                                   kind=_KINDS.get(rule.kind or "", ""))


def rule_wants(rule: Rule) -> str:
    """What a typed rule looks for, in words: «отчёт за 2021–2022 учебный год на сайте кластера»."""
    return _rule_words(_RULE_WANTS, rule)


def rule_missing(rule: Rule) -> str:
    """What is missing when a typed rule finds nothing: «отчёт … не опубликован на сайте кластера»."""
    return _rule_words(_RULE_MISSING, rule)


def _plan_date(item: PlanItem) -> _dt.date | None:
    """When a row says its work was done: the date in its status or notes; for a published
    media-plan row, its publication date. Never the deadline: a term is not a completion."""
    if item.done_on:
        return item.done_on
    if item.status == "published" and item.deadline and item.deadline.kind == "date":
        return item.deadline.end
    return None


def row_done(doc: PlanDoc, item: PlanItem, as_of: _dt.date) -> tuple[bool, _dt.date | None]:
    """Whether a row proves its work done by the as-of date, and when it was done.

    A dated mark counts from its date. An undated «выполнено» speaks for the plan as of the
    plan's own date (updated, else approved): before that date it proves nothing."""
    if not st.is_finished(item.status):
        return False, None
    date = _plan_date(item)
    if date:
        return date <= as_of, date
    said = doc.updated or (doc.approval.date if doc.approval else None)
    return said is None or said <= as_of, None


def _rule_evidence(site: Site, cluster: Cluster, rule: Rule, protocol: Protocol) -> list[Evidence]:
    """What one typed rule finds for a cluster, dated on or before the as-of date."""
    as_of = site.config.as_of
    year = _year_slug(rule.academic_year)
    found: list[Evidence] = []

    def add(label, link, date, file, line=None):
        if date is None or date <= as_of:
            found.append(Evidence("rule", label, link, date, file, line, True))

    if rule.type == "report":
        for r in site.reports:
            if r.cluster == cluster.slug and r.slug == f"report-{year}":
                add(r.title, urls.document(cluster.slug, r.slug), r.published, r.file)
    elif rule.type in ("media_plan", "plan_updated"):
        kind = "media-plan" if rule.type == "media_plan" else "plan"
        for p in site.plans:
            if p.cluster == cluster.slug and p.kind == kind and p.slug == f"{kind}-{year}":
                if rule.type == "plan_updated":
                    # an update made in answer to the protocol: dated on or after the protocol
                    if p.updated and p.updated >= protocol.date:
                        add(p.title, urls.document(cluster.slug, p.slug), p.updated, p.file)
                else:
                    add(p.title, urls.document(cluster.slug, p.slug), p.updated or (p.approval.date if p.approval else None),
                        p.file)
    elif rule.type == "video":
        for v in site.videos:
            if v.cluster == cluster.slug and (rule.kind is None or v.kind == rule.kind):
                add(v.title, urls.video(cluster.slug, v.slug), v.date, inputs.videos_yaml(cluster.slug), v.line)
    elif rule.type == "championship":
        for c in site.championships:
            if c.cluster == cluster.slug:
                add(c.title, urls.championship(cluster.slug, c.slug), c.start, c.file)
    elif rule.type == "plan_item":
        for p in site.plans:
            if p.cluster == cluster.slug and in_force(p, as_of):
                for item in p.items:
                    done, date = row_done(p, item, as_of)
                    if rule.tag in item.tags and done:
                        add(item.title_text, urls.plan_item(cluster.slug, p.slug, item.uid), date, p.file, item.line)
    elif rule.type == "page":
        for pg in site.pages:
            if pg.cluster == cluster.slug and rule.tag in pg.tags:
                add(pg.title, urls.page(cluster.slug, pg.slug), pg.date, pg.file)
    return found


def _plan_rows(site: Site, cluster: Cluster, protocol: Protocol, decision: Decision) -> list[tuple[PlanDoc, PlanItem]]:
    """Plan and media-plan rows that reference the decision («п. N протокола № M»), in the plans
    that speak at the as-of date (next year's plan published ahead is not evidence yet)."""
    as_of = site.config.as_of
    return [(p, i) for p in site.plans if p.cluster == cluster.slug and in_force(p, as_of) for i in p.items
            if (protocol.number, decision.number) in i.decisions]


def row_where(doc: PlanDoc, item: PlanItem) -> str:
    """Where a person finds a row: «план работы на 2022–2023 учебный год, п. 2» (the row's title
    when it has no number)."""
    head = f"{_DOC_NAMES.get(doc.kind, doc.kind)} на {doc.year.label('dash')} учебный год"
    return f"{head}, п.\u00a0{item.number}" if item.number else f"{head}, «{item.title_text}»"


def row_words(item: PlanItem) -> str:
    """A row's state and term as the department reads them: «в работе, срок 25.12.2022»."""
    words = st.words(item.status, item.written, item.late_days).lower()
    note = status_note(item.status_note, st.LABELS[item.written or item.status])
    if note:
        words += f" ({note})"
    return words + (f", срок {item.deadline_text}" if item.deadline_text else "")


def _row_evidence(site: Site, cluster: Cluster, doc: PlanDoc, item: PlanItem) -> Evidence:
    done, date = row_done(doc, item, site.config.as_of)
    return Evidence("plan", item.title_text, urls.plan_item(cluster.slug, doc.slug, item.uid),
                    date if done else None, doc.file, item.line, done, item.status, row_where(doc, item),
                    row_words(item))


def _ru(d: _dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def _done_cell(cluster: Cluster, decision: Decision, sources: tuple[Evidence, ...], searched: bool) -> Cell:
    """«выполнено» or «выполнено с опозданием», resting on the earliest dated completion;
    `searched`: the typed rules and the cluster's claims found nothing."""
    due = decision.deadline.end if decision.deadline else None
    complete = [e for e in sources if e.done]
    dated = sorted((e for e in complete if e.date), key=lambda e: (e.date, ("claim", "rule", "plan").index(e.kind)))
    used = dated[0] if dated else complete[0]
    late = bool(due and used.date and used.date > due)
    how = {"claim": "подтверждение кластера", "rule": "на сайте кластера", "plan": "отметка в плане"}[used.kind]
    if used.status == "published":
        how = "публикация по медиаплану"
    what = f"{used.where}, «{used.label}»" if used.kind == "plan" else f"«{used.label}»"
    when = f" от {_ru(used.date)}" if used.date else " (дата выполнения не указана)"
    reason = f"{how}: {what}{when}"
    if late:
        reason += f", на {st.days((used.date - due).days)} позже срока {_ru(due)}"
    if used.kind == "plan" and used.status != "published" and decision.rules and searched:
        reason += "; " + "; ".join(rule_missing(r) for r in decision.rules)
    return Cell(cluster.slug, decision.number, "done_late" if late else "done", used, sources, reason)


def cell(site: Site, cluster: Cluster, protocol: Protocol, decision: Decision) -> Cell:
    """The one derivation of a decision's state for a cluster."""
    n = decision.number
    if not cluster.established:
        return Cell(cluster.slug, n, "not_applicable", None, (), "кластер не сформирован")
    as_of = site.config.as_of
    due = decision.deadline.end if decision.deadline else None
    claims = [Evidence("claim", c.note or "Подтверждение кластера", c.link, c.date, cluster.file, c.line, True)
              for c in cluster.evidence if c.protocol == protocol.slug and c.decision == n and c.date <= as_of]
    ruled = [e for rule in decision.rules for e in _rule_evidence(site, cluster, rule, protocol)]
    rows = [_row_evidence(site, cluster, d, i) for d, i in _plan_rows(site, cluster, protocol, decision)]
    sources = tuple(claims + ruled + rows)
    if any(e.done for e in sources):
        return _done_cell(cluster, decision, sources, not ruled and not claims)
    missing = "; ".join(rule_missing(r) for r in decision.rules) or "подтверждения исполнения нет"
    said = "; ".join(e.said for e in rows)
    if rows and all(e.status == "cancelled" for e in rows):
        return Cell(cluster.slug, n, "cancelled", rows[0], sources, f"в плане кластера отменено: {said}; {missing}")
    if due and due < as_of:
        reason = f"срок {_ru(due)} истёк, прошло {st.days((as_of - due).days)}; {missing}" + (f"; {said}" if said else "")
        return Cell(cluster.slug, n, "overdue", rows[0] if rows else None, sources, reason)
    in_work = [e for e in rows if e.status in ("in_progress", "partial", "overdue", "not_done", "postponed")]
    if in_work:
        return Cell(cluster.slug, n, "in_progress", in_work[0], sources, in_work[0].said)
    term = f"срок {_ru(due)} не наступил" if due else "срок не указан"
    planned = [e for e in rows if e.status != "cancelled"]
    reason = term + (f"; запланировано: {planned[0].said}" if planned else "")
    return Cell(cluster.slug, n, "not_started", planned[0] if planned else None, sources, reason)


Matrix = tuple[tuple[Cluster, tuple[Cell, ...]], ...]


def matrix(site: Site, protocol: Protocol) -> Matrix:
    return tuple((c, tuple(cell(site, c, protocol, d) for d in protocol.decisions)) for c in site.clusters)


def matrices(site: Site) -> dict[str, Matrix]:
    """The matrix of every protocol, by its slug."""
    return {p.slug: matrix(site, p) for p in site.protocols}


def conflicts(site: Site) -> list[dg.Diagnostic]:
    """Evidence that disagrees, as warnings at the plan row, naming the other file and line."""
    out: list[dg.Diagnostic] = []
    for protocol in site.protocols:
        for cluster, cells in matrix(site, protocol):
            for decision, c in zip(protocol.decisions, cells):
                # a publication with its link is proof as good as a file on the site
                proven = [e for e in c.sources if e.kind in ("claim", "rule") or e.status == "published"]
                for e in c.sources:
                    if e.kind != "plan":
                        continue
                    where = f"{protocol.file}, строка {decision.line}" if decision.line else protocol.file
                    if e.done and decision.rules and not proven:
                        out.append(dg.warning(
                            "protocol.evidence-conflict", e.file, e.line,
                            f"Пункт отмечен выполненным (п. {decision.number} протокола № {protocol.number}), но на "
                            f"сайте нет подтверждения, которого требует протокол ({where}): "
                            + ", ".join(rule_wants(r) for r in decision.rules) + ". На панели исполнения решение "
                            "показано выполненным по отметке в плане.",
                            "Добавьте подтверждение (файл или запись evidence в cluster.yaml) или исправьте статус "
                            "пункта, например на «в работе»."))
                    elif e.status == "not_done" and proven:
                        first = proven[0]
                        out.append(dg.warning(
                            "protocol.evidence-conflict", e.file, e.line,
                            f"Пункт отмечен «не выполнено», а подтверждение исполнения п. {decision.number} протокола "
                            f"№ {protocol.number} есть: «{first.label}» ({first.source}).",
                            "Исправьте статус пункта на «выполнено» или уберите подтверждение."))
    return out
