"""The guide («Справка») is built by the generator from content/help/: a page per reader, an
index, a link in every page's footer."""

from __future__ import annotations

from conftest import prepare, run_cli


def test_the_guide_has_a_page_per_reader_and_an_index(example_site, tmp_path):
    site, diags = prepare(example_site)
    assert {p.slug for p in site.help} == {"metodistu", "administratoru", "departamentu"}
    out = tmp_path / "out"
    proc = run_cli("build", "--config", str(example_site), "--out", str(out), "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (out / "spravka/index.html").read_text(encoding="utf-8")
    for slug in ("metodistu", "administratoru", "departamentu"):
        assert f'href="{slug}/index.html"' in index
        assert "<h1>" in (out / f"spravka/{slug}/index.html").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="spravka/index.html">Справка</a>' in home
    plan = (out / "clusters/it/plan-2022-2023/index.html").read_text(encoding="utf-8")
    assert 'href="../../../spravka/index.html">Справка</a>' in plan


def test_a_site_without_a_guide_has_no_link_to_it(example_site, tmp_path):
    import shutil
    shutil.rmtree(example_site.parent / "content" / "help")
    out = tmp_path / "out"
    proc = run_cli("build", "--config", str(example_site), "--out", str(out), "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (out / "spravka").exists() and "Справка" not in (out / "index.html").read_text(encoding="utf-8")
