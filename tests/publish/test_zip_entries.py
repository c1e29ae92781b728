"""The zip writer that takes entries compressed beforehand writes what zipfile itself writes
(given the same compressor: bundles.deflate)."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import pytest

from clusterpages.publish import bundles


class _Deflater:
    """bundles.deflate as zipfile's compressor (zipfile streams; libdeflate takes the whole entry)."""

    def __init__(self):
        self.data = []

    def compress(self, data: bytes) -> bytes:
        self.data.append(data)
        return b""

    def flush(self) -> bytes:
        return bundles.deflate(b"".join(self.data))[1]


@pytest.fixture(autouse=True)
def _zipfile_deflates_as_bundles(monkeypatch):
    monkeypatch.setattr(zipfile, "_get_compressor", lambda compress_type, level=None: _Deflater())


def _writestr(entries: dict[str, bytes], date: dt.date) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(date.year, date.month, date.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def test_same_bytes_as_zipfile_writestr_and_entries_read_back():
    rng = random.Random(15)
    entries = {
        "ИНСТРУКЦИЯ.txt": "Загрузите папку на сайт колледжа.\r\n".encode("utf-8") * 40,
        "clusters/it/index.html": "<p>Страница</p>".encode("utf-8") * 300,
        "assets/empty.css": b"",
        "assets/font.woff2": bytes(rng.randrange(256) for _ in range(20_000)),  # does not compress
    }
    date = dt.date(2023, 2, 15)
    made = bundles._zip_bytes(entries, date)
    assert made == _writestr(entries, date)
    with zipfile.ZipFile(io.BytesIO(made)) as zf:
        assert zf.testzip() is None
        assert {n: zf.read(n) for n in zf.namelist()} == entries


def test_remembered_streams_are_used_as_given():
    entries = {"a.txt": b"a" * 1000, "b.txt": b"b" * 1000}
    asked = []

    def packed(name, data):
        asked.append(name)
        return bundles.deflate(data)

    assert bundles._zip_bytes(entries, dt.date(2023, 1, 1), packed) == _writestr(entries, dt.date(2023, 1, 1))
    assert asked == ["a.txt", "b.txt"]
