"""How work is packed: for a cache entry, for a worker, and as the bytes of a key (pure).

`pack`/`unpack` a value; `pack_apart` keeps a value's big bytes after the pickle of the rest,
read back as `Stored` only when something needs them; `stable_bytes` and `key` make the bytes
and the digest a cache key is made of.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import pickle
from dataclasses import dataclass
from typing import Callable


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
    """`value` as a cache entry holds it: a `Blob`'s bytes (or those of a dataclass's Blob
    fields) are not kept, only their size (`Carried`): the output holds them."""
    if isinstance(value, Blob):
        return pickle.dumps(value.carried(), protocol=pickle.HIGHEST_PROTOCOL)
    blobs = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)
             if isinstance(getattr(value, f.name), Blob)} if dataclasses.is_dataclass(value) else {}
    if blobs:
        value = dataclasses.replace(value, **{name: b.carried() for name, b in blobs.items()})
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True)
class Carried:
    """A file's bytes that a cache entry does not keep (its checksum is kept beside): the file
    is brought over from the previous output, whose index lists it with that checksum
    (write.Staging.holds), or made again when the output lacks it."""

    size: int


@dataclass(frozen=True)
class Blob:
    """A big file's bytes with their SHA-256; a cache entry keeps the checksum, not the bytes
    (`Carried`): a build finding the same file in its output neither reads nor hashes it."""

    sha256: str
    data: "bytes | Carried"

    @classmethod
    def of(cls, data: bytes) -> "Blob":
        return cls(hashlib.sha256(data).hexdigest(), data)

    def carried(self) -> "Blob":
        """The blob as a cache entry keeps it: its checksum and size, not its bytes."""
        return Blob(self.sha256, self.data if isinstance(self.data, Carried) else Carried(len(self.data)))


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
        return _global(module, name)


@functools.lru_cache(maxsize=1024)
def _global(module: str, name: str):
    """What a pickle names, looked up once a process (an edit at 10,000 pages reads 10,000 page
    entries of half a dozen classes each: pickle's own lookup, called from Python, was a third
    of reading one); looked up as a reader of the entries' protocol does (a nested class's
    dotted name, no Python 2 names)."""
    reader = pickle.Unpickler(io.BytesIO(_HIGHEST))
    reader.load()
    return reader.find_class(module, name)


_HIGHEST = pickle.dumps(None, protocol=pickle.HIGHEST_PROTOCOL)  # what makes a reader take that protocol


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


def read_entry(fh, path: str, lazy: bool, start: int = 0, size: int | None = None):
    """The value of a packed entry open in `fh` at `start` (its file's rest, or `size` bytes of a
    pack: runtime/packs.py): with its bytes kept apart as `Stored` (read later from `path`) when
    `lazy`, else all in memory; None when the entry is cut short."""
    if fh.peek(len(_APART))[:len(_APART)] != _APART:
        return pickle.load(fh)
    if not lazy:  # kept in memory: its bytes too (the file may go meanwhile)
        return unpack(fh.read(-1 if size is None else size))
    n, apart = _lengths(fh.read(_APART_HEAD))
    if (os.fstat(fh.fileno()).st_size - start if size is None else size) != _APART_HEAD + n + apart:
        return None
    base = start + _APART_HEAD + n
    return _Reader(fh.read(n), lambda offset, size: Stored(path, base + offset, size)).load()
