"""The preview's output, brought up to date in place: each changed file replaced whole, files no
longer made removed (a build meant for publishing swaps a whole new folder in: write.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Mapping

from clusterpages.publish.write import WriteError, safe_target


def _write_atomic(target: Path, data: bytes | None, source: Path | None = None) -> None:
    """One file replaced whole (a reader sees the old file or the new one, never half of it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        if source is not None:
            shutil.copy2(source, tmp)
        else:
            tmp.write_bytes(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def update_site(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path],
                before: Mapping[str, bytes], before_copies: Mapping[str, tuple]) -> tuple[list[str], dict[str, tuple]]:
    """Bring `out`, which holds exactly `before` and `before_copies`, to `files` and `copies` in place.

    For the preview only (a build meant for publishing swaps a whole new folder in): each file is
    replaced whole, only files whose bytes or source changed are touched, files no longer made are
    removed. `before_copies` maps a copied file to its source's (path, size, mtime). Returns the site
    paths written or removed, and the new copies' signatures. Must be called under `locked(out)`.
    """
    touched = []
    signatures: dict[str, tuple] = {}
    try:
        for rel, data in files.items():
            old = before.get(rel)
            if old is data or old == data:
                continue
            _write_atomic(safe_target(out, rel), data)
            touched.append(rel)
        for rel, source in copies.items():
            st = source.stat()
            signatures[rel] = (str(source), st.st_size, st.st_mtime_ns)
            if before_copies.get(rel) == signatures[rel] and rel not in before:
                continue
            _write_atomic(safe_target(out, rel), None, source)
            touched.append(rel)
        for rel in sorted((set(before) | set(before_copies)) - set(files) - set(copies)):
            target = safe_target(out, rel)
            target.unlink(missing_ok=True)
            touched.append(rel)
            for folder in target.parents:
                if folder == out or not folder.is_relative_to(out) or any(folder.iterdir()):
                    break
                folder.rmdir()
    except OSError as exc:
        raise WriteError.wrap(exc) from exc
    return touched, signatures


def copy_signatures(copies: Mapping[str, Path]) -> dict[str, tuple]:
    """What update_site compares copied files by: their source, size and modification time."""
    out = {}
    for rel, source in copies.items():
        st = source.stat()
        out[rel] = (str(source), st.st_size, st.st_mtime_ns)
    return out
