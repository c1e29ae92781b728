"""content/protocols/*.md → Protocol: decisions, deadlines, what counts as evidence (pure)."""

from __future__ import annotations

from clusterpages.content.documents import decisionrefs
from clusterpages.content.documents.context import Context, front_matter
from clusterpages.content.documents.links import body_html
from clusterpages.content.read import schemas
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Decision, DecisionRef, Protocol, Rule
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, urls
from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines import DeadlineError, parse_deadline


def parse_protocol(ctx: Context, src: SourceFile) -> tuple[Protocol | None, list[dg.Diagnostic]]:
    doc, data, diags = front_matter(src, schemas.PROTOCOL, "протокола")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    pslug = src.rel.rsplit("/", 1)[1][:-3]
    decisions = []
    year = AcademicYear(data["date"].year if data["date"].month >= ctx.config.year_start[0] else data["date"].year - 1,
                        start=ctx.config.year_start, end=ctx.config.year_end)
    numbers = set()
    for i, d in enumerate(data.get("decisions") or []):
        if d.get("number") in numbers:
            diags.append(dg.error("protocol.duplicate-decision", src.rel, d["_line"], f"Решение № {d['number']} встречается дважды.",
                                  "У каждого решения свой номер."))
        numbers.add(d.get("number"))
        deadline = None
        try:
            deadline = parse_deadline(d.get("deadline") or "", year)
        except DeadlineError as exc:
            diags.append(dg.warning("protocol.deadline", src.rel, doc.meta.line(("decisions", i, "deadline")),
                                    f"Срок «{d.get('deadline')}» не распознан.", exc.hint))
        rules = tuple(Rule(r.get("type"), r.get("academic_year"), r.get("kind"),
                           (r.get("tag") or "").lower().replace("ё", "е") or None, r.get("_line"))
                      for r in d.get("evidence") or [])
        decisions.append(Decision(d["number"], d["text"], d.get("deadline") or "", deadline, d.get("responsible") or "",
                                  rules, short=d.get("short") or "", line=d.get("_line"),
                                  refers=_refers(doc, d, i, diags, src.rel)))
    approved = data.get("approved") or {}
    body = body_html(ctx, doc.body, src.rel, doc.body_line, inputs.PROTOCOLS, urls.protocol(pslug), diags)
    return Protocol(pslug, src.rel, data["title"], str(data["number"]), data["date"], approved.get("position") or "",
                    approved.get("name") or "", tuple(sorted(decisions, key=lambda x: x.number)), body), diags


def _refers(doc, d: dict, i: int, diags: list, file: str) -> tuple[DecisionRef, ...]:
    """The decisions of other protocols a decision continues: named in its text, or in its
    `continues:` list in the same words; a `continues:` entry that names none is a warning."""
    found = list(decisionrefs.find(d["text"], doc.meta.line(("decisions", i, "text"))))
    for j, said in enumerate(d.get("continues") or []):
        line = doc.meta.line(("decisions", i, "continues", j))
        refs = decisionrefs.find(str(said), line)
        if not refs:
            diags.append(dg.warning("protocol.reference", file, line,
                                    f"В «continues» не понятно, какое решение продолжается: «{said}».",
                                    "Пишите, как в протоколе: «п. 4 протокола № 4 от 06.12.2022» "
                                    "(несколько решений — «пп. 4 и 5 протокола № 4»)."))
        found += refs
    seen: dict[tuple, DecisionRef] = {}
    for r in found:
        seen.setdefault((r.protocol, r.date, r.decision), r)
    return tuple(seen.values())
