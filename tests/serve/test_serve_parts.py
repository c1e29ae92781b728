"""The preview server's pure parts: request paths, what is added to pages, origins, the watcher."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from clusterpages.serve import overlay, paths
from clusterpages.serve.server import is_loopback, is_wildcard, own_origins
from clusterpages.serve.watch import SourceWatcher
from clusterpages.values import diagnostics as dg

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


def test_watcher_is_notified_of_a_save_and_not_of_what_it_ignores(tmp_path):
    # The system's notifications (watchdog) wake the preview for a change the looks would report:
    # a saved, added, removed or renamed source, the config — not the build reading the sources,
    # not the output inside the site, not editor leftovers or hidden folders.
    import threading

    content = tmp_path / "content"
    (content / "c").mkdir(parents=True)
    (content / ".git").mkdir()
    plan = content / "c" / "plan.md"
    plan.write_text("a", encoding="utf-8")
    config = tmp_path / "site_config.yaml"
    config.write_text("title: x", encoding="utf-8")
    output = content / "out"  # an output inside the watched folder, as `serve --out content/out` makes
    output.mkdir()
    nudged = threading.Event()
    watcher = SourceWatcher([content, config], output)
    assert watcher.notify(nudged.set), "no change notifications on this system"
    try:
        def quiet(action) -> bool:
            nudged.clear()
            action()
            return not nudged.wait(1.0)

        def nudges(action) -> bool:
            nudged.clear()
            action()
            return nudged.wait(10.0)

        assert quiet(lambda: plan.read_bytes())  # the build reads every source
        assert quiet(lambda: (output / "index.html").write_text("x", encoding="utf-8"))
        assert quiet(lambda: (content / "c" / ".plan.md.swp").write_text("x", encoding="utf-8"))
        assert quiet(lambda: (content / ".git" / "index").write_text("x", encoding="utf-8"))
        assert quiet(lambda: (tmp_path / "notes.txt").write_text("x", encoding="utf-8"))  # beside the config
        assert nudges(lambda: plan.write_text("b", encoding="utf-8"))
        assert nudges(lambda: (content / "c" / "new.md").write_text("n", encoding="utf-8"))
        assert nudges(lambda: (content / "c" / "new.md").rename(content / "c" / "renamed.md"))
        assert nudges(lambda: (content / "c" / "renamed.md").unlink())
        assert nudges(lambda: config.write_text("title: y", encoding="utf-8"))
        assert nudges(lambda: (content / "d").mkdir())
        assert nudges(lambda: (content / "d" / "deep.md").write_text("n", encoding="utf-8"))  # a folder made later
    finally:
        watcher.close()
    nudged.clear()
    plan.write_text("c", encoding="utf-8")
    assert not nudged.wait(0.5), "notified after close()"


def test_server_rebuilds_on_a_notified_save_without_waiting_for_the_poll(tmp_path, monkeypatch):
    # The polls come once a minute here: only the system's notification can start the rebuild of
    # the save within the wait below.
    import socket
    import threading

    from clusterpages.serve import server as server_mod

    monkeypatch.setattr(server_mod, "POLL_NOTIFIED", 60.0)
    monkeypatch.setattr(server_mod, "POLL", 60.0)
    content = tmp_path / "content"
    content.mkdir()
    page = content / "page.md"
    page.write_text("a", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    builds: list[frozenset | None] = []
    built = threading.Event()

    def rebuild(changed):
        builds.append(changed)
        built.set()
        return server_mod.Outcome(True, (), (), 0, 0.0)

    class Quiet:
        def building(self, changed): pass

        def built(self, outcome, changed, pages): pass

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.setblocking(False)
    preview = server_mod.PreviewServer(out, rebuild, SourceWatcher([content], out), [sock], "127.0.0.1", Quiet())
    thread = threading.Thread(target=preview.serve_until_stopped, daemon=True)
    thread.start()
    try:
        assert built.wait(30), "no first build"
        built.clear()
        time.sleep(0.2)  # the first look, after the first build, is done
        page.write_text("b", encoding="utf-8")
        assert built.wait(10), "the save was not rebuilt before the next poll"
        assert builds[-1] == {str(page)}
    finally:
        preview.request_stop()
        thread.join(10)
        preview.close()
        sock.close()
