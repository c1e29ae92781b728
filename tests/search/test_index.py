"""The search index built from the example region: documents, files, determinism, zips."""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages import pipeline
from clusterpages.publish import bundles
from clusterpages.runtime import parallel
from clusterpages.search import index
from clusterpages.search.documents import Doc, cluster_docs, regional_docs
from clusterpages.search.words import Stemmer, normalise, words
from clusterpages.values import urls

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site():
    found, diags = pipeline.prepare(REPO / "site_config.yaml", None, _dt.date(2023, 3, 1))
    assert found is not None, diags
    return found


def _payload(data: bytes):
    text = data.decode("utf-8")
    m = re.fullmatch(r"\(window\.cpSearchData=window\.cpSearchData\|\|\[\]\)\.push\((.*)\);\n", text, re.S)
    assert m, text[:200]
    return json.loads(m.group(1))


def test_every_plan_row_is_a_document_linking_to_its_row(site):
    for cl in site.clusters:
        docs = cluster_docs(site, cl)
        urls_of = {d.url for d in docs}
        for plan in (p for p in site.plans if p.cluster == cl.slug):
            kind = "post" if plan.kind == "media-plan" else "item"
            for item in plan.items:
                url = urls.plan_item(cl.slug, plan.slug, item.uid)
                assert url in urls_of
                assert next(d for d in docs if d.url == url).kind == kind
        assert all(d.url.startswith(f"clusters/{cl.slug}/") for d in docs)


def test_kinds_present(site):
    kinds = {d.kind for cl in site.clusters for d in cluster_docs(site, cl)} | {d.kind for d in regional_docs(site)}
    assert kinds == {"item", "post", "report", "video", "championship", "page"}


def test_index_files_and_manifest(site):
    built = index.build(site)
    manifest = _payload(built.files[urls.SEARCH_MANIFEST])
    assert manifest[0] == "manifest"
    keys = [p["key"] for p in manifest[1]["parts"]]
    assert keys == ["region"] + [c.slug for c in site.clusters]
    for part in manifest[1]["parts"]:
        for code in part["shards"].split():
            name, key, got_code, terms = _payload(built.files[f"{part['folder']}t-{code}.js"])
            assert (name, key, got_code) == ("terms", part["key"], code)
            assert all(index.shard_for(part["shards"].split(), t) == code for t in terms)
        _, _, letters, kinds = _payload(built.files[f"{part['folder']}kinds.js"])
        assert len(kinds) == part["docs"] and set(kinds) <= set(letters.values())
        chunks = -(-part["docs"] // index.CHUNK)
        assert all(f"{part['folder']}d-{n}.js" in built.files for n in range(chunks))
    # Inflected forms meet in one stem, and ё is е.
    it = next(p for p in manifest[1]["parts"] if p["key"] == "it")
    stem = Stemmer().stem("чемпионата")
    terms = _payload(built.files[f"{it['folder']}t-{index.shard_for(it['shards'].split(), stem)}.js"])[3]
    assert stem == Stemmer().stem("чемпионаты") and stem in terms
    assert Stemmer().stem(words("партнёрами")[0]) == Stemmer().stem("партнер")


def test_postings_point_at_documents_containing_the_word(site):
    built = index.build(site)
    part = next(p for p in built.parts if p.key == "it")
    files = dict(part.files)
    stemmer = Stemmer()
    stem = stemmer.stem("чемпионат")
    flat = _payload(files[f"{part.folder}t-{index.shard_for(part.shards, stem)}.js"])[3][stem]
    docs = [row for n in range(-(-part.docs // index.CHUNK)) for row in _payload(files[f"{part.folder}d-{n}.js"])[3]]
    n = 0
    for i in range(0, len(flat), 2):
        n += flat[i]
        title, _kind, _url, _context, text = docs[n]
        assert stem in stemmer.terms(title + " " + text)


def test_deterministic(site):
    assert index.build(site).files == index.build(site).files


def test_cluster_zip_carries_only_its_cluster(site):
    built = index.build(site)
    own = _payload(built.files[urls.search_bundle_manifest("it")])[1]
    assert [p["key"] for p in own["parts"]] == ["it"]
    # bundles put that manifest in place of the regional one
    files = dict(built.files)
    files["clusters/it/index.html"] = (b'<!DOCTYPE html><html><head><script src="../../search/manifest.js"></script>'
                                       b"</head><body></body></html>")
    data = bundles.bundle(site, site.cluster("it"), files, {}, lambda p: files[p]).data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert zf.read(urls.SEARCH_MANIFEST) == built.files[urls.search_bundle_manifest("it")]
    assert not any(n.startswith(("search/region/", "clusters/agro/")) for n in names)
    assert any(n.startswith("clusters/it/search/t-") for n in names)


def test_parts_built_on_workers_come_with_their_zip_entries(site):
    with parallel.mapper(2) as run:
        built = index.begin(site, mapper=run, pack=bundles.Packed.of)()
    assert built.files == index.build(site).files  # the same index, wherever built
    part_files = {path for p in built.parts[1:] for path, _ in p.files}  # the clusters' parts
    assert set(built.ready) == part_files
    for path in part_files:
        assert built.ready[path] == bundles.Packed.of(built.files[path])
    # a cluster's zip made with them is the zip made from the files' bytes
    files = {**built.files, "clusters/it/index.html": b"<!DOCTYPE html><html><body></body></html>"}
    ready = {p: (packed, frozenset()) for p, packed in built.ready.items()}
    with_ready = bundles.bundle(site, site.cluster("it"), files, {}, lambda p: files[p], ready).data
    assert with_ready == bundles.bundle(site, site.cluster("it"), files, {}, lambda p: files[p]).data


def test_size_is_reported(site):
    d = index.size_report(site, index.build(site))
    assert d.code == "search.index" and "КБ" in d.message and d.hint


def test_big_parts_split_by_first_letters_and_the_browser_finds_the_same_shard():
    # Many distinct words: «пр…» alone outgrows one file and is split by its second letter.
    vocabulary = [f"{a}{b}{c}ик" for a in "пс" for b in "раоу" for c in "бвгджзклмнпрстфхц"]
    docs = [Doc("page", f"Страница {n}", f"p{n}.html", "", " ".join(vocabulary[n % 7::3] * 3)) for n in range(400)]
    part = index.build_part("x", "X", "x/", docs, Stemmer())
    assert index.WHOLE not in part.shards
    assert "043f" not in part.shards and any(c.startswith("043f") and len(c) == 8 for c in part.shards)
    files = dict(part.files)
    terms = {t: code for code in part.shards for t in _payload(files[f"x/t-{code}.js"])[3]}
    assert all(index.shard_for(part.shards, t) == code for t, code in terms.items())
    node = shutil.which("node")
    script = ("const s = require(process.argv[1]); const [shards, terms] = JSON.parse(process.argv[2]);"
              "process.stdout.write(JSON.stringify(terms.map(t => s.shardFor({shards: shards}, t))));")
    proc = subprocess.run([node, "-e", script, str(REPO / "themes/brandbook/static/search.js"),
                           json.dumps([" ".join(part.shards), sorted(terms)])],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [terms[t] for t in sorted(terms)]


def test_small_part_is_one_file(site):
    part = index.regional_part(site, Stemmer())
    assert part.shards == (index.WHOLE,)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("аБёЁ1_- .,«»\u00ad\u00a0xY²٣") + ["\u0301"]), max_size=30))
def test_words_are_the_runs_of_letters_and_digits_whatever_the_text(text):
    # words() takes a faster pattern for a text without «_»: both are the runs of [^\W_].
    assert words(text) == re.findall(r"[^\W_]+", normalise(text))
