"""The protocol dashboard as data for spreadsheets: matrix.csv and matrix.json (pure);
matrix.xlsx is made from the same cells by `publish.matrix_xlsx`.

The cells come from `content.execution` (the one derivation of a decision's state) and the
totals from `content.tally` (the one source of counts), as on the HTML pages.
"""

from __future__ import annotations

import csv
import io
import json

from clusterpages.content.facts.execution import STATES, Cell, matrix
from clusterpages.content.facts.tally import tally
from clusterpages.model import Protocol, Site
from clusterpages.values import urls

__all__ = ["STATES", "files", "matrix"]


def _cell_json(cell: Cell) -> dict:
    """A cell in the department's words: what was found and where, with links — no file names."""
    e = cell.evidence
    return {"decision": cell.decision, "state": cell.state, "label": cell.label, "reason": cell.reason,
            "evidence": None if e is None else {
                "kind": e.kind, "label": e.label, "said": e.said, "link": e.link,
                "date": e.date.isoformat() if e.date else None, "late": cell.late},
            "sources": [{"kind": s.kind, "said": s.said, "link": s.link, "done": s.done} for s in cell.sources]}


def cell_text(cell: Cell) -> str:
    """A cell as one spreadsheet cell: «Просрочено. Срок 25.12.2022 истёк, …»."""
    return f"{cell.label}. {cell.reason[:1].upper()}{cell.reason[1:]}."


def _json(site: Site, p: Protocol, rows) -> bytes:
    region = tally(site, protocol=p.slug)
    totals = {key: region.get(f"decisions.{key}") for key in ("total",) + tuple(STATES)}
    totals.pop("not_applicable")
    data = {"protocol": p.slug, "number": p.number, "as_of": site.config.as_of.isoformat(),
            "decisions": [{"number": d.number, "text": d.text, "deadline": d.deadline_text,
                           "due": d.deadline.end.isoformat() if d.deadline and d.deadline.end else None}
                          for d in p.decisions],
            "totals": totals,
            "clusters": [{"cluster": c.slug, "name": c.short_name, "cells": [_cell_json(x) for x in cells]}
                         for c, cells in rows]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _csv(p: Protocol, rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["Кластер"] + [f"Решение {d.number}" for d in p.decisions])
    for c, cells in rows:
        w.writerow([c.short_name] + [cell_text(x) for x in cells])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def files(site: Site) -> dict[str, bytes]:
    """matrix.json and matrix.csv (UTF-8 with BOM, «;» separators: Excel in a Russian locale)."""
    out = {}
    for p in site.protocols:
        rows = matrix(site, p)
        out[urls.matrix(p.slug, "json")] = _json(site, p, rows)
        out[urls.matrix(p.slug, "csv")] = _csv(p, rows)
    return out
