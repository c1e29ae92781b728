"""A persistent build cache: parsed documents and rendered pages, keyed by what they depend on.

The cache lives in a folder beside the output (`.clusterpages-cache/`), is safe to delete at
any time, and is keyed by the bytes of clusterpages' own code and the versions of the
libraries it renders with, so an upgrade never serves stale results.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from clusterpages.runtime import packs
from clusterpages.values.packing import key, pack, read_entry

# The libraries a cached result depends on, by the module they are imported as.
_LIBRARIES = ("jinja2", "markdown", "yaml", "nh3", "babel", "iuliia", "icalendar", "css_inline", "markupsafe",
              "snowballstemmer", "docx", "openpyxl", "lxml", "deflate")


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
    kinds: dict = field(default_factory=dict, compare=False, repr=False)  # packed kind → packs.Kind

    # The kinds a first build keeps thousands of: kept in packs (runtime/packs.py), not a file each.
    PACKED = ("parse", "page")

    def __enter__(self) -> "Cache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """The end of this process's writing: its packs closed, what it held back written."""
        for kind, state in list(self.kinds.items()):
            for k, data in state.close():
                self._write(kind, k, data)

    def _kind(self, kind: str) -> "packs.Kind":
        if kind not in self.kinds:
            self.kinds[kind] = packs.Kind(str(self.folder), kind)
        return self.kinds[kind]

    @property
    def enabled(self) -> bool:
        return self.folder is not None or self.memory is not None

    def holds_none(self, kind: str) -> bool:
        """Whether the folder holds no entry of `kind` (a first build: none to look up)."""
        if self.folder is None:
            return True
        try:
            with os.scandir(os.path.join(self.folder, kind)) as found:
                return next(found, None) is None
        except OSError:
            return True

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
        lazy = self.memory is None
        if kind in self.PACKED:
            try:
                found = self._kind(kind).read(k, lazy)
            except Exception:  # a damaged pack is a miss, never an error
                found = None
            if found is not None:
                return found
        path = os.path.join(self.folder, kind, k)  # not pathlib: tens of thousands of reads a build
        try:
            with open(path, "rb") as fh:
                return read_entry(fh, path, lazy=lazy)
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
        if kind in self.PACKED:
            try:
                if self._kind(kind).keep(k, data):
                    return
            except OSError:
                pass  # written as a file of its own
        self._write(kind, k, data)

    def _write(self, kind: str, k: str, data: bytes) -> None:
        # One folder a kind, not one per two-letter prefix: a folder costs a file system more to
        # make than a file (on a disk that has just freed many, as much as a few files each).
        path = self.folder / kind / k
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
