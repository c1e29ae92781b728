"""Decisions that continue decisions of earlier protocols, both ways (pure).

A decision of protocol № 1 that says «во исполнение п. 4 протокола № 4 от 06.12.2022» (or names
it in `continues:`) links to that decision, and that decision shows what continued it. A
reference without a date means the latest protocol of that number dated before the referring
one (numbering starts again every year); with a date, the protocol of that number and date.
A reference to a protocol or decision the site does not have is a warning with the file, the
line and what the site has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from clusterpages.model import DecisionRef, Protocol, Site
from clusterpages.values import diagnostics as dg
from clusterpages.values.text import ru_short_date

Key = tuple[str, int]   # (protocol slug, decision number)


@dataclass(frozen=True)
class Threads:
    refers: Mapping[Key, tuple[Key, ...]]      # a decision → the earlier decisions it continues
    continued: Mapping[Key, tuple[Key, ...]]   # a decision → the later decisions that continue it


def _target(protocols: tuple[Protocol, ...], source: Protocol, ref: DecisionRef) -> Protocol | None:
    same = [p for p in protocols if p.number == ref.protocol and p is not source
            and (p.date == ref.date if ref.date else p.date <= source.date)]
    return max(same, key=lambda p: (p.date, p.slug)) if same else None


def threads(site: Site) -> Threads:
    refers: dict[Key, list[Key]] = {}
    continued: dict[Key, list[Key]] = {}
    for p in site.protocols:
        for d in p.decisions:
            for ref in d.refers:
                target = _target(site.protocols, p, ref)
                if target is None or ref.decision not in {x.number for x in target.decisions}:
                    continue
                there = (target.slug, ref.decision)
                if there not in refers.setdefault((p.slug, d.number), []):
                    refers[(p.slug, d.number)].append(there)
                    continued.setdefault(there, []).append((p.slug, d.number))
    return Threads({k: tuple(v) for k, v in refers.items()}, {k: tuple(v) for k, v in continued.items()})


def _named(p: Protocol) -> str:
    return f"№ {p.number} от {ru_short_date(p.date)}"


def check(site: Site) -> list[dg.Diagnostic]:
    """A reference to a protocol or a decision the site does not have: a warning at its line."""
    out = []
    listed = ", ".join(_named(p) for p in sorted(site.protocols, key=lambda p: p.date))
    for p in site.protocols:
        for d in p.decisions:
            for ref in d.refers:
                target = _target(site.protocols, p, ref)
                if target is None:
                    when = f" от {ru_short_date(ref.date)}" if ref.date else f", принятого до {ru_short_date(p.date)}"
                    out.append(dg.warning(
                        "protocol.reference", p.file, ref.line,
                        f"Решение {d.number} ссылается на «{ref.written}», но протокола № {ref.protocol}{when} на сайте нет.",
                        f"Протоколы на сайте: {listed}. Исправьте номер или дату протокола в ссылке либо добавьте "
                        "протокол в content/protocols/."))
                elif ref.decision not in {x.number for x in target.decisions}:
                    numbers = ", ".join(str(x.number) for x in target.decisions)
                    out.append(dg.warning(
                        "protocol.reference", p.file, ref.line,
                        f"Решение {d.number} ссылается на «{ref.written}», но в протоколе {_named(target)} нет "
                        f"решения {ref.decision}.",
                        f"Решения этого протокола: {numbers}. Исправьте номер пункта в ссылке."))
    return out
