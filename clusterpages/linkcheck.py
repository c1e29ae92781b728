"""Every link inside the site resolves to a written file, every #fragment to an id."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from . import diagnostics as dg


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, int]] = []  # (attr, value, line)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if name in ("href", "src", "poster", "data-src") or (name == "content" and tag == "meta" and False):
                self.links.append((name, value, line))
            elif name == "srcset":
                for part in value.split(","):
                    url = part.strip().split(" ")[0]
                    if url:
                        self.links.append((name, url, line))
            elif name == "style":
                for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", value):
                    self.links.append(("style", url, line))


def _parse(html: str) -> _Links:
    p = _Links()
    p.feed(html)
    p.close()
    return p


def check(files: dict[str, bytes], others: set[str]) -> list[dg.Diagnostic]:
    """`files` are the written pages and artifacts; `others` the copied files' site paths."""
    existing = set(files) | others
    parsed = {path: _parse(data.decode("utf-8")) for path, data in files.items() if path.endswith(".html")}
    diags = []
    for page, p in sorted(parsed.items()):
        if page.startswith("embed/") or page.startswith("downloads/"):
            continue
        for attr, value, line in p.links:
            diags += _check_one(page, attr, value, line, existing, parsed)
    for path, data in sorted(files.items()):
        if path.endswith(".css"):
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", data.decode("utf-8")):
                diags += _check_one(path, "url()", url, None, existing, parsed)
    return diags


def _check_one(page, attr, value, line, existing, parsed) -> list[dg.Diagnostic]:
    parts = urlsplit(value)
    if parts.scheme or value.startswith("//"):
        return []
    if value.startswith("/"):
        return [dg.error("link.absolute", f"output/{page}", line, f"Ссылка «{value}» от корня сайта не работает из "
                         "подпапки и с диска.", "Все ссылки должны быть относительными.")]
    target = page
    if parts.path:
        base = posixpath.dirname(page)
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if target.endswith("/") or target == ".":
            target = posixpath.join(target, "index.html")
    if target.startswith("../") or target not in existing:
        return [dg.error("link.broken", f"output/{page}", line, f"Ссылка {attr}=«{value}» ведёт на несуществующий файл.",
                         "Исправьте ссылку в содержимом или шаблоне.")]
    if parts.fragment and target in parsed and unquote(parts.fragment) not in parsed[target].ids:
        return [dg.error("link.fragment", f"output/{page}", line,
                         f"Ссылка «{value}»: на странице нет якоря «#{parts.fragment}».",
                         "Исправьте якорь или добавьте заголовок с таким id.")]
    return []
