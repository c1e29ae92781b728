"""What the preview keeps in memory between rebuilds, so that a save costs only what it changes.

A `Session` holds the loaded sources, the parsed documents (cache.Memory), each page with the
inputs it was made from (recall.Recall) and the bytes the preview folder holds. A rebuild after
a save:
  - reads again only the saved files (content.load.reload), or everything when files were added,
    removed or are not content (config, theme, media);
  - parses only those files: the others come back from memory as the very same objects;
  - assembles and checks the site (cheap: no Markdown), and renders and publishes only the
    pages whose inputs are not `same` as before (pipeline.render_pages);
  - writes only the files whose bytes changed into the preview folder, each replaced whole.
The result is byte for byte what `build` writes (tests/test_incremental.py checks it after
random edits). A failed rebuild changes nothing in the folder: the last good site stays.
"""

from __future__ import annotations

import datetime as _dt
import gc
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from clusterpages import pipeline
from clusterpages.content.read import load as loading
from clusterpages.publish import inplace, write
from clusterpages.runtime import cache as cache_mod
from clusterpages.runtime.recall import Recall
from clusterpages.site import graph
from clusterpages.values import diagnostics as dg


@dataclass(frozen=True)
class Rebuilt:
    """One rebuild: the pipeline's result and the site paths it wrote or removed."""

    result: pipeline.Result
    touched: tuple[str, ...]


class Session:
    def __init__(self, config: Path, out: Path, as_of: _dt.date | None, fallback_as_of: Callable[[], _dt.date],
                 strict: bool):
        self.config = config
        self.out = out
        self.as_of = as_of
        self.fallback_as_of = fallback_as_of
        self.strict = strict
        self._memory = cache_mod.Memory()
        self._runtime = pipeline.Runtime(store=cache_mod.Cache(None, self._memory),
                                         fingerprint=cache_mod.code_fingerprint(), recall=Recall(),
                                         environments={})
        self._sources: loading.Sources | None = None
        self._files: dict[str, bytes] | None = None   # what the folder holds (None: not written yet)
        self._since: set[str] | None = None   # sources changed since the last written build (None: unknown)
        self._copies: dict[str, tuple] = {}

    def rebuild(self, changed: Iterable[Path] | None = None) -> Rebuilt:
        """Build again after `changed` files (None: anything may have changed)."""
        started = time.perf_counter()
        self._runtime.recall.start()
        sources = None
        if changed is not None and self._sources is not None:
            sources = loading.reload(self._sources, self.config, changed)
        if sources is None:
            sources = loading.load(self.config)
            self._since = None
        elif self._since is not None:
            self._since |= {Path(p).relative_to(self.config.parent).as_posix() for p in changed}
        self._sources = sources
        runtime = replace(self._runtime, reach=graph.reach(self._since))
        site, diags = pipeline.prepare(self.config, self.as_of, self.fallback_as_of(), runtime, sources)
        touched: list[str] = []
        written = 0
        if site is not None and not any(d.severity == dg.ERROR for d in diags):
            files, copies, sub = pipeline.produce(site, self.config.parent, None, runtime)
            diags += sub
            if not dg.fails(diags, self.strict):
                touched = self._write(files, copies)
                written = len(files) + len(copies)
                self._since = set()  # what the recall holds is this build's
                self._memory.sweep()
                self._runtime.recall.sweep()
        result = pipeline.Result(site, tuple(dg.sort(diags)), written, time.perf_counter() - started)
        # What is kept between saves is moved out of the cyclic collector's way: a full collection
        # walked the whole kept site (~50 ms every third save at 1,000 pages). The kept objects are
        # acyclic (frozen dataclasses and tuples): reference counting still frees them when replaced.
        gc.freeze()
        return Rebuilt(result, tuple(touched))

    def _write(self, files: dict[str, bytes], copies: dict[str, Path]) -> list[str]:
        previous, self._files = self._files, None  # unknown until this write is done
        with write.locked(self.out):
            if previous is None or not self.out.is_dir():
                write.recover(self.out)
                write.write_site(self.out, files, copies)
                touched, signatures = sorted(set(files) | set(copies)), inplace.copy_signatures(copies)
            else:
                touched, signatures = inplace.update_site(self.out, files, copies, previous, self._copies)
        self._files, self._copies = files, signatures
        return touched
