"""Running pure work on several processes, with results in a deterministic order."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator

MIN_PARALLEL = 24  # below this many units, starting workers costs more than it saves


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # Windows, macOS
        return max(1, os.cpu_count() or 1)


@contextmanager
def mapper(jobs: int) -> Iterator[Callable]:
    """A `map(fn, items)` that fans out to `jobs` processes when the work is worth it.

    Results come back in the order of `items` whatever the scheduling, so a parallel build
    is byte-identical to a serial one.
    """
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    if pool is not None:
        # The workers start now, while this process holds nothing but its code: a worker forked
        # later would share the loaded site with it page by page, and keep every page the site
        # no longer needs (freed here, still mapped there) — 175 MB more at 10,000 pages.
        pool.submit(int)

    def run(fn, items):
        items = list(items)
        if pool is None or len(items) < 2:
            return map(fn, items)
        return pool.map(fn, items)  # yields in the order of items, as each is ready

    try:
        yield run
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def chunks(items: list, jobs: int, per_chunk: int) -> list[list]:
    """Split work into chunks: about `per_chunk` each, at least `jobs` × 2 when there is enough."""
    if not items:
        return []
    if jobs <= 1 or len(items) < MIN_PARALLEL:
        return [items]
    size = max(1, min(per_chunk, -(-len(items) // (jobs * 2))))
    return [items[i:i + size] for i in range(0, len(items), size)]
