"""The output a swap replaced is kept as a spare and becomes the next build's temporary folder:
whatever the spare holds, the new output is exactly the files the build made, unchanged files
keep the output's file (and time), and a failed build leaves the output as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clusterpages.publish import write


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _dirs(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir()}


def _leftovers(tmp_path: Path) -> list[Path]:
    return [p for p in tmp_path.glob(".output.*") if p.is_dir()]


def _commit(tmp_path: Path, files: dict[str, bytes], copies: dict[str, Path] | None = None) -> None:
    out, cache = tmp_path / "output", tmp_path / "cache"
    with write.locked(out):
        staging = write.Staging(out, cache / "written-output", cache / "spare-output")
        try:
            for rel, data in files.items():
                staging.put(rel, data)
            staging.commit(files, copies or {})
        finally:
            staging.discard()


def _fail(tmp_path: Path, page: bytes) -> None:
    """A build that writes a page, then fails (a path leaving the output)."""
    out = tmp_path / "output"
    with pytest.raises(write.OutputError), write.locked(out):
        staging = write.Staging(out, tmp_path / "cache" / "written-output", tmp_path / "cache" / "spare-output")
        try:
            staging.put("index.html", page)
            staging.put("../outside.html", b"x")
        finally:
            staging.discard()


def test_the_replaced_output_is_kept_as_the_spare_and_reused(tmp_path):
    out, spare = tmp_path / "output", tmp_path / "cache" / "spare-output"
    first = {"index.html": b"one", "a/index.html": b"a", "b/c/index.html": b"c"}
    _commit(tmp_path, first)
    assert _tree(spare) == first  # nothing was replaced yet: the first output's files, linked
    assert all(os.path.samefile(out / rel, spare / rel) for rel in first)
    second = {**first, "index.html": b"two"}
    _commit(tmp_path, second)
    assert _tree(spare) == first  # the previous output, kept instead of deleted
    kept = (out / "a" / "index.html").stat()
    third = {**second, "index.html": b"three"}
    _commit(tmp_path, third)
    assert _tree(out) == third
    after = (out / "a" / "index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)  # unchanged: the same file
    assert not _leftovers(tmp_path)


def test_whatever_the_spare_holds_the_output_is_exactly_what_was_built(tmp_path):
    out, spare = tmp_path / "output", tmp_path / "cache" / "spare-output"
    first = {"index.html": b"one", "a/index.html": b"a", "e": b"a file where a folder goes later"}
    _commit(tmp_path, first)
    _commit(tmp_path, {**first, "index.html": b"two"})
    # The spare tampered with: a file replaced by other bytes, a stray file and folder, a
    # folder where a file goes, a file where a folder goes.
    (spare / "a" / "index.html").unlink()
    (spare / "a" / "index.html").write_bytes(b"not what the output holds")
    (spare / "stray" / "deep").mkdir(parents=True)
    (spare / "stray" / "deep" / "x.html").write_bytes(b"x")
    (spare / "gone.html").mkdir()
    (spare / "linked").symlink_to(tmp_path, target_is_directory=True)
    third = {"index.html": b"three", "a/index.html": b"a", "e/f/index.html": b"f", "gone.html": b"now a file"}
    _commit(tmp_path, third)
    assert _tree(out) == third
    assert _dirs(out) == {"a", "e", "e/f"}


def test_a_page_edited_by_hand_in_the_output_is_written_again(tmp_path):
    out = tmp_path / "output"
    files = {"index.html": b"built", "a/index.html": b"a"}
    _commit(tmp_path, files)
    _commit(tmp_path, {**files, "a/index.html": b"b"})
    (out / "index.html").write_bytes(b"edited")  # in place: the spare shares this file
    os.utime(out / "index.html", ns=(1, 1))
    _commit(tmp_path, {**files, "a/index.html": b"c"})
    assert _tree(out) == {"index.html": b"built", "a/index.html": b"c"}


def test_a_first_build_links_its_spare_as_it_writes_and_records_each_file_where_written(tmp_path):
    out, cache = tmp_path / "output", tmp_path / "cache"
    src = tmp_path / "logo.svg"
    src.write_bytes(b"<svg/>")
    with write.locked(out):
        staging = write.Staging(out, cache / "written-output", cache / "spare-output")
        try:
            staging.put("index.html", b"home")
            worker = staging.writer(["a/index.html", "a/b/big.html"])  # as a worker process gets it
            staged, record = worker.put("a/index.html", b"a")
            staging.record("a/index.html", record)
            staged, record = worker.put_parts("a/b/big.html", [b"big ", b"page"])
            staging.record("a/b/big.html", record)
            assert {p.name for p in tmp_path.glob(".output.tmp-*")} == {f".output.tmp-{os.getpid()}",
                                                                        f".output.tmp-{os.getpid()}-spare"}
            staging.commit({"index.html": b"home", "a/index.html": staged, "a/b/big.html": staged},
                           {"assets/logo.svg": src})
        finally:
            staging.discard()
    spare = cache / "spare-output"
    assert _tree(spare) == _tree(out) == {"index.html": b"home", "a/index.html": b"a", "a/b/big.html": b"big page",
                                          "assets/logo.svg": b"<svg/>"}
    assert all(os.path.samefile(out / rel, spare / rel) for rel in _tree(out))
    index = write._read_index(cache / "written-output")
    assert set(index) == {"index.html", "a/index.html", "a/b/big.html"}
    for rel, (size, mtime_ns, _) in index.items():
        st = (out / rel).stat()
        assert (size, mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert not _leftovers(tmp_path)


def test_a_failed_first_build_leaves_nothing(tmp_path):
    out, spare = tmp_path / "output", tmp_path / "cache" / "spare-output"
    _fail(tmp_path, b"one")
    assert not out.exists() and not spare.exists() and not _leftovers(tmp_path)


def test_copied_files_follow_their_sources(tmp_path):
    out = tmp_path / "output"
    src = tmp_path / "logo.svg"
    src.write_bytes(b"<svg>1</svg>")
    _commit(tmp_path, {"index.html": b"1"}, {"assets/logo.svg": src})
    _commit(tmp_path, {"index.html": b"2"}, {"assets/logo.svg": src})
    src.write_bytes(b"<svg>two</svg>")
    os.utime(src, (10**9, 10**9))
    _commit(tmp_path, {"index.html": b"3"}, {"assets/logo.svg": src})
    assert _tree(out) == {"index.html": b"3", "assets/logo.svg": b"<svg>two</svg>"}


def test_a_failed_build_leaves_the_output_and_drops_the_spare(tmp_path):
    out, spare = tmp_path / "output", tmp_path / "cache" / "spare-output"
    files = {"index.html": b"one", "a/index.html": b"a"}
    _commit(tmp_path, files)
    _commit(tmp_path, {**files, "index.html": b"two"})
    before = _tree(out)
    _fail(tmp_path, b"three")
    assert _tree(out) == before
    assert not spare.exists() and not _leftovers(tmp_path)
    _commit(tmp_path, {**files, "index.html": b"four"})  # the next build starts afresh
    assert _tree(out) == {**files, "index.html": b"four"}


def test_a_spare_without_its_output_is_dropped(tmp_path):
    out, spare = tmp_path / "output", tmp_path / "cache" / "spare-output"
    _commit(tmp_path, {"index.html": b"one"})
    _commit(tmp_path, {"index.html": b"two"})
    assert spare.is_dir()
    for p in sorted(out.rglob("*"), reverse=True):
        p.rmdir() if p.is_dir() else p.unlink()
    out.rmdir()  # the output deleted by hand
    _commit(tmp_path, {"index.html": b"three"})
    assert _tree(out) == {"index.html": b"three"}
    assert os.path.samefile(spare / "index.html", out / "index.html")  # the old spare gone: the new output's links


def test_a_read_only_file_in_the_spare_is_replaced_where_deleting_it_is_refused(tmp_path, monkeypatch):
    out = tmp_path / "output"
    src = tmp_path / "scan.pdf"
    src.write_bytes(b"one")
    src.chmod(0o444)  # copied with its mode: read-only in the output and, later, in the spare
    _commit(tmp_path, {"index.html": b"1"}, {"media/scan.pdf": src})
    _commit(tmp_path, {"index.html": b"2"}, {"media/scan.pdf": src})
    real_unlink = os.unlink

    def windows_unlink(path, *a, **k):  # Windows refuses to delete a read-only file
        if os.path.isfile(path) and not os.stat(path).st_mode & 0o200:
            raise PermissionError(13, "Access is denied", str(path))
        return real_unlink(path, *a, **k)
    monkeypatch.setattr(write.os, "unlink", windows_unlink)
    src.chmod(0o644)
    src.write_bytes(b"two")
    os.utime(src, (10**9, 10**9))
    _commit(tmp_path, {"index.html": b"3"}, {"media/scan.pdf": src})
    assert _tree(out) == {"index.html": b"3", "media/scan.pdf": b"two"}


def test_a_file_the_cache_keeps_only_by_checksum_is_brought_over_while_the_output_holds_it(tmp_path, monkeypatch):
    """A page's cache entry keeps its HTML's checksum, not its bytes (packing.Carried): `holds`
    answers by the output's index, and `put` links the file over — or, where it can be neither
    linked nor copied, writes the previous output's bytes after checking them."""
    import hashlib

    from clusterpages.values.packing import Carried
    out, cache = tmp_path / "output", tmp_path / "cache"
    files = {"index.html": b"built", "a/index.html": b"a"}
    _commit(tmp_path, files)
    sha = {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}
    with write.locked(out):
        staging = write.Staging(out, cache / "written-output", cache / "spare-output")
        try:
            assert staging.holds("index.html", sha["index.html"]) and not staging.holds("index.html", sha["a/index.html"])
            assert not staging.holds("b/index.html", sha["index.html"])
            staged = {"index.html": staging.put("index.html", Carried(5), sha["index.html"])}
            monkeypatch.setattr(write, "carry", lambda *args: False)
            staged["a/index.html"] = staging.put("a/index.html", Carried(1), sha["a/index.html"])
            staging.commit(staged, {})
        finally:
            staging.discard()
    assert _tree(out) == files
    (out / "index.html").write_bytes(b"edited")  # by hand: no longer what the index lists
    with write.locked(out):
        staging = write.Staging(out, cache / "written-output", cache / "spare-output")
        try:
            assert not staging.holds("index.html", sha["index.html"]) and staging.holds("a/index.html", sha["a/index.html"])
        finally:
            staging.discard()


def test_a_built_page_edited_by_hand_is_made_again_by_a_cached_build(tmp_path):
    """The cache keeps no page's bytes: a page changed in the output is rendered again."""
    import datetime as dt
    import shutil

    from clusterpages import pipeline
    site = tmp_path / "site"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", site / "content")
    shutil.copy(Path(__file__).resolve().parents[2] / "site_config.yaml", site / "site_config.yaml")
    out = tmp_path / "output"

    def build():
        r = pipeline.build(site / "site_config.yaml", out, None, dt.date(2026, 12, 5), False, jobs=1)
        assert r.written and not [d for d in r.diagnostics if d.severity == "error"]
        return _tree(out)
    before = build()
    page = next(p for p in sorted(out.glob("clusters/*/index.html")))
    piece = next(p for p in sorted(out.glob("embed/*/*.inline.html")))
    for p in (page, piece):
        p.write_bytes(p.read_bytes() + b"<!-- edited -->")
    assert build() == before


def test_a_file_found_by_holds_is_brought_over_without_looking_it_up_again(tmp_path, monkeypatch):
    """An edit at 10,000 pages asks `holds` of ~30,000 files and then puts each: the stat
    `holds` took is the one `put` uses (one system call a file fewer)."""
    import hashlib

    from clusterpages.values.packing import Carried
    out, cache = tmp_path / "output", tmp_path / "cache"
    _commit(tmp_path, {"a/index.html": b"a"})
    _commit(tmp_path, {"a/index.html": b"a"})  # the index and the spare as after a build
    sha = hashlib.sha256(b"a").hexdigest()
    looked = []
    real_stat = write.os.stat
    monkeypatch.setattr(write.os, "stat", lambda p, *a, **k: looked.append(str(p)) or real_stat(p, *a, **k))
    with write.locked(out):
        staging = write.Staging(out, cache / "written-output", cache / "spare-output")
        try:
            assert staging.holds("a/index.html", sha)
            before = len(looked)
            staged = {"a/index.html": staging.put("a/index.html", Carried(1), sha)}
            assert not [p for p in looked[before:] if p == str(out / "a" / "index.html")]
            inode = (out / "a" / "index.html").stat().st_ino
            staging.commit(staged, {})
        finally:
            staging.discard()
    assert _tree(out) == {"a/index.html": b"a"} and (out / "a" / "index.html").stat().st_ino == inode
