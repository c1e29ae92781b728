"""Markdown bodies to HTML whose links point from the page that shows them (pure)."""

from __future__ import annotations

import re

from clusterpages.content.documents import markup, refs
from clusterpages.content.documents.context import Context, content_ref
from clusterpages.values import diagnostics as dg
from clusterpages.values import urls


def body_html(ctx: Context, text: str, file: str, first_line: int, scope: str, page: str, diags: list) -> str:
    r = markup.render(text)
    if r.removed:
        diags.append(dg.warning("html.sanitized", file, first_line + markup.removed_line(text, r.removed),
                                "Удалён небезопасный HTML: " + ", ".join(r.removed) + ".",
                                "Пишите текст средствами Markdown; скрипты, стили, фреймы и формы не публикуются."))
    return rewrite_links(ctx, r.html, text, file, first_line, scope, page, diags)


def line_of(text: str, needle: str, first_line: int) -> int:
    idx = text.find(needle)
    return first_line + (text[:idx].count("\n") if idx >= 0 else 0)


_EXTERNAL_IMG = re.compile(r'<img\b[^>]*?\ssrc="(https?://[^"]*)"[^>]*>')
_ALT = re.compile(r'\salt="([^"]*)"')


def rewrite_links(ctx: Context, html: str, source: str, file: str, first_line: int, scope: str, page: str,
                  diags: list) -> str:
    """Make content links to files and pages relative to the page that shows them.

    Images from other hosts become links: a page never fetches anything from the internet.
    """
    def external(m):
        url = m.group(1)
        alt = _ALT.search(m.group(0))
        diags.append(dg.warning("media.external", file, line_of(source, url.replace("&amp;", "&"), first_line),
                                f"Изображение с другого сайта ({url}) не встраивается: страницы ничего не загружают "
                                "из интернета. Вместо него показана ссылка.",
                                "Скачайте изображение, положите его в папку media/ кластера и укажите путь "
                                "media/имя-файла."))
        return f'<a href="{url}">{alt.group(1) if alt and alt.group(1) else "Изображение"}</a>'
    html = _EXTERNAL_IMG.sub(external, html)
    def repl(m):
        attr, value = m.group(1), m.group(2).replace("&amp;", "&")
        if not value or value.startswith("#") or re.match(r"^(https?|mailto|tel):", value):
            return m.group(0)
        frag = "#" + value.split("#", 1)[1] if "#" in value else ""
        path = content_ref(ctx, value, file, line_of(source, value, first_line), scope, "Ссылка", diags)
        if path is None:
            return f'{attr}="#"' if attr == "href" else f'{attr}=""'
        target = urls.page_of(path) or urls.media(path)
        return f'{attr}="{urls.relative(target, page)}{frag}"'
    return refs.LINK_ATTR.sub(repl, html) if refs.may_link(html) else html
