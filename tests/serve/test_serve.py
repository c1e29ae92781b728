"""The live preview as a person and an attacker meet it: a real `build.py serve` process.

Each server runs on a copy of the example site in tmp_path, with TMPDIR pointed into
tmp_path so the preview's temporary folder can be checked for after it exits.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-gpu"]
START_TIMEOUT = 20.0
PLAN_URL = "clusters/it/plan-2022-2023/"
PLAN_FILE = Path("content/clusters/it/plan-2022-2023.md")
ROW_TEXT = "Совместное с АО «Микран» совещание"
SHOWN_TIMEOUT_MS = 90_000  # how long a save may take to show on a loaded machine


@dataclass
class Preview:
    proc: subprocess.Popen
    site: Path
    port: int
    log: Path
    tmp: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def output(self) -> Path:
        match = re.search(r"Папка предпросмотра: (.+?)(?: \(удалится при выходе\))?$", self.log.read_text("utf-8"),
                          re.MULTILINE)
        assert match, self.log.read_text("utf-8")
        return Path(match.group(1))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _copy_site(base: Path) -> Path:
    site = base / "site"
    site.mkdir(parents=True)
    shutil.copy2(REPO / "site_config.yaml", site / "site_config.yaml")
    shutil.copytree(REPO / "content", site / "content")
    return site


def start_preview(base: Path) -> Preview:
    site = _copy_site(base)
    tmp = base / "tmp"
    tmp.mkdir()
    port = _free_port()
    log = base / "serve.log"
    env = dict(os.environ, TMPDIR=str(tmp), PYTHONUNBUFFERED="1")
    with open(log, "wb") as sink:
        proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", str(port),
                                 "--config", str(site / "site_config.yaml")],
                                cwd=site, stdout=sink, stderr=subprocess.STDOUT, env=env)
    preview = Preview(proc, site, port, log, tmp)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        assert proc.poll() is None, f"serve exited with {proc.returncode}:\n{log.read_text('utf-8')}"
        try:
            with urllib.request.urlopen(preview.url, timeout=5) as response:
                if response.status == 200:
                    return preview
        except OSError:
            pass
        if time.monotonic() > deadline:
            preview.stop()
            pytest.fail(f"serve did not answer within {START_TIMEOUT} s:\n{log.read_text('utf-8')}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    server = start_preview(tmp_path_factory.mktemp("preview"))
    yield server
    server.stop()


def raw_request(port: int, target: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Send `target` exactly as given (no client-side normalisation); return status and body."""
    lines = [f"GET {target} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        data = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            data += chunk
    status = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    assert status, f"no HTTP status for {target!r}: {data[:200]!r}"
    return int(status.group(1)), data


TRAVERSALS = [
    "/..", "/../", "/../../../../etc/passwd", "/" + "../" * 20 + "etc/passwd",
    "/clusters/../../etc/passwd", "/index.html/../../etc/passwd", "/clusters/it/../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/%2e%2e", "/.%2e/etc/passwd",
    "/%2E./etc/passwd", "/clusters/%2e%2e/%2e%2e/etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..%2f..%2fetc%2fpasswd", "/%2fetc%2fpasswd", "/%2Fetc/passwd",
    "/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/..%5c..%5cetc%5cpasswd", "/%5Cetc%5Cpasswd",
    "/..\\..\\etc\\passwd", "/\\etc\\passwd", "/c:\\windows\\win.ini",
    "//etc/passwd", "///etc/passwd", "/clusters//it/", "//127.0.0.1/etc/passwd",
    "/etc/passwd%00.html", "/index.html%00", "/%00", "/%00/../etc/passwd",
    "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%e0%80%ae%e0%80%ae/etc/passwd", "/..%c0%af..%c0%afetc/passwd",
    "/%c0%af", "/%c1%9c", "/%ff",
    "/%252e%252e/%252e%252e/etc/passwd", "/./index.html", "/clusters/./it/", "/%2e/index.html",
    "/etc/passwd", "/C:/Windows/win.ini", "http://127.0.0.1/../../etc/passwd", "*",
    "/outside-file.txt", "/outside-folder/secret.txt",
]


def test_traversal_requests_are_refused_and_server_keeps_answering(preview, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-THE-OUTPUT", encoding="utf-8")
    out = preview.output()
    (out / "outside-file.txt").symlink_to(secret)
    (out / "outside-folder").symlink_to(tmp_path, target_is_directory=True)
    try:
        assert len(TRAVERSALS) >= 30
        answers = {target: raw_request(preview.port, target) for target in TRAVERSALS}
    finally:
        (out / "outside-file.txt").unlink()
        (out / "outside-folder").unlink()
    wrong = {t: s for t, (s, _) in answers.items() if not 400 <= s < 500}
    assert not wrong, f"not refused with 4xx: {wrong}"
    leaked = [t for t, (_, body) in answers.items() if b"SECRET-OUTSIDE" in body or b"root:" in body]
    assert not leaked, f"file contents leaked for {leaked}"
    assert answers["/outside-file.txt"][0] == 403 and answers["/outside-folder/secret.txt"][0] == 403
    assert raw_request(preview.port, "/")[0] == 200
    assert preview.proc.poll() is None


def test_only_html_gets_the_reload_script_and_folders_serve_index(preview):
    status, page = raw_request(preview.port, "/" + PLAN_URL)
    assert status == 200 and b"/livereload.js?port=" in page and b"</html>" in page
    css = next(p for p in (preview.output() / "assets").rglob("*.css"))
    status, body = raw_request(preview.port, "/" + css.relative_to(preview.output()).as_posix())
    assert status == 200 and b"livereload" not in body
    status, _ = raw_request(preview.port, "/" + PLAN_URL.rstrip("/"))
    assert status in (301, 302)


def _upgrade(port: int, origin: str | None) -> int:
    headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    if origin is not None:
        headers["Origin"] = origin
    lines = ["GET /livereload HTTP/1.1", f"Host: 127.0.0.1:{port}"] + [f"{k}: {v}" for k, v in headers.items()]
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1])


def test_websocket_refuses_foreign_origins(preview):
    port = preview.port
    for origin in ("http://evil.example", f"http://evil.example:{port}", "null", f"https://127.0.0.1:{port}",
                   f"http://127.0.0.1:{port + 1}", f"http://127.0.0.1.evil.example:{port}", None):
        assert _upgrade(port, origin) == 403, origin
    assert _upgrade(port, f"http://127.0.0.1:{port}") == 101
    assert _upgrade(port, f"http://localhost:{port}") == 101
    assert raw_request(port, "/")[0] == 200


# Records, across reloads of the tab, which markers each loaded page showed.
SEEN_SCRIPT = """
(() => {
  const markers = %s;
  document.addEventListener('LiveReloadConnect', () => { window.__lrConnected = true; });
  window.addEventListener('load', () => {
    const seen = JSON.parse(sessionStorage.getItem('seen') || '[]');
    for (const m of markers) if (document.body.innerText.includes(m)) seen.push(m);
    sessionStorage.setItem('seen', JSON.stringify(seen));
  });
})();
"""


@pytest.mark.browser
def test_browser_reloads_on_edits_and_shows_build_errors(preview, playwright_instance):
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    expect = sync_api.expect
    plan = preview.site / PLAN_FILE
    original = plan.read_text(encoding="utf-8")
    assert ROW_TEXT in original
    markers = ["ПРАВКА-ОДИН", "ПРАВКА-ДВА", "ПРАВКА-ТРИ", "ПРАВКА-ЧЕТЫРЕ", "ПРАВКА-ПЯТЬ", "ПРАВКА-ШЕСТЬ"]

    def with_marker(marker: str) -> str:
        return original.replace(ROW_TEXT, f"{ROW_TEXT} {marker}", 1)

    def seen() -> list[str]:
        # The page records what it shows on its load event, which can come after the text is
        # visible (a fast rebuild makes that gap the common case).
        page.wait_for_load_state("load")
        return page.evaluate("JSON.parse(sessionStorage.getItem('seen') || '[]')")

    # Every wait below is on something the page shows, with a timeout far above any normal
    # rebuild: a loaded machine makes the test slower, never wrong.
    pw = playwright_instance
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        page = browser.new_page()
        page.set_default_timeout(SHOWN_TIMEOUT_MS)
        page.add_init_script(SEEN_SCRIPT % markers)
        page.goto(preview.url + PLAN_URL)
        page.wait_for_function("window.__lrConnected === true", timeout=SHOWN_TIMEOUT_MS)
        body = page.locator("body")
        overlay = page.locator("#clusterpages-preview-overlay")
        expect(body).to_contain_text(ROW_TEXT)
        expect(overlay).to_have_count(0)

        # 1. an edit shows up without a manual reload
        started = time.monotonic()
        plan.write_text(with_marker(markers[0]), encoding="utf-8")
        expect(body).to_contain_text(markers[0], timeout=SHOWN_TIMEOUT_MS)
        print(f"edit-to-reload: {time.monotonic() - started:.2f} s")

        # 2. broken front matter: the overlay names the file and line, the last good page stays
        broken = with_marker(markers[0]).replace("\ntitle: ", '\ntitle: "', 1)
        plan.write_text(broken, encoding="utf-8")
        expect(overlay).to_be_visible(timeout=SHOWN_TIMEOUT_MS)
        expect(overlay).to_contain_text("Сборка не удалась")
        expect(overlay).to_contain_text(re.compile(r"content/clusters/it/plan-2022-2023\.md:\d+"))
        # the place in words, the line where the quote was opened and a marker under the quote
        expect(overlay).to_contain_text(re.compile(r"в шапке документа, строка \d+, знак 8: кавычка"))
        excerpt = overlay.locator("pre.cp-excerpt").first
        expect(excerpt).to_contain_text('title: "')
        code_row, marker_row = excerpt.inner_text().split("\n")[:2]
        assert marker_row.index("^") == code_row.index('"'), (code_row, marker_row)
        expect(body).to_contain_text(markers[0])

        # 3. fixed: the overlay is gone on the next good build
        plan.write_text(with_marker(markers[1]), encoding="utf-8")
        expect(overlay).to_have_count(0, timeout=SHOWN_TIMEOUT_MS)
        expect(body).to_contain_text(markers[1])

        # 4. a save made after the previous one was shown is always shown itself
        plan.write_text(with_marker(markers[2]), encoding="utf-8")
        expect(body).to_contain_text(markers[2], timeout=SHOWN_TIMEOUT_MS)
        # (a page may be loaded twice with the same build: a failed build reloads it unchanged)
        so_far = seen()
        assert [m for n, m in enumerate(so_far) if not n or so_far[n - 1] != m] == markers[:3], so_far

        # 5. quick saves (300 ms apart, faster than a rebuild on a busy machine): the page shows
        # them in the order of the saves, never an older one after a newer one, and always the
        # last; a save overtaken by the next before a rebuild read it may be skipped.
        burst = markers[3:]
        before = len(seen())
        for n, marker in enumerate(burst):
            if n:
                time.sleep(0.3)
            plan.write_text(with_marker(marker), encoding="utf-8")
        expect(body).to_contain_text(burst[-1], timeout=SHOWN_TIMEOUT_MS)
        shown = [m for m in seen()[before:] if m in burst or m == markers[2]]
        order = [markers.index(m) for m in shown]
        assert order == sorted(order), f"an older save was shown after a newer one: {shown}"
        assert shown and shown[-1] == burst[-1], shown
    finally:
        browser.close()
        plan.write_text(original, encoding="utf-8")


def _assert_stops_cleanly(server: Preview, signum: int) -> None:
    folder = server.output().parent
    assert folder.is_dir() and folder.name.startswith("clusterpages-preview-")
    assert folder.is_relative_to(server.tmp)
    started = time.monotonic()
    server.proc.send_signal(signum)
    try:
        assert server.proc.wait(timeout=10) == 0, server.log.read_text("utf-8")
    finally:
        server.stop()
    print(f"{signal.Signals(signum).name}: exited in {time.monotonic() - started:.2f} s")
    assert not folder.exists()
    assert list(server.tmp.iterdir()) == [], "temporary files left behind"
    assert not (server.site / "output").exists(), "the preview must not build into output/"
    assert "Предпросмотр остановлен." in server.log.read_text("utf-8")


def test_sigterm_stops_cleanly_and_removes_the_temporary_folder(tmp_path):
    _assert_stops_cleanly(start_preview(tmp_path), signal.SIGTERM)


def test_sigint_stops_cleanly_and_removes_the_temporary_folder(preview):
    """Last in this file: it stops the shared server."""
    _assert_stops_cleanly(preview, signal.SIGINT)
