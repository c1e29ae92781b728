"""Brand book → CSS custom properties (pure).

The theme's CSS uses exactly the token names produced here (``--cp-…``);
:func:`stylesheet` writes them into ``:root`` and one ``.cluster-<slug>`` rule per
cluster. `contrast.py` checks every colour pair these tokens make.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from clusterpages.values.colorparse import parse_color
from clusterpages.values.colors import (
    DARK_TEXT,
    WHITE,
    Color,
    contrast_ratio,
    mix,
    nearest_passing,
    nearest_passing_all,
    readable_text_on,
    shade,
    tint,
)

__all__ = [
    "CLUSTER_TOKENS",
    "DEFAULT_PALETTE",
    "THEME_TOKENS",
    "Palette",
    "cluster_tokens",
    "stylesheet",
    "theme_tokens",
]

TEXT_MIN = 4.5  # WCAG 1.4.3, normal text
UI_MIN = 3.0  # WCAG 1.4.11 non-text contrast, and large text

PRIMARY_DARK_SHADE = 0.35
PRIMARY_TINT = 0.88
CLUSTER_TINT = 0.9
CLUSTER_DARK_SHADE = 0.3

# Fixed status hues, adjusted per palette to reach TEXT_MIN on background and surface.
_STATUS_BASE = (
    ("--cp-done", "#2e7d32"),  # green
    ("--cp-progress", "#1565c0"),  # blue
    ("--cp-overdue", "#c62828"),  # red
    ("--cp-upcoming", "#6b7280"),  # grey
)

THEME_TOKENS = (
    "--cp-primary",
    "--cp-primary-dark",
    "--cp-primary-tint",
    "--cp-on-primary",
    "--cp-secondary",
    "--cp-on-secondary",
    "--cp-accent",
    "--cp-on-accent",
    "--cp-bg",
    "--cp-text",
    "--cp-muted",
    "--cp-surface",
    "--cp-link",
    "--cp-border",
    "--cp-focus",
    "--cp-done",
    "--cp-progress",
    "--cp-overdue",
    "--cp-upcoming",
)
CLUSTER_TOKENS = ("--cp-cluster", "--cp-on-cluster", "--cp-cluster-tint", "--cp-cluster-dark")
FONT_TOKENS = ("--cp-font-body", "--cp-font-heading")

_SLUG_RE = re.compile(r"^[a-z0-9-]+$")
_BARE_FAMILY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_GENERIC_FAMILIES = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-sans-serif",
     "ui-serif", "ui-monospace"}
)
_SANS_FALLBACK = ("Arial", "sans-serif")
_SERIF_FALLBACK = ("Georgia", "Times New Roman", "serif")
_MONO_FALLBACK = ("Courier New", "monospace")


@dataclass(frozen=True)
class Palette:
    """The colours of ``brandbook.palette``."""

    primary: Color
    secondary: Color
    accent: Color
    neutral_dark: Color
    neutral_light: Color
    background: Color
    text: Color

    def __post_init__(self) -> None:
        for f in fields(self):
            if not isinstance(getattr(self, f.name), Color):
                raise TypeError(f"Palette.{f.name} must be a Color, got {getattr(self, f.name)!r}")


DEFAULT_PALETTE = Palette(
    primary=parse_color("#0b4f8a"),
    secondary=parse_color("#1d6f5f"),
    accent=parse_color("#b4490f"),
    neutral_dark=parse_color("#334155"),
    neutral_light=parse_color("#eef2f6"),
    background=parse_color("#ffffff"),
    text=parse_color("#1a1a1a"),
)


# --- Tokens ------------------------------------------------------------------------


def _on(bg: Color, p: Palette) -> Color:
    """Text colour for a coloured surface: white, or the brand's text colour when it
    is dark (near-black otherwise)."""
    dark = p.text if contrast_ratio(p.text, WHITE) >= TEXT_MIN else DARK_TEXT
    return readable_text_on(bg, light=WHITE, dark=dark)


def _border(p: Palette) -> Color:
    """The lightest mix of background towards neutral_dark that reaches 3:1 on background."""
    steps = 200
    for i in range(steps + 1):
        candidate = mix(p.background, p.neutral_dark, i / steps)
        if contrast_ratio(candidate, p.background) >= UI_MIN:
            return candidate
    return p.neutral_dark  # fails; reported by check_palette


def theme_tokens(p: Palette) -> dict[str, Color]:
    """The site-wide colour tokens, in the order of :data:`THEME_TOKENS`."""
    link = p.primary
    if contrast_ratio(link, p.background) < TEXT_MIN:
        link = nearest_passing(p.primary, p.background, TEXT_MIN)
    tokens = {
        "--cp-primary": p.primary,
        "--cp-primary-dark": shade(p.primary, PRIMARY_DARK_SHADE),
        "--cp-primary-tint": tint(p.primary, PRIMARY_TINT),
        "--cp-on-primary": _on(p.primary, p),
        "--cp-secondary": p.secondary,
        "--cp-on-secondary": _on(p.secondary, p),
        "--cp-accent": p.accent,
        "--cp-on-accent": _on(p.accent, p),
        "--cp-bg": p.background,
        "--cp-text": p.text,
        "--cp-muted": p.neutral_dark,
        "--cp-surface": p.neutral_light,
        "--cp-link": link,
        "--cp-border": _border(p),
        "--cp-focus": nearest_passing_all(p.primary, (p.background, p.neutral_light), UI_MIN),
    }
    for name, base in _STATUS_BASE:
        tokens[name] = nearest_passing_all(
            parse_color(base), (p.background, p.neutral_light), TEXT_MIN
        )
    return tokens


def cluster_tokens(accent: Color, p: Palette) -> dict[str, Color]:
    """The tokens of one cluster, in the order of :data:`CLUSTER_TOKENS`."""
    return {
        "--cp-cluster": accent,
        "--cp-on-cluster": _on(accent, p),
        "--cp-cluster-tint": tint(accent, CLUSTER_TINT),
        "--cp-cluster-dark": shade(accent, CLUSTER_DARK_SHADE),
    }


# --- Stylesheet --------------------------------------------------------------------


def _css_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ch in "\x7f<>&":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _font_stack(name: str) -> str:
    family = name.strip().strip("\"'").strip()
    low = family.lower()
    if low in _GENERIC_FAMILIES:
        return low
    if "mono" in low:
        fallback = _MONO_FALLBACK
    elif "serif" in low and "sans" not in low:
        fallback = _SERIF_FALLBACK
    else:
        fallback = _SANS_FALLBACK
    stack = [family] if family else []
    stack += [f for f in fallback if f.lower() not in {s.lower() for s in stack}]
    return ", ".join(_family(f) for f in stack)


def _family(name: str) -> str:
    """A generic family or a single-word name bare, anything else as a CSS string."""
    if name.lower() in _GENERIC_FAMILIES or _BARE_FAMILY_RE.match(name):
        return name
    return _css_string(name)


def _check_slug(slug: str) -> None:
    if not isinstance(slug, str) or not _SLUG_RE.match(slug):
        raise ValueError(
            f"Недопустимое имя кластера {slug!r}: можно использовать только строчные "
            "латинские буквы, цифры и дефис."
        )


def _rule(selector: str, declarations: list[tuple[str, str]]) -> str:
    body = "".join(f"  {name}: {value};\n" for name, value in declarations)
    return f"{selector} {{\n{body}}}\n"


def stylesheet(p: Palette, clusters: Mapping[str, Color], fonts: tuple[str, str]) -> str:
    """The generated CSS: ``:root`` with the site tokens and fonts, then one
    ``.cluster-<slug>`` rule per cluster (sorted by slug). Deterministic."""
    body_font, heading_font = fonts
    for slug in clusters:
        _check_slug(slug)
    root = [(name, color.hex) for name, color in theme_tokens(p).items()]
    root += [
        ("--cp-font-body", _font_stack(body_font)),
        ("--cp-font-heading", _font_stack(heading_font)),
    ]
    parts = [
        "/* Generated by clusterpages from the brand book; do not edit. */\n",
        _rule(":root", root),
    ]
    for slug in sorted(clusters):
        declarations = [(n, c.hex) for n, c in cluster_tokens(clusters[slug], p).items()]
        parts.append(_rule(f".cluster-{slug}", declarations))
    return "\n".join(parts)
