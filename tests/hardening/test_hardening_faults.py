"""Faults: a build killed at any moment, a write that fails, two builds at once, a lock left
by a dead process — the previous output stays whole, the next build succeeds, and two clean
builds of the same input are byte-identical."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_slow
from test_hardening_fixture import AS_OF, tree_hashes

REPO = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("CLUSTERPAGES_KILL_SEED", "20230215"))
KILLS = 5        # at moments spread over a build; --run-slow: LONG_KILLS
LONG_KILLS = 40


def _example_copy(dst: Path) -> Path:
    dst.mkdir(parents=True)
    shutil.copy2(REPO / "site_config.yaml", dst / "site_config.yaml")
    shutil.copytree(REPO / "content", dst / "content")
    return dst / "site_config.yaml"


def _argv(config: Path, out: Path, *extra: str) -> list[str]:
    return ["build", "--config", str(config), "--out", str(out), "--as-of", AS_OF.isoformat(), *extra]


def _start(argv: list[str], wrapper: str = "") -> subprocess.Popen:
    """The build as a process group of its own (its workers die with it)."""
    code = (f"import sys; sys.path.insert(0, {str(REPO)!r})\n{wrapper}\n"
            "from clusterpages import cli\nsys.exit(cli.main(sys.argv[1:]))")
    return subprocess.Popen([sys.executable, "-c", code, *argv], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def _kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*") if p.is_dir())


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """A copy of the example region and its output built by the command line with two workers
    (hashes of every file)."""
    root = tmp_path_factory.mktemp("faults")
    config = _example_copy(root / "site")
    out = root / "site" / "output"
    proc = subprocess.run([sys.executable, str(REPO / "build.py"), *_argv(config, out, "--jobs", "2")], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    return config, out, tree_hashes(out)


def _state_after_kill(out: Path, before: dict) -> str:
    """'intact' or 'parked' (killed between two renames: the previous output is in .old-*)."""
    if out.exists():
        assert tree_hashes(out) == before, "the output changed under a killed build"
        return "intact"
    olds = list(out.parent.glob(f".{out.name}.old-*"))
    assert len(olds) == 1 and tree_hashes(olds[0]) == before, "the output is gone and not parked"
    return "parked"


def _build_ok(config: Path, out: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(REPO / "build.py"), *_argv(config, out)], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_sigkill_at_random_moments_never_damages_the_output(example, request):
    config, out, before = example
    rng = random.Random(SEED)
    states = []
    kills = LONG_KILLS if run_slow(request.config) else KILLS
    for n in range(kills):
        # one moment at random in each of `kills` equal spans of the 2.5 s a build takes here
        proc = _start(_argv(config, out))
        time.sleep(2.5 * (n + rng.random()) / kills)
        _kill(proc)
        states.append(_state_after_kill(out, before))
    proc = _build_ok(config, out)
    assert tree_hashes(out) == before
    assert not _leftovers(out), _leftovers(out)
    assert "Traceback" not in proc.stderr


SLOW_WRITE = """
import os, time
from clusterpages.publish import write
_utime = os.utime
def _slow_utime(*a, **k):
    time.sleep(0.003)
    return _utime(*a, **k)
write.os.utime = _slow_utime
"""

TWO_RENAMES = """
import os, time
from clusterpages.publish import swap, write
swap.exchange = lambda a, b: False
_replace = os.replace
def _slow_replace(a, b):
    r = _replace(a, b)
    time.sleep(0.5)
    return r
write.os.replace = _slow_replace
"""


def _kill_when(proc: subprocess.Popen, out: Path, pattern: str, delay: float, timeout: float = 120) -> bool:
    """Kill `proc` `delay` seconds after a folder matching `pattern` appears next to `out`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if any(out.parent.glob(pattern)):
            time.sleep(delay)
            _kill(proc)
            return True
        time.sleep(0.001)
    _kill(proc)
    return False


def test_sigkill_while_writing_and_between_the_renames(example):
    config, out, before = example
    rng = random.Random(SEED + 1)
    hit = 0
    for _ in range(3):  # while the files are being written (slowed down to make the window wide)
        proc = _start(_argv(config, out, "--jobs", "1"), SLOW_WRITE)
        hit += _kill_when(proc, out, f".{out.name}.tmp-*", rng.uniform(0, 0.3))
        assert _state_after_kill(out, before) == "intact"
    assert hit, "no kill landed while writing"
    # between the two renames of the fallback swap: the output is parked in .old-*
    proc = _start(_argv(config, out, "--jobs", "1"), TWO_RENAMES)
    assert _kill_when(proc, out, f".{out.name}.old-*", 0.05)
    assert _state_after_kill(out, before) == "parked"
    _build_ok(config, out)
    assert tree_hashes(out) == before
    assert not _leftovers(out)


def test_an_old_folder_left_by_hand_is_put_back(tmp_path):
    from clusterpages.publish import write
    out = tmp_path / "output"
    (out / "a").mkdir(parents=True)
    (out / "a" / "index.html").write_bytes(b"previous")
    before = tree_hashes(out)
    os.replace(out, tmp_path / ".output.old-4242")
    (tmp_path / ".output.tmp-4242" / "half").mkdir(parents=True)  # a half-written new build
    assert write.recover(out)
    assert tree_hashes(out) == before and not _leftovers(out)
    # the next build does the same before writing
    os.replace(out, tmp_path / ".output.old-4243")
    with write.locked(out):
        write.write_site(out, {"b/index.html": b"new"}, {})
    assert tree_hashes(out) == {"b/index.html": tree_hashes(out)["b/index.html"]} and not _leftovers(out)


def test_recover_leaves_a_running_build_alone(tmp_path):
    from clusterpages.publish import write
    out = tmp_path / "output"
    (tmp_path / ".output.old-1").mkdir()
    with write.locked(out):  # another build holds the lock: its .old-* is not stale
        assert not write.recover(out)
    assert (tmp_path / ".output.old-1").exists() and not out.exists()


def test_two_renames_put_the_output_back_when_the_second_fails(tmp_path, monkeypatch):
    from clusterpages.publish import write
    out = tmp_path / "output"
    with write.locked(out):
        write.write_site(out, {"index.html": b"previous"}, {})
    before = tree_hashes(out)
    from clusterpages.publish import swap
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    real = os.replace
    calls = []

    def replace(a, b):
        calls.append((a, b))
        if len(calls) == 2:
            raise OSError(errno.EBUSY, "Device or resource busy", str(b))
        return real(a, b)
    monkeypatch.setattr(write.os, "replace", replace)
    with pytest.raises(write.WriteError) as info, write.locked(out):
        write.write_site(out, {"index.html": b"new"}, {})
    assert "занята" in str(info.value)
    monkeypatch.setattr(write.os, "replace", real)
    assert tree_hashes(out) == before and not _leftovers(out)


# --------------------------------------------------------------------------- failing writes

def _cli(argv: list[str]) -> tuple[int, str]:
    from clusterpages import cli
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(argv)
    return code, err.getvalue()


@pytest.fixture
def small_site(tmp_path):
    """The one-cluster fixture, built once into output/."""
    from test_hardening_fixture import write_site
    config = write_site(tmp_path / "site")
    out = tmp_path / "site" / "output"
    code, err = _cli(_argv(config, out, "--jobs", "1"))
    assert code == 0, err
    return config, out, tree_hashes(out)


FAILURES = {
    "no space": ("write", errno.ENOSPC, "на диске не осталось места"),
    "permission denied": ("mkdir", errno.EACCES, "нет прав на запись"),
    "read-only disk": ("copyfile", errno.EROFS, "только для чтения"),
    "i/o error": ("write", errno.EIO, "ошибка ввода-вывода"),
}


@pytest.mark.parametrize("name", list(FAILURES))
def test_a_failing_write_ends_clearly_and_keeps_the_output(name, small_site, monkeypatch):
    from clusterpages.publish import write
    config, out, before = small_site
    what, code_, words = FAILURES[name]
    err = OSError(code_, os.strerror(code_))
    # Unchanged files are carried over from the previous output (linked, not written), into the
    # folders of the spare the first build left: make every file a real write, in folders made
    # anew, so that the simulated failure is met.
    monkeypatch.setattr(write, "carry", lambda *args: False)
    shutil.rmtree(out.parent / ".clusterpages-cache" / f"spare-{out.name}")
    if what == "write":  # the pages (index.html) are written by fileio.write_new
        from clusterpages.content.read import fileio
        real = fileio.write_new
        monkeypatch.setattr(fileio, "write_new", lambda target, data: (_ for _ in ()).throw(err)
                            if ".output.tmp-" in str(target) and Path(target).name == "index.html" else real(target, data))
    elif what == "mkdir":
        real_mkdir = Path.mkdir
        monkeypatch.setattr(Path, "mkdir", lambda self, *a, **k: (_ for _ in ()).throw(err)
                            if ".output.tmp-" in str(self) else real_mkdir(self, *a, **k))
    else:
        monkeypatch.setattr(write.shutil, "copyfile", lambda *a, **k: (_ for _ in ()).throw(err))
    code, stderr = _cli(_argv(config, out, "--jobs", "1"))
    assert code == 1, stderr
    assert words in stderr and "Не удалось записать сайт" in stderr and "не изменена" in stderr
    assert "Errno" not in stderr and "Traceback" not in stderr and ".." not in stderr
    assert tree_hashes(out) == before
    assert not _leftovers(out)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_parent(small_site):
    config, out, before = small_site
    os.chmod(out.parent, 0o555)
    try:
        code, stderr = _cli(_argv(config, out, "--jobs", "1"))
    finally:
        os.chmod(out.parent, 0o755)
    assert code == 1 and "нет прав" in stderr
    assert tree_hashes(out) == before and not _leftovers(out)


# --------------------------------------------------------------------------- two builds, one output

def test_two_builds_at_once_both_succeed_and_the_output_is_whole(example, tmp_path):
    config, _, before = example
    out = tmp_path / "shared" / "output"
    first = _start(_argv(config, out))
    second = _start(_argv(config, out))
    results = [p.communicate(timeout=300) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, [r[1].decode() for r in results]
    assert tree_hashes(out) == before
    assert not _leftovers(out)


HOLD_LOCK = """
import sys, time
from pathlib import Path
from clusterpages.publish import write
with write.locked(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def _holder(out: Path) -> subprocess.Popen:
    code = f"import sys; sys.path.insert(0, {str(REPO)!r})\n{HOLD_LOCK}"
    proc = subprocess.Popen([sys.executable, "-c", code, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            start_new_session=True)
    assert proc.stdout.readline().strip() == b"locked"
    return proc


def test_the_second_build_waits_for_the_first(small_site):
    import threading
    config, out, before = small_site
    holder = _holder(out)
    build = _start(_argv(config, out, "--jobs", "1"))
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(l.decode("utf-8", "replace") for l in build.stderr),
                              daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any("Ждём окончания другой сборки" in l for l in lines):
            assert build.poll() is None or any("Ждём" in l for l in lines), "the build ended without waiting"
            time.sleep(0.05)
        assert any("Ждём окончания другой сборки" in l for l in lines), lines
        time.sleep(0.5)
        assert build.poll() is None, "the build did not wait for the lock"
        assert tree_hashes(out) == before  # nothing written while waiting
    finally:
        holder.stdin.write(b"\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    build.wait(timeout=120)
    reader.join(timeout=10)
    assert build.returncode == 0, "".join(lines)
    assert tree_hashes(out) == before


def test_a_lock_left_by_a_killed_process_never_blocks(small_site):
    config, out, before = small_site
    holder = _holder(out)
    _kill(holder)
    started = time.monotonic()
    code, err = _cli(_argv(config, out, "--jobs", "1"))
    assert code == 0, err
    assert "Ждём" not in err and time.monotonic() - started < 60
    assert tree_hashes(out) == before


# --------------------------------------------------------------------------- reproducible builds

def test_two_clean_builds_are_byte_identical(example, example_build):
    """The one reproducibility test of the suite: the run's shared build (in-process, serial,
    without a cache, see conftest) and the command line's build with two workers and its cache
    (`example`), of two copies in two folders (no absolute path may leak), give the same bytes in
    every file: pages, zips, their manifests, Word files. (It replaces three tests that each made
    two more builds: two clean builds, the zips and manifest of two builds, --jobs 1 against
    --jobs 2.)"""
    config, _, before = example
    assert config.parent != example_build.site
    assert not [d for d in example_build.result.diagnostics if d.severity == "error"]
    ha, hb = example_build.hashes, before
    assert ha == hb, sorted(k for k in set(ha) | set(hb) if ha.get(k) != hb.get(k))[:20]
    assert any(k.startswith("downloads/") and k.endswith(".zip") for k in ha)
    assert "downloads/manifest.json" in ha
