"""The stylesheet of the CMS pieces (pure): the theme's embed.css with the brand colours written as
literal values, once for every piece and once per cluster, and a piece with it inlined into
style attributes (for editors that strip `<style>`). Used by embed.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import css_inline

from clusterpages import diagnostics as dg

_VAR = re.compile(r"var\(\s*(--cp-[a-z0-9-]+)\s*(?:,[^()]*)?\)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_BLOCK = re.compile(r"([^{}]+)\{([^{}]*)\}")
_DECL = re.compile(r"(--cp-[a-z0-9-]+)\s*:\s*([^;]+);")


@dataclass(frozen=True)
class Styles:
    base: str                                   # rules for every fragment
    clusters: tuple[tuple[str, str], ...]       # (slug, rules with that cluster's colours)

    @property
    def sheet(self) -> str:
        head = ("/* Стили фрагментов clusterpages для вставки на сайт колледжа. Цвета — из брендбука.\n"
                "   Подключите этот файл в шаблоне сайта или вставьте его текст в поле «Свои стили» (CSS). */\n")
        return head + self.base + "".join(css for _, css in self.clusters)

    def for_cluster(self, slug: str) -> str:
        return self.base + dict(self.clusters).get(slug, "")


# --------------------------------------------------------------------------- styles

def tokens_from(tokens_css: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Site tokens (from :root) and cluster tokens (from .cluster-<slug>) of the generated tokens.css."""
    site: dict[str, str] = {}
    clusters: dict[str, dict[str, str]] = {}
    for m in _BLOCK.finditer(_COMMENT.sub("", tokens_css)):
        selector = m.group(1).strip()
        decls = {k: v.strip() for k, v in _DECL.findall(m.group(2))}
        if selector == ":root":
            site.update(decls)
        elif selector.startswith(".cluster-"):
            clusters[selector[len(".cluster-"):]] = decls
    return site, clusters


def _substitute(css: str, values: dict[str, str], missing: set[str]) -> str:
    def repl(m):
        name = m.group(1)
        if name in values:
            return values[name]
        missing.add(name)
        return m.group(0)
    return _VAR.sub(repl, css)


def _tidy(css: str) -> str:
    lines = [line.rstrip() for line in _COMMENT.sub("", css).split("\n")]
    return "\n".join(line for line in lines if line.strip()) + "\n"


def styles(source: str, tokens_css: str, slugs: tuple[str, ...]) -> tuple[Styles, list[dg.Diagnostic]]:
    """embed.css of the theme → the stylesheet with literal brand colours.

    The block between `/* @cluster` and `/* @end-cluster */` is repeated per cluster with
    `.cp-embed` made `.cp-embed--<slug>` and the cluster's own colours.
    """
    site, per_cluster = tokens_from(tokens_css)
    start = source.find("/* @cluster")
    end = source.find("/* @end-cluster */")
    if 0 <= start < end:
        base_src = source[:start] + source[end + len("/* @end-cluster */"):]
        block_src = _COMMENT.sub("", source[start:end])
    else:
        base_src, block_src = source, ""
    missing: set[str] = set()
    base = _tidy(_substitute(base_src, site, missing))
    out = []
    for slug in slugs:
        values = {**site, **per_cluster.get(slug, {})}
        block = re.sub(r"\.cp-embed(?![\w-])", f".cp-embed--{slug}", block_src)
        if block.strip():
            out.append((slug, _tidy(_substitute(block, values, missing))))
    diags = [dg.error("embed.css-token", "themes/brandbook/static/embed.css", None,
                      f"В стилях фрагментов неизвестный цвет темы {name}.",
                      "Используйте переменные из assets/tokens.css (--cp-primary, --cp-cluster, …).")
             for name in sorted(missing)]
    return Styles(base, tuple(out)), diags


def inline(fragment: str, css: str) -> str:
    """The fragment with the stylesheet inlined into style attributes (css_inline)."""
    out = css_inline.inline_fragment(fragment, css, load_remote_stylesheets=False, keep_style_tags=False,
                                     keep_link_tags=False, keep_at_rules=False)
    return out if out.endswith("\n") else out + "\n"
