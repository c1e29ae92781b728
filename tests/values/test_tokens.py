"""Tests of clusterpages.tokens: theme tokens, the generated stylesheet, contrast checks."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.values.colorparse import parse_color
from clusterpages.values.colors import BLACK, WHITE, Color, contrast_ratio, mix, shade, tint
from clusterpages.values.contrast import ContrastCheck, check_cluster, check_palette, ratio_text
from clusterpages.values.tokens import DEFAULT_PALETTE, Palette, cluster_tokens, stylesheet, theme_tokens

# Pinned here on purpose: the theme CSS uses exactly these names.
THEME_NAMES = [
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
]
CLUSTER_NAMES = ["--cp-cluster", "--cp-on-cluster", "--cp-cluster-tint", "--cp-cluster-dark"]
FONT_NAMES = ["--cp-font-body", "--cp-font-heading"]
STATUS_NAMES = ["--cp-done", "--cp-progress", "--cp-overdue", "--cp-upcoming"]

FONTS = ("PT Sans", "PT Serif")


def c(text: str) -> Color:
    return parse_color(text)


def palette(**changes: str) -> Palette:
    return dataclasses.replace(DEFAULT_PALETTE, **{k: c(v) for k, v in changes.items()})


def failing(checks: list[ContrastCheck]) -> list[ContrastCheck]:
    return [check for check in checks if not check.passed]


# --- Palette -----------------------------------------------------------------------


def test_default_palette_values():
    p = DEFAULT_PALETTE
    assert [p.primary.hex, p.secondary.hex, p.accent.hex, p.neutral_dark.hex,
            p.neutral_light.hex, p.background.hex, p.text.hex] == [
        "#0b4f8a", "#1d6f5f", "#b4490f", "#334155", "#eef2f6", "#ffffff", "#1a1a1a"]


def test_palette_is_frozen_and_typed():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_PALETTE.primary = WHITE  # type: ignore[misc]
    with pytest.raises(TypeError):
        dataclasses.replace(DEFAULT_PALETTE, primary="#0b4f8a")


# --- Tokens ------------------------------------------------------------------------


def test_theme_token_names():
    assert list(theme_tokens(DEFAULT_PALETTE)) == THEME_NAMES


def test_cluster_token_names():
    assert list(cluster_tokens(c("#1d6f5f"), DEFAULT_PALETTE)) == CLUSTER_NAMES


def test_derived_tokens_of_default_palette():
    p = DEFAULT_PALETTE
    t = theme_tokens(p)
    assert t["--cp-primary"] == p.primary
    assert t["--cp-primary-dark"] == shade(p.primary, 0.35)
    assert t["--cp-primary-tint"] == tint(p.primary, 0.88)
    assert t["--cp-on-primary"] == WHITE
    assert t["--cp-on-secondary"] == WHITE
    assert t["--cp-on-accent"] == WHITE
    assert t["--cp-bg"] == p.background
    assert t["--cp-text"] == p.text
    assert t["--cp-muted"] == p.neutral_dark
    assert t["--cp-surface"] == p.neutral_light
    assert t["--cp-link"] == p.primary  # passes 4.5 as it is
    assert t["--cp-focus"] == p.primary


def test_cluster_tokens():
    accent = c("#1d6f5f")
    t = cluster_tokens(accent, DEFAULT_PALETTE)
    assert t["--cp-cluster"] == accent
    assert t["--cp-on-cluster"] == WHITE
    assert t["--cp-cluster-tint"] == tint(accent, 0.9)
    assert t["--cp-cluster-dark"] == shade(accent, 0.3)
    assert cluster_tokens(c("#ffcc00"), DEFAULT_PALETTE)["--cp-on-cluster"] == c("#1a1a1a")


def test_link_is_a_passing_shade_of_a_light_primary():
    p = palette(primary="#7fb3e6")
    link = theme_tokens(p)["--cp-link"]
    assert link != p.primary
    assert contrast_ratio(link, p.background) >= 4.5
    assert theme_tokens(p)["--cp-on-primary"] != WHITE  # dark text on a light primary


def test_border_is_the_lightest_mix_reaching_three():
    p = DEFAULT_PALETTE
    border = theme_tokens(p)["--cp-border"]
    assert contrast_ratio(border, p.background) >= 3.0
    steps = [mix(p.background, p.neutral_dark, i / 200) for i in range(201)]
    assert border in steps
    before = steps[steps.index(border) - 1]
    assert contrast_ratio(before, p.background) < 3.0


@pytest.mark.parametrize(
    "p",
    [DEFAULT_PALETTE, palette(neutral_light="#d0d7de"), palette(primary="#7fb3e6"),
     palette(primary="#ffcc00", neutral_light="#f6f1e6")],
)
def test_focus_and_status_colours_pass_on_background_and_surface(p):
    t = theme_tokens(p)
    for bg in (p.background, p.neutral_light):
        assert contrast_ratio(t["--cp-focus"], bg) >= 3.0
        for name in STATUS_NAMES:
            assert contrast_ratio(t[name], bg) >= 4.5, name


def test_status_hues_stay_recognisable():
    t = theme_tokens(DEFAULT_PALETTE)
    done, progress, overdue, upcoming = (t[name] for name in STATUS_NAMES)
    assert done.g > done.r and done.g > done.b
    assert progress.b > progress.r and progress.b > progress.g
    assert overdue.r > overdue.g and overdue.r > overdue.b
    assert max(upcoming.r, upcoming.g, upcoming.b) - min(upcoming.r, upcoming.g, upcoming.b) < 30


# --- Checks ------------------------------------------------------------------------


def test_default_palette_passes_every_check():
    checks = check_palette(DEFAULT_PALETTE)
    assert len(checks) == 12
    for check in checks:
        assert check.passed, check.message
        assert check.suggestion is None
        assert check.ratio >= check.minimum
        assert check.key.startswith("brandbook.palette.")
        assert check.role


def test_checked_pairs_and_minimums():
    p = DEFAULT_PALETTE
    t = theme_tokens(p)
    pairs = {(check.fg, check.bg, check.minimum) for check in check_palette(p)}
    assert (p.text, p.background, 4.5) in pairs
    assert (p.text, p.neutral_light, 4.5) in pairs
    assert (p.neutral_dark, p.background, 4.5) in pairs
    assert (p.neutral_dark, p.neutral_light, 4.5) in pairs
    assert (p.primary, p.background, 4.5) in pairs  # links, the raw primary
    assert (t["--cp-on-primary"], p.primary, 4.5) in pairs
    assert (t["--cp-on-primary"], t["--cp-primary-dark"], 4.5) in pairs
    assert (t["--cp-on-secondary"], p.secondary, 4.5) in pairs
    assert (t["--cp-on-accent"], p.accent, 4.5) in pairs
    assert (p.accent, p.background, 3.0) in pairs
    assert (t["--cp-border"], p.background, 3.0) in pairs
    assert (t["--cp-focus"], p.background, 3.0) in pairs


def test_ratio_is_the_contrast_of_the_pair():
    for check in check_palette(palette(primary="#7fb3e6")):
        assert check.ratio == contrast_ratio(check.fg, check.bg)


def apply(p: Palette, check: ContrastCheck) -> Palette:
    field = check.key.removeprefix("brandbook.palette.")
    return dataclasses.replace(p, **{field: check.suggestion})


def test_light_primary_fails_with_a_passing_suggestion():
    p = palette(primary="#7fb3e6")
    checks = check_palette(p)
    bad = failing(checks)
    assert bad
    assert {check.key for check in bad} == {"brandbook.palette.primary"}
    link = next(check for check in bad if check.fg == p.primary and check.bg == p.background)
    assert link.ratio < 4.5
    assert link.suggestion is not None
    assert link.suggestion != p.primary
    assert contrast_ratio(link.suggestion, p.background) >= 4.5
    assert "brandbook.palette.primary" in link.message
    assert link.suggestion.hex in link.hint
    for index, check in enumerate(checks):
        if check.passed:
            assert check.suggestion is None
        else:
            # The suggestion fixes this very check.
            assert check_palette(apply(p, check))[index].passed


def test_applying_the_link_suggestion_fixes_the_whole_palette():
    p = palette(primary="#7fb3e6")
    link = check_palette(p)[4]
    assert link.key == "brandbook.palette.primary" and not link.passed
    fixed = apply(p, link)
    assert not failing(check_palette(fixed))


@pytest.mark.parametrize(
    "change, key",
    [
        ({"neutral_dark": "#94a3b8"}, "brandbook.palette.neutral_dark"),
        ({"neutral_light": "#8a8f96"}, "brandbook.palette.neutral_light"),
        ({"secondary": "#2b8c7a"}, "brandbook.palette.secondary"),
        ({"accent": "#f0a060"}, "brandbook.palette.accent"),
        ({"text": "#8a8a8a"}, "brandbook.palette.text"),
    ],
)
def test_failing_brand_colours_are_reported_under_their_key(change, key):
    p = palette(**change)
    checks = check_palette(p)
    bad = failing(checks)
    assert key in {check.key for check in bad}
    for index, check in enumerate(checks):
        if not check.passed:
            assert check.suggestion is not None
            assert check_palette(apply(p, check))[index].passed, check.message


def test_suggestion_is_a_shade_of_the_brand_colour_not_the_text():
    p = palette(secondary="#2b8c7a")  # mid-tone: neither white nor dark text reaches 4.5
    check = next(c_ for c_ in check_palette(p) if not c_.passed)
    assert check.key == "brandbook.palette.secondary"
    # on-secondary on secondary: the text colour stays, the secondary moves.
    assert check.bg == p.secondary
    candidates = {mix(p.secondary, t, i / 200) for t in (BLACK, WHITE) for i in range(201)}
    assert check.suggestion in candidates
    assert contrast_ratio(check.suggestion, check.fg) >= 4.5


def test_message_is_russian_and_never_rounds_a_failure_up():
    check = ContrastCheck("k", "роль", WHITE, c("#777777"), 4.4999, 4.5, c("#767676"))
    assert not check.passed
    assert "равен 4,4999:1, а нужно не меньше 4,5:1" in check.message
    assert check.hint == "Ближайший подходящий оттенок: #767676."


@pytest.mark.parametrize("ratio, minimum, shown", [
    (4.52, 4.5, "4,52"), (4.5, 4.5, "4,50"), (4.4956, 4.5, "4,496"), (4.494, 4.5, "4,49"),
    (2.9999999, 3.0, "2,999999"), (12.0, 4.5, "12,00"),
])
def test_ratio_text(ratio, minimum, shown):
    assert ratio_text(ratio, minimum) == shown


def test_cluster_checks():
    p = DEFAULT_PALETTE
    checks = check_cluster("it", c("#1d6f5f"), p)
    assert len(checks) == 3
    assert all(check.passed and check.suggestion is None for check in checks)
    assert {check.key for check in checks} == {"clusters/it/cluster.yaml: accent"}
    t = cluster_tokens(c("#1d6f5f"), p)
    pairs = {(check.fg, check.bg, check.minimum) for check in checks}
    assert pairs == {
        (t["--cp-on-cluster"], t["--cp-cluster"], 4.5),
        (t["--cp-cluster"], p.background, 3.0),
        (t["--cp-cluster-dark"], t["--cp-cluster-tint"], 4.5),
    }


def test_light_cluster_colour_fails_with_passing_suggestions():
    p = DEFAULT_PALETTE
    checks = check_cluster("agro", c("#ffcc00"), p)
    bad = failing(checks)
    assert len(bad) == 2
    for index, check in enumerate(checks):
        assert check.key == "clusters/agro/cluster.yaml: accent"
        if not check.passed:
            assert check.suggestion is not None
            assert check_cluster("agro", check.suggestion, p)[index].passed


def test_cluster_key_override():
    checks = check_cluster("it", c("#ffcc00"), DEFAULT_PALETTE, key="brandbook.palette.accent")
    assert {check.key for check in checks} == {"brandbook.palette.accent"}


colors = st.builds(Color, st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))


@settings(max_examples=40, deadline=None)
@given(colors, colors)
def test_suggestion_set_exactly_for_failures(primary, accent):
    p = dataclasses.replace(DEFAULT_PALETTE, primary=primary, accent=accent)
    for check in check_palette(p) + check_cluster("x", accent, p):
        assert (check.suggestion is None) == check.passed


# --- Stylesheet --------------------------------------------------------------------


CLUSTERS = {"it": c("#0b4f8a"), "agro": c("#1D6F5F"), "stroy-2": c("#b4490f")}


def test_stylesheet_contains_every_token_and_the_cluster_rules():
    css = stylesheet(DEFAULT_PALETTE, CLUSTERS, FONTS)
    root = css[css.index(":root {"): css.index("}", css.index(":root {"))]
    for name in THEME_NAMES + FONT_NAMES:
        assert re.search(rf"^  {re.escape(name)}: [^;]+;$", root, re.M), name
    for slug in CLUSTERS:
        start = css.index(f".cluster-{slug} {{")
        rule = css[start: css.index("}", start)]
        for name in CLUSTER_NAMES:
            assert f"  {name}: " in rule
    assert "  --cp-primary: #0b4f8a;" in css
    assert "  --cp-cluster: #1d6f5f;" in css


def test_stylesheet_values_match_the_tokens():
    css = stylesheet(DEFAULT_PALETTE, {"it": c("#0b4f8a")}, FONTS)
    for name, color in theme_tokens(DEFAULT_PALETTE).items():
        assert f"  {name}: {color.hex};" in css
    for name, color in cluster_tokens(c("#0b4f8a"), DEFAULT_PALETTE).items():
        assert f"  {name}: {color.hex};" in css


def test_stylesheet_fonts():
    css = stylesheet(DEFAULT_PALETTE, {}, FONTS)
    assert '  --cp-font-body: "PT Sans", Arial, sans-serif;' in css
    assert '  --cp-font-heading: "PT Serif", Georgia, "Times New Roman", serif;' in css
    css = stylesheet(DEFAULT_PALETTE, {}, ('Evil"; } body { x: "', "</style>"))
    assert '  --cp-font-body: "Evil\\"; } body { x:", Arial, sans-serif;' in css
    assert '  --cp-font-heading: "\\3c /style\\3e ", Arial, sans-serif;' in css
    assert "</style>" not in css


def test_stylesheet_is_deterministic_and_sorted():
    first = stylesheet(DEFAULT_PALETTE, CLUSTERS, FONTS)
    reordered = dict(reversed(list(CLUSTERS.items())))
    assert stylesheet(DEFAULT_PALETTE, reordered, FONTS) == first
    positions = [first.index(f".cluster-{slug} {{") for slug in ("agro", "it", "stroy-2")]
    assert positions == sorted(positions)
    assert first.index(":root {") < positions[0]


def test_stylesheet_hex_is_lowercase():
    css = stylesheet(palette(primary="#ABCDEF"), {"x": c("#FFAA00")}, FONTS)
    hexes = re.findall(r"#[0-9a-fA-F]{6}\b", css)
    assert hexes and all(h == h.lower() for h in hexes)


@pytest.mark.parametrize("slug", ["IT", "it_1", "", "it cluster", "it{", "ит"])
def test_stylesheet_rejects_bad_slugs(slug):
    with pytest.raises(ValueError):
        stylesheet(DEFAULT_PALETTE, {slug: c("#0b4f8a")}, FONTS)
