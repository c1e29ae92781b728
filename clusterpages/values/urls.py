"""Every output path and address of the site, in one place (pure).

A site path is POSIX, relative to the output root (`clusters/it/plan-2022-2023/index.html`);
pages link to each other with `relative()`, so the same output works at `/`, under a sub-path
and from `file://`. Nothing else in clusterpages spells a path of the output: the stages and
the templates ask this module (templates through the `urls` global and `url()`).

It lives beside the model rather than in `site/` because content needs it too: a link written
in Markdown is resolved at load time to the address of the page it points to.
"""

from __future__ import annotations

import functools
import posixpath

from clusterpages.values import inputs

INDEX = "index.html"
FEED = "feed.xml"
CALENDAR = "calendar.ics"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
ADMIN = "dlya-administratorov/index.html"
ADMIN_DIR = "dlya-administratorov/"
CHANGES = "downloads/changes/index.html"
MANIFEST = "downloads/manifest.json"
DOWNLOADS = "downloads/"
EMBED = "embed/"
EMBED_CSS = "embed/embed.css"
ASSETS = "assets/"
TOKENS_CSS = "assets/tokens.css"
PROFESSIONS = "professions/index.html"
PARTNERS = "partners/index.html"
TOCHKI = "tochki-rosta/index.html"
CLUSTERS = "clusters/"
PROTOCOLS = "protocols/"
HELP = "spravka/index.html"
ARCHIVE = "arkhiv/index.html"
REGION = "region/"
REGION_XLSX = "region/pokazateli.xlsx"   # the region's indicators: a sheet per academic year
REGION_CSV = "region/pokazateli.csv"

_PAGE = "/index.html"


# --------------------------------------------------------------------------- pages

def cluster_dir(cluster: str) -> str:
    """The folder of a cluster's pages, with a trailing slash."""
    return f"{CLUSTERS}{cluster}/"


def cluster(cluster: str) -> str:
    return f"{CLUSTERS}{cluster}{_PAGE}"


def document(cluster: str, slug: str) -> str:
    """A plan, media plan or report: its address follows its file name."""
    return f"{CLUSTERS}{cluster}/{slug}{_PAGE}"


def archive(cluster: str | None, first_year: int | None = None) -> str:
    """The documents by academic year: a cluster's, or the region's (None); `first_year` goes to
    one year's section (2022 → «#year-2022», the 2022–2023 academic year)."""
    page = f"{CLUSTERS}{cluster}/arkhiv{_PAGE}" if cluster else ARCHIVE
    return page + (f"#{year_anchor(first_year)}" if first_year is not None else "")


def year_anchor(first_year: int) -> str:
    """The id of an academic year's section on an archive page: «year-2022»."""
    return f"year-{first_year}"


def _region_year(first_year: int) -> str:
    return f"{REGION}{first_year}-{first_year + 1}"


def region_report(first_year: int) -> str:
    """The region's report of an academic year (2021 → region/2021-2022/): every cluster side by side."""
    return f"{_region_year(first_year)}{_PAGE}"


def region_print(first_year: int) -> str:
    return f"{_region_year(first_year)}/print{_PAGE}"


def region_slides(first_year: int) -> str:
    return f"{_region_year(first_year)}/slides{_PAGE}"


def report_print(cluster: str, slug: str) -> str:
    return f"{CLUSTERS}{cluster}/{slug}/print{_PAGE}"


def report_slides(cluster: str, slug: str) -> str:
    return f"{CLUSTERS}{cluster}/{slug}/slides{_PAGE}"


def item_anchor(uid: str) -> str:
    """The id of a plan or media-plan row on its document's page."""
    return f"item-{uid}"


def plan_item(cluster: str, doc: str, uid: str) -> str:
    return f"{document(cluster, doc)}#{item_anchor(uid)}"


def videos(cluster: str) -> str:
    return f"{CLUSTERS}{cluster}/videos{_PAGE}"


def video(cluster: str, slug: str) -> str:
    return f"{videos(cluster)}#video-{slug}"


def championships(cluster: str) -> str:
    return f"{CLUSTERS}{cluster}/championships{_PAGE}"


def championship(cluster: str, slug: str) -> str:
    return f"{CLUSTERS}{cluster}/championships/{slug}{_PAGE}"


def page(cluster: str, slug: str) -> str:
    return f"{CLUSTERS}{cluster}/pages/{slug}{_PAGE}"


def help_page(slug: str) -> str:
    """A page of the guide («Справка»): content/help/<slug>.md."""
    return f"spravka/{slug}{_PAGE}"


def protocol(slug: str) -> str:
    return f"{PROTOCOLS}{slug}{_PAGE}"


def decision_anchor(number: int) -> str:
    """The id of a decision in its protocol's text: «decision-4»."""
    return f"decision-{number}"


def decision(protocol_slug: str, number: int) -> str:
    return f"{protocol(protocol_slug)}#{decision_anchor(number)}"


def profession(slug: str) -> str:
    return f"{PROFESSIONS}#prof-{slug}"


def partner(slug: str) -> str:
    return f"{PARTNERS}#partner-{slug}"


def asset(name: str) -> str:
    return ASSETS + name


# --------------------------------------------------------------------------- search

SEARCH_PAGE = "poisk/index.html"
SEARCH_MANIFEST = "search/manifest.js"


def search_page(cluster: str | None) -> str:
    """The search page: the regional one, or a cluster's own (it travels in the cluster's zip)."""
    return f"{CLUSTERS}{cluster}/poisk{_PAGE}" if cluster else SEARCH_PAGE


def search_part(cluster: str | None) -> str:
    """The folder of a cluster's part of the search index (or the regional part), with a slash."""
    return f"{CLUSTERS}{cluster}/search/" if cluster else "search/region/"


def search_bundle_manifest(cluster: str) -> str:
    """The manifest of one cluster's part: its zip carries it as SEARCH_MANIFEST."""
    return f"{search_part(cluster)}manifest.js"


# --------------------------------------------------------------------------- data files

def _twin(kind: str, ext: str) -> str:
    return ("plan" if kind == "plan" else "media-plan") + ext


def plan_json(cluster: str, slug: str, kind: str) -> str:
    """plan.json or media-plan.json beside the plan's page."""
    return f"{CLUSTERS}{cluster}/{slug}/{_twin(kind, '.json')}"


def plan_ics(cluster: str, slug: str, kind: str) -> str:
    return f"{CLUSTERS}{cluster}/{slug}/{_twin(kind, '.ics')}"


def plan_docx(cluster: str, slug: str, kind: str) -> str:
    """plan.docx or media-plan.docx: the plan to print and sign (ГОСТ Р 7.0.97-2016)."""
    return f"{CLUSTERS}{cluster}/{slug}/{_twin(kind, '.docx')}"


def plan_original(cluster: str, slug: str, name: str) -> str:
    """The Word or Excel file a plan was read from, under its own name beside the plan's page."""
    return f"{CLUSTERS}{cluster}/{slug}/{name}"


def cluster_calendar(cluster: str) -> str:
    return f"{CLUSTERS}{cluster}/{CALENDAR}"


def cluster_feed(cluster: str) -> str:
    return f"{CLUSTERS}{cluster}/{FEED}"


def matrix(protocol_slug: str, ext: str) -> str:
    """matrix.csv, matrix.json or matrix.xlsx of a protocol's dashboard."""
    return f"{PROTOCOLS}{protocol_slug}/matrix.{ext}"


def bundle(cluster: str) -> str:
    return f"{DOWNLOADS}{cluster}.zip"


# --------------------------------------------------------------------------- CMS fragments

def embed_dir(cluster: str) -> str:
    return f"{EMBED}{cluster}/"


def fragment(cluster: str, name: str) -> str:
    return f"{embed_dir(cluster)}{name}.html"


def fragment_inline(cluster: str, name: str) -> str:
    """The same fragment with the theme's styles inlined (for editors that drop <style>)."""
    return f"{embed_dir(cluster)}{name}.inline.html"


def video_snippet(cluster: str, slug: str) -> str:
    return fragment(cluster, f"video-{slug}")


def chart_dir(cluster: str) -> str:
    return f"{EMBED}{cluster}/charts/"


def chart(cluster: str, report: str, n: int) -> str:
    return f"{chart_dir(cluster)}{report}-{n}.svg"


# --------------------------------------------------------------------------- content → output

def media(content_path: str) -> str:
    """Where a content file is published: content/clusters/it/media/x.png → clusters/it/media/x.png."""
    prefix = inputs.CONTENT + "/"
    return content_path[len(prefix):] if content_path.startswith(prefix) else content_path


def page_of(content_path: str) -> str | None:
    """The page a content file is shown on, or None when the file has no page of its own."""
    where = inputs.place(content_path)
    if where.section == "protocol":
        return protocol(where.slug)
    if where.section != "cluster":
        return None
    slug, rest = where.slug, where.rest
    if rest == ("cluster.yaml",):
        return cluster(slug)
    if rest == ("videos.yaml",):
        return videos(slug)
    if len(rest) == 1 and rest[0].endswith(".md"):
        return document(slug, rest[0][:-3])
    if len(rest) == 2 and rest[0] == "championships" and rest[1].endswith(".md"):
        return championship(slug, rest[1][:-3])
    if len(rest) == 2 and rest[0] == "pages" and rest[1].endswith(".md"):
        return page(slug, rest[1][:-3])
    return None


# --------------------------------------------------------------------------- links between pages

def relative(target: str, from_page: str) -> str:
    """A relative URL from the page at `from_page` to the site path `target`."""
    folder = from_page.rpartition("/")[0]  # posixpath.dirname of a site path (no «//», no leading «/»)
    if target == "":  # the page itself
        return _relpath(from_page, folder or ".")
    if target.startswith(("http://", "https://", "mailto:", "tel:", "#")):
        return target
    return _relative_in(target, folder)


@functools.lru_cache(maxsize=1 << 16)
def _relative_in(target: str, folder: str) -> str:
    """`relative` from a page in `folder`: the same addresses from pages of one folder (a page's
    two renders, the page and its CMS piece; pages sharing a folder) worked out once."""
    frag = ""
    if "#" in target:
        target, frag = target.split("#", 1)
        frag = "#" + frag
    return _relpath(target, folder or ".") + frag


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath of two site paths, without asking the system for the working directory
    (relpath does, twice a call: every link of every page)."""
    to, here = _site_parts(path), _site_parts(start)
    if to is None or here is None:
        return posixpath.relpath(path, start)  # not a site path: as the system resolves it
    common = 0
    for a, b in zip(to, here):
        if a != b:
            break
        common += 1
    return "/".join(("..",) * (len(here) - common) + to[common:]) or "."


@functools.lru_cache(maxsize=1 << 14)
def _site_parts(path: str) -> tuple[str, ...] | None:
    """A site path's parts, normalised (None: a path from the root or leaving it). Every page is a
    folder of its own, so a link's (target, folder) pair is new on each page, but its target and
    folder are not: each is split once a process."""
    norm = posixpath.normpath(path)
    if norm.startswith(("/", "..")):
        return None
    return () if norm == "." else tuple(norm.split("/"))


def content_cluster(content_path: str) -> str | None:
    """The cluster whose own content a source file is (its documents, pages, media), else None:
    cluster.yaml is not (its names are in every page's menu), nor protocols, config or theme."""
    where = inputs.place(content_path)
    return where.slug if where.section == "cluster" and where.rest != ("cluster.yaml",) else None


def cluster_of(path: str) -> str | None:
    """The cluster a site path belongs to (its pages or its CMS fragments), else None."""
    parts = path.split("/")
    if len(parts) > 2 and parts[0] + "/" in (CLUSTERS, EMBED):
        return parts[1]
    return None


def admin(cluster: str, part: int = 1) -> str:
    """A cluster's page for college web admins: its zip, its CMS pieces' code and previews (a
    cluster of many pieces has them in parts: the second and later in folders of their number)."""
    return f"{ADMIN_DIR}{cluster}{_PAGE}" if part == 1 else f"{ADMIN_DIR}{cluster}/{part}{_PAGE}"
