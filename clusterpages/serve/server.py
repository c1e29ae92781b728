"""The live preview server: serves the output, rebuilds on changes, reloads the browsers.

Made of livereload's parts where they fit — its LiveReload websocket protocol
(`LiveReloadHandler`, see handlers.py), its vendored livereload.js and its `Watcher` (see watch.py) —
and our own where python-livereload is weak: `livereload.Server` is not used, because it
keeps its state in class attributes, polls every 800 ms, drops a reload that comes within
3 s of the last one, runs the build on the event loop without error handling, accepts any
websocket origin and serves with tornado's StaticFileHandler (no overlay, no HTML-only
injection).

The rebuild function is passed in (the MkDocs way) and runs in one worker thread, so pages
are served while it works. A burst of file events is debounced, events during a build
schedule one more build, and a build counter makes sure a page never misses a reload:
  change seen (the system's notification, or a poll) → quiet for DEBOUNCE s → build in the worker →
  counter + 1 → "reload" to every connected page → pages reconnect and report the build
  they show (the livereload.js plugin in serve_overlay); an older one is reloaded again.
Pages are answered from the last finished build while the next one runs. A request waits
only before the first build, or when its file is missing while a build runs (the instant of
the swap). All state is changed on the event loop thread only.

What a person editing is promised (and tests/serve/test_serve.py checks, with no timing
assumption): builds run one at a time and each reads the sources as they are when it starts,
so pages show the saves in the order they were made, never an older one after a newer one;
a save seen during a build schedules one more build, so the last save is always shown; a save
made after the previous one was shown is shown itself. Saves that come while a build runs are
folded into the next build: of two quick saves during one build only the second may be shown.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
import socket
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from livereload.handlers import LiveReloadJSHandler
from tornado import web
from tornado.httpserver import HTTPServer

from clusterpages.serve import overlay
from clusterpages.serve.handlers import PageHandler, ReloadSocket, log_request
from clusterpages.serve.watch import SourceWatcher
from clusterpages.values import diagnostics as dg
from clusterpages.values.diagnostics import Diagnostic

log = logging.getLogger(__name__)

POLL = 0.025        # seconds between two looks at the sources…
POLL_NOTIFIED = 1.0  # …when the system notifies changes (watch.py): a look for what notifications miss
POLL_BUSY = 0.5     # …while a build runs (the next build waits for it anyway)
POLL_SHARE = 0.1    # on a big site, look less often: at most this share of the time is spent looking
DEBOUNCE = 0.025    # a burst of saves is one change once the sources were quiet this long (by their mtimes)
SETTLE_WAIT = 60.0  # the longest a page request waits for a running build


@dataclass(frozen=True)
class Outcome:
    """What one build did. `ok`: the output now holds this build. `problems`: why it failed
    (shown in the overlay). `diagnostics`: everything the build reported."""

    ok: bool
    problems: tuple[Diagnostic, ...]
    diagnostics: tuple[Diagnostic, ...]
    written: int
    seconds: float
    touched: tuple[str, ...] = ()   # site paths the build wrote or removed


# The rebuild is told which source files changed since the last one (None: it must assume any).
Rebuild = Callable[[frozenset[str] | None], Outcome]


class Reporter(Protocol):
    def building(self, changed: frozenset[str] | None) -> None: ...

    def built(self, outcome: Outcome, changed: frozenset[str] | None, pages: int) -> None: ...


def own_origins(host: str, port: int) -> frozenset[str]:
    """The Origin values a page served by this server sends: http://host:port, and for a
    loopback address also the other loopback names a person may type."""
    names = {host}
    if is_loopback(host):
        names |= {"localhost", "127.0.0.1", "::1"}
    origins = set()
    for name in names:
        shown = f"[{name}]" if ":" in name else name
        origins.add(f"http://{shown}:{port}")
        if port == 80:
            origins.add(f"http://{shown}")
    return frozenset(origins)


def is_loopback(host: str) -> bool:
    """True when every address `host` names is a loopback one (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def is_wildcard(host: str) -> bool:
    """True for an address that means "every interface" (the unspecified IPv4/IPv6 address)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return host == ""


class PreviewServer:
    def __init__(self, root: Path, rebuild: Rebuild, watcher: SourceWatcher, sockets: list[socket.socket],
                 host: str, reporter: Reporter):
        self.root = root
        self.port = sockets[0].getsockname()[1]
        self._rebuild = rebuild
        self._watcher = watcher
        self._sockets = sockets
        self._reporter = reporter
        self._origins = own_origins(host, self.port)
        self._any_origin_host = is_wildcard(host)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clusterpages-build")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stop_requested = False
        self._worker_busy = False
        # state below: changed on the event loop thread only
        self.build = 0                         # builds finished; pages report the one they show
        self.run_id = secrets.token_hex(4)     # so a page of an earlier run of the preview reloads too
        self.has_site = False                  # the output holds a good build
        self.problems: tuple[Diagnostic, ...] = ()  # why the last build failed; () after a good one
        self.pages: set[ReloadSocket] = set()
        self._pending: asyncio.Event | None = None
        self._settled: asyncio.Event | None = None
        self._nudged: asyncio.Event | None = None   # the system reported a change: look now
        self._poll = POLL
        self._last_change = 0.0
        self._changed: frozenset[str] | None = frozenset()  # since the last build started; None: anything

    # ------------------------------------------------------------------ lifetime

    def serve_until_stopped(self) -> None:
        """Run until request_stop(); the first build starts at once."""
        asyncio.run(self._main())

    def request_stop(self) -> None:
        """Safe from a signal handler or another thread."""
        self._stop_requested = True
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stop.set)

    @property
    def building(self) -> bool:
        """True while the worker thread runs a build (even after the loop has stopped)."""
        return self._worker_busy

    def close(self) -> None:
        """Wait for a build still running in the worker (it cannot be interrupted)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop, self._pending, self._settled = asyncio.Event(), asyncio.Event(), asyncio.Event()
        self._nudged = asyncio.Event()
        if self._stop_requested:
            return
        app = web.Application([
            (r"/livereload", ReloadSocket, {"preview": self}),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r".*", PageHandler, {"preview": self}),
        ], log_function=log_request, compress_response=False, websocket_ping_interval=20)
        http = HTTPServer(app, xheaders=False)
        http.add_sockets(self._sockets)
        self._watcher.prime()
        if self._watcher.notify(self._nudge):
            self._poll = POLL_NOTIFIED
        self._mark_changed(None)
        poller = asyncio.create_task(self._watch_forever())
        builder = asyncio.create_task(self._build_forever())
        try:
            await self._stop.wait()
        finally:
            self._watcher.close()
            poller.cancel()
            http.stop()
            for page in list(self.pages):
                page.close()
            builder.cancel()
            try:
                await asyncio.wait_for(http.close_all_connections(), 2)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass

    # ------------------------------------------------------------------ rebuilds

    def _nudge(self) -> None:
        """The watcher's notification (another thread): look at the sources now."""
        loop, nudged = self._loop, self._nudged
        try:
            if loop is not None and nudged is not None:
                loop.call_soon_threadsafe(nudged.set)
        except RuntimeError:  # the loop has closed: the preview is stopping
            pass

    async def _watch_forever(self) -> None:
        """Look at the sources when the system reports a change, else every POLL s (POLL_NOTIFIED
        when notifications work); less often while building (the walk holds the GIL the build
        needs) and, on a site so big that one look takes longer than POLL_SHARE of POLL, no more
        than that share of the time — a notified change is looked at once the last look's cost
        has passed again, so looking never takes more than half the time."""
        assert self._nudged is not None
        while True:
            self._nudged.clear()  # a change reported during this look makes another one
            # The look's own CPU time: wall time would count the waits for the GIL while a build
            # runs and stretch the next sleep to seconds.
            started = time.thread_time()
            self._look()
            cost = time.thread_time() - started
            if self._worker_busy:
                await asyncio.sleep(max(POLL_BUSY, cost / POLL_SHARE))
                continue
            await asyncio.sleep(cost)
            try:
                await asyncio.wait_for(self._nudged.wait(), max(self._poll, cost / POLL_SHARE) - cost)
            except asyncio.TimeoutError:
                pass

    def _look(self) -> None:
        try:
            changed = self._watcher.changed()
        except OSError as exc:  # a folder vanished mid-walk: look again next time
            log.debug("watch: %s", exc)
            return
        if changed:
            # Quiet is counted from the newest save itself, not from when this look saw it: the
            # look came up to POLL s later, and that time already counts.
            ago = max(0.0, time.time() - self._watcher.newest_ns / 1e9)
            self._mark_changed(changed, min(ago, DEBOUNCE))

    def _mark_changed(self, paths: frozenset[str] | None, ago: float = 0.0) -> None:
        assert self._pending is not None and self._settled is not None and self._loop is not None
        self._last_change = max(self._last_change, self._loop.time() - ago)
        self._changed = None if paths is None or self._changed is None else self._changed | paths
        self._pending.set()
        self._settled.clear()

    async def _build_forever(self) -> None:
        assert self._pending is not None and self._settled is not None and self._loop is not None
        while True:
            await self._pending.wait()
            while (quiet := self._loop.time() - self._last_change) < DEBOUNCE:
                await asyncio.sleep(DEBOUNCE - quiet)
            self._pending.clear()
            changed, self._changed = self._changed, frozenset()
            _tell(self._reporter.building, changed)
            outcome = await self._loop.run_in_executor(self._executor, self._guarded_rebuild, changed)
            self._look()  # an edit made during the build, not yet seen by the slower polling
            self.build += 1
            styles_only = outcome.ok and not self.problems and _styles_only(outcome.touched)
            if outcome.ok:
                self.has_site, self.problems = True, ()
            else:
                self.problems = outcome.problems
            if not self._pending.is_set():
                self._settled.set()
            for page in list(self.pages):
                if styles_only:
                    for path in outcome.touched:
                        page.swap_stylesheet(path)
                else:
                    page.reload()
            _tell(self._reporter.built, outcome, changed, len(self.pages))

    def _guarded_rebuild(self, changed: frozenset[str] | None) -> Outcome:
        """The rebuild in the worker thread; a crash becomes a failed build, never a dead server."""
        started = time.perf_counter()
        self._worker_busy = True
        try:
            return self._rebuild(changed)
        except Exception as exc:  # a bug in the build must not stop the preview
            where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            problem = dg.error("serve.build-crash", "", None,
                               f"Сборка прервалась с ошибкой программы: {type(exc).__name__}: {exc}"
                               + (f" ({Path(where.filename).name}:{where.lineno})" if where else ""),
                               "Это ошибка clusterpages, а не содержимого: сообщите разработчикам, "
                               "приложив вывод из окна предпросмотра.")
            traceback.print_exc()
            return Outcome(False, (problem,), (problem,), 0, time.perf_counter() - started)
        finally:
            self._worker_busy = False

    @property
    def busy(self) -> bool:
        """A build is pending or running."""
        return self._settled is not None and not self._settled.is_set()

    async def settled(self) -> None:
        """Return once no build is pending or running (bounded by SETTLE_WAIT)."""
        assert self._settled is not None
        try:
            await asyncio.wait_for(self._settled.wait(), SETTLE_WAIT)
        except asyncio.TimeoutError:
            pass

    # ------------------------------------------------------------------ requests

    def origin_allowed(self, origin: str, host_header: str) -> bool:
        origin = origin.lower()
        if origin in self._origins:
            return True
        # Bound to every interface: the page's own address is whatever name reached us.
        return self._any_origin_host and origin == f"http://{host_header.lower()}"

    def decorate(self, page: bytes) -> bytes:
        """An HTML page as the browser gets it: reload script, and the overlay if the last build failed."""
        return overlay.inject(page, overlay.reload_script(self.port, self.run_id, self.build),
                              overlay.overlay(self.problems) if self.problems else b"")


def _styles_only(touched: tuple[str, ...]) -> bool:
    """Only stylesheets changed: the pages can swap them in place instead of reloading."""
    return bool(touched) and all(p.endswith(".css") for p in touched)


def _tell(report: Callable, *args) -> None:
    """Console output must never stop the build loop (a closed terminal, say)."""
    try:
        report(*args)
    except Exception:  # noqa: BLE001
        log.debug("report failed", exc_info=True)
