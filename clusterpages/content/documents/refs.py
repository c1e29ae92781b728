"""References from content to files: resolved inside the site, never outside it."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote


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


LINK_ATTR = re.compile(r'(?<=\s)(href|src)="([^"]*)"(?=(?:\s+[\w:-]+(?:="[^"]*")?)*\s*/?>)')  # in tags only


def may_link(html: str) -> bool:
    """Whether LINK_ATTR can find anything in `html` (a search for two words, not the pattern's
    walk of every character: most of a page's body has no link)."""
    return 'href="' in html or 'src="' in html


def deepen(html: str, levels: int = 1) -> str:
    """HTML written for a page, moved `levels` folders deeper: its relative links get «../»."""
    prefix = "../" * levels

    def repl(m):
        value = m.group(2)
        if not value or value.startswith(("#", "/")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:", value):
            return m.group(0)
        return f'{m.group(1)}="{prefix}{value}"'
    return LINK_ATTR.sub(repl, html) if may_link(html) else html
