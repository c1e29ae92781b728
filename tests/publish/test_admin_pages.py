"""A cluster's admin page is rendered with a stand-in for each piece's code and the code put in
after (publish/adminpages.py): the bytes are what rendering the code itself would give, and its
link-check scan, made with the stand-ins, is the scan of the finished page."""

from __future__ import annotations

from pathlib import Path

from clusterpages import pipeline
from clusterpages.publish import adminpages, linkcheck

ROOT = Path(__file__).resolve().parents[2]


def test_an_admin_page_made_with_stand_ins_is_the_page_with_its_code(tmp_path, monkeypatch):
    import markupsafe

    from conftest import EXAMPLE_AS_OF
    from conftest import copy_example
    site = copy_example(tmp_path / "site", clusters=("agro", "it")).parent
    made = []
    real = adminpages._admin_page

    def capture(chrome, base_url, env, kit, *more, **named):
        page = real(chrome, base_url, env, kit, *more, **named)
        made.append((kit, page))
        return page
    monkeypatch.setattr(adminpages, "_admin_page", capture)
    result = pipeline.build(site / "site_config.yaml", tmp_path / "output", None, EXAMPLE_AS_OF, True, jobs=1,
                            use_cache=False)
    assert result.written and len(made) >= 2
    for kit, page in made:
        text = page.blob.data.decode("utf-8")
        assert page.scan == linkcheck.scan(text, page=kit.path)
        assert (tmp_path / "output" / kit.path).read_bytes() == page.blob.data
        # every piece's code is in its textarea exactly as Jinja escapes it, the lines around it kept
        for f in kit.fragments:
            code = (tmp_path / "output" / f.inline_path).read_text(encoding="utf-8")
            assert f'autocomplete="off">{markupsafe.escape(code)}</textarea>' in text


def test_a_page_made_from_the_held_part_of_another_code_is_the_page_made_anew(tmp_path, monkeypatch):
    """An edit that renames no piece keeps the page but its code (adminpages.Held): put together
    with the new code — more lines than before — it is the page rendered with that code, its
    links on their new lines."""
    from dataclasses import replace

    from conftest import EXAMPLE_AS_OF
    from conftest import copy_example
    site = copy_example(tmp_path / "site", clusters=("agro",)).parent
    checked = []
    real = adminpages._admin_page

    def check(chrome, base_url, env, kit, *more, **named):  # while the pieces' files are where the kit says
        held = adminpages._held(chrome, base_url, env, kit)
        first = kit.fragments[0]
        edited = replace(kit, fragments=(replace(first, html='<div>\nправка\n\n<a href="#x">x</a>\n</div>\n',
                                                 digests=None),) + kit.fragments[1:])
        assert edited.held_signature() == kit.held_signature() and edited.signature() != kit.signature()
        again = real(chrome, base_url, env, edited, held=held)
        anew = real(chrome, base_url, env, edited)
        assert again.blob == anew.blob and again.scan == anew.scan
        assert again.scan == linkcheck.scan(again.blob.data.decode("utf-8"), page=edited.path)
        assert again.blob != real(chrome, base_url, env, kit, held=held).blob
        checked.append(kit.path)
        return real(chrome, base_url, env, kit, *more, **named)
    monkeypatch.setattr(adminpages, "_admin_page", check)
    result = pipeline.build(site / "site_config.yaml", tmp_path / "output", None, EXAMPLE_AS_OF, True, jobs=1,
                            use_cache=False)
    assert result.written and checked


def test_a_cluster_of_many_pieces_has_its_admin_page_in_parts(tmp_path, monkeypatch):
    """A cluster with more pieces than a page holds (adminpages.PIECES_PER_PAGE) gets its admin
    page in parts of about equal size: each piece's code on exactly one part, every part linked
    from every other, the zip and the players on the first; the links hold (the build checks
    them, --strict)."""
    import re

    from conftest import EXAMPLE_AS_OF
    from conftest import copy_example
    site = copy_example(tmp_path / "site", clusters=("agro",)).parent
    monkeypatch.setattr(adminpages, "PIECES_PER_PAGE", 2)
    out = tmp_path / "output"
    result = pipeline.build(site / "site_config.yaml", out, None, EXAMPLE_AS_OF, True, jobs=1, use_cache=False)
    assert result.written and not [d for d in result.diagnostics if d.severity == "error"]
    pieces = sorted(p.name for p in (out / "embed" / "agro").glob("*.inline.html"))
    parts = [out / "dlya-administratorov" / "agro" / "index.html"] + sorted(
        (out / "dlya-administratorov" / "agro").glob("*/index.html"), key=lambda p: int(p.parent.name))
    count = -(-len(pieces) // 2)
    assert len(parts) == count > 1
    seen = []
    for n, part in enumerate(parts, 1):
        text = part.read_text(encoding="utf-8")
        assert f"часть {n}\u00a0из\u00a0{count}</h1>" in text
        assert ("downloads/agro.zip" in text) == (n == 1)
        assert len(re.findall(r'<li>(?:<a href="[^"]+">|<span aria-current="page">)Фрагмент', text)) == count
        shown = re.findall(r'>([^<>\s]+\.inline\.html)</a>\s\(с\sоформлением\sв\sтексте\)', text)
        assert 1 <= len(shown) <= 2
        seen += shown
    assert sorted(seen) == pieces
