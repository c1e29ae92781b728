"""The closed status vocabulary: synonyms, partial completion, unknown words, dates that disagree."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterpages.content.facts.tally import tally
from clusterpages.values import status as st
from conftest import prepare

AS_OF = dt.date(2023, 2, 15)


@pytest.mark.parametrize("text, state", [
    ("выполнено", "done"), ("Исполнено", "done"), ("сделано", "done"), ("выполнено — размещён 27.12.2022", "done"),
    ("выполнено частично", "partial"), ("частично выполнено", "partial"), ("Частично", "partial"),
    ("в работе", "in_progress"), ("в процессе", "in_progress"),
    ("перенесено на апрель 2023", "postponed"), ("перенесено", "postponed"),
    ("отменено", "cancelled"), ("не выполнено", "not_done"), ("Не исполнено", "not_done"),
    ("почти готово", None), ("выполненоо", None), ("", None), ("—", None),
])
def test_vocabulary(text, state):
    assert st.parse(text) == state


def test_partial_is_never_done():
    assert not st.is_finished("partial")
    r = st.read("выполнено частично", "", None, AS_OF, published=False, file="f.md", line=3)
    assert r.state == "partial" and r.diagnostics == ()


def test_unknown_word_warns_with_the_accepted_words_and_a_guess():
    r = st.read("выполненно", "", None, AS_OF, published=False, file="f.md", line=7)
    (d,) = r.diagnostics
    assert d.code == "plan.status-unknown" and d.file == "f.md" and d.line == 7
    assert "«выполнено»" in d.hint and "в работе" in d.hint and "не выполнено" in d.hint
    r = st.read("почти готово", "", None, AS_OF, published=False, file="f.md", line=8)
    assert r.diagnostics[0].code == "plan.status-unknown" and "Допустимые слова" in r.diagnostics[0].hint


def test_done_with_a_result_dated_after_the_as_of_date_warns():
    r = st.read("выполнено — размещён 27.12.2022", "", None, dt.date(2022, 12, 10), published=False,
                file="f.md", line=4)
    assert r.state == "done" and r.done_on is None
    assert [d.code for d in r.diagnostics] == ["plan.status-dates"]
    r = st.read("выполнено", "Размещён 27.12.2022", None, AS_OF, published=False, file="f.md", line=4)
    assert r.done_on == dt.date(2022, 12, 27) and r.diagnostics == ()


def _row(plan, marker: str, old: str, new: str) -> None:
    text = plan.read_text(encoding="utf-8")
    line = next(ln for ln in text.split("\n") if marker in ln)
    assert f"| {old} |" in line
    plan.write_text(text.replace(line, line.replace(f"| {old} |", f"| {new} |", 1)), encoding="utf-8")


def test_partial_and_unknown_statuses_in_a_built_site(example_site):
    plan = example_site.parent / "content" / "clusters" / "prom" / "plan-2022-2023.md"
    before = tally(prepare(example_site)[0], "prom")
    _row(plan, "| 3.1 |", "выполнено", "выполнено частично")
    _row(plan, "| 1.6 |", "в работе", "почти готово")
    site, diags = prepare(example_site)
    items = {i.number: i for d in site.plans if d.slug == "plan-2022-2023" and d.cluster == "prom" for i in d.items}
    # 3.1 (November 2022) is done only in part and its term has passed: overdue, its status kept as written
    assert items["3.1"].written == "partial" and items["3.1"].status == "overdue"
    assert items["1.6"].status == "in_progress"  # 1.6: from its dates
    after = tally(site, "prom")
    assert after.get("plan.done") == before.get("plan.done") - 1
    assert after.get("plan.overdue") == before.get("plan.overdue") + 1
    unknown = [d for d in diags if d.code == "plan.status-unknown"]
    assert len(unknown) == 1 and unknown[0].file.endswith("prom/plan-2022-2023.md") and unknown[0].line == items["1.6"].line
