"""The guide («Справка») is built by the generator from content/help/: a page per reader, an
index, a link in every page's footer."""

from __future__ import annotations

from conftest import run_cli


def test_the_guide_has_a_page_per_reader_and_an_index(example_build):
    assert {p.slug for p in example_build.result.site.help} == {"metodistu", "administratoru", "departamentu"}
    index = example_build.page("spravka/index.html")
    for slug in ("metodistu", "administratoru", "departamentu"):
        assert f'href="{slug}/index.html"' in index
        assert "<h1>" in example_build.page(f"spravka/{slug}/index.html")
    assert 'href="spravka/index.html">Справка</a>' in example_build.page("index.html")
    plan = example_build.page("clusters/it/plan-2022-2023/index.html")
    assert 'href="../../../spravka/index.html">Справка</a>' in plan


def test_a_site_without_a_guide_has_no_link_to_it(it_site, tmp_path):
    import shutil
    shutil.rmtree(it_site.parent / "content" / "help")
    out = tmp_path / "out"
    proc = run_cli("build", "--config", str(it_site), "--out", str(out), "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (out / "spravka").exists() and "Справка" not in (out / "index.html").read_text(encoding="utf-8")
