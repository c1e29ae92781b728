"""References from content to files: resolved inside the site, never outside it."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote


def site_path(content_path: str) -> str:
    """content/clusters/it/media/x.png → clusters/it/media/x.png."""
    return content_path[len("content/"):] if content_path.startswith("content/") else content_path


def page_for(content_path: str) -> str | None:
    """The output page of a content file, or None when the file has no page of its own."""
    parts = content_path.split("/")
    if parts[:2] == ["content", "protocols"] and len(parts) == 3 and parts[2].endswith(".md"):
        return f"protocols/{parts[2][:-3]}/index.html"
    if parts[:2] != ["content", "clusters"] or len(parts) < 4:
        return None
    slug, rest = parts[2], parts[3:]
    base = f"clusters/{slug}"
    if rest == ["cluster.yaml"]:
        return f"{base}/index.html"
    if rest == ["videos.yaml"]:
        return f"{base}/videos/index.html"
    if len(rest) == 1 and rest[0].endswith(".md"):
        return f"{base}/{rest[0][:-3]}/index.html"
    if len(rest) == 2 and rest[0] in ("championships", "pages") and rest[1].endswith(".md"):
        return f"{base}/{rest[0]}/{rest[1][:-3]}/index.html"
    return None


def resolve(ref: str, source_dir: str, scope: str, known: frozenset[str]) -> tuple[str | None, str | None]:
    """Resolve `ref` written in a file under `source_dir` (content-relative POSIX) within `scope`.

    Returns (content path, None) or (None, the problem in Russian). Tries the file's own
    folder first, then the scope's root (authors write `media/x.png` from anywhere).
    """
    raw = ref.strip()
    decoded = unquote(raw)
    if not raw:
        return None, "пустая ссылка"
    if "\\" in decoded:
        return None, "обратная косая черта «\\» в пути"
    if decoded.startswith("/") or re.match(r"^[a-zA-Z]:", decoded):
        return None, "абсолютный путь"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:", decoded):
        return None, "адрес с протоколом вместо файла"
    if "\x00" in decoded:
        return None, "недопустимый символ в пути"
    path = decoded.split("#", 1)[0].split("?", 1)[0]
    candidates = [posixpath.normpath(posixpath.join(source_dir, path)), posixpath.normpath(posixpath.join(scope, path))]
    for cand in candidates:
        if not (cand == scope or cand.startswith(scope + "/")):
            continue
        if cand in known:
            return cand, None
    if all(not (c == scope or c.startswith(scope + "/")) for c in candidates):
        return None, "путь выходит за пределы папки кластера"
    return None, "файл не найден"


def relative(target: str, from_page: str) -> str:
    """A relative URL from the page at `from_page` to the site path `target`."""
    if target.startswith(("http://", "https://", "mailto:", "tel:", "#")):
        return target
    frag = ""
    if "#" in target:
        target, frag = target.split("#", 1)
        frag = "#" + frag
    start = posixpath.dirname(from_page) or "."
    rel = posixpath.relpath(target or from_page, start)
    return rel + frag


_LINK_ATTR = re.compile(r'(?<=\s)(href|src)="([^"]*)"(?=(?:\s+[\w:-]+(?:="[^"]*")?)*\s*/?>)')  # in tags only


def deepen(html: str, levels: int = 1) -> str:
    """HTML written for a page, moved `levels` folders deeper: its relative links get «../»."""
    prefix = "../" * levels

    def repl(m):
        value = m.group(2)
        if not value or value.startswith(("#", "/")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:", value):
            return m.group(0)
        return f'{m.group(1)}="{prefix}{value}"'
    return _LINK_ATTR.sub(repl, html)
