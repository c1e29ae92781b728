"""A protocol's own text on its page: the approval, the date in words, each decision with its
term and who answers for it (pure). The execution table beside it is views/matrix.py."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.model import Decision, Protocol
from clusterpages.values.text import ru_date


@dataclass(frozen=True)
class DecisionText:
    number: int
    text: str
    term: str           # the deadline as written, with its last day when that is not plain: «I квартал 2023 (по 31 марта 2023 г.)»
    responsible: str


@dataclass(frozen=True)
class ProtocolText:
    number: str
    date: str           # «6 декабря 2022 г.»
    title: str
    approval_position: str
    approval_name: str
    body_html: str
    decisions: tuple[DecisionText, ...]


def _term(d: Decision) -> str:
    dl = d.deadline
    if dl and dl.end and dl.kind not in ("date", "by"):
        return f"{d.deadline_text} (по {ru_date(dl.end)})"
    return d.deadline_text


def text(p: Protocol) -> ProtocolText:
    return ProtocolText(p.number, ru_date(p.date), p.title, p.approval_position, p.approval_name, p.body_html,
                        tuple(DecisionText(d.number, d.text, _term(d), d.responsible) for d in p.decisions))
