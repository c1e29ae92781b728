"""Artifacts besides pages: the generated stylesheet, JSON twins, calendars, checks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jinja2

from clusterpages import diagnostics as dg, urls
from clusterpages.model import PlanDoc, Site
from clusterpages.publish import calendar
from clusterpages.search import index as search_index
from clusterpages.site import dashboard
from clusterpages.theme import tokens


def _matrix_files(site: Site) -> dict[str, bytes]:
    """matrix.json and matrix.csv (UTF-8 with BOM, «;» separators: Excel in a Russian locale)."""
    out = {}
    for p in site.protocols:
        rows = dashboard.matrix(site, p)
        data = {"protocol": p.slug, "number": p.number, "as_of": site.config.as_of.isoformat(),
                "decisions": [{"number": d.number, "text": d.text, "deadline": d.deadline_text,
                               "due": d.deadline.end.isoformat() if d.deadline and d.deadline.end else None}
                              for d in p.decisions],
                "clusters": [{"cluster": c.slug, "name": c.short_name, "cells": [
                    {"decision": cell.decision, "state": cell.state, "label": cell.label,
                     "evidence": None if cell.evidence is None else {
                         "label": cell.evidence.label, "link": cell.evidence.link,
                         "date": cell.evidence.date.isoformat() if cell.evidence.date else None,
                         "late": cell.evidence.late}} for cell in cells]} for c, cells in rows]}
        out[urls.matrix(p.slug, "json")] = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        w.writerow(["Кластер"] + [f"Решение {d.number}" for d in p.decisions])
        for c, cells in rows:
            w.writerow([c.short_name] + [
                cell.label + (f" ({cell.evidence.date.strftime('%d.%m.%Y')})" if cell.evidence and cell.evidence.date else "")
                for cell in cells])
        out[urls.matrix(p.slug, "csv")] = ("\ufeff" + buf.getvalue()).encode("utf-8")
    return out


def _plan_json(doc: PlanDoc) -> bytes:
    def d(x):
        return x.isoformat() if x else None
    data = {
        "cluster": doc.cluster, "document": doc.slug, "kind": doc.kind, "title": doc.title,
        "academic_year": f"{doc.year.first}-{doc.year.first + 1}", "source": doc.file, "version": doc.version,
        "updated": d(doc.updated),
        "approved": None if doc.approval is None else {"position": doc.approval.position, "name": doc.approval.name,
                                                      "date": d(doc.approval.date)},
        "items": [{
            "uid": i.uid, "line": i.line, "section": i.section, "number": i.number, "title": i.title_text,
            "deadline": {"text": i.deadline_text, "kind": i.deadline.kind if i.deadline else None,
                         "start": d(i.deadline.start) if i.deadline else None,
                         "end": d(i.deadline.end) if i.deadline else None,
                         "freq": i.deadline.freq if i.deadline else None},
            "responsible": i.responsible, "participants": i.participants, "status": i.status,
            "status_note": i.status_note, "tags": list(i.tags),
            "decisions": [{"protocol": p, "decision": n} for p, n in i.decisions],
            "extra": {k: v for k, v in i.extra},
            **({"channel": i.channel, "format": i.format, "audience": i.audience, "reach_plan": i.reach_plan,
                "reach_fact": i.reach_fact, "link": i.link} if doc.kind == "media-plan" else {}),
        } for i in doc.items],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def artifacts(site: Site, env: jinja2.Environment, theme: Path) -> tuple[dict[str, bytes], list[dg.Diagnostic]]:
    files: dict[str, bytes] = {}
    css = tokens.stylesheet(site.config.palette, {c.slug: c.accent for c in site.clusters}, site.config.fonts)
    files[urls.TOKENS_CSS] = css.encode("utf-8")
    for doc in site.plans:
        files[urls.plan_json(doc.cluster, doc.slug, doc.kind)] = _plan_json(doc)
    files.update(_matrix_files(site))
    ics, diags = calendar.files(site)
    files.update(ics)
    found = search_index.build(site)
    files.update(found.files)
    diags.append(search_index.size_report(site, found))
    return files, diags

