"""The preview's HTTP endpoints: the output's files (HTML with the reload script and the
overlay) and livereload's websocket, checked for origin.

They know the preview only through `Preview`, what they ask of it.
"""

from __future__ import annotations

import json
import logging
import mimetypes
from pathlib import Path
from typing import Protocol

from livereload.handlers import LiveReloadHandler
from tornado import web

from clusterpages.serve import overlay, paths

log = logging.getLogger(__name__)

TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class Preview(Protocol):
    """What the handlers need of the preview server."""

    root: Path
    run_id: str
    build: int
    has_site: bool
    pages: set

    @property
    def busy(self) -> bool: ...

    async def settled(self) -> None: ...

    def origin_allowed(self, origin: str, host_header: str) -> bool: ...

    def decorate(self, page: bytes) -> bytes: ...


def log_request(handler: web.RequestHandler) -> None:
    if handler.get_status() >= 500:
        log.error("%s %s → %s", handler.request.method, handler.request.uri, handler.get_status())


class ReloadSocket(LiveReloadHandler):
    """livereload's websocket endpoint with an Origin check and per-server state (not class
    attributes): a page joins when it sends `info`, saying which build it shows."""

    HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"],
             "serverName": "clusterpages-preview"}

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def check_origin(self, origin: str) -> bool:
        return self.preview.origin_allowed(origin, self.request.host or "")

    async def get(self, *args, **kwargs) -> None:
        # Checked before tornado's own cross-origin rule, which lets through any Origin whose
        # host matches the Host header (so a DNS-rebinding page), `Sec-Fetch-Site: same-origin`
        # and requests without an Origin. Only a page of this preview may listen.
        if not self.check_origin(self.request.headers.get("Origin", "")):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("403: обновления предпросмотра доступны только его собственным страницам\n".encode())
            return
        await super().get(*args, **kwargs)

    def on_message(self, message) -> None:
        try:
            data = json.loads(message)
        except (ValueError, TypeError):
            return
        if not isinstance(data, dict):
            return
        if data.get("command") == "hello":
            self.send_message(self.HELLO)
        elif data.get("command") == "info":
            self.preview.pages.add(self)
            plugins = data.get("plugins")
            shown = plugins.get(overlay.PLUGIN_ID, {}) if isinstance(plugins, dict) else {}
            if not isinstance(shown, dict) or (shown.get("run"), shown.get("build")) != \
                    (self.preview.run_id, self.preview.build):
                self.reload()  # the page shows an older build: the reload sent for it came too early

    def reload(self) -> None:
        self.send_message({"command": "reload", "path": "*", "liveCSS": False, "liveImg": False})

    def swap_stylesheet(self, path: str) -> None:
        """livereload.js replaces a stylesheet the page links to whose name matches, without a reload."""
        self.send_message({"command": "reload", "path": "/" + path, "liveCSS": True, "liveImg": False})

    def on_close(self) -> None:
        self.preview.pages.discard(self)


class PageHandler(web.RequestHandler):
    """Files of the output, and only those; HTML gets the reload script and the overlay."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def compute_etag(self):
        return None

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    async def get(self) -> None:
        await self._answer(send_body=True)

    async def head(self) -> None:
        await self._answer(send_body=False)

    async def _answer(self, send_body: bool) -> None:
        if self.preview.build == 0:
            await self.preview.settled()
        raw = self.request.path
        found = paths.resolve(self.preview.root, raw)
        if isinstance(found, paths.Refused) and found.status == paths.NOT_FOUND and self.preview.busy:
            await self.preview.settled()
            found = paths.resolve(self.preview.root, raw)
        if isinstance(found, paths.Redirect):
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(found.location + query)
            return
        if isinstance(found, paths.Refused):
            if found.status == paths.NOT_FOUND and paths.looks_like_page(raw):
                self.set_status(404)
                self._send(self.preview.decorate(overlay.missing_page(raw, self.preview.has_site)),
                           "text/html; charset=utf-8", send_body)
            else:
                self.set_status(found.status)
                self._send(f"{found.status}: {found.reason}\n".encode(), "text/plain; charset=utf-8", send_body)
            return
        try:
            body = found.path.read_bytes()
        except OSError:  # removed since resolve(): the next build is about to answer
            self.set_status(404)
            self._send("404: файл исчез\n".encode(), "text/plain; charset=utf-8", send_body)
            return
        kind = mimetypes.guess_type(found.path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = self.preview.decorate(body)
        if kind.startswith(TEXT_TYPES):
            kind += "; charset=utf-8"
        self._send(body, kind, send_body)

    def _send(self, body: bytes, kind: str, send_body: bool) -> None:
        self.set_header("Content-Type", kind)
        self.set_header("Content-Length", str(len(body)))
        if send_body:
            self.write(body)
        self.finish()

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: запрос отклонён\n".encode())

