"""Videos as their pages, a cluster's home and the CMS pieces show them, grouped by kind (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.model import Video
from clusterpages.values.text import ru_date
from clusterpages.values.videos import PLATFORM_NAMES

# The kinds of videos.yaml in the order the page shows them, with their headings.
KINDS = (("profession", "Рабочие профессии"), ("greeting", "Поздравления"), ("other", "Другие ролики"))


@dataclass(frozen=True)
class VideoView:
    slug: str
    kind: str
    title: str
    platform: str          # vk | rutube | youtube | file
    platform_name: str     # as a reader names it: «VK Видео», «RUTUBE»
    page_url: str          # the plain link to follow (a site path for a file)
    embed_url: str | None
    file: str | None       # site path of a local video
    poster: str | None     # site path
    duration: str
    seconds: int | None
    date: str              # «25 декабря 2022 г.»
    date_iso: str          # 2022-12-25
    description: str
    transcript: str
    external: bool         # on a video host (else a file the site publishes)
    watch_label: str       # the words of the link to page_url: «Смотреть на VK Видео», «Смотреть на сайте (файл)»


def view(v: Video) -> VideoView:
    platform_name = PLATFORM_NAMES.get(v.platform, v.platform)
    external = v.platform != "file"
    return VideoView(v.slug, v.kind, v.title, v.platform, platform_name, v.page_url,
                     v.embed_url, v.file, v.poster, v.duration, v.seconds, ru_date(v.date), v.date.isoformat(),
                     v.description, v.transcript, external,
                     f"Смотреть на {platform_name}" if external else "Смотреть на сайте (файл)")


@dataclass(frozen=True)
class VideoGroup:
    kind: str
    heading: str
    videos: tuple[VideoView, ...]


def groups(videos: tuple[VideoView, ...] | list[VideoView]) -> tuple[VideoGroup, ...]:
    """Non-empty groups in the order of KINDS, each keeping the order it is given."""
    out = (VideoGroup(kind, heading, tuple(v for v in videos if v.kind == kind)) for kind, heading in KINDS)
    return tuple(g for g in out if g.videos)


def structured_data(v: VideoView) -> dict:
    """The schema.org VideoObject of a video (search engines read it from the page's JSON-LD)."""
    data = {"@context": "https://schema.org", "@type": "VideoObject", "name": v.title,
            "description": v.description or v.title, "uploadDate": v.date_iso,
            "duration": f"PT{v.seconds}S" if v.seconds else None, "embedUrl": v.embed_url,
            "contentUrl": v.page_url if v.platform != "file" else None, "transcript": v.transcript or None}
    return {k: value for k, value in data.items() if value is not None}
