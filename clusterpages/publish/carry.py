"""Files of the previous output brought into the new one, and a reused spare folder tidied.

A build writes its output into a new folder; a file whose bytes are unchanged is not written
again but linked from the previous output (or copied where links cannot be made), so it keeps
its modification time. These are the file-level steps of write.Staging.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path


def same_file(previous: "Path | str", data: bytes) -> bool:
    try:
        if os.stat(previous).st_size != len(data):
            return False
        with open(previous, "rb") as fh:
            return fh.read() == data
    except OSError:
        return False


def clear(target: "Path | str") -> None:
    """Nothing at `target` (in a reused spare folder): a new file is written beside the old
    inode, never into it (it may be linked from the output)."""
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    except (IsADirectoryError, PermissionError):
        if os.path.isdir(target):
            shutil.rmtree(target)
        else:  # Windows refuses to delete a read-only file (a media file copied with its mode)
            os.chmod(target, stat.S_IWRITE | stat.S_IREAD)
            os.unlink(target)


def carry(previous: "Path | str", target: "Path | str", st: os.stat_result | None = None) -> bool:
    """Bring an unchanged file over from the previous output, keeping its modification time:
    already there (the same file as `st`, the previous one's stat), linked, or copied."""
    try:
        here = os.lstat(target) if st is not None else None
    except FileNotFoundError:
        here = None
    try:
        if here is not None:
            if (here.st_ino, here.st_dev) == (st.st_ino, st.st_dev):
                return True
            clear(target)
        os.link(previous, target)
        return True
    except OSError:
        return carry_copy(previous, target)


def carry_copy(previous: "Path | str", target: "Path | str") -> bool:
    try:
        clear(target)
        shutil.copy2(previous, target)
        return True
    except OSError:
        return False


def same_copy(previous: "Path | str", source: Path) -> os.stat_result | None:
    """The previous output's copy of `source` (its stat) when it is the same file by size and time."""
    try:
        a, b = os.stat(previous), source.stat()
    except OSError:
        return None
    return a if a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime) else None


def clear_files_above(top: Path, folder: Path) -> None:
    """Files of a reused spare standing where `folder` or one of its parents must be."""
    for part in reversed([folder, *folder.parents]):
        if part == top or not part.is_relative_to(top):
            continue
        if part.is_file() or part.is_symlink():
            part.unlink()


def remove_unwanted(top: Path, wanted: set[str]) -> None:
    """Files (and then empty folders) of a reused spare that the build did not make."""
    def tidy(folder: str, prefix: str) -> bool:
        """True when `folder` is left empty."""
        with os.scandir(folder) as found:
            entries = list(found)
        left = len(entries)
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if tidy(entry.path, rel + "/"):
                    os.rmdir(entry.path)
                    left -= 1
            elif rel not in wanted:  # a file, or a link (to a folder too)
                clear(entry.path)
                left -= 1
        return left == 0
    tidy(os.fspath(top), "")


def link_tree(top: Path, into: Path) -> None:
    """`into` made a copy of the folder `top` whose files are links to `top`'s (OSError where a
    link cannot be made: the caller removes what was made)."""
    for folder, _, names in os.walk(top):
        made = os.path.join(into, os.path.relpath(folder, top))
        os.makedirs(made, exist_ok=True)
        for name in names:
            os.link(os.path.join(folder, name), os.path.join(made, name))
