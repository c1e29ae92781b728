"""Plan tables as templates get them: one cell per column, months and notes already worked out."""

from __future__ import annotations

import datetime as dt

from clusterpages.site.views import plan as plan_view
from clusterpages.values import status
from clusterpages.values.text import status_note
from conftest import prepare


def _prom_plan(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    assert site is not None, diags
    return next(d for d in site.plans if d.cluster == "prom" and d.kind == "plan")


def test_every_row_has_one_cell_per_column_and_extra_columns_in_order(example_site):
    doc = _prom_plan(example_site)
    tables = [b for b in plan_view.blocks(doc) if not isinstance(b, str)]
    assert tables
    for t in tables:
        for r in t.rows:
            assert [(c.role, c.header) for c in r.cells] == list(t.columns)
            assert [c.html for c in r.cells if c.role == "extra"] == [html for _, html in r.item.extra]
    notes = [c.html for t in tables for r in t.rows for c in r.cells if c.header == "Примечание"]
    assert "Опубликован 20.12.2022" in notes


def test_months_and_notes(example_site):
    doc = _prom_plan(example_site)
    rows = [r for b in plan_view.blocks(doc) if not isinstance(b, str) for r in b.rows]
    for r in rows:
        d = r.item.deadline
        if d and d.start and d.kind != "recurrence":
            assert r.months == f"{d.start:%Y-%m} {d.end:%Y-%m}"
        else:
            assert r.months == ""
        assert r.note == status_note(r.item.status_note, status.LABELS[r.item.status])
        assert not r.note.lower().startswith(status.LABELS[r.item.status].lower())
    assert "2022-12 2022-12" in {r.months for r in rows}
