"""What college web admins take: per-cluster zips, CMS fragments, sitemap.

Runs after the pages are rendered, on the in-memory site (nothing is written here; the
only files read are the copied ones, to pack and hash them).

- `downloads/<cluster>.zip` (bundles.py) and `downloads/manifest.json` (site path → SHA-256
  of every output file outside downloads/), the input of a later `build --since`;
- `embed/…` CMS fragments (embed.py);
- with base_url `sitemap.xml`, `robots.txt` (feeds.py; the feeds are data files: outputs.py);
- the admin pages (adminpages.py), and with `--since` `downloads/changes/index.html`, what
  changed since the previous manifest.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import jinja2

from clusterpages.content.read.location import BUNDLED_THEME
from clusterpages.model import Site
from clusterpages.publish import adminpages, bundles, embed, feeds, linkcheck, write
from clusterpages.publish.pagework import PageWork
from clusterpages.site import pages as specs
from clusterpages.site import render
from clusterpages.site.compiled import Store
from clusterpages.values import diagnostics as dg
from clusterpages.values import urls
from clusterpages.values.memo import no_memo



@dataclass(frozen=True)
class ChangeGroup:
    key: str
    title: str
    zip_path: str | None
    new: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]


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


def not_a_manifest(previous: object | None) -> list[dg.Diagnostic]:
    """The error for a --since file that is not a site manifest; nothing for one that is (or none)."""
    if previous is None or previous_files(previous) is not None:
        return []
    return [dg.error("since.manifest", "--since", None,
                     "Файл, указанный в --since, — не манифест выгрузки clusterpages.",
                     "Укажите downloads/manifest.json из прошлой сборки (не manifest.json из архива кластера).")]


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
                          crumbs=(adminpages.HOME, (adminpages.ADMIN_TITLE, urls.ADMIN)),
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
        self.pieces: list[embed.Fragment] = []              # the CMS pieces (_pieces), for the admin pages
        self.embed_files: dict[str, bytes] = {}             # embed/: pieces' files, embed.css, charts
        # the admin pages' link-check scans and checksums (made with them: a page of megabytes not hashed again)
        self.scans: dict[str, tuple[linkcheck.Scan, str]] = {}

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

    `recall(name, inputs, make)` — the one memo of a build (values/memo.py) — gives back what was
    made from the same inputs before (the preview: recall.Recall; a build: its cache folder, for
    the costly pieces) with the same templates (`theme_key`); `put(path, bytes)`
    (write.Staging.put) writes the zips and the clusters' admin pages as they are made;
    `mapper(fn, items)` may make the clusters' admin pages on worker processes, which render
    with `templates` (the theme's templates folder and where compiled templates are kept);
    `holds(path, sha256)` tells whether the previous output has a zip or an admin page whose cache
    entry keeps only its checksum (packing.Carried)."""

    recall: Callable = no_memo
    theme_key: str = ""
    put: Callable | None = None
    mapper: Callable | None = None
    templates: tuple[Path, Store | None] | None = None
    holds: Callable[[str, str], bool] | None = None  # write.Staging.holds: a file the cache does not keep
    writer: Callable | None = None   # write.Staging.writer: what writes files into the new output on a worker
    record: Callable | None = None   # write.Staging.record: a file a worker wrote


@dataclass(frozen=True)
class Given:
    """What finishing is given besides the files made so far: the site's colours (tokens.css),
    its pages when the caller has them, what was published of each page where it was rendered
    (pagework.py), the previous manifest (`--since`), the means, and other files' zip entries
    made where the files were (site path → bundles.Packed: the search index's)."""

    tokens_css: str
    page_specs: list | None = None
    done: Mapping[str, PageWork] = field(default_factory=dict)
    previous_manifest: Mapping | None = None
    means: Means = Means()
    ready: Mapping[str, bundles.Packed] = field(default_factory=dict)


def finish(site: Site, env: jinja2.Environment, pages: Mapping[str, bytes], copies: Mapping[str, Path],
           given: Given) -> tuple[dict[str, "bytes | write.Staged"], list[dg.Diagnostic],
                                  dict[str, tuple[linkcheck.Scan, str]]]:
    """What is published after the pages and the data files (STEPS: CMS pieces, zips, the
    admin pages, sitemap, manifest and the changes since a previous one) — files to add to the
    output (site path → bytes), diagnostics, and the link-check scans of the admin pages made here
    with their SHA-256.
    `env` falls back to the bundled theme for templates a site's own theme lacks
    (render.with_bundled_templates)."""
    made = _Made(pages, copies, given.means.recall)
    diags: list[dg.Diagnostic] = []
    for step in STEPS:
        diags += step(site, env, made, given)
    return made.out, diags, made.scans


def _copy_js(site: Site, env: jinja2.Environment, made: _Made, given: Given) -> list[dg.Diagnostic]:
    if urls.asset("copy.js") not in made.copies:  # a site's own theme without it: the admin page still works
        made.out[urls.asset("copy.js")] = (BUNDLED_THEME / "static" / "copy.js").read_bytes()
    return []


def _pieces(site: Site, env: jinja2.Environment, made: _Made, given: Given) -> list[dg.Diagnostic]:
    css_file = made.copies.get(urls.asset("embed.css")) or BUNDLED_THEME / "static" / "embed.css"
    css_source = Path(css_file).read_text(encoding="utf-8-sig")
    made.pieces, made.embed_files, diags = embed.fragments(
        site, env, css_source, given.tokens_css, specs=given.page_specs,
        made={p: (w.fragment, tuple(w.sums[1:3]) if len(w.sums) == 3 else None)
              for p, w in given.done.items() if w.fragment is not None},
        remember=made.recall, theme_key=given.means.theme_key)
    made.out.update(made.embed_files)
    return list(diags)


def _zips_and_admin_pages(site: Site, env: jinja2.Environment, made: _Made, given: Given) -> list[dg.Diagnostic]:
    """The clusters' zips, and their admin pages (each shows its cluster's zip size): each page
    handed to the workers as soon as its zip is made, so the pages are made while the next zips are."""
    means, recall = given.means, made.recall
    zips = bundles.each_bundle(site, {**made.pages, **made.out}, made.copies, made.read,
                               {**{p: (packed, frozenset()) for p, packed in given.ready.items()},
                                **{p: w.bundled for p, w in given.done.items() if w.bundled is not None}}, recall,
                               **({"put": means.put} if means.put is not None else {}), entry=made.on_disk,
                               holds=means.holds)
    kits: list[adminpages.Kit] = []

    def zipped():  # each cluster's kit, once its zip is made
        for cl, path, data in zips:
            made.out[path] = data
            kits.append(adminpages.kit(cl, made.pieces, data, made.embed_files))
            yield kits[-1]
    css = made.embed_files[urls.EMBED_CSS].decode("utf-8")
    chrome, base_url = specs.chrome(site), site.config.base_url

    def kept(name, inputs, make):
        return recall(name, (means.theme_key, chrome, base_url) + inputs, make) if means.theme_key else make()
    # A page per cluster and the index: an edit re-renders its own cluster's code, not every cluster's.
    for kit, page in adminpages.cluster_pages(zipped(), kept, chrome, base_url, env, means.mapper, means.templates,
                                              means.holds, means.writer):
        # written now (one held at a time; a worker's already); its cache entry keeps its checksum
        data = page.blob.data
        if page.written is not None:
            made.out[kit.path] = page.written[0]
            means.record(kit.path, page.written[1])
        else:
            made.out[kit.path] = means.put(kit.path, data, page.blob.sha256) if means.put is not None \
                else write.content(data)
        made.scans[kit.path] = (page.scan, page.blob.sha256)
    made.out[urls.ADMIN] = kept("admin-page", (tuple(k.summary() for k in kits), css),
                                lambda: adminpages.admin_page(site, env, tuple(kits), css))
    return []


def _sitemap(site: Site, env: jinja2.Environment, made: _Made, given: Given) -> list[dg.Diagnostic]:
    if site.config.base_url:
        made.out.update(feeds.sitemap(site, [p for p in made.every()
                                             if p.endswith(".html") and not p.startswith((urls.EMBED, urls.DOWNLOADS))]))
        return []
    return [dg.info("sitemap.skipped", site.config.file or "site_config.yaml", None,
                    "sitemap.xml и robots.txt не созданы: в настройках сайта не указан base_url.",
                    "Чтобы создать их, добавьте в site_config.yaml адрес, по которому сайт будет "
                    "опубликован, например «base_url: https://college.ru/clusters/».")]


def _manifest(site: Site, env: jinja2.Environment, made: _Made, given: Given) -> list[dg.Diagnostic]:
    """downloads/manifest.json, and with --since the page of what changed since the previous one."""
    previous_manifest = given.previous_manifest
    listed = [p for p in made.every() if not p.startswith(urls.DOWNLOADS)]
    current = manifest(listed, made.digest, site.config.as_of)
    made.out[urls.MANIFEST] = (json.dumps(current, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    if previous_manifest is None:
        return []
    before = previous_files(previous_manifest)
    if before is None:
        return not_a_manifest(previous_manifest)
    made.out[urls.CHANGES] = changes_page(site, env, changes(site, before, current["files"]), previous_manifest)
    return []


# What is published after the pages and the data files, in this order: each step adds its files
# to `made` (the zips need the pieces, the admin pages the zips' sizes, the manifest
# every file) and gives its findings.
STEPS = (_copy_js, _pieces, _zips_and_admin_pages, _sitemap, _manifest)
