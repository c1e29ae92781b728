"""A content file's digest (the cache's key for its parsed document) is the same however the file
was read: hashed from its bytes when they are its text's UTF-8, from the text otherwise (a BOM,
Windows line ends), and after travelling to a worker."""

from __future__ import annotations

import os
import pickle

import pytest

from clusterpages.content.read.sources import SourceFile, read_text

TEXT = "---\ntitle: Страница\n---\nТекст «в кавычках» — и ещё.\n"


@pytest.mark.parametrize("raw", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),                    # saved by Notepad with a BOM
    TEXT.replace("\n", "\r\n").encode("utf-8"),                # Windows line ends
], ids=["plain", "bom", "crlf"])
def test_the_digest_is_the_texts_however_the_file_is_written(tmp_path, raw):
    (tmp_path / "p.md").write_bytes(raw)
    src, diags = read_text(tmp_path / "p.md", tmp_path)
    assert not diags and src.text == TEXT
    made_here = SourceFile(src.rel, src.text).digest
    assert src.digest == made_here
    assert pickle.loads(pickle.dumps(src)).digest == made_here
    assert SourceFile(src.rel, TEXT + "x").digest != made_here


def test_a_file_read_cleanly_before_is_decoded_only_when_its_text_is_read(tmp_path):
    (tmp_path / "p.md").write_bytes(TEXT.encode("utf-8") + "[ЗАПОЛНИТЕ: имя]\n".encode())
    first, _ = read_text(tmp_path / "p.md", tmp_path)
    again, diags = read_text(tmp_path / "p.md", tmp_path, decoded={first.digest})
    assert not diags and "text" not in again.__dict__  # not decoded yet
    assert again.has("[ЗАПОЛНИТЕ") and not again.has("нет такого") and "text" not in again.__dict__
    assert again == first and hash(again) == hash(first) and again.digest == first.digest
    assert pickle.loads(pickle.dumps(again)) == first
    assert again.text == first.text and again != SourceFile(first.rel, first.text + "x")


@pytest.mark.parametrize("raw", [
    TEXT.encode("cp1251"),                                      # saved by Word as «plain text»
    b"   \n",                                                   # empty
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),                    # a BOM: decoded to be hashed anyway
], ids=["cp1251", "empty", "bom"])
def test_only_the_same_bytes_are_taken_as_read_before(tmp_path, raw):
    """Bytes that do not decode (or are empty) are never in `decoded`: a file changed into them is
    decoded, and refused, whatever the last build read."""
    (tmp_path / "p.md").write_bytes(TEXT.encode("utf-8"))
    good, _ = read_text(tmp_path / "p.md", tmp_path)
    (tmp_path / "p.md").write_bytes(raw)
    src, diags = read_text(tmp_path / "p.md", tmp_path, decoded={good.digest})
    if raw.startswith(b"\xef\xbb\xbf"):
        assert "text" in src.__dict__ and src.text == TEXT
    else:
        assert src is None and diags and diags[0].code in ("file.encoding", "file.empty")


def test_the_walk_lists_the_files_as_pathlib_sorts_them_without_hidden_ones(tmp_path):
    from clusterpages.content.read import load as load_mod
    content = tmp_path / "content"
    names = ["b/a.md", "B/c.md", "a-b/x.md", "a/b/c.md", "a/b.md", "a.md", "Z.md", "z/1.md", "z/10.md", "z/2.md",
             ".hidden/x.md", "a/.x.md", "ё/я.md", "е/я.md", "a b/c.md"]
    for name in names:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("x", encoding="utf-8")
    found = load_mod._walk(content, tmp_path, [])
    expected = [p for p in sorted(content.rglob("*")) if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)]
    assert [rel for _, rel in found] == [p.relative_to(tmp_path).as_posix() for p in expected]
    assert [path for path, _ in found] == [str(p) for p in expected]


@pytest.mark.parametrize("n", [0, 1, 9, 10, 11, 100_000])
def test_a_whole_file_is_read_whatever_its_size_and_the_size_given(tmp_path, n):
    from clusterpages.content.read import fileio
    data = bytes(range(256)) * (n // 256) + bytes(range(n % 256))
    (tmp_path / "f").write_bytes(data)
    assert fileio.read_whole(tmp_path / "f") == data
    assert fileio.read_whole(tmp_path / "f", 10) == data
    assert fileio.read_whole(str(tmp_path / "f"), n) == data


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links need rights on Windows")
def test_the_walk_keeps_links_to_published_files_and_says_why_it_drops_the_others(tmp_path):
    from clusterpages.content.read import load as load_mod
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / ".hidden").mkdir()
    (content / "a.md").write_text("x", encoding="utf-8")
    (content / "sub" / "b.md").write_text("x", encoding="utf-8")
    (content / ".hidden" / "c.md").write_text("x", encoding="utf-8")
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    (content / "in.md").symlink_to(content / "a.md")                 # a published file: kept
    (content / "out.md").symlink_to(tmp_path / "outside.md")         # outside content/: said
    (content / "hid.md").symlink_to(content / ".hidden" / "c.md")    # a hidden file: said
    (content / "dir").symlink_to(content / "sub")                    # a folder: neither kept nor entered
    diags = []
    found = load_mod._walk(content, tmp_path, diags)
    assert [rel for _, rel in found] == ["content/a.md", "content/in.md", "content/sub/b.md"]
    assert sorted((d.code, d.file) for d in diags) == [("path.outside", "content/hid.md"),
                                                       ("path.outside", "content/out.md")]
