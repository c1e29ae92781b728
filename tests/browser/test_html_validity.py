"""The W3C Nu HTML checker finds no error in any page nor in any CMS fragment (one run of the
checker for both: a Java start is seconds)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from .browser_support import format_vnu, run_vnu, wrap_fragment

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def checked(built_site, site_pages, tmp_path_factory) -> tuple[list[Path], Path, dict[str, list[dict]]]:
    """Every page and every CMS fragment (each wrapped in a minimal document, under a folder of
    its own) checked in one run: (the wrapped fragments, their folder, messages by file URL)."""
    embed = built_site / "embed"
    fragments = sorted(p for p in embed.rglob("*.html") if p.is_file()) if embed.is_dir() else []
    wrapped_root = tmp_path_factory.mktemp("fragments")
    wrapped = []
    for fragment in fragments:
        target = wrapped_root / fragment.relative_to(built_site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wrap_fragment(fragment.read_text(encoding="utf-8")), encoding="utf-8")
        wrapped.append(target)
    by_file: dict[str, list[dict]] = {}
    for message in run_vnu(list(site_pages) + wrapped):
        by_file.setdefault(_path(message.get("url", "")), []).append(message)
    return wrapped, wrapped_root, by_file


def _path(url: str) -> str:
    """The file a message is about («file:/tmp/…», percent-encoded), as a path; "" for none."""
    return str(Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).resolve()) if url else ""


def _messages(files: list[Path], by_file: dict[str, list[dict]]) -> list[dict]:
    paths = {str(f.resolve()) for f in files}
    return [m for path, ms in by_file.items() for m in ms if path in paths or not path]


def test_every_page_passes_the_nu_html_checker(built_site, site_pages, checked):
    messages = _messages(site_pages, checked[2])
    assert not messages, (
        f"the Nu HTML checker found {len(messages)} error(s):\n" + format_vnu(messages, built_site)
    )


def test_cms_fragments_pass_the_nu_html_checker(checked):
    wrapped, root, by_file = checked
    assert wrapped, "the build has no CMS fragment (embed/*.html) to check"
    messages = _messages(wrapped, by_file)
    assert not messages, (
        f"the Nu HTML checker found {len(messages)} error(s) in CMS fragments "
        "(each wrapped in a minimal document):\n" + format_vnu(messages, root)
    )


def test_every_message_is_about_a_checked_file(site_pages, checked):
    """No message is lost between the two tests above (a URL the checker spells differently)."""
    wrapped, _, by_file = checked
    paths = {str(f.resolve()) for f in list(site_pages) + wrapped}
    assert not [p for p in by_file if p and p not in paths], sorted(by_file)[:5]
