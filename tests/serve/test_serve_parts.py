"""The preview server's pure parts: request paths, what is added to pages, origins, the watcher."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clusterpages import diagnostics as dg
from clusterpages.serve import overlay
from clusterpages.serve import paths
from clusterpages.serve.server import is_loopback, is_wildcard, own_origins
from clusterpages.serve.watch import SourceWatcher

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    (out / "clusters" / "it").mkdir(parents=True)
    (out / "index.html").write_text("<html></html>", encoding="utf-8")
    (out / "clusters" / "it" / "index.html").write_text("it", encoding="utf-8")
    (out / "файл.txt").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    return out.resolve()


@pytest.mark.parametrize("raw", [
    "/..", "/../etc/passwd", "/a/../../b", "/%2e%2e/x", "/%2E%2E/x", "/.%2e/x", "/%2e/index.html", "/./index.html",
    "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b", "//etc/passwd", "/clusters//it/", "/index.html%00", "/%00",
    "/%c0%ae%c0%ae/x", "/%e0%80%ae", "/%ff", "etc/passwd", "http://host/x", "*", "", "/a b", "/é",
])
def test_refused_paths_are_400(root, raw):
    found = paths.resolve(root, raw)
    assert isinstance(found, paths.Refused) and found.status == 400, found


def test_files_folders_and_missing(root):
    assert paths.resolve(root, "/") == paths.Found(root / "index.html")
    assert paths.resolve(root, "/clusters/it/") == paths.Found(root / "clusters" / "it" / "index.html")
    assert paths.resolve(root, "/clusters/it") == paths.Redirect("/clusters/it/")
    assert paths.resolve(root, "/%D1%84%D0%B0%D0%B9%D0%BB.txt") == paths.Found(root / "файл.txt")
    assert paths.resolve(root, "/nope.css") == paths.Refused(404, "такого файла нет")
    assert paths.resolve(root, "/" + "a" * 5000) == paths.Refused(404, "такого файла нет")


def test_symlinks_leading_outside_are_403(root):
    (root / "out-file").symlink_to(root.parent / "secret.txt")
    (root / "out-dir").symlink_to(root.parent, target_is_directory=True)
    (root / "in-file").symlink_to(root / "файл.txt")
    assert paths.resolve(root, "/out-file").status == 403
    assert paths.resolve(root, "/out-dir/secret.txt").status == 403
    assert paths.resolve(root, "/out-dir/").status == 403
    assert paths.resolve(root, "/in-file") == paths.Found(root / "файл.txt")
    (root / "loop").symlink_to(root / "loop")
    assert isinstance(paths.resolve(root, "/loop"), paths.Refused)


def test_overlay_escapes_and_names_file_line_message_hint():
    d = dg.error("yaml.syntax", "content/clusters/it/plan.md", 13, "Ошибка <script>alert(1)</script>",
                 "Закройте «кавычки» & скобки", column=5)
    html = overlay.overlay([d]).decode()
    assert "Сборка не удалась" in html
    assert "content/clusters/it/plan.md:13:5" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Закройте «кавычки» &amp; скобки" in html
    many = overlay.overlay([dg.error("x", f"f{i}.md", i, "m") for i in range(1, 80)]).decode()
    assert many.count("<li") == overlay.MAX_SHOWN + 1 and "и ещё 29" in many


def test_inject_puts_script_in_head_and_overlay_before_last_body_end():
    page = b"<html><HEAD><title>t</title></HEAD><body><p>x</p><!-- </body> --></BODY></html>"
    out = overlay.inject(page, b"<S>", b"<O>")
    assert out == b"<html><HEAD><title>t</title><S></HEAD><body><p>x</p><!-- </body> --><O></BODY></html>"
    assert overlay.inject(b"<p>fragment</p>", b"<S>", b"<O>") == b"<p>fragment</p><S><O>"


def test_reload_script_reports_the_build_to_livereload():
    script = overlay.reload_script(8123, "ab12cd34", 7).decode()
    assert '<script src="/livereload.js?port=8123"></script>' in script
    assert "LiveReloadPlugin" in script and overlay.PLUGIN_ID in script
    assert '{"run": "ab12cd34", "build": 7}' in script


def test_origins():
    assert own_origins("127.0.0.1", 8000) == {"http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"}
    assert own_origins("192.168.1.5", 8000) == {"http://192.168.1.5:8000"}
    assert "http://localhost" in own_origins("localhost", 80)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.0.0.2")
    assert not is_loopback("192.168.1.5") and not is_loopback("0.0.0.0") and not is_loopback("")
    assert is_wildcard("0.0.0.0") and is_wildcard("::") and not is_wildcard("127.0.0.1")


def test_no_wildcard_address_in_the_package():
    offenders = [p.name for p in (REPO / "clusterpages").rglob("*.py") if "0.0.0.0" in p.read_text(encoding="utf-8")]
    assert not offenders


def test_watcher_sees_edits_additions_removals_and_ignores_the_rest(tmp_path):
    content = tmp_path / "content"
    (content / "c").mkdir(parents=True)
    plan = content / "c" / "plan.md"
    plan.write_text("a", encoding="utf-8")
    config = tmp_path / "site_config.yaml"
    config.write_text("title: x", encoding="utf-8")
    watcher = SourceWatcher([content, config], tmp_path / "output")
    watcher.prime()
    assert watcher.changed() == frozenset()
    stat = plan.stat()
    plan.write_text("b", encoding="utf-8")  # same size, same second: the nanoseconds tell
    os.utime(plan, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1000))
    assert watcher.changed() == {str(plan)}
    assert watcher.changed() == frozenset()
    (content / "c" / "new.md").write_text("n", encoding="utf-8")
    config.write_text("title: yy", encoding="utf-8")
    assert watcher.changed() == {str(content / "c" / "new.md"), str(config)}  # every change, not the first
    (content / "c" / "new.md").unlink()
    assert watcher.changed() == {str(content / "c" / "new.md")}
    for ignored in (".plan.md.swp", "plan.md~", "4913", ".hidden.md"):
        (content / "c" / ignored).write_text("x", encoding="utf-8")
    (content / ".git").mkdir()
    (content / ".git" / "index").write_text("x", encoding="utf-8")
    (tmp_path / "output").mkdir()
    assert watcher.changed() == frozenset()
