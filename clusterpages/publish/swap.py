"""The new output swapped in whole: on Linux one atomic exchange of the two folders (renameat2
RENAME_EXCHANGE), elsewhere two renames (output → .old-*, temporary → output); a build killed
between those two leaves the previous output in `.old-*`, put back by the next
(outputlock._clean_stale)."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two existing paths (Linux renameat2); False when not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # the file system cannot exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def swap(tmp: Path, out: Path) -> None:
    """Make `tmp` the output. On return `tmp` holds the previous output (or nothing)."""
    if out.exists() and exchange(tmp, out):
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    moved = False
    try:
        if out.exists():
            os.replace(out, old)
            moved = True
        os.replace(tmp, out)
    except BaseException:
        if moved and not out.exists():
            os.replace(old, out)  # the previous output back where it was
        raise
    if moved:
        os.replace(old, tmp)  # so the caller removes it with the temporary folder
