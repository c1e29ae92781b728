"""The command line contract: commands, flags, exit codes, streams."""

from __future__ import annotations

import re

import hashlib
import json
from pathlib import Path

from conftest import run_cli


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_example_strict_exits_0_and_summarises(example_site):
    r = run_cli("build", "--config", str(example_site), "--strict")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert "записано файлов:" in r.stderr and "ошибок: 0" in r.stderr and "предупреждений: 0" in r.stderr
    out = example_site.parent / "output"
    assert (out / "index.html").is_file()
    assert (out / "clusters" / "it" / "plan-2022-2023" / "index.html").is_file()
    assert not (out / "sveden").exists()


def test_bare_command_is_build(it_site):
    r = run_cli(cwd=it_site.parent)
    assert r.returncode == 0, r.stderr
    assert (it_site.parent / "output" / "index.html").is_file()


def test_check_json_reports_broken_cluster_yaml_with_file_and_line(it_site):
    cluster = it_site.parent / "content" / "clusters" / "it" / "cluster.yaml"
    text = cluster.read_text(encoding="utf-8").replace("short_name:", "shrot_name:", 1)
    cluster.write_text(text, encoding="utf-8")
    expected_line = next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith("shrot_name:"))
    r = run_cli("check", "--config", str(it_site), "--format", "json")
    assert r.returncode == 1
    diags = json.loads(r.stdout)  # stdout carries only the JSON
    unknown = [d for d in diags if d["code"] == "schema.unknown-key"]
    assert unknown and unknown[0]["file"] == "content/clusters/it/cluster.yaml"
    assert unknown[0]["line"] == expected_line
    assert "short_name" in unknown[0]["hint"]
    assert {"severity", "code", "file", "line", "column", "message", "hint"} <= set(unknown[0])
    required = [d for d in diags if d["code"] == "schema.required"]
    assert required and required[0]["file"] == "content/clusters/it/cluster.yaml"


def test_check_writes_nothing(it_site):
    r = run_cli("check", "--config", str(it_site))
    assert r.returncode == 0, r.stdout + r.stderr
    assert not (it_site.parent / "output").exists()


def test_failed_build_leaves_previous_output_untouched(it_site):
    assert run_cli("build", "--config", str(it_site)).returncode == 0
    out = it_site.parent / "output"
    before = tree_hashes(out)
    plan = it_site.parent / "content" / "clusters" / "it" / "plan-2022-2023.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("title:", "title: \"unclosed", 1), encoding="utf-8")
    r = run_cli("build", "--config", str(it_site))
    assert r.returncode == 1
    assert "plan-2022-2023.md" in r.stderr and "не изменена" in r.stderr
    assert tree_hashes(out) == before
    assert not list(out.parent.glob(".output.tmp-*"))


def test_warnings_fail_only_under_strict(it_site):
    plan = it_site.parent / "content" / "clusters" / "it" / "plan-2022-2023.md"
    text = plan.read_text(encoding="utf-8")
    # An unknown deadline phrase is a warning: rendered, but --strict fails.
    lines = text.split("\n")
    row = next(i for i, l in enumerate(lines) if l.startswith("| 1 "))
    cells = lines[row].split("|")
    cells[3] = " когда-нибудь потом "
    lines[row] = "|".join(cells)
    plan.write_text("\n".join(lines), encoding="utf-8")
    r = run_cli("build", "--config", str(it_site))
    assert r.returncode == 0, r.stderr
    assert "plan.deadline" in r.stderr and f"plan-2022-2023.md:{row + 1}" in r.stderr
    r = run_cli("build", "--config", str(it_site), "--strict")
    assert r.returncode == 1


def test_usage_errors_exit_2(it_site, tmp_path):
    assert run_cli("build", "--no-such-flag").returncode == 2
    assert run_cli("build", "--as-of", "15.02.2023").returncode == 2
    r = run_cli("build", "--config", str(tmp_path / "missing.yaml"))
    assert r.returncode == 2 and "site_config.yaml" in r.stderr
    # An output folder that is the site root or content/ is refused.
    assert run_cli("build", "--config", str(it_site), "--out", str(it_site.parent)).returncode == 2
    assert run_cli("build", "--config", str(it_site), "--out", str(it_site.parent / "content")).returncode == 2


def test_unusable_config_exits_2(tmp_path):
    cfg = tmp_path / "site_config.yaml"
    cfg.write_text("title: [unclosed\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    r = run_cli("check", "--config", str(cfg))
    assert r.returncode == 2
    assert "site_config.yaml:" in r.stdout and "yaml.syntax" in r.stdout
    r = run_cli("build", "--config", str(cfg))
    assert r.returncode == 2 and not (tmp_path / "output").exists()


def test_help_on_every_command():
    for args in (["--help"], ["build", "--help"], ["check", "--help"], ["serve", "--help"], ["new", "--help"]):
        r = run_cli(*args)
        assert r.returncode == 0, args
        assert "использование:" in r.stdout and "usage" not in r.stdout.lower()
        assert "show this help" not in r.stdout and "options:" not in r.stdout


def test_as_of_flag_changes_the_status_date(it_site):
    r = run_cli("build", "--config", str(it_site), "--as-of", "2023-06-01")
    assert r.returncode == 0, r.stderr
    html = (it_site.parent / "output" / "index.html").read_text(encoding="utf-8")
    assert "По\u00a0состоянию на\u00a01\u00a0июня\u00a02023\u00a0г." in html


def test_source_date_epoch_is_the_fallback_as_of(it_site):
    import os
    cfg = it_site.read_text(encoding="utf-8")
    it_site.write_text("\n".join(l for l in cfg.split("\n") if not l.startswith("as_of:")), encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1680307200")  # 2023-04-01
    r = run_cli("build", "--config", str(it_site), env=env)
    assert r.returncode == 0, r.stderr
    assert "1\u00a0апреля\u00a02023\u00a0г." in (it_site.parent / "output" / "index.html").read_text(encoding="utf-8")


def test_new_cluster_scaffold_warns_until_its_placeholders_are_filled(it_site):
    r = run_cli("new", "cluster", "neftegaz", "--name", "Образовательно-отраслевой кластер нефтегазовой отрасли",
                "--config", str(it_site))
    assert r.returncode == 0, r.stderr
    assert "краткое название для меню не задано" in r.stderr
    folder = it_site.parent / "content" / "clusters" / "neftegaz"
    # the first plan follows the site's as-of date (2023-02-15 → 2022–2023), not the clock
    assert sorted(p.name for p in folder.glob("*.md")) == ["media-plan-2022-2023.md", "plan-2022-2023.md"]
    cluster = (folder / "cluster.yaml").read_text(encoding="utf-8")
    assert "Нефтегазов" not in cluster.split("short_name:")[1].split("\n")[0]  # no menu name guessed by grammar
    r = run_cli("build", "--config", str(it_site), "--strict")
    assert r.returncode == 1
    placeholders = [ln for ln in (r.stdout + r.stderr).splitlines() if "[content.placeholder]" in ln]
    assert len(placeholders) >= 4 and any("neftegaz/cluster.yaml:" in ln for ln in placeholders)
    assert any("neftegaz/plan-2022-2023.md:" in ln for ln in placeholders)
    # filled in, it builds strictly
    for path in folder.glob("*.*"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\[ЗАПОЛНИТЕ: краткое название для меню\]", "Нефть и газ", text)
        text = re.sub(r"\[ЗАПОЛНИТЕ: ([^\]]*)\]", lambda m: "Заполнено: " + m.group(1).split(" — ")[0], text)
        path.write_text(text, encoding="utf-8")
    r = run_cli("build", "--config", str(it_site), "--strict")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (it_site.parent / "output" / "clusters" / "neftegaz" / "index.html").is_file()
    # A second scaffold with the same slug, or a Cyrillic slug, is refused with exit 2.
    assert run_cli("new", "cluster", "neftegaz", "--name", "X", "--config", str(it_site)).returncode == 2
    r = run_cli("new", "cluster", "нефть", "--name", "X", "--config", str(it_site))
    assert r.returncode == 2 and "neft" in r.stderr


def test_new_cluster_takes_the_menu_name_and_the_as_of_date(it_site):
    r = run_cli("new", "cluster", "energo", "--name", "Образовательно-отраслевой кластер энергетики",
                "--short-name", "Энергетика", "--as-of", "2023-09-05", "--config", str(it_site))
    assert r.returncode == 0, r.stderr
    folder = it_site.parent / "content" / "clusters" / "energo"
    assert 'short_name: "Энергетика"' in (folder / "cluster.yaml").read_text(encoding="utf-8")
    assert (folder / "plan-2023-2024.md").is_file() and "не задано" not in r.stderr


def test_usage_errors_are_in_russian():
    for args, words in ((["new"], "не указаны обязательные аргументы"),
                        (["new", "village", "x", "--name", "X"], "недопустимое значение «village»"),
                        (["build", "--jobs", "x"], "не целое число"),
                        (["frob"], "недопустимое значение «frob»")):
        r = run_cli(*args)
        assert r.returncode == 2 and words in r.stderr, (args, r.stderr)
        for english in ("the following arguments", "invalid choice", "invalid int", "usage:", "choose from"):
            assert english not in r.stderr, (args, r.stderr)


def test_github_format_prints_annotations(it_site):
    cluster = it_site.parent / "content" / "clusters" / "it" / "cluster.yaml"
    cluster.write_text(cluster.read_text(encoding="utf-8") + "\nbogus_key: 1\n", encoding="utf-8")
    r = run_cli("check", "--config", str(it_site), "--format", "github")
    assert r.returncode == 1
    lines = [l for l in r.stdout.splitlines() if l]
    assert lines and all(l.startswith("::") for l in lines)
    assert any(l.startswith("::error file=content/clusters/it/cluster.yaml,line=") for l in lines)


def test_failing_brand_colour_names_the_pair_and_a_passing_shade(it_site):
    text = it_site.read_text(encoding="utf-8")
    line = next(i for i, l in enumerate(text.split("\n"), 1) if l.strip().startswith("primary:"))
    it_site.write_text(text.replace(text.split("\n")[line - 1], '    primary: "#7fb3e6"'), encoding="utf-8")
    r = run_cli("check", "--config", str(it_site), "--format", "json")
    diags = [d for d in json.loads(r.stdout) if d["code"] == "contrast.pair"]
    assert diags, r.stdout
    d = next(d for d in diags if d["message"].startswith("brandbook.palette.primary:") and "#7fb3e6" in d["message"])
    assert d["file"] == "site_config.yaml" and d["line"] == line
    assert "#7fb3e6" in d["message"] and ":1" in d["message"]
    assert "#" in d["hint"]
    assert r.returncode == 0  # a warning: the site can still be rendered
    r = run_cli("build", "--config", str(it_site), "--strict")
    assert r.returncode == 1 and "contrast.pair" in r.stderr


def test_a_ratio_just_below_the_minimum_is_not_printed_as_the_minimum(it_site):
    """#647b7d on white is 4.4956:1: it used to read «4.50:1, нужно не меньше 4.5:1»."""
    text = it_site.read_text(encoding="utf-8")
    it_site.write_text(text.replace('text: "#1a1a1a"', 'text: "#647b7d"'), encoding="utf-8")
    r = run_cli("check", "--config", str(it_site), "--format", "json")
    messages = [d["message"] for d in json.loads(r.stdout) if d["code"] == "contrast.pair"]
    text_on_bg = next(m for m in messages if m.startswith("brandbook.palette.text:"))
    assert "равен 4,496:1, а нужно не меньше 4,5:1" in text_on_bg, text_on_bg


def test_a_broken_theme_template_is_a_diagnostic_with_template_and_line(it_site, repo):
    import shutil
    theme = it_site.parent / "themes" / "brandbook"
    shutil.copytree(repo / "themes" / "brandbook", theme)
    page = theme / "templates" / "page.html"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(3, "{{ page.no_such_field.deeper }}")
    page.write_text("\n".join(lines), encoding="utf-8")
    r = run_cli("build", "--config", str(it_site))
    assert r.returncode == 1
    assert "themes/brandbook/templates/page.html:4" in r.stderr and "template.error" in r.stderr
    assert "Traceback" not in r.stderr
