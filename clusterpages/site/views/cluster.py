"""What a cluster's home says it has not published yet, in words (pure).

The protocol's evidence rules name what each cluster is expected to publish (a report of an
academic year, a media plan, a work plan, videos of a kind, championships); whatever of that
the cluster has no file for is listed as a phrase: «медиаплан на 2022–2023 учебный год».
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterpages.model import Cluster, Rule, Site
from clusterpages.values.colors import Color
from clusterpages.values.academic import AcademicYear

_VIDEO_KINDS = {"profession": "видеоролики о рабочих профессиях", "greeting": "новогоднее видеообращение"}


def _year(text: str | None, style: str) -> str:
    try:
        return AcademicYear(int((text or "").replace("–", "-").replace("/", "-").split("-")[0])).label(style)
    except ValueError:
        return text or ""


def _missing(site: Site, cluster: Cluster, rule: Rule) -> str | None:
    slug = (rule.academic_year or "").replace("–", "-").replace("/", "-").strip()
    style = site.config.year_style
    if rule.type == "report":
        if not any(r.cluster == cluster.slug and r.slug == f"report-{slug}" for r in site.reports):
            return f"отчёт о деятельности за {_year(rule.academic_year, style)} учебный год"
    elif rule.type in ("media_plan", "plan_updated"):
        kind = "media-plan" if rule.type == "media_plan" else "plan"
        if not any(p.cluster == cluster.slug and p.slug == f"{kind}-{slug}" for p in site.plans):
            what = "медиаплан" if kind == "media-plan" else "план работы"
            return f"{what} на {_year(rule.academic_year, style)} учебный год"
    elif rule.type == "video":
        if not any(v.cluster == cluster.slug and (rule.kind is None or v.kind == rule.kind) for v in site.videos):
            return _VIDEO_KINDS.get(rule.kind or "", "видео")
    elif rule.type == "championship":
        if not any(c.cluster == cluster.slug for c in site.championships):
            return "страницы отраслевых чемпионатов"
    return None


def unpublished(site: Site, cluster: Cluster) -> tuple[str, ...]:
    """Phrases for what the protocols expect and the cluster has not published, in protocol order."""
    if not cluster.established:
        return ()
    out: list[str] = []
    for protocol in site.protocols:
        for decision in protocol.decisions:
            for rule in decision.rules:
                phrase = _missing(site, cluster, rule)
                if phrase and phrase not in out:
                    out.append(phrase)
    return tuple(out)


@dataclass(frozen=True)
class College:
    """A college as pages name it: its names and how to reach it."""

    name: str
    short_name: str = ""
    url: str | None = None
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Partner:
    name: str
    url: str | None      # the partner's own site
    industry: str


@dataclass(frozen=True)
class Profession:
    name: str
    code: str


@dataclass(frozen=True)
class ClusterView:
    """The cluster a page belongs to, as its templates show it (never the model's Cluster):
    names, colours' key, the leading college and members, partners and professions."""

    slug: str
    file: str             # cluster.yaml, for diagnostics about the cluster's pages
    name: str
    short_name: str
    established: bool
    accent: Color
    logo: str | None      # site path
    description_html: str
    leading: College
    colleges: tuple[College, ...]
    partners: tuple[Partner, ...]
    professions: tuple[Profession, ...]


def _college(c) -> College:
    return College(c.name, c.short_name, c.url, c.address, c.phone, c.email)


def view(cl: Cluster) -> ClusterView:
    return ClusterView(cl.slug, cl.file, cl.name, cl.short_name, cl.established, cl.accent, cl.logo,
                       cl.description_html, _college(cl.leading), tuple(_college(c) for c in cl.colleges),
                       tuple(Partner(p.name, p.url, p.industry) for p in cl.partners),
                       tuple(Profession(p.name, p.code) for p in cl.professions))
