"""A championship as its page and its CMS piece show it (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.model import Championship
from clusterpages.values.text import ru_date_range

LEVELS = {"college": "внутриколледжный", "regional": "региональный", "national": "национальный"}


@dataclass(frozen=True)
class Result:
    place: str
    participant: str    # the participant's name, or «не указан» without their consent (152-ФЗ)
    college: str
    competency: str


@dataclass(frozen=True)
class Photo:
    src: str            # site path
    alt: str


@dataclass(frozen=True)
class ChampionshipView:
    slug: str
    title: str
    dates: str          # «8–9 февраля 2023 г.»
    venue: str
    level: str          # in words: «региональный»
    partners: tuple[str, ...]
    competencies: tuple[str, ...]
    body_html: str
    results: tuple[Result, ...]
    photos: tuple[Photo, ...]


def view(c: Championship) -> ChampionshipView:
    return ChampionshipView(c.slug, c.title, ru_date_range(c.start, c.end), c.venue, LEVELS[c.level], c.partners,
                            c.competencies, c.body_html,
                            tuple(Result(r.place, r.participant or "не указан", r.college, r.competency)
                                  for r in c.results),
                            tuple(Photo(p.src, p.alt) for p in c.photos))
