"""`build` uses the site graph: after an edit, a page the edit cannot reach keeps the cache key of
the last build (runtime/pagekeys.py) instead of hashing its inputs again, and the output is still
byte for byte a clean build's."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_incremental import _tree

from clusterpages import pipeline
from clusterpages.runtime import cache as cache_mod
from clusterpages.site.pages import PageSpec
from clusterpages.values import packing
from conftest import REPO, copy_example

AS_OF = dt.date(2023, 2, 15)


# The example's clusters the tests here build (three are enough to see that an edit in one leaves
# the others alone, at a third of the whole example's time).
CLUSTERS = ("agro", "it", "med")

# The paragraph the tests that edit one page of the IT cluster append to it.
PARAGRAPH = "\nНовый абзац для проверки графа.\n"


def _build(root: Path, out: Path, cache: bool = True) -> pipeline.Result:
    result = pipeline.build(root / "site_config.yaml", out, None, AS_OF, True, jobs=1, use_cache=cache)
    assert result.written, [d for d in result.diagnostics if d.severity != "info"]
    return result


def _it_page(site: Path) -> Path:
    return sorted((site / "content" / "clusters" / "it" / "pages").glob("*.md"))[0]


@dataclass(frozen=True)
class Seed:
    """The example region (CLUSTERS) with a theme of its own, built once with its cache folder (the build
    every test here starts from: a cold one), and what that first build hashed and made.

    The page-keys record is one per site folder, by its absolute path: each test gets the seed
    back in the same place (`site`), as a site folder built once is used again and again."""
    root: Path                  # holds site/, output/ and the cache folder beside output/
    pristine: Path              # the same, as the seed's build left them
    tree: dict[str, str]        # the output's files and checksums
    hashed: tuple[str, ...]     # the pages whose inputs the build hashed
    feeds: tuple[str, ...]      # the clusters whose feed it wrote anew

    def folders(self) -> tuple[str, ...]:
        return ("site", "output", pipeline.cache_folder(self.root / "output").name)


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Seed:
    root = tmp_path_factory.mktemp("pagekeys-seed")
    site = copy_example(root / "site", clusters=CLUSTERS).parent
    shutil.copytree(REPO / "themes" / "brandbook", site / "themes" / "brandbook")
    from clusterpages.publish import feeds
    hashed: list[str] = []
    made: list[str] = []
    real_bytes, real_entries = packing.stable_bytes, feeds.entries
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(packing, "stable_bytes", lambda v: (hashed.append(v.path) if isinstance(v, PageSpec) else None)
                   or real_bytes(v))
        mp.setattr(feeds, "entries", lambda s, c: made.append(c) or real_entries(s, c))
        _build(site, root / "output")
    pristine = tmp_path_factory.mktemp("pagekeys-pristine")
    seeded = Seed(root, pristine, _tree(root / "output"), tuple(hashed), tuple(made))
    for name in seeded.folders():
        shutil.copytree(root / name, pristine / name, symlinks=True)
    return seeded


@pytest.fixture
def site(seed: Seed) -> Path:
    """The seed's site folder with its output and cache folder as the seed's build left them
    (copied back, times kept); its output is site.parent / "output"."""
    for name in seed.folders():
        shutil.rmtree(seed.root / name, ignore_errors=True)
        shutil.copytree(seed.pristine / name, seed.root / name, symlinks=True)
    return seed.root / "site"


@pytest.fixture(scope="module")
def clean_after_page_edit(seed: Seed, tmp_path_factory) -> dict[str, str]:
    """The output of a clean build (no cache) of the seed's site with PARAGRAPH appended to the
    IT cluster's first page: what a cached build after that edit must equal byte for byte."""
    root = tmp_path_factory.mktemp("pagekeys-clean")
    # From the pristine copy: a module's fixture is made before the `site` of the test asking for it
    # puts the seed back, so the seed's own folder may still hold the previous test's edits.
    shutil.copytree(seed.pristine / "site", root / "site")
    _edit(_it_page(root / "site"), None, PARAGRAPH)
    _build(root / "site", root / "output", cache=False)
    return _tree(root / "output")


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


def test_an_edit_in_one_cluster_hashes_no_page_of_another(seed, site, hashed, feeds_made,
                                                          clean_after_page_edit):
    assert "med" in seed.feeds
    assert any(p.startswith("clusters/med/") for p in seed.hashed)  # the first build hashes every page
    page = _it_page(site)
    _edit(page, None, PARAGRAPH)
    _build(site, site.parent / "output")
    assert f"clusters/it/pages/{page.stem}/index.html" in hashed
    assert "index.html" in hashed  # the region's pages can be reached by any cluster
    assert not [p for p in hashed if p.startswith("clusters/") and not p.startswith("clusters/it/")]
    assert feeds_made == ["it"]  # the other clusters' feeds and shares of the region's from the cache folder
    assert _tree(site.parent / "output") == clean_after_page_edit


def test_an_edit_in_one_cluster_reads_no_file_of_another_clusters_zip(site, monkeypatch,
                                                                     clean_after_page_edit):
    """A zip is found by the listing of its entries (path, checksum, size): the files already
    written are listed by the checksums known from writing them and read only when the zip is
    made again — the edited cluster's, not the others'."""
    from clusterpages.publish import write
    out = site.parent / "output"
    read: list[str] = []
    real = write.Staged.read
    monkeypatch.setattr(write.Staged, "read", lambda self: read.append(Path(self.file).as_posix()) or real(self))
    _edit(_it_page(site), None, PARAGRAPH)
    _build(site, out)
    others = [f for f in read if "/clusters/" in f and "/clusters/it/" not in f]
    assert not others, others
    assert any("/clusters/it/search/" in f for f in read)  # the edited cluster's zip is made again
    assert _tree(out) == clean_after_page_edit


@pytest.mark.parametrize("edit", ["template", "cluster_yaml", "new_file"])
def test_a_change_of_what_every_page_shows_hashes_every_page_again(site, tmp_path, hashed, edit):
    out = site.parent / "output"
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


def test_a_lost_record_or_cache_entry_only_costs_time(site, clean_after_page_edit):
    out = site.parent / "output"
    cache = pipeline.cache_folder(out)
    for entry in (cache / "page").rglob("*"):  # every page result gone, the record kept
        if entry.is_file():
            entry.unlink()
    _edit(_it_page(site), None, PARAGRAPH)
    _build(site, out)
    shutil.rmtree(cache / "page-keys")
    _build(site, out)
    assert _tree(out) == clean_after_page_edit


def test_an_upgrade_removes_the_entries_of_the_previous_version_once(seed, site, monkeypatch):
    out = site.parent / "output"
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
    assert _tree(out) == seed.tree  # the seed's first build: a clean one


@pytest.fixture
def stemmed(monkeypatch) -> list[str]:
    """The search documents (their addresses) whose text a build stems in this process."""
    from clusterpages.search import index
    seen: list[str] = []
    real = index._weights
    monkeypatch.setattr(index, "_weights", lambda doc, stemmer: seen.append(doc.url) or real(doc, stemmer))
    return seen


def test_an_edit_stems_again_only_the_search_documents_whose_text_changed(seed, tmp_path, stemmed,
                                                                          clean_after_page_edit):
    """Each document's search weights are kept (runtime/recall.Kept): those the clusters' workers
    made in the first build too, so an edited page's cluster rebuilds its part from them."""
    site = tmp_path / "site"
    # its own first build, by two workers; from the pristine copy (the seed's own folder may hold
    # the edit of a test run before this one: this test does not ask for `site`, which restores it)
    shutil.copytree(seed.pristine / "site", site)
    config, out = site / "site_config.yaml", tmp_path / "output"
    assert pipeline.build(config, out, None, AS_OF, True, jobs=2, use_cache=True).written
    stemmed.clear()
    page = _it_page(site)
    _edit(page, None, PARAGRAPH)
    assert pipeline.build(config, out, None, AS_OF, True, jobs=2, use_cache=True).written
    assert stemmed == [f"clusters/it/pages/{page.stem}/index.html"]
    assert _tree(out) == clean_after_page_edit


def test_an_edit_decodes_only_the_file_edited_and_builds_what_a_clean_build_does(site, clean_after_page_edit,
                                                                                 monkeypatch):
    from clusterpages.content.read import sources
    decoded: list[str] = []
    real = sources.decode
    monkeypatch.setattr(sources, "decode", lambda data, rel: (decoded.append(rel), real(data, rel))[1])
    _edit(_it_page(site), None, PARAGRAPH)
    out = site.parent / "output"
    _build(site, out)
    assert decoded == [_it_page(site).relative_to(site).as_posix()]
    assert _tree(out) == clean_after_page_edit
