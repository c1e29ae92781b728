"""Whole files read and written with as few system calls as the job needs (the edges of a build:
thousands of sources read, thousands of output files written and read back).

Python's buffered file objects make three calls besides the read or write itself on every open
(a stat of the open file, a terminal check and a seek); for a file taken or put whole at once
they buy nothing.
"""

from __future__ import annotations

import os

_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)
_ONE_READ = 1 << 30
_NEW = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)  # (os.open's are never inherited)


def read_whole(path: str | os.PathLike, size: int = 1 << 16) -> bytes:
    """A regular file's bytes: an open, a read of `size` + 1 bytes (its size, when known), and a
    close — a read of a regular file that gives less than it asked for has met the end; more
    reads only for a bigger file."""
    fd = os.open(path, _READ)
    try:
        parts = [os.read(fd, size + 1)]
        if len(parts[0]) <= size < _ONE_READ:  # (one read gives at most ~2 GiB whatever is asked)
            return parts[0]
        while parts[-1]:
            parts.append(os.read(fd, max(size, 1 << 16)))
    finally:
        os.close(fd)
    return b"".join(parts)


def write_new(target: str | os.PathLike, data: bytes) -> os.stat_result:
    """`data` written to `target` (made, or emptied first), and the file's stat: of the open file
    where closing it changes nothing (POSIX), after it is closed on Windows (closing a written
    file sets its modification time there)."""
    fd = os.open(target, _NEW, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        st = os.fstat(fd) if os.name != "nt" else None
    finally:
        os.close(fd)
    return st if st is not None else os.stat(target)
