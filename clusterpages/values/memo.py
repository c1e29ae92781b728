"""What a stage is given to remember work by, and the memo of a build that keeps nothing (pure).

The stages never import the runtime: whoever runs them (the pipeline, the preview) passes a
`memo(name, inputs, make)` — `runtime.recall.Recall` across the preview's builds, the build
cache across processes — and a `store` of packed results; a stage run on its own gets these,
which remember nothing.
"""

from __future__ import annotations

from typing import Callable, Protocol, TypeVar

T = TypeVar("T")


class Memo(Protocol):
    def __call__(self, name: str, inputs, make: Callable[[], T]) -> T: ...


def no_memo(name: str, inputs, make: Callable[[], T]) -> T:
    """The memo of a build that keeps nothing: make it now."""
    return make()


class Store(Protocol):
    """Packed results by kind and key (`runtime.cache.Cache`)."""

    def get(self, kind: str, key: str): ...

    def put_packed(self, kind: str, key: str, data: bytes, value) -> None: ...


class NoStore:
    """A store that keeps nothing."""

    def get(self, kind: str, key: str):
        return None

    def put_packed(self, kind: str, key: str, data: bytes, value) -> None:
        return None
