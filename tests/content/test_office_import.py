"""`build.py import` carries everything it reads, the plan's .yaml included, and its advice,
once followed, leaves the site building strictly with nothing lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from office_files import excel_plan, word_plan

from clusterpages import pipeline
from conftest import copy_example, run_cli

CLUSTER = "content/clusters/edu"
AS_OF = dt.date(2023, 2, 15)
SIDECAR_FULL = """# описание плана для сайта
title: План работы кластера образования (редакция 2)
academic_year: 2022-2023
approved:
  position: Директор ОГБПОУ «ТГПК»
  name: О. Н. Павлова
  date: 2022-09-01
version: "2.1"
updated: 2023-01-10
changes:
  - Добавлены мероприятия по решениям протокола № 4 от 06.12.2022
  - "Исправлены сроки: пункт 3"
sheet: План
"""


def _front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def _plan(config: Path):
    site, diags = pipeline.prepare(config, None, AS_OF)
    plans = [p for p in site.plans if p.cluster == "edu" and p.slug == "plan-2022-2023"]
    return plans[0], diags


def test_import_carries_the_sidecar_and_the_advice_leaves_a_strict_build(tmp_path):
    example_site = copy_example(tmp_path / "site", clusters=("edu",))
    folder = example_site.parent / CLUSTER
    office, _ = _plan(example_site)
    assert office.original and office.version == "2" and office.changes       # the example: Word + its .yaml
    result = run_cli("import", str(folder / "plan-2022-2023.docx"), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode == 0, result.stderr
    front = _front(folder / "plan-2022-2023.md")
    assert front["version"] == 2 and front["updated"] == dt.date(2023, 1, 10)
    assert front["changes"] == ["Добавлены мероприятия по решениям протокола № 4 от 06.12.2022"]
    assert front["approved"]["date"] == dt.date(2022, 9, 1) and front["title"] == office.title
    # the advice names both the Word file and its .yaml; following it, nothing is lost
    advice = result.stderr
    assert f"{CLUSTER}/plan-2022-2023.docx и {CLUSTER}/plan-2022-2023.yaml" in advice, advice
    assert "перенесены в начало файла: version, updated, changes" in advice
    (folder / "plan-2022-2023.docx").unlink()
    (folder / "plan-2022-2023.yaml").unlink()
    plan, _ = _plan(example_site)
    assert (plan.version, plan.updated, plan.changes, plan.title) == (office.version, office.updated, office.changes,
                                                                       office.title)
    assert [i.uid for i in plan.items] == [i.uid for i in office.items]
    built = run_cli("build", "--config", str(example_site), "--strict")
    assert built.returncode == 0, built.stdout + built.stderr


def test_every_field_of_the_sidecar_goes_into_the_front_matter(example_site, tmp_path):
    folder = example_site.parent / CLUSTER
    for name in ("plan-2022-2023.docx", "plan-2022-2023.yaml"):
        (folder / name).unlink()
    source = tmp_path / "plan-2022-2023.xlsx"
    source.write_bytes(excel_plan())
    (tmp_path / "plan-2022-2023.yaml").write_text(SIDECAR_FULL, encoding="utf-8")
    result = run_cli("import", str(source), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode == 0, result.stderr
    front = _front(folder / "plan-2022-2023.md")
    assert front == {"title": "План работы кластера образования (редакция 2)", "academic_year": "2022-2023",
                     "approved": {"position": "Директор ОГБПОУ «ТГПК»", "name": "О. Н. Павлова",
                                  "date": dt.date(2022, 9, 1)},
                     "version": "2.1", "updated": dt.date(2023, 1, 10),
                     "changes": ["Добавлены мероприятия по решениям протокола № 4 от 06.12.2022",
                                 "Исправлены сроки: пункт 3"]}
    assert "по нему выбран лист «План»" in result.stderr and "Комментарии из" in result.stderr
    assert "В папке кластера остались" not in result.stderr          # nothing of it was in the cluster folder
    check = run_cli("check", "--config", str(example_site), "--strict")
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_sidecar_left_in_the_cluster_folder_is_carried_and_named(example_site, tmp_path):
    folder = example_site.parent / CLUSTER
    (folder / "plan-2022-2023.docx").unlink()                  # the methodist moved the Word file out first
    source = tmp_path / "plan-2022-2023.docx"
    source.write_bytes(word_plan())
    result = run_cli("import", str(source), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode == 0, result.stderr
    assert _front(folder / "plan-2022-2023.md")["version"] == 2
    assert f"остались {CLUSTER}/plan-2022-2023.yaml: всё, что в нём было, теперь в plan-2022-2023.md" in result.stderr
    (folder / "plan-2022-2023.yaml").unlink()
    check = run_cli("check", "--config", str(example_site), "--strict")
    assert check.returncode == 0, check.stdout + check.stderr


def test_import_of_a_missing_file_says_it_is_not_found(example_site, tmp_path):
    missing = tmp_path / "нет" / "plan-2022-2023.docx"
    result = run_cli("import", str(missing), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode != 0 and "Файл не найден" in result.stderr and str(missing) in result.stderr
    assert "не понять" not in result.stderr
    odd = tmp_path / "План 2022.docx"
    result = run_cli("import", str(odd), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode != 0 and "Файл не найден" in result.stderr


def test_a_broken_sidecar_or_two_of_them_stop_the_import_before_writing(example_site, tmp_path):
    folder = example_site.parent / CLUSTER
    source = tmp_path / "plan-2022-2023.docx"
    source.write_bytes(word_plan())
    (tmp_path / "plan-2022-2023.yaml").write_text("version: 3\n", encoding="utf-8")
    result = run_cli("import", str(source), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode == 2 and "два описания" in result.stderr
    (folder / "plan-2022-2023.yaml").write_text("verison: 3\n", encoding="utf-8")
    (tmp_path / "plan-2022-2023.yaml").unlink()
    result = run_cli("import", str(source), "--cluster", "edu", "--config", str(example_site))
    assert result.returncode == 1 and f"{CLUSTER}/plan-2022-2023.yaml" in result.stderr, result.stderr
    assert not (folder / "plan-2022-2023.md").exists()
