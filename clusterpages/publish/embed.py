"""CMS fragments: a cluster's pages as plain HTML to paste into a college site (pure).

`embed/<cluster>/<name>.html` holds one `<div class="cp-embed cp-embed--<cluster>">` with the
page's content only: no document, no script, no style element, no inline SVG (report charts
are HTML bars with inline widths and colours, which WordPress's KSES keeps and Joomla's default
filter does not touch; `embed/<cluster>/charts/*.svg` are offered as pictures apart). It is
styled by classes from `embed/embed.css` (brand colours written as literal values); `<name>.inline.html` has the same styles inlined
into style attributes, for editors that strip `<style>`. Links and images point to
`base_url` when it is set; otherwise links become plain text and images their alt text,
since a fragment pasted into a CMS page cannot know our paths. Video players are separate
optional snippets `embed/<cluster>/video-<slug>.html` (allow-listed hosts only).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Mapping
from urllib.parse import unquote, urlsplit

import jinja2

from clusterpages.model import Site
from clusterpages.publish.embedshape import shapes
from clusterpages.publish.embedstyles import inline_flattened, styles, tokens_from
from clusterpages.publish.htmlscan import (
    absolute,
    apply,
    outline,
    resolve,
    scan,
    span_for,
    start_tag,
)
from clusterpages.publish.write import content
from clusterpages.site import charts, pages, render
from clusterpages.site.views import cluster as cluster_view
from clusterpages.site.views import videos as video_view
from clusterpages.values import diagnostics as dg
from clusterpages.values import typography, urls
from clusterpages.values.colors import Color, shade, tint
from clusterpages.values.memo import no_memo
from clusterpages.values.tokens import CLUSTER_DARK_SHADE, CLUSTER_TINT
from clusterpages.values.videos import ALLOWED_EMBED_HOSTS

# Page template → fragment template.
TEMPLATES = MappingProxyType({
    "cluster.html": "embed/home.html",
    "plan.html": "embed/plan.html",
    "report.html": "embed/report.html",
    "videos.html": "embed/videos.html",
    "championships.html": "embed/championships.html",
    "championship.html": "embed/championship.html",
    "page.html": "embed/page.html",
})
FORBIDDEN = frozenset({"html", "head", "body", "script", "style", "link", "meta", "svg", "math", "iframe", "form",
                       "input", "button", "select", "textarea", "object", "embed", "video", "audio", "canvas",
                       "noscript", "template", "base"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")


@dataclass(frozen=True)
class Fragment:
    cluster: str
    name: str            # home, plan-2022-2023, video-<slug>, …
    title: str           # what it shows, for the admin page
    kind: str            # "page" | "video"
    path: str            # embed/<cluster>/<name>.html
    html: object         # text (made here), or its file as the worker made it (bytes, Staged, Stored)
    inline_path: str | None
    inline_html: object  # the same of the inline form; None for a video player
    # Made where its page was rendered: `html` and `inline_html` are its two files as they came
    # (UTF-8 bytes, or where they are: written already, or in the page's cache entry), these their SHA-256.
    digests: tuple[str, str] | None = None

    def shown(self) -> tuple:
        """What the admin page shows of the piece but its code."""
        return self.cluster, self.name, self.title, self.kind, self.path, self.inline_path

    def signature(self) -> tuple:
        """What the admin page shows of the piece, its code by digest (no megabytes to compare or hash)."""
        digests = self.digests or tuple(None if t is None else hashlib.sha256(code(t).encode("utf-8")).hexdigest()
                                        for t in (self.html, self.inline_html))
        return self.shown() + (digests,)


def code(text: "str | bytes | object") -> str:
    """A piece's code as text, wherever it is (read only when it is asked for)."""
    return text if isinstance(text, str) else content(text).decode("utf-8")


# --------------------------------------------------------------------------- links

_RELINKED = re.compile(r"\s(?:href|id)\s*=", re.I)
_IMAGE = re.compile(r"<img\b", re.I)


def relink(text: str, page: str, base_url: str | None) -> str:
    """Links and images of a fragment rendered as if it were `page`: absolute with base_url,
    else plain text (links) and alt text (images). Outside addresses stay; anchors stay when
    their target is inside the fragment."""
    # Of the start tags, those with an address or an id (and every one when there is an image:
    # an <img> becomes its description whatever it holds); of the end tags, a link's (it may
    # become a <span>).
    tags = scan(text, None if _IMAGE.search(text) else _RELINKED, ("a",))
    ids = {v for t in tags if not t.closing for k, v in t.attrs if k == "id" and v}
    edits: list[tuple[int, int, str]] = []
    spanned = False
    for t in tags:
        if t.closing:
            if t.name == "a" and spanned:
                edits.append((t.start, t.end, "</span>"))
                spanned = False
            continue
        if t.name == "a" and t.get("href") is not None:
            href = t.get("href").strip()
            if href.startswith("#") and unquote(href[1:]) in ids:
                continue
            hit = None if href.startswith("#") else resolve(href, page)
            if hit is None and urlsplit(href).scheme.lower() in _SAFE_SCHEMES:
                continue
            if hit is not None and base_url:
                attrs = [(k, absolute(base_url, *hit) if k == "href" else v) for k, v in t.attrs]
                edits.append((t.start, t.end, start_tag("a", attrs)))
            else:
                edits.append((t.start, t.end, span_for(t)))
                spanned = True
        elif t.name == "img":
            src = (t.get("src") or "").strip()
            if urlsplit(src).scheme.lower() in ("http", "https"):
                continue
            hit = resolve(src, page) if src else None
            if hit is not None and base_url:
                attrs = [(k, absolute(base_url, *hit) if k == "src" else v) for k, v in t.attrs]
                edits.append((t.start, t.end, start_tag("img", attrs)))
            else:
                alt = t.get("alt") or ""
                edits.append((t.start, t.end, f'<span class="cp-embed__alt">{html.escape(alt)}</span>' if alt else ""))
    return apply(text, edits)


def problems(text: str, cluster: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """What makes `text` unfit to paste (empty when it is fine)."""
    out = []
    found = outline(text, VOID)
    bad = sorted(found.names & (FORBIDDEN - allow))
    if bad:
        out.append("недопустимые элементы: " + ", ".join(f"<{b}>" for b in bad))
    if found.handler:
        out.append("обработчики событий в атрибутах")
    if found.roots != 1 or found.depth != 0 or found.text_outside:
        out.append("должен быть ровно один корневой элемент")
    elif found.first.name != "div" or "cp-embed" not in (found.first.get("class") or "").split() \
            or f"cp-embed--{cluster}" not in (found.first.get("class") or "").split():
        out.append(f"корневой элемент должен быть <div class=\"cp-embed cp-embed--{cluster}\">")
    return out


# --------------------------------------------------------------------------- rendering

def _name(spec: pages.PageSpec) -> str:
    d = spec.data
    if spec.template == "cluster.html":
        return "home"
    if spec.template == "plan.html":
        return d["doc"].slug
    if spec.template == "report.html":
        return d["report"].slug
    if spec.template == "championship.html":
        return f"championship-{d['championship'].slug}"
    if spec.template == "page.html":
        return f"page-{d['page'].slug}"
    return spec.template[:-len(".html")]


def _title(spec: pages.PageSpec) -> str:
    return "Главная страница кластера" if spec.template == "cluster.html" else spec.title


def chart_files(site: Site, tokens_css: str) -> tuple[dict[str, dict[str, str]], dict[str, bytes]]:
    """Standalone SVG charts of every report, in the cluster's colours.

    Returns ({report site path: {group: chart site path}}, {chart site path: bytes}).
    """
    site_tokens, per_cluster = tokens_from(tokens_css)
    names: dict[str, dict[str, str]] = {}
    files: dict[str, bytes] = {}
    for r in site.reports:
        colours = charts.literal({**site_tokens, **per_cluster.get(r.cluster, {})})
        page = urls.document(r.cluster, r.slug)
        names[page] = {}
        for n, c in enumerate(charts.for_report(r, site.config.year_style), 1):
            svg = charts.svg(c, colours)
            path = urls.chart(r.cluster, r.slug, n)
            names[page][c.title] = path
            files[path] = ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n").encode("utf-8")
    return names, files


def _video_snippets(site: Site, env: jinja2.Environment, ch: pages.Chrome) -> list[tuple[str, str, str, str]]:
    """(cluster, slug, title, html) of the player snippet of each allow-listed video."""
    out = []
    for v in sorted(site.videos, key=lambda v: (v.cluster, v.slug)):
        if v.platform == "file" or not v.embed_url:
            continue
        parts = urlsplit(v.embed_url)
        if parts.scheme != "https" or parts.hostname not in ALLOWED_EMBED_HOSTS:
            continue
        spec = pages.PageSpec(urls.videos(v.cluster), "embed/video.html", v.title, ch,
                              cluster_view.view(site.cluster(v.cluster)), data={"video": video_view.view(v)})
        out.append((v.cluster, v.slug, v.title, render.render_text(env, spec)))
    return out


def templates_bytes(env: jinja2.Environment) -> bytes:
    """The fragment templates' sources: a fragment's cache key must change when they do."""
    loader = env.loader
    parts = []
    for name in sorted(n for n in env.list_templates() if n.startswith("embed/")):
        source, _, _ = loader.get_source(env, name)
        parts.append(name + "\0" + source)
    return "\0".join(parts).encode("utf-8")


def bar_colours(accent: Color) -> dict[str, str]:
    """The cluster's chart colours as values: a pasted fragment has no custom properties."""
    return {"current": accent.hex, "previous": tint(accent, CLUSTER_TINT).hex,
            "edge": shade(accent, CLUSTER_DARK_SHADE).hex}


def has_fragment(spec: pages.PageSpec) -> bool:
    return spec.cluster is not None and spec.template in TEMPLATES


def fragment_spec(spec: pages.PageSpec, base_url: str | None, chart_names: Mapping[str, str]) -> pages.PageSpec | None:
    """The spec a page's fragment is rendered from (None: the page has no fragment).

    Rendered as if it were the page itself, so url() gives the same relative links;
    relink() then makes them absolute or plain text."""
    if not has_fragment(spec):
        return None
    extra = {"base_url": base_url}
    if spec.template == "report.html":
        extra["chart_files"] = chart_names
        extra["bar_colours"] = bar_colours(spec.cluster.accent)
    return replace(spec, template=TEMPLATES[spec.template], data={**spec.data, **extra})


def fragment_path(spec: pages.PageSpec) -> str:
    return urls.fragment(spec.cluster.slug, _name(spec))


def fragment_inline_path(spec: pages.PageSpec) -> str:
    return urls.fragment_inline(spec.cluster.slug, _name(spec))


def make_fragment(env: jinja2.Environment, fspec: pages.PageSpec, page: str, base_url: str | None,
                  cluster_css: str, body: str | None = None) -> tuple[str, str, tuple[dg.Diagnostic, ...]]:
    """One fragment: its HTML, the same with styles inlined, and why it cannot be pasted (if so);
    `body`: the page's body typographed already (render.typographed_body)."""
    text, checked = _typographed(env, fspec, page, base_url, body)
    found = _report(problems(checked, fspec.cluster.slug), fspec.cluster.file, fragment_path(fspec))
    piece, flat = shapes(text)
    return piece, inline_flattened(flat, cluster_css), tuple(found)


def _typographed(env: jinja2.Environment, fspec: pages.PageSpec, page: str, base_url: str | None,
                 body: str | None) -> tuple[str, str]:
    """The fragment rendered, its links rewritten (relink) and typographed; and what of it is to be
    checked (`problems`). Typographed after relink() has turned image descriptions and links into
    text; given the page's body typographed, the rest is typographed and relinked with it in, when
    the piece has no image: relink() then changes only the tags of links (an <a> for an <a> or a
    <span>), which typography passes over. The body is then left out of the check: it is markup
    the sanitizer wrote (content/documents/markup.py), of none but allowed elements and
    attributes, every element closed, and relink() keeps it so — the check reads the rest."""
    if body is not None:
        around = render.around_body(env, fspec)
        if around is not None and not any(_IMAGE.search(part) for part in (*around, body)):
            head, tail = around
            checked = relink(head + render.BODY_STAND_IN + tail, page, base_url)
            return relink(head + body + tail, page, base_url), checked
    text = render.render_text(env, fspec, typographed=False)
    text = typography.typograph_html(relink(text, page, base_url))
    return text, text



def fragments(site: Site, env: jinja2.Environment, css_source: str, tokens_css: str,
              specs: list[pages.PageSpec] | None = None, made: Mapping[str, tuple] | None = None,
              remember=no_memo, theme_key: str = "") -> tuple[list[Fragment], dict[str, bytes], list[dg.Diagnostic]]:
    """Every fragment of every cluster, and the files of embed/ (fragments, embed.css, charts).

    `specs` are the site's page specs when the caller has them; `made` holds fragments
    already made where their pages were rendered (page site path → (make_fragment's result as
    UTF-8, the SHA-256 of its two files or None));
    `remember(name, inputs, make)` gives back the styles, charts and video snippets made from the
    same inputs (and templates, `theme_key`) before (the preview); the styles and charts are the
    ones the pages were published with (pipeline._extras asks for them under the same names).
    """
    made = made or {}
    base_url = site.config.base_url
    slugs = tuple(c.slug for c in site.clusters)
    st, diags = remember("embed-styles", (css_source, tokens_css, slugs), lambda: styles(css_source, tokens_css, slugs))
    chart_names, files = remember("embed-charts", (site.reports, tokens_css), lambda: chart_files(site, tokens_css))
    files, diags = dict(files), list(diags)
    ch = pages.chrome(site)
    out: list[Fragment] = []
    theme_bytes = b""
    for spec in (pages.specs(site) if specs is None else specs):
        if not has_fragment(spec):
            continue
        name = _name(spec)
        path = urls.fragment(spec.cluster.slug, name)
        digests = None
        if spec.path in made:  # its files (pagework.PageWork), read when the admin page shows their code
            (text, inlined, found), digests = made[spec.path]
        else:
            cluster_css = st.for_cluster(spec.cluster.slug)
            fspec = fragment_spec(spec, base_url, chart_names.get(spec.path, {}))
            theme_bytes = theme_bytes or templates_bytes(env)
            text, inlined, found = remember(f"fragment:{path}", (theme_bytes, fspec, str(base_url), cluster_css),
                                            lambda fspec=fspec, spec=spec, cluster_css=cluster_css:
                                            make_fragment(env, fspec, spec.path, base_url, cluster_css))
        diags += found
        out.append(Fragment(spec.cluster.slug, name, _title(spec), "page", path, text,
                            urls.fragment_inline(spec.cluster.slug, name), inlined, digests))
    snippets = remember("video-snippets", (theme_key, site.videos, site.clusters, ch, base_url),
                        lambda: _video_snippets(site, env, ch)) if theme_key else _video_snippets(site, env, ch)
    for cluster, slug, title, text in snippets:
        text = relink(text, urls.videos(cluster), base_url)
        path = urls.video_snippet(cluster, slug)
        diags += _report(problems(text, cluster, frozenset({"iframe"})), site.cluster(cluster).file, path)
        out.append(Fragment(cluster, f"video-{slug}", f"Плеер: {title}", "video", path, text, None, None))
    out.sort(key=lambda f: (f.cluster, f.kind != "page", f.path))
    files.update(_piece_files(out, remember))
    files[urls.EMBED_CSS] = st.sheet.encode("utf-8")
    return out, files, diags


def _piece_files(pieces: list[Fragment], remember) -> dict[str, object]:
    """The pieces' files: as they came from where their pages were made (not text), else encoded
    here (the preview: an unchanged piece's bytes as they were)."""
    def encoded(path: str, text: object) -> object:
        if not isinstance(text, str):
            return text
        return remember(f"bytes:{path}", text, lambda: text.encode("utf-8"))

    files: dict[str, object] = {}
    for f in pieces:
        files[f.path] = encoded(f.path, f.html)
        if f.inline_path:
            files[f.inline_path] = encoded(f.inline_path, f.inline_html)
    return files


def _report(found: list[str], file: str, path: str) -> list[dg.Diagnostic]:
    return [dg.error("embed.fragment", file, None, f"Фрагмент {path} нельзя вставлять в CMS: {p}.",
                     "Уберите из содержимого HTML-разметку или сообщите разработчикам темы.") for p in found]
