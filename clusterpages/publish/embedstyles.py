"""The stylesheet of the CMS pieces (pure): the theme's embed.css with the brand colours written as
literal values, once for every piece and once per cluster, and a piece with it inlined into
style attributes (for editors that strip `<style>`). Used by embed.py.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

import css_inline

from clusterpages.publish.embedshape import CARD_WIDTHS, flattened
from clusterpages.values import diagnostics as dg

_VAR = re.compile(r"var\(\s*(--cp-[a-z0-9-]+)\s*(?:,[^()]*)?\)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_BLOCK = re.compile(r"([^{}]+)\{([^{}]*)\}")
_DECL = re.compile(r"(--cp-[a-z0-9-]+)\s*:\s*([^;]+);")


# A selector's weight raised above a college theme's class and id rules by an id no page has:
# no `!important`, so the college site's version for the visually impaired (which forces its
# colours with `!important`) still wins.
OUTWEIGH = ":not(#cp-embed-x)"
_ROOT = re.compile(r"(^|,)(\s*\.cp-embed(?:--[a-z0-9-]+)?)(?![\w-])")

# The properties WordPress's kses keeps in a style attribute (safecss_filter_attr, WordPress
# 6.x): the inline piece says nothing else, so that what it says survives. Joomla's default
# filter keeps style attributes as they are.
CMS_SAFE_PROPERTIES = frozenset({
    "background-color", "background-image", "border", "border-bottom", "border-left", "border-right", "border-top",
    "border-collapse", "border-spacing", "caption-side", "color", "font-family", "font-size", "font-style",
    "font-weight", "letter-spacing", "line-height", "text-align", "text-decoration", "text-indent", "text-transform",
    "height", "width", "max-width", "min-width", "margin", "margin-top", "margin-bottom", "margin-left",
    "margin-right", "padding", "padding-top", "padding-bottom", "padding-left", "padding-right", "float",
    "list-style-type", "overflow", "vertical-align",
})
_STYLE_ATTR = re.compile(r'style="([^"]*)"')


@dataclass(frozen=True)
class Styles:
    base: str                                   # rules for every fragment
    clusters: tuple[tuple[str, str], ...]       # (slug, rules with that cluster's colours)
    cards: str = ""                             # @container rules: wide tables as cards
    sheet_only: str = ""                        # the reset that only a stylesheet needs

    @property
    def sheet(self) -> str:
        head = ("/* Стили фрагментов clusterpages для вставки на сайт колледжа. Цвета — из брендбука.\n"
                "   Подключите этот файл в шаблоне сайта или вставьте его текст в поле «Свои стили» (CSS). */\n")
        return head + outweighed(self.sheet_only + self.base + self.cards + "".join(css for _, css in self.clusters))

    def for_cluster(self, slug: str) -> str:
        """The rules inlined into the cluster's pieces (no @container: inline styles cannot query)."""
        return self.base + dict(self.clusters).get(slug, "")


def outweighed(css: str) -> str:
    """Every selector's root class (.cp-embed, .cp-embed--<slug>) given OUTWEIGH's weight."""
    def rule(m: re.Match) -> str:
        return _ROOT.sub(lambda r: r.group(1) + r.group(2) + OUTWEIGH, m.group(1)) + "{" + m.group(2) + "}"
    return re.sub(r"([^{}@]+)\{([^{}]*)\}", rule, css)


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


def _cut(source: str, name: str) -> tuple[str, str]:
    """(source without the block `/* @name` … `/* @end-name */`, the block without comments)."""
    start, end_mark = source.find(f"/* @{name}"), f"/* @end-{name} */"
    end = source.find(end_mark)
    if 0 <= start < end:
        return source[:start] + source[end + len(end_mark):], _COMMENT.sub("", source[start:end])
    return source, ""


def _cards(block: str) -> str:
    """The card rules once per width class of embedshape.CARD_WIDTHS, each in its @container rule."""
    out = []
    for _, width in CARD_WIDTHS:
        rules = block.replace("cp-embed__table--cards", f"cp-embed__table--cards-{width}")
        out.append(f"@container cp-embed (max-width: {width - 0.02}px) {{\n{_tidy(rules)}}}\n")
    return "".join(out)


def styles(source: str, tokens_css: str, slugs: tuple[str, ...]) -> tuple[Styles, list[dg.Diagnostic]]:
    """embed.css of the theme → the stylesheet with literal brand colours.

    The block between `/* @cluster` and `/* @end-cluster */` is repeated per cluster with
    `.cp-embed` made `.cp-embed--<slug>` and the cluster's own colours; the block between
    `/* @cards` and `/* @end-cards */` once per width of embedshape.CARD_WIDTHS (_cards).
    """
    site, per_cluster = tokens_from(tokens_css)
    base_src, block_src = _cut(source, "cluster")
    base_src, cards_src = _cut(base_src, "cards")
    inline_src, sheet_src = _cut(base_src, "sheet-only")
    missing: set[str] = set()
    base = _tidy(_substitute(inline_src, site, missing))
    sheet_only = _tidy(_substitute(sheet_src, site, missing)) if sheet_src.strip() else ""
    cards = _cards(_substitute(cards_src, site, missing)) if cards_src.strip() else ""
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
    return Styles(base, tuple(out), cards, sheet_only), diags


def _safe(style: str) -> str:
    """A style attribute's declarations that a CMS filter keeps (CMS_SAFE_PROPERTIES), compacted."""
    kept = []
    for decl in style.split(";"):
        name, _, value = decl.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name in CMS_SAFE_PROPERTIES and value and "!" not in value:
            kept.append(f"{name}:{value}")
    return ";".join(kept)


def inline(fragment: str, css: str) -> str:
    """The fragment in its inline shape (embedshape.flattened) with the stylesheet inlined into
    style attributes (css_inline), keeping only what CMS filters keep."""
    return inline_flattened(flattened(fragment), css)


def inline_flattened(flat: str, css: str) -> str:
    """`inline` of a fragment given in its inline shape already (embedshape.shapes made it)."""
    out = css_inline.inline_fragment(flat, css, load_remote_stylesheets=False,
                                     keep_style_tags=False, keep_link_tags=False, keep_at_rules=False)
    parts = _STYLE_ATTR.split(out)  # text, a style attribute's value, text, …
    parts[1::2] = map(_kept_attribute, parts[1::2])
    out = "".join(parts)
    return out if out.endswith("\n") else out + "\n"


@functools.lru_cache(maxsize=1024)
def _kept_attribute(raw: str) -> str:
    """A style attribute as css_inline wrote it → as the CMS keeps it. A piece has a few dozen
    distinct styles over thousands of tags: each is worked out once per process."""
    kept = _safe(html.unescape(raw))
    return 'style="' + kept.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;") + '"' if kept else ""
