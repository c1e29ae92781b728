"""Cache entries packed with their big bytes apart (runtime/cache.py): what is read, and when."""

from __future__ import annotations

import os

from clusterpages.runtime import cache
from clusterpages.values import packing

KEY = "ab" * 32


def _entry(value: tuple[bytes, str, bytes]) -> bytes:
    return packing.pack_apart(lambda apart: (apart(value[0]), value[1], apart(value[2])))


def _folder_cache(tmp_path, data: bytes, memory=None) -> cache.Cache:
    """A cache whose folder holds `data` as the entry "page" / KEY."""
    (tmp_path / "page").mkdir(parents=True, exist_ok=True)
    (tmp_path / "page" / KEY).write_bytes(data)
    return cache.Cache(tmp_path, memory)


def test_an_entry_packed_apart_reads_back_its_small_part_and_its_bytes_on_demand(tmp_path):
    value = (b"<html>" + "страница".encode() * 500, "разбор", b"PK" * 3000)
    data = _entry(value)
    assert packing.unpack(data) == value
    got = _folder_cache(tmp_path, data).get("page", KEY)
    html, scan, stream = got
    assert scan == "разбор"
    assert isinstance(html, packing.Stored) and isinstance(stream, packing.Stored)
    assert (html.size, stream.size) == (len(value[0]), len(value[2]))
    assert html.read() == value[0] and stream.read() == value[2]


def test_a_plain_entry_still_reads_as_before(tmp_path):
    c = cache.Cache(tmp_path)
    c.put("parse", "cd" * 32, {"документ": b"x" * 10_000})
    assert c.get("parse", "cd" * 32) == {"документ": b"x" * 10_000}


def test_an_entry_cut_short_is_a_miss_not_an_error(tmp_path):
    data = _entry((b"a" * 5000, "b", b"c" * 5000))
    c = _folder_cache(tmp_path, data)
    path = tmp_path / "page" / KEY
    path.write_bytes(data[:-1])
    assert c.get("page", KEY) is None


def test_kept_in_memory_an_entry_holds_its_bytes(tmp_path):
    """The preview keeps values between builds: a value that pointed into a cache file would
    break when the user deletes the cache folder while it runs."""
    value = (b"a" * 5000, "b", b"c" * 5000)
    c = _folder_cache(tmp_path, _entry(value), cache.Memory())
    assert c.get("page", KEY) == value
    os.remove(tmp_path / "page" / KEY)
    assert c.get("page", KEY) == value
