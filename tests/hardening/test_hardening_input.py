"""Bad input: every kind of mistake a person makes gets a diagnostic with file, line (column
where known), what is wrong in Russian and what to write instead; hostile YAML and
Markdown are refused or defused quickly; BOM and CRLF are accepted silently."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hardening_fixture import CL, run_build, run_check, site_files, tree_hashes, write_site

REPO = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(r"\b(found|expected|mapping|scalar|could not|while|token|stream|block|character)\b", re.I)


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def _russian(d) -> None:
    assert re.search("[А-Яа-яЁё]", d.message) and re.search("[А-Яа-яЁё]", d.hint), d
    assert not ENGLISH.search(d.message), f"English in the message: {d.message}"


# --------------------------------------------------------------------------- YAML syntax

YAML_MISTAKES = [
    # (name, cluster.yaml text transformation, expected code, line needle or number, column)
    ("colon in a value", ("short_name: Информационные технологии", "short_name: ИТ: кластер"), "yaml.syntax",
     "short_name:", 15),
    ("tab indent", ("  short_name: ТТИТ", "\tshort_name: ТТИТ"), "yaml.tab", "short_name: ТТИТ", 1),
    ("tab before a list item", ("  - name: ООО «Рубиус»", "\t- name: ООО «Рубиус»"), "yaml.tab", "ООО «Рубиус»", 1),
    ("unclosed quote", ("short_name: Информационные технологии", 'short_name: "Информационные технологии'),
     "yaml.syntax", None, None),
    ("unclosed bracket", ("professions:\n", "professions: [Программист\n"), "yaml.syntax", None, None),
    ("bad indent", ("  short_name: ТТИТ", " short_name: ТТИТ"), "yaml.syntax", "short_name: ТТИТ", None),
    ("list indent", ("  - name: ООО «Рубиус»", "    - name: ООО «Рубиус»"), "yaml.syntax", None, None),
    ("at sign", ("  email: cluster-it@example.ru", "  email: @cluster"), "yaml.syntax", "email:", 10),
    ("backtick", ("  phone: +7 (3822) 00-00-01", "  phone: `+7`"), "yaml.syntax", "phone:", 10),
    ("undefined alias", ("  short_name: ТТИТ", "  short_name: *ttit"), "yaml.syntax", "short_name: *", 15),
    ("alias of a Cyrillic name", ("  short_name: ТТИТ", "  short_name: *ТТИТ"), "yaml.syntax", "short_name: *", 16),
    ("duplicate key", ("established: true", "established: true\nestablished: false"), "yaml.duplicate-key",
     "established: false", 1),
    ("second document", ("established: true", "established: true\n---\nx: 1"), "yaml.syntax", "---", 1),
    ("date that does not exist", ("    date: 2022-12-20", "    date: 2022-12-32"), "yaml.value", "date:", None),
    ("unknown tag", ("  short_name: ТТИТ", "  short_name: !ttit техникум"), "yaml.value", "short_name: !", None),
    ("Cyrillic tag", ("  short_name: ТТИТ", "  short_name: !ТТИТ техникум"), "yaml.syntax", "short_name: !", None),
    ("python tag", ("  short_name: ТТИТ", "  short_name: !!python/object:os.system x"), "yaml.value",
     "short_name: !!", None),
    ("text after a quote", ("  short_name: ТТИТ", '  short_name: "ТТИТ" техникум'), "yaml.syntax",
     'short_name: "ТТИТ"', None),
    ("control character", ("  short_name: ТТИТ", "  short_name: ТТ\x07ИТ"), "yaml.syntax", "ТТ\x07ИТ", 17),
]


@pytest.mark.parametrize("name,edit,code,where,column", YAML_MISTAKES, ids=[m[0] for m in YAML_MISTAKES])
def test_yaml_mistakes(name, edit, code, where, column, tmp_path):
    files = site_files()
    rel = f"{CL}/cluster.yaml"
    text = files[rel].decode()
    assert edit[0] in text
    text = text.replace(edit[0], edit[1], 1)
    files[rel] = text.encode()
    _, diags = run_check(write_site(tmp_path / "s", files))
    found = [d for d in diags if d.file == rel and d.code == code]
    assert found, [(d.code, d.file, d.line, d.message) for d in diags]
    d = found[0]
    assert d.line, d
    if isinstance(where, str):
        assert d.line == _line(text, where), (d, text)
    if column is not None:
        assert d.column == column, d
    _russian(d)


def test_yaml_mistake_in_front_matter_has_the_file_line(tmp_path):
    files = site_files()
    rel = f"{CL}/plan-2022-2023.md"
    text = files[rel].decode().replace("  name: А. В. Смирнов", "\tname: А. В. Смирнов")
    files[rel] = text.encode()
    _, diags = run_check(write_site(tmp_path / "s", files))
    [d] = [d for d in diags if d.code == "yaml.tab"]
    assert (d.file, d.line, d.column) == (rel, _line(text, "name: А. В. Смирнов"), 1)


# --------------------------------------------------------------------------- limits

def _billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    return text


DEEP = {
    "billion laughs": _billion_laughs(),
    "10000-deep flow list": "a: " + "[" * 10000 + "]" * 10000 + "\n",
    "10000-deep block list": "a:\n" + "- " * 10000 + "x\n",
    "10000-deep indented list": "".join(" " * i + "-\n" for i in range(10000)),
    "10000-deep mapping": "".join(" " * i + f"k{i}:\n" for i in range(10000)),
    "10000-deep flow mapping": "{a: " * 10000 + "1" + "}" * 10000,
    "quadratic alias fan-out": "a: &a [" + ",".join(["x"] * 1000) + "]\nb: [" + ",".join(["*a"] * 1000) + "]\n",
}


@pytest.mark.parametrize("name", list(DEEP))
@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_yaml_bombs_are_refused_quickly(name, loader, monkeypatch):
    from clusterpages.content.read import yamlload
    if loader == "pure-python":
        monkeypatch.setattr(yamlload, "_loader_class", lambda: yaml.SafeLoader)
    elif not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML without libyaml")
    started = time.perf_counter()
    located, diags = yamlload.load(DEEP[name], "content/clusters/it/videos.yaml", line_offset=0)
    elapsed = time.perf_counter() - started
    assert located is None
    [d] = diags
    assert d.code == "yaml.limit" and d.line and d.hint, d
    _russian(d)
    assert elapsed < 0.5, f"{name}: {elapsed:.2f} s"


def test_deep_yaml_in_front_matter_is_refused(tmp_path):
    files = site_files()
    rel = f"{CL}/pages/about.md"
    text = files[rel].decode().replace("tags: [точки-роста]", "tags: " + "[" * 5000 + "]" * 5000)
    files[rel] = text.encode()
    started = time.perf_counter()
    _, diags = run_check(write_site(tmp_path / "s", files))
    assert time.perf_counter() - started < 3
    [d] = [d for d in diags if d.file == rel]
    assert d.code == "yaml.limit" and d.line == _line(text, "tags:")


def test_ordinary_nesting_is_not_a_bomb():
    from clusterpages.content.read import yamlload
    for path in sorted(REPO.glob("content/**/*.yaml")) + [REPO / "site_config.yaml"]:
        depth, _ = yamlload.text_depth(path.read_text(encoding="utf-8"))
        assert depth <= 12, (path, depth)
    text = "transcript: |\n" + "".join(" " * (2 + i) + "строка\n" for i in range(300))
    located, diags = yamlload.load(text, "x.yaml")
    assert located is not None and not diags


MARKDOWN_BOMBS = {
    "400-deep list": "".join("    " * i + "- пункт\n" for i in range(400)),
    "3000-deep quote": "> " * 3000 + "текст",
    "list in quotes": "".join("> " * i + "- x\n" for i in range(300)),
    "20000 brackets": "[" * 20000,
    "5000 link openers": "[x](" * 5000,
    "5000 autolink openers": "<http://" * 5000,
    "5000 image openers": "![" * 5000,
    "huge character reference": "&#" + "9" * 10000 + ";",
    "20000 emphasis": "*a " * 20000,
}


@pytest.mark.parametrize("name", list(MARKDOWN_BOMBS))
def test_markdown_bombs_render_quickly(name):
    from clusterpages.content.documents import markup
    started = time.perf_counter()
    r = markup.render(MARKDOWN_BOMBS[name])
    inline = markup.render_inline(MARKDOWN_BOMBS[name][:20000])
    assert time.perf_counter() - started < 3, name
    assert "<script" not in r.html and "<script" not in inline.html


def test_markdown_unchanged_by_the_defusing():
    from clusterpages.content.documents import markup, mdparser
    text = ("См. [сайт](https://example.ru/) и ![фото](media/x.png) (скобки) [ссылка][1], <b>жирный</b>\n\n"
            "- пункт\n    - вложенный\n\n> цитата\n\n[1]: https://example.ru/a\n")
    assert markup._defuse(text) == text and not markup._too_deep(text)
    many = " ".join(f"[ссылка {i}](https://example.ru/{i}) (примечание {i})" for i in range(100))
    assert markup.render(many).html == markup.sanitize(mdparser.fresh().convert(many)).html


def test_aligned_table_keeps_alignment_without_a_warning():
    from clusterpages.content.documents import markup
    r = markup.render("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert not r.removed
    assert 'style="text-align:left"' in r.html and 'style="text-align:right"' in r.html
    r = markup.render('<p style="position:fixed;top:0">x</p>\n\n<td style="text-align:left;position:fixed">')
    assert "position" not in r.html and "style=position" in r.removed


def test_content_classes_cannot_reach_the_theme():
    from clusterpages.content.documents import markup
    r = markup.render('<div class="a11y-toggle slides-nav">x</div>\n\n```python\nx = 1\n```')
    assert "a11y-toggle" not in r.html and "slides-nav" not in r.html
    assert 'class="language-python"' in r.html
    assert "class=a11y-toggle" in r.removed


# --------------------------------------------------------------------------- encodings, BOM, CRLF

def test_cp1251_file_says_cp1251(tmp_path):
    files = site_files()
    rel = f"{CL}/plan-2022-2023.md"
    files[rel] = files[rel].decode().encode("cp1251", errors="replace")
    _, diags = run_check(write_site(tmp_path / "s", files))
    [d] = [d for d in diags if d.file == rel]
    assert d.code == "file.encoding" and d.line == 2 and d.column == 8
    assert "cp1251" in d.message and "Word" in d.message and "UTF-8" in d.hint


@pytest.mark.parametrize("codec,shown", [("koi8_r", "KOI8-R"), ("cp866", "CP866"), ("utf-16", "UTF-16"),
                                         ("utf-16-le", "UTF-16")])
def test_other_encodings_are_named(codec, shown, tmp_path):
    files = site_files()
    rel = f"{CL}/cluster.yaml"
    files[rel] = files[rel].decode().replace("«", '"').replace("»", '"').encode(codec)
    _, diags = run_check(write_site(tmp_path / "s", files))
    [d] = [d for d in diags if d.file == rel and d.code == "file.encoding"]
    assert shown in d.message and d.hint and d.line


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"])
def test_empty_files(content, tmp_path):
    files = site_files()
    files[f"{CL}/videos.yaml"] = content
    _, diags = run_check(write_site(tmp_path / "s", files))
    [d] = [d for d in diags if d.file == f"{CL}/videos.yaml"]
    assert d.code == "file.empty" and d.line == 1 and d.hint


def _crlf_bom_copy(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst)
    for path in dst.rglob("*"):
        if path.suffix in (".md", ".yaml", ".yml") and path.is_file():
            text = path.read_bytes().decode("utf-8")
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


def test_crlf_and_bom_build_byte_identical_to_the_original(tmp_path, example_build):
    # the original: the run's shared build of the example (in-process, serial, --strict)
    _crlf_bom_copy(example_build.site, tmp_path / "windows")
    first = example_build.result
    second = run_build(tmp_path / "windows" / "site_config.yaml", tmp_path / "out-windows", strict=True)
    from clusterpages.values import diagnostics as dg
    assert not [d for d in second.diagnostics if d.severity != dg.INFO], second.diagnostics
    assert [(d.code, d.file, d.line) for d in first.diagnostics] == [(d.code, d.file, d.line) for d in second.diagnostics]
    a, b = example_build.hashes, tree_hashes(tmp_path / "out-windows")
    assert a == b, sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))[:20]


# --------------------------------------------------------------------------- types, keys, colours, tables

def test_wrong_types_and_unknown_keys(tmp_path):
    files = site_files()
    rel = f"{CL}/report-2021-2022.md"
    text = files[rel].decode()
    text = (text.replace("value: 1250", "value: [1250]").replace("previous: 1180", "previous: .nan")
            .replace("published: 2022-12-20", "published: вчера").replace("unit: чел.", "unti: чел."))
    files[rel] = text.encode()
    vrel = f"{CL}/videos.yaml"
    vtext = files[vrel].decode().replace("kind: profession", "kind: Profession").replace("date: 2023-01-25", "date: 2023")
    files[vrel] = vtext.encode()
    _, diags = run_check(write_site(tmp_path / "s", files))
    got = {(d.code, d.file, d.line) for d in diags}
    assert ("schema.type", rel, _line(text, "value: [1250]")) in got
    assert ("schema.type", rel, _line(text, "previous: .nan")) in got
    assert ("schema.type", rel, _line(text, "published:")) in got
    assert ("schema.unknown-key", rel, _line(text, "unti:")) in got
    assert ("schema.choice", vrel, _line(vtext, "kind:")) in got
    assert ("schema.type", vrel, _line(vtext, "date: 2023")) in got
    unknown = next(d for d in diags if d.code == "schema.unknown-key")
    assert "«unit»" in unknown.hint
    choice = next(d for d in diags if d.code == "schema.choice")
    assert "profession" in choice.hint
    for d in diags:
        if d.code.startswith("schema."):
            _russian(d)


COLOURS = ['"rgb(11, 79, 138)"', '"rgba(11, 79, 138, 0.5)"', '"hsl(210, 85%, 29%)"', '"0b4f8a"', "0b4f8a",
           '"#0b4f8a80"', '"#0b4f8"', '"#0в4f8а"', '"#GGGGGG"', "синий", "navy", "123456", "[1, 2, 3]",
           '"#0b4f8a;"', '"0x0b4f8a"', "transparent", "true", "#0b4f8a", '""']


@pytest.mark.parametrize("value", COLOURS)
def test_colours_in_every_wrong_notation(value, tmp_path):
    files = site_files()
    text = files["site_config.yaml"].decode().replace('primary: "#0b4f8a"', f"primary: {value}")
    files["site_config.yaml"] = text.encode()
    ctext = files[f"{CL}/cluster.yaml"].decode().replace("accent: primary", f"accent: {value}")
    files[f"{CL}/cluster.yaml"] = ctext.encode()
    _, diags = run_check(write_site(tmp_path / "s", files))
    cfg = [d for d in diags if d.file == "site_config.yaml" and d.line == _line(text, "primary:")]
    clu = [d for d in diags if d.file == f"{CL}/cluster.yaml" and d.line == _line(ctext, "accent:")]
    assert cfg and cfg[0].code in ("config.color", "schema.required", "schema.type"), diags
    if value != "#0b4f8a" and value != '""':  # an unquoted «#…» is a comment: accent falls back to primary
        assert clu and clu[0].code in ("cluster.color", "schema.type"), diags
    for d in cfg + clu:
        assert d.severity == "error" and d.hint, d
        assert "#" in d.hint or d.code == "schema.type", d  # a list where a colour belongs: «одно значение»
        _russian(d)
    if value == "#0b4f8a":
        assert "кавычки" in cfg[0].hint


def test_ragged_rows_and_missing_files(tmp_path):
    files = site_files()
    rel = f"{CL}/plan-2022-2023.md"
    text = files[rel].decode().replace("| 2 | Отчёт кластера", "| 2 | Отчёт | кластера")
    text = text.replace("| 3 | Стажировки преподавателей | март 2023 | Д. А. Соколов | Шесть стажировок | в работе |",
                        "| 3 | Стажировки преподавателей | март 2023 |")
    files[rel] = text.encode()
    ctext = files[f"{CL}/cluster.yaml"].decode().replace("logo: media/logo.svg", "logo: media/logo.png")
    files[f"{CL}/cluster.yaml"] = ctext.encode()
    _, diags = run_check(write_site(tmp_path / "s", files))
    got = {(d.code, d.file, d.line) for d in diags}
    assert ("plan.table-ragged", rel, _line(text, "| 2 | Отчёт")) in got
    assert ("plan.table-ragged", rel, _line(text, "| 3 | Стажировки")) in got
    assert ("path.missing", f"{CL}/cluster.yaml", _line(ctext, "logo:")) in got


# --------------------------------------------------------------------------- all at once, sorted; formats

def _broken_everywhere() -> dict[str, bytes]:
    files = site_files()
    for rel, old, new in [
        (f"{CL}/videos.yaml", "kind: profession", "kind: профессия"),
        (f"{CL}/cluster.yaml", "short_name: Информационные технологии", "shrot_name: ИТ"),
        (f"{CL}/pages/about.md", "title: О кластере", "title: О кластере\nauthor: Я"),
        ("content/protocols/protocol-4.md", "number: 4", "number: 4\nnumbr: 5"),
        ("site_config.yaml", "language: ru", "language: ru\nlang: ru"),
        (f"{CL}/championships/start-2023.md", "end: 2023-03-17", "end: 2023-03-01"),
    ]:
        files[rel] = files[rel].decode().replace(old, new, 1).encode()
    return files


def test_every_diagnostic_of_a_run_is_reported_sorted(tmp_path):
    from clusterpages import cli
    config = write_site(tmp_path / "s", _broken_everywhere())
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["check", "--config", str(config), "--format", "json", "--as-of", "2023-02-15"])
    assert code == 1
    diags = json.loads(out.getvalue())
    files = {d["file"] for d in diags}
    assert {f"{CL}/videos.yaml", f"{CL}/cluster.yaml", f"{CL}/pages/about.md", "content/protocols/protocol-4.md",
            "site_config.yaml", f"{CL}/championships/start-2023.md"} <= files
    keys = [(d["file"], d["line"] or 0, d["column"] or 0) for d in diags]
    assert keys == sorted(keys)
    for d in diags:
        assert d["message"] and d["hint"] and d["file"], d


@pytest.mark.parametrize("command", ["check", "build"])
def test_github_format_for_check_and_build(command, tmp_path):
    from clusterpages import cli
    config = write_site(tmp_path / "s", _broken_everywhere())
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([command, "--config", str(config), "--format", "github", "--as-of", "2023-02-15"])
    assert code == 1
    lines = [l for l in (out.getvalue() + err.getvalue()).splitlines() if l.startswith("::")]
    errors = [l for l in lines if l.startswith("::error ")]
    assert len(errors) >= 6
    for l in errors:
        assert re.match(r"^::error file=[^,:]+,line=\d+(,col=\d+)?,title=[a-z.%0-9A-F-]+::\S", l), l
    assert any(f"file={CL}/cluster.yaml," in l for l in errors)


def test_github_escaping_follows_the_workflow_command_rules():
    from clusterpages.values import diagnostics as dg
    d = dg.error("yaml.syntax", "content/a,b:c%.md", 3, "100% ошибка:\r\nвторая строка, и всё", "подсказка: «x»",
                 column=5)
    line = dg.format_github(d)
    assert line == ("::error file=content/a%2Cb%3Ac%25.md,line=3,col=5,title=yaml.syntax::"
                    "100%25 ошибка:%0D%0Aвторая строка, и всё — подсказка: «x»")
    assert "\n" not in line and "\r" not in line
    w = dg.warning("html.in-yaml", "site_config.yaml", None, "x")
    assert dg.format_github(w) == "::warning file=site_config.yaml,title=html.in-yaml::x"
    i = dg.info("sitemap.skipped", "", None, "y", "z")
    assert dg.format_github(i) == "::notice title=sitemap.skipped::y — z"


def test_unclosed_and_missing_front_matter_fences(tmp_path):
    files = site_files()
    page = files[f"{CL}/pages/about.md"].decode()
    files[f"{CL}/pages/unclosed.md"] = page.replace("tags: [точки-роста]\n---\n", "tags: [точки-роста]\n\n").encode()
    files[f"{CL}/pages/word-dash.md"] = ("—" + page[3:]).encode()
    files[f"{CL}/pages/no-fence.md"] = page.replace("---\n", "", 1).encode()
    _, diags = run_check(write_site(tmp_path / "s", files))
    by_file = {d.file: d for d in diags}
    d = by_file[f"{CL}/pages/unclosed.md"]
    assert d.code == "frontmatter.unclosed" and d.line == _line(page, "Подробности") and "---" in d.hint
    d = by_file[f"{CL}/pages/word-dash.md"]
    assert d.code == "frontmatter.missing" and d.line == 1 and "—" in d.message
    d = by_file[f"{CL}/pages/no-fence.md"]
    assert d.code == "frontmatter.missing" and d.line == 1


def test_html_comments_are_dropped_without_a_warning():
    from clusterpages.content.documents import markup
    r = markup.render("Текст <!-- заметка для себя --> дальше.\n\n<!--\nчерновик\n-->\n")
    assert "заметка" not in r.html and "черновик" not in r.html and not r.removed


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([">", "> ", " " * 20, "\t", "\n", "a", ">" * 10, " " * 49]), max_size=12))
def test_too_deep_looks_line_by_line_only_where_a_line_can_be(pieces):
    from clusterpages.content.documents import markup
    text = "".join(pieces)
    by_line = any(len(line) - len(line.lstrip(" \t")) > markup.MAX_INDENT
                  or line.lstrip().startswith(">" * (markup.MAX_QUOTE + 1))
                  or line.lstrip().count(">") > markup.MAX_QUOTE
                  and re.match(r"^\s*(?:>[ \t]?){%d}" % (markup.MAX_QUOTE + 1), line)
                  for line in text.split("\n"))
    assert markup._too_deep(text) == bool(by_line)
