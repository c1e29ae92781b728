"""Errors a methodist reads: the offending line with a marker under the spot, plain words
for the place, the example for the field at hand, and mistakes YAML would swallow."""

from __future__ import annotations

import re

from clusterpages.content.read import frontmatter, yamlload
from clusterpages.serve import overlay
from clusterpages.values import diagnostics as dg
from conftest import prepare, run_cli

PLAN = "content/clusters/prom/plan-2022-2023.md"


def _break(example_site, old: str, new: str) -> None:
    path = example_site.parent / PLAN
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unclosed_quote_points_at_the_line_where_it_opened(example_site):
    _break(example_site, "title: План работы промышленного кластера", 'title: "План работы промышленного кластера')
    r = run_cli("check", "--config", str(example_site))
    assert r.returncode == 1
    out = r.stdout + r.stderr
    first = next(ln for ln in out.splitlines() if PLAN in ln and "ошибка" in ln)
    # the quote is on line 2, column 8 (YAML itself notices it 11 lines further down)
    assert first.startswith(f"{PLAN}:2:8:")
    assert "в шапке документа, строка 2, знак 8" in first and "кавычка" in first
    assert "YAML" not in first
    lines = out.splitlines()
    at = lines.index(first)
    assert lines[at + 1].strip().startswith("2 | title: \"План работы промышленного кластера")
    code_line, marker_line = lines[at + 1], lines[at + 2]
    # the marker stands under the opening quote
    assert marker_line[code_line.index('"')] == "^"
    assert 'title: "План работы промышленного кластера на 2022–2023 учебный год"' in lines[at + 3]


def test_the_hint_shows_the_field_at_hand():
    row = "description: Кластер: ИТ"
    _, diags = yamlload.load(f"name: Кластер\n{row}\n", "content/clusters/it/cluster.yaml")
    (d,) = diags
    assert 'description: "Кластер: ИТ"' in d.hint and 'name: "Кластер: ИТ"' not in d.hint
    col = row.index(": ИТ") + 1
    assert d.message.startswith(f"Ошибка в файле cluster.yaml, строка 2, знак {col}")
    text = dg.format_text(d)
    assert f"2 | {row}" in text and "\n" + " " * 4 + "  | " + " " * (col - 1) + "^" in text


def test_the_overlay_shows_the_line_and_the_marker():
    _, diags = yamlload.load("name: Кластер\nshort_name: @ИТ\n", "content/clusters/it/cluster.yaml")
    page = overlay.overlay(diags).decode("utf-8")
    pre = re.search(r'<pre class="cp-excerpt"[^>]*>(.*?)</pre>', page, re.S).group(1)
    code, marker = pre.split("\n")
    assert code == "2 | short_name: @ИТ" and marker.index("^") == code.index("@")


def test_a_wrongly_indented_list_item_is_reported():
    text = "---\ntitle: План\nchanges:\n  - Добавлен медиаплан\n   - Исправлены сроки\n---\nТекст\n"
    doc, diags = frontmatter.split(text, PLAN)
    (d,) = [x for x in diags if x.code == "yaml.list-indent"]
    assert d.severity == dg.ERROR and (d.line, d.column) == (5, 4) and d.excerpt == "   - Исправлены сроки"
    assert "строка 5, знак 4" in d.message and "с 3-го знака" in d.hint


def test_a_dotted_date_in_a_field_is_reported(example_site):
    _break(example_site, "updated: 2022-12-27", "updated: 27.12.2022")
    site, diags = prepare(example_site)
    (d,) = [x for x in diags if x.code == "schema.date-format"]
    assert d.file == PLAN and d.line == 9 and "27 декабря 2022" in d.message and "updated: 2022-12-27" in d.hint
    assert next(p for p in site.plans if p.file == PLAN).updated.isoformat() == "2022-12-27"
