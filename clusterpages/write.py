"""Writing the output: build beside it, swap in whole, never leave it half-written.

The new site is written to a temporary folder next to the output and swapped in with
renames only when everything succeeded. An OS lock (released by the kernel when the
process dies) keeps two builds from writing the same output at once.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping


class OutputError(Exception):
    """The output folder cannot be used or written; the message is for a person."""


def refuse_unsafe(out: Path, site_root: Path) -> None:
    out_r, root_r = out.resolve(), site_root.resolve()
    forbidden = {Path(out_r.anchor), Path.home().resolve(), root_r, root_r / "content", root_r / "themes"}
    if out_r in forbidden or out_r in root_r.parents or root_r / "content" in out_r.parents \
            or root_r / "themes" in out_r.parents:
        raise OutputError(f"Папка вывода «{out}» совпадает с папкой сайта, content/, themes/, домашней или корневой папкой "
                          "— туда писать нельзя. Укажите отдельную папку, например --out output.")


@contextmanager
def locked(out: Path, wait: bool = True) -> Iterator[None]:
    """Hold an exclusive OS lock for `out` (a sibling lock file; the lock dies with the process)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    handle = open(lock_path, "a+b")
    try:
        if sys.platform == "win32":
            import msvcrt
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    if not wait:
                        raise OutputError(f"Другая сборка уже пишет в «{out}».") from None
                    time.sleep(0.2)
        else:
            import fcntl
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                if not wait:
                    raise OutputError(f"Другая сборка уже пишет в «{out}».") from None
                print(f"Ждём окончания другой сборки в «{out}»…", file=sys.stderr)
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
    if not out.exists() and olds:
        os.replace(olds[-1], out)
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _safe_target(base: Path, rel: str) -> Path:
    target = (base / rel).resolve()
    if not target.is_relative_to(base.resolve()):
        raise OutputError(f"Путь «{rel}» ведёт за пределы папки вывода.")
    return target


def write_site(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path], epoch: float) -> int:
    """Write `files` (site path → bytes) and `copies` (site path → source file) as the new `out`.

    Must be called under `locked(out)`. Returns the number of files written.
    """
    _clean_stale(out)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    tmp.mkdir(parents=True)
    try:
        for rel in sorted(set(files) | set(copies)):
            target = _safe_target(tmp, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel in files:
                target.write_bytes(files[rel])
            else:
                shutil.copyfile(copies[rel], target)
            os.utime(target, (epoch, epoch))
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return len(set(files) | set(copies))
