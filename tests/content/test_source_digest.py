"""A content file's digest (the cache's key for its parsed document) is the same however the file
was read: hashed from its bytes when they are its text's UTF-8, from the text otherwise (a BOM,
Windows line ends), and after travelling to a worker."""

from __future__ import annotations

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
