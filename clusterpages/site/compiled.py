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
    """Compiled templates read from `writable` (the build's cache folder), then from `shipped` (those
    compiled at setup), written only to `writable` (or nowhere)."""

    def __init__(self, writable: Path | None, shipped: Path | None) -> None:
        self.writable = jinja2.FileSystemBytecodeCache(str(writable)) if writable is not None else None
        found = jinja2.FileSystemBytecodeCache(str(shipped)) if shipped is not None and shipped.is_dir() else None
        self.readable = tuple(c for c in (self.writable, found) if c is not None)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        for cache in self.readable:
            cache.load_bytecode(bucket)
            if bucket.code is not None:
                return

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.writable is not None:
            self.writable.dump_bytecode(bucket)


def version(fingerprint: str) -> str:
    """The name of the folders of templates compiled by the code of `fingerprint`."""
    return fingerprint[:16]


def shipped(fingerprint: str) -> Path:
    """Where the templates compiled at setup for this code are."""
    return SHIPPED / version(fingerprint)


@dataclass(frozen=True)
class Store:
    """Where a build keeps compiled templates (`writable`: its cache folder's, None: nowhere) and
    the code's fingerprint, which names the folder of those compiled at setup ("": none used)."""

    writable: Path | None
    fingerprint: str = ""

    def cache(self) -> jinja2.BytecodeCache | None:
        """The environment's bytecode cache: `writable` first, then the folder compiled at setup."""
        found = shipped(self.fingerprint) if self.fingerprint else None
        return Layered(self.writable, found) if self.writable is not None or found is not None else None
