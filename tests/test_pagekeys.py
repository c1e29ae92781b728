"""`build` uses the site graph: after an edit, a page the edit cannot reach keeps the cache key of
the last build (runtime/pagekeys.py) instead of hashing its inputs again, and the output is still
byte for byte a clean build's."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from test_incremental import _tree

from clusterpages import pipeline
from clusterpages.runtime import cache as cache_mod
from clusterpages.site.pages import PageSpec
from clusterpages.values import packing
from conftest import REPO

AS_OF = dt.date(2023, 2, 15)


@pytest.fixture
def site(example_site: Path) -> Path:
    """The example region with a theme of its own to edit; returns the site folder."""
    shutil.copytree(REPO / "themes" / "brandbook", example_site.parent / "themes" / "brandbook")
    return example_site.parent


def _build(root: Path, out: Path, cache: bool = True) -> pipeline.Result:
    result = pipeline.build(root / "site_config.yaml", out, None, AS_OF, True, jobs=1, use_cache=cache)
    assert result.written, [d for d in result.diagnostics if d.severity != "info"]
    return result


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """The site paths of the pages whose inputs a build hashes for their cache key."""
    seen: list[str] = []
    real = packing.stable_bytes

    def spy(value):
        if isinstance(value, PageSpec):
            seen.append(value.path)
        return real(value)
    monkeypatch.setattr(packing, "stable_bytes", spy)
    return seen


def _edit(path: Path, old: str | None, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1) if old is not None else text + new, encoding="utf-8")


@pytest.fixture
def feeds_made(monkeypatch) -> list[str]:
    """The clusters whose feed, and whose entries in the region's feed, a build writes anew (not
    taken from its cache folder)."""
    from clusterpages.publish import feeds
    made: list[str] = []
    real = feeds.entries

    def spy(site, cluster):
        made.append(cluster)
        return real(site, cluster)
    monkeypatch.setattr(feeds, "entries", spy)
    return made


def test_an_edit_in_one_cluster_hashes_no_page_of_another(site, tmp_path, hashed, feeds_made):
    out = tmp_path / "output"
    _build(site, out)
    assert "med" in feeds_made
    feeds_made.clear()
    assert any(p.startswith("clusters/med/") for p in hashed)  # the first build hashes every page
    hashed.clear()
    page = sorted((site / "content" / "clusters" / "it" / "pages").glob("*.md"))[0]
    _edit(page, None, "\nНовый абзац для проверки графа.\n")
    _build(site, out)
    assert f"clusters/it/pages/{page.stem}/index.html" in hashed
    assert "index.html" in hashed  # the region's pages can be reached by any cluster
    assert not [p for p in hashed if p.startswith("clusters/") and not p.startswith("clusters/it/")]
    assert feeds_made == ["it"]  # the other clusters' feeds and shares of the region's from the cache folder
    hashed.clear()
    _build(site, tmp_path / "clean" / "output", cache=False)
    assert _tree(out) == _tree(tmp_path / "clean" / "output")


def test_an_edit_in_one_cluster_reads_no_file_of_another_clusters_zip(site, tmp_path, monkeypatch):
    """A zip is found by the listing of its entries (path, checksum, size): the files already
    written are listed by the checksums known from writing them and read only when the zip is
    made again — the edited cluster's, not the others'."""
    from clusterpages.publish import write
    out = tmp_path / "output"
    _build(site, out)
    read: list[str] = []
    real = write.Staged.read
    monkeypatch.setattr(write.Staged, "read", lambda self: read.append(Path(self.file).as_posix()) or real(self))
    page = sorted((site / "content" / "clusters" / "it" / "pages").glob("*.md"))[0]
    _edit(page, None, "\nНовый абзац для проверки архивов.\n")
    _build(site, out)
    others = [f for f in read if "/clusters/" in f and "/clusters/it/" not in f]
    assert not others, others
    assert any("/clusters/it/search/" in f for f in read)  # the edited cluster's zip is made again
    _build(site, tmp_path / "clean" / "output", cache=False)
    assert _tree(out) == _tree(tmp_path / "clean" / "output")


@pytest.mark.parametrize("edit", ["template", "cluster_yaml", "new_file"])
def test_a_change_of_what_every_page_shows_hashes_every_page_again(site, tmp_path, hashed, edit):
    out = tmp_path / "output"
    _build(site, out)
    hashed.clear()
    if edit == "template":
        _edit(site / "themes" / "brandbook" / "templates" / "base.html", "</footer>", "<p>Новая строка</p></footer>")
    elif edit == "cluster_yaml":  # names in every page's menu
        _edit(site / "content" / "clusters" / "med" / "cluster.yaml", "short_name: ", "short_name: Новое ")
    else:
        (site / "content" / "clusters" / "it" / "pages" / "novaya.md").write_text(
            "---\ntitle: Новая страница\n---\n\nТекст новой страницы.\n", encoding="utf-8")
    _build(site, out)
    assert any(p.startswith("clusters/med/") for p in hashed)
    assert any(p.startswith("clusters/agro/") for p in hashed)
    _build(site, tmp_path / "clean" / "output", cache=False)
    assert _tree(out) == _tree(tmp_path / "clean" / "output")


def test_a_lost_record_or_cache_entry_only_costs_time(site, tmp_path):
    out = tmp_path / "output"
    _build(site, out)
    cache = pipeline.cache_folder(out)
    for entry in (cache / "page").rglob("*"):  # every page result gone, the record kept
        if entry.is_file():
            entry.unlink()
    _edit(sorted((site / "content" / "clusters" / "it" / "pages").glob("*.md"))[0], None, "\nЕщё абзац.\n")
    _build(site, out)
    shutil.rmtree(cache / "page-keys")
    _build(site, out)
    _build(site, tmp_path / "clean" / "output", cache=False)
    assert _tree(out) == _tree(tmp_path / "clean" / "output")


def test_an_upgrade_removes_the_entries_of_the_previous_version_once(site, tmp_path, monkeypatch):
    out = tmp_path / "output"
    _build(site, out)
    cache = pipeline.cache_folder(out)
    old_pages = {p for p in (cache / "page").rglob("*") if p.is_file()}
    assert old_pages and (cache / "version").is_file()
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "0" * 64)
    _build(site, out)
    new_pages = {p for p in (cache / "page").rglob("*") if p.is_file()}
    assert new_pages and not old_pages & new_pages  # every key changed with the code, the old ones went
    assert (cache / "version").read_text(encoding="utf-8") == "0" * 64
    assert any(p.name.startswith("spare-") for p in cache.iterdir())  # the spare output is not an entry
    _build(site, out)  # the same version again: nothing removed
    assert {p for p in (cache / "page").rglob("*") if p.is_file()} == new_pages
    _build(site, tmp_path / "clean" / "output", cache=False)
    assert _tree(out) == _tree(tmp_path / "clean" / "output")


@pytest.fixture
def stemmed(monkeypatch) -> list[str]:
    """The search documents (their addresses) whose text a build stems in this process."""
    from clusterpages.search import index
    seen: list[str] = []
    real = index._weights
    monkeypatch.setattr(index, "_weights", lambda doc, stemmer: seen.append(doc.url) or real(doc, stemmer))
    return seen


def test_an_edit_stems_again_only_the_search_documents_whose_text_changed(site, tmp_path, stemmed):
    """Each document's search weights are kept (runtime/recall.Kept): those the clusters' workers
    made in the first build too, so an edited page's cluster rebuilds its part from them."""
    config, out = site / "site_config.yaml", tmp_path / "output"
    assert pipeline.build(config, out, None, AS_OF, True, jobs=2, use_cache=True).written
    stemmed.clear()
    page = sorted((site / "content" / "clusters" / "it" / "pages").glob("*.md"))[0]
    _edit(page, None, "\nНовый абзац для проверки поиска.\n")
    assert pipeline.build(config, out, None, AS_OF, True, jobs=2, use_cache=True).written
    assert stemmed == [f"clusters/it/pages/{page.stem}/index.html"]
    _build(site, tmp_path / "clean" / "output", cache=False)
    assert _tree(out) == _tree(tmp_path / "clean" / "output")
