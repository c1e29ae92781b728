"""Hostile content: a site whose every field holds known XSS payloads builds, warns, and
publishes nothing that runs.

tests/data/xss_payloads.txt holds the payloads. They go into every kind of field: Markdown
bodies, plan and media-plan table cells, document titles, cluster, college, partner and
profession names, video titles and descriptions, links ([x](javascript:…)), image alt
texts, list values and the site's own settings (title, department name).

Payloads whose sanitised HTML still points at a file that does not exist (`<img src=x …>`)
are content errors by design (path.missing / path.outside, with file and line): they go
into a second site that must report exactly those errors, and that is then rendered
anyway to show the broken references were neutralised too.

Without a browser: the build's diagnostics, and a static scan of every written HTML file.
With one (@pytest.mark.browser): every page opened in Chromium, counting what runs.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from test_hardening_fixture import AS_OF, CL, run_build, site_files, write_site

from clusterpages.content.read.location import BUNDLED_THEME

REPO = Path(__file__).resolve().parents[2]
PAYLOAD_FILE = REPO / "tests" / "data" / "xss_payloads.txt"
THEME_SCRIPTS = {"a11y.js", "nav.js", "player.js", "plan.js", "slides.js", "copy.js", "search.js", "dashboard.js"}
# The search index the build writes: data scripts under search/, loaded by the theme's search.js.
SEARCH_DATA = re.compile(r"^(\.\./)*search/[a-z0-9/_.-]+\.js$")
MARKER = "XSSMARK"


def load_payloads() -> list[str]:
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line.strip() and not line.startswith(";;")]


PAYLOADS = load_payloads()


def test_corpus_is_large_and_unique():
    assert len(PAYLOADS) >= 150
    assert len(set(PAYLOADS)) == len(PAYLOADS), "duplicate payloads"


# --------------------------------------------------------------------------- the hostile site

def _local_refs(markdown_text: str, inline: bool = False) -> list[str]:
    """href/src values in the sanitised HTML of `markdown_text` that name files or anchors."""
    from clusterpages.content.documents import markup, refs
    rendered = (markup.render_inline if inline else markup.render)(markdown_text).html
    out = []
    for _, value in refs.LINK_ATTR.findall(rendered):
        value = html.unescape(value)
        if value and not re.match(r"^(https?|mailto|tel):", value):
            out.append(value)
    return out


def _failing_refs(markdown_text: str, source_dir: str, known: frozenset[str]) -> list[str]:
    """File references (and #anchors, which no payload can match) that would not resolve."""
    from clusterpages.content.documents import refs
    return [v for v in _local_refs(markdown_text)
            if v.startswith("#") or refs.resolve(v, source_dir, CL, known)[1]]


PAGES = 16  # pages/p0.md … p15.md share the Markdown snippets between them


def _known() -> frozenset[str]:
    return frozenset(site_files()) | {f"{CL}/pages/p{i}.md" for i in range(PAGES)}


def _cell(p: str) -> str:
    return p.replace("|", "\\|")


def _yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _front(meta: dict, body: str) -> str:
    return "---\n" + _yaml(meta) + "---\n" + body + "\n"


def snippets() -> list[str]:
    """Markdown snippets built from the payloads: bare, as link text, as a javascript: link,
    as a link target and as an image's alt text."""
    out: list[str] = []
    for p in PAYLOADS:
        out += [p, f"[{p}](https://example.ru/)", f"[{p}](javascript:alert(1))", f"[ссылка]({p})",
                f"![{p}](media/photo.png)"]
    return out


def safe_join(parts: list[str], source_dir: str, sep: str = "\n\n") -> tuple[str, list[str]]:
    """`parts` joined into one Markdown body whose file references all resolve, and the parts
    left out. Raw HTML in one part can change how the next is read (an unclosed <textarea>
    swallows the rest), so the joined text itself is what is checked, halving on failure."""
    known = _known()
    text = sep.join(parts)
    if not _failing_refs(text, source_dir, known):
        return text, []
    if len(parts) == 1:
        return "", list(parts)
    mid = len(parts) // 2
    left, bad_left = safe_join(parts[:mid], source_dir, sep)
    right, bad_right = safe_join(parts[mid:], source_dir, sep)
    joined = sep.join(x for x in (left, right) if x)
    if not _failing_refs(joined, source_dir, known):
        return joined, bad_left + bad_right
    return left, bad_left + list(parts[mid:])


@functools.lru_cache(maxsize=None)
def cell_snippets() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(snippets without any file reference in a table cell, the others). Cells are rendered
    one by one and their links are not rewritten to the page, so a cell gets no file at all."""
    ok, bad = [], []
    for s in snippets():
        (bad if _local_refs(s, inline=True) else ok).append(s)
    return tuple(ok), tuple(bad)


@functools.lru_cache(maxsize=None)
def page_bodies() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the bodies of pages/p0…p15.md, the snippets that reference missing files)."""
    parts = snippets()
    known, source_dir = _known(), f"{CL}/pages"
    bodies, bad = [], []
    for i in range(PAGES):
        # a part that fails alone fails joined too: set aside first, so that the joined text of
        # the rest is rendered a few times, not once per halving
        mine = parts[i::PAGES]
        failing = [part for part in mine if _failing_refs(part, source_dir, known)]
        body, left_out = safe_join([part for part in mine if part not in failing], source_dir)
        bodies.append(body)
        bad += failing + left_out
    return tuple(bodies), tuple(bad)


def hostile_files(with_refs: bool = False) -> dict[str, bytes]:
    """The one-cluster fixture with payloads in every field.

    with_refs=False: only what builds (every file reference resolves).
    with_refs=True: every snippet everywhere, including the ones referencing missing files.
    """
    P = PAYLOADS
    n = len(P)
    cells_ok, cells_bad = cell_snippets()
    cells = list(cells_ok) + (list(cells_bad) if with_refs else [])
    bare_ok = [s for s in cells_ok if s in set(P)]
    files = site_files()

    def pick(i: int) -> str:
        return P[i % n]

    def cpick(i: int) -> str:  # for table cells: no file references
        return bare_ok[i % len(bare_ok)]

    def body(parts: list[str], source_dir: str = CL) -> str:
        return "\n\n".join(parts) if with_refs else safe_join(parts, source_dir)[0]

    config = yaml.safe_load(files["site_config.yaml"].decode("utf-8"))
    config["title"] = "Кластеры " + pick(3)
    config["department"]["name"] = pick(29) + " Департамент"
    files["site_config.yaml"] = _yaml(config).encode("utf-8")

    cluster = yaml.safe_load(files[f"{CL}/cluster.yaml"].decode("utf-8"))
    cluster.update({
        "name": "Кластер " + pick(0), "short_name": pick(1) + " ИТ",
        "description": "Описание " + cpick(5),
        "colleges": [{"name": p, "url": "https://example.ru/"} for p in P],
        "partners": [{"name": p, "industry": pick(i + 7)} for i, p in enumerate(P)],
        "professions": [{"name": p, "code": pick(i + 11)[:20]} for i, p in enumerate(P)],
    })
    cluster["leading_college"].update({"name": pick(30), "short_name": pick(31), "address": pick(32),
                                       "phone": pick(33), "email": pick(34)})
    cluster["evidence"][0]["note"] = pick(35)
    files[f"{CL}/cluster.yaml"] = _yaml(cluster).encode("utf-8")

    rows = "\n".join(f"| {i + 1} | {_cell(s)} | 01.03.2023 | {_cell(cpick(i))} | {_cell(s)} | | {_cell(cpick(i + 1))} |"
                     for i, s in enumerate(cells))
    plan_meta = {"title": "План " + pick(40), "academic_year": "2022-2023",
                 "approved": {"position": pick(41), "name": pick(42), "date": "2022-09-01"},
                 "version": pick(43), "updated": "2022-12-20", "changes": list(P)}
    files[f"{CL}/plan-2022-2023.md"] = _front(plan_meta, (
        "Вступление: " + cpick(44) + "\n\n## Мероприятия\n\n"
        "| № | Мероприятие | Срок | Ответственный | Результат | Статус | Примечание |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 0 | {{ 7*7 }} | 01.03.2023 | {% raw %}x{% endraw %} | ${7*7} | | #{7*7} |\n" + rows + "\n")).encode("utf-8")

    media_rows = "\n".join(
        f"| {i + 1} | 01.03.2023 | {_cell(s)} | {_cell(cpick(i))} | {_cell(cpick(i + 2))} | 100 | | {_cell(cpick(i + 3))} | "
        f"{_cell(cpick(i + 4))} |" for i, s in enumerate(cells[::3]))
    files[f"{CL}/media-plan-2022-2023.md"] = _front(
        {"title": "Медиаплан " + pick(50), "academic_year": "2022-2023"},
        "| № | Дата | Информационный повод | Формат | Канал | Охват (план) | Охват (факт) | Ответственный | "
        "Ссылка на публикацию |\n|---|---|---|---|---|---|---|---|---|\n" + media_rows).encode("utf-8")

    # The report's body is shown again on its print and slide pages one level deeper, where
    # its relative file links break (see test_hardening_paths): no file references here.
    sections = [f"## Раздел {i}: {cpick(i * 7)}\n\n" + body([p for p in P[i::6] if with_refs or not _local_refs(p)])
                for i in range(6)]
    files[f"{CL}/report-2021-2022.md"] = _front({
        "title": "Отчёт " + pick(60), "academic_year": "2021-2022", "published": "2022-12-20",
        "indicators": [{"name": p, "value": i + 1, "previous": i, "unit": pick(i + 5)[:30],
                        "group": ["Контингент " + pick(61), "Трудоустройство " + pick(62)][i % 2]}
                       for i, p in enumerate(P[:60])]}, body(sections)).encode("utf-8")

    files[f"{CL}/videos.yaml"] = _yaml({"videos": [
        {"title": p, "kind": ["profession", "greeting", "other"][i % 3],
         "url": f"https://vkvideo.ru/video-217000001_{456239000 + i}", "profession": pick(i + 1),
         "duration": "3:42", "date": "2023-01-25", "description": pick(i + 2), "transcript": pick(i + 3)}
        for i, p in enumerate(P)]}).encode("utf-8")

    champ = {"title": "Чемпионат " + pick(70), "start": "2023-03-15", "end": "2023-03-17", "venue": pick(71),
             "level": "regional", "partners": [P[0], P[1]], "competencies": list(P[:40]),
             "tags": ["чемпионат"],
             "results": [{"place": i + 1, "college": p, "competency": pick(i + 1), "participant": pick(i + 2),
                          "consent": True} for i, p in enumerate(P[:40])],
             "photos": [{"file": "media/photo.png", "alt": p} for p in P]}
    files[f"{CL}/championships/start-2023.md"] = _front(
        champ, body(list(P[::2]), f"{CL}/championships")).encode("utf-8")

    bodies, _ = page_bodies()
    all_parts = snippets()
    for i in range(PAGES):
        text = "\n\n".join(all_parts[i::PAGES]) if with_refs else bodies[i]
        files[f"{CL}/pages/p{i}.md"] = _front(
            {"title": pick(i * 17), "date": "2023-01-18", "summary": pick(i * 17 + 1), "tags": [f"тег{i}"]},
            text).encode("utf-8")

    protocol = files["content/protocols/protocol-4.md"].decode("utf-8")
    meta_text, _ = protocol.split("\n---\n", 1)
    meta = yaml.safe_load(meta_text.lstrip("-\n"))
    meta["approved"]["name"] = pick(80)
    for i, d in enumerate(meta["decisions"]):
        d["text"] = pick(81 + i)
        d["responsible"] = pick(90 + i)
    files["content/protocols/protocol-4.md"] = _front(
        meta, body(list(bare_ok[:60]), "content/protocols")).encode("utf-8")
    return files


# --------------------------------------------------------------------------- building it

@functools.lru_cache(maxsize=None)
def built(tmp_root: str, with_refs: bool) -> tuple[Path, tuple]:
    """Build (or, with refs, check then render anyway) the hostile site; (output folder, diagnostics)."""
    from clusterpages import pipeline
    from clusterpages.publish import write
    from clusterpages.values import diagnostics as dg
    root = Path(tmp_root) / ("hostile-refs" if with_refs else "hostile")
    config = write_site(root, hostile_files(with_refs))
    out = root / "output"
    if not with_refs:
        result = run_build(config, out)
        return out, tuple(result.diagnostics)
    site, diags = pipeline.prepare(config, None, AS_OF)
    assert site is not None
    files, copies, sub = pipeline.produce(site, config.parent)
    with write.locked(out):
        write.write_site(out, files, copies)
    return out, tuple(dg.sort(list(diags) + list(sub)))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return built(str(tmp_path_factory.mktemp("xss")), False)


@pytest.fixture(scope="module")
def hostile_refs(tmp_path_factory):
    return built(str(tmp_path_factory.mktemp("xss-refs")), True)


def test_hostile_site_builds_with_warnings_naming_file_and_line(hostile):
    from clusterpages.values import diagnostics as dg
    out, diags = hostile
    errors = [dg.format_text(d) for d in diags if d.severity == dg.ERROR]
    assert not errors, "hostile content must be sanitised, not rejected:\n" + "\n".join(errors[:30])
    assert (out / "index.html").is_file()
    sanitized = [d for d in diags if d.code == "html.sanitized"]
    in_yaml = [d for d in diags if d.code == "html.in-yaml"]
    assert sanitized and in_yaml
    for d in sanitized + in_yaml:
        assert d.file.startswith(("content/", "site_config.yaml")) and d.line, d
        assert d.hint and d.message
    assert {d.file for d in sanitized} >= {f"{CL}/pages/p0.md", f"{CL}/plan-2022-2023.md",
                                           f"{CL}/report-2021-2022.md", f"{CL}/championships/start-2023.md"}
    assert {d.file for d in in_yaml} >= {"site_config.yaml", f"{CL}/cluster.yaml", f"{CL}/videos.yaml",
                                         f"{CL}/championships/start-2023.md", f"{CL}/plan-2022-2023.md"}
    script = [d for d in sanitized if "<script>" in d.message]
    assert script, "the warning names what was removed"


def test_sanitized_warning_points_at_the_line(tmp_path):
    from clusterpages import pipeline
    files = site_files()
    page = files[f"{CL}/pages/about.md"].decode("utf-8")
    lines = page.split("\n")
    lines.insert(len(lines) - 1, "\nОбычный текст.\n\nЕщё <img src=media/photo.png onerror=alert(1)> текст.")
    files[f"{CL}/pages/about.md"] = "\n".join(lines).encode("utf-8")
    config = write_site(tmp_path / "s", files)
    _, diags = pipeline.prepare(config, None, AS_OF)
    [d] = [d for d in diags if d.code == "html.sanitized"]
    text = files[f"{CL}/pages/about.md"].decode("utf-8")
    assert d.line == next(n for n, line in enumerate(text.split("\n"), 1) if "onerror" in line)
    assert "onerror=" in d.message


def test_references_to_missing_files_are_errors_with_file_and_line(hostile_refs):
    from clusterpages.values import diagnostics as dg
    out, diags = hostile_refs
    _, bad = page_bodies()
    assert bad, "the corpus has payloads that reference files"
    errors = [d for d in diags if d.severity == dg.ERROR and not d.file.startswith("output/")]
    assert errors
    assert {d.code for d in errors} <= {"path.missing", "path.outside"}, sorted({d.code for d in errors})
    for d in errors:
        assert d.file.startswith("content/") and d.line and d.hint, d


# --------------------------------------------------------------------------- the static scan

def browser_url(value: str) -> str:
    """An attribute's URL as a browser reads it: C0 controls and spaces trimmed, tabs and
    line breaks anywhere removed (so «java&#9;script:» is javascript:)."""
    return re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                                              "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))


def is_admin_page(rel: str) -> bool:
    """The admin index or a cluster's admin page, or a part of one (all have the theme's own <style> block)."""
    from clusterpages.values.urls import ADMIN, ADMIN_DIR
    parts = rel.split("/")
    return rel == ADMIN or (rel.startswith(ADMIN_DIR) and rel.endswith("/index.html")
                            and (len(parts) == 3 or (len(parts) == 4 and parts[2].isdigit())))


class _Scan(HTMLParser):
    """Everything in one written HTML file that could run, frame, submit or restyle."""

    def __init__(self, inline_styles: bool, admin: bool = False, piece: bool = False):
        super().__init__(convert_charrefs=True)
        self.inline_styles = inline_styles  # *.inline.html: the theme inlined its own styles
        self.piece = piece                  # embed/: CMS pieces draw their bars with plain inline styles
        self.admin = admin                  # the web admins' page shows the fragments' stylesheet
        self.problems: list[str] = []
        self.scripts: list[tuple[dict, int]] = []
        self.inline: list[tuple[str, str]] = []  # (type, text)
        self._in_script: str | None = None
        self._buf: list[str] = []
        self._search_form = False
        self.iframes: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        line = self.getpos()[0]
        bad = self.problems.append
        for k, v in a.items():
            if k.startswith("on"):
                bad(f"line {line}: <{tag} {k}=…>")
            if k in ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                     "srcset") and re.match(r"^(javascript|vbscript|data):", browser_url(v), re.I):
                bad(f"line {line}: <{tag} {k}={v[:60]}>")
            if k == "style" and not self.inline_styles and not re.fullmatch(
                    r"\s*text-align\s*:\s*(left|right|center)\s*;?\s*", v) \
                    and not (self.piece and _piece_style(v)):
                bad(f"line {line}: <{tag} style={v[:60]}>")
        if tag == "form" and ("data-search-box" in a or "data-search-page" in a):
            self._search_form = True
        search_box = self._search_form and (
            (tag == "input" and a.get("type") == "search" and a.get("id") in ("cp-search-q", "cp-search-page-q"))
            or (tag == "button" and a.get("type") == "submit"))
        if tag in ("object", "embed", "frame", "frameset", "applet", "base", "input", "portal", "foreignobject") \
                and not search_box:
            bad(f"line {line}: <{tag}>")
        if tag == "form" and not {"data-filters", "data-search-box", "data-search-page"} & a.keys():
            bad(f"line {line}: <form> that the theme did not write")
        if tag == "button" and a.get("type") != "button" and not search_box:
            bad(f"line {line}: <button> that submits")
        if tag == "textarea" and "readonly" not in a:
            bad(f"line {line}: <textarea>")
        if tag == "meta" and a.get("http-equiv"):
            bad(f"line {line}: <meta http-equiv>")
        if tag == "link" and (a.get("rel") not in ("stylesheet", "icon", "alternate")
                              or re.match(r"^([a-z]+:|//)", a.get("href", ""), re.I) and a.get("rel") == "stylesheet"):
            bad(f"line {line}: <link rel={a.get('rel')} href={a.get('href', '')[:60]}>")
        if tag == "style" and not self.admin:
            bad(f"line {line}: <style>")
        if tag == "iframe":
            self.iframes.append(a.get("src", ""))
        if tag == "script":
            self.scripts.append((a, line))
            self._in_script = a.get("type", "")
            self._buf = []

    def handle_data(self, data):
        if self._in_script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._search_form = False
        if tag == "script" and self._in_script is not None:
            self.inline.append((self._in_script, "".join(self._buf)))
            self._in_script = None


# What a CMS piece's bars and spacing may say in a style attribute: box properties with plain
# lengths, percentages and #colours — never url(), expression(), quotes or escapes.
_PIECE_DECL = re.compile(r"(margin|padding|border|border-(left|right|top|bottom)|width|height|overflow"
                         r"|background-color|font-size|font-weight|color|display|vertical-align|text-align)"
                         r"\s*:\s*[-a-z0-9.%# ]+")


def _piece_style(value: str) -> bool:
    decls = [d.strip() for d in value.split(";") if d.strip()]
    return bool(decls) and all(_PIECE_DECL.fullmatch(d) for d in decls)


def theme_inline_scripts() -> set[str]:
    partial = (BUNDLED_THEME / "templates" / "partials" / "a11y_head.html").read_text(encoding="utf-8")
    return {m.strip() for m in re.findall(r"<script>(.*?)</script>", partial, re.S)}


def scan_output(out: Path) -> list[str]:
    from clusterpages.values.videos import ALLOWED_EMBED_HOSTS
    allowed_inline = theme_inline_scripts()
    problems = []
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith("downloads/"):
            continue
        scan = _Scan(inline_styles=rel.endswith(".inline.html"), admin=is_admin_page(rel),
                     piece=rel.startswith("embed/"))
        scan.feed(path.read_text(encoding="utf-8"))
        scan.close()
        found = list(scan.problems)
        for attrs, line in scan.scripts:
            src = attrs.get("src")
            if src:
                theme_file = posixpath.basename(src.split("?")[0]) in THEME_SCRIPTS
                if not (theme_file or SEARCH_DATA.match(src)) or re.match(r"^[a-z]+:", src, re.I):
                    found.append(f"line {line}: <script src={src}>")
        for kind, text in scan.inline:
            if kind == "application/ld+json":
                import json
                json.loads(text)  # the JSON-LD is intact: nothing broke out of it
                assert "</" not in text
            elif text.strip() and text.strip() not in allowed_inline:
                found.append(f"inline script: {text.strip()[:80]}")
        for src in scan.iframes:
            snippet = re.fullmatch(r"embed/[^/]+/video-[^/]+\.html", rel)
            host = re.match(r"^https://([^/]+)/", src)
            if not (snippet and host and host.group(1) in ALLOWED_EMBED_HOSTS):
                found.append(f"<iframe src={src[:60]}>")
        problems += [f"{rel}: {p}" for p in found]
    return problems


def test_no_active_content_in_any_written_file(hostile):
    out, _ = hostile
    problems = scan_output(out)
    assert not problems, "active content in the output:\n" + "\n".join(problems[:40])


def test_no_active_content_when_references_are_broken(hostile_refs):
    out, _ = hostile_refs
    problems = scan_output(out)
    assert not problems, "active content in the output:\n" + "\n".join(problems[:40])


def test_templates_in_content_stay_text(hostile):
    out, _ = hostile
    page = (out / "clusters" / "it" / "plan-2022-2023" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in page and "${7*7}" in page and "{% raw %}x{% endraw %}" in page
    import json
    data = json.loads((out / "clusters" / "it" / "plan-2022-2023" / "plan.json").read_text(encoding="utf-8"))
    first = data["items"][0]
    assert first["title"] == "{{ 7*7 }}"
    assert "49" not in first["title"]


def test_feeds_calendars_and_data_stay_well_formed(hostile):
    """Payloads in titles do not break out of the XML feeds, JSON data or iCalendar files."""
    import json
    import xml.etree.ElementTree as ET

    import icalendar
    out, _ = hostile
    checked = 0
    for path in sorted(out.rglob("*")):
        if path.suffix == ".xml":
            root = ET.parse(path).getroot()
            assert not root.findall(".//{http://www.w3.org/1999/xhtml}script"), path
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".ics":
            icalendar.Calendar.from_ical(path.read_bytes())
        else:
            continue
        checked += 1
    assert checked >= 5


# --------------------------------------------------------------------------- in Chromium

INIT_SCRIPT = """
(() => {
  const marker = %s;
  window.__xss = {dialogs: 0, console: 0, calls: []};
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function () { window.__xss.dialogs++; window.__xss.calls.push(name); };
  }
  for (const name of ["log", "info", "warn", "error", "debug"]) {
    const orig = console[name].bind(console);
    console[name] = function (...args) {
      if (args.some(a => String(a).includes(marker))) window.__xss.console++;
      return orig(...args);
    };
  }
})();
""" % repr(MARKER)

PAGE_PROBE = """(themeScripts) => {
  const inlineOk = new Set(themeScripts.inline);
  const out = {scripts: [], handlers: [], urls: [], frames: 0, forms: 0, styles: []};
  for (const s of document.querySelectorAll('script')) {
    if (s.src) {
      const name = s.getAttribute('src').split('?')[0].split('/').pop();
      const searchData = /^(\\.\\.\\/)*search\\/[a-z0-9\\/_.-]+\\.js$/.test(s.getAttribute('src'));
      if (!(themeScripts.files.includes(name) || searchData) || /^[a-z]+:/i.test(s.getAttribute('src'))) out.scripts.push(s.src);
    } else if (s.type !== 'application/ld+json' && !inlineOk.has(s.textContent.trim())) {
      out.scripts.push('inline: ' + s.textContent.trim().slice(0, 80));
    }
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) out.handlers.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(a.name)
          && /^(javascript|vbscript|data):/i.test(a.value.replace(/^[\\u0000-\\u0020]+|[\\u0000-\\u0020]+$/g, '').replace(/[\\t\\n\\r]/g, ''))) {
        out.urls.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 60));
      }
    }
  }
  out.frames = document.querySelectorAll('iframe, frame, object, embed').length;
  out.forms = document.querySelectorAll('form:not([data-filters]):not([data-search-box]):not([data-search-page])').length;
  for (const el of document.querySelectorAll('main [style]')) {
    if (!/^\\s*text-align\\s*:\\s*(left|right|center)\\s*;?\\s*$/.test(el.getAttribute('style'))) {
      out.styles.push(el.tagName + ' style=' + el.getAttribute('style').slice(0, 60));
    }
  }
  out.xss = window.__xss;
  return out;
}"""


def browser_pages(out: Path) -> list[Path]:
    """Every page, every CMS fragment of a page and a few of the video snippets (they differ
    only in the video: 200 of them would add nothing but minutes)."""
    pages, videos = [], []
    for p in sorted(out.rglob("*.html")):
        rel = p.relative_to(out).as_posix()
        if rel.startswith("downloads/"):
            continue
        (videos if re.fullmatch(r"embed/[^/]+/video-[^/]+\.html", rel) else pages).append(p)
    return pages + videos[:: max(1, len(videos) // 8)]


def _browse(out: Path, pw, fragments: bool = True) -> list[str]:
    from tests.browser.browser_support import CHROMIUM, require_chromium
    require_chromium()
    args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-gpu"]
    pages = [p for p in browser_pages(out) if fragments or not p.relative_to(out).as_posix().startswith("embed/")]
    theme = {"files": sorted(THEME_SCRIPTS), "inline": sorted(theme_inline_scripts())}
    problems: list[str] = []
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=args)
    try:
        context = browser.new_context(service_workers="block", java_script_enabled=True)
        context.add_init_script(INIT_SCRIPT)
        # Nothing leaves the machine: a payload that fetches would show up here.
        # Nothing that runs or frames leaves the machine. (Content may show an image from
        # another site: that is not script, and is aborted here like everything else.)
        from clusterpages.values.videos import ALLOWED_EMBED_HOSTS
        outside: list[str] = []
        current = {"rel": ""}

        def route(r):
            req = r.request
            host = re.match(r"^https://([^/]+)/", req.url)
            # the video snippets for CMS pages frame an allow-listed host by design
            framed = (re.fullmatch(r"embed/[^/]+/video-[^/]+\.html", current["rel"]) and host
                      and host.group(1) in ALLOWED_EMBED_HOSTS and req.resource_type == "document")
            if req.resource_type not in ("image", "media") and not framed:
                outside.append(f"{current['rel']}: {req.resource_type} {req.url}")
            r.abort()
        context.route(re.compile(r"^(https?|wss?)://"), route)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if MARKER in m.text else None)
        for path in pages:
            rel = path.relative_to(out).as_posix()
            current["rel"] = rel
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_timeout(20)
            r = page.evaluate(PAGE_PROBE, theme)
            snippet = re.fullmatch(r"embed/[^/]+/video-[^/]+\.html", rel)
            for key in ("scripts", "handlers", "urls", "styles"):
                problems += [f"{rel}: {key}: {x}" for x in r[key]]
            if r["frames"] and not snippet:
                problems.append(f"{rel}: {r['frames']} iframe/object/embed before any click")
            if r["forms"]:
                problems.append(f"{rel}: {r['forms']} form elements")
            if r["xss"]["dialogs"] or r["xss"]["console"]:
                problems.append(f"{rel}: script ran: {r['xss']}")
        problems += [f"dialog opened: {m}" for m in dialogs]
        problems += [f"console: {m}" for m in console]
        problems += [f"request left the machine: {u}" for u in outside]
        context.close()
    finally:
        browser.close()
    return problems


@pytest.mark.browser
def test_nothing_runs_in_chromium(hostile, playwright_instance):
    """The site's pages. Its CMS fragments are browsed in the site with broken references below,
    which holds every snippet of this one (and the ones that reference missing files)."""
    out, _ = hostile
    problems = _browse(out, playwright_instance, fragments=False)
    assert not problems, "\n".join(problems[:60])


@pytest.mark.browser
def test_nothing_runs_in_chromium_with_broken_references(hostile_refs, playwright_instance):
    out, _ = hostile_refs
    problems = _browse(out, playwright_instance)
    assert not problems, "\n".join(problems[:60])


# --------------------------------------------------------------------------- the checks check

PLANTED = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>x</title>
<script>console.log('XSSMARK')</script></head><body><main>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="alert(1)">
<a href="java&#9;script:alert(1)">x</a>
<iframe src="https://evil.example/"></iframe>
<form action="https://evil.example/"><button>x</button></form>
<p style="position:fixed">x</p>
<script src="https://evil.example/x.js"></script>
</main></body></html>
"""


def test_static_scan_finds_planted_active_content(tmp_path):
    (tmp_path / "index.html").write_text(PLANTED, encoding="utf-8")
    found = "\n".join(scan_output(tmp_path))
    for needle in ("onload", "<a href=java", "<iframe", "<form>", "style=position", "evil.example/x.js",
                   "inline script"):
        assert needle in found, (needle, found)


@pytest.mark.browser
def test_browser_probe_finds_planted_active_content(tmp_path, playwright_instance):
    (tmp_path / "index.html").write_text(PLANTED, encoding="utf-8")
    found = "\n".join(_browse(tmp_path, playwright_instance))
    for needle in ("handlers: IMG onload", "urls: A href=", "iframe", "form elements", "styles: P",
                   "scripts: https://evil.example/x.js", "script ran", "request left the machine"):
        assert needle in found, (needle, found)
