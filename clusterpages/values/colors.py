"""Colours of the brand book: the colour value, WCAG contrast and nearest passing shades.

Pure functions only. Colours are opaque sRGB triples; the brand book writes them
as ``"#rrggbb"`` (or ``"#rgb"``). Anything else is rejected with a
:class:`ColorError` whose ``message`` says what is wrong and whose ``hint`` says
what to write instead (both in Russian, they are shown to the site's editors).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = [
    "BLACK",
    "EXAMPLE",
    "GENERIC_HINT",
    "DARK_TEXT",
    "WHITE",
    "Color",
    "ColorError",
    "contrast_ratio",
    "mix",
    "nearest_passing",
    "nearest_passing_all",
    "nearest_where",
    "readable_text_on",
    "relative_luminance",
    "round_half_up",
    "shade",
    "tint",
]

EXAMPLE = "#0b4f8a"
GENERIC_HINT = f'Запишите цвет в виде "{EXAMPLE}"'


class ColorError(ValueError):
    """A value that is not a colour of the brand book.

    ``message`` says what is wrong, ``hint`` what to write instead (Russian).
    ``suggestion`` is the colour the hint proposes, when one can be derived.
    """

    def __init__(self, message: str, hint: str, suggestion: Color | None = None) -> None:
        super().__init__(f"{message} {hint}")
        self.message = message
        self.hint = hint
        self.suggestion = suggestion


@dataclass(frozen=True, order=True)
class Color:
    """An opaque sRGB colour with 8-bit channels."""

    r: int
    g: int
    b: int

    def __post_init__(self) -> None:
        for name in ("r", "g", "b"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 255:
                raise ColorError(
                    f"Составляющая цвета {name}={value!r} должна быть целым числом от 0 до 255.",
                    GENERIC_HINT,
                )

    @property
    def hex(self) -> str:
        """``"#rrggbb"``, lowercase."""
        return f"#{self.r:02x}{self.g:02x}{self.b:02x}"

    def __str__(self) -> str:
        return self.hex


WHITE = Color(255, 255, 255)
BLACK = Color(0, 0, 0)
DARK_TEXT = Color(0x1A, 0x1A, 0x1A)

def round_half_up(x: float) -> int:
    """Round half up (Python's ``round`` rounds half to even)."""
    return int(math.floor(x + 0.5))



# --- WCAG 2.x contrast -------------------------------------------------------------


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(c: Color) -> float:
    """Relative luminance as defined by WCAG 2.x (sRGB, threshold 0.04045)."""
    return 0.2126 * _linear(c.r) + 0.7152 * _linear(c.g) + 0.0722 * _linear(c.b)


def contrast_ratio(a: Color, b: Color) -> float:
    """WCAG contrast ratio, 1.0 … 21.0; symmetric in its arguments."""
    la, lb = relative_luminance(a), relative_luminance(b)
    lighter, darker = (la, lb) if la >= lb else (lb, la)
    return (lighter + 0.05) / (darker + 0.05)


# --- Mixing ------------------------------------------------------------------------


def mix(a: Color, b: Color, t: float) -> Color:
    """``a`` moved towards ``b`` by ``t`` (0 → a, 1 → b), in sRGB, rounded half up."""
    if not 0 <= t <= 1:
        raise ValueError(f"mix: t must be within 0..1, got {t!r}")
    return Color(
        round_half_up(a.r + (b.r - a.r) * t),
        round_half_up(a.g + (b.g - a.g) * t),
        round_half_up(a.b + (b.b - a.b) * t),
    )


def tint(c: Color, t: float) -> Color:
    """``c`` mixed with white by ``t``."""
    return mix(c, WHITE, t)


def shade(c: Color, t: float) -> Color:
    """``c`` mixed with black by ``t``."""
    return mix(c, BLACK, t)


def _distance2(a: Color, b: Color) -> int:
    return (a.r - b.r) ** 2 + (a.g - b.g) ** 2 + (a.b - b.b) ** 2


def nearest_where(
    fg: Color, accept: Callable[[Color], bool], *, steps: int = 200
) -> Color | None:
    """The colour closest to ``fg`` among its shades and tints that ``accept`` takes.

    ``fg`` itself is returned when accepted. Otherwise each direction (shades
    towards black, tints towards white) is walked in ``steps`` equal steps of the
    mix parameter, smallest change first, and its first accepted colour kept; of
    the (at most two) found, the one nearer to ``fg`` in sRGB wins (a shade on a
    tie). The last step of each direction is black or white. None when nothing
    is accepted.
    """
    if steps < 1:
        raise ValueError(f"steps must be at least 1, got {steps!r}")
    if accept(fg):
        return fg
    found: list[tuple[int, int, int, Color]] = []
    for order, target in enumerate((BLACK, WHITE)):
        previous = fg
        for i in range(1, steps + 1):
            candidate = mix(fg, target, i / steps)
            if candidate == previous:
                continue
            previous = candidate
            if accept(candidate):
                found.append((_distance2(fg, candidate), i, order, candidate))
                break
    if not found:
        return None
    return min(found)[3]


def nearest_passing_all(
    fg: Color, backgrounds: Iterable[Color], minimum: float, *, steps: int = 200
) -> Color:
    """The shade or tint of ``fg`` closest to it that reaches ``minimum`` on every background.

    See :func:`nearest_where` for the search. When not even black or white
    reaches ``minimum`` on all backgrounds, whichever of the two has the better
    worst-case contrast is returned (it does not pass; callers check).
    """
    bgs = tuple(backgrounds)

    def passes(c: Color) -> bool:
        return all(contrast_ratio(c, bg) >= minimum for bg in bgs)

    found = nearest_where(fg, passes, steps=steps)
    if found is not None:
        return found

    def worst(c: Color) -> float:
        return min((contrast_ratio(c, bg) for bg in bgs), default=21.0)

    return BLACK if worst(BLACK) >= worst(WHITE) else WHITE


def nearest_passing(fg: Color, bg: Color, minimum: float, *, steps: int = 200) -> Color:
    """The shade or tint of ``fg`` closest to it whose contrast with ``bg`` is >= ``minimum``.

    ``fg`` itself when it already passes. Steps of ``1/steps`` along shades and
    tints, smallest change first; if one direction never passes the other is
    used; black or white is the last resort (and is returned, not passing, when
    neither reaches ``minimum``).
    """
    return nearest_passing_all(fg, (bg,), minimum, steps=steps)


def readable_text_on(bg: Color, light: Color = WHITE, dark: Color = DARK_TEXT) -> Color:
    """``light`` or ``dark``, whichever contrasts more with ``bg`` (``light`` on a tie)."""
    return light if contrast_ratio(light, bg) >= contrast_ratio(dark, bg) else dark
