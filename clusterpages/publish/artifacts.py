"""What college web admins take: per-cluster zips, CMS fragments, feeds, sitemap.

Runs after the pages are rendered, on the in-memory site (nothing is written here; the
only files read are the copied ones, to pack and hash them).

- `downloads/<cluster>.zip` (bundles.py) and `downloads/manifest.json` (site path → SHA-256
  of every output file outside downloads/), the input of a later `build --since`;
- `embed/…` CMS fragments (embed.py);
- `feed.xml`, `clusters/<slug>/feed.xml`, and with base_url `sitemap.xml`, `robots.txt` (feeds.py);
- `dlya-administratorov/index.html`, the admin page, `dlya-administratorov/<cluster>/index.html`
  each cluster's pieces with their code, and with `--since`
  `downloads/changes/index.html`, what changed since the previous manifest.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Mapping

import jinja2

from clusterpages.content.read.location import BUNDLED_THEME
from clusterpages.model import Site
from clusterpages.publish import bundles, embed, feeds, linkcheck, write
from clusterpages.publish.pagework import PageWork
from clusterpages.site import pages as specs
from clusterpages.site import render
from clusterpages.site.views import cluster as cluster_view
from clusterpages.values import diagnostics as dg
from clusterpages.values import packing, text, urls
from clusterpages.values.memo import no_memo

HOME = ("Главная", urls.INDEX)


@dataclass(frozen=True)
class Kit:
    """What the admin page offers for one cluster."""

    cluster: cluster_view.ClusterView       # what the admin pages show of the cluster
    path: str                               # the cluster's admin page (urls.admin)
    zip_path: str
    zip_size: str
    fragments: tuple[embed.Fragment, ...]   # every page's piece: its code and preview are on that page
    videos: tuple[embed.Fragment, ...]
    charts: tuple[str, ...]

    def signature(self) -> tuple:
        """What the cluster's admin page is made from, its pieces' code by digest."""
        return (self.cluster, self.path, self.zip_path, self.zip_size, self.charts,
                tuple(f.signature() for f in self.fragments + self.videos))

    def summary(self) -> "Kit":
        """What the admin index shows of the kit: the cluster, its page and its zip (no code)."""
        return Kit(self.cluster, self.path, self.zip_path, self.zip_size, (), (), ())


@dataclass(frozen=True)
class ChangeGroup:
    key: str
    title: str
    zip_path: str | None
    new: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{text.ru_number(max(1, round(n / 1024)))}\u00a0КБ"
    return f"{text.ru_number(round(n / 1024 / 1024, 1))}\u00a0МБ"


def _kits(site: Site, fragments: list[embed.Fragment], zips: Mapping[str, "bytes | write.Staged"],
          embed_files: Mapping[str, bytes]) -> tuple[Kit, ...]:
    out = []
    for cl in site.clusters:
        mine = [f for f in fragments if f.cluster == cl.slug]
        path = urls.bundle(cl.slug)
        out.append(Kit(cluster_view.view(cl), urls.admin(cl.slug), path, _size(write.size(zips[path])),
                       tuple(f for f in mine if f.kind == "page"),
                       tuple(f for f in mine if f.kind == "video"),
                       tuple(sorted(p for p in embed_files if p.startswith(urls.chart_dir(cl.slug))))))
    return tuple(out)


ADMIN_TITLE = "Для администраторов сайтов колледжей"


def admin_page(site: Site, env: jinja2.Environment, kits: tuple[Kit, ...], css: str) -> bytes:
    """The admin index: how to place the materials, each cluster's zip and page of pieces (no code)."""
    spec = specs.PageSpec(urls.ADMIN, "admin.html", ADMIN_TITLE, specs.chrome(site),
                          crumbs=(HOME,), data={"view": "admin", "kits": tuple(k.summary() for k in kits), "css": css,
                                                "base_url": site.config.base_url, "manifest_path": urls.MANIFEST,
                                                "embed_css": urls.EMBED_CSS})
    return render.render_page(env, spec)


def cluster_admin_page(chrome: specs.Chrome, base_url: str | None, env: jinja2.Environment, kit: Kit) -> bytes:
    """One cluster's pieces for college web admins: their previews and code, its zip and charts."""
    return _with_code(*_admin_page_held(chrome, base_url, env, kit))


def _admin_page_held(chrome: specs.Chrome, base_url: str | None, env: jinja2.Environment,
                     kit: Kit) -> tuple[bytes, list[bytes]]:
    """The admin page rendered and typographed with a short stand-in for each piece's code (code
    is never typographed: it sits in a <textarea>), and the code: put in its place after
    (_with_code), as UTF-8 bytes, so that neither typography nor decoding walks megabytes of code.
    A stand-in has as many line breaks as its code: the page's tags are on the same lines."""
    codes: list[bytes] = []

    def stand_in(text: object) -> str | None:
        if text is None:
            return None
        codes.append(text.encode("utf-8") if isinstance(text, str) else write.content(text))
        return f"\x00{len(codes) - 1}\x00" + "\n" * codes[-1].count(b"\n")
    held = replace(kit, fragments=tuple(replace(f, html=stand_in(f.html), inline_html=stand_in(f.inline_html))
                                        for f in kit.fragments),
                   videos=tuple(replace(f, html=stand_in(f.html)) for f in kit.videos))
    spec = specs.PageSpec(kit.path, "admin.html", f"Материалы кластера «{kit.cluster.short_name}» для сайта колледжа",
                          chrome, crumbs=(HOME, (ADMIN_TITLE, urls.ADMIN)),
                          data={"view": "cluster", "kit": held, "base_url": base_url, "admin_path": urls.ADMIN})
    return render.render_page(env, spec), codes


def _with_code(page: bytes, codes: list[bytes]) -> bytes:
    parts = _STAND_IN.split(page)  # text, code number, text, …
    for i in range(1, len(parts), 2):
        code = codes[int(parts[i])]
        head = parts[i + 1][:code.count(b"\n")]  # where the stand-in's own line breaks are (unless trimmed)
        parts[i], parts[i + 1] = _escaped(code), parts[i + 1][len(head) - len(head.lstrip(b"\n")):]
    return b"".join(parts)


def _escaped(code: bytes) -> bytes:
    """UTF-8 text escaped as markupsafe.escape (Jinja's autoescape) escapes it."""
    return code.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;").replace(
        b'"', b"&#34;").replace(b"'", b"&#39;")


_STAND_IN = re.compile(b"\x00(\\d+)\x00")


@dataclass(frozen=True)
class AdminPage:
    """A cluster's admin page as made (in a worker or here): its bytes with their checksum, and
    its link-check scan (the page need not be read back and scanned for the check)."""

    blob: packing.Blob
    scan: linkcheck.Scan


def _admin_page(chrome: specs.Chrome, base_url: str | None, env: jinja2.Environment, kit: Kit) -> AdminPage:
    held, codes = _admin_page_held(chrome, base_url, env, kit)
    # scanned with the stand-ins: the same tags on the same lines (the code is a textarea's text)
    return AdminPage(packing.Blob.of(_with_code(held, codes)), linkcheck.scan(held.decode("utf-8")))


def admin_page_work(args: tuple[Path, Path | None, specs.Chrome, str | None, Kit]) -> AdminPage:
    """A unit of work for a worker process: one cluster's admin page, its pieces' code read from
    where the pages' workers wrote it."""
    templates, compiled, chrome, base_url, kit = args
    return _admin_page(chrome, base_url, render.with_bundled_templates(render.environment(templates, compiled)), kit)


# --------------------------------------------------------------------------- manifest and --since

def manifest(paths: list[str], digest, as_of: _dt.date) -> dict:
    """downloads/manifest.json: every listed file's SHA-256 (`digest(path)`), the input of a later `--since`."""
    return {"generator": "clusterpages", "as_of": as_of.isoformat(),
            "files": {p: digest(p) for p in sorted(paths)}}


def previous_files(previous: object) -> dict[str, str] | None:
    """The path → SHA-256 mapping of a manifest written by `manifest` (or a bare mapping)."""
    files = previous.get("files") if isinstance(previous, dict) and "files" in previous else previous
    if isinstance(files, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return files
    return None


def _group_key(path: str, slugs: set[str]) -> str:
    cluster = urls.cluster_of(path)
    return cluster if cluster in slugs else ""


def changes(site: Site, before: Mapping[str, str], now: Mapping[str, str]) -> tuple[ChangeGroup, ...]:
    """New, changed and removed files grouped by cluster (clusters in site order, then the rest)."""
    slugs = {c.slug for c in site.clusters}
    gone_clusters = sorted({urls.cluster_of(p) for p in before if urls.cluster_of(p)} - slugs)
    known = slugs | set(gone_clusters)
    order = [(c.slug, c.name, urls.bundle(c.slug)) for c in site.clusters] + \
            [(s, f"Кластер «{s}» (удалён)", None) for s in gone_clusters] + [("", "Общие файлы сайта", None)]
    out = []
    for key, title, zip_path in order:
        new = tuple(p for p in sorted(now) if p not in before and _group_key(p, known) == key)
        changed = tuple(p for p in sorted(now) if p in before and before[p] != now[p] and _group_key(p, known) == key)
        removed = tuple(p for p in sorted(before) if p not in now and _group_key(p, known) == key)
        if new or changed or removed:
            out.append(ChangeGroup(f"cl-{key}" if key else "site", title, zip_path, new, changed, removed))
    return tuple(out)


def changes_page(site: Site, env: jinja2.Environment, groups: tuple[ChangeGroup, ...], previous: object) -> bytes:
    try:
        as_of = _dt.date.fromisoformat(previous.get("as_of")) if isinstance(previous, dict) else None
    except (TypeError, ValueError):
        as_of = None
    spec = specs.PageSpec(urls.CHANGES, "admin.html", "Изменения с прошлой выгрузки", specs.chrome(site),
                          crumbs=(HOME, (ADMIN_TITLE, urls.ADMIN)),
                          data={"view": "changes", "groups": groups, "previous_as_of": as_of,
                                "totals": {k: sum(len(getattr(g, k)) for g in groups)
                                           for k in ("new", "changed", "removed")}})
    return render.render_page(env, spec)


# --------------------------------------------------------------------------- all of it

class _Made:
    """The files of this build so far — pages, files made here, copies — read or hashed once each."""

    def __init__(self, pages: Mapping[str, bytes], copies: Mapping[str, Path], recall):
        self.pages, self.copies, self.recall = pages, copies, recall
        self.out: dict[str, bytes] = {}
        self._copied: dict[str, write.Staged] = {}

    def read(self, path: str) -> bytes:
        if path in self.out:
            return self.out[path]
        if path in self.pages:
            return write.content(self.pages[path])
        return Path(self.copies[path]).read_bytes()

    def on_disk(self, path: str) -> "bytes | write.Staged":
        """The bytes of a file, or — written already, or copied from the theme or the media —
        where they are on disk with their checksum (a copy read and hashed once a build, for the
        manifest and every zip it is in)."""
        made = self.out.get(path, self.pages.get(path))
        if isinstance(made, write.Staged):
            return made
        if made is None and path in self.copies:
            if path not in self._copied:
                data = self.read(path)
                self._copied[path] = write.Staged(str(self.copies[path]), len(data),
                                                  self.recall(f"sha256:{path}", data, lambda: bundles.sha256(data)))
            return self._copied[path]
        return self.read(path)

    def digest(self, path: str) -> str:
        found = self.on_disk(path)
        if isinstance(found, write.Staged):
            return found.sha256
        return self.recall(f"sha256:{path}", found, lambda: bundles.sha256(found))

    def every(self) -> list[str]:
        return sorted(set(self.pages) | set(self.copies) | set(self.out))


@dataclass(frozen=True)
class Means:
    """How `finish` works, never what it makes.

    `memo(kind, key_parts, compute)` remembers per-page work across builds (see cache.Cache.memo);
    `recall(name, inputs, make)` gives back what was made from the same inputs before (the
    preview: recall.Recall) with the same templates (`theme_key`); `put(path, bytes)`
    (write.Staging.put) writes the zips and the clusters' admin pages as they are made;
    `mapper(fn, items)` may make the clusters' admin pages on worker processes, which render
    with `templates` (the theme's templates folder and where compiled templates are kept);
    `holds(path, sha256)` tells whether the previous output has an admin page whose cache entry
    keeps only its checksum (packing.Carried)."""

    memo: Callable = lambda kind, parts, compute: compute()  # noqa: E731
    recall: Callable = no_memo
    theme_key: str = ""
    put: Callable | None = None
    mapper: Callable | None = None
    templates: tuple[Path, Path | None] | None = None
    holds: Callable[[str, str], bool] | None = None  # write.Staging.holds: a file the cache does not keep


def finish(site: Site, env: jinja2.Environment, pages: Mapping[str, bytes], copies: Mapping[str, Path],
           previous_manifest: Mapping | None, tokens_css: str, page_specs: list | None = None,
           done: Mapping[str, PageWork] | None = None, means: Means = Means()
           ) -> tuple[dict[str, "bytes | write.Staged"], list[dg.Diagnostic], dict[str, linkcheck.Scan]]:
    """What is published after the pages and the data files: feeds, CMS pieces, zips, the admin
    page, sitemap, manifest and the changes since a previous one — files to add to the output
    (site path → bytes), diagnostics, and the link-check scans of the admin pages made here.
    `env` falls back to the bundled theme for templates a site's own theme lacks
    (render.with_bundled_templates). `page_specs` are the site's pages when the caller has them,
    `done` what was already published of each page where it was rendered (pagework.py).
    """
    done = done or {}
    made = _Made(pages, copies, means.recall)
    out = made.out
    if urls.asset("copy.js") not in copies:  # a site's own theme without it: the admin page still works
        out[urls.asset("copy.js")] = (BUNDLED_THEME / "static" / "copy.js").read_bytes()
    out.update(feeds.feeds(site, means.recall))
    diags, scans = _pieces_zips_admin(site, env, made, tokens_css, page_specs, done, means)
    diags += _sitemap(site, made)
    diags += _manifest(site, env, made, previous_manifest)
    return out, diags, scans


class _Later(Exception):
    """An admin page the memo does not have, to be made with the others (on the workers)."""


def _later() -> AdminPage:
    raise _Later


def _pieces_zips_admin(site: Site, env: jinja2.Environment, made: _Made, tokens_css: str, page_specs,
                       done: Mapping[str, PageWork], means: Means) -> tuple[list[dg.Diagnostic], dict]:
    out, recall, memo, theme_key, put = made.out, made.recall, means.memo, means.theme_key, means.put
    css_file = made.copies.get(urls.asset("embed.css")) or BUNDLED_THEME / "static" / "embed.css"
    css_source = Path(css_file).read_text(encoding="utf-8-sig")
    fragments, embed_files, diags = embed.fragments(
        site, env, css_source, tokens_css, memo, specs=page_specs,
        made={p: (w.fragment, tuple(w.sums[1:3]) if len(w.sums) == 3 else None)
              for p, w in done.items() if w.fragment is not None}, remember=recall, theme_key=theme_key)
    out.update(embed_files)
    zips = bundles.bundles(site, {**made.pages, **out}, made.copies, made.read, memo,
                           {p: w.bundled for p, w in done.items() if w.bundled is not None}, recall,
                           **({"put": put} if put is not None else {}), entry=made.on_disk)
    out.update(zips)
    kits = _kits(site, fragments, zips, embed_files)
    css = embed_files[urls.EMBED_CSS].decode("utf-8")
    chrome, base_url = specs.chrome(site), site.config.base_url

    def kept(name, inputs, make):
        return recall(name, (theme_key, chrome, base_url) + inputs, make) if theme_key else make()
    # The index and a page per cluster: an edit re-renders its own cluster's code, not every cluster's.
    out[urls.ADMIN] = kept("admin-page", (tuple(k.summary() for k in kits), css), lambda: admin_page(site, env, kits, css))
    scans = {}
    for kit, page in _admin_pages(kits, kept, lambda kit: _admin_page(chrome, base_url, env, kit), means, chrome, base_url):
        # written now (one held at a time); kept apart in its cache entry: read only if the output lacks it
        data = page.blob.data
        out[kit.path] = put(kit.path, data, page.blob.sha256) if put is not None else write.content(data)
        scans[kit.path] = page.scan
    return list(diags), scans


def _admin_pages(kits: tuple[Kit, ...], kept, make, means: Means, chrome: specs.Chrome, base_url: str | None):
    """(kit, AdminPage) for each cluster, through `kept`: the pages it lacks made on the workers
    when there are several and `means` has them (each comes back as it is done), else here."""
    def name(kit):
        return f"admin-page:{kit.cluster.slug}"
    have, stale = {}, set()
    for kit in kits:
        try:
            page = kept(name(kit), (kit.signature(),), _later)
        except _Later:
            continue
        if not isinstance(page.blob.data, packing.Carried) or (
                means.holds is not None and means.holds(kit.path, page.blob.sha256)):
            have[kit.path] = page
        else:
            stale.add(kit.path)  # remembered, but gone from the output: made again
    todo = [kit for kit in kits if kit.path not in have]
    made = None
    if means.mapper is not None and means.templates is not None and len(todo) > 1:
        made = iter(means.mapper(admin_page_work, [(*means.templates, chrome, base_url, kit) for kit in todo]))
    for kit in kits:
        if kit.path in have:
            yield kit, have[kit.path]
            continue
        page = (lambda page=next(made): page) if made is not None else (lambda kit=kit: make(kit))
        yield kit, page() if kit.path in stale else kept(name(kit), (kit.signature(),), page)


def _sitemap(site: Site, made: _Made) -> list[dg.Diagnostic]:
    if site.config.base_url:
        made.out.update(feeds.sitemap(site, [p for p in made.every()
                                             if p.endswith(".html") and not p.startswith((urls.EMBED, urls.DOWNLOADS))]))
        return []
    return [dg.info("sitemap.skipped", site.config.file or "site_config.yaml", None,
                    "sitemap.xml и robots.txt не созданы: в настройках сайта не указан base_url.",
                    "Чтобы создать их, добавьте в site_config.yaml адрес, по которому сайт будет "
                    "опубликован, например «base_url: https://college.ru/clusters/».")]


def _manifest(site: Site, env: jinja2.Environment, made: _Made, previous_manifest: Mapping | None) -> list[dg.Diagnostic]:
    """downloads/manifest.json, and with --since the page of what changed since the previous one."""
    listed = [p for p in made.every() if not p.startswith(urls.DOWNLOADS)]
    current = manifest(listed, made.digest, site.config.as_of)
    made.out[urls.MANIFEST] = (json.dumps(current, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    if previous_manifest is None:
        return []
    before = previous_files(previous_manifest)
    if before is None:
        return [dg.error("since.manifest", "--since", None,
                         "Файл, указанный в --since, — не манифест выгрузки clusterpages.",
                         "Укажите downloads/manifest.json из прошлой сборки (не manifest.json из архива кластера).")]
    made.out[urls.CHANGES] = changes_page(site, env, changes(site, before, current["files"]), previous_manifest)
    return []
