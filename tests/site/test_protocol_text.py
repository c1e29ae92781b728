"""A protocol's text as its page gets it: the date in words, each decision's term already said."""

from __future__ import annotations

import datetime as dt

from clusterpages.site.views import protocol as protocol_view
from clusterpages.values.text import ru_date
from conftest import prepare


def test_terms_name_their_last_day_unless_the_deadline_is_a_day(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    assert site is not None, diags
    for p in site.protocols:
        v = protocol_view.text(p)
        assert (v.number, v.date, v.title) == (p.number, ru_date(p.date), p.title)
        for d, said in zip(p.decisions, v.decisions, strict=True):
            assert said.term.startswith(d.deadline_text)
            ranged = d.deadline and d.deadline.end and d.deadline.kind not in ("date", "by")
            assert said.term == (f"{d.deadline_text} (по {ru_date(d.deadline.end)})" if ranged else d.deadline_text)
    assert any("(по " in d.term for p in site.protocols for d in protocol_view.text(p).decisions)
