"""Noticing which sources of the site changed: content/, the theme folder, the config file.

Looks at every file, like livereload's `Watcher`, with three differences that the preview
needs: every changed, added or removed file is reported (the rebuild redoes only what they
affect), a file's signature is its nanosecond mtime and size, so two saves within one second
are both seen on filesystems with coarse timestamps, and files the loader skips (hidden files
and folders, editor swap and backup files) are ignored. The output folder is never watched.

When to look: the operating system's change notifications (watchdog — inotify, FSEvents,
ReadDirectoryChangesW) say that something changed (`notify`), so a save is looked at at once
instead of at the next poll; the looks stay what decides which files changed, and the server
still polls, rarely, for what notifications miss (a network drive, a symlinked folder).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Iterable

_EDITOR_LEFTOVERS = (".swp", ".swx", ".swo", ".tmp", "~")


class SourceWatcher:
    def __init__(self, sources: Iterable[Path], output: Path):
        self._sources = [str(p) for p in sources]
        self._output = str(output.resolve())
        self._seen: dict[str, tuple[int, int]] = {}
        self.newest_ns = 0  # modification time (ns since the epoch) of the newest file the last look reported
        self._observer = None  # watchdog's, while `notify` is on

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

    # ------------------------------------------------------------------ notifications

    def notify(self, nudge: Callable[[], None]) -> bool:
        """Call `nudge()` — from another thread — as soon as the operating system reports a
        change to a watched file. False when notifications cannot be had (watchdog missing, the
        system's limit of watches reached): then only polling finds changes."""
        try:
            from watchdog import events as ev
            from watchdog.observers import Observer
        except ImportError:
            return False
        # Watched and compared by their real paths: some systems report events that way (macOS).
        tops = [os.path.realpath(top) for top in self._sources]

        def relevant(path: str) -> bool:
            return self._relevant(path, tops)

        class Nudger(ev.FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if any(relevant(os.fsdecode(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p):
                    nudge()

        # Only what changes a file or a folder's files: not a file opened or read (the build reads
        # every source, and each event is handled in Python, competing with the build for the
        # GIL), not a folder's "modified" (its files say what changed in it).
        changes = [ev.FileCreatedEvent, ev.FileModifiedEvent, ev.FileDeletedEvent, ev.FileMovedEvent,
                   ev.FileClosedEvent, ev.DirCreatedEvent, ev.DirDeletedEvent, ev.DirMovedEvent]
        observer = Observer()
        try:
            for top in tops:
                if os.path.isdir(top):
                    observer.schedule(Nudger(), top, recursive=True, event_filter=changes)
                elif os.path.isfile(top):  # the config file: its folder, not what is below it
                    observer.schedule(Nudger(), os.path.dirname(top), recursive=False, event_filter=changes)
            observer.start()
        except OSError:
            observer.stop()
            return False
        self._observer = observer
        return True

    def close(self) -> None:
        """Stop the notifications, if on."""
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=2)

    def _relevant(self, path: str, tops: list[str]) -> bool:
        """A path the looks would report: a watched file (one of `tops`), or one below a watched
        folder that is not in the output and not ignored."""
        if self._skip(path):
            return False
        for top in tops:
            if path == top:
                return True
            if path.startswith(top + os.sep):
                parts = path[len(top) + 1:].split(os.sep)
                return not any(part.startswith(".") for part in parts[:-1]) and not self.ignored_name(parts[-1])
        return False

