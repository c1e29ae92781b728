"""One build at a time per output folder: an OS lock on a file beside it, which the kernel
releases when the process dies (a killed build never blocks the next one)."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from clusterpages.publish.writeerrors import OutputError, WriteError


def _lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


def _try_lock(handle) -> bool:
    if sys.platform == "win32":
        import msvcrt
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _open_lock(out: Path):
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return open(_lock_path(out), "a+b")
    except OSError as exc:
        raise WriteError.wrap(exc) from exc


@contextmanager
def locked(out: Path, wait: bool = True) -> Iterator[None]:
    """Hold an exclusive OS lock for `out` (a sibling lock file; the lock dies with the process)."""
    handle = _open_lock(out)
    try:
        if not _try_lock(handle):
            if not wait:
                raise OutputError(f"Другая сборка уже пишет в «{out}».")
            print(f"Ждём окончания другой сборки в «{out}»…", file=sys.stderr)
            if sys.platform == "win32":
                while not _try_lock(handle):
                    time.sleep(0.2)
            else:
                import fcntl
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        handle.close()
