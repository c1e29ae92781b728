"""Writing the output: build beside it, swap in whole, never leave it half-written.

The new site is written to a temporary folder next to the output and swapped in only
when everything succeeded (swap.py: on Linux with one atomic exchange of the two folders,
elsewhere with two renames; a build killed between those two leaves the previous output in
`.old-*`, and the next build puts it back before anything else). An OS lock (released by
the kernel when the process dies) keeps two builds from writing the same output at once
(outputlock.py). The output a swap replaced can be kept as a spare for the next build's
temporary folder, which then changes only what changed (Staging).
"""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from clusterpages.content.read import fileio
from clusterpages.publish.carry import carry, clear, clear_files_above, link_tree, remove_unwanted, same_copy, same_file
from clusterpages.publish.outputlock import _clean_stale, locked, recover  # noqa: F401  (callers use write.*)
from clusterpages.publish.swap import swap
from clusterpages.publish.writeerrors import OutputError, WriteError, refuse_unsafe  # noqa: F401  (callers use write.*)
from clusterpages.values.packing import Carried, Stored


def _checked(rel: str) -> list[str]:
    """The parts of a site path that stays inside the folder it is joined to (checked on the
    string: the temporary folder is ours and fresh, so no symlink can be inside it)."""
    parts = rel.split("/")
    if (not rel or rel.startswith("/") or "\\" in rel or ":" in parts[0] or "\0" in rel
            or "" in parts or "." in parts or ".." in parts):
        raise OutputError(f"Путь «{rel}» ведёт за пределы папки вывода.")
    return parts


def safe_target(base: Path, rel: str) -> Path:
    """`base / rel` for a site path that stays inside `base`."""
    return base.joinpath(*_checked(rel))


@dataclass(frozen=True)
class Staged:
    """A file already written to the new output: its bytes are on disk, not in memory."""

    file: str
    size: int
    sha256: str

    def read(self) -> bytes:
        return fileio.read_whole(self.file, self.size)  # the admin pages read the pieces back by the thousand


# An output file's bytes: in memory, written to the new output already, kept in the cache
# (packing.Stored: read only if the output needs them), or in the previous output
# (packing.Carried: a page found unchanged, brought over from there by Staging.put).
Bytes = bytes | Staged | Stored | Carried


def size(value: Bytes) -> int:
    """The size of an output file, wherever its bytes are."""
    return len(value) if isinstance(value, bytes) else value.size


def content(value: Bytes) -> bytes:
    """The bytes of an output file, wherever they are (never a Carried file's: only Staging.put
    brings those over)."""
    if isinstance(value, Carried):
        raise TypeError("a Carried file is brought over by Staging.put, never read")
    return value if isinstance(value, bytes) else value.read()


def _previous_bytes(previous: str, sha256: str) -> bytes:
    """The bytes of a file of the previous output, which `Staging.holds` found with this checksum."""
    data = Path(previous).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:  # changed by someone during the build
        raise OSError(errno.ESTALE, "файл прежней выгрузки изменился во время сборки", previous)
    return data


@dataclass
class Writer:
    """Writes files into a build's new output folder (`tmp`), bringing unchanged ones over from
    the previous output (`out`) by its index (`before`: rel → size, time, checksum); made by a
    Staging, in this process or sent to a worker (plain data: picklable)."""

    tmp: str
    out: str
    reused: bool                                        # tmp is the previous build's spare
    before: Mapping[str, tuple[int, int, str]]
    # A first build's spare, made as the files are written: each linked there too (Staging._keep_spare)
    mirror: str | None = None
    fresh: bool = False                                 # there is no previous output: nothing to bring over
    folders: dict = field(default_factory=dict, repr=False, compare=False)  # site folder → in the new output (made)
    mirrored: set = field(default_factory=set, repr=False, compare=False)   # folders of `mirror` made
    held: dict = field(default_factory=dict, repr=False, compare=False)     # rel → its previous file's stat (`holds`)
    previous_folders: dict = field(default_factory=dict, repr=False, compare=False)  # site folder → in the previous output

    def places(self, rel: str) -> tuple[str, str]:
        """Where `rel` goes in the new output (its folder made) and where it is in the previous
        one; each folder is made and joined once (a build puts tens of thousands of files)."""
        parts = _checked(rel)
        folder, _, name = rel.rpartition("/")
        made = self.folders.get(folder)
        if made is None:
            made = os.path.join(self.tmp, *parts[:-1])
            if not (self.reused and os.path.isdir(made)):  # a reused spare has most folders already
                try:
                    _folder(made)
                except (FileExistsError, NotADirectoryError):  # a file of the spare where a folder goes now
                    clear_files_above(self.tmp, Path(made))
                    Path(made).mkdir(parents=True, exist_ok=True)
            self.folders[folder] = made
        return made + os.sep + name, self._previous_folder(folder) + os.sep + name

    def _previous_folder(self, folder: str) -> str:
        """Where a site folder is in the previous output (each folder joined once)."""
        found = self.previous_folders.get(folder)
        if found is None:
            found = self.previous_folders[folder] = os.path.join(self.out, *(folder.split("/") if folder else ()))
        return found

    def put(self, rel: str, data: Bytes, sha256: str | None = None) -> tuple[Staged, tuple[int, int, str]]:
        """Write `rel` (`sha256`: its checksum, when the caller has it: then bytes kept in the
        cache are read only when the previous output does not hold them): where it is now, and
        its record for the output's index (size, modification time, checksum)."""
        try:
            if sha256 is None:
                data = content(data)
            digest, n = sha256 or hashlib.sha256(data).hexdigest(), size(data)
            target, previous = self.places(rel)
            st = None if self.fresh else self._unchanged(rel, previous, data, n, digest)
            if st is None or not carry(previous, target, st):
                if isinstance(data, Carried):  # neither linked nor copied: its bytes written anew
                    data = _previous_bytes(previous, digest)
                if self.reused:
                    clear(target)
                st = self.written(target, fileio.write_new(target, content(data)))
        except OSError as exc:
            raise WriteError.wrap(exc) from exc
        return Staged(target, n, digest), (n, st.st_mtime_ns, digest)

    def put_parts(self, rel: str, parts: Iterable[bytes]) -> tuple[Staged, tuple[int, int, str]]:
        """Write `rel` from its parts as they come, hashing them (a file too big to hold whole: a
        cluster's admin page); always a new file — it is made only when it changed."""
        digest, n = hashlib.sha256(), 0
        try:
            target, _ = self.places(rel)
            if self.reused:
                clear(target)
            with open(target, "wb") as fh:
                for part in parts:
                    fh.write(part)
                    digest.update(part)
                    n += len(part)
            st = self.written(target)
        except OSError as exc:
            raise WriteError.wrap(exc) from exc
        return Staged(target, n, digest.hexdigest()), (n, st.st_mtime_ns, digest.hexdigest())

    def written(self, target: str, st: os.stat_result | None = None) -> os.stat_result:
        """A file just written into the new output: its stat (`st`, when the writer took it), for
        the output's index (taken here, where the file was written, not by the main process after
        the swap), and — in a first build — its link in `mirror` (best effort: a spare's files are
        never trusted)."""
        if self.mirror is not None and target.startswith(self.tmp):
            linked = self.mirror + target[len(self.tmp):]
            folder = os.path.dirname(linked)
            try:
                if folder not in self.mirrored:
                    _folder(folder)
                    self.mirrored.add(folder)
                os.link(target, linked)
            except OSError:
                pass
        return st if st is not None else os.stat(target)

    def _unchanged(self, rel: str, previous: str, data: Bytes, n: int, digest: str) -> os.stat_result | None:
        """The previous output's file when it holds `data` (its stat), else None."""
        st = self.held.pop(rel, None)  # found by `holds` a moment ago: not looked up again
        if st is None:
            try:
                st = os.stat(previous)
            except OSError:
                return None
        known = self.before.get(rel)
        if known is None or (st.st_size, st.st_mtime_ns) != known[:2]:
            return st if st.st_size == n and not isinstance(data, Carried) and same_file(previous, content(data)) \
                else None
        return st if known[2] == digest else None

    def holds(self, rel: str, sha256: str) -> bool:
        """Whether the previous output has `rel` with the bytes of this checksum, by its index
        (the file's size and time as listed): `put` can bring it over as a `Carried` file."""
        known = self.before.get(rel)
        if known is None or known[2] != sha256:
            return False
        try:
            _checked(rel)
            folder, _, name = rel.rpartition("/")
            st = os.stat(self._previous_folder(folder) + os.sep + name)
        except (OSError, OutputError):
            return False
        if (st.st_size, st.st_mtime_ns) != known[:2]:
            return False
        self.held[rel] = st
        return True


def _folder(path: str) -> None:
    """The folder made, with its parents, unless it is one already (a new build's folders are
    made, not looked for first: one system call each where os.makedirs makes two)."""
    try:
        os.mkdir(path)
    except FileNotFoundError:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(path):
            raise


class Staging:
    """The new output, written file by file into a temporary folder beside `out` while the
    build runs, and swapped in whole by `commit`; `discard` leaves the previous output as it
    was. Unchanged bytes keep the previous file (and its time), so rsync and admins copying by
    date see only real changes. Must be used under `locked(out)`; every failure is a `WriteError`
    (an OSError with a Russian message).

    `index`: a file (in the cache folder) where the output's files are listed with their size,
    modification time and SHA-256; a file whose size and time are as listed is known unchanged
    by its checksum, without reading it back.

    `spare`: where the output a swap replaced is kept (in the cache folder) instead of being
    deleted; the next build takes it as its temporary folder and brings it up to date, so a
    build that changes a few files makes, links and deletes a few files rather than a whole
    tree. Its files are never trusted by themselves: one is kept only while it is the very file
    (inode) of the output it stands for, anything else is replaced, and what the build does not
    make is removed at commit."""

    def __init__(self, out: Path, index: Path | None = None, spare: Path | None = None):
        self.out = out
        self.tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
        self._index_file = index
        self._spare = spare
        self._before: dict[str, tuple[int, int, str]] = _read_index(index)
        self._after: dict[str, tuple[int, int, str]] = {}
        self._mirror: Path | None = None
        first = not out.exists()  # no previous output: nothing to bring over
        try:
            _clean_stale(out)
            self._reused = self._take_spare()
            if not self._reused:
                self.tmp.mkdir(parents=True)
                if spare is not None and first:  # a first build: its spare made as it writes
                    self._mirror = self.tmp.with_name(f"{self.tmp.name}-spare")
        except OSError as exc:
            raise WriteError.wrap(exc) from exc
        self._writer = Writer(str(self.tmp), str(out), self._reused, self._before,
                              str(self._mirror) if self._mirror is not None else None, first)

    def _take_spare(self) -> bool:
        """The spare as the temporary folder, when there is one and an output it stands beside."""
        if self._spare is None or not self._spare.is_dir():
            return False
        try:
            if self.out.is_dir():
                os.replace(self._spare, self.tmp)
                return True
        except OSError:
            pass
        shutil.rmtree(self._spare, ignore_errors=True)  # of an output that is gone, or unusable
        return False

    def put(self, rel: str, data: Bytes, sha256: str | None = None) -> Staged:
        """Write `rel` (`sha256`: its checksum, when the caller has it: then bytes kept in the
        cache are read only when the previous output does not hold them)."""
        if isinstance(data, Staged):  # written already
            return data
        try:
            staged, self._after[rel] = self._writer.put(rel, data, sha256)
        except WriteError:
            self.discard()
            raise
        return staged

    def holds(self, rel: str, sha256: str) -> bool:
        """Whether the previous output has `rel` with the bytes of this checksum, by its index
        (the file's size and time as listed): `put` can bring it over as a `Carried` file."""
        return self._writer.holds(rel, sha256)

    def writer(self, rels: list[str]) -> "Writer":
        """What writes these files into the new output in another process (a worker writing the
        pages it renders): their `put` gives what `record` takes."""
        before = {rel: self._before[rel] for rel in rels if rel in self._before}
        return Writer(self._writer.tmp, self._writer.out, self._writer.reused, before, self._writer.mirror,
                      self._writer.fresh)

    def record(self, rel: str, written: tuple[int, int, str]) -> None:
        """A file a `writer` of this output wrote (its size, modification time and checksum)."""
        self._after[rel] = written

    def _save_index(self) -> None:
        """The index of the output just swapped in (best effort: a missing index only costs reading)."""
        if self._index_file is None:
            return
        rows = dict(self._after)  # each file's time taken where it was written (Writer.written)
        try:
            self._index_file.parent.mkdir(parents=True, exist_ok=True)
            part = self._index_file.with_name(f"{self._index_file.name}.{os.getpid()}")
            part.write_bytes(pickle.dumps(rows, protocol=4))
            os.replace(part, self._index_file)
        except OSError:
            pass

    def commit(self, files: Mapping[str, "bytes | Staged"], copies: Mapping[str, Path]) -> int:
        """Write what is not staged yet, swap the folder in, and return the number of files."""
        wanted = set(files) | set(copies)
        try:
            try:
                for rel in sorted(wanted):
                    if rel in files:
                        self.put(rel, files[rel])
                        continue
                    target, previous = self._writer.places(rel)
                    st = same_copy(previous, copies[rel])
                    if st is None or not carry(previous, target, st):
                        clear(target)
                        shutil.copy2(copies[rel], target)
                        if self._mirror is not None:
                            self._writer.written(target)
                if self._reused:
                    remove_unwanted(self.tmp, wanted)
                swap(self.tmp, self.out)
                self._save_index()
                self._keep_spare()
            finally:
                self.discard()
        except OSError as exc:
            raise WriteError.wrap(exc) from exc
        return len(wanted)

    def _keep_spare(self) -> None:
        """The output just replaced (in the temporary folder now) kept for the next build; when
        there was none (a first build), the new output linked file by file instead, so that the
        build after it does not link the whole tree itself (the same work, once) — linked as each
        file was written (`Writer.mirror`: on the workers, while they render), else here."""
        if self._spare is None:
            return
        try:
            if not self.tmp.is_dir():
                if self._mirror is not None and self._mirror.is_dir():
                    os.replace(self._mirror, self.tmp)
                else:
                    link_tree(self.out, self.tmp)
            self._spare.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.tmp, self._spare)
        except OSError:
            pass  # discard() removes it

    def discard(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        if self._mirror is not None:
            shutil.rmtree(self._mirror, ignore_errors=True)


def _read_index(index: Path | None) -> dict[str, tuple[int, int, str]]:
    if index is None:
        return {}
    try:
        rows = pickle.loads(index.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return {}
    return rows if isinstance(rows, dict) else {}


def kept_in(folder: Path | None, out: Path) -> tuple[Path | None, Path | None]:
    """Where a cache folder keeps the written output's index and its spare (none without one)."""
    return (folder / f"written-{out.name}", folder / f"spare-{out.name}") if folder else (None, None)


def write_site(out: Path, files: Mapping[str, bytes], copies: Mapping[str, Path]) -> int:
    """Write `files` (site path → bytes) and `copies` (site path → source file) as the new `out`.

    Must be called under `locked(out)`. Returns the number of files written. On failure
    the previous output is intact, no temporary folder is left, and a `WriteError`
    (an OSError with a Russian message) is raised.
    """
    return Staging(out).commit(files, copies)
