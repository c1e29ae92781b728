"""The figures a template reads from a Totals view are the tally's, for every name a macro can ask."""

from __future__ import annotations

import datetime as dt

from clusterpages.content.facts import execution
from clusterpages.content.facts.tally import tally
from clusterpages.site import library
from clusterpages.site.views.counts import totals
from clusterpages.values import status
from conftest import prepare


def test_every_figure_is_the_tallys(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    assert site is not None, diags
    lib = library.library(site)
    found = [lib.region, *lib.tallies.values(), *(tally(site, d.cluster, d.slug) for d in site.plans),
             *(tally(site, matrices=lib.matrices, protocol=p.slug) for p in site.protocols)]
    states = {*status.ORDER, *status.LABELS, *execution.STATES, "total", "finished", "done"}
    names = [f"{g}.{s}" for g in ("plan", "media", "decisions") for s in states] + ["overdue.total", "soon.total"]
    for t in found:
        view = totals(t)
        assert view.scope == t.scope
        assert {n: view.get(n) for n in names} == {n: t.get(n) for n in names}
    assert any(totals(t).get("overdue.total") for t in found) and any(totals(t).get("decisions.done") for t in found)
