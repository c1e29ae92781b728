"""Golden test: the example region builds to exactly the committed expected output.

A few representative pages are kept whole under tests/golden/text/ (so a change shows as a
readable diff in review and on failure); every built file, those included, is listed with its
SHA-256 in tests/golden/manifest.sha256. After an intended change, rewrite the expectation with
    .venv/bin/python -m pytest tests/test_golden.py --update-golden
and review `git diff tests/golden` like any other change.
"""

from __future__ import annotations

import difflib
import hashlib
import shutil

from conftest import REPO

GOLDEN = REPO / "tests" / "golden"
TEXT_DIR = GOLDEN / "text"
MANIFEST = GOLDEN / "manifest.sha256"
# Whole text: the regional index, a cluster home, a work plan, the protocol dashboard and a
# CMS fragment — one page of each kind that the rest of the site repeats.
TEXT_PAGES = (
    "index.html",
    "clusters/it/index.html",
    "clusters/it/plan-2022-2023/index.html",
    "protocols/protocol-4-2022-12-06/index.html",
    "embed/it/plan-2022-2023.html",
)
DIFF_PAGES = 3      # unified diffs shown on failure
DIFF_LINES = 60     # lines of each


def _manifest(files: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(files.items()))


def _parse(manifest: str) -> dict[str, str]:
    return {line[66:]: line[:64] for line in manifest.splitlines() if line.strip()}


def _diff(path: str, expected: bytes, actual: bytes) -> str:
    lines = list(difflib.unified_diff(expected.decode("utf-8").splitlines(), actual.decode("utf-8").splitlines(),
                                      f"tests/golden/text/{path}", f"built {path}", n=2, lineterm=""))
    more = f"\n… {len(lines) - DIFF_LINES} more lines" if len(lines) > DIFF_LINES else ""
    return "\n".join(lines[:DIFF_LINES]) + more


def compare(files: dict[str, bytes], manifest: str, texts: dict[str, bytes]) -> str:
    """What differs between a build and the golden copy, for a person to read ("" when nothing)."""
    expected, actual = _parse(manifest), _parse(_manifest(files))
    missing = sorted(set(expected) - set(actual))
    new = sorted(set(actual) - set(expected))
    changed = sorted(p for p in set(expected) & set(actual) if expected[p] != actual[p])
    if not (missing or new or changed):
        return ""
    report = [f"the build differs from tests/golden: {len(changed)} changed, {len(new)} new, {len(missing)} missing"]
    diffs = [p for p in changed if p in texts][:DIFF_PAGES]
    report += [_diff(p, texts[p], files[p]) for p in diffs]
    for title, paths in (("changed", [p for p in changed if p not in diffs]), ("new", new), ("missing", missing)):
        if paths:
            report.append(f"{title} ({len(paths)}): " + ", ".join(paths[:20]) + (" …" if len(paths) > 20 else ""))
    report.append("If the change is intended: pytest tests/test_golden.py --update-golden, then review git diff tests/golden.")
    return "\n\n".join(report)


def test_example_region_matches_golden(example_build, request):
    """The shared build of the example region (`build --strict --as-of 2023-02-15`, see conftest)."""
    files = example_build.files
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel in TEXT_PAGES:
            (TEXT_DIR / rel).parent.mkdir(parents=True, exist_ok=True)
            (TEXT_DIR / rel).write_bytes(files[rel])
        MANIFEST.write_text(_manifest(files), encoding="utf-8", newline="\n")
        return
    assert MANIFEST.is_file(), "no golden output yet: run pytest tests/test_golden.py --update-golden"
    texts = {rel: (TEXT_DIR / rel).read_bytes() for rel in TEXT_PAGES if (TEXT_DIR / rel).is_file()}
    problems = compare(files, MANIFEST.read_text(encoding="utf-8"), texts)
    assert not problems, problems


def test_kept_text_pages_agree_with_the_manifest():
    """The whole-text copies are the pages the manifest lists (a hand edit of one is caught)."""
    expected = _parse(MANIFEST.read_text(encoding="utf-8"))
    for rel in TEXT_PAGES:
        assert hashlib.sha256((TEXT_DIR / rel).read_bytes()).hexdigest() == expected[rel], rel


def test_a_difference_is_shown_as_a_diff_and_names():
    """The failure message itself: a readable diff of a kept page, the names of the others."""
    files = {"index.html": "<h1>Кластеры</h1>\n<p>Выполнено 5</p>\n".encode(), "a.zip": b"PK1", "b.css": b"x"}
    manifest = _manifest({"index.html": "<h1>Кластеры</h1>\n<p>Выполнено 4</p>\n".encode(), "a.zip": b"PK0",
                          "gone.html": b""})
    text = compare(files, manifest, {"index.html": "<h1>Кластеры</h1>\n<p>Выполнено 4</p>\n".encode()})
    assert "-<p>Выполнено 4</p>\n+<p>Выполнено 5</p>" in text
    assert "changed (1): a.zip" in text and "new (1): b.css" in text and "missing (1): gone.html" in text
    assert compare(files, _manifest(files), {}) == ""
