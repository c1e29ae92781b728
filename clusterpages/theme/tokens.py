"""Brand book → CSS custom properties, and the contrast checks of the theme.

Pure functions only. The theme's CSS uses exactly the token names produced here
(``--cp-…``); :func:`stylesheet` writes them into ``:root`` and one
``.cluster-<slug>`` rule per cluster. :func:`check_palette` and
:func:`check_cluster` check every colour pair the theme actually draws and, for
a failing pair, suggest the nearest passing shade of the brand colour involved.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields

from clusterpages.theme.colors import (
    DARK_TEXT,
    WHITE,
    Color,
    contrast_ratio,
    mix,
    nearest_passing,
    nearest_passing_all,
    nearest_where,
    parse_color,
    readable_text_on,
    shade,
    tint,
)

__all__ = [
    "CLUSTER_TOKENS",
    "DEFAULT_PALETTE",
    "THEME_TOKENS",
    "ContrastCheck",
    "Palette",
    "check_cluster",
    "check_palette",
    "cluster_key",
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


@dataclass(frozen=True)
class ContrastCheck:
    """One colour pair the theme draws, and how it fares.

    ``key`` names the setting to change, ``role`` (Russian) what the pair is used
    for. ``suggestion`` is the nearest passing shade of the brand colour behind
    ``key``, None when the pair passes.
    """

    key: str
    role: str
    fg: Color
    bg: Color
    ratio: float
    minimum: float
    suggestion: Color | None

    @property
    def passed(self) -> bool:
        return self.ratio >= self.minimum

    @property
    def message(self) -> str:
        """The Russian report of the check, as diagnostics show it."""
        text = (f"{self.key}: {self.role} — контраст {self.fg.hex} на {self.bg.hex} равен "
                f"{ratio_text(self.ratio, self.minimum)}:1")
        minimum = f"{self.minimum:g}".replace(".", ",")
        if self.passed:
            return f"{text} (нужно не меньше {minimum}:1, WCAG 2.2)."
        return f"{text}, а нужно не меньше {minimum}:1 (WCAG 2.2)."

    @property
    def hint(self) -> str:
        if self.suggestion is not None:
            return f"Ближайший подходящий оттенок: {self.suggestion.hex}."
        return "Выберите более контрастный цвет."


def ratio_text(ratio: float, minimum: float) -> str:
    """A contrast ratio in Russian notation, never printed as reaching a minimum it misses.

    Two decimals as usual («4,52»); a failing ratio that would round up to the minimum gets
    as many decimals as it takes to show it is below («4,499» for 4.4991 against 4.5).
    """
    for digits in range(2, 7):
        text = f"{ratio:.{digits}f}"
        if ratio >= minimum or float(text) < minimum:
            return text.replace(".", ",")
    return f"{math.floor(ratio * 10 ** 6) / 10 ** 6:.6f}".replace(".", ",")


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


# --- Contrast checks ---------------------------------------------------------------


def _palette_key(name: str) -> str:
    return f"brandbook.palette.{name}"


def cluster_key(slug: str) -> str:
    """The config key reported for a cluster's accent colour."""
    return f"clusters/{slug}/cluster.yaml: accent"


def _text_name(c: Color) -> str:
    if c == WHITE:
        return "белый текст"
    return "тёмный текст" if contrast_ratio(c, WHITE) >= contrast_ratio(c, DARK_TEXT) else (
        "светлый текст"
    )


def _check(
    key: str,
    role: str,
    fg: Color,
    bg: Color,
    minimum: float,
    suggest: Callable[[], Color],
) -> ContrastCheck:
    ratio = contrast_ratio(fg, bg)
    suggestion = None if ratio >= minimum else suggest()
    return ContrastCheck(key, role, fg, bg, ratio, minimum, suggestion)


def _suggest_with_derived(
    brand: Color, other: Color, derive: Callable[[Color], Color], minimum: float
) -> Color:
    """Nearest shade of ``brand`` such that both it and ``derive(it)`` reach ``minimum``
    against ``other`` (so fixing the derived pair does not break the base pair)."""

    def accept(c: Color) -> bool:
        return (
            contrast_ratio(c, other) >= minimum
            and contrast_ratio(derive(c), other) >= minimum
        )

    found = nearest_where(brand, accept)
    if found is None:
        found = nearest_where(brand, lambda c: contrast_ratio(derive(c), other) >= minimum)
    return found if found is not None else nearest_passing(brand, other, minimum)


def check_palette(p: Palette) -> list[ContrastCheck]:
    """Every pair of site-wide colours the theme draws, in a fixed order."""
    t = theme_tokens(p)
    bg, surface = p.background, p.neutral_light
    on_primary = t["--cp-on-primary"]
    on_secondary = t["--cp-on-secondary"]
    on_accent = t["--cp-on-accent"]
    primary_dark = t["--cp-primary-dark"]
    return [
        _check(
            _palette_key("text"),
            "основной текст (text) на фоне страницы (background)",
            p.text, bg, TEXT_MIN,
            lambda: nearest_passing(p.text, bg, TEXT_MIN),
        ),
        _check(
            _palette_key("neutral_light"),
            "основной текст (text) на светлых плашках (neutral_light)",
            p.text, surface, TEXT_MIN,
            lambda: nearest_passing(surface, p.text, TEXT_MIN),
        ),
        _check(
            _palette_key("neutral_dark"),
            "приглушённый текст (neutral_dark) на фоне страницы (background)",
            p.neutral_dark, bg, TEXT_MIN,
            lambda: nearest_passing(p.neutral_dark, bg, TEXT_MIN),
        ),
        _check(
            _palette_key("neutral_light"),
            "приглушённый текст (neutral_dark) на светлых плашках (neutral_light)",
            p.neutral_dark, surface, TEXT_MIN,
            lambda: nearest_passing(surface, p.neutral_dark, TEXT_MIN),
        ),
        _check(
            _palette_key("primary"),
            "ссылки (primary) на фоне страницы (background)",
            p.primary, bg, TEXT_MIN,
            lambda: nearest_passing(p.primary, bg, TEXT_MIN),
        ),
        _check(
            _palette_key("primary"),
            f"{_text_name(on_primary)} на фоне шапки и кнопок (primary)",
            on_primary, p.primary, TEXT_MIN,
            lambda: nearest_passing(p.primary, on_primary, TEXT_MIN),
        ),
        _check(
            _palette_key("primary"),
            f"{_text_name(on_primary)} на затемнённом основном цвете (primary): кнопки "
            "при наведении, подвал",
            on_primary, primary_dark, TEXT_MIN,
            lambda: _suggest_with_derived(
                p.primary, on_primary, lambda c: shade(c, PRIMARY_DARK_SHADE), TEXT_MIN
            ),
        ),
        _check(
            _palette_key("secondary"),
            f"{_text_name(on_secondary)} на дополнительном цвете (secondary)",
            on_secondary, p.secondary, TEXT_MIN,
            lambda: nearest_passing(p.secondary, on_secondary, TEXT_MIN),
        ),
        _check(
            _palette_key("accent"),
            f"{_text_name(on_accent)} на акцентном цвете (accent)",
            on_accent, p.accent, TEXT_MIN,
            lambda: nearest_passing(p.accent, on_accent, TEXT_MIN),
        ),
        _check(
            _palette_key("accent"),
            "акцентный цвет (accent) на фоне страницы: крупный текст и значки",
            p.accent, bg, UI_MIN,
            lambda: nearest_passing(p.accent, bg, UI_MIN),
        ),
        _check(
            _palette_key("neutral_dark"),
            "рамки полей и таблиц (из neutral_dark) на фоне страницы",
            t["--cp-border"], bg, UI_MIN,
            lambda: nearest_passing(p.neutral_dark, bg, UI_MIN),
        ),
        _check(
            _palette_key("primary"),
            "рамка фокуса клавиатуры (из primary) на фоне страницы",
            t["--cp-focus"], bg, UI_MIN,
            lambda: nearest_passing(p.primary, bg, UI_MIN),
        ),
    ]


def check_cluster(
    slug: str, accent: Color, p: Palette, *, key: str | None = None
) -> list[ContrastCheck]:
    """The pairs drawn with a cluster's colour. ``key`` overrides the reported key
    (e.g. when the cluster's accent is a palette colour)."""
    key = key if key is not None else cluster_key(slug)
    t = cluster_tokens(accent, p)
    on = t["--cp-on-cluster"]
    return [
        _check(
            key,
            f"{_text_name(on)} на цвете кластера (accent)",
            on, accent, TEXT_MIN,
            lambda: nearest_passing(accent, on, TEXT_MIN),
        ),
        _check(
            key,
            "цвет кластера (accent) на фоне страницы: цветные полосы и линейки заголовков",
            accent, p.background, UI_MIN,
            lambda: nearest_passing(accent, p.background, UI_MIN),
        ),
        _check(
            key,
            "заголовки (затемнённый цвет кластера) на светлых плашках кластера",
            t["--cp-cluster-dark"], t["--cp-cluster-tint"], TEXT_MIN,
            lambda: _cluster_panel_suggestion(accent),
        ),
    ]


def _cluster_panel_suggestion(accent: Color) -> Color:
    def accept(c: Color) -> bool:
        return contrast_ratio(shade(c, CLUSTER_DARK_SHADE), tint(c, CLUSTER_TINT)) >= TEXT_MIN

    found = nearest_where(accent, accept)
    return found if found is not None else shade(accent, 1.0)
