"""Which file of the preview output a request path names — or why it is refused.

The preview server answers only with files under its output folder. The raw request path
(still percent-encoded, exactly as it came off the socket) is checked before anything touches
the disk, so that a path a client did not normalise — `..`, `%2e%2e`, an encoded slash or
backslash, `//`, NUL, overlong UTF-8 — is refused instead of being interpreted. What passes
is joined to the root and resolved, and a file that resolves outside the root (a symlink
leading out) is refused too.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

BAD_REQUEST, FORBIDDEN, NOT_FOUND = 400, 403, 404

# Printable ASCII except space: a browser percent-encodes everything else.
_RAW_ALLOWED = re.compile(r"^/[\x21-\x7e]*$")
# An encoded separator would change how the path splits into segments after decoding.
_ENCODED_SEPARATOR = re.compile(r"%(2f|5c)", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A file to send; `path` is resolved and inside the root."""

    path: Path


@dataclass(frozen=True)
class Redirect:
    """A folder asked for without its trailing slash: relative links need the slash."""

    location: str


@dataclass(frozen=True)
class Refused:
    status: int
    reason: str


def decode(raw_path: str) -> str | Refused:
    """The request path as text, or why it cannot be a path of the site.

    `raw_path` is the path part of the request target (before `?`), not yet unquoted.
    """
    if not _RAW_ALLOWED.match(raw_path):
        return Refused(BAD_REQUEST, "путь должен начинаться с «/» и состоять из видимых символов ASCII")
    if "\\" in raw_path or _ENCODED_SEPARATOR.search(raw_path):
        return Refused(BAD_REQUEST, "в пути есть обратная косая черта или закодированный разделитель")
    try:
        # Strict UTF-8 also rejects overlong forms such as %c0%ae and %e0%80%ae.
        text = urllib.parse.unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        return Refused(BAD_REQUEST, "путь не в кодировке UTF-8")
    if any(ch < " " or ch == "\x7f" for ch in text):
        return Refused(BAD_REQUEST, "в пути есть управляющие символы")
    if "\\" in text:
        return Refused(BAD_REQUEST, "в пути есть обратная косая черта")
    # normpath("/" + path) folds `.`, `..` and `//`; a path it changes was not a plain one.
    canonical = posixpath.normpath("/" + text.lstrip("/"))
    plain = text.rstrip("/") or "/"
    if canonical != plain or "//" in text:
        return Refused(BAD_REQUEST, "в пути есть «..», «.» или двойная косая черта")
    return text


def resolve(root: Path, raw_path: str) -> Found | Redirect | Refused:
    """Map a raw request path onto a file under `root` (which must be resolved)."""
    text = decode(raw_path)
    if isinstance(text, Refused):
        return text
    try:
        return _locate(root, raw_path, text)
    except (OSError, RuntimeError, ValueError):  # a name too long, a symlink loop
        return Refused(NOT_FOUND, "такого файла нет")


def _locate(root: Path, raw_path: str, text: str) -> Found | Redirect | Refused:
    target = (root / text.lstrip("/")).resolve()
    if not target.is_relative_to(root):
        return Refused(FORBIDDEN, "путь ведёт за пределы папки предпросмотра")
    if target.is_dir():
        if not text.endswith("/"):
            return Redirect(raw_path + "/")
        target = (target / "index.html").resolve()
        if not target.is_relative_to(root):
            return Refused(FORBIDDEN, "путь ведёт за пределы папки предпросмотра")
    if not target.is_file():
        return Refused(NOT_FOUND, "такого файла нет")
    return Found(target)


def looks_like_page(raw_path: str) -> bool:
    """True for paths a browser opens as a page (a folder or .html), for a helpful 404."""
    last = raw_path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last
