"""Per-cluster zip bundles (pure); the HTML scanning they share with the CMS fragments is htmlscan.py.

A bundle holds a cluster's pages (`clusters/<slug>/…`), every file those pages load
(`assets/…`, logos) in the same folders, an `index.html` at its root, `ИНСТРУКЦИЯ.txt` and a
`manifest.json`. Links that leave the cluster point to `base_url` when it is set, else they
become plain text, so nothing is broken after unzipping anywhere. Zips are deterministic:
sorted entries, one fixed date, fixed permissions.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import html
import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping
from urllib.parse import quote

import deflate as libdeflate

from clusterpages.model import Cluster, Site
from clusterpages.publish import write
from clusterpages.publish.htmlscan import Tag, absolute, apply, resolve, scan, span_for, start_tag
from clusterpages.values import packing, urls
from clusterpages.values.memo import no_memo
from clusterpages.values.typography import typograph_html

# Attributes holding one address; srcset is handled apart.
URL_ATTRS = ("href", "src", "poster", "data-src")
# The attributes bundle_page reads: a start tag without any of them needs no look.
ADDRESSING = re.compile(r"\s(?:href|src|srcset|poster|data-src|style)\s*=", re.I)
# <link rel=…> values that load a file the page needs (anything else is a reference to follow).
_LOADING_RELS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"})
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
_LICENCE = re.compile(r"(?i)^(ofl|licen[cs]e|copying|notice)\b")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- one page of a bundle

def _is_loading_link(tag: Tag) -> bool:
    rels = set((tag.get("rel") or "").lower().split())
    return bool(rels & _LOADING_RELS)


def bundle_page(text: str, page: str, inside: Callable[[str], bool], base_url: str | None,
                tags: list[Tag] | None = None) -> tuple[str, set[str]]:
    """The page's HTML as it goes into a bundle, and the site paths of the files it loads.

    `inside(path)` says whether a site path travels with the bundle. Links (<a>, <area>,
    <link rel=alternate>) to anything else go to `base_url`, or become plain text (the
    <link> is dropped). Loaded files (styles, scripts, images) are returned to be packed.
    `tags`: the page's `scan(text, having)` when the caller has it, with `having` finding at
    least what ADDRESSING finds (a tag without an address is left as it is).
    """
    edits: list[tuple[int, int, str]] = []
    loads: set[str] = set()
    spanned = False
    for tag in scan(text, ADDRESSING, ("a",)) if tags is None else tags:
        if tag.closing:
            if tag.name == "a" and spanned:
                edits.append((tag.start, tag.end, "</span>"))
                spanned = False
            continue
        is_link = tag.name in ("a", "area") or (tag.name == "link" and not _is_loading_link(tag))
        if is_link:
            value = tag.get("href")
            hit = resolve(value, page) if value else None
            if hit is None:
                continue
            if inside(hit[0]):
                loads.add(hit[0])  # a file linked from inside travels with the bundle
                continue
            if base_url:
                attrs = [(k, absolute(base_url, *hit) if k == "href" else v) for k, v in tag.attrs]
                edits.append((tag.start, tag.end, start_tag(tag.name, attrs)))
            elif tag.name == "a":
                edits.append((tag.start, tag.end, span_for(tag)))
                spanned = True
            else:  # <area> and <link> have no text to keep
                edits.append((tag.start, tag.end, ""))
            continue
        for name, value in tag.attrs:
            if not value:
                continue
            values = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else \
                [value] if name in URL_ATTRS else []
            for v in values:
                hit = resolve(v, page)
                if hit is not None:
                    loads.add(hit[0])
        style = tag.get("style")
        if style:
            for m in _CSS_URL.finditer(style):
                hit = resolve(m.group(1) or m.group(2), page)
                if hit is not None:
                    loads.add(hit[0])
    return apply(text, edits), loads


def css_loads(css: str, path: str) -> set[str]:
    out = set()
    for m in _CSS_URL.finditer(css):
        hit = resolve(m.group(1) or m.group(2), path)
        if hit is not None:
            out.add(hit[0])
    return out


# --------------------------------------------------------------------------- the zip

ZIP_LEVEL = 4  # libdeflate's: zips smaller than zlib's level 3 made them, in less time (docs/performance.md)


def deflate(data: bytes) -> tuple[int, bytes]:
    """An entry's CRC-32 and its raw deflate stream (libdeflate at ZIP_LEVEL), as a zip holds it."""
    return libdeflate.crc32(data), bytes(libdeflate.deflate_compress(data, ZIP_LEVEL))


@dataclass(frozen=True)
class Packed:
    """A zip entry made ready where its page was rendered: what the zip and its manifest need,
    without the bytes themselves (compressed in the worker, a quarter of the size)."""

    size: int
    sha256: str
    crc: int
    stream: bytes        # or packing.Stored: read from a page's cache entry when its zip is made

    @classmethod
    def of(cls, data: bytes) -> "Packed":
        crc, stream = deflate(data)
        return cls(len(data), sha256(data), crc, stream)


def _zip_bytes(entries: Mapping[str, "bytes | Packed | write.Staged"], date: _dt.date,
               packed: Callable[[str, bytes], tuple[int, bytes]] | None = None) -> bytes:
    """The zip of `entries`, byte for byte what ZipFile.writestr(…, ZIP_DEFLATED) writes with deflate()
    as its compressor; `packed(name, data)` gives deflate()'s result, which the preview remembers per entry
    so that a save compresses only the files it changed; a `Packed` entry is compressed already,
    a `write.Staged` one is read now.
    (zipfile has no call to add an entry
    compressed beforehand: its writer's last steps are repeated here, and a test compares the
    bytes with writestr's.)"""
    packed = packed or (lambda name, data: deflate(data))
    buf = io.BytesIO()
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(entries):
            data = entries[name]
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # the same bytes whatever system builds it
            info.external_attr = 0o100644 << 16
            if isinstance(data, Packed):
                info.file_size, info.CRC, stream = data.size, data.crc, write.content(data.stream)
            else:
                data = write.content(data)
                info.file_size = len(data)
                info.CRC, stream = packed(name, data)
            info.compress_size = len(stream)
            info.flag_bits = 0
            info.header_offset = buf.tell()
            buf.write(info.FileHeader(info.file_size * 1.05 > zipfile.ZIP64_LIMIT))
            buf.write(stream)
            zf.filelist.append(info)
            zf.NameToInfo[name] = info
        zf.start_dir = buf.tell()
        zf._didModify = True  # noqa: SLF001 — so that close() writes the central directory
    return buf.getvalue()


def _root_links(site: Site, cl: Cluster) -> list[tuple[str, str]]:
    """(title, path inside the zip) of the cluster's main pages, for the zip's index.html."""
    out = [(d.title, urls.document(cl.slug, d.slug)) for d in site.plans if d.cluster == cl.slug]
    out += [(r.title, urls.document(cl.slug, r.slug)) for r in site.reports if r.cluster == cl.slug]
    if any(v.cluster == cl.slug for v in site.videos):
        out.append(("Видео кластера", urls.videos(cl.slug)))
    if any(c.cluster == cl.slug for c in site.championships):
        out.append(("Отраслевые чемпионаты", urls.championships(cl.slug)))
    return out


def _root_index(site: Site, cl: Cluster) -> bytes:
    """The page a person sees first after unzipping: styled on its own (no file it needs can be missing)."""
    p = site.config.palette
    name = html.escape(cl.name)
    items = "".join(f'<li><a href="{quote(path)}">{html.escape(title)}</a></li>\n' for title, path in _root_links(site, cl))
    page = f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name} — {html.escape(site.config.title)}</title>
<style>
body {{ margin: 0; font: 1.0625rem/1.55 "PT Sans", Arial, sans-serif; color: {p.text.hex}; background: {p.background.hex}; }}
header {{ padding: 1.25rem 1rem; color: #fff; background: {p.primary.hex}; border-bottom: .375rem solid {cl.accent.hex}; }}
header p {{ margin: 0; max-width: 46rem; margin-inline: auto; }}
main {{ max-width: 46rem; margin: 0 auto; padding: 1.25rem 1rem 2.5rem; }}
h1 {{ font-family: "PT Serif", Georgia, serif; font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }}
a {{ color: {p.primary.hex}; }}
.open {{ display: inline-block; padding: .625rem 1.25rem; border-radius: .25rem; color: #fff; background: {p.primary.hex};
  font-weight: 700; text-decoration: none; }}
.open:hover, .open:focus {{ text-decoration: underline; }}
ul {{ padding-left: 1.25rem; }}
li {{ margin: .25rem 0; }}
.note {{ padding: .75rem 1rem; background: {p.neutral_light.hex}; border-left: .25rem solid {p.primary.hex}; }}
</style>
</head>
<body>
<header><p>{html.escape(site.config.title)}</p></header>
<main>
<h1>{name}</h1>
<p><a class="open" href="{urls.cluster(cl.slug)}">Открыть страницы кластера</a></p>
<h2>Что в архиве</h2>
<ul>
{items}</ul>
<p class="note">Как разместить эти страницы на сайте колледжа, написано в файле <a href="ИНСТРУКЦИЯ.txt">ИНСТРУКЦИЯ.txt</a>:
распакуйте архив целиком, сохраняя папки, и загрузите всё содержимое в любую папку сайта.</p>
</main>
</body>
</html>
"""
    return typograph_html(page).encode("utf-8")


def _instruction(cl: Cluster, base_url: str | None) -> bytes:
    outside = ("Ссылки на общие страницы региона ведут на сайт " + base_url + "."
               if base_url else
               "Ссылки на общие страницы региона и другие кластеры показаны обычным текстом: "
               "в архиве их нет, и битых ссылок не будет.")
    lines = [
        f"Страницы кластера «{cl.short_name}» для сайта колледжа",
        "",
        f"Главная страница: {urls.cluster(cl.slug)} (или index.html в корне архива).",
        "Страницы работают с диска: распакуйте архив и откройте index.html в браузере.",
        "",
        "Как разместить на сайте колледжа:",
        "1. Распакуйте архив, сохраняя папки (clusters/ и assets/ должны лежать рядом).",
        "2. Загрузите всё содержимое в любую папку сайта: по FTP (FileZilla, WinSCP) или через",
        "   файловый менеджер CMS (1С-Битрикс: «Контент → Структура сайта → Файлы и папки»;",
        "   Joomla и WordPress: файловый менеджер хостинга). Например, в папку /cluster/.",
        "3. Откройте в браузере адрес этой папки + " + urls.cluster(cl.slug),
        "   и поставьте на него ссылку из меню сайта.",
        "Все ссылки относительные: страницы работают в любой папке, в том числе в подпапке сайта.",
        "Не загружайте страницы в раздел /sveden/ — он только для обязательных сведений.",
        "",
        outside,
        "",
        "Обновление: загрузите новый архив поверх старого. Файл manifest.json — служебный список",
        "файлов архива (по нему программы проверяют, какие файлы изменились); его можно не открывать.",
    ]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def scope_of(page: str) -> Callable[[str], bool] | None:
    """What travels in the zip with `page`, a page of a cluster's folder (None for other pages)."""
    parts = page.split("/")
    if len(parts) < 3 or urls.cluster_dir(parts[1]) != f"{parts[0]}/{parts[1]}/":
        return None
    scope = urls.cluster_dir(parts[1])
    return lambda path: path.startswith(scope) or path.startswith(urls.ASSETS)


@dataclass(frozen=True)
class Listing:
    """The site's paths in order, and its licence files: looked up once for every cluster's zip."""

    paths: tuple[str, ...]
    licences: tuple[str, ...]

    @classmethod
    def of(cls, files: Mapping[str, bytes], copies: Mapping[str, object]) -> "Listing":
        paths = tuple(sorted(set(files) | set(copies)))
        return cls(paths, tuple(p for p in paths if _LICENCE.match(posixpath.basename(p))))

    def under(self, folder: str) -> tuple[str, ...]:
        start = bisect.bisect_left(self.paths, folder)
        end = bisect.bisect_left(self.paths, folder[:-1] + chr(ord(folder[-1]) + 1), start)
        return self.paths[start:end]


def _add_loaded(entries: dict, wanted: set[str], files: Mapping[str, bytes], copies: Mapping[str, object],
                read: Callable[[str], bytes], entry: Callable, licences) -> None:
    """Add to `entries` what its pages load (`wanted`) and what those stylesheets load in turn,
    and the licences of the asset folders taken (the OFL asks fonts to travel with theirs)."""
    queue = sorted(wanted - set(entries))
    while queue:
        path = queue.pop(0)
        if path in entries or not (path in files or path in copies):
            continue  # a missing file is the link check's business
        if path.endswith(".css"):
            entries[path] = read(path)
            queue += sorted(css_loads(entries[path].decode("utf-8"), path) - set(entries))
        else:
            entries[path] = entry(path)
    folders = {posixpath.dirname(p) for p in entries if p.startswith(urls.ASSETS)}
    for path in licences:
        if posixpath.dirname(path) in folders and path not in entries:
            entries[path] = entry(path)


def bundle(site: Site, cl: Cluster, files: Mapping[str, bytes], copies: Mapping[str, object],
           read: Callable[[str], bytes], prepared: Mapping[str, tuple[Packed, frozenset[str]]] | None = None,
           recall=no_memo, listing: "Listing | None" = None,
           entry: Callable[[str], "bytes | write.Staged"] | None = None,
           shared: dict[bytes, tuple[int, bytes]] | None = None, fresh: bool = False) -> packing.Blob:
    """The zip of one cluster, as a `packing.Blob` (a build's cache keeps its checksum, not its
    bytes: the output holds them; a remembered one is `Carried`; `fresh`: made without looking).
    `read(site path)` gives the bytes of a file of the site, `entry(site path)` its bytes or, when
    they are on disk with their checksum known, a `write.Staged` read only if the zip is made (an
    unchanged listing gives back the last zip without reading them); `prepared` holds pages already
    made into their bundle form and packed (page → (Packed, loads)); `recall(name, inputs, make)`
    gives back each entry's checksum and compressed form when its bytes are the same as before (the
    preview: recall.Recall), and the zip itself (a build's cache folder too); `shared` holds the
    compressed form of the files every cluster's zip takes (the theme's assets: once for all zips)."""
    prepared = prepared or {}
    base_url = site.config.base_url
    scope = urls.cluster_dir(cl.slug)

    def inside(path: str) -> bool:
        return path.startswith(scope) or path.startswith(urls.ASSETS)

    listing = listing or Listing.of(files, copies)
    entry = entry or read
    entries: dict[str, bytes | Packed | write.Staged] = {}
    wanted: set[str] = set()
    for path in listing.under(scope):
        if path in prepared:
            entries[path], loads = prepared[path]
            wanted |= loads
            continue
        if path.endswith(".html"):
            data = read(path)
            text, loads = recall(f"bundle-page:{cl.slug}:{path}", (data, str(base_url)),
                                 lambda data=data, path=path: bundle_page(data.decode("utf-8"), path, inside, base_url))
            data = text.encode("utf-8")
            wanted |= loads
            entries[path] = data
        else:
            entries[path] = entry(path)
    _add_loaded(entries, wanted, files, copies, read, entry, listing.licences)
    own_search = urls.search_bundle_manifest(cl.slug)
    if urls.SEARCH_MANIFEST in entries and own_search in entries:
        entries[urls.SEARCH_MANIFEST] = entries[own_search]  # search in the zip: this cluster only
    entries["index.html"] = _root_index(site, cl)
    entries["ИНСТРУКЦИЯ.txt"] = _instruction(cl, base_url)
    sums = {p: e.sha256 if isinstance(e, (Packed, write.Staged)) else
            recall(f"sha256:{cl.slug}:{p}", e, lambda data=e: sha256(data)) for p, e in sorted(entries.items())}
    rows = tuple((p, sums[p], len(e) if isinstance(e, bytes) else e.size) for p, e in sorted(entries.items()))
    as_of = site.config.as_of.isoformat()

    def make() -> packing.Blob:
        entries["manifest.json"] = (json.dumps(
            {"cluster": cl.slug, "as_of": as_of, "files": [{"path": p, "sha256": s, "size": n} for p, s, n in rows]},
            ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        return packing.Blob.of(_zip_bytes(entries, site.config.as_of, _packer(cl.slug, recall, shared)))
    # The listing and the date make the manifest, and with it the whole zip: an unchanged listing
    # gives back the zip without making either again.
    parts = tuple(x for p, s, n in rows for x in (p, s, str(n))) + (as_of,)
    return make() if fresh else recall(f"zip:{cl.slug}", parts, make)


def _packer(cluster: str, recall, shared: dict[bytes, tuple[int, bytes]] | None) -> Callable[[str, bytes], tuple[int, bytes]]:
    """deflate() of a zip's entry, remembered by `recall`; the theme's assets once for all zips (`shared`)."""
    def packed(name: str, data: bytes) -> tuple[int, bytes]:
        if shared is not None and name.startswith(urls.ASSETS):
            if data not in shared:
                shared[data] = recall(f"deflate:{name}", data, lambda: deflate(data))
            return shared[data]
        return recall(f"deflate:{cluster}:{name}", data, lambda: deflate(data))
    return packed


def each_bundle(site: Site, files: Mapping[str, bytes], copies: Mapping[str, object],
                read: Callable[[str], bytes], prepared: Mapping[str, tuple[Packed, frozenset[str]]] | None = None,
                recall=no_memo, put: Callable[..., object] = lambda path, data, sha256=None: data,
                entry: Callable[[str], "bytes | write.Staged"] | None = None,
                holds: Callable[[str, str], bool] | None = None) -> Iterator[tuple[Cluster, str, object]]:
    """downloads/<cluster>.zip of every cluster, one (cluster, path, what `put` gave) at a time: each zip
    made when it is asked for and given to `put(path, data, sha256)` (write.Staging.put: written at
    once, so one zip at a time is in memory); `entry` as for `bundle`. A zip `recall` remembers by
    its checksum alone (`Carried`) is brought over from the previous output while that output
    `holds(path, sha256)` it, else made again."""
    listing, shared = Listing.of(files, copies), {}
    for cl in site.clusters:
        path = urls.bundle(cl.slug)
        blob = bundle(site, cl, files, copies, read, prepared, recall, listing, entry, shared)
        if isinstance(blob.data, packing.Carried) and not (holds is not None and holds(path, blob.sha256)):
            blob = bundle(site, cl, files, copies, read, prepared, recall, listing, entry, shared, fresh=True)
        yield cl, path, put(path, blob.data, blob.sha256)
