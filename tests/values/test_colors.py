"""Tests of clusterpages.colors: parsing, WCAG contrast, mixing, nearest passing shade."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.values.colorparse import parse_color
from clusterpages.values.colors import (
    BLACK,
    DARK_TEXT,
    WHITE,
    Color,
    ColorError,
    contrast_ratio,
    mix,
    nearest_passing,
    nearest_passing_all,
    readable_text_on,
    relative_luminance,
    shade,
    tint,
)

STEPS = 200


def c(text: str) -> Color:
    return parse_color(text)


# --- Color -------------------------------------------------------------------------


def test_hex_is_lowercase_rrggbb():
    assert Color(11, 79, 138).hex == "#0b4f8a"
    assert Color(255, 170, 0).hex == "#ffaa00"
    assert str(Color(0, 0, 0)) == "#000000"


def test_color_is_frozen_and_ordered():
    color = Color(1, 2, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        color.r = 5  # type: ignore[misc]
    assert sorted([Color(2, 0, 0), Color(1, 9, 9), Color(1, 2, 3)]) == [
        Color(1, 2, 3),
        Color(1, 9, 9),
        Color(2, 0, 0),
    ]
    assert len({Color(1, 2, 3), Color(1, 2, 3)}) == 1


@pytest.mark.parametrize("args", [(256, 0, 0), (-1, 0, 0), (0, 1.5, 0), (True, 0, 0)])
def test_color_rejects_bad_channels(args):
    with pytest.raises(ColorError):
        Color(*args)


# --- Parsing: accepted -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("#0b4f8a", Color(11, 79, 138)),
        ("#0B4F8A", Color(11, 79, 138)),
        ("  #0b4f8a\t", Color(11, 79, 138)),
        ("#abc", Color(0xAA, 0xBB, 0xCC)),
        ("#FFF", WHITE),
        (" #000 ", BLACK),
    ],
)
def test_parse_accepts_hex(text, expected):
    assert parse_color(text) == expected


def test_parse_passes_a_color_through():
    assert parse_color(Color(1, 2, 3)) == Color(1, 2, 3)


@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
def test_parse_round_trips_hex(r, g, b):
    color = Color(r, g, b)
    assert parse_color(color.hex) == color
    assert parse_color(color.hex.upper()) == color


# --- Parsing: every wrong notation gets a specific hint -----------------------------


def error_of(value: object) -> ColorError:
    with pytest.raises(ColorError) as info:
        parse_color(value)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.message and error.hint
    assert error.message in str(error) and error.hint in str(error)
    return error


def test_missing_hash():
    error = error_of("0b4f8a")
    assert "«#»" in error.message
    assert '"#0b4f8a"' in error.hint
    assert error.suggestion == Color(11, 79, 138)
    assert '"#aabbcc"' in error_of("ABC").hint


def test_missing_hash_with_alpha():
    error = error_of("0b4f8a80")
    assert "«#»" in error.message and "прозрачност" in error.message
    assert '"#0b4f8a"' in error.hint


@pytest.mark.parametrize(
    "text",
    ["rgb(11, 79, 138)", "RGB(11,79,138)", "rgb(11 79 138)", "rgb(4.3%, 31%, 54.1%)",
     "rgba(11, 79, 138, 1)", "rgb(11 79 138 / 100%)"],
)
def test_rgb_notation_suggests_hex(text):
    error = error_of(text)
    assert "rgb" in error.message
    assert '"#0b4f8a"' in error.hint
    assert error.suggestion == Color(11, 79, 138)


@pytest.mark.parametrize(
    "text",
    ["rgba(11, 79, 138, 0.5)", "rgb(11 79 138 / 50%)", "#0b4f8a80", "#0B4F8AFF"],
)
def test_transparency_is_refused_with_opaque_suggestion(text):
    error = error_of(text)
    assert "прозрачность" in error.message
    assert "не допускается" in error.message
    assert '"#0b4f8a"' in error.hint
    assert "непрозрачный" in error.hint


def test_short_hex_with_alpha():
    error = error_of("#abc8")
    assert "прозрачност" in error.message
    assert '"#aabbcc"' in error.hint


@pytest.mark.parametrize(
    "name, hex_",
    [("red", "#ff0000"), ("navy", "#000080"), ("Navy", "#000080"), (" white ", "#ffffff"),
     ("green", "#008000"), ("grey", "#808080"), ("teal", "#008080")],
)
def test_basic_css_names_are_refused_with_their_hex(name, hex_):
    error = error_of(name)
    assert "Названия цветов" in error.message and "не принимаются" in error.message
    assert f'"{hex_}"' in error.hint
    assert error.suggestion == parse_color(hex_)


@pytest.mark.parametrize("name", ["синий", "Тёмно-синий", "cornflowerblue", "light blue"])
def test_other_names_are_refused(name):
    error = error_of(name)
    assert "Названия цветов" in error.message and "не принимаются" in error.message
    assert "шестнадцатеричный код" in error.hint
    assert error.suggestion is None


def test_transparent_keyword():
    error = error_of("transparent")
    assert "Прозрачный" in error.message


@pytest.mark.parametrize(
    "text, hex_",
    [
        # CSS Color 4 reference equivalents.
        ("hsl(0, 100%, 50%)", "#ff0000"),
        ("hsl(120, 100%, 25%)", "#008000"),
        ("hsl(240deg 100% 50%)", "#0000ff"),
        ("hsla(0.5turn, 100%, 50%, 1)", "#00ffff"),
        ("hsl(0, 0%, 50%)", "#808080"),
    ],
)
def test_hsl_is_converted_and_suggested(text, hex_):
    error = error_of(text)
    assert "hsl" in error.message
    assert f'"{hex_}"' in error.hint


def test_hsl_with_alpha_is_refused_as_transparent():
    error = error_of("hsl(120 100% 25% / 0.4)")
    assert "прозрачность" in error.message
    assert '"#008000"' in error.hint


@pytest.mark.parametrize("text", ["oklch(0.5 0.1 200)", "var(--brand)", "hwb(0 0% 0%)"])
def test_other_functions_are_refused(text):
    error = error_of(text)
    assert "не поддерживается" in error.message


@pytest.mark.parametrize("text", ["rgb(300, 0, 0)", "rgb(1, 2)", "rgb(a, b, c)", "hsl(0, 150%, 50%)"])
def test_broken_functions(text):
    error = error_of(text)
    assert error.suggestion is None


@pytest.mark.parametrize("text, count", [("#12345", 5), ("#1234567", 7), ("#1", 1)])
def test_wrong_length(text, count):
    error = error_of(text)
    assert f"{count} цифр" in error.message
    assert "нужно 6" in error.message
    assert "шестью" in error.hint


def test_hash_without_digits():
    assert "нет цифр" in error_of("#").message


def test_non_hex_digits_are_named():
    error = error_of("#0g4f8z")
    assert "«g»" in error.message and "«z»" in error.message
    assert "a–f" in error.message
    assert error.suggestion is None


def test_cyrillic_lookalikes_are_repaired_in_the_hint():
    error = error_of("#0в4f8а")  # Cyrillic "в" and "а"
    assert "«в»" in error.message and "«а»" in error.message
    assert '"#0b4f8a"' in error.hint
    assert error.suggestion == Color(11, 79, 138)


def test_russian_layout_number_sign():
    error = error_of("№0b4f8a")
    assert "«№»" in error.message
    assert '"#0b4f8a"' in error.hint


@pytest.mark.parametrize("value, hex_", [(123456, "#123456"), (333, "#333")])
def test_yaml_integer_says_to_quote(value, hex_):
    error = error_of(value)
    assert "число" in error.message and str(value) in error.message
    assert "кавычк" in error.hint and "комментари" in error.hint
    assert f'"{hex_}"' in error.hint


def test_yaml_integer_of_other_length_still_says_to_quote():
    error = error_of(12345)
    assert "кавычк" in error.hint
    assert error.suggestion is None


def test_yaml_float():
    assert "кавычк" in error_of(1.5).hint


def test_none_says_to_quote_because_of_comments():
    error = error_of(None)
    assert "не указан" in error.message
    assert "кавычк" in error.hint and "комментари" in error.hint


@pytest.mark.parametrize("value", ["", "   "])
def test_empty(value):
    error = error_of(value)
    assert "не указан" in error.message
    assert '"#0b4f8a"' in error.hint


@pytest.mark.parametrize("value", [True, False, ["#fff"], {"r": 1}])
def test_other_types(value):
    error_of(value)


def test_unrecognised_text():
    error = error_of("#0b4f8a;")
    assert "«;»" in error.message
    assert '"#0b4f8a"' in error.hint
    error = error_of("12px")
    assert "распознать" in error.message


# --- Luminance and contrast --------------------------------------------------------


def test_luminance_ends_and_threshold():
    assert relative_luminance(BLACK) == 0.0
    assert relative_luminance(WHITE) == pytest.approx(1.0)
    # 10/255 = 0.0392 is below the 0.04045 threshold: linear segment.
    assert relative_luminance(Color(10, 10, 10)) == pytest.approx(10 / 255 / 12.92)
    # 11/255 = 0.0431 is above it: the power curve.
    assert relative_luminance(Color(11, 11, 11)) == pytest.approx(
        ((11 / 255 + 0.055) / 1.055) ** 2.4
    )
    assert relative_luminance(Color(255, 0, 0)) == pytest.approx(0.2126)
    assert relative_luminance(Color(0, 255, 0)) == pytest.approx(0.7152)
    assert relative_luminance(Color(0, 0, 255)) == pytest.approx(0.0722)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#777777", 4.48),
        ("#ffffff", "#767676", 4.54),
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.0),
        ("#008000", "#ffffff", 5.14),
        ("#0b4f8a", "#0b4f8a", 1.0),
    ],
)
def test_contrast_reference_ratios(a, b, expected):
    assert round(contrast_ratio(c(a), c(b)), 2) == expected
    assert round(contrast_ratio(c(b), c(a)), 2) == expected


def test_red_on_white_is_just_below_four():
    assert round(contrast_ratio(c("#ff0000"), WHITE), 3) == 3.998
    assert contrast_ratio(c("#777777"), WHITE) < 4.5 <= contrast_ratio(c("#767676"), WHITE)


colors = st.builds(Color, st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))


@given(colors, colors)
def test_contrast_is_symmetric_and_bounded(a, b):
    ratio = contrast_ratio(a, b)
    assert ratio == contrast_ratio(b, a)
    assert 1.0 <= ratio <= 21.0 + 1e-9
    assert contrast_ratio(a, a) == 1.0


# --- Mixing ------------------------------------------------------------------------


def test_mix_ends_and_rounding():
    a, b = c("#0b4f8a"), c("#ffcc00")
    assert mix(a, b, 0) == a
    assert mix(a, b, 1) == b
    assert mix(BLACK, WHITE, 0.5) == Color(128, 128, 128)  # 127.5 rounds half up
    assert mix(Color(10, 20, 30), Color(20, 40, 60), 0.5) == Color(15, 30, 45)


@pytest.mark.parametrize("t", [-0.1, 1.5])
def test_mix_rejects_t_outside_unit_interval(t):
    with pytest.raises(ValueError):
        mix(BLACK, WHITE, t)


def test_tint_and_shade():
    primary = c("#0b4f8a")
    assert tint(primary, 0) == primary and shade(primary, 0) == primary
    assert tint(primary, 1) == WHITE and shade(primary, 1) == BLACK
    assert shade(Color(200, 100, 50), 0.5) == Color(100, 50, 25)
    assert tint(Color(55, 155, 255), 0.5) == Color(155, 205, 255)


# --- Nearest passing ---------------------------------------------------------------


def direction_step(fg: Color, result: Color) -> tuple[Color, int]:
    """The target (black/white) and the smallest step i with mix(fg, target, i/STEPS) == result."""
    for target in (BLACK, WHITE):
        for i in range(1, STEPS + 1):
            if mix(fg, target, i / STEPS) == result:
                return target, i
    raise AssertionError(f"{result} is not a shade or tint of {fg}")


def test_passing_colour_is_returned_unchanged():
    primary = c("#0b4f8a")
    assert nearest_passing(primary, WHITE, 4.5) == primary


@pytest.mark.parametrize(
    "fg, bg, minimum, target",
    [
        ("#7fb3e6", "#ffffff", 4.5, BLACK),  # too light on white: darken
        ("#b4490f", "#eef2f6", 7.0, BLACK),
        ("#0b4f8a", "#1a1a1a", 4.5, WHITE),  # too dark on a dark background: lighten
        ("#777777", "#ffffff", 4.5, BLACK),
    ],
)
def test_nearest_passing_is_minimal(fg, bg, minimum, target):
    fg_, bg_ = c(fg), c(bg)
    result = nearest_passing(fg_, bg_, minimum)
    assert contrast_ratio(result, bg_) >= minimum
    found_target, i = direction_step(fg_, result)
    assert found_target == target
    before = mix(fg_, target, (i - 1) / STEPS)
    assert contrast_ratio(before, bg_) < minimum


def test_nearest_passing_light_primary_on_white():
    result = nearest_passing(c("#7fb3e6"), WHITE, 4.5)
    assert result == c("#567a9c")
    assert contrast_ratio(result, WHITE) >= 4.5


def test_other_direction_is_tried():
    # On mid grey, lightening #999999 never reaches 4.6 (white gives 4.48), darkening does.
    bg, fg = c("#777777"), c("#999999")
    assert contrast_ratio(WHITE, bg) < 4.6 <= contrast_ratio(BLACK, bg)
    result = nearest_passing(fg, bg, 4.6)
    assert contrast_ratio(result, bg) >= 4.6
    assert relative_luminance(result) < relative_luminance(bg)
    target, i = direction_step(fg, result)
    assert target == BLACK
    assert contrast_ratio(mix(fg, BLACK, (i - 1) / STEPS), bg) < 4.6


def test_last_resort_when_nothing_passes():
    bg = c("#777777")  # white 4.48, black 4.69
    assert nearest_passing(c("#3366cc"), bg, 7.0) == BLACK
    assert nearest_passing(c("#3366cc"), c("#5a5a5a"), 7.0) == WHITE
    assert nearest_passing(c("#3366cc"), WHITE, 22.0) == BLACK


def test_nearest_passing_all_passes_every_background():
    result = nearest_passing_all(c("#6b7280"), (WHITE, c("#eef2f6")), 4.5)
    assert contrast_ratio(result, WHITE) >= 4.5
    assert contrast_ratio(result, c("#eef2f6")) >= 4.5


minimums = st.floats(min_value=1.0, max_value=21.0, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(colors, colors, minimums)
def test_nearest_passing_passes_whenever_anything_does(fg, bg, minimum):
    result = nearest_passing(fg, bg, minimum)
    candidates = [fg, BLACK, WHITE] + [
        mix(fg, target, i / STEPS) for target in (BLACK, WHITE) for i in range(1, STEPS + 1)
    ]
    if any(contrast_ratio(x, bg) >= minimum for x in candidates):
        assert contrast_ratio(result, bg) >= minimum
        if contrast_ratio(fg, bg) >= minimum:
            assert result == fg
        else:
            target, i = direction_step(fg, result)
            assert contrast_ratio(mix(fg, target, (i - 1) / STEPS), bg) < minimum
    else:
        assert result in (BLACK, WHITE)


# --- Readable text -----------------------------------------------------------------


def test_readable_text_on():
    assert readable_text_on(c("#0b4f8a")) == WHITE
    assert readable_text_on(c("#ffcc00")) == DARK_TEXT
    assert DARK_TEXT == c("#1a1a1a")
    assert readable_text_on(c("#eef2f6"), light=c("#fafafa"), dark=c("#333333")) == c("#333333")


@given(colors)
def test_readable_text_on_picks_the_higher_contrast(bg):
    chosen = readable_text_on(bg)
    other = DARK_TEXT if chosen == WHITE else WHITE
    assert contrast_ratio(chosen, bg) >= contrast_ratio(other, bg)
