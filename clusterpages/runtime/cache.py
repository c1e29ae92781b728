"""A persistent build cache: parsed documents and rendered pages, keyed by what they depend on.

The cache lives in a folder beside the output (`.clusterpages-cache/`), is safe to delete at
any time, and is keyed by the bytes of clusterpages' own code and the versions of the
libraries it renders with, so an upgrade never serves stale results.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

# The libraries a cached result depends on, by the module they are imported as.
_LIBRARIES = ("jinja2", "markdown", "yaml", "nh3", "babel", "iuliia", "icalendar", "css_inline", "markupsafe",
              "snowballstemmer", "docx", "openpyxl", "lxml")


def code_fingerprint() -> str:
    """Hash of the package's source and of the installed libraries it uses: the file each is
    loaded from, with its size and time (an upgrade, or any reinstall, writes it anew; reading
    versions through importlib.metadata would import the email package, ~30 ms of each build)."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)
        try:
            st = os.stat(spec.origin) if spec is not None and spec.origin else None
        except OSError:
            st = None
        found = f"{spec.origin}:{st.st_size}:{st.st_mtime_ns}" if st is not None else "none"
        h.update(f"{name}={found}".encode())
    return h.hexdigest()


def stable_bytes(value) -> bytes:
    """`value` pickled without the pickler's memo, as the bytes of a cache key.

    A normal pickle writes an object met twice as a back-reference, so equal values pickle
    differently when their parts are shared differently — documents parsed now and documents
    read back from the cache do — and every key would miss. Without the memo the bytes depend
    on the values only (the model is acyclic frozen data)."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=4)
    pickler.fast = True
    pickler.dump(value)
    return buf.getvalue()


def pack(value) -> bytes:
    """`value` as a cache entry holds it."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


# An entry packed with its big bytes apart: this mark, the pickle's length and the bytes' length
# (8 bytes each, little-endian), the pickle, then the bytes one after another.
_APART = b"CPA1"
_APART_HEAD = len(_APART) + 16


@dataclass(frozen=True)
class Stored:
    """Bytes kept in a cache entry after its pickled part, read only when something needs them
    (a build that finds a page unchanged in its output never reads the page's HTML)."""

    file: str
    offset: int
    size: int

    def read(self) -> bytes:
        with open(self.file, "rb") as fh:
            fh.seek(self.offset)
            data = fh.read(self.size)
        if len(data) != self.size:
            raise OSError(f"{self.file}: the cache entry is cut short (delete the cache folder)")
        return data


class _Hole:
    """Where bytes kept apart were, in the pickled part: read back as a `Stored` (or the bytes)."""

    __slots__ = ("offset", "size")

    def __init__(self, offset: int, size: int):
        self.offset, self.size = offset, size

    def __reduce__(self):
        return _kept_apart, (self.offset, self.size)


def _kept_apart(offset: int, size: int):
    raise pickle.UnpicklingError("bytes kept apart are read through Cache (an entry packed by pack_apart)")


def pack_apart(holed: Callable[[Callable[[bytes], object]], object]) -> bytes:
    """A value as a cache entry whose big bytes are kept after the pickle of the rest, so that
    reading it costs the small part only: `holed(apart)` is the value with each of those bytes
    `b` replaced by `apart(b)`. Read back by Cache.get (those bytes as `Stored`) or `unpack`."""
    blobs: list[bytes] = []
    end = 0

    def apart(data: bytes) -> _Hole:
        nonlocal end
        blobs.append(data)
        end += len(data)
        return _Hole(end - len(data), len(data))

    head = pickle.dumps(holed(apart), protocol=pickle.HIGHEST_PROTOCOL)
    return b"".join([_APART, len(head).to_bytes(8, "little"), end.to_bytes(8, "little"), head, *blobs])


class _Reader(pickle.Unpickler):
    """Unpickles an entry's pickled part, its holes made by `fill(offset, size)`."""

    def __init__(self, data: bytes, fill: Callable[[int, int], object]):
        super().__init__(io.BytesIO(data))
        self._fill = fill

    def find_class(self, module: str, name: str):
        if module == __name__ and name == "_kept_apart":
            return self._fill
        return super().find_class(module, name)


def _lengths(header: bytes) -> tuple[int, int]:
    return int.from_bytes(header[4:12], "little"), int.from_bytes(header[12:20], "little")


def unpack(data: bytes):
    """A packed value (`pack` or `pack_apart`) with all its bytes in memory."""
    if not data.startswith(_APART):
        return pickle.loads(data)
    n, _ = _lengths(data)
    base = _APART_HEAD + n
    return _Reader(data[_APART_HEAD:base], lambda offset, size: data[base + offset:base + offset + size]).load()


def key(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


# Folders of the cache folder that hold no entries (the written output's index, the spare output):
# they do not depend on the code.
_NOT_ENTRIES = ("written-", "spare-")


def retire_other_versions(folder: Path, fingerprint: str) -> None:
    """Remove the entries another version of clusterpages made, once, when this version first
    builds here: every key holds the code's fingerprint, so they can never be read again, and
    without this each upgrade would leave a copy of the site's pages behind."""
    marker = folder / "version"
    try:
        if marker.read_text(encoding="utf-8") == fingerprint:
            return
    except (OSError, UnicodeDecodeError):
        pass
    try:
        for entry in (folder.iterdir() if folder.is_dir() else ()):
            if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith(_NOT_ENTRIES):
                shutil.rmtree(entry, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        marker.write_text(fingerprint, encoding="utf-8")
    except OSError:
        pass  # a cache that cannot be tidied only costs disk space


class Memory:
    """Values kept in memory between builds of one process (the preview), in front of the folder.

    A value found here is the very object of the previous build, so the pages made from it
    compare equal at once (see pipeline.render_pages). `sweep()` after a build forgets what that
    build did not use, so the preview's memory stays the size of one site.
    """

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], object] = {}
        self.used: set[tuple[str, str]] = set()

    def get(self, kind: str, k: str):
        value = self.values.get((kind, k))
        if value is not None:
            self.used.add((kind, k))
        return value

    def put(self, kind: str, k: str, value) -> None:
        self.values[(kind, k)] = value
        self.used.add((kind, k))

    def sweep(self) -> None:
        self.values = {k: v for k, v in self.values.items() if k in self.used}
        self.used = set()


@dataclass(frozen=True)
class Cache:
    """A folder of pickled values named by their key, optionally behind a `Memory`.
    `None` folder and no memory = no cache."""

    folder: Path | None
    memory: Memory | None = None
    folders: set = field(default_factory=set, compare=False, repr=False)  # folders known to exist

    @property
    def enabled(self) -> bool:
        return self.folder is not None or self.memory is not None

    def get(self, kind: str, k: str):
        if self.memory is not None:
            value = self.memory.get(kind, k)
            if value is not None:
                return value
        value = self._read(kind, k)
        if value is not None and self.memory is not None:
            self.memory.put(kind, k, value)
        return value

    def _read(self, kind: str, k: str):
        if self.folder is None:
            return None
        path = os.path.join(self.folder, kind, k[:2], k)  # not pathlib: tens of thousands of reads a build
        try:
            with open(path, "rb") as fh:
                if fh.peek(len(_APART))[:len(_APART)] != _APART:
                    return pickle.load(fh)
                if self.memory is not None:  # kept in memory: its bytes too (the file may go meanwhile)
                    return unpack(fh.read())
                header = fh.read(_APART_HEAD)
                n, apart = _lengths(header)
                if os.fstat(fh.fileno()).st_size != _APART_HEAD + n + apart:
                    return None  # cut short
                base = _APART_HEAD + n
                return _Reader(fh.read(n), lambda offset, size: Stored(path, base + offset, size)).load()
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is a miss, never an error
            return None

    def memo(self, kind: str, parts: tuple, compute):
        """compute() once per distinct `parts` (bytes/str), remembered across builds."""
        if not self.enabled:
            return compute()
        k = key(*parts)
        value = self.get(kind, k)
        if value is None:
            value = compute()
            self.put(kind, k, value)
        return value

    def put(self, kind: str, k: str, value) -> None:
        self.put_packed(kind, k, pack(value) if self.folder is not None else b"", value)

    def put_packed(self, kind: str, k: str, data: bytes, value) -> None:
        """Keep `value`, whose `pack` is `data` (made where the value was made, on a worker: a
        value pickled here would keep a UTF-8 copy of each of its non-ASCII strings for as long
        as it lives — CPython caches it on the string)."""
        if self.memory is not None:
            self.memory.put(kind, k, value)
        if self.folder is None:
            return
        path = self.folder / kind / k[:2] / k
        tmp = path.with_name(f".tmp-{os.getpid()}-{k}")
        try:
            if path.parent not in self.folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.folders.add(path.parent)
            with open(tmp, "xb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()  # a cache that cannot be written only costs time
