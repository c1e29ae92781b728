"""The pages for college web admins (pure but for reading the pieces' files): the admin index
(`dlya-administratorov/index.html`: how to place the materials, each cluster's zip and page, no
code) and a page per cluster (`dlya-administratorov/<cluster>/index.html`: its pieces' previews
and code, its zip and charts), made on the workers when there are several to make.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import jinja2

from clusterpages.model import Cluster, Site
from clusterpages.publish import embed, linkcheck, write
from clusterpages.site import pages as specs
from clusterpages.site import render
from clusterpages.site.views import cluster as cluster_view
from clusterpages.values import packing, text, urls

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


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{text.ru_number(max(1, round(n / 1024)))}\u00a0КБ"
    return f"{text.ru_number(round(n / 1024 / 1024, 1))}\u00a0МБ"


def kit(cl: Cluster, fragments: list[embed.Fragment], zipped: "bytes | write.Staged",
        embed_files: Mapping[str, bytes]) -> Kit:
    """The kit of one cluster, given its zip (`zipped`, as made or where it was written)."""
    mine = [f for f in fragments if f.cluster == cl.slug]
    return Kit(cluster_view.view(cl), urls.admin(cl.slug), urls.bundle(cl.slug), _size(write.size(zipped)),
               tuple(f for f in mine if f.kind == "page"),
               tuple(f for f in mine if f.kind == "video"),
               tuple(sorted(p for p in embed_files if p.startswith(urls.chart_dir(cl.slug)))))


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
                     kit: Kit) -> tuple[bytes, list[object]]:
    """The admin page rendered and typographed with a short stand-in for each piece's code (code
    is never typographed: it sits in a <textarea>), and where each code is: put in its place
    after (_code_parts), as UTF-8 bytes read one at a time, so that neither typography nor
    decoding walks megabytes of code, nor are they all held at once. A stand-in has as many line
    breaks as its code: the page's tags are on the same lines."""
    sources: list[object] = []

    def stand_in(text: object) -> str | None:
        if text is None:
            return None
        sources.append(text)
        return f"\x00{len(sources) - 1}\x00" + "\n" * _code(text).count(b"\n")
    held = replace(kit, fragments=tuple(replace(f, html=stand_in(f.html), inline_html=stand_in(f.inline_html))
                                        for f in kit.fragments),
                   videos=tuple(replace(f, html=stand_in(f.html)) for f in kit.videos))
    spec = specs.PageSpec(kit.path, "admin.html", f"Материалы кластера «{kit.cluster.short_name}» для сайта колледжа",
                          chrome, crumbs=(HOME, (ADMIN_TITLE, urls.ADMIN)),
                          data={"view": "cluster", "kit": held, "base_url": base_url, "admin_path": urls.ADMIN})
    return render.render_page(env, spec), sources


def _code(text: object) -> bytes:
    """A piece's code as UTF-8, wherever it is."""
    return text.encode("utf-8") if isinstance(text, str) else write.content(text)


def _with_code(page: bytes, sources: list[object]) -> bytes:
    return b"".join(_code_parts(page, sources))


def _code_parts(page: bytes, sources: list[object]) -> Iterator[bytes]:
    """The page's bytes in parts: its own, and each piece's code escaped in its stand-in's place."""
    parts = _STAND_IN.split(page)  # text, code number, text, …
    yield parts[0]
    for i in range(1, len(parts), 2):
        code = _code(sources[int(parts[i])])
        head = parts[i + 1][:code.count(b"\n")]  # where the stand-in's own line breaks are (unless trimmed)
        yield _escaped(code)
        yield parts[i + 1][len(head) - len(head.lstrip(b"\n")):]


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
    # where a worker wrote it into the new output, and its record for the output's index
    written: tuple[write.Staged, tuple[int, int, str]] | None = None


def _admin_page(chrome: specs.Chrome, base_url: str | None, env: jinja2.Environment, kit: Kit,
                writer: write.Writer | None = None) -> AdminPage:
    held, sources = _admin_page_held(chrome, base_url, env, kit)
    # scanned with the stand-ins: the same tags on the same lines (the code is a textarea's text)
    scan = linkcheck.scan(held.decode("utf-8"), page=kit.path)  # its links resolved here, on the worker
    if writer is None:
        return AdminPage(packing.Blob.of(_with_code(held, sources)), scan)
    staged, record = writer.put_parts(kit.path, _code_parts(held, sources))  # never whole in memory
    return AdminPage(packing.Blob(staged.sha256, packing.Carried(staged.size)), scan, (staged, record))


def admin_page_work(args: tuple[Path, Path | None, specs.Chrome, str | None, Kit, object]) -> AdminPage:
    """A unit of work for a worker process: one cluster's admin page, its pieces' code read from
    where the pages' workers wrote it; given a `write.Writer`, written into the new output here
    (its megabytes never travel through the pool's pipes nor wait there to be read)."""
    templates, compiled, chrome, base_url, kit, writer = args
    return _admin_page(chrome, base_url, render.kept_environments(templates, compiled)[1], kit, writer)


class _Later(Exception):
    """An admin page the memo does not have, to be made with the others (on the workers)."""


def _later() -> AdminPage:
    raise _Later


def cluster_pages(kits: Iterable[Kit], kept, chrome: specs.Chrome, base_url: str | None, env: jinja2.Environment,
                  mapper=None, templates: tuple[Path, Path | None] | None = None, holds=None, writer=None):
    """(kit, AdminPage) for each cluster, through `kept(name, inputs, make)`: the pages it lacks
    made on the workers when there are several and `mapper` and `templates` are given (each
    comes back as it is done; written there by `writer(paths)`'s write.Writer when given), else
    here with `env`; a remembered page whose entry keeps only its checksum is used while the
    previous output `holds(path, sha256)` it. With the workers up (`mapper.running`), each page
    is handed to them as soon as `kits` gives its kit (made as its cluster's zip is: the pages
    are made while the next zips are)."""
    def name(kit):
        return f"admin-page:{kit.cluster.slug}"
    have, stale, taken = {}, set(), []

    def todo():  # the kits whose page is to be made, as `kits` gives them
        for kit in kits:
            taken.append(kit)
            try:
                page = kept(name(kit), (kit.signature(),), _later)
            except _Later:
                yield kit
                continue
            if not isinstance(page.blob.data, packing.Carried) or (
                    holds is not None and holds(kit.path, page.blob.sha256)):
                have[kit.path] = page
            else:
                stale.add(kit.path)  # remembered, but gone from the output: made again
                yield kit

    def work(kit):
        return (*templates, chrome, base_url, kit, writer([kit.path]) if writer is not None else None)
    made = None
    if mapper is not None and templates is not None and getattr(mapper, "running", False):
        made = iter(mapper(admin_page_work, map(work, todo())))
    else:
        later = list(todo())
        if mapper is not None and templates is not None and len(later) > 1:
            made = iter(mapper(admin_page_work, [work(kit) for kit in later]))
    for kit in taken:
        if kit.path in have:
            yield kit, have[kit.path]
            continue
        if made is None:
            page = (lambda kit=kit: _admin_page(chrome, base_url, env, kit))
            yield kit, page() if kit.path in stale else kept(name(kit), (kit.signature(),), page)
            continue
        page = next(made)
        if kit.path not in stale:  # remembered without where this build wrote it
            kept(name(kit), (kit.signature(),), lambda page=replace(page, written=None): page)
        yield kit, page
