"""The methodist's year: next year's plan from this one, mistakes caught where they are made,
a row's channels read one way everywhere."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from clusterpages.content.facts import nextyear
from clusterpages.site.views import media
from clusterpages.values import channels
from clusterpages.values.academic import AcademicYear
from conftest import copy_example, prepare, run_cli


def _plan(site, cluster, slug="plan-2022-2023"):
    return next(p for p in site.plans if p.cluster == cluster and p.slug == slug)


# --- next year's plan ----------------------------------------------------------------------------

def test_carry_takes_exactly_the_unfinished_rows(example_site):
    site, _ = prepare(example_site)
    old = _plan(site, "med")
    result = nextyear.carry(old, AcademicYear(2023))
    unfinished = [i for i in old.items if i.status not in ("done", "published", "cancelled")]
    assert [i.uid for i in result.carried] == [i.uid for i in unfinished] and unfinished
    assert {w for _, w in result.left} == {"выполнено", "отменено"}
    text = result.text
    assert "academic_year: 2023-2024" in text and "на 2023–2024 учебный год" in text
    assert "# approved:" in text and "Н. В. Лебедева" in text       # an approval block to fill
    for item in unfinished:
        assert f"перенесено из плана 2022–2023, п. {item.number} |" in text
    rows = [r for r in text.splitlines() if r.startswith("| ") and "перенесено из плана" in r]
    assert len(rows) == len(unfinished)
    status_at = text.splitlines()[[i for i, r in enumerate(text.splitlines()) if r.startswith("| №")][0]] \
        .split(" | ").index("Статус")
    assert all(r.split(" | ")[status_at].strip() == "" for r in rows)   # statuses cleared
    assert "25.12.2023" in text and "25.12.2022" not in text              # terms moved to the new year


def test_new_plan_command_writes_a_plan_that_builds_and_marks_the_old_rows(tmp_path):
    example_site = copy_example(tmp_path / "site", clusters=("med",))
    root = example_site.parent
    proc = run_cli("new", "plan", "med", "--year", "2023-2024", "--config", str(example_site))
    assert proc.returncode == 0, proc.stderr
    assert "Перенесено из content/clusters/med/plan-2022-2023.md незавершённых пунктов: 6" in proc.stderr
    assert "Оставлено в старом плане (отменено): 1 (п. 4)" in proc.stderr
    new = root / "content/clusters/med/plan-2023-2024.md"
    assert new.is_file()
    again = run_cli("new", "plan", "med", "--year", "2023-2024", "--config", str(example_site))
    assert again.returncode == 2 and "уже есть" in again.stderr and "--force" in again.stderr
    out = root / "out"
    build = run_cli("build", "--config", str(example_site), "--out", str(out), "--as-of", "2023-10-15", "--strict")
    assert build.returncode == 0, build.stdout + build.stderr
    old = json.loads((out / "clusters/med/plan-2022-2023/plan.json").read_text(encoding="utf-8"))
    moved = [i for i in old["items"] if "в план 2023–2024" in i["status_note"]]
    assert len(moved) == 6 and all(i["state"] == "postponed" for i in moved)   # never overdue
    page = (out / "clusters/med/plan-2022-2023/index.html").read_text(encoding="utf-8")
    assert page.count('data-status="postponed"') == 6 and 'data-status="overdue"' not in page
    fresh = json.loads((out / "clusters/med/plan-2023-2024/plan.json").read_text(encoding="utf-8"))
    assert len(fresh["items"]) == 6 and fresh["items"][0]["deadline"]["end"] == "2023-12-25"


def test_new_plan_from_a_word_plan(example_site):
    proc = run_cli("new", "plan", "edu", "--year", "2023-2024", "--config", str(example_site))
    assert proc.returncode == 0, proc.stderr
    assert "plan-2022-2023.docx" in proc.stderr
    text = (example_site.parent / "content/clusters/edu/plan-2023-2024.md").read_text(encoding="utf-8")
    assert text.count("перенесено из плана 2022–2023") == 4


def test_new_plan_says_what_is_wrong(example_site):
    bad = run_cli("new", "plan", "med", "--year", "2023", "--config", str(example_site))
    assert bad.returncode == 2 and "--year 2023-2024" in bad.stderr
    none = run_cli("new", "media-plan", "nosuch", "--year", "2023-2024", "--config", str(example_site))
    assert none.returncode == 2 and "нет документа" in none.stderr


# --- mistakes caught where they are made -----------------------------------------------------------

def test_a_plan_copied_to_next_years_name_fails_strict_naming_file_and_lines(it_site):
    example_site = it_site
    root = example_site.parent
    src = root / "content/clusters/it/plan-2022-2023.md"
    copy = root / "content/clusters/it/plan-2023-2024.md"
    copy.write_text(src.read_text(encoding="utf-8").replace("academic_year: 2022-2023", "academic_year: 2023-2024"),
                    encoding="utf-8")
    proc = run_cli("build", "--config", str(example_site), "--out", str(root / "out"), "--strict")
    assert proc.returncode != 0
    said = proc.stdout + proc.stderr
    assert re.search(r"content/clusters/it/plan-2023-2024\.md:2: предупреждение \[plan\.title-year\]", said)
    lines = re.findall(r"content/clusters/it/plan-2023-2024\.md:(\d+): предупреждение \[plan\.deadline-outside-year\]", said)
    assert len(lines) >= 10 and len(set(lines)) == len(lines)


def _check(example_site, mutate):
    plan = example_site.parent / "content/clusters/it/plan-2022-2023.md"
    plan.write_text(mutate(plan.read_text(encoding="utf-8")), encoding="utf-8")
    site, diags = prepare(example_site)
    return [d for d in diags if d.file.endswith("it/plan-2022-2023.md")]


def test_approval_after_the_first_deadline_or_the_update(example_site):
    diags = _check(example_site, lambda t: re.sub(r"(approved:\n(?:  .*\n)*?  date: )\S+", r"\g<1>2023-01-10", t))
    late = [d for d in diags if d.code == "plan.approval-late"]
    assert len(late) == 2 and all(d.line for d in late)
    assert any("позже срока первого мероприятия" in d.message for d in late)
    assert any("позже своей актуализации" in d.message for d in late)


def test_a_version_raised_with_no_change_listed(example_site):
    diags = _check(example_site, lambda t: re.sub(r"changes:\n(?:  - .*\n)+", "changes: []\n", t))
    found = [d for d in diags if d.code == "plan.version-unexplained"]
    assert len(found) == 1 and "changes" in found[0].hint


def test_august_and_postponed_rows_are_inside_the_year(example_site):
    diags = _check(example_site, lambda t: t.replace("| 20.09.2022 |", "| 25.08.2022 |", 1))
    assert not [d for d in diags if d.code == "plan.deadline-outside-year"]
    diags = _check(example_site, lambda t: t.replace("| 25.08.2022 |", "| 25.07.2022 |", 1))
    assert len([d for d in diags if d.code == "plan.deadline-outside-year"]) == 1


def test_the_example_has_none_of_these_mistakes(example_site):
    site, diags = prepare(example_site)
    codes = {"plan.title-year", "plan.deadline-outside-year", "plan.approval-late", "plan.version-unexplained"}
    assert not [d for d in diags if d.code in codes]


# --- channels ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell,expected", [
    ("госпаблик VK, Одноклассники", ("госпаблик VK", "Одноклассники")),
    ("сайт ПОО; Telegram", ("сайт ПОО", "Telegram")),
    ("госпаблик VK и OK", ("госпаблик VK", "OK")),
    ("VK Видео\nRUTUBE", ("VK Видео", "RUTUBE")),
    ("Сайт ПОО (новости, анонсы)", ("Сайт ПОО (новости, анонсы)",)),
    ("«Вести, Томск», ТВ2", ("«Вести, Томск»", "ТВ2")),
    ("госпаблик VK, госпаблик vk", ("госпаблик VK",)),
    ("", ()),
])
def test_channels_split(cell, expected):
    assert channels.split(cell) == expected


def test_a_row_of_two_channels_appears_under_both(example_site):
    site, _ = prepare(example_site)
    doc = _plan(site, "it", "media-plan-2022-2023")
    row = next(i for i in doc.items if i.channel == "госпаблик VK, Одноклассники")
    assert row.channels == ("госпаблик VK", "Одноклассники")
    summary = media.summary(doc)
    assert "госпаблик VK, Одноклассники" not in summary.channels
    assert {"госпаблик VK", "Одноклассники"} <= set(summary.channels)
    under = {c for _, cells in summary.months for c, links in cells
             if any(link.url == f"#item-{row.uid}" for link in links)}
    assert {"госпаблик VK", "Одноклассники"} <= under


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_new_plan_in_word_or_excel_reads_back_and_marks_the_old_rows(example_site, fmt):
    root = example_site.parent
    proc = run_cli("new", "plan", "med", "--year", "2023-2024", "--format", fmt, "--config", str(example_site))
    assert proc.returncode == 0, proc.stderr
    assert (root / f"content/clusters/med/plan-2023-2024.{fmt}").is_file()
    assert "academic_year: 2023-2024" in (root / "content/clusters/med/plan-2023-2024.yaml").read_text(encoding="utf-8")
    site, diags = prepare(example_site, dt.date(2023, 10, 15))
    new = _plan(site, "med", "plan-2023-2024")
    assert new.title == "План работы кластера здравоохранения на 2023–2024 учебный год"
    assert len(new.items) == 6 and all("перенесено из плана 2022–2023" in dict(i.extra)["Примечание"] for i in new.items)
    # the approval's date is left blank to fill in: the build says so where it stands
    assert [d.code for d in diags if d.file.endswith(f"plan-2023-2024.{fmt}")] == ["office.approval-date"]
    old = _plan(site, "med")
    assert sum(i.status == "postponed" for i in old.items) == 6 and not any(i.status == "overdue" for i in old.items)


def test_new_plan_in_the_same_format_as_last_years(example_site):
    proc = run_cli("new", "plan", "edu", "--year", "2023-2024", "--format", "same", "--config", str(example_site))
    assert proc.returncode == 0, proc.stderr
    assert (example_site.parent / "content/clusters/edu/plan-2023-2024.docx").is_file()
