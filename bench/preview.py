"""Edit-to-reload time of `build.py serve` (used by run.py).

A minimal WebSocket client (standard library only, RFC 6455: text frames, ping/pong,
fragmented messages) speaks the LiveReload protocol to the preview server the way a
browser's livereload.js does: it connects to ws://127.0.0.1:<port>/livereload, sends

    {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}

then, as livereload.js does, {"command": "info", ...}, and waits for messages; a
{"command": "reload", ...} message is the moment the browser is told to reload. The time
measured is from just before a page file is written to the moment the edited page, fetched
again as the browser would after that message, shows the edit ("save → browser shows").
Pairs of saves 300 ms apart then check that both saves are shown.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import struct
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}


class WSClosed(Exception):
    pass


class WebSocket:
    def __init__(self, host: str, port: int, path: str, timeout: float = 10.0) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://{host}:{port}\r\n\r\n")
        self.sock.sendall(request.encode())
        self.buf = bytearray()
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise WSClosed("connection closed during the handshake")
            self.buf += chunk
        head, _, rest = bytes(self.buf).partition(b"\r\n\r\n")
        status = head.split(b"\r\n", 1)[0].decode("latin-1")
        if " 101 " not in status + " ":
            raise WSClosed(f"handshake refused: {status}")
        self.buf = bytearray(rest)

    def _read(self, n: int, deadline: float) -> bytes:
        while len(self.buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise TimeoutError from None
            if not chunk:
                raise WSClosed("connection closed")
            self.buf += chunk
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        head = bytearray([0x80 | opcode])
        n = len(payload)
        if n < 126:
            head.append(0x80 | n)
        elif n < 1 << 16:
            head.append(0x80 | 126)
            head += struct.pack("!H", n)
        else:
            head.append(0x80 | 127)
            head += struct.pack("!Q", n)
        mask = os.urandom(4)
        head += mask
        self.sock.sendall(bytes(head) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def send_json(self, obj) -> None:
        self._send_frame(0x1, json.dumps(obj).encode())

    def recv_json(self, timeout: float):
        """The next text message as JSON; TimeoutError when none arrives in time."""
        deadline = time.monotonic() + timeout
        parts: list[bytes] = []
        while True:
            b1, b2 = self._read(2, deadline)
            fin, opcode = b1 & 0x80, b1 & 0x0F
            n = b2 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2, deadline))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8, deadline))[0]
            mask = self._read(4, deadline) if b2 & 0x80 else None
            payload = self._read(n, deadline)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            if opcode == 0x8:
                raise WSClosed("server closed the connection")
            parts.append(payload)
            if fin:
                text = b"".join(parts).decode("utf-8", "replace")
                try:
                    return json.loads(text)
                except ValueError:
                    return {"raw": text}

    def close(self) -> None:
        try:
            self._send_frame(0x8, b"\x03\xe8")
        except OSError:
            pass
        self.sock.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PreviewResult:
    measured: bool
    times: list[float] = field(default_factory=list)   # seconds, one per edit
    note: str = ""
    startup_s: float | None = None                    # serve start to accepting connections
    pairs: list[list[int]] = field(default_factory=list)  # per pair of quick saves: the saves the page showed


def _tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " / ".join(t.strip() for t in text[-lines:])


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 5), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _shows(port: int, page: str, marker: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=30) as resp:
            return marker in resp.read().decode("utf-8", "replace")
    except (OSError, urllib.error.URLError):
        return False


def _pair(ws: WebSocket, port: int, page: str, edit: Callable[[int], str], first: int, timeout: float) -> list[int]:
    """Two saves 300 ms apart: which of them (0, 1) the page showed after each reload message."""
    markers = [edit(first)]
    saved = time.monotonic()
    shown: list[int] = []
    end = saved + timeout
    while time.monotonic() < end and (not shown or shown[-1] != 1):
        if len(markers) == 1 and time.monotonic() >= saved + 0.3:
            markers.append(edit(first + 1))
        wait = saved + 0.3 - time.monotonic() if len(markers) == 1 else end - time.monotonic()
        try:
            msg = ws.recv_json(max(0.01, wait))
        except TimeoutError:
            continue
        if msg.get("command") == "reload":
            found = [n for n, m in enumerate(markers) if _shows(port, page, m)]
            if found and (not shown or shown[-1] != found[-1]):
                shown.append(found[-1])
    drain = time.monotonic() + 1.5
    while time.monotonic() < drain:
        try:
            ws.recv_json(max(0.0, drain - time.monotonic()))
        except TimeoutError:
            break
    return shown


def measure(command: list[str], cwd: Path, log: Path, port: int, edit: Callable[[int], str],
            restore: Callable[[], None], edits: int = 5, pause: float = 1.5, startup_timeout: float = 600,
            reload_timeout: float = 180, env: dict | None = None, page: str = "", pairs: int = 0) -> PreviewResult:
    """Start the preview server, then edit a page `edits` times and time each until the page
    (site path `page`) shows the text `edit(i)` returns; then `pairs` pairs of saves 300 ms apart."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=env)
    ws = None
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if proc.poll() is not None:
                return PreviewResult(False, note=f"serve exited with code {proc.returncode}: {_tail(log)}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                return PreviewResult(False, note=f"serve did not accept connections within {startup_timeout:.0f} s")
            time.sleep(0.1)
        # A page request is answered once the first build is there: that is "ready".
        while True:
            if proc.poll() is not None:
                return PreviewResult(False, note=f"serve exited with code {proc.returncode}: {_tail(log)}")
            left = deadline - time.monotonic()
            if left <= 0:
                return PreviewResult(False, note=f"serve did not answer GET / within {startup_timeout:.0f} s")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=min(left, 120)) as resp:
                    if resp.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        startup = time.perf_counter() - started
        try:
            ws = WebSocket("127.0.0.1", port, "/livereload")
        except (OSError, WSClosed) as exc:
            return PreviewResult(False, note=f"no LiveReload endpoint at /livereload: {exc}", startup_s=startup)
        ws.send_json(HELLO)
        try:
            reply = ws.recv_json(10)
        except TimeoutError:
            return PreviewResult(False, note="the server did not answer the LiveReload hello", startup_s=startup)
        if reply.get("command") != "hello":
            return PreviewResult(False, note=f"unexpected first message: {reply}", startup_s=startup)
        # livereload.js then reports the page it shows; a server may only send reloads to pages
        # that did (clusterpages' does, and answers an `info` without its plugin's build number
        # with one reload at once, drained below).
        ws.send_json({"command": "info", "plugins": {}, "url": f"http://127.0.0.1:{port}/"})
        # Let a build still running after start settle: wait for 2 s without messages.
        quiet_until = time.monotonic() + 120
        while time.monotonic() < quiet_until:
            try:
                ws.recv_json(2)
            except TimeoutError:
                break
        times: list[float] = []
        for i in range(edits):
            t0 = time.perf_counter()
            marker = edit(i)
            end = time.monotonic() + reload_timeout
            while True:
                try:
                    msg = ws.recv_json(max(0.0, end - time.monotonic()))
                except TimeoutError:
                    return PreviewResult(bool(times), times,
                                         f"no reload message within {reload_timeout:.0f} s after edit {i + 1}",
                                         startup)
                if msg.get("command") == "reload" and (not page or _shows(port, page, marker)):
                    times.append(time.perf_counter() - t0)
                    break
            # The pause between edits; a second reload for the same edit is drained here.
            pause_end = time.monotonic() + pause
            while time.monotonic() < pause_end:
                try:
                    ws.recv_json(max(0.0, pause_end - time.monotonic()))
                except TimeoutError:
                    break
        shown_pairs = [_pair(ws, port, page, edit, edits + 2 * k, reload_timeout) for k in range(pairs)] if page else []
        return PreviewResult(True, times, startup_s=startup, pairs=shown_pairs)
    except WSClosed as exc:
        return PreviewResult(False, note=f"WebSocket closed: {exc}")
    finally:
        restore()
        if ws is not None:
            ws.close()
        _stop(proc)
