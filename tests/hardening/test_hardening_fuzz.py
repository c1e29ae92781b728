"""Property: whatever a person does to the files of a site, `check` and `build` end with
exit 0 or 1 (2 only when site_config.yaml itself is unusable) and say only the project's own
diagnostics, never a traceback.

The one-cluster fixture (tests/hardening/test_hardening_fixture.py) is mutated by truncation, random
bytes, swapped keys, deleted files, duplicated, deleted and swapped lines and tabs, then
checked and built in-process through the command line's own entry point (no subprocess per
example). 60 examples, the same ones every run; `pytest --run-slow` (or CLUSTERPAGES_LONG_TESTS=1)
also runs 1000 random ones.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_diagnostics_catalogue import collect_codes
from test_hardening_fixture import site_files, write_site

FILES = sorted(site_files())
TEXT_FILES = [f for f in FILES if f.endswith((".md", ".yaml"))]
KNOWN_CODES = frozenset(collect_codes())
SUMMARY = re.compile(r"^(записано файлов: \d+, )?ошибок: \d+, предупреждений: \d+, время: [\d.]+ с$")
BUILD_END = re.compile(r"^(Готово: .+ — |Сборка не удалась \().*(ошибок: \d+, предупреждений: \d+, время: [\d.]+ с)")

_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(\s*:)")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def mutate(files: dict[str, bytes], m: tuple) -> None:
    kind, rel = m[0], m[1]
    if rel not in files:
        return
    data = files[rel]
    if kind == "delete":
        del files[rel]
    elif kind == "truncate":
        files[rel] = data[: int(len(data) * m[2])]
    elif kind == "bytes":
        pos = m[2] % (len(data) + 1)
        files[rel] = data[:pos] + m[3] + data[pos + m[4] % 4:]
    elif kind in ("duplicate-line", "delete-line", "tab", "swap-lines", "swap-keys"):
        lines = _lines(data)
        i = m[2] % len(lines)
        if kind == "duplicate-line":
            lines.insert(i, lines[i])
        elif kind == "delete-line":
            del lines[i]
        elif kind == "tab":
            stripped = lines[i].lstrip(b" ")
            lines[i] = b"\t" * max(1, (len(lines[i]) - len(stripped)) // 2) + stripped
        elif kind == "swap-lines":
            j = m[3] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        else:  # swap the names of two keys
            text = [l.decode("utf-8", "replace") for l in lines]
            keyed = [n for n, l in enumerate(text) if _KEY.match(l)]
            if len(keyed) >= 2:
                a, b = keyed[i % len(keyed)], keyed[m[3] % len(keyed)]
                ka, kb = _KEY.match(text[a]).group(2), _KEY.match(text[b]).group(2)
                text[a] = _KEY.sub(lambda x: x.group(1) + kb + x.group(3), text[a], count=1)
                text[b] = _KEY.sub(lambda x: x.group(1) + ka + x.group(3), text[b], count=1)
                lines = [l.encode("utf-8") for l in text]
        files[rel] = b"\n".join(lines)


index = st.integers(min_value=0, max_value=10_000)
MUTATION = st.one_of(
    st.tuples(st.just("truncate"), st.sampled_from(FILES), st.floats(min_value=0, max_value=1)),
    st.tuples(st.just("bytes"), st.sampled_from(FILES), index, st.binary(min_size=1, max_size=6), index),
    st.tuples(st.just("bytes"), st.sampled_from(TEXT_FILES), index,
              st.sampled_from([b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\t", b"---\n", b"|", b": ",
                               b"&a ", b"*a", b"[", b"{{", b"<script>", "ё".encode("cp1251")]), index),
    st.tuples(st.just("delete"), st.sampled_from(FILES)),
    st.tuples(st.just("duplicate-line"), st.sampled_from(TEXT_FILES), index),
    st.tuples(st.just("delete-line"), st.sampled_from(TEXT_FILES), index),
    st.tuples(st.just("swap-lines"), st.sampled_from(TEXT_FILES), index, index),
    st.tuples(st.just("swap-keys"), st.sampled_from(TEXT_FILES), index, index),
    st.tuples(st.just("tab"), st.sampled_from(TEXT_FILES), index),
)


def _run(argv: list[str]) -> tuple[int, str, str]:
    from clusterpages import cli
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def _check_output(code: int, out: str, err: str, config_changed: bool, build: bool) -> None:
    allowed = {0, 1, 2} if config_changed else {0, 1}
    assert code in allowed, (code, out[-2000:], err[-2000:])
    assert "Traceback" not in out + err
    diags = json.loads(out)
    unknown = sorted({d["code"] for d in diags} - KNOWN_CODES)
    assert not unknown, f"diagnostics that are not the project's own: {unknown}"
    for d in diags:
        assert d["message"] and isinstance(d["line"], (int, type(None))), d
    for line in err.splitlines():
        if not line.strip():
            continue
        ok = SUMMARY.match(line) or BUILD_END.match(line) or line.startswith("Ждём окончания другой сборки")
        assert ok, f"stderr is not the project's own: {line!r}"


@contextlib.contextmanager
def _shared_templates():
    """One Jinja environment per template folder for all examples (compiling is most of a build)."""
    from clusterpages.site import render
    original = render.environment
    render.environment = functools.lru_cache(maxsize=8)(original)
    try:
        yield
    finally:
        render.environment = original


@settings(max_examples=60, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(MUTATION, min_size=1, max_size=3))
def test_mutated_site_never_crashes(mutations):
    _mutated_site_never_crashes(mutations)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, database=None, derandomize=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(MUTATION, min_size=1, max_size=3))
def test_mutated_site_never_crashes_long(mutations):
    """The same at 1000 random examples (pytest --run-slow)."""
    _mutated_site_never_crashes(mutations)


def _mutated_site_never_crashes(mutations):
    files = site_files()
    for m in mutations:
        mutate(files, m)
    config_changed = files.get("site_config.yaml") != site_files()["site_config.yaml"]
    root = Path(tempfile.mkdtemp(prefix="cp-fuzz-"))
    try:
        write_site(root / "site", files)
        config = root / "site" / "site_config.yaml"
        if not config.exists():
            return
        common = ["--config", str(config), "--as-of", "2023-02-15", "--format", "json"]
        with _shared_templates():
            code, out, err = _run(["check", *common])
            _check_output(code, out, err, config_changed, build=False)
            code, out, err = _run(["build", *common, "--out", str(root / "out"), "--jobs", "1"])
            _check_output(code, out, err, config_changed, build=True)
        if code == 0:
            assert (root / "out" / "index.html").is_file()
        else:
            assert not (root / "out").exists() or not any((root / "out").iterdir())
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_mutations_do_what_they_say():
    files = site_files()
    rel = "content/clusters/it/cluster.yaml"
    mutate(files, ("swap-keys", rel, 0, 1))
    text = files[rel].decode()
    assert text.startswith("short_name: Кластер информационных технологий\nname: Информационные технологии")
    mutate(files, ("tab", rel, 7))
    assert files[rel].split(b"\n")[7].startswith(b"\t")
    mutate(files, ("delete", rel))
    assert rel not in files
