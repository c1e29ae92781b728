"""Golden test: the example region builds to exactly the committed expected output.

After an intended change, rewrite the expectation with
    .venv/bin/python -m pytest tests/test_golden.py --update-golden
and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from conftest import REPO, run_cli

GOLDEN = REPO / "tests" / "golden"
TEXT = {".html", ".css", ".js", ".json", ".ics", ".xml", ".txt", ".csv", ".svg"}
BINARY_LIST = "_binary.sha256"


def _snapshot(out: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    texts, binaries = {}, {}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(out).as_posix()
        # Theme assets are copied as they are: their hashes are enough (only the generated
        # tokens.css is kept as text, to show a palette change in the diff).
        if path.suffix in TEXT and (not rel.startswith("assets/") or rel == "assets/tokens.css"):
            texts[rel] = path.read_bytes()
        else:
            binaries[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return texts, binaries


def test_example_region_matches_golden(tmp_path, request):
    out = tmp_path / "output"
    r = run_cli("build", "--out", str(out), "--strict", "--as-of", "2023-02-15")
    assert r.returncode == 0, r.stderr
    texts, binaries = _snapshot(out)
    binary_list = "".join(f"{h}  {p}\n" for p, h in sorted(binaries.items())).encode("utf-8")
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in texts.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
        (GOLDEN / BINARY_LIST).write_bytes(binary_list)
        return
    assert GOLDEN.is_dir(), "no golden output yet: run pytest tests/test_golden.py --update-golden"
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*"))
                if p.is_file() and p.name != BINARY_LIST}
    assert sorted(texts) == sorted(expected), "the set of built files changed"
    changed = [rel for rel in texts if texts[rel] != expected[rel]]
    assert not changed, f"{len(changed)} files differ from tests/golden, first: {changed[:5]}"
    assert binary_list == (GOLDEN / BINARY_LIST).read_bytes()
