"""Noticing that a source of the site changed: content/, the theme folder, the config file.

Built on livereload's polling `Watcher` (its folder walk, removed-file bookkeeping and
per-path tasks), with three changes: it only reports changes — the server debounces them and
runs the build in a worker thread, where livereload would run a task inline on the event
loop; a file's signature is its nanosecond mtime and size, so two saves within one second
are both seen on filesystems with coarse timestamps; and files the loader skips (hidden
files, editor swap and backup files) are ignored. The output folder is never watched.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from livereload.watcher import Watcher

_EDITOR_LEFTOVERS = (".swp", ".swx", ".swo", ".tmp", "~")


class SourceWatcher(Watcher):
    def __init__(self, sources: Iterable[Path], output: Path):
        super().__init__()
        self._output = str(output.resolve())
        self._priming = False
        for path in sources:
            self.watch(str(path), ignore=lambda p, top=str(path): self._ignored(p, top))

    def ignore(self, filename: str) -> bool:
        name = os.path.basename(filename)
        return super().ignore(filename) or name.endswith(_EDITOR_LEFTOVERS) or name == "4913"

    def _ignored(self, path: str, top: str) -> bool:
        """The output, and hidden files and folders below a watched folder (the loader skips them).

        String tests only: this runs for every file on every poll."""
        if path == self._output or path.startswith(self._output + os.sep):
            return True
        return path.startswith(top) and (os.sep + ".") in path[len(top):]

    def prime(self) -> None:
        """Record the current state of every watched file without reporting anything."""
        self._priming = True
        try:
            while self.changed():
                pass
        finally:
            self._priming = False

    def changed(self) -> str | None:
        """One changed, added or removed file since the last call, or None."""
        self.filepath = None
        found = None
        for path, task in self._tasks.items():
            self._task_mtimes = task["mtimes"]
            if self.is_changed(path, task["ignore"]) and found is None:
                found = self.filepath or path
        return found

    def is_file_changed(self, path, ignore=None):
        """Like livereload's, with (mtime_ns, size) for the mtime and new files always a change."""
        if self.ignore(path) or (ignore and ignore(path)):
            return False
        try:
            st = os.stat(path)
        except OSError:  # removed between the walk and the stat: the next call sees it gone
            return False
        signature = (st.st_mtime_ns, st.st_size)
        self._new_mtimes[path] = signature
        if self._task_mtimes.get(path) != signature:
            self.filepath = path
            return not self._priming
        return False
