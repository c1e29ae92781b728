"""Helpers of the browser test suite: pages of a build, a sub-path HTTP server, request and
console watching, axe-core and the W3C Nu HTML checker.

The tools are installed by `bash scripts/test.sh` (Debian chromium, a Java runtime,
node_modules with axe-core and vnu-jar); a missing tool fails the test with that advice.
"""

from __future__ import annotations

import base64
import fnmatch
import functools
import json
import re
import shutil
import subprocess
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-quic",
]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The sub-path the HTTP server publishes the build under, as a college site would.
SUB_PATH = "/college-site/clusters/"

# Pages that are not pages: CMS fragments and downloadable files.
EXCLUDED_DIRS = {"embed", "downloads"}

# One page of each page type, by URL pattern (segment-wise globs, tried in order).
PAGE_TYPES: dict[str, list[str]] = {
    "index": ["index.html"],
    "cluster": ["clusters/*/index.html"],
    "plan": ["clusters/*/plan-*/index.html"],
    "media-plan": ["clusters/*/media-plan-*/index.html"],
    "report": ["clusters/*/report-*/index.html"],
    "videos": ["clusters/*/videos/index.html", "clusters/*/video/index.html"],
    "championships": [
        "clusters/*/championships/index.html",
        "clusters/*/championships/*/index.html",
    ],
    "protocols": ["protocols/*/index.html", "protocols/index.html"],
    "archive": ["clusters/*/arkhiv/index.html"],
    "regional-archive": ["arkhiv/index.html"],
    "admin-cluster": ["dlya-administratorov/*/index.html"],
}

# The version for the visually impaired: localStorage key and its colour schemes.
A11Y_KEY = "cp-a11y"
A11Y_SCHEMES = ["white", "black", "blue", "brown", "green"]
A11Y_SCHEME_LABELS = {
    "white": "Чёрным по белому",
    "black": "Белым по чёрному",
    "blue": "Тёмно-синим по голубому",
    "brown": "Коричневым по бежевому",
    "green": "Зелёным по тёмно-коричневому",
}

SETUP_HINT = "run `bash scripts/test.sh` (it installs chromium, java and node_modules)"


# --------------------------------------------------------------------------- tools

def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"Debian chromium is missing at {CHROMIUM}: {SETUP_HINT}")


def require_axe() -> None:
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is missing ({AXE_JS}): {SETUP_HINT}")


def require_vnu() -> None:
    if not VNU_JAR.is_file():
        pytest.fail(f"the Nu HTML checker is missing ({VNU_JAR}): {SETUP_HINT}")
    if shutil.which("java") is None:
        pytest.fail(f"java is missing (the Nu HTML checker needs it): {SETUP_HINT}")


# --------------------------------------------------------------------------- pages

def _excluded(rel: PurePosixPath) -> bool:
    return any(part in EXCLUDED_DIRS for part in rel.parts[:-1])


def all_pages(out: Path) -> list[Path]:
    """Every built HTML page (index.html and other *.html) except fragments and downloads."""
    pages = [
        p for p in out.rglob("*.html")
        if p.is_file() and not _excluded(PurePosixPath(p.relative_to(out).as_posix()))
    ]
    return sorted(pages, key=lambda p: p.relative_to(out).as_posix())


def rel(out: Path, page: Path) -> str:
    """The page's address relative to the site root, with forward slashes."""
    return page.relative_to(out).as_posix()


def _glob_match(rel_path: str, pattern: str) -> bool:
    parts, pats = rel_path.split("/"), pattern.split("/")
    return len(parts) == len(pats) and all(fnmatch.fnmatchcase(a, b) for a, b in zip(parts, pats))


def pages_by_type(out: Path, pages: list[Path] | None = None) -> dict[str, Path]:
    """One page of each type of PAGE_TYPES; fails the test when a type has no page."""
    rels = [rel(out, p) for p in (pages if pages is not None else all_pages(out))]
    # Prefer the example's IT cluster (the one the screenshots use), then alphabetical order.
    rels.sort(key=lambda r: (not r.startswith("clusters/it/"), r))
    chosen: dict[str, Path] = {}
    missing = []
    for kind, patterns in PAGE_TYPES.items():
        match = next((r for pat in patterns for r in rels if _glob_match(r, pat)), None)
        if match is None:
            missing.append(f"{kind} ({' or '.join(patterns)})")
        else:
            chosen[kind] = out / match
    if missing:
        pytest.fail("the build has no page of these types: " + "; ".join(missing))
    return chosen


def page_shape(address: str) -> str:
    """The kind of page an address is, whatever its cluster, slug or year: «clusters/*/plan-N-N/
    index.html». Pages of one shape are made by one template at one folder depth."""
    parts = address.split("/")
    if parts[0] in ("clusters", "dlya-administratorov") and len(parts) > 2:
        parts[1] = "*"
    if len(parts) > 4 and parts[0] == "clusters" and parts[2] in ("pages", "championships"):
        parts[3] = "*"
    if parts[0] == "spravka" and len(parts) > 2:
        parts[1] = "*"
    return re.sub(r"\d+", "N", "/".join(parts))


def one_page_per_shape(out: Path, pages: list[Path]) -> list[Path]:
    """The first page of each shape (page_shape), in the order of `pages`."""
    seen: dict[str, Path] = {}
    for path in pages:
        seen.setdefault(page_shape(rel(out, path)), path)
    return list(seen.values())


# --------------------------------------------------------------------------- what a page shows

PAGE_STATE = """() => {
  const control = document.querySelectorAll('.a11y-control');
  const visible = (el) => !!el && el.getClientRects().length > 0
      && getComputedStyle(el).visibility !== 'hidden';
  return {
    js: document.documentElement.classList.contains('js'),
    controls: control.length,
    controlVisible: visible(control[0]),
    main: visible(document.querySelector('main')),
    title: document.title.trim(),
  };
}"""


def page_state_failures(address: str, page) -> list[str]:
    """What a loaded page lacks: a title, visible main content, the script of the version for the
    visually impaired (class «js») and its one visible control."""
    state = page.evaluate(PAGE_STATE)
    failures = []
    if not state["title"]:
        failures.append(f"{address}: empty <title>")
    if not state["main"]:
        failures.append(f"{address}: no visible <main>")
    if not state["js"]:
        failures.append(f"{address}: <html> has no class «js»: include partials/a11y_head.html in <head>")
    if state["controls"] != 1:
        failures.append(f"{address}: {state['controls']} .a11y-control elements instead of 1 "
                        "(include partials/a11y_panel.html once)")
    elif not state["controlVisible"]:
        failures.append(f"{address}: the «Версия для слабовидящих» control is not visible with JavaScript on")
    return failures


# Reflow (WCAG 1.4.10): the widths no page may scroll horizontally at, as context options.
# 200 % zoom is emulated as Chromium's zoom works: a 1280 px wide window at 200 % lays the page
# out in 640 CSS px with 2 device pixels per CSS pixel (not CSS `zoom`, which changes how pages
# measure themselves).
REFLOW_VIEWPORTS = {
    "320px": {"viewport": {"width": 320, "height": 800}, "device_scale_factor": 1},
    "1280px-zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}

OVERFLOW = """async () => {
  // a frame after a resize: what the page's scripts do on `resize` is laid out
  await new Promise(done => requestAnimationFrame(() => done()));
  const root = document.documentElement;
  const width = root.clientWidth;
  const result = {scrollWidth: root.scrollWidth, clientWidth: width, culprits: []};
  if (root.scrollWidth <= width + 1) return result;
  // Elements whose box or visible overflowing content (e.g. a long word) passes the right edge;
  // report the innermost ones.
  const out = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const spills = getComputedStyle(el).overflowX === 'visible' && r.left + el.scrollWidth > width + 1;
    if (r.right > width + 1 || spills) out.add(el);
  }
  for (const el of out) {
    if ([...el.children].some(c => out.has(c))) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    result.culprits.push(name + (text ? ' «' + text + '»' : ''));
    if (result.culprits.length >= 5) break;
  }
  return result;
}"""


def overflow_failure(address: str, page) -> str | None:
    """The page's horizontal overflow at its current viewport and what sticks out, or None."""
    m = page.evaluate(OVERFLOW)
    if m["scrollWidth"] > m["clientWidth"] + 1:
        return (f"{address}: scrollWidth {m['scrollWidth']} > clientWidth {m['clientWidth']}; "
                f"sticking out: {', '.join(m['culprits']) or '?'}")
    return None


def emulate(cdp, options: dict) -> None:
    """Lay the loaded page out anew at the viewport and device scale factor of `options` (context
    options, as REFLOW_VIEWPORTS holds them) — what resizing or zooming the window does."""
    cdp.send("Emulation.setDeviceMetricsOverride", {
        "width": options["viewport"]["width"], "height": options["viewport"]["height"],
        "deviceScaleFactor": options.get("device_scale_factor", 1), "mobile": False})


# --------------------------------------------------------------------------- HTTP server

class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the build under `prefix` only; anything else, and directory listings, are 404."""

    prefix = "/"

    def _in_prefix(self) -> bool:
        path = urllib.parse.urlsplit(self.path).path
        if path == self.prefix.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        if path == "/favicon.ico":
            # Chromium asks the host's root for a favicon when a page declares none; the
            # host is the college's site, not ours, so answer as a host without one would
            # quietly (the pages' own requests all stay under the prefix).
            self.send_response(204)
            self.end_headers()
            return False
        if not path.startswith(self.prefix):
            self.send_error(404, "outside the site's sub-path")
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        if self._in_prefix():
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._in_prefix():
            super().do_HEAD()

    def translate_path(self, path: str) -> str:
        parts = urllib.parse.urlsplit(path)
        return super().translate_path("/" + parts.path[len(self.prefix):])

    def list_directory(self, path):  # a directory without index.html is a broken link
        self.send_error(404, "no index.html in this directory")
        return None

    def log_message(self, format, *args) -> None:  # keep the test output clean
        pass


@dataclass
class SiteServer:
    """The build served at http://127.0.0.1:<port><SUB_PATH>."""

    root: Path
    prefix: str = SUB_PATH
    base_url: str = ""
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> "SiteServer":
        handler = type("Handler", (_SubPathHandler,), {"prefix": self.prefix})
        self._server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(self.root))
        )
        self._server.daemon_threads = True
        port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{port}{self.prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def url(self, rel_path: str) -> str:
        return self.base_url + urllib.parse.quote(rel_path)

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


# --------------------------------------------------------------------------- page watching

def _is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == "127.0.0.1"


@dataclass
class Watch:
    """A page with every request, failure, console error and page error recorded."""

    page: object
    label: str = ""
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    _pending: set = field(default_factory=set)
    _reported: int = 0

    def attach(self) -> "Watch":
        page = self.page
        page.on("request", self._on_request)
        page.on("requestfailed", self._on_failed)
        page.on("requestfinished", self._on_finished)
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)
        return self

    def _add(self, text: str) -> None:
        self.problems.append(f"{self.label or self.page.url}: {text}")

    def _on_request(self, request) -> None:
        self.requests.append(request.url)
        self._pending.add(request)
        if not _is_local(request.url):
            self._add(f"request leaves the machine: {request.url}")

    def _on_finished(self, request) -> None:
        self._pending.discard(request)

    def _on_failed(self, request) -> None:
        self._pending.discard(request)
        self._add(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self._add(f"HTTP {response.status}: {response.url}")

    def _on_console(self, message) -> None:
        if message.type == "error":
            loc = message.location or {}
            where = f" at {loc.get('url')}:{loc.get('lineNumber')}" if loc.get("url") else ""
            self._add(f"console error: {message.text}{where}")

    def _on_pageerror(self, error) -> None:
        self._add(f"page error: {error}")

    def goto(self, url: str, label: str | None = None):
        """Open `url`, wait for the load event, the fonts and every request the page started
        (so that leaving it aborts nothing); return the response."""
        # Requests the previous page started late (fonts laid out while axe ran, say) finish
        # first: leaving would abort them and report a failure that is not the site's.
        self.settle()
        self._pending.clear()
        self.label = label or url
        response = self.page.goto(url, wait_until="load")
        self.page.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true")
        self.settle()
        return response

    def settle(self, timeout_ms: int = 5000) -> None:
        """Wait until no request of the page is in flight."""
        waited = 0
        while self._pending and waited < timeout_ms:
            self.page.wait_for_timeout(25)
            waited += 25
        if self._pending:
            urls = ", ".join(sorted(r.url for r in self._pending))
            self._add(f"requests still unfinished after {timeout_ms / 1000:g} s: {urls}")
            self._pending.clear()

    def new_problems(self) -> list[str]:
        fresh = self.problems[self._reported:]
        self._reported = len(self.problems)
        return fresh

    def assert_clean(self) -> None:
        fresh = self.new_problems()
        assert not fresh, "problems while loading pages:\n  " + "\n  ".join(fresh)


# --------------------------------------------------------------------------- the a11y mode

def a11y_state(scheme: str = "white", size: int = 1, images: str = "on",
               spacing: str = "normal") -> dict:
    """The localStorage value that switches the version for the visually impaired on."""
    return {"on": True, "size": size, "scheme": scheme, "images": images, "spacing": spacing}


def a11y_init_script(state: dict | None) -> str:
    """A context init script that stores `state` (or clears it) before every document."""
    if state is None:
        return f"try {{ localStorage.removeItem({json.dumps(A11Y_KEY)}); }} catch (e) {{}}"
    return (
        f"try {{ localStorage.setItem({json.dumps(A11Y_KEY)}, "
        f"{json.dumps(json.dumps(state))}); }} catch (e) {{}}"
    )


def switch_scheme(page, scheme: str) -> None:
    """Switch the version for the visually impaired (already on) to `scheme` with its panel's
    own button, as a reader does (the panel need not be open: the button is clicked in place)."""
    page.evaluate("(scheme) => document.querySelector("
                  "`[data-a11y-set=\"scheme\"][data-a11y-value=\"${scheme}\"]`).click()", scheme)


def html_a11y_attributes(page) -> dict:
    return page.evaluate(
        """() => { const e = document.documentElement; return {
            on: e.getAttribute('data-a11y'), scheme: e.getAttribute('data-a11y-scheme'),
            images: e.getAttribute('data-a11y-images'),
            spacing: e.getAttribute('data-a11y-spacing'),
            fontSize: e.style.fontSize, js: e.classList.contains('js') }; }"""
    )


# --------------------------------------------------------------------------- axe-core

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
    preload: false  // axe would fetch every stylesheet again, which fails under file://
  });
  const target = (t) => Array.isArray(t) ? t.join(' >>> ') : String(t);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.map(target).join(' '),
      html: n.html.slice(0, 300),
      summary: n.failureSummary || ''
    }))
  }));
}"""


@functools.lru_cache(maxsize=1)
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_init_script() -> str:
    """axe-core as a context's init script: a page of that context has it from its first line
    (Chromium compiles it once for the context instead of once a page, as evaluating it does)."""
    require_axe()
    return _axe_source()


def run_axe(page) -> list[dict]:
    """Inject axe-core into the page (bypassing any CSP) unless an init script did, and return
    its WCAG 2.x A/AA violations."""
    require_axe()
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source() + "\n;void 0")
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def format_violations(label: str, violations: list[dict]) -> str:
    lines = [f"{label}:"]
    for v in violations:
        lines.append(f"  [{v['id']}] ({v['impact']}) {v['help']}")
        for n in v["nodes"][:5]:
            lines.append(f"      {n['target']}: {n['html']}")
            for s in n["summary"].splitlines()[:4]:
                lines.append(f"        {s.strip()}")
        if len(v["nodes"]) > 5:
            lines.append(f"      … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


# --------------------------------------------------------------------------- Nu HTML checker

def run_vnu(files: list[Path]) -> list[dict]:
    """Check `files` with one run of the W3C Nu HTML checker; return its error messages."""
    require_vnu()
    if not files:
        return []
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
         *[str(f) for f in files]],
        capture_output=True, text=True, encoding="utf-8", timeout=900,
    )
    try:
        report = json.loads(proc.stdout or "{}")
    except json.JSONDecodeError:
        pytest.fail(f"the Nu HTML checker gave no JSON (exit {proc.returncode}):\n"
                    f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    messages = report.get("messages", [])
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not messages):
        pytest.fail(f"the Nu HTML checker failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return messages


def format_vnu(messages: list[dict], root: Path) -> str:
    lines = []
    for m in messages:
        url = m.get("url", "")
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url else "?"
        try:
            path = Path(path).relative_to(root).as_posix()
        except ValueError:
            pass
        line = m.get("lastLine", m.get("firstLine", "?"))
        extract = (m.get("extract") or "").replace("\n", " ")[:160]
        lines.append(f"{path}:{line}: {m.get('type')}: {m.get('message')}  «{extract}»")
    return "\n".join(lines)


FRAGMENT_WRAPPER = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Фрагмент для вставки на сайт колледжа</title>
</head>
<body>
{fragment}
</body>
</html>
"""


def wrap_fragment(fragment: str) -> str:
    """A minimal HTML document around a CMS fragment (full documents are left as they are)."""
    text = fragment.lstrip("\ufeff")
    if text.lstrip().lower().startswith("<!doctype"):
        return text
    return FRAGMENT_WRAPPER.format(fragment=text)


# --------------------------------------------------------------------------- screenshots

_PNG_DIFF = """async ([a, b, tolerance]) => {
  const load = async (data) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    return img;
  };
  const [ia, ib] = await Promise.all([load(a), load(b)]);
  const size = [ia.naturalWidth, ia.naturalHeight], other = [ib.naturalWidth, ib.naturalHeight];
  if (size[0] !== other[0] || size[1] !== other[1]) return {size, other, differing: null};
  const pixels = (img) => {
    const canvas = new OffscreenCanvas(size[0], size[1]);
    const context = canvas.getContext('2d', {colorSpace: 'srgb'});
    context.drawImage(img, 0, 0);
    return context.getImageData(0, 0, size[0], size[1]).data;
  };
  const pa = pixels(ia), pb = pixels(ib);
  let differing = 0;
  for (let i = 0; i < pa.length; i += 4) {
    if (Math.abs(pa[i] - pb[i]) > tolerance || Math.abs(pa[i + 1] - pb[i + 1]) > tolerance
        || Math.abs(pa[i + 2] - pb[i + 2]) > tolerance || Math.abs(pa[i + 3] - pb[i + 3]) > tolerance) differing++;
  }
  return {size, other, differing};
}"""


def png_difference(browser, a: bytes, b: bytes, tolerance: int = 16) -> dict:
    """Compare two PNG images pixel by pixel, decoded by Chromium (no imaging library needed):
    {"size": [w, h] of a, "other": [w, h] of b, "differing": the number of pixels where a colour
    channel differs by more than `tolerance` (of 255), None when the sizes differ}."""
    page = browser.new_page()
    try:
        return page.evaluate(_PNG_DIFF, [base64.b64encode(a).decode("ascii"), base64.b64encode(b).decode("ascii"),
                                         tolerance])
    finally:
        page.close()
