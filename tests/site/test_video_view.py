"""Videos grouped by kind: one grouping for the videos page and its CMS fragment."""

from __future__ import annotations

import dataclasses
import datetime as dt

from clusterpages.site.views import videos as video_view
from clusterpages.values.text import ru_date
from clusterpages.values.videos import PLATFORM_NAMES
from conftest import prepare


def test_groups_follow_the_kinds_and_keep_the_given_order(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    assert site is not None, diags
    videos = [video_view.view(v) for v in sorted(site.videos, key=lambda v: (v.date, v.slug), reverse=True)]
    groups = video_view.groups(videos)
    kinds = [k for k, _ in video_view.KINDS]
    assert [g.kind for g in groups] == [k for k in kinds if any(v.kind == k for v in videos)]
    assert all(g.videos for g in groups)
    assert sorted((v for g in groups for v in g.videos), key=videos.index) == videos
    for g in groups:
        assert list(g.videos) == [v for v in videos if v.kind == g.kind]
    assert video_view.groups([]) == ()


def test_a_video_view_says_its_platform_and_date_in_words(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    v = next(v for v in site.videos if v.platform != "file")
    view = video_view.view(v)
    assert view.platform_name == PLATFORM_NAMES[v.platform]
    assert (view.date, view.date_iso) == (ru_date(v.date), v.date.isoformat())
    assert video_view.structured_data(view)["uploadDate"] == v.date.isoformat()


def test_where_watch_leads_is_the_views(example_site):
    """The host's page and its name for a hosted video; the file, on the site, for one the site
    publishes (templates take the link and its words from the view)."""
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    hosted = video_view.view(next(v for v in site.videos if v.platform != "file"))
    assert hosted.external and hosted.page_url.startswith("https://")
    assert hosted.watch_label == f"Смотреть на {PLATFORM_NAMES[hosted.platform]}"
    own = video_view.view(dataclasses.replace(next(v for v in site.videos if v.platform != "file"),
                                              platform="file", file="clusters/it/media/rolik.mp4",
                                              page_url="clusters/it/media/rolik.mp4", embed_url=None))
    assert not own.external
    assert (own.page_url, own.watch_label) == ("clusters/it/media/rolik.mp4", "Смотреть на сайте (файл)")
