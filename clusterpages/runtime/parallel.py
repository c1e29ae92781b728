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

    def __init__(self, jobs: int, early: bool = True) -> None:
        """`early`: the workers start now, while this process holds nothing but its code — a
        worker forked later shares the loaded site with it page by page, and keeps every page the
        site no longer needs (freed here, still mapped there): 175 MB more at 10,000 pages. Else
        they start with the first work worth them (a build that expects little: none may come,
        and starting and ending two workers costs ~35 ms)."""
        self._jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._ended = jobs <= 1
        if early:
            self._start()

    def _start(self) -> ProcessPoolExecutor | None:
        if self._pool is None and not self._ended:
            self._pool = ProcessPoolExecutor(max_workers=self._jobs)
            self._pool.submit(int)
        return self._pool

    @property
    def running(self) -> bool:
        """Whether the workers are up (given work, they start on it at once)."""
        return self._pool is not None

    def __call__(self, fn, items):
        """fn over items, in their order. With the workers up, each item is handed to them as soon
        as `items` gives it (an item made by a generator is worked on while the next is made);
        else the items are taken first, and the workers start when there are two or more."""
        if self._pool is not None:
            return self._pool.map(fn, items)
        items = list(items)
        pool = self._start() if len(items) >= 2 else None
        if pool is None:
            return map(fn, items)
        return pool.map(fn, items)  # yields in the order of items, as each is ready

    def ahead(self, fn, *args) -> None:
        """fn(*args, share) handed to each worker, when they are up, before any other work: what every
        worker needs before its first task, done while they would wait (its result not awaited);
        `share` is (which, of how many) so that the workers can split it (each usually takes one)."""
        if self._pool is not None:
            for which in range(self._jobs):
                self._pool.submit(fn, *args, (which, self._jobs))

    def release(self) -> None:
        """No more work for the workers: they end now (anything mapped later runs here)."""
        pool, self._pool, self._ended = self._pool, None, True
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def mapper(jobs: int, early: bool = True) -> Iterator[Mapper]:
    """A `Mapper` with `jobs` workers (started `early` or with the first work), ended when the
    block is left.

    Results come back in the order of `items` whatever the scheduling, so a parallel build
    is byte-identical to a serial one.
    """
    run = Mapper(jobs, early)
    try:
        yield run
    finally:
        run.release()


def chunks(items: list, jobs: int, per_chunk: int, least: int = 8) -> list[list]:
    """Split work into chunks: about `per_chunk` each, at least `jobs` × 2 when there is enough, and
    smaller towards the end (each a `jobs` × 2-th of what is left, down to `least`): a worker takes
    the next chunk as it ends one, so with a big last chunk one worker works while the others
    wait — with these they end within a small chunk of each other."""
    if not items:
        return []
    if jobs <= 1 or len(items) < MIN_PARALLEL:
        return [items]
    size = max(1, min(per_chunk, -(-len(items) // (jobs * 2))))
    out, at = [], 0
    while at < len(items):
        n = min(size, max(least, -(-(len(items) - at) // (jobs * 2))))
        out.append(items[at:at + n])
        at += n
    return out
