"""`build.py serve`: a live preview of the site at http://127.0.0.1:8000/.

This module decides where the preview is built, what is watched and what the person sees in
the console; serve_server.py is the server itself (how the reload timing works is described
there), serve_paths.py the request-path checks, serve_overlay.py what is added to pages.

The preview is built into its own temporary folder (removed on exit), never into output/,
so a half-edited site never overwrites the build meant for publishing; with --out it is
built there instead. Watched: content/, the theme folder and the config file — not the
output. A change rebuilds only what it affects (session.py).
"""

from __future__ import annotations

import atexit
import datetime as _dt
import ipaddress
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import webbrowser
from pathlib import Path

from tornado.netutil import bind_sockets

from clusterpages.content.read.config import fallback_as_of
from clusterpages.content.read.location import theme_dir
from clusterpages.publish import write
from clusterpages.serve.server import (
    Outcome,
    PreviewServer,
    Rebuild,
    is_loopback,
    is_wildcard,
)
from clusterpages.serve.session import Session
from clusterpages.serve.watch import SourceWatcher
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs
from clusterpages.values.diagnostics import EXIT_ABANDONED, EXIT_OK, EXIT_USAGE


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def make_rebuild(config: Path, out: Path, as_of: _dt.date | None, strict: bool) -> Rebuild:
    """The server's rebuild function: a Session (session.py) that builds into `out` and, after
    a save, redoes only what the saved files change."""
    session = Session(config, out, as_of, fallback_as_of, strict)

    def rebuild(changed: frozenset[str] | None = None) -> Outcome:
        started = time.perf_counter()
        try:
            # File times are the clock's: the preview is never published.
            done = session.rebuild(None if changed is None else [Path(p) for p in changed])
        except (write.OutputError, OSError) as exc:
            problem = dg.error("serve.write", str(out), None, f"Не удалось записать предпросмотр: {exc}",
                               "Проверьте, что папка доступна для записи и на диске есть место.")
            return Outcome(False, (problem,), (problem,), 0, time.perf_counter() - started)
        result = done.result
        failed = result.site is None or dg.fails(result.diagnostics, strict)
        if not failed:
            return Outcome(True, (), result.diagnostics, result.written, result.seconds, done.touched)
        bad = {dg.ERROR, dg.WARNING} if strict else {dg.ERROR}
        problems = tuple(d for d in result.diagnostics if d.severity in bad) or (
            dg.error("serve.config", config.name, None, "Настройки сайта не удалось прочитать.",
                     "Проверьте site_config.yaml командой «python build.py check»."),)
        return Outcome(False, problems, result.diagnostics, 0, result.seconds)

    return rebuild


class ConsoleReport:
    """What the person running the preview reads in the console (Russian)."""

    def __init__(self, site_root: Path, url: str, open_browser: bool):
        self.site_root = site_root
        self.url = url
        self.open_browser = open_browser
        self.builds = 0
        self.warnings: set[dg.Diagnostic] = set()

    def _rel(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.site_root).as_posix()
        except ValueError:
            return path

    def building(self, changed: frozenset[str] | None) -> None:
        if not changed:
            say("Собираю сайт…")
        elif len(changed) == 1:
            say(f"Изменён {self._rel(next(iter(changed)))} — пересобираю…")
        else:
            say(f"Изменено файлов: {len(changed)} — пересобираю…")

    def built(self, outcome: Outcome, changed: frozenset[str] | None, pages: int) -> None:
        self.builds += 1
        warnings = {d for d in outcome.diagnostics if d.severity == dg.WARNING}
        for d in sorted(warnings - self.warnings, key=dg.Diagnostic.sort_key):
            say(dg.format_text(d))
        self.warnings = warnings
        refreshed = f"; обновляю открытых страниц: {pages}" if pages else ""
        if outcome.ok:
            say(f"Готово за {outcome.seconds:.2f} с: обновлено файлов {len(outcome.touched)} из {outcome.written}, "
                f"предупреждений {len(warnings)}{refreshed}.")
        else:
            for d in outcome.problems:
                if d.severity != dg.WARNING:
                    say(dg.format_text(d))
            say(f"Сборка не удалась (ошибок: {len(outcome.problems)}) — показываю последнюю удачную сборку, "
                f"ошибки видны и на странице{refreshed}.")
        if self.builds == 1:
            say(f"Предпросмотр: {self.url} — Ctrl+C, чтобы остановить.")
            if self.open_browser:
                threading.Thread(target=webbrowser.open, args=(self.url,), daemon=True).start()


def _url(host: str, port: int) -> str:
    shown = host
    if is_wildcard(host):  # every interface: show the address that works on this computer
        try:
            shown = "127.0.0.1" if ipaddress.ip_address(host).version == 4 else "::1"
        except ValueError:
            shown = "127.0.0.1"
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def _warn_network(host: str, port: int) -> None:
    line = "!" * 78
    say(f"{line}\n!! ВНИМАНИЕ: предпросмотр открыт для сети — адрес «{host}», порт {port}.\n"
        "!! Черновики сайта увидит любой, кто может подключиться к этому компьютеру.\n"
        "!! Чтобы смотреть только самому, запустите без --host (адрес 127.0.0.1).\n"
        f"{line}")


def run(config: Path, out: Path | None, host: str, port: int, open_browser: bool,
        as_of: _dt.date | None, strict: bool) -> int:
    site_root = config.parent.resolve()
    # The command line passes output/ when --out is not given; the preview never builds there.
    own_folder = out is None or out.resolve() == (site_root / "output").resolve()
    temp: Path | None = None
    if own_folder:
        temp = Path(tempfile.mkdtemp(prefix="clusterpages-preview-"))
        atexit.register(shutil.rmtree, temp, True)  # backstop if we die before the finally below
        out = temp / "site"  # the build's lock file and temporary folders land in `temp` too
    else:
        try:
            write.refuse_unsafe(out, site_root)
        except write.OutputError as exc:
            say(str(exc))
            return EXIT_USAGE
    assert out is not None
    try:
        if not is_loopback(host):
            _warn_network(host, port)
        try:
            sockets = bind_sockets(port, address=host or None)
        except OSError as exc:
            say(f"Не удалось открыть адрес {host}:{port}: {exc.strerror or exc}. "
                f"Возможно, порт занят другой программой — укажите другой, например --port {port + 1}.")
            return EXIT_USAGE
        actual_port = sockets[0].getsockname()[1]
        url = _url(host, actual_port)
        watcher = SourceWatcher([inputs.on_disk(site_root, inputs.CONTENT), theme_dir(site_root), config], out)
        server = PreviewServer(out.resolve(), make_rebuild(config, out, as_of, strict), watcher, sockets, host,
                               ConsoleReport(site_root, url, open_browser))
        say(f"Папка предпросмотра: {out}" + (" (удалится при выходе)" if temp else ""))
        code = _serve(server, sockets)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    if code == EXIT_ABANDONED:
        # The build thread cannot be stopped, and a normal exit would wait for it. Its half-
        # written folder is in the removed temporary folder, or is cleaned by the next build.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _serve(server: PreviewServer, sockets) -> int:
    """Run until Ctrl+C or SIGTERM; a second signal while stopping interrupts the wait."""
    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        if stopping:
            raise KeyboardInterrupt
        stopping = True
        server.request_stop()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    code = EXIT_OK
    try:
        server.serve_until_stopped()
        if server.building:
            say("Жду окончания начатой сборки… (Ctrl+C ещё раз — выйти, не дожидаясь)")
        server.close()
    except KeyboardInterrupt:
        if server.building:
            say("Выход без ожидания сборки.")
            code = EXIT_ABANDONED
    finally:
        for sock in sockets:
            sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    say("Предпросмотр остановлен.")
    return code
