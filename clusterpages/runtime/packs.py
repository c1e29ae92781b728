"""Cache entries of one kind kept in a few files a build instead of a file each (used by cache.py).

A build that keeps many entries of a kind (a first build: every parsed document, every page)
appends them to one data file, `<kind>/pack-<pid>-<time>.dat`, and records each in an index file
beside it (`.idx`: key, offset, length), both written as they go; making a file costs a file
system far more than appending to one (on a disk that has just freed many, ~260 µs a file).
A build that keeps only a few (an edit) writes them as single files as before, so that packs
do not pile up one per edit. Reading a kind loads its index files once and keeps its data
files open while the build reads (an edit at 10,000 pages reads 20,000 entries). An index record
pointing past the end of its data file (a build killed mid-write) is ignored: a lost entry
only costs time.
"""

from __future__ import annotations

import glob
import os
import time

from clusterpages.values.packing import read_entry, unpack

# Entries a build keeps of one kind before it opens a pack: fewer are written one file each.
PACK_FROM = 32
# Data files a kind keeps open for reading at once (packs pile up until the code changes).
MAX_READERS = 32


class Kind:
    """One kind's entries: those in packs (key → data file, offset, length, loaded once), those
    this process keeps (held until there are PACK_FROM of them, then appended to its own pack)."""

    def __init__(self, folder: str, kind: str):
        self.folder = os.path.join(folder, kind)
        self.found: dict[str, tuple[str, int, int]] | None = None
        self.held: dict[str, bytes] = {}
        self.data = self.index = None
        self.data_path, self.end = "", 0
        self.readers: dict[str, object] = {}  # data file → open for reading (an edit reads thousands of entries)

    def _load(self) -> dict[str, tuple[str, int, int]]:
        found: dict[str, tuple[str, int, int]] = {}
        for index in sorted(glob.glob(os.path.join(glob.escape(self.folder), "pack-*.idx"))):
            data_path = index[:-len(".idx")] + ".dat"
            try:
                with open(index, "rb") as fh:
                    records = fh.read()
                size = os.stat(data_path).st_size
            except OSError:
                continue
            pos = 0
            while pos + 2 <= len(records):
                n = int.from_bytes(records[pos:pos + 2], "little")
                end = pos + 2 + n + 16
                if end > len(records):
                    break  # a record cut short
                k = records[pos + 2:pos + 2 + n].decode("utf-8", "replace")
                offset = int.from_bytes(records[pos + 2 + n:pos + 10 + n], "little")
                length = int.from_bytes(records[pos + 10 + n:end], "little")
                if offset + length <= size:
                    found[k] = (data_path, offset, length)
                pos = end
        return found

    def read(self, k: str, lazy: bool):
        """The entry `k` if a pack or this process holds it, else None (`lazy`: as read_entry)."""
        if k in self.held:
            return unpack(self.held[k])
        if self.found is None:
            if self.data is not None:  # this process's pack as written so far, visible to the loading
                self.data.flush()
                self.index.flush()
            self.found = self._load()
        where = self.found.get(k)
        if where is None:
            return None
        path, offset, length = where
        if path == self.data_path:
            self.data.flush()
        fh = self.readers.get(path)
        if fh is None:
            if len(self.readers) >= MAX_READERS:
                self._close_readers()
            fh = self.readers[path] = open(path, "rb")
        fh.seek(offset)
        return read_entry(fh, path, lazy, offset, length)

    def _close_readers(self) -> None:
        for fh in self.readers.values():
            fh.close()
        self.readers = {}

    def keep(self, k: str, data: bytes) -> bool:
        """Keep `data` as the entry `k` here (True), or leave it to be written as a file of its
        own (False: a pack could not be made)."""
        if self.data is None:
            if len(self.held) < PACK_FROM - 1:
                self.held[k] = data
                return True
            if not self._open():
                return False
            for held_key, held in self.held.items():
                self._append(held_key, held)
            self.held = {}
        self._append(k, data)
        return True

    def _open(self) -> bool:
        stem = os.path.join(self.folder, f"pack-{os.getpid()}-{time.time_ns()}")
        try:
            os.makedirs(self.folder, exist_ok=True)
            self.data, self.index = open(stem + ".dat", "xb"), open(stem + ".idx", "xb")
        except OSError:
            return False
        self.data_path = stem + ".dat"
        return True

    def _append(self, k: str, data: bytes) -> None:
        name = k.encode("utf-8")
        self.data.write(data)
        self.index.write(len(name).to_bytes(2, "little") + name + self.end.to_bytes(8, "little")
                         + len(data).to_bytes(8, "little"))
        if self.found is not None:
            self.found[k] = (self.data_path, self.end, len(data))
        self.end += len(data)

    def close(self) -> list[tuple[str, bytes]]:
        """End this process's writing: the pack closed (data before index), and the entries held
        back, which the caller writes as files of their own."""
        for fh in (self.data, self.index):
            if fh is not None:
                try:
                    fh.close()
                except OSError:
                    pass
        self._close_readers()
        self.data = self.index = None
        self.data_path = ""
        held, self.held = list(self.held.items()), {}
        return held
