"""Compiled templates kept on disk: the bundled theme's compiled when clusterpages is set up (as
Python's bytecode of the package is), and any theme's in the build's cache folder.

Jinja compiles a template to Python code on first use (the bundled theme's ~40 templates: ~0.17 s
of processor time, a thirtieth of a cold build of 1,000 pages). `python -m clusterpages.commands.precompile`
(scripts/setup.sh runs it) compiles the bundled theme's templates into `SHIPPED`, in a folder named
by the code's fingerprint: a template is taken from there only while the code that compiled it
(the environment's settings are code) and the template's own text are the ones in use — Jinja
checks each template's text by its checksum, and names the file by the template's path.
Nothing is ever written there by a build: what a build compiles goes to its cache folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

SHIPPED = Path(__file__).resolve().parents[1] / "__jinjacache__"


class Layered(jinja2.BytecodeCache):
    """Compiled templates read from the first of `folders` that holds them (the build's cache
    folder, then the ones compiled at setup), written only to `writable` (or nowhere)."""

    def __init__(self, writable: Path | None, folders: tuple[Path, ...]) -> None:
        self.writable = jinja2.FileSystemBytecodeCache(str(writable)) if writable is not None else None
        self.readable = tuple(jinja2.FileSystemBytecodeCache(str(f)) for f in folders if f.is_dir())

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        for cache in self.readable:
            cache.load_bytecode(bucket)
            if bucket.code is not None:
                return

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.writable is not None:
            self.writable.dump_bytecode(bucket)


def shipped(fingerprint: str) -> Path:
    """Where the templates compiled at setup for this code are."""
    return SHIPPED / fingerprint[:16]


@dataclass(frozen=True)
class Store:
    """Where a build keeps compiled templates (`writable`: its cache folder's, None: nowhere) and
    the code's fingerprint, which names the folder of those compiled at setup ("": none used)."""

    writable: Path | None
    fingerprint: str = ""

    def cache(self) -> jinja2.BytecodeCache | None:
        """The environment's bytecode cache: `writable` first, then the folder compiled at setup."""
        folders = tuple(f for f in (self.writable, shipped(self.fingerprint) if self.fingerprint else None)
                        if f is not None)
        return Layered(self.writable, folders) if folders else None
