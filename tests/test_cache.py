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


def _many(n: int) -> dict[str, tuple[bytes, str, bytes]]:
    return {f"{i:064x}": (f"<p>страница {i}</p>".encode() * 50, f"разбор {i}", bytes([i % 256]) * (100 + i))
            for i in range(n)}


def test_a_build_keeping_many_entries_of_a_kind_packs_them_and_a_later_build_reads_each(tmp_path):
    entries = _many(cache.packs.PACK_FROM * 3)
    with cache.Cache(tmp_path) as c:
        for k, value in entries.items():
            c.put_packed("page", k, _entry(value), value)
        html, scan, stream = c.get("page", next(iter(entries)))  # read while it writes, too
        assert (html.read(), scan, stream.read()) == next(iter(entries.values()))
    names = sorted(p.name for p in (tmp_path / "page").iterdir())
    assert len(names) == 2 and names[0].endswith(".dat") and names[1].endswith(".idx")  # two files, not 96
    later = cache.Cache(tmp_path)
    for k, value in entries.items():
        html, scan, stream = later.get("page", k)
        assert isinstance(html, packing.Stored) and (html.read(), scan, stream.read()) == value
    assert later.get("page", "ff" * 32) is None


def test_a_build_keeping_few_entries_writes_them_as_files_and_other_kinds_are_never_packed(tmp_path):
    entries = _many(cache.packs.PACK_FROM - 1)
    with cache.Cache(tmp_path) as c:
        for k, value in entries.items():
            c.put_packed("parse", k, _entry(value), value)
            c.put("piece", k, value)
        assert not (tmp_path / "parse").exists()  # held until the end of the build
    assert {p.name for p in (tmp_path / "parse").iterdir()} == set(entries)
    assert {p.name for p in (tmp_path / "piece").iterdir()} == set(entries)
    later = cache.Cache(tmp_path)
    for k, value in entries.items():
        html, scan, stream = later.get("parse", k)
        assert (html.read(), scan, stream.read()) == value


def test_a_pack_cut_short_loses_only_the_entries_past_its_end(tmp_path):
    entries = _many(cache.packs.PACK_FROM * 2)
    with cache.Cache(tmp_path) as c:
        for k, value in entries.items():
            c.put_packed("page", k, _entry(value), value)
    data = next((tmp_path / "page").glob("*.dat"))
    whole = data.read_bytes()
    data.write_bytes(whole[:len(whole) - 10])  # a build killed while writing its last entry
    later = cache.Cache(tmp_path)
    *first, last = entries
    assert later.get("page", last) is None
    assert all(later.get("page", k)[1] == entries[k][1] for k in first)
    data.write_bytes(b"\0" * len(whole))  # damaged: every entry a miss, never an error
    assert all(cache.Cache(tmp_path).get("page", k) is None for k in entries)


def test_a_later_build_reads_entries_of_many_packs_through_a_few_open_files(tmp_path, monkeypatch):
    monkeypatch.setattr(cache.packs, "MAX_READERS", 2)
    builds = [dict(list(_many(cache.packs.PACK_FROM * 4).items())[n::3]) for n in range(3)]  # three packs
    for entries in builds:
        with cache.Cache(tmp_path) as c:
            for k, value in entries.items():
                c.put_packed("page", k, _entry(value), value)
    assert len(list((tmp_path / "page").glob("*.dat"))) == 3
    with cache.Cache(tmp_path) as later:
        for _ in range(2):  # the packs in turn: a file opened again once more than two were open
            for entries in builds:
                for k, value in list(entries.items())[:3]:
                    html, scan, stream = later.get("page", k)
                    assert (html.read(), scan, stream.read()) == value
                    assert len(later.kinds["page"].readers) <= 2
    assert later.kinds["page"].readers == {}  # closed with the cache
