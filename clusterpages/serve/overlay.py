"""What the preview server adds to HTML pages: the reload script and the build-error overlay.

Nothing here is written to the output: the server inserts it into each HTML response, so the
files on disk stay exactly what `build` would publish. Everything a diagnostic carries is
escaped — a message may quote the content it complains about.
"""

from __future__ import annotations

import html
import json
import re
from typing import Sequence

from clusterpages.values.diagnostics import Diagnostic, location, marked

PLUGIN_ID = "clusterpages-preview"
OVERLAY_ID = "clusterpages-preview-overlay"
MAX_SHOWN = 50

_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def reload_script(port: int, run_id: str, build: int) -> bytes:
    """livereload.js plus a tiny livereload.js plugin that tells the server which build the
    page shows (this run of the preview, build counter): a page that connects after a newer
    build finished is reloaded at once, so a reload sent while the page was loading is never
    lost (MkDocs' version counter idea, carried in the LiveReload protocol's `info` message)."""
    shown = json.dumps({"run": run_id, "build": int(build)})
    plugin = (f'window.LiveReloadPluginClusterpagesPreview=(function(){{function P(){{}}'
              f'P.identifier="{PLUGIN_ID}";P.version="1";'
              f'P.prototype.analyze=function(){{return {shown}}};return P}})();')
    return (f'<script>{plugin}</script>'
            f'<script src="/livereload.js?port={int(port)}"></script>').encode()


def _where(d: Diagnostic) -> str:
    return location(d, "настройки сайта")


def _excerpt(d: Diagnostic) -> str:
    """The offending line with a marker under the spot, as in the terminal."""
    shown = marked(d)
    if not shown:
        return ""
    number = f"{d.line} | " if d.line else ""
    marker = f"\n{' ' * max(len(number) - 2, 0)}{'| ' if number else ''}{shown[1]}" if shown[1] else ""
    return ('<pre class="cp-excerpt" style="margin:.3em 0;padding:.4em .6em;background:#fff;border:1px solid #e3b5b5;'
            'overflow:auto;font:.95em/1.35 ui-monospace,Consolas,monospace;white-space:pre">'
            f'{html.escape(number + shown[0] + marker)}</pre>')


def overlay(problems: Sequence[Diagnostic]) -> bytes:
    """The fixed panel «Сборка не удалась» listing each problem with file:line, message, hint."""
    items = []
    for d in problems[:MAX_SHOWN]:
        hint = (f'<div style="margin-top:.2em;color:#3b3b3b">→ {html.escape(d.hint)}</div>'
                if d.hint else "")
        items.append(
            '<li style="margin:0 0 .7em;padding:0">'
            f'<code style="font:600 .95em/1.4 ui-monospace,Consolas,monospace;color:#8a0018;'
            f'word-break:break-all">{html.escape(_where(d))}</code>'
            f'<div>{html.escape(d.message)}</div>{_excerpt(d)}{hint}</li>')
    if len(problems) > MAX_SHOWN:
        items.append(f"<li>…и ещё {len(problems) - MAX_SHOWN} — полный список в окне, где запущен предпросмотр.</li>")
    return (
        f'<div id="{OVERLAY_ID}" role="alert" lang="ru" style="position:fixed;z-index:2147483647;top:0;left:0;'
        'right:0;max-height:60vh;overflow:auto;box-sizing:border-box;margin:0;padding:1em 1.5em;'
        'background:#fff4f4;color:#1a1a1a;border-bottom:4px solid #b00020;'
        'box-shadow:0 4px 18px rgba(0,0,0,.3);font:16px/1.45 system-ui,-apple-system,\'Segoe UI\',sans-serif;'
        'text-align:left">'
        '<button type="button" onclick="this.parentNode.remove()" style="float:right;font:inherit;'
        'padding:.2em .8em;cursor:pointer">Скрыть</button>'
        '<p style="margin:0 0 .4em;font-size:1.3em;font-weight:700;color:#b00020">Сборка не удалась</p>'
        '<p style="margin:0 0 .8em">Показана последняя удачная сборка. Исправьте файл — '
        'страница обновится сама.</p>'
        f'<ol style="margin:0;padding-left:1.5em">{"".join(items)}</ol></div>'
    ).encode()


def inject(page: bytes, head: bytes, body: bytes = b"") -> bytes:
    """Put `head` before the first </head> and `body` before the last </body>."""
    match = _HEAD_END.search(page)
    if match:
        page = page[:match.start()] + head + page[match.start():]
    else:
        body = head + body
    if body:
        ends = list(_BODY_END.finditer(page))
        page = page[:ends[-1].start()] + body + page[ends[-1].start():] if ends else page + body
    return page


def missing_page(path: str, built: bool) -> bytes:
    """The page for a path that has no file: the overlay and the reload script are added to it
    like to any page, so it turns into the real page once a build produces it."""
    if built:
        text = (f"Страницы «{html.escape(path)}» в предпросмотре нет. "
                'Вернитесь на <a href="/">главную</a>.')
    else:
        text = "Сайт ещё ни разу не собрался: исправьте ошибки — страница обновится сама."
    return ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
            '<title>Нет страницы — предпросмотр</title></head>'
            f'<body><main style="font:18px/1.5 system-ui,sans-serif;margin:4em auto;max-width:40em;padding:0 1em">'
            f'<h1>Нет страницы</h1><p>{text}</p></main></body></html>').encode()
