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
from typing import Callable, TypeVar

T = TypeVar("T")


def same(a, b) -> bool:
    """Equal values of the same types all the way down (identical objects at once)."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is tuple or kind is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if kind is dict:  # in order: a template iterating over it sees that order
        return len(a) == len(b) and all(same(ka, kb) and same(va, vb)
                                        for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return a == b


def no_memo(name: str, inputs, make: Callable[[], T]) -> T:
    """The memo of a build that keeps nothing: make it now."""
    return make()


class Recall:
    """The last result of each named piece of work, with the inputs it was made from."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[object, object]] = {}
        self._used: set[str] = set()

    def get(self, name: str, inputs) -> tuple[bool, object]:
        """(True, result) when `name` was last made from inputs `same` as these."""
        last = self._last.get(name)
        if last is not None and same(last[0], inputs):
            self._used.add(name)
            return True, last[1]
        return False, None

    def put(self, name: str, inputs, result) -> None:
        self._last[name] = (inputs, result)
        self._used.add(name)

    def __call__(self, name: str, inputs, make: Callable[[], T]) -> T:
        found, result = self.get(name, inputs)
        if not found:
            result = make()
            self.put(name, inputs, result)
        return result

    def sweep(self) -> None:
        """Forget what the last build did not ask for (pages that are gone, say)."""
        self._last = {k: v for k, v in self._last.items() if k in self._used}
        self._used = set()
