"""Writing the output: build beside it, swap in whole, never leave it half-written.

The new site is written to a temporary folder next to the output and swapped in only
when everything succeeded: on Linux with one atomic exchange of the two folders
(renameat2 RENAME_EXCHANGE), elsewhere with two renames (output → .old-*, temporary →
output). A build killed between those two renames leaves the previous output in
`.old-*`; the next build puts it back before anything else. An OS lock (released by
the kernel when the process dies) keeps two builds from writing the same output at once.
"""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping


class OutputError(Exception):
    """The output folder cannot be used or written; the message is for a person."""


_ERRNO_RU = {
    errno.ENOSPC: ("на диске не осталось места", "Освободите место на диске и запустите сборку снова."),
    errno.EDQUOT: ("превышена дисковая квота", "Освободите место в своей квоте и запустите сборку снова."),
    errno.EACCES: ("нет прав на запись", "Проверьте права на папку вывода и папку над ней или укажите другую: --out папка."),
    errno.EPERM: ("операция запрещена системой", "Проверьте права на папку вывода и папку над ней или укажите другую: --out папка."),
    errno.EROFS: ("диск доступен только для чтения", "Укажите папку на диске, доступном для записи: --out папка."),
    errno.ENAMETOOLONG: ("слишком длинный путь", "Укажите папку вывода с более коротким путём: --out папка."),
    errno.EBUSY: ("папка занята другой программой", "Закройте программы, открывшие файлы в папке вывода, и повторите."),
    errno.ENOTEMPTY: ("папку не удалось заменить", "Закройте программы, открывшие файлы в папке вывода, и повторите."),
    errno.EIO: ("ошибка ввода-вывода диска", "Проверьте диск и запустите сборку снова."),
}


class WriteError(OSError):
    """Writing the output failed (no space, no rights, …); str() is a Russian sentence.

    An OSError, so callers that report write failures keep working; the previous output
    is intact and no temporary folder is left when it is raised from `write_site`.
    """

    def __str__(self) -> str:
        what, hint = _ERRNO_RU.get(self.errno or 0, (self.strerror or "ошибка записи", "Проверьте диск и права на папку."))
        where = f" (файл «{self.filename}»)" if self.filename else ""
        return f"{what}{where}. {hint}"

    @classmethod
    def wrap(cls, exc: OSError) -> "WriteError":
        if isinstance(exc, WriteError):
            return exc
        return cls(exc.errno or 0, exc.strerror or str(exc), exc.filename)


def refuse_unsafe(out: Path, site_root: Path) -> None:
    out_r, root_r = out.resolve(), site_root.resolve()
    forbidden = {Path(out_r.anchor), Path.home().resolve(), root_r, root_r / "content", root_r / "themes"}
    if out_r in forbidden or out_r in root_r.parents or root_r / "content" in out_r.parents \
            or root_r / "themes" in out_r.parents:
        raise OutputError(f"Папка вывода «{out}» совпадает с папкой сайта, content/, themes/, домашней или корневой папкой "
                          "— туда писать нельзя. Укажите отдельную папку, например --out output.")


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


def safe_target(base: Path, rel: str) -> Path:
    """`base / rel` for a site path that stays inside `base` (checked on the string: the
    temporary folder is ours and fresh, so no symlink can be inside it)."""
    parts = rel.split("/")
    if (not rel or rel.startswith("/") or "\\" in rel or ":" in parts[0] or "\0" in rel
            or any(p in ("", ".", "..") for p in parts)):
        raise OutputError(f"Путь «{rel}» ведёт за пределы папки вывода.")
    return base.joinpath(*parts)


def _same_file(previous: Path, data: bytes) -> bool:
    try:
        if previous.stat().st_size != len(data):
            return False
        return previous.read_bytes() == data
    except OSError:
        return False


def _carry(previous: Path, target: Path) -> bool:
    """Bring an unchanged file over from the previous output, keeping its modification time."""
    try:
        os.link(previous, target)
        return True
    except OSError:
        try:
            shutil.copy2(previous, target)
            return True
        except OSError:
            return False


def _same_copy(previous: Path, source: Path) -> bool:
    try:
        a, b = previous.stat(), source.stat()
    except OSError:
        return False
    return a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
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


def _swap(tmp: Path, out: Path) -> None:
    """Make `tmp` the output. On return `tmp` holds the previous output (or nothing)."""
    if out.exists() and _exchange(tmp, out):
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


@dataclass(frozen=True)
class Staged:
    """A file already written to the new output: its bytes are on disk, not in memory."""

    file: Path
    size: int
    sha256: str


def content(value: "bytes | Staged") -> bytes:
    """The bytes of an output file, whether kept in memory or already staged."""
    return value.file.read_bytes() if isinstance(value, Staged) else value


class Staging:
    """The new output, written file by file into a temporary folder beside `out` while the
    build runs, and swapped in whole by `commit`; `discard` leaves the previous output as it
    was. Unchanged bytes keep the previous file (and its time), so rsync and admins copying by
    date see only real changes. Must be used under `locked(out)`; every failure is a `WriteError`
    (an OSError with a Russian message).

    `index`: a file (in the cache folder) where the output's files are listed with their size,
    modification time and SHA-256; a file whose size and time are as listed is known unchanged
    by its checksum, without reading it back."""

    def __init__(self, out: Path, index: Path | None = None):
        self.out = out
        self.tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
        self._made: set[Path] = set()
        self._index_file = index
        self._before: dict[str, tuple[int, int, str]] = _read_index(index)
        self._after: dict[str, tuple[int, str]] = {}
        try:
            _clean_stale(out)
            self.tmp.mkdir(parents=True)
        except OSError as exc:
            raise WriteError.wrap(exc) from exc

    def _target(self, rel: str) -> tuple[Path, Path]:
        target = safe_target(self.tmp, rel)
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        return target, self.out.joinpath(*rel.split("/"))

    def put(self, rel: str, data: "bytes | Staged") -> Staged:
        if isinstance(data, Staged):  # written already
            return data
        digest = hashlib.sha256(data).hexdigest()
        try:
            target, previous = self._target(rel)
            if not (self._unchanged(rel, previous, data, digest) and _carry(previous, target)):
                target.write_bytes(data)
        except OSError as exc:
            self.discard()
            raise WriteError.wrap(exc) from exc
        self._after[rel] = (len(data), digest)
        return Staged(target, len(data), digest)

    def _unchanged(self, rel: str, previous: Path, data: bytes, digest: str) -> bool:
        known = self._before.get(rel)
        if known is None:
            return _same_file(previous, data)
        try:
            st = previous.stat()
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns) != known[:2]:
            return _same_file(previous, data)
        return known[2] == digest

    def _save_index(self) -> None:
        """The index of the output just swapped in (best effort: a missing index only costs reading)."""
        if self._index_file is None:
            return
        rows = {}
        for rel, (size, digest) in self._after.items():
            try:
                rows[rel] = (size, self.out.joinpath(*rel.split("/")).stat().st_mtime_ns, digest)
            except OSError:
                continue
        try:
            self._index_file.parent.mkdir(parents=True, exist_ok=True)
            part = self._index_file.with_name(f"{self._index_file.name}.{os.getpid()}")
            part.write_bytes(pickle.dumps(rows, protocol=4))
            os.replace(part, self._index_file)
        except OSError:
            pass

    def commit(self, files: Mapping[str, "bytes | Staged"], copies: Mapping[str, Path]) -> int:
        """Write what is not staged yet, swap the folder in, and return the number of files."""
        try:
            try:
                for rel in sorted(set(files) | set(copies)):
                    if rel in files:
                        self.put(rel, files[rel])
                        continue
                    target, previous = self._target(rel)
                    if not (_same_copy(previous, copies[rel]) and _carry(previous, target)):
                        shutil.copy2(copies[rel], target)
                _swap(self.tmp, self.out)
                self._save_index()
            finally:
                self.discard()
        except OSError as exc:
            raise WriteError.wrap(exc) from exc
        return len(set(files) | set(copies))

    def discard(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _read_index(index: Path | None) -> dict[str, tuple[int, int, str]]:
    if index is None:
        return {}
    try:
        rows = pickle.loads(index.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return {}
    return rows if isinstance(rows, dict) else {}


def write_site(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path]) -> int:
    """Write `files` (site path → bytes) and `copies` (site path → source file) as the new `out`.

    Must be called under `locked(out)`. Returns the number of files written. On failure
    the previous output is intact, no temporary folder is left, and a `WriteError`
    (an OSError with a Russian message) is raised.
    """
    return Staging(out).commit(files, copies)
