"""Plan tables as templates get them: one cell per column, months and notes already worked out."""

from __future__ import annotations

import datetime as dt

from clusterpages.site.views import plan as plan_view
from clusterpages.values import status
from clusterpages.values.text import ru_date, status_note
from conftest import prepare


def _prom_plan(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    assert site is not None, diags
    return next(d for d in site.plans if d.cluster == "prom" and d.kind == "plan")


def test_every_row_has_one_cell_per_column_and_extra_columns_in_order(example_site):
    doc = _prom_plan(example_site)
    tables = [b for b in plan_view.blocks(doc) if not isinstance(b, str)]
    assert tables
    rows = [r for t in tables for r in t.rows]
    assert len(rows) == len(doc.items)
    for t in tables:
        for r in t.rows:
            assert [(c.role, c.header) for c in r.cells] == list(t.columns)
    for r, item in zip(rows, doc.items):
        assert r.item == plan_view.item_view(item)
        assert [c.html for c in r.cells if c.role == "extra"] == [html for _, html in item.extra]
    notes = [c.html for t in tables for r in t.rows for c in r.cells if c.header == "Примечание"]
    assert "Опубликован 20.12.2022" in notes


def test_months_and_notes(example_site):
    doc = _prom_plan(example_site)
    rows = [r for b in plan_view.blocks(doc) if not isinstance(b, str) for r in b.rows]
    for r, item in zip(rows, doc.items, strict=True):
        d = item.deadline
        if d and d.start and d.kind != "recurrence":
            assert r.months == f"{d.start:%Y-%m} {d.end:%Y-%m}"
        else:
            assert r.months == ""
        assert r.note == status_note(item.status_note, status.LABELS[item.status])
        assert not r.note.lower().startswith(status.LABELS[item.status].lower())
    assert "2022-12 2022-12" in {r.months for r in rows}


def test_the_head_is_formatted_for_the_template(example_site):
    doc = _prom_plan(example_site)
    head = plan_view.document(doc, "dash")
    assert (head.slug, head.kind, head.group, head.title) == (doc.slug, "plan", "plan", doc.title)
    assert head.year == doc.year.label("dash")
    assert head.updated == (ru_date(doc.updated) if doc.updated else "")
    if doc.approval:
        assert head.approval.date == ru_date(doc.approval.date) and head.approval.name == doc.approval.name
