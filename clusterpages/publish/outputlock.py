"""One build at a time per output folder: an OS lock on a file beside it, which the kernel
releases when the process dies (a killed build never blocks the next one); what a killed build
left beside the output put back or removed."""

from __future__ import annotations

import os
import shutil
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


def _clean_stale(out: Path) -> None:
    """Remove temporary folders left by a killed build (we hold the lock: none is live).

    A build killed between its two renames leaves no output but an `.old-*` folder:
    that folder is the previous output and is put back first.
    """
    olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not out.exists() and not out.is_symlink() and olds:
        os.replace(olds[-1], out)
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def recover(out: Path) -> bool:
    """Put back an output a killed build left in `.old-*`, if no build is running now.

    Safe to call at the start of every run, before anything else: it takes the lock
    without waiting and does nothing when another build holds it. True when it restored.
    """
    if out.exists() or not out.parent.is_dir() or not any(out.parent.glob(f".{out.name}.old-*")):
        return False
    try:
        handle = open(_lock_path(out), "a+b")
    except OSError:
        return False
    try:
        if not _try_lock(handle):
            return False
        existed = out.exists()
        _clean_stale(out)
        return not existed and out.exists()
    except OSError:
        return False
    finally:
        handle.close()
