"""Contrast checks of the brand colours: every pair the theme draws, with the nearest passing
shade of the colour to change, and one Russian message per check (pure)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from clusterpages.values.colors import (
    DARK_TEXT,
    WHITE,
    Color,
    contrast_ratio,
    nearest_passing,
    nearest_where,
    shade,
    tint,
)
from clusterpages.values.tokens import (
    CLUSTER_DARK_SHADE,
    CLUSTER_TINT,
    PRIMARY_DARK_SHADE,
    TEXT_MIN,
    UI_MIN,
    Palette,
    cluster_tokens,
    theme_tokens,
)

__all__ = ["ContrastCheck", "check_cluster", "check_palette", "cluster_key", "ratio_text"]


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
    on_primary, on_secondary, on_accent = t["--cp-on-primary"], t["--cp-on-secondary"], t["--cp-on-accent"]
    near = nearest_passing
    # (the palette key to change, what is drawn, its colour, on what, the ratio it needs, a passing colour)
    pairs = [
        ("text", "основной текст (text) на фоне страницы (background)",
         p.text, bg, TEXT_MIN, lambda: near(p.text, bg, TEXT_MIN)),
        ("neutral_light", "основной текст (text) на светлых плашках (neutral_light)",
         p.text, surface, TEXT_MIN, lambda: near(surface, p.text, TEXT_MIN)),
        ("neutral_dark", "приглушённый текст (neutral_dark) на фоне страницы (background)",
         p.neutral_dark, bg, TEXT_MIN, lambda: near(p.neutral_dark, bg, TEXT_MIN)),
        ("neutral_light", "приглушённый текст (neutral_dark) на светлых плашках (neutral_light)",
         p.neutral_dark, surface, TEXT_MIN, lambda: near(surface, p.neutral_dark, TEXT_MIN)),
        ("primary", "ссылки (primary) на фоне страницы (background)",
         p.primary, bg, TEXT_MIN, lambda: near(p.primary, bg, TEXT_MIN)),
        ("primary", f"{_text_name(on_primary)} на фоне шапки и кнопок (primary)",
         on_primary, p.primary, TEXT_MIN, lambda: near(p.primary, on_primary, TEXT_MIN)),
        ("primary", f"{_text_name(on_primary)} на затемнённом основном цвете (primary): кнопки при наведении, подвал",
         on_primary, t["--cp-primary-dark"], TEXT_MIN,
         lambda: _suggest_with_derived(p.primary, on_primary, lambda c: shade(c, PRIMARY_DARK_SHADE), TEXT_MIN)),
        ("secondary", f"{_text_name(on_secondary)} на дополнительном цвете (secondary)",
         on_secondary, p.secondary, TEXT_MIN, lambda: near(p.secondary, on_secondary, TEXT_MIN)),
        ("accent", f"{_text_name(on_accent)} на акцентном цвете (accent)",
         on_accent, p.accent, TEXT_MIN, lambda: near(p.accent, on_accent, TEXT_MIN)),
        ("accent", "акцентный цвет (accent) на фоне страницы: крупный текст и значки",
         p.accent, bg, UI_MIN, lambda: near(p.accent, bg, UI_MIN)),
        ("neutral_dark", "рамки полей и таблиц (из neutral_dark) на фоне страницы",
         t["--cp-border"], bg, UI_MIN, lambda: near(p.neutral_dark, bg, UI_MIN)),
        ("primary", "рамка фокуса клавиатуры (из primary) на фоне страницы",
         t["--cp-focus"], bg, UI_MIN, lambda: near(p.primary, bg, UI_MIN)),
    ]
    return [_check(_palette_key(key), what, fg, back, need, passing) for key, what, fg, back, need, passing in pairs]


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
