"""Noticing which sources of the site changed: content/, the theme folder, the config file.

Polling, like livereload's `Watcher`, with three differences that the preview needs: every
changed, added or removed file is reported (the rebuild redoes only what they affect), a
file's signature is its nanosecond mtime and size, so two saves within one second are both
seen on filesystems with coarse timestamps, and files the loader skips (hidden files and
folders, editor swap and backup files) are ignored. The output folder is never watched.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterable

_EDITOR_LEFTOVERS = (".swp", ".swx", ".swo", ".tmp", "~")


class SourceWatcher:
    def __init__(self, sources: Iterable[Path], output: Path):
        self._sources = [str(p) for p in sources]
        self._output = str(output.resolve())
        self._seen: dict[str, tuple[int, int]] = {}
        self.newest_ns = 0  # modification time (ns since the epoch) of the newest file the last look reported

    @staticmethod
    def ignored_name(name: str) -> bool:
        return name.startswith(".") or name.endswith(_EDITOR_LEFTOVERS) or name == "4913"

    def _skip(self, path: str) -> bool:
        return path == self._output or path.startswith(self._output + os.sep)

    def _files(self) -> Iterable[str]:
        for top in self._sources:
            if os.path.isfile(top):
                yield top
                continue
            for folder, dirs, files in os.walk(top, followlinks=True):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not self._skip(os.path.join(folder, d)))
                for name in files:
                    if not self.ignored_name(name):
                        yield os.path.join(folder, name)

    def _state(self) -> dict[str, tuple[int, int]]:
        state = {}
        for path in self._files():
            try:
                st = os.stat(path)
            except OSError:  # removed between the walk and the stat: seen as removed
                continue
            state[path] = (st.st_mtime_ns, st.st_size)
        return state

    def prime(self) -> None:
        """Record the current state of every watched file without reporting anything."""
        self._seen = self._state()

    def changed(self) -> frozenset[str]:
        """The files changed, added or removed since the last call (empty when none)."""
        now = self._state()
        changed = {p for p, sig in now.items() if self._seen.get(p) != sig}
        removed = self._seen.keys() - now.keys()
        # A removal has no time of its own: it counts as happening now.
        self.newest_ns = time.time_ns() if removed else max((now[p][0] for p in changed), default=0)
        self._seen = now
        return frozenset(changed | removed)
