"""Videos grouped by kind: one grouping for the videos page and its CMS fragment."""

from __future__ import annotations

import datetime as dt

from clusterpages.site.views import videos as video_view
from conftest import prepare


def test_groups_follow_the_kinds_and_keep_the_given_order(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    assert site is not None, diags
    videos = sorted(site.videos, key=lambda v: (v.date, v.slug), reverse=True)
    groups = video_view.groups(videos)
    kinds = [k for k, _ in video_view.KINDS]
    assert [g.kind for g in groups] == [k for k in kinds if any(v.kind == k for v in videos)]
    assert all(g.videos for g in groups)
    assert sorted((v for g in groups for v in g.videos), key=videos.index) == videos
    for g in groups:
        assert list(g.videos) == [v for v in videos if v.kind == g.kind]
    assert video_view.groups([]) == ()
