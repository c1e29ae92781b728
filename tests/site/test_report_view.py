"""A report as its templates get it: dates in words, the printed and slide versions' links a folder deeper."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from clusterpages.site.views import report as report_view
from clusterpages.values.text import ru_date
from conftest import prepare


def test_the_report_view_formats_dates_and_deepens_links_for_its_versions(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    assert site is not None, diags
    r = next(r for r in site.reports if r.cluster == "it")
    linked = replace(r.sections[0], html='<p><a href="../plan-2022-2023/">план</a> <a href="#a">тут</a></p>')
    r = replace(r, sections=(linked,) + r.sections[1:])
    top, deeper = report_view.view(r, "dash"), report_view.view(r, "dash", deeper=True)
    assert (top.slug, top.title, top.year) == (r.slug, r.title, r.year.label("dash"))
    assert (top.published, top.published_iso) == (ru_date(r.published), r.published.isoformat())
    assert [(s.title, s.anchor, s.html) for s in top.sections] == [(s.title, s.anchor, s.html) for s in r.sections]
    assert [s.anchor for s in deeper.sections] == [s.anchor for s in top.sections]
    assert deeper.sections[0].html == '<p><a href="../../plan-2022-2023/">план</a> <a href="#a">тут</a></p>'
    assert [s.html for s in deeper.sections[1:]] == [s.html for s in top.sections[1:]]
