"""A cluster's videos grouped by kind, for its page and its CMS fragment (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.model import Video

# The kinds of videos.yaml in the order the page shows them, with their headings.
KINDS = (("profession", "Рабочие профессии"), ("greeting", "Поздравления"), ("other", "Другие ролики"))


@dataclass(frozen=True)
class VideoGroup:
    kind: str
    heading: str
    videos: tuple[Video, ...]


def groups(videos: tuple[Video, ...] | list[Video]) -> tuple[VideoGroup, ...]:
    """Non-empty groups in the order of KINDS, each keeping the order it is given."""
    out = (VideoGroup(kind, heading, tuple(v for v in videos if v.kind == kind)) for kind, heading in KINDS)
    return tuple(g for g in out if g.videos)


def structured_data(v: Video) -> dict:
    """The schema.org VideoObject of a video (search engines read it from the page's JSON-LD)."""
    data = {"@context": "https://schema.org", "@type": "VideoObject", "name": v.title,
            "description": v.description or v.title, "uploadDate": v.date.isoformat(),
            "duration": f"PT{v.seconds}S" if v.seconds else None, "embedUrl": v.embed_url,
            "contentUrl": v.page_url if v.platform != "file" else None, "transcript": v.transcript or None}
    return {k: value for k, value in data.items() if value is not None}
