"""The pages for college web admins (pure but for reading the pieces' files): the admin index
(`dlya-administratorov/index.html`: how to place the materials, each cluster's zip and page, no
code) and a page per cluster (`dlya-administratorov/<cluster>/index.html`: its pieces' previews
and code, its zip and charts; a cluster of more than PIECES_PER_PAGE pieces has it in parts,
`…/<cluster>/2/index.html` and on), made on the workers when there are several to make.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import jinja2

from clusterpages.model import Cluster, Site
from clusterpages.publish import embed, linkcheck, write
from clusterpages.site import pages as specs
from clusterpages.site import render
from clusterpages.site.compiled import Store
from clusterpages.site.views import cluster as cluster_view
from clusterpages.values import packing, text, urls

HOME = ("Главная", urls.INDEX)


# A cluster's admin page holds at most this many pieces (their code and previews); a cluster of
# more has its pieces in parts of about equal size, each a page of its own (a page holding every
# piece of a cluster of 1,000 pages was 63 MB, which no browser opens comfortably, and an edit of
# one page wrote it all again).
PIECES_PER_PAGE = 100


@dataclass(frozen=True)
class Kit:
    """What the admin page offers for one cluster (or one part of it: `split`)."""

    cluster: cluster_view.ClusterView       # what the admin pages show of the cluster
    path: str                               # the cluster's admin page (urls.admin)
    zip_path: str
    zip_size: str
    fragments: tuple[embed.Fragment, ...]   # every page's piece: its code and preview are on that page
    videos: tuple[embed.Fragment, ...]
    charts: tuple[str, ...]
    part: int = 1                           # which part of the cluster's admin page this is
    nav: tuple[tuple[str, int, int], ...] = ()  # every part (its page, first and last piece): several parts

    @property
    def total(self) -> int:
        """The cluster's pieces, when its page is in parts (the last part's last piece)."""
        return self.nav[-1][2] if self.nav else len(self.fragments)

    def _shown(self) -> tuple:
        return self.cluster, self.path, self.zip_path, self.zip_size, self.charts, self.part, self.nav

    def signature(self) -> tuple:
        """What the cluster's admin page is made from, its pieces' code by digest."""
        return self._shown() + (tuple(f.signature() for f in self.fragments + self.videos),)

    def held_signature(self) -> tuple:
        """What the page but its pieces' code is made from (`Held`): the same as long as no
        piece is added, removed or renamed (a piece has an inline form exactly when it has its path)."""
        return self._shown() + (tuple(f.shown() for f in self.fragments + self.videos),)

    @property
    def kept_as(self) -> str:
        """The name its page is kept under (an "admin-page…" name: on disk, runtime/memos.py)."""
        return f"admin-page:{self.cluster.slug}:{self.part}"

    @property
    def held_as(self) -> str:
        """The name its page but the pieces' code (`Held`) is kept under."""
        return f"admin-page-held:{self.cluster.slug}:{self.part}"

    def summary(self) -> "Kit":
        """What the admin index shows of the kit: the cluster, its page and its zip (no code)."""
        return Kit(self.cluster, self.path, self.zip_path, self.zip_size, (), (), ())

    def split(self) -> tuple["Kit", ...]:
        """The kit as its admin page's parts, each of at most PIECES_PER_PAGE pieces, as even as can be: the
        first (at `path`) with the zip, the players and the charts; the rest with their pieces only
        (an edit of a page makes its own part again, not every part — unless it adds or removes a
        piece, which moves the parts' bounds)."""
        n = len(self.fragments)
        count = -(-n // PIECES_PER_PAGE)
        if count <= 1:
            return (self,)
        bounds = [n * i // count for i in range(count + 1)]
        nav = tuple((urls.admin(self.cluster.slug, i + 1), bounds[i] + 1, bounds[i + 1]) for i in range(count))
        return tuple(replace(self, path=nav[i][0], fragments=self.fragments[bounds[i]:bounds[i + 1]], part=i + 1,
                             nav=nav, **({} if i == 0 else {"zip_size": "", "videos": (), "charts": ()}))
                     for i in range(count))


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


@dataclass(frozen=True)
class Held:
    """A cluster's admin page but its pieces' code: rendered and typographed with a short stand-in
    for each code (`\\x00n\\x00`, the n-th of `_sources(kit)`; code is never typographed: it sits in
    a <textarea>), with its links and ids for the link check — the same whatever the code is, so
    it is kept by `Kit.held_signature` (an edit of a page makes none of it again: only its code
    is put in anew)."""

    page: bytes
    links: tuple[tuple[str, str, int, int], ...]   # (attribute, value, line in `page`, where its tag starts)
    ids: frozenset[str]
    stand_ins: tuple[tuple[int, int], ...]         # (where in `page`'s text, which code) of each stand-in, in order


def _sources(kit: Kit) -> list[object]:
    """Each piece's code, wherever it is, in the order of the stand-ins' numbers."""
    return [t for f in kit.fragments for t in (f.html, f.inline_html) if t is not None] + \
        [f.html for f in kit.videos if f.html is not None]


def _held(chrome: specs.Chrome, base_url: str | None, env: jinja2.Environment, kit: Kit) -> Held:
    """The page rendered with the stand-ins, and its links and ids (neither typography nor the scan
    walks megabytes of code)."""
    numbers = itertools.count()

    def stand_in(text: object) -> str | None:
        return None if text is None else f"\x00{next(numbers)}\x00"
    held = replace(kit, fragments=tuple(replace(f, html=stand_in(f.html), inline_html=stand_in(f.inline_html))
                                        for f in kit.fragments),
                   videos=tuple(replace(f, html=stand_in(f.html)) for f in kit.videos))
    title = f"Материалы кластера «{kit.cluster.short_name}» для сайта колледжа" + (
        f", часть {kit.part} из {len(kit.nav)}" if kit.nav else "")
    spec = specs.PageSpec(kit.path, "admin.html", title, chrome, crumbs=(HOME, (ADMIN_TITLE, urls.ADMIN)),
                          data={"view": "cluster", "kit": held, "base_url": base_url, "admin_path": urls.ADMIN})
    text = render.render_text(env, spec)
    links, ids = linkcheck.found(text)
    return Held(text.encode("utf-8"), tuple(links), frozenset(ids),
                tuple((m.start(), int(m.group(1))) for m in _STAND_IN_TEXT.finditer(text)))


def _code(text: object) -> bytes:
    """A piece's code as UTF-8, wherever it is."""
    return text.encode("utf-8") if isinstance(text, str) else write.content(text)


def _code_parts(held: Held, sources: list[object], breaks: list[int]) -> Iterator[bytes]:
    """The page's bytes in parts: its own, and each piece's code escaped in its stand-in's place;
    each code's line breaks counted into `breaks` as it is put in."""
    parts = _STAND_IN.split(held.page)  # text, code number, text, …
    yield parts[0]
    for i in range(1, len(parts), 2):
        n = int(parts[i])
        code = _code(sources[n])
        breaks[n] = code.count(b"\n")
        yield _escaped(code)
        yield parts[i + 1]


def _scan(held: Held, breaks: list[int], page: str) -> linkcheck.Scan:
    """The finished page's link-check scan: each link's line moved by the line breaks of the code
    put in before it (`breaks`, filled by `_code_parts` once it has given every part)."""
    at = [where for where, _ in held.stand_ins]
    before = list(itertools.accumulate((breaks[n] for _, n in held.stand_ins), initial=0))
    return linkcheck.Scan.of([(attr, value, line + before[bisect.bisect_left(at, where)])
                              for attr, value, line, where in held.links], held.ids, page)


def _escaped(code: bytes) -> bytes:
    """UTF-8 text escaped as markupsafe.escape (Jinja's autoescape) escapes it."""
    return code.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;").replace(
        b'"', b"&#34;").replace(b"'", b"&#39;")


_STAND_IN = re.compile(b"\x00(\\d+)\x00")
_STAND_IN_TEXT = re.compile("\x00(\\d+)\x00")


@dataclass(frozen=True)
class AdminPage:
    """A cluster's admin page as made (in a worker or here): its bytes with their checksum, and
    its link-check scan (the page need not be read back and scanned for the check)."""

    blob: packing.Blob
    scan: linkcheck.Scan
    # where a worker wrote it into the new output, and its record for the output's index
    written: tuple[write.Staged, tuple[int, int, str]] | None = None
    held: Held | None = None     # the page but its code, as made on a worker (for the memo: cluster_pages)


def _admin_page(chrome: specs.Chrome, base_url: str | None, env: jinja2.Environment, kit: Kit,
                writer: write.Writer | None = None, held: Held | None = None) -> AdminPage:
    """The page: `held` (the page but its code) when it is given, and each piece's code put in."""
    held = held or _held(chrome, base_url, env, kit)
    sources = _sources(kit)
    breaks = [0] * len(sources)
    if writer is None:
        blob = packing.Blob.of(b"".join(_code_parts(held, sources, breaks)))
        return AdminPage(blob, _scan(held, breaks, kit.path), held=held)
    staged, record = writer.put_parts(kit.path, _code_parts(held, sources, breaks))  # never whole in memory
    return AdminPage(packing.Blob(staged.sha256, packing.Carried(staged.size)), _scan(held, breaks, kit.path),
                     (staged, record), held)


def admin_page_work(args: tuple[Path, Store | None, specs.Chrome, str | None, Kit, Held | None, object]) -> AdminPage:
    """A unit of work for a worker process: one cluster's admin page (from its `Held` part when the
    memo had it), its pieces' code read from where the pages' workers wrote it; given a
    `write.Writer`, written into the new output here (its megabytes never travel through the
    pool's pipes nor wait there to be read)."""
    templates, compiled, chrome, base_url, kit, held, writer = args
    page = _admin_page(chrome, base_url, render.kept_environments(templates, compiled)[1], kit, writer, held)
    return replace(page, held=None) if held is not None else page  # the memo has it: not sent back


class _Later(Exception):
    """An admin page (or its Held part) the memo does not have, to be made with the others."""


def _later() -> AdminPage:
    raise _Later


def _held_kept(kept, kit: Kit) -> Held | None:
    """The page but its pieces' code, when the memo has it (else None: it is made with the page)."""
    try:
        return kept(kit.held_as, (kit.held_signature(),), _later)
    except _Later:
        return None


def cluster_pages(kits: Iterable[Kit], kept, chrome: specs.Chrome, base_url: str | None, env: jinja2.Environment,
                  mapper=None, templates: tuple[Path, Store | None] | None = None, holds=None, writer=None):
    """(kit, AdminPage) for each part of each cluster's page (Kit.split), through `kept(name, inputs,
    make)`: the pages it lacks
    made on the workers when there are several and `mapper` and `templates` are given (each
    comes back as it is done; written there by `writer(paths)`'s write.Writer when given), else
    here with `env`; a remembered page whose entry keeps only its checksum is used while the
    previous output `holds(path, sha256)` it. With the workers up (`mapper.running`), each page
    is handed to them as soon as `kits` gives its kit (made as its cluster's zip is: the pages
    are made while the next zips are). A page is made from its `Held` part when `kept` has it
    for the kit's held_signature (an edit that renames no piece): only the code is put in anew."""
    have, stale, taken = {}, set(), []

    def todo():  # the kits (a part each) whose page is to be made, as `kits` gives them
        for kit in (part for whole in kits for part in whole.split()):
            taken.append(kit)
            try:
                page = kept(kit.kept_as, (kit.signature(),), _later)
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
        return (*templates, chrome, base_url, kit, _held_kept(kept, kit), writer([kit.path]) if writer else None)

    def here(kit) -> AdminPage:
        held = kept(kit.held_as, (kit.held_signature(),), lambda: _held(chrome, base_url, env, kit))
        return replace(_admin_page(chrome, base_url, env, kit, held=held), held=None)
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
            yield kit, here(kit) if kit.path in stale else kept(kit.kept_as, (kit.signature(),),
                                                                 lambda kit=kit: here(kit))
            continue
        page = next(made)
        if page.held is not None:  # made there (a worker given the memo's held part sends none back)
            kept(kit.held_as, (kit.held_signature(),), lambda page=page: page.held)
        page = replace(page, held=None)
        if kit.path not in stale:  # remembered without where this build wrote it
            kept(kit.kept_as, (kit.signature(),), lambda page=replace(page, written=None): page)
        yield kit, page
