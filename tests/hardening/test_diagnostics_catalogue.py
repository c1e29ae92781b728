"""Every diagnostic code the build can report has a test that makes it happen.

The codes are collected from the source (every code string passed to dg.error / warning /
info / make in clusterpages/*.py); a code without an entry in CATALOGUE fails
`test_every_code_has_a_case`, so a new code cannot appear untested. Each case builds a
small broken site (tests/hardening/test_hardening_fixture.py), runs the stage that reports the code
and checks the code, the file, the line and that the hint (what to write instead) is
not empty. docs/diagnostics.md lists every code once, with a Russian description; it is
kept in sync by `test_docs_list_every_code`.
"""

from __future__ import annotations

import ast
import atexit
import functools
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from test_hardening_fixture import AS_OF, CL, site_files, write_site

from clusterpages.content.read.location import BUNDLED_THEME

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "clusterpages"
DOCS = REPO / "docs" / "diagnostics.md"

CODE = re.compile(r"^[a-z][a-z0-9]*(?:\.[a-z0-9][a-z0-9-]*)+$")
_ARG = {"error": 0, "warning": 0, "info": 0, "make": 1}


# --------------------------------------------------------------------------- collecting codes

def _codes_in(node: ast.AST) -> set[str]:
    return {c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)
            and CODE.match(c.value)}


def _returned_codes(func: ast.FunctionDef) -> set[str]:
    """Codes a helper returns as the first element of a tuple (`return ("yaml.tab", …)`)."""
    out: set[str] = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts:
            out |= _codes_in(node.value.elts[0])
    return out


def collect_codes() -> dict[str, set[str]]:
    """code → the modules that report it, from every dg.error/warning/info/make call."""
    found: dict[str, set[str]] = {}
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}
    # A helper that returns a code may live in another module (yamlload → yamlerrors.explain).
    everywhere = {n.name: n for tree in trees.values() for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    for path, tree in trees.items():
        helpers = {**everywhere, **{n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}}
        scopes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))] + [tree]
        for scope in scopes:
            assigned: dict[str, list[ast.AST]] = {}
            for node in ast.walk(scope):
                if not isinstance(node, ast.Assign):
                    continue
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
                    elif isinstance(target, ast.Tuple) and target.elts and isinstance(target.elts[0], ast.Name) \
                            and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) \
                            and node.value.func.id in helpers:
                        assigned.setdefault(target.elts[0].id, []).append(helpers[node.value.func.id])
            for node in ast.walk(scope):
                if not isinstance(node, ast.Call):
                    continue
                f = node.func
                if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "dg":
                    name = f.attr
                elif isinstance(f, ast.Name) and path.name == "diagnostics.py":
                    name = f.id
                else:
                    continue
                if name not in _ARG:
                    continue
                i = _ARG[name]
                arg = node.args[i] if len(node.args) > i else next(
                    (k.value for k in node.keywords if k.arg == "code"), None)
                if arg is None:
                    continue
                sources: list[ast.AST] = assigned.get(arg.id, []) if isinstance(arg, ast.Name) else [arg]
                codes: set[str] = set()
                for src in sources:
                    codes |= _returned_codes(src) if isinstance(src, ast.FunctionDef) else _codes_in(src)
                for code in codes:
                    found.setdefault(code, set()).add(path.name)
    # a cross-check by plain text: `dg.error("code"` written on one line is always seen
    text = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    for code in re.findall(r"dg\.(?:error|warning|info)\(\s*\"([a-z0-9.-]+)\"", text):
        found.setdefault(code, set()).add("?")
    return found


# --------------------------------------------------------------------------- scenarios

def _line(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for n, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in the text")


def _edit(files: dict[str, bytes], rel: str, old: str, new: str, count: int = 1) -> str:
    text = files[rel].decode("utf-8")
    assert old in text, (rel, old)
    text = text.replace(old, new, count)
    files[rel] = text.encode("utf-8")
    return text


_WORK = Path(tempfile.mkdtemp(prefix="cp-catalogue-"))
atexit.register(shutil.rmtree, _WORK, True)


def _fresh(name: str) -> Path:
    root = _WORK / name
    shutil.rmtree(root, ignore_errors=True)
    return root


def _check(name: str, files: dict[str, bytes], prepare: Callable[[Path], None] | None = None):
    from clusterpages import pipeline
    config = write_site(_fresh(name), files)
    if prepare:
        prepare(config.parent)
    site, diags = pipeline.prepare(config, None, AS_OF)
    return diags


def _produce(name: str, files: dict[str, bytes], prepare: Callable[[Path], None] | None = None,
             previous_manifest: dict | None = None):
    from clusterpages import pipeline
    from clusterpages.values import diagnostics as dg
    config = write_site(_fresh(name), files)
    if prepare:
        prepare(config.parent)
    site, diags = pipeline.prepare(config, None, AS_OF)
    assert site is not None and not [d for d in diags if d.severity == dg.ERROR], diags
    _, _, sub = pipeline.produce(site, config.parent, previous_manifest)
    return list(diags) + list(sub)


@dataclass(frozen=True)
class Case:
    code: str
    scenario: str                # key of SCENARIOS
    file: str | None             # expected file
    line: int | None | str       # expected line (None: about the whole file; "any": some line)
    xfail: str = ""              # a known gap: what must change, and where
    column: int | None = None


SCENARIOS: dict[str, Callable[[], list]] = {}
CASES: list[Case] = []


def scenario(name: str):
    def deco(fn):
        SCENARIOS[name] = functools.lru_cache(maxsize=1)(fn)
        return fn
    return deco


def case(code: str, scenario_name: str, file: str | None, line: int | None | str, xfail: str = "",
         column: int | None = None) -> None:
    CASES.append(Case(code, scenario_name, file, line, xfail, column))


# ---- files: encodings, empty, binary, unreadable, missing content

PAGE = f"{CL}/pages/about.md"
CLUSTER = f"{CL}/cluster.yaml"
PLAN = f"{CL}/plan-2022-2023.md"
MEDIA_PLAN = f"{CL}/media-plan-2022-2023.md"
REPORT = f"{CL}/report-2021-2022.md"
VIDEOS = f"{CL}/videos.yaml"
CHAMP = f"{CL}/championships/start-2023.md"
PROTOCOL = "content/protocols/protocol-4.md"
CONFIG = "site_config.yaml"


@scenario("files")
def _files():
    files = site_files()
    files[PAGE] = files[PAGE].decode("utf-8").encode("cp1251")
    files[f"{CL}/pages/empty.md"] = b"\n  \n"
    files[f"{CL}/pages/binary.md"] = b"---\ntitle: x\n---\nab\x00cd\n"
    files[f"{CL}/media/broken.svgz"] = b"not gzip"
    return _check("files", files)


case("file.encoding", "files", PAGE, 2)          # «title: О кластере»: the first Cyrillic byte
case("file.empty", "files", f"{CL}/pages/empty.md", 1)
case("file.binary", "files", f"{CL}/pages/binary.md", 4)
case("file.unreadable", "files", f"{CL}/media/broken.svgz", None)
case("file.unreadable", "unreadable", PAGE, None)


@scenario("unreadable")
def _unreadable():
    from clusterpages.content.read import fileio
    files = site_files()
    original = fileio.read_whole  # how the sources are read

    def read_whole(path, size=1 << 16):
        if Path(path).name == "about.md":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, size)
    fileio.read_whole = read_whole
    try:
        return _check("unreadable", files)
    finally:
        fileio.read_whole = original


@scenario("no-content")
def _no_content():
    files = {CONFIG: site_files()[CONFIG]}
    return _check("no-content", files)


case("site.no-content", "no-content", "content", None)


# ---- paths

@scenario("paths")
def _paths():
    files = site_files()
    _edit(files, CLUSTER, "logo: media/logo.svg", "logo: ../../../site_config.yaml")
    _edit(files, VIDEOS, "    poster: media/photo.png", "    poster: media/nope.jpg")
    files[f"{CL}/media/evil.svg"] = b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n'

    def link_out(root: Path):
        outside = root.parent / "outside-secret.txt"
        outside.write_text("secret", encoding="utf-8")
        os.symlink(outside, root / CL / "media" / "secret.txt")
    return _check("paths", files, link_out)


case("path.outside", "paths", CLUSTER, _line(site_files()[CLUSTER].decode(), "logo:"))
case("path.missing", "paths", VIDEOS, _line(site_files()[VIDEOS].decode(), "poster:"))
case("media.svg-active", "paths", f"{CL}/media/evil.svg", 2)


def _symlink_case(diags):
    return [d for d in diags if d.code == "path.outside" and d.file == f"{CL}/media/secret.txt" and d.line is None]


# ---- configuration

@scenario("config")
def _config():
    files = site_files()
    _edit(files, CONFIG, 'primary: "#0b4f8a"', 'primary: "rgb(11, 79, 138)"')
    _edit(files, CONFIG, "  start: 09-01", '  start: "13-45"')
    _edit(files, CONFIG, "as_of: 2023-02-15", "as_of: 2023-02-15\nbase_url: example.ru/clusters")
    return _check("config", files)


_CFG = site_files()[CONFIG].decode()
case("config.color", "config", CONFIG, _line(_CFG, "primary:") + 1)        # + the base_url line
case("config.month-day", "config", CONFIG, _line(_CFG, "  start: 09-01") + 1)
case("config.base-url", "config", CONFIG, _line(_CFG, "as_of:") + 1)


@scenario("config-list")
def _config_list():
    files = site_files()
    files[CONFIG] = b"- title: x\n- department: y\n"
    return _check("config-list", files)


case("config.not-mapping", "config-list", CONFIG, 1)


@scenario("contrast")
def _contrast():
    files = site_files()
    _edit(files, CONFIG, 'primary: "#0b4f8a"', 'primary: "#9ab8d8"')
    return _check("contrast", files)


case("contrast.pair", "contrast", CONFIG, _line(site_files()[CONFIG].decode(), "primary:"))


# ---- YAML

_CLU = site_files()[CLUSTER].decode()


@scenario("yaml-syntax")
def _yaml_syntax():
    files = site_files()
    _edit(files, CLUSTER, "short_name: Информационные технологии", "short_name: Кластер: ИТ")
    return _check("yaml-syntax", files)


case("yaml.syntax", "yaml-syntax", CLUSTER, _line(_CLU, "short_name: Информационные"), column=20)


@scenario("yaml-tab")
def _yaml_tab():
    files = site_files()
    _edit(files, CLUSTER, "  short_name: ТТИТ", "\tshort_name: ТТИТ")
    return _check("yaml-tab", files)


case("yaml.tab", "yaml-tab", CLUSTER, _line(_CLU, "  short_name: ТТИТ"), column=1)


@scenario("yaml-limit")
def _yaml_limit():
    files = site_files()
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    files[VIDEOS] = bomb.encode("utf-8")
    return _check("yaml-limit", files)


case("yaml.limit", "yaml-limit", VIDEOS, 1)      # the anchor whose references run over the limit


@scenario("yaml-value")
def _yaml_value():
    files = site_files()
    _edit(files, VIDEOS, "date: 2023-01-25", "date: 2023-13-45")
    return _check("yaml-value", files)


case("yaml.value", "yaml-value", VIDEOS, _line(site_files()[VIDEOS].decode(), "date:"))


@scenario("yaml-duplicate")
def _yaml_duplicate():
    files = site_files()
    _edit(files, CLUSTER, "established: true", "established: true\nestablished: false")
    return _check("yaml-duplicate", files)


case("yaml.duplicate-key", "yaml-duplicate", CLUSTER, _line(_CLU, "established:") + 1, column=1)


@scenario("yaml-list-indent")
def _yaml_list_indent():
    files = site_files()
    _edit(files, PLAN, "changes:\n  - Добавлены мероприятия медиаплана",
          "changes:\n  - Добавлены мероприятия медиаплана\n   - Исправлены сроки")
    _edit(files, PLAN, "updated: 2022-12-20", "updated: 20.12.2022")
    return _check("yaml-list-indent", files)


case("yaml.list-indent", "yaml-list-indent", PLAN,
     _line(site_files()[PLAN].decode(), "  - Добавлены мероприятия медиаплана") + 1, column=4)
case("schema.date-format", "yaml-list-indent", PLAN, _line(site_files()[PLAN].decode(), "updated:"))


# ---- front matter

@scenario("frontmatter")
def _frontmatter():
    files = site_files()
    page = site_files()[PAGE].decode()
    files[f"{CL}/pages/no-fence.md"] = page.replace("---\n", "", 2).encode("utf-8")
    files[f"{CL}/pages/unclosed.md"] = page.replace("tags: [точки-роста]\n---\n", "tags: [точки-роста]\n\n").encode()
    files[f"{CL}/pages/listed.md"] = b"---\n- title\n- date\n---\n\xd0\xa2\xd0\xb5\xd0\xba\xd1\x81\xd1\x82\n"
    return _check("frontmatter", files)


case("frontmatter.missing", "frontmatter", f"{CL}/pages/no-fence.md", 1)
case("frontmatter.unclosed", "frontmatter", f"{CL}/pages/unclosed.md",
     _line(site_files()[PAGE].decode(), "Подробности"))
case("frontmatter.not-mapping", "frontmatter", f"{CL}/pages/listed.md", 2)


# ---- the region's catalogue of indicators (content/indicators.yaml)

INDICATORS = "content/indicators.yaml"
_CATALOGUE = """\
indicators:
  - name: Обучающихся по программам кластера
    unit: чел.
    additive: true
  - name: Трудоустроено выпускников
    unit: "%"
    additive: true
  - name: Обучающихся по программам кластера
    unit: чел.
    additive: true
  - name: Доля целевиков
    unit: "%"
    additive: false
    base: Обучающихся по програмам
"""


@scenario("catalogue")
def _catalogue():
    files = site_files()
    files[INDICATORS] = _CATALOGUE.encode("utf-8")
    return _check("catalogue", files)


case("indicators.additive-percent", "catalogue", INDICATORS, _line(_CATALOGUE, "Трудоустроено"))
case("indicators.duplicate", "catalogue", INDICATORS, _line(_CATALOGUE, "  - name: Доля") - 3)
case("indicators.base", "catalogue", INDICATORS, _line(_CATALOGUE, "Доля целевиков"))


@scenario("report-indicators")
def _report_indicators():
    files = site_files()
    files[INDICATORS] = _CATALOGUE.split("  - name: Трудоустроено")[0].encode("utf-8")
    _edit(files, REPORT, "    group: Контингент", "    group: Контингент\n  - name: Обучающихся по програмам\n    value: 5\n"
          "    unit: чел.\n  - name: Обучающихся по программам кластера\n    value: 7\n    unit: \"%\"")
    return _check("report-indicators", files)


_REP = site_files()[REPORT].decode()
case("report.indicator-unknown", "report-indicators", REPORT, _line(_REP, "    group: Контингент") + 1)
case("report.indicator-unit", "report-indicators", REPORT, _line(_REP, "    group: Контингент") + 6)


# ---- schema

@scenario("schema")
def _schema():
    files = site_files()
    _edit(files, CLUSTER, "short_name: Информационные технологии", "shrot_name: Информационные технологии")
    _edit(files, REPORT, "value: 1250", "value: много")
    _edit(files, VIDEOS, "kind: profession", "kind: профессия")
    _edit(files, CLUSTER, "url: https://example.ru/ttit/", "url: javascript:alert(1)")
    _edit(files, CLUSTER, "name: АО «Микран»", "name: АО «Микран» <img src=x onerror=alert(1)>")
    _edit(files, PLAN, "academic_year: 2022-2023", "academic_year: 2022")
    return _check("schema", files)


case("schema.unknown-key", "schema", CLUSTER, _line(_CLU, "short_name: Информационные"))
case("schema.required", "schema", CLUSTER, 1)
case("schema.type", "schema", REPORT, _line(site_files()[REPORT].decode(), "value: 1250"))
case("schema.choice", "schema", VIDEOS, _line(site_files()[VIDEOS].decode(), "kind:"))
case("schema.url", "schema", CLUSTER, _line(_CLU, "url: https://example.ru/ttit/"))
case("html.in-yaml", "schema", CLUSTER, _line(_CLU, "name: АО «Микран»"))
case("schema.academic-year", "schema", PLAN, _line(site_files()[PLAN].decode(), "academic_year:"))


# ---- documents

_PLAN_TEXT = site_files()[PLAN].decode()
_ROW3 = "| 3 | Стажировки преподавателей | март 2023 | Д. А. Соколов | Шесть стажировок | в работе |"


@scenario("documents")
def _documents():
    files = site_files()
    _edit(files, PAGE, "Подробности", "Текст.\n\nЕщё <script>alert(1)</script> текст.\n\nПодробности")
    _edit(files, MEDIA_PLAN, "academic_year: 2022-2023", "academic_year: 2021-2022")
    _edit(files, CLUSTER, "accent: primary", 'accent: "#12345"')
    _edit(files, CLUSTER, "  - name: ООО «Рубиус»", "  - name: ООО «Рубиус»\n  - name: ООО «Рубиус»")
    _edit(files, CHAMP, "end: 2023-03-17", "end: 2023-03-01")
    _edit(files, VIDEOS, "    profession: Программист", "    file: media/photo.png\n    profession: Программист")
    files[VIDEOS] += ("  - title: Второй ролик\n    kind: other\n    url: https://example.ru/video/1\n"
                      "    date: 2023-01-26\n"
                      "  - title: Третий ролик\n    kind: other\n    url: https://rutube.ru/video/7486691dec18f1d9d742b7076e106a6a/\n"
                      "    duration: три минуты\n    date: 2023-01-27\n").encode("utf-8")
    _edit(files, PROTOCOL, "  - number: 2", "  - number: 1")
    _edit(files, PROTOCOL, 'deadline: "до 01.04.2023"', 'deadline: "когда-нибудь"')
    _edit(files, PLAN, _ROW3, _ROW3.replace("март 2023", "когда-нибудь") + "\n| 4 | Лишняя ячейка | 01.03.2023 | Я | Итог | | ещё |")
    _edit(files, PLAN, "План утверждён советом кластера.",
          "План утверждён советом кластера.\n\n| № | Срок | Ответственный |\n|---|---|---|\n| 1 | 01.03.2023 | Я |\n"
          "\n| № | Мероприятие | Ответственный |\n|---|---|---|\n| 1 | Совет | Я |\n"
          "\n| № | Направление | Кто |\n|---|---|---|\n| 1 | Совет | Я |\n"
          "\n<table><tr><td>1</td><td>Совет</td><td>01.03.2023</td></tr></table>\n")
    return _check("documents", files)


_VID = site_files()[VIDEOS].decode()
_PROT = site_files()[PROTOCOL].decode()
case("html.sanitized", "documents", PAGE, _line(site_files()[PAGE].decode(), "Подробности") + 2)
case("plan.year-mismatch", "documents", MEDIA_PLAN, 3)
case("cluster.color", "documents", CLUSTER, _line(_CLU, "accent:"))
case("cluster.duplicate-partner", "documents", CLUSTER, _line(_CLU, "ООО «Рубиус»") + 1)
case("championship.dates", "documents", CHAMP, _line(site_files()[CHAMP].decode(), "end:"))
case("video.source", "documents", VIDEOS, _line(_VID, "  - title:"))
case("video.duration", "documents", VIDEOS, _VID.count("\n") + 1 + 4 + 4)  # + file line, 2nd video, 4th line
case("video.url", "documents", VIDEOS, _VID.count("\n") + 3 + 1)
case("protocol.duplicate-decision", "documents", PROTOCOL, _line(_PROT, "  - number: 2"))
case("protocol.deadline", "documents", PROTOCOL, _line(_PROT, 'deadline: "до 01.04.2023"'))
case("plan.table-html", "documents", PLAN, _line(_PLAN_TEXT, "План утверждён") + 14)
case("plan.deadline", "documents", PLAN, _line(_PLAN_TEXT, _ROW3) + 15)  # + the 14 lines of tables above
case("plan.table-ragged", "documents", PLAN, _line(_PLAN_TEXT, _ROW3) + 16)
case("plan.table-no-title", "documents", PLAN, _line(_PLAN_TEXT, "План утверждён") + 2)
case("plan.table-no-deadline", "documents", PLAN, _line(_PLAN_TEXT, "План утверждён") + 6)
case("plan.table-columns", "documents", PLAN, _line(_PLAN_TEXT, "План утверждён") + 10)


# ---- a plan copied from last year's: its head and rows disagree with its academic year

@scenario("plan-checks")
def _plan_checks():
    files = site_files()
    _edit(files, PLAN, "title: План работы кластера на 2022–2023 учебный год",
          "title: План работы кластера на 2021–2022 учебный год")
    _edit(files, PLAN, _ROW3, _ROW3.replace("март 2023", "март 2022"))
    _edit(files, PLAN, "  date: 2022-09-01", "  date: 2023-01-10")
    _edit(files, PLAN, "changes:\n  - Добавлены мероприятия медиаплана\n", "")
    return _check("plan-checks", files)


case("plan.title-year", "plan-checks", PLAN, _line(_PLAN_TEXT, "title:"))
case("plan.deadline-outside-year", "plan-checks", PLAN, _line(_PLAN_TEXT, _ROW3) - 2)  # two lines of changes removed
case("plan.approval-late", "plan-checks", PLAN, _line(_PLAN_TEXT, "  date: 2022-09-01"))
case("plan.version-unexplained", "plan-checks", PLAN, _line(_PLAN_TEXT, "version:"))


# ---- statuses and the evidence of protocol decisions

_ROW1 = "| 1 | Заседание совета кластера | 20.09.2022 | А. В. Смирнов | Протокол | выполнено |"


@scenario("statuses")
def _statuses():
    files = site_files()
    _edit(files, PLAN, _ROW3, _ROW3.replace("в работе", "почти готово"))
    _edit(files, PLAN, _ROW1, _ROW1.replace("выполнено", "выполнено — протокол от 20.03.2023")
          + "\n| 1а | Новогоднее видеообращение (п. 3 протокола № 4) | 23.12.2022 | А. В. Смирнов | Ролик | выполнено |")
    _edit(files, PROTOCOL, "---\nТекст протокола.",
          "  - number: 3\n    text: Новогодние видеообращения.\n    deadline: \"23.12.2022\"\n    evidence:\n"
          "      - type: video\n        kind: greeting\n---\nТекст протокола.")
    _edit(files, CLUSTER, "description: Кластер объединяет колледжи и ИТ-компании.",
          'description: "[ЗАПОЛНИТЕ: кратко о кластере]"')
    return _check("statuses", files)


case("plan.status-unknown", "statuses", PLAN, _line(_PLAN_TEXT, _ROW3) + 1)
case("content.placeholder", "statuses", CLUSTER, _line(_CLU, "description:"), column=15)
case("plan.status-dates", "statuses", PLAN, _line(_PLAN_TEXT, _ROW1))
case("protocol.evidence-conflict", "statuses", PLAN, _line(_PLAN_TEXT, _ROW1) + 1)


# ---- Word and Excel plans

@scenario("office")
def _office():
    import office_hostile as h
    from office_files import excel_plan, word_plan
    from office_links import OLE, PICTURE, word_with_links
    files = site_files()
    plan, media = "plan-2022-2023", "media-plan-2022-2023"
    slots = {
        "oa": {f"{plan}.docx": h.not_a_zip(), f"{media}.docx": h.encrypted()},
        "ob": {f"{plan}.docx": h.zip_bomb_declared(), f"{media}.docx": h.zip_bomb_lying()},
        "oc": {f"{plan}.docx": h.with_macros(), f"{media}.docx": h.with_external_image()},
        "od": {f"{plan}.docx": h.with_dtd(), f"{media}.xlsx": h.many_rows()},
        "oe": {f"{plan}.xlsx": excel_plan(), f"{plan}.yaml": "sheet: Нет такого\n".encode("utf-8"),
               f"{media}.docx": h.broken_xml()},
        "of": {f"{plan}.docx": word_plan(approval_date="«___» ____________ 2022 г."),
               f"{media}.docx": word_plan(title=False)},
        "og": {f"{plan}.docx": word_plan(), f"{plan}.md": files[PLAN], f"{media}.docx": h.too_large()},
        "oh": {f"{plan}.docx": word_with_links(picture=PICTURE, ole=OLE)},
    }
    for slug, extra in slots.items():
        files[f"content/clusters/{slug}/cluster.yaml"] = files[CLUSTER]
        for name, data in extra.items():
            files[f"content/clusters/{slug}/{name}"] = data
    return _check("office", files)


for _code, _slug, _name in (
        ("office.not-zip", "oa", "plan-2022-2023.docx"), ("office.encrypted", "oa", "media-plan-2022-2023.docx"),
        ("office.zip-bomb", "ob", "plan-2022-2023.docx"), ("office.damaged", "ob", "media-plan-2022-2023.docx"),
        ("office.macros", "oc", "plan-2022-2023.docx"), ("office.external", "oc", "media-plan-2022-2023.docx"),
        ("office.dtd", "od", "plan-2022-2023.docx"), ("office.too-many-rows", "od", "media-plan-2022-2023.xlsx"),
        ("office.sheet", "oe", "plan-2022-2023.yaml"), ("office.unreadable", "oe", "media-plan-2022-2023.docx"),
        ("office.approval-date", "of", "plan-2022-2023.docx"), ("office.no-title", "of", "media-plan-2022-2023.docx"),
        ("plan.two-sources", "og", "plan-2022-2023.md"), ("office.too-large", "og", "media-plan-2022-2023.docx"),
        ("office.link-ignored", "oh", "plan-2022-2023.docx"), ("office.linked-image", "oh", "plan-2022-2023.docx"),
        ("office.linked-object", "oh", "plan-2022-2023.docx")):
    case(_code, "office", f"content/clusters/{_slug}/{_name}", None)


# ---- how the site is put together

@scenario("assemble")
def _assemble():
    files = site_files()
    files[f"{CL}/pages/O_nas.md"] = site_files()[PAGE]
    files["content/clusters/sveden/cluster.yaml"] = site_files()[CLUSTER]
    files["content/clusters/orphan/plan-2022-2023.md"] = site_files()[PLAN]
    files["content/notes.md"] = "Заметки".encode("utf-8")
    second = site_files()[CLUSTER].decode().replace("short_name: Информационные технологии", "short_name: Второй")
    files["content/clusters/second/cluster.yaml"] = second.replace("logo: media/logo.svg\n", "").encode("utf-8")
    _edit(files, CLUSTER, "  - protocol: protocol-4\n    decision: 1",
          "  - protocol: protocol-9\n    decision: 1\n    link: pages/about.md\n    date: 2022-12-20\n"
          "  - protocol: protocol-4\n    decision: 7")
    _edit(files, PLAN, "Отчёт кластера (п. 1 протокола № 4)", "Отчёт кластера (п. 9 протокола № 4)")
    _edit(files, CHAMP, "partners: [АО «Микран»]", "partners: [АО «Неизвестное»]")
    return _check("assemble", files)


case("slug.invalid", "assemble", f"{CL}/pages/O_nas.md", None)
case("slug.reserved", "assemble", "content/clusters/sveden", None)
case("cluster.missing", "assemble", "content/clusters/orphan/cluster.yaml", None)
case("content.unknown-file", "assemble", "content/notes.md", None)
case("cluster.duplicate-name", "assemble", "content/clusters/second/cluster.yaml", 1)
case("evidence.protocol", "assemble", CLUSTER, _line(_CLU, "  - protocol: protocol-4"))
case("evidence.decision", "assemble", CLUSTER, _line(_CLU, "  - protocol: protocol-4") + 4)
case("plan.protocol-ref", "assemble", PLAN, _line(_PLAN_TEXT, "Отчёт кластера"))
case("championship.partner", "assemble", CHAMP, _line(site_files()[CHAMP].decode(), "partners:"))


PROTOCOL_1 = "content/protocols/protocol-1.md"
_PROTOCOL_1 = """\
---
title: Протокол № 1 совещания ведущих ПОО
number: 1
date: 2023-02-10
decisions:
  - number: 1
    text: Во исполнение п. 9 протокола № 4 от 06.12.2022 продолжить работу.
    deadline: "до 01.04.2023"
---
Текст протокола.
"""


@scenario("threads")
def _threads():
    files = site_files()
    files[PROTOCOL_1] = _PROTOCOL_1.encode("utf-8")
    return _check("threads", files)


case("protocol.reference", "threads", PROTOCOL_1, _line(_PROTOCOL_1, "Во исполнение п. 9"))


@scenario("no-items")
def _no_items():
    files = site_files()
    text = files[PLAN].decode()
    files[PLAN] = text[: text.index("## Организационная работа")].encode("utf-8")
    return _check("no-items", files)


case("plan.no-items", "no-items", PLAN, None)


# ---- rendering, the link check, publishing

@scenario("produce")
def _produce_links():
    files = site_files()
    _edit(files, PAGE, "[отчёте](../report-2021-2022.md)",
          "[отчёте](../report-2021-2022.md#nope), [заметки](../notes.txt)")
    files[f"{CL}/notes.txt"] = "заметки".encode("utf-8")
    _edit(files, PLAN, "| 3 | Стажировки преподавателей | март 2023 |", "| 3 | Стажировки преподавателей | |")
    return _produce("produce", files, previous_manifest={"files": ["not", "a", "manifest"]})


case("link.fragment", "produce", "output/clusters/it/pages/about/index.html", "any")
case("link.broken", "produce", "output/clusters/it/pages/about/index.html", "any")
case("calendar.undated", "produce", PLAN, None)
case("sitemap.skipped", "produce", CONFIG, None)
case("search.index", "produce", CONFIG, None)
case("since.manifest", "produce", "--since", None)


def _own_theme(root: Path, edits: dict[str, tuple[str, str]]) -> None:
    theme = root / "themes" / "brandbook"
    shutil.copytree(BUNDLED_THEME, theme)
    for rel, (old, new) in edits.items():
        path = theme / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@scenario("theme")
def _theme():
    edits = {
        "templates/page.html": ('<div class="prose">', '<a href="/absolute/">x</a><div class="prose">'),
        "templates/embed/page.html": ("<h2>", "<script>alert(1)</script><h2>"),
        "static/embed.css": (".cp-embed {", ".cp-embed { color: var(--cp-no-such-token);"),
    }
    return _produce("theme", site_files(), lambda root: _own_theme(root, edits))


case("link.absolute", "theme", "output/clusters/it/pages/about/index.html", "any")
case("embed.fragment", "theme", CLUSTER, None)
case("embed.css-token", "theme", "themes/brandbook/static/embed.css", None)


@scenario("template")
def _template():
    from clusterpages import pipeline
    files = site_files()
    config = write_site(_fresh("template"), files)
    _own_theme(config.parent, {"templates/page.html": ('<div class="prose">', '{{ page.no_such_field.x }}<div class="prose">')})
    site, diags = pipeline.prepare(config, None, AS_OF)
    _, _, sub = pipeline.produce(site, config.parent)
    return list(diags) + list(sub)


def _template_line() -> int:
    return _line((BUNDLED_THEME / "templates" / "page.html").read_text(encoding="utf-8"), '<div class="prose">')


case("template.error", "template", "themes/brandbook/templates/page.html", _template_line())


# ---- the preview server

@scenario("serve")
def _serve():
    from types import SimpleNamespace

    from clusterpages import pipeline
    from clusterpages.publish import write
    from clusterpages.serve import preview as serve
    from clusterpages.serve import server as serve_server
    config = write_site(_fresh("serve"), site_files())
    out = config.parent / "output"
    diags = []
    original_write, original_prepare = write.write_site, pipeline.prepare

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")
    write.write_site = no_space
    try:
        diags += serve.make_rebuild(config, out, None, False)().problems
    finally:
        write.write_site = original_write
    pipeline.prepare = lambda *a, **k: (None, [])  # the configuration could not be read
    try:
        diags += serve.make_rebuild(config, out, None, False)().problems
    finally:
        pipeline.prepare = original_prepare

    def crash(changed):
        raise ZeroDivisionError("division by zero")
    fake = SimpleNamespace(_rebuild=crash, _worker_busy=False)
    diags += serve_server.PreviewServer._guarded_rebuild(fake, None).problems
    return diags


case("serve.write", "serve", "<out>", None)
case("serve.config", "serve", CONFIG, None)
case("serve.build-crash", "serve", "", None)


# --------------------------------------------------------------------------- the tests

def _codes_of_cases() -> set[str]:
    return {c.code for c in CASES}


def test_every_code_has_a_case():
    codes = collect_codes()
    missing = sorted(set(codes) - _codes_of_cases())
    assert not missing, ("diagnostic codes without a case in tests/hardening/test_diagnostics_catalogue.py: "
                         + ", ".join(f"{c} ({', '.join(sorted(codes[c]))})" for c in missing))


def test_every_case_is_a_code():
    stale = sorted(_codes_of_cases() - set(collect_codes()))
    assert not stale, "cases for codes the source no longer reports: " + ", ".join(stale)


def test_collector_sees_codes_returned_by_helpers():
    codes = collect_codes()
    assert {"yaml.tab", "yaml.syntax", "yaml.limit", "path.missing", "path.outside"} <= set(codes)


def _matches(d, c: Case) -> bool:
    if d.code != c.code:
        return False
    if c.file == "<out>":
        return d.file.endswith("output")
    return d.file == c.file


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.code)
def test_code(c: Case, request):
    if c.xfail:
        request.applymarker(pytest.mark.xfail(reason=c.xfail, strict=True))
    diags = SCENARIOS[c.scenario]()
    if c.code == "path.outside" and c.scenario == "paths":
        assert _symlink_case(diags), "a symlink out of content/ is reported as path.outside with its file"
    found = [d for d in diags if _matches(d, c)]
    shown = "\n".join(f"  {d.code} {d.file}:{d.line}:{d.column} {d.message} → {d.hint}" for d in diags)
    assert found, f"no {c.code} for {c.file} in scenario {c.scenario!r}; got:\n{shown}"
    if c.line != "any":
        assert c.line in [d.line for d in found], (
            f"{c.code}: expected line {c.line}, got {[d.line for d in found]}\n{shown}")
    else:
        assert all(d.line for d in found), f"{c.code}: a line is expected\n{shown}"
    d = next(d for d in found if c.line == "any" or d.line == c.line)
    if c.column is not None:
        assert d.column == c.column, f"{c.code}: expected column {c.column}, got {d.column}"
    assert d.hint.strip(), f"{c.code}: the hint (what to write instead) is empty"
    assert d.message.strip() and re.search("[А-Яа-яЁё]", d.message), f"{c.code}: the message is not in Russian"
    assert re.search("[А-Яа-яЁё]", d.hint), f"{c.code}: the hint is not in Russian"


# --------------------------------------------------------------------------- docs/diagnostics.md

_DOC_LINE = re.compile(r"^- `([a-z0-9.-]+)` — (.+)$")


def documented() -> dict[str, str]:
    out = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        m = _DOC_LINE.match(line)
        if m:
            assert m.group(1) not in out, f"{m.group(1)} is listed twice in docs/diagnostics.md"
            out[m.group(1)] = m.group(2)
    return out


def test_docs_list_every_code():
    docs = documented()
    codes = set(collect_codes())
    assert not sorted(codes - set(docs)), "codes missing from docs/diagnostics.md: " + ", ".join(sorted(codes - set(docs)))
    assert not sorted(set(docs) - codes), "docs/diagnostics.md lists codes the source no longer reports: " + ", ".join(
        sorted(set(docs) - codes))
    for code, text in docs.items():
        assert re.search("[А-Яа-яЁё]", text), f"{code}: the description is not in Russian"


@scenario("external-image")
def _external_image():
    files = site_files()
    _edit(files, PAGE, "Подробности — в", "![Фото с выставки](https://example.org/foto.jpg)\n\nПодробности — в")
    return _check("external-image", files)


case("media.external", "external-image", PAGE, _line(_edit({PAGE: site_files()[PAGE]}, PAGE, "Подробности — в",
                                                               "![Фото с выставки](https://example.org/foto.jpg)\n\nПодробности — в"),
                                                         "https://example.org/foto.jpg"))
