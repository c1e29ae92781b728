"""Reusing what the previous build of this process made, when it was made from the same inputs.

The preview keeps the parsed documents between builds (cache.Memory), so an unchanged source
gives back the very same objects, and whatever is made from them — a page's spec, the inputs
of a calendar — compares equal at once: `same` stops at the first identical object. Comparing
the inputs of a page with the previous build's costs microseconds where hashing them costs a
pickle of the page's whole data; it is what lets a save re-render only the pages it changes.

Equality here is strict about types (`1` is not `True`, a `Markup` is not a `str`), so two
inputs that are `same` render the same bytes.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Callable, TypeVar

T = TypeVar("T")


@functools.lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names (dataclasses.fields builds a new tuple on every call)."""
    return tuple(f.name for f in dataclasses.fields(kind))


def same(a, b, known: dict | None = None) -> bool:
    """Equal values of the same types all the way down (identical objects at once).

    `known` remembers pairs of containers already compared, so that a value shared by many
    inputs — the site-wide part of every page — is compared once; it holds both objects, so
    their identities cannot be reused while it lives."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is str or kind is int or kind is bytes:
        return a == b
    pair = (id(a), id(b))
    if known is not None and pair in known:
        return known[pair][0]
    if kind is tuple or kind is list:
        result = len(a) == len(b) and all(same(x, y, known) for x, y in zip(a, b))
    elif kind is dict:  # in order: a template iterating over it sees that order
        result = len(a) == len(b) and all(same(ka, kb, known) and same(va, vb, known)
                                          for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    elif dataclasses.is_dataclass(a):
        result = all(same(getattr(a, name), getattr(b, name), known) for name in _field_names(kind))
    else:
        result = a == b
    if known is not None:
        known[pair] = (result, a, b)
    return result


class Recall:
    """The last result of each named piece of work, with the inputs it was made from."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[object, object]] = {}
        self._used: set[str] = set()
        self._known: dict = {}   # pairs compared during this build (see `same`)

    def get(self, name: str, inputs) -> tuple[bool, object]:
        """(True, result) when `name` was last made from inputs `same` as these."""
        last = self._last.get(name)
        if last is not None and same(last[0], inputs, self._known):
            self._used.add(name)
            return True, last[1]
        return False, None

    def last(self, name: str) -> tuple[bool, object]:
        """(True, result) of the last time `name` was made, whatever its inputs (for work the
        caller knows cannot have changed: site/graph.py)."""
        last = self._last.get(name)
        if last is None:
            return False, None
        self._used.add(name)
        return True, last[1]

    def put(self, name: str, inputs, result) -> None:
        self._last[name] = (inputs, result)
        self._used.add(name)

    def __call__(self, name: str, inputs, make: Callable[[], T]) -> T:
        found, result = self.get(name, inputs)
        if not found:
            result = make()
            self.put(name, inputs, result)
        return result

    def start(self) -> None:
        """A new build: values compared during the last one may have changed since."""
        self._known = {}

    def sweep(self) -> None:
        """Forget what the last build did not ask for (pages that are gone, say)."""
        self._last = {k: v for k, v in self._last.items() if k in self._used}
        self._used = set()
        self._known = {}


class Kept:
    """Like `Recall`, for a build that ends with its process: the last result of each named piece
    of work, with its inputs (a short digest), kept between builds by `read(group)` and
    `write(group, table)` — one table per group of names (the part of a name before "#": a search
    part's documents), read when one of its names is first asked for, and written back by `save`
    with just the names asked for, when any of them was made anew (a name asked for after `save`
    starts its group's table again)."""

    def __init__(self, read: Callable[[str], dict | None], write: Callable[[str, dict], None]) -> None:
        self._read, self._write = read, write
        self._before: dict[str, dict] = {}
        self._now: dict[str, dict] = {}
        self._made: set[str] = set()   # groups with a name made anew

    def __call__(self, name: str, inputs: str, make: Callable[[], T]) -> T:
        group = name.partition("#")[0]
        before = self._before.get(group)
        if before is None:
            before = self._before[group] = self._read(group) or {}
        last = before.get(name)
        if last is not None and last[0] == inputs:
            result = last[1]
        else:
            result = make()
            self._made.add(group)
        self._now.setdefault(group, {})[name] = (inputs, result)
        return result

    def save(self) -> None:
        """Write back the tables that changed, and hold none of them any longer."""
        for group, now in self._now.items():
            if group in self._made or now.keys() != self._before[group].keys():
                self._write(group, now)
        self._before, self._now, self._made = {}, {}, set()
