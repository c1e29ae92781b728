"""The W3C Nu HTML checker finds no error in any page nor in any CMS fragment."""

from __future__ import annotations

import pytest

from .browser_support import format_vnu, run_vnu, wrap_fragment

pytestmark = pytest.mark.browser


def test_every_page_passes_the_nu_html_checker(built_site, site_pages):
    messages = run_vnu(site_pages)
    assert not messages, (
        f"the Nu HTML checker found {len(messages)} error(s):\n" + format_vnu(messages, built_site)
    )


def test_cms_fragments_pass_the_nu_html_checker(built_site, tmp_path):
    embed = built_site / "embed"
    if not embed.is_dir():
        pytest.skip("the build has no embed/ directory (no CMS fragments to check)")
    fragments = sorted(p for p in embed.rglob("*.html") if p.is_file())
    assert fragments, f"{embed} holds no *.html fragment"
    wrapped = []
    for fragment in fragments:
        name = fragment.relative_to(built_site)
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wrap_fragment(fragment.read_text(encoding="utf-8")), encoding="utf-8")
        wrapped.append(target)
    messages = run_vnu(wrapped)
    assert not messages, (
        f"the Nu HTML checker found {len(messages)} error(s) in CMS fragments "
        "(each wrapped in a minimal document):\n" + format_vnu(messages, tmp_path)
    )
