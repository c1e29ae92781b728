"""Incremental builds: after any sequence of edits, a cached build equals a clean build byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterpages import pipeline
from clusterpages.serve.session import Session
from clusterpages.serve.watch import SourceWatcher
from conftest import REPO

EDITS = ("page_text", "plan_row", "cluster_data", "template", "config", "delete_page", "rename_page", "new_page",
         "media_file")
AS_OF = dt.date(2023, 2, 15)


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _fixture(root: Path) -> Path:
    """A one-cluster site (the example IT cluster) with a theme of its own to edit."""
    shutil.copy2(REPO / "site_config.yaml", root / "site_config.yaml")
    shutil.copytree(REPO / "content" / "protocols", root / "content" / "protocols")
    shutil.copytree(REPO / "content" / "clusters" / "it", root / "content" / "clusters" / "it")
    shutil.copytree(REPO / "themes" / "brandbook", root / "themes" / "brandbook")
    cluster = root / "content" / "clusters" / "it" / "cluster.yaml"  # no explicit evidence: pages get deleted
    text = cluster.read_text(encoding="utf-8")
    cluster.write_text(text.split("\nevidence:")[0] + "\n", encoding="utf-8")
    return root / "site_config.yaml"


def _apply(root: Path, edit: str, n: int) -> None:
    cl = root / "content" / "clusters" / "it"
    pages = sorted((cl / "pages").glob("*.md"))
    if edit == "page_text" and pages:
        p = pages[n % len(pages)]
        p.write_text(p.read_text(encoding="utf-8") + f"\nДобавленный абзац {n}.\n", encoding="utf-8")
    elif edit == "plan_row":
        p = cl / "plan-2022-2023.md"
        text = p.read_text(encoding="utf-8")
        lines = text.split("\n")
        rows = [i for i, l in enumerate(lines) if l.startswith("| ") and l[2:3].isdigit()]
        i = rows[n % len(rows)]
        cells = lines[i].split("|")
        cells[2] = f" Мероприятие в редакции {n} "
        lines[i] = "|".join(cells)
        p.write_text("\n".join(lines), encoding="utf-8")
    elif edit == "cluster_data":
        p = cl / "cluster.yaml"
        p.write_text(p.read_text(encoding="utf-8").replace("short_name: ", f"short_name: Ред{n} ", 1), encoding="utf-8")
    elif edit == "template":
        p = root / "themes" / "brandbook" / "templates" / "page.html"
        p.write_text(p.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}<!-- v" + str(n) + " -->", 1),
                     encoding="utf-8")
    elif edit == "config":
        p = root / "site_config.yaml"
        p.write_text(p.read_text(encoding="utf-8").replace("title: ", f"title: ({n}) ", 1), encoding="utf-8")
    elif edit == "delete_page" and pages:
        pages[n % len(pages)].unlink()
    elif edit == "rename_page" and pages:
        src = pages[n % len(pages)]
        src.rename(src.with_name(f"renamed-{n}.md"))
    elif edit == "new_page":
        (cl / "pages" / f"novaya-{n}.md").write_text(f"---\ntitle: Новая страница {n}\ndate: 2023-01-{n % 28 + 1:02d}\n---\nТекст.\n",
                                                     encoding="utf-8")
    elif edit == "media_file":
        (cl / "media" / f"file-{n}.txt").write_text(f"вложение {n}", encoding="utf-8")


def _build(cfg: Path, out: Path, cache: bool) -> pipeline.Result:
    result = pipeline.build(cfg, out, None, AS_OF, True, jobs=1, use_cache=cache)
    assert result.written, [d for d in result.diagnostics if d.severity != "info"]
    return result


# Every kind of edit once, in an order where each meets the state the others leave: a page added,
# then renamed, then deleted; a template edit after a data edit; the config last but one.
EVERY_EDIT = [("plan_row", 3), ("new_page", 7), ("page_text", 1), ("rename_page", 7), ("cluster_data", 2),
              ("template", 5), ("delete_page", 0), ("config", 4), ("media_file", 9)]


def test_incremental_equals_clean(tmp_path_factory):
    """Both incremental paths: `build` with its cache folder, and the preview's in-memory session
    told which files changed by its own watcher, after each edit of a sequence of every kind."""
    assert sorted(kind for kind, _ in EVERY_EDIT) == sorted(EDITS)
    _incremental_equals_clean(tmp_path_factory, EVERY_EDIT)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50)), min_size=1, max_size=8))
def test_incremental_equals_clean_long(tmp_path_factory, edits):
    """Sequences of edits at random, of any kinds in any order (pytest --run-slow)."""
    _incremental_equals_clean(tmp_path_factory, edits)


def _incremental_equals_clean(tmp_path_factory, edits):
    root = tmp_path_factory.mktemp("inc")
    (root / "site").mkdir()
    cfg = _fixture(root / "site")
    inc = root / "inc" / "output"
    _build(cfg, inc, cache=True)
    live = root / "live" / "site"
    session = Session(cfg, live, None, lambda: AS_OF, True)
    watcher = SourceWatcher([root / "site" / "content", root / "site" / "themes" / "brandbook", cfg], live)
    watcher.prime()
    assert session.rebuild().result.written
    for step, (edit, n) in enumerate(edits):
        _apply(root / "site", edit, n)
        _build(cfg, inc, cache=True)
        changed = watcher.changed()
        done = session.rebuild([Path(p) for p in changed])
        assert done.result.written, [d for d in done.result.diagnostics if d.severity != "info"]
        clean = root / f"clean-{step}" / "output"
        _build(cfg, clean, cache=False)
        assert _tree(inc) == _tree(clean), f"build after {edits[:step + 1]}"
        assert _tree(live) == _tree(clean), f"preview after {edits[:step + 1]}"


def test_untouched_files_keep_their_time_and_only_changed_files_are_rewritten(tmp_path):
    (tmp_path / "site").mkdir()
    cfg = _fixture(tmp_path / "site")
    out = tmp_path / "output"
    _build(cfg, out, cache=True)
    before = {p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
              for p in out.rglob("*") if p.is_file()}
    page = sorted((tmp_path / "site" / "content" / "clusters" / "it" / "pages").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    _build(cfg, out, cache=True)
    after = {p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
             for p in out.rglob("*") if p.is_file()}
    changed = sorted(p for p in after if after[p] != before.get(p))
    edited = f"clusters/it/pages/{page.stem}/index.html"
    assert edited in changed
    assert len(changed) < len(after) / 3, changed  # the rest kept their inode and time
    assert after["assets/theme.css"] == before["assets/theme.css"]
    assert after["clusters/it/plan-2022-2023/index.html"] == before["clusters/it/plan-2022-2023/index.html"]


# A parallel build gives the bytes of a serial one: tests/hardening/test_hardening_faults.py,
# test_two_clean_builds_are_byte_identical (the suite's one reproducibility test).


def test_a_second_build_finds_every_page_in_the_cache(tmp_path):
    """Cache keys depend on values only: documents read back from the cache give the same page
    keys as documents parsed afresh (a pickle with back-references would not)."""
    (tmp_path / "site").mkdir()
    cfg = _fixture(tmp_path / "site")
    out = tmp_path / "output"
    _build(cfg, out, cache=True)
    pages = pipeline.cache_folder(out) / "page"
    before = sorted(p.name for p in pages.rglob("*") if p.is_file())
    _build(cfg, out, cache=True)
    after = sorted(p.name for p in pages.rglob("*") if p.is_file())
    assert before and after == before


def test_a_file_changed_by_hand_in_the_output_is_written_again(tmp_path):
    """The written-files index trusts a file only while its size and time are as the build left
    them: an output file edited by hand (even to the same size) is restored by the next build."""
    (tmp_path / "site").mkdir()
    cfg = _fixture(tmp_path / "site")
    out = tmp_path / "output"
    _build(cfg, out, cache=True)
    page = out / "clusters" / "it" / "plan-2022-2023" / "index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"<main", b"<MAIN", 1))  # same size, other bytes, new time
    _build(cfg, out, cache=True)
    assert page.read_bytes() == good


def test_a_build_failing_after_its_pages_were_written_keeps_the_previous_output(tmp_path):
    """Pages are streamed into the new folder before the link check: a broken link found then
    (an error under --strict) must still leave the previous output whole and no folder behind."""
    (tmp_path / "site").mkdir()
    cfg = _fixture(tmp_path / "site")
    out = tmp_path / "output"
    _build(cfg, out, cache=True)
    before = _tree(out)
    page = sorted((tmp_path / "site" / "content" / "clusters" / "it" / "pages").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n[Нет такой](#net-takogo-yakorya)\n", encoding="utf-8")
    result = pipeline.build(cfg, out, None, AS_OF, True, jobs=1, use_cache=True)
    assert not result.written and any(d.code.startswith("link") for d in result.diagnostics), result.diagnostics
    assert _tree(out) == before
    assert not list(tmp_path.glob(".output.tmp-*"))


def test_a_cached_build_reports_the_links_a_clean_build_reports(tmp_path):
    """The cached build checks again only the pages that changed (linkcheck.check_again): a broken
    link of an unchanged page is still reported, and a removed heading breaks the unchanged pages
    that pointed at it, as a clean build finds."""
    (tmp_path / "site").mkdir()
    cfg = _fixture(tmp_path / "site")
    pages = sorted((tmp_path / "site" / "content" / "clusters" / "it" / "pages").glob("*.md"))
    first, second = pages[0], pages[1]

    def links(cache: bool, name: str) -> list[tuple]:
        out = tmp_path / name / "output"
        result = pipeline.build(cfg, out, None, AS_OF, False, jobs=1, use_cache=cache)
        return sorted((d.code, d.file.removeprefix(out.resolve().as_posix()), d.line)  # each names its own folder
                      for d in result.diagnostics if d.code.startswith("link"))

    _edit = lambda path, text: path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")  # noqa: E731
    assert links(True, "kept") == links(False, "clean") == []
    _edit(first, "\n## Особый раздел {#osobyi}\n\n[Нет такой](#net-takogo-yakorya)\n")
    _edit(second, f"\n[К разделу]({first.name}#osobyi)\n")
    found = links(True, "kept")
    assert found == links(False, "clean") and len(found) == 1  # the missing anchor of the first page
    _edit(second, "\nЕщё абзац.\n")  # the first page unchanged: its finding is still reported
    assert links(True, "kept") == links(False, "clean") == found
    first.write_text(first.read_text(encoding="utf-8").replace("{#osobyi}", ""), encoding="utf-8")
    found = links(True, "kept")
    assert found == links(False, "clean") and len(found) == 2  # the second page's link broke with it


def test_a_streamed_build_keeps_no_page_bytes_in_memory(tmp_path):
    """With a staging folder, `produce` hands back pages and pieces as written files (size and
    checksum), not as bytes: the whole site's bytes are never held at once."""
    from clusterpages.publish import write
    (tmp_path / "site").mkdir()
    cfg = _fixture(tmp_path / "site")
    out = tmp_path / "output"
    site, diags = pipeline.prepare(cfg, None, AS_OF)
    assert site is not None, diags
    with write.locked(out):
        staging = write.Staging(out)
        try:
            files, copies, _ = pipeline.produce(site, cfg.parent, None, pipeline.Runtime(), staging)
            pages = [p for p in files if p.endswith("/index.html") and p.startswith("clusters/")]
            assert pages and all(isinstance(files[p], write.Staged) for p in pages)
            assert all(isinstance(v, write.Staged) for p, v in files.items() if p.endswith(".zip"))
            sample = files[pages[0]]
            assert hashlib.sha256(Path(sample.file).read_bytes()).hexdigest() == sample.sha256
            staging.commit(files, copies)
        finally:
            staging.discard()
    assert hashlib.sha256((out / pages[0]).read_bytes()).hexdigest() == sample.sha256


def test_an_unchanged_build_reads_no_page_bytes_from_the_cache(tmp_path, monkeypatch):
    """A page's cache entry keeps its zip copy apart (packing.pack_apart) and not its HTML and CMS
    files (packing.Carried: only their checksums; the output holds them), nor an admin page or a
    zip its bytes: a build that finds every page as the output already holds it reads no bytes
    kept apart, and a build whose output was deleted makes them again, giving the same files."""
    from clusterpages.values import packing
    (tmp_path / "site").mkdir()
    cfg = _fixture(tmp_path / "site")
    out = tmp_path / "output"
    _build(cfg, out, cache=True)
    before = _tree(out)
    cached = b"".join(p.read_bytes() for p in (tmp_path / ".clusterpages-cache").rglob("*")
                      if p.is_file() and "spare-" not in p.as_posix())
    # the pages, their CMS pieces, the clusters' admin pages (the admin index is small: kept whole), the zips
    made = [p for p in out.rglob("*.html") if p.relative_to(out).as_posix().startswith(("clusters/", "embed/", "dlya-"))
            and p.relative_to(out).as_posix() != "dlya-administratorov/index.html"] + list(out.rglob("downloads/*.zip"))
    assert any(p.suffix == ".zip" for p in made)
    assert made and not [p for p in made if p.read_bytes() in cached]
    reads = []
    real = packing.Stored.read
    monkeypatch.setattr(packing.Stored, "read", lambda self: reads.append(self) or real(self))
    _build(cfg, out, cache=True)
    assert _tree(out) == before
    assert not reads
    shutil.rmtree(out)
    _build(cfg, out, cache=True)
    assert _tree(out) == before
