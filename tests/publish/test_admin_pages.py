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

    def capture(chrome, base_url, env, kit):
        page = real(chrome, base_url, env, kit)
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
