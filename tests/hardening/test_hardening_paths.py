"""Paths written in content never reach outside the site: ../, absolute paths, encoded forms,
backslashes and symbolic links are errors naming the file and line, in every field that
holds a path (logo, scan, poster, video file, photos, evidence links, Markdown images and
links in document bodies)."""

from __future__ import annotations

import os
import re

import pytest
from test_hardening_fixture import AS_OF, CL, run_build, site_files, write_site

TRAVERSALS = [
    "../../../../etc/passwd",
    "media/../../../site_config.yaml",
    "/etc/passwd",
    "%2e%2e%2f%2e%2e%2f%2e%2e%2fsite_config.yaml",
    "media/..%2f..%2f..%2fsite_config.yaml",
    "%2E%2E/%2E%2E/%2E%2E/site_config.yaml",
    "..\\..\\..\\site_config.yaml",
    "media\\..\\..\\..\\site_config.yaml",
    "..%5c..%5c..%5csite_config.yaml",
    "C:\\Windows\\win.ini",
    "c:/Windows/win.ini",
    "file:///etc/passwd",
    "//evil.example/x.png",
    "\\\\server\\share\\x.png",
    "%252e%252e%252f%252e%252e%252fsite_config.yaml",
    "media/%00logo.svg",
    "media/logo.svg%00.png",
]


def _resolve(ref: str, source_dir: str = CL):
    from clusterpages.content.documents import refs
    known = frozenset(site_files())
    return refs.resolve(ref, source_dir, CL, known)


@pytest.mark.parametrize("ref", TRAVERSALS)
def test_resolve_refuses_every_way_out(ref):
    path, problem = _resolve(ref)
    assert path is None and problem, (ref, path)
    for source_dir in (CL, f"{CL}/pages", f"{CL}/championships"):
        path, problem = _resolve(ref, source_dir)
        assert path is None, (ref, source_dir, path)


def test_resolve_keeps_what_is_inside():
    assert _resolve("media/logo.svg") == (f"{CL}/media/logo.svg", None)
    assert _resolve("../media/logo.svg", f"{CL}/pages") == (f"{CL}/media/logo.svg", None)
    assert _resolve("media/./logo.svg") == (f"{CL}/media/logo.svg", None)
    assert _resolve("media%2Flogo.svg") == (f"{CL}/media/logo.svg", None)
    assert _resolve("pages/about.md#razdel") == (f"{CL}/pages/about.md", None)


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def _hostile_paths(ref: str) -> tuple[dict[str, bytes], dict[str, tuple[str, int]]]:
    """The fixture with `ref` in every path field; where each should be reported."""
    files = site_files()
    q = '"' + ref.replace("\\", "\\\\").replace('"', '\\"') + '"'  # a YAML string, whatever ref holds
    expected: dict[str, tuple[str, int]] = {}

    def edit(rel: str, old: str, new: str, name: str, needle: str):
        text = files[rel].decode("utf-8")
        assert old in text, (rel, old)
        text = text.replace(old, new, 1)
        files[rel] = text.encode("utf-8")
        expected[name] = (rel, _line(text, needle))

    edit(f"{CL}/cluster.yaml", "logo: media/logo.svg", f"logo: {q}", "logo", "logo:")
    edit(f"{CL}/cluster.yaml", "    link: pages/about.md", f"    link: {q}", "evidence", "  - protocol:")
    edit(f"{CL}/plan-2022-2023.md", "  date: 2022-09-01", f"  date: 2022-09-01\n  scan: {q}", "scan", "  scan:")
    edit(f"{CL}/videos.yaml", "    poster: media/photo.png", f"    poster: {q}", "poster", "poster:")
    files[f"{CL}/videos.yaml"] += (f"  - title: Свой файл\n    kind: other\n    file: {q}\n"
                                   f"    date: 2023-01-26\n").encode("utf-8")
    expected["video file"] = (f"{CL}/videos.yaml", _line(files[f"{CL}/videos.yaml"].decode(), "    file:"))
    edit(f"{CL}/championships/start-2023.md", "  - file: media/photo.png", f"  - file: {q}", "photo", "  - file:")
    md = ref.replace(")", "%29").replace(" ", "%20")
    edit(f"{CL}/pages/about.md", "![Фото с совета](media/photo.png)", f"![Фото с совета]({md})", "image", "![Фото")
    edit(f"{CL}/championships/start-2023.md", "Весенний этап чемпионата.",
         f"Весенний этап чемпионата.\n\nСм. [положение]({md}).", "link", "См. [положение]")
    return files, expected


@pytest.mark.parametrize("ref", TRAVERSALS)
def test_every_path_field_refuses_the_way_out(ref, tmp_path):
    from clusterpages import pipeline
    from clusterpages.values import diagnostics as dg
    files, expected = _hostile_paths(ref)
    config = write_site(tmp_path / "site", files)
    site, diags = pipeline.prepare(config, None, AS_OF)
    shown = "\n".join(dg.format_text(d) for d in diags)
    for field, (file, line) in expected.items():
        here = [d for d in diags if d.file == file and d.line == line]
        if field in ("image", "link") and "\\" in ref:
            # Markdown reads «\.» as an escaped dot, so the path in the HTML is not the text in the
            # file and documents.links.line_of falls back to the body's first line: still this file.
            here = [d for d in diags if d.file == file and d.line and d.line <= line]
        errors = [d for d in here if d.code in ("path.outside", "path.missing") and d.severity == dg.ERROR]
        removed = [d for d in here if d.code == "html.sanitized"]  # file:, //… in Markdown: link dropped
        assert errors or (field in ("image", "link") and removed), f"{field} with «{ref}»:\n{shown}"
        for d in errors:
            # The message names the reference and why it is refused; YAML fields quote it as written
            # (Markdown may have unescaped a backslash in a link), and the hint says where files go.
            assert re.search(r"«.*»: (путь выходит за пределы папки кластера|файл не найден|абсолютный путь|"
                             r"обратная косая черта «\\» в пути|адрес с протоколом вместо файла|"
                             r"недопустимый символ в пути)\.$", d.message), d.message
            assert field in ("image", "link") or f"«{ref.strip()}»" in d.message, d.message
            assert "media/" in d.hint, d.hint
    # and nothing that was resolved points outside content/
    if site is not None:
        paths = [c.logo for c in site.clusters] + [v.poster for v in site.videos] + [v.file for v in site.videos] \
            + [p.file for ch in site.championships for p in ch.photos] + [m for m, _ in site.media]
        for p in paths:
            if p:
                assert not p.startswith(("/", "..")) and ".." not in p.split("/") and "\\" not in p, p


def test_a_build_with_a_way_out_fails_and_writes_nothing(tmp_path):
    files, _ = _hostile_paths("../../../../etc/passwd")
    config = write_site(tmp_path / "site", files)
    result = run_build(config)
    assert any(d.code == "path.outside" for d in result.diagnostics)
    assert not (tmp_path / "site" / "output").exists()


# --------------------------------------------------------------------------- symbolic links

def test_symlinks_out_of_content_are_refused(tmp_path):
    from clusterpages import pipeline
    config = write_site(tmp_path / "site")
    root = config.parent
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    media = root / CL / "media"
    os.symlink(secret, media / "outside.png")                                  # outside the site
    os.symlink(root / "site_config.yaml", media / "config.png")                # inside the site, outside content/
    (root / "content" / ".hidden").mkdir()
    (root / "content" / ".hidden" / "x.png").write_bytes(b"x")
    os.symlink(root / "content" / ".hidden" / "x.png", media / "hidden.png")   # a hidden file
    os.symlink(media / "photo.png", media / "alias.png")                       # inside content: fine
    os.symlink(tmp_path, media / "folder")                                     # a folder: never followed
    site, diags = pipeline.prepare(config, None, AS_OF)
    refused = {d.file for d in diags if d.code == "path.outside"}
    assert {f"{CL}/media/outside.png", f"{CL}/media/config.png", f"{CL}/media/hidden.png"} <= refused
    assert f"{CL}/media/alias.png" not in refused
    published = {m for m, _ in site.media}
    assert "clusters/it/media/alias.png" in published
    assert not any("outside" in m or "config.png" in m or "hidden" in m or "folder/" in m for m in published)


def test_a_symlink_referenced_from_content_is_an_error_with_the_line(tmp_path):
    from clusterpages import pipeline
    files = site_files()
    text = files[f"{CL}/cluster.yaml"].decode().replace("logo: media/logo.svg", "logo: media/evil.svg")
    files[f"{CL}/cluster.yaml"] = text.encode()
    config = write_site(tmp_path / "site", files)
    os.symlink(tmp_path / "x.svg", config.parent / CL / "media" / "evil.svg")
    (tmp_path / "x.svg").write_text("<svg/>", encoding="utf-8")
    _, diags = pipeline.prepare(config, None, AS_OF)
    assert [d for d in diags if d.code == "path.missing" and d.file == f"{CL}/cluster.yaml"
            and d.line == _line(text, "logo:")]


# --------------------------------------------------------------------------- the output side

def test_write_site_refuses_paths_out_of_the_output(tmp_path):
    from clusterpages.publish import write
    out = tmp_path / "output"
    for rel in ("../escape.html", "a/../../escape.html", "/tmp/escape.html"):
        with pytest.raises(write.OutputError), write.locked(out):
            write.write_site(out, {rel: b"x"}, {})
        assert not (tmp_path / "escape.html").exists()
        assert not list(tmp_path.glob(".output.tmp-*"))


def test_svg_with_script_is_refused_with_its_line(tmp_path):
    from clusterpages import pipeline
    files = site_files()
    files[f"{CL}/media/logo.svg"] = b'<svg xmlns="http://www.w3.org/2000/svg">\n<rect/>\n<a href="javascript:alert(1)"/>\n</svg>'
    config = write_site(tmp_path / "site", files)
    _, diags = pipeline.prepare(config, None, AS_OF)
    [d] = [d for d in diags if d.code == "media.svg-active"]
    assert (d.file, d.line) == (f"{CL}/media/logo.svg", 3)


# --------------------------------------------------------------------------- references outside prose

def test_config_logo_way_out_is_reported_at_its_line(tmp_path):
    from clusterpages import pipeline
    files = site_files()
    files["site_config.yaml"] += b"  logo: ../../../etc/passwd\n"
    config = write_site(tmp_path / "site", files)
    _, diags = pipeline.prepare(config, None, AS_OF)
    text = files["site_config.yaml"].decode()
    assert [d for d in diags if d.file == "site_config.yaml" and d.code.startswith("path.")
            and d.line == _line(text, "logo:")]


def test_way_out_in_a_plan_cell_is_reported_at_its_row(tmp_path):
    from clusterpages import pipeline
    files = site_files()
    text = files[f"{CL}/plan-2022-2023.md"].decode().replace("| Протокол |", "| [протокол](../../../etc/passwd) |")
    files[f"{CL}/plan-2022-2023.md"] = text.encode()
    config = write_site(tmp_path / "site", files)
    _, diags = pipeline.prepare(config, None, AS_OF)
    assert [d for d in diags if d.code == "path.outside" and d.line == _line(text, "../../../etc/passwd")]


def test_image_in_a_report_body_works_on_print_and_slides(tmp_path):
    files = site_files()
    text = files[f"{CL}/report-2021-2022.md"].decode().replace("Кластер вырос.", "Кластер вырос. ![Фото](media/photo.png)")
    files[f"{CL}/report-2021-2022.md"] = text.encode()
    result = run_build(write_site(tmp_path / "site", files))
    assert not [d for d in result.diagnostics if d.code == "link.broken"]
