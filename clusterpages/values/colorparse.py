"""A colour as the brand book's editors write it → a Color, or a ColorError in Russian.

Accepts ``"#rrggbb"`` and ``"#rgb"``; recognises what people type instead (no quotes, a
number, «№» for «#», Cyrillic look-alike letters, CSS names and functions) and says what to
write, with the nearest colour when one can be derived (pure).
"""

from __future__ import annotations

import colorsys
import math
import re
from types import MappingProxyType

from clusterpages.values.colors import EXAMPLE, GENERIC_HINT, Color, ColorError, round_half_up

__all__ = ["parse_color"]

# The 16 basic colour keywords of CSS (CSS Color Module Level 4, section 6.1).
_BASIC_NAMES = MappingProxyType(
    {
        "black": "#000000",
        "silver": "#c0c0c0",
        "gray": "#808080",
        "grey": "#808080",
        "white": "#ffffff",
        "maroon": "#800000",
        "red": "#ff0000",
        "purple": "#800080",
        "fuchsia": "#ff00ff",
        "green": "#008000",
        "lime": "#00ff00",
        "olive": "#808000",
        "yellow": "#ffff00",
        "navy": "#000080",
        "teal": "#008080",
        "aqua": "#00ffff",
        "blue": "#0000ff",
    }
)

# Cyrillic letters that look like hex digits (typed on a Russian keyboard layout),
# and the Latin "o" that is easily typed for a zero.
_LOOKALIKES = MappingProxyType(
    {"а": "a", "в": "b", "с": "c", "е": "e", "о": "0", "o": "0", "з": "3"}
)

_HEX_DIGITS = frozenset("0123456789abcdef")
_FUNCTION_RE = re.compile(r"^([a-z-]+)\s*\((.*)\)$", re.DOTALL)
_NUMBER_RE = re.compile(
    r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(%|deg|grad|rad|turn)?$"
)
_LATIN_NAME_RE = re.compile(r"^[a-z]+(?:[ -][a-z]+)*$")
_RUSSIAN_NAME_RE = re.compile(r"^[а-яё]+(?:[ -][а-яё]+)*$")


def _hint_for(color: Color) -> str:
    return f'Запишите цвет в виде "{color.hex}"'


def _is_hex(text: str) -> bool:
    return bool(text) and all(ch in _HEX_DIGITS for ch in text)


def _from_hex_digits(digits: str) -> Color:
    """``digits`` are 3 or 6 validated lowercase hex digits."""
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return Color(int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _type_name(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "список"
    if isinstance(value, dict):
        return "набор вложенных ключей"
    return f"значение типа {type(value).__name__}"


def parse_color(value: object) -> Color:
    """Parse a brand-book colour: ``"#rgb"`` or ``"#rrggbb"``, any case.

    Surrounding spaces are ignored; a :class:`Color` is returned unchanged.
    Everything else raises :class:`ColorError` with a hint for the notation used.
    """
    if isinstance(value, Color):
        return value
    if value is None:
        raise ColorError(
            "Цвет не указан.",
            f'Запишите цвет в кавычках, например "{EXAMPLE}": без кавычек YAML считает '
            "всё после «#» комментарием, и значение теряется.",
        )
    if isinstance(value, bool):
        raise ColorError(
            f"Вместо цвета указано логическое значение ({'да' if value else 'нет'}).",
            GENERIC_HINT,
        )
    if isinstance(value, int):
        return _fail_number(value)
    if isinstance(value, float):
        raise ColorError(
            f"Цвет прочитан как число {value!r}: в записи нет знака «#».",
            f'Запишите цвет со знаком «#» и в кавычках, например "{EXAMPLE}" '
            "(без кавычек YAML считает «#» началом комментария).",
        )
    if not isinstance(value, str):
        raise ColorError(
            f'Ожидался цвет — строка вида "{EXAMPLE}", а указан {_type_name(value)}.',
            GENERIC_HINT,
        )
    return _parse_text(value)


def _fail_number(value: int) -> Color:
    digits = str(value)
    suggestion = None
    if value >= 0 and len(digits) in (3, 6):
        suggestion = _from_hex_digits(digits)
        example = f"#{digits}"
    else:
        example = EXAMPLE
    raise ColorError(
        f"Цвет прочитан как число {value}: в записи нет знака «#», а значение "
        "не взято в кавычки.",
        f'Запишите цвет со знаком «#» и в кавычках: "{example}" (без кавычек YAML '
        "считает «#» началом комментария).",
        suggestion,
    )


def _parse_text(raw: str) -> Color:
    text = raw.strip()
    if not text:
        raise ColorError("Цвет не указан (пустая строка).", GENERIC_HINT)
    low = text.lower()
    shown = f"«{text}»"

    if low.startswith("#"):
        return _parse_hex(low[1:], shown)
    if low.startswith("№"):
        digits = low[1:].strip()
        if _is_hex(digits) and len(digits) in (3, 6):
            color = _from_hex_digits(digits)
            raise ColorError(
                f"В записи {shown} вместо знака «#» стоит «№» (так набирается в русской "
                "раскладке).",
                _hint_for(color),
                color,
            )
        raise ColorError(f"В записи {shown} вместо знака «#» стоит «№».", GENERIC_HINT)

    if _is_hex(low):
        if len(low) in (3, 6):
            color = _from_hex_digits(low)
            raise ColorError(
                f"В записи цвета {shown} не хватает знака «#» в начале.",
                _hint_for(color),
                color,
            )
        if len(low) in (4, 8):
            color = _from_hex_digits(low[: len(low) * 3 // 4])
            raise ColorError(
                f"В записи цвета {shown} не хватает знака «#» в начале, а последние цифры "
                "задают прозрачность — в цветах брендбука она не допускается.",
                f'Запишите непрозрачный цвет: "{color.hex}"',
                color,
            )

    match = _FUNCTION_RE.match(low)
    if match:
        return _parse_function(match.group(1), match.group(2), shown)

    if low == "transparent":
        raise ColorError(
            "Прозрачный цвет («transparent») в брендбуке не допускается.", GENERIC_HINT
        )
    if low in _BASIC_NAMES:
        color = parse_color(_BASIC_NAMES[low])
        raise ColorError(
            f"Названия цветов ({shown}) не принимаются.",
            f'{_hint_for(color)} (так в CSS определён цвет {low}), а лучше укажите '
            "точный код из брендбука.",
            color,
        )
    if _LATIN_NAME_RE.match(low) or _RUSSIAN_NAME_RE.match(low):
        raise ColorError(
            f"Названия цветов ({shown}) не принимаются.",
            f'Укажите шестнадцатеричный код цвета из брендбука, например "{EXAMPLE}".',
        )
    raise ColorError(f"Не удалось распознать цвет {shown}.", GENERIC_HINT)


def _parse_hex(digits: str, shown: str) -> Color:
    """``digits``: what follows the "#", lowercased."""
    if _is_hex(digits):
        if len(digits) in (3, 6):
            return _from_hex_digits(digits)
        if len(digits) == 8:
            color = _from_hex_digits(digits[:6])
            raise ColorError(
                f"В записи {shown} последние две цифры задают прозрачность — в цветах "
                "брендбука она не допускается.",
                f'Запишите непрозрачный цвет: "{color.hex}"',
                color,
            )
        if len(digits) == 4:
            color = _from_hex_digits(digits[:3])
            raise ColorError(
                f"В записи {shown} 4 цифры: так записывают цвет с прозрачностью (#rgba), "
                "а в цветах брендбука она не допускается.",
                f'Запишите непрозрачный цвет: "{color.hex}" — или проверьте, не потерялись '
                "ли цифры (нужно 6).",
                color,
            )
        raise ColorError(
            f"В записи {shown} {len(digits)} {_plural_digits(len(digits))} после «#», "
            "а нужно 6 (или 3).",
            f'Запишите цвет шестью шестнадцатеричными цифрами, например "{EXAMPLE}".',
        )
    if not digits:
        raise ColorError(f"В записи {shown} после «#» нет цифр.", GENERIC_HINT)

    repaired = "".join(_LOOKALIKES.get(ch, ch) for ch in digits if not ch.isspace())
    repaired = repaired.lstrip("#")
    bad = sorted({ch for ch in digits if ch not in _HEX_DIGITS}, key=digits.index)
    listed = ", ".join("пробел" if ch.isspace() else f"«{ch}»" for ch in bad)
    message = (
        f"В записи {shown} есть недопустимые символы: {listed}. Код цвета состоит из "
        "цифр 0–9 и латинских букв a–f."
    )
    if _is_hex(repaired) and len(repaired) in (3, 6):
        color = _from_hex_digits(repaired)
        raise ColorError(
            message, f'Вероятно, имелось в виду "{color.hex}" — запишите цвет так.', color
        )
    raise ColorError(message, GENERIC_HINT)


def _plural_digits(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "цифра"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "цифры"
    return "цифр"


def _number(token: str) -> tuple[float, str] | None:
    match = _NUMBER_RE.match(token)
    if not match:
        return None
    value = float(match.group(1))
    if not math.isfinite(value):
        return None
    return value, match.group(2) or ""


def _split_arguments(body: str) -> tuple[list[str], str | None] | None:
    alpha: str | None = None
    if "/" in body:
        body, alpha = body.split("/", 1)
        alpha = alpha.strip()
        if not alpha or "/" in alpha:
            return None
    parts = [part for part in re.split(r"[\s,]+", body.strip()) if part]
    if alpha is None and len(parts) == 4:
        alpha = parts.pop()
    if len(parts) != 3:
        return None
    return parts, alpha


def _alpha(token: str | None) -> float | None:
    """The alpha value in 0..1, 1.0 when absent, None when unreadable."""
    if token is None:
        return 1.0
    parsed = _number(token)
    if parsed is None or parsed[1] not in ("", "%"):
        return None
    value, unit = parsed
    return value / 100 if unit == "%" else value


def _rgb(values: list, shown: str, unreadable: ColorError) -> Color:
    channels = []
    for value, unit in values:
        if unit not in ("", "%"):
            raise unreadable
        channel = value * 255 / 100 if unit == "%" else value
        if not 0 <= channel <= 255:
            raise ColorError(
                f"В записи {shown} составляющие должны быть от 0 до 255 (или от 0% "
                "до 100%).",
                f'Укажите код цвета из брендбука, например "{EXAMPLE}".',
            )
        channels.append(round_half_up(channel))
    return Color(*channels)


def _hsl(values: list, shown: str, unreadable: ColorError) -> Color:
    (hue, hue_unit), (sat, sat_unit), (light, light_unit) = values
    factor = {"": 1.0, "deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}
    if hue_unit not in factor or sat_unit not in ("", "%") or light_unit not in ("", "%"):
        raise unreadable
    if not (0 <= sat <= 100 and 0 <= light <= 100):
        raise ColorError(
            f"В записи {shown} насыщенность и светлота должны быть от 0% до 100%.",
            f'Укажите код цвета из брендбука, например "{EXAMPLE}".',
        )
    h = (hue * factor[hue_unit] / 360) % 1.0
    r, g, b = colorsys.hls_to_rgb(h, light / 100, sat / 100)
    return Color(round_half_up(r * 255), round_half_up(g * 255), round_half_up(b * 255))


def _parse_function(name: str, body: str, shown: str) -> Color:
    if name not in ("rgb", "rgba", "hsl", "hsla"):
        raise ColorError(
            f"Запись {name}(…) не поддерживается: в брендбуке цвета задаются "
            "шестнадцатеричным кодом.",
            f'Укажите код цвета из брендбука, например "{EXAMPLE}".',
        )
    notation = "rgb" if name.startswith("rgb") else "hsl"
    unreadable = ColorError(
        f"Не удалось разобрать запись {shown}; к тому же в брендбуке цвета задаются "
        "шестнадцатеричным кодом.",
        f'Укажите код цвета из брендбука, например "{EXAMPLE}".',
    )
    split = _split_arguments(body)
    if split is None:
        raise unreadable
    parts, alpha_token = split
    numbers = [_number(part) for part in parts]
    alpha = _alpha(alpha_token)
    if any(n is None for n in numbers) or alpha is None:
        raise unreadable
    values = [n for n in numbers if n is not None]

    color = _rgb(values, shown, unreadable) if notation == "rgb" else _hsl(values, shown, unreadable)

    if alpha < 1:
        raise ColorError(
            f"В записи {shown} задана прозрачность — в цветах брендбука она не допускается.",
            f'Запишите непрозрачный цвет: "{color.hex}"',
            color,
        )
    raise ColorError(
        f"Запись {notation}(…) не принимается: в брендбуке цвета задаются "
        "шестнадцатеричным кодом.",
        f"{_hint_for(color)} (это тот же цвет {shown}).",
        color,
    )
