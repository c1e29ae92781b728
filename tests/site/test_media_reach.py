"""Reach figures of a media plan: one reading for the page and the CMS fragment."""

from __future__ import annotations

import html
import re

import pytest

from clusterpages.values import reach
from clusterpages.values.text import ru_number
from conftest import run_cli


@pytest.mark.parametrize("text, low, high", [
    ("1500", 1500, 1500), ("1 500", 1500, 1500), ("1\u00a0500", 1500, 1500), ("1 200 чел.", 1200, 1200),
    ("≈ 900", 900, 900), ("1,5 тыс.", 1500, 1500), ("500–700", 500, 700), ("500 - 700", 500, 700),
    ("от 500 до 700", 500, 700), ("1–1,5 тыс.", 1000, 1500), ("1200+", 1200, 1200),
    ("800 просмотров", 800, 800), ("10 000", 10000, 10000),
])
def test_figures_as_people_write_them(text, low, high):
    assert reach.parse(text) == reach.Reach(low, high)


@pytest.mark.parametrize("text", ["", "—", "н/д", "по итогам", "12 постов, 3000", "2022-2023 уч. г."])
def test_cells_without_one_figure_count_nothing(text):
    assert reach.parse(text) is None


def test_total_keeps_ranges():
    assert reach.total(["1 200 чел.", "500–700", "—", None]) == reach.Reach(1700, 1900)


def _plan_total(text: str) -> str:
    m = re.search(r'<dt>План\s+охвата\s+на\s+весь\s+учебный\s+год</dt><dd data-reach="year">([^<]*)</dd>', text)
    assert m, "no planned reach on the page"
    return html.unescape(m.group(1)).replace("\u2060", "")  # the word joiner of a number range


def _fragment_total(text: str) -> str:
    m = re.search(r"План\s+охвата на\s+весь учебный год\s+— ([^<]*?)\.</p>", text)
    assert m, "no planned reach in the fragment"
    return html.unescape(m.group(1)).replace("\u2060", "")


def test_page_and_fragment_show_the_same_total(it_site, tmp_path):
    example_site = it_site
    """A unit («1 200 чел.») and a range («500–700») used to give 501 900 on the page and 0 in the fragment."""
    plan = example_site.parent / "content" / "clusters" / "it" / "media-plan-2022-2023.md"
    text = plan.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    figures = [line.split("|")[7].strip() for line in rows]
    assert figures[:2] == ["1500", "500"]
    text = text.replace(rows[0], rows[0].replace("| 1500 |", "| 1 200 чел. |", 1))
    text = text.replace(rows[1], rows[1].replace("| 500 |", "| 500–700 |", 1))
    plan.write_text(text, encoding="utf-8")
    rest = sum(int(f) for f in figures[2:] if f.isdigit())
    out = tmp_path / "out"
    r = run_cli("build", "--config", str(example_site), "--out", str(out), "--as-of", "2023-02-15")
    assert r.returncode == 0, r.stderr
    page = (out / "clusters/it/media-plan-2022-2023/index.html").read_text(encoding="utf-8")
    fragment = (out / "embed/it/media-plan-2022-2023.html").read_text(encoding="utf-8")
    expected = f"{ru_number(1200 + 500 + rest)}–{ru_number(1200 + 700 + rest)}"
    assert _plan_total(page) == expected
    assert _fragment_total(fragment) == expected
