"""Running pure work on several processes, with results in a deterministic order."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Iterator

MIN_PARALLEL = 24  # below this many units, starting workers costs more than it saves


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # Windows, macOS
        return max(1, os.cpu_count() or 1)


class Mapper:
    """`mapper(fn, items)`: a `map` that fans out to the workers when the work is worth it;
    `release()` ends the workers once no more work will come (the build's last steps run here,
    and the workers' memory is not kept while they do)."""

    def __init__(self, jobs: int) -> None:
        self._pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
        if self._pool is not None:
            # The workers start now, while this process holds nothing but its code: a worker
            # forked later would share the loaded site with it page by page, and keep every page
            # the site no longer needs (freed here, still mapped there) — 175 MB more at 10,000 pages.
            self._pool.submit(int)

    def __call__(self, fn, items):
        items = list(items)
        if self._pool is None or len(items) < 2:
            return map(fn, items)
        return self._pool.map(fn, items)  # yields in the order of items, as each is ready

    def release(self) -> None:
        """No more work for the workers: they end now (anything mapped later runs here)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def mapper(jobs: int) -> Iterator[Mapper]:
    """A `Mapper` with `jobs` workers, ended when the block is left.

    Results come back in the order of `items` whatever the scheduling, so a parallel build
    is byte-identical to a serial one.
    """
    run = Mapper(jobs)
    try:
        yield run
    finally:
        run.release()


def chunks(items: list, jobs: int, per_chunk: int) -> list[list]:
    """Split work into chunks: about `per_chunk` each, at least `jobs` × 2 when there is enough."""
    if not items:
        return []
    if jobs <= 1 or len(items) < MIN_PARALLEL:
        return [items]
    size = max(1, min(per_chunk, -(-len(items) // (jobs * 2))))
    return [items[i:i + size] for i in range(0, len(items), size)]
