"""Slide numbers come from one view: title, figures, a slide per chart, one per section, closing."""

from __future__ import annotations

import re

from clusterpages.site.views import slides as slides_view


def test_deck_numbers_charts_then_sections_then_the_closing_slide():
    d = slides_view.deck(["c1", "c2"], ["s1", "s2", "s3"])
    assert d.charts == ((3, "c1"), (4, "c2"))
    assert d.sections == ((5, "s1"), (6, "s2"), (7, "s3"))
    assert d.total == 8
    empty = slides_view.deck([], [])
    assert (empty.charts, empty.sections, empty.total) == ((), (), 3)


def test_built_slides_are_numbered_one_to_total_without_gaps(example_build):
    out = example_build.out
    decks = sorted(out.glob("clusters/*/report-*/slides/index.html"))
    assert decks
    for page in decks:
        html = page.read_text(encoding="utf-8")
        ids = [int(n) for n in re.findall(r'id="slide-(\d+)"', html)]
        totals = set(re.findall(r'aria-label="Слайд \d+ из (\d+)"', html))
        assert ids == list(range(1, len(ids) + 1)), page
        assert totals == {str(len(ids))}, page
