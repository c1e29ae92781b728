"""The addresses of the output have one owner, clusterpages/values/urls.py."""

from __future__ import annotations

import posixpath
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.values import inputs, urls
from conftest import REPO

PACKAGE = REPO / "clusterpages"
TEMPLATES = REPO / "themes" / "brandbook" / "templates"

# An output path spelled in code: a string literal (or f-string part) starting with an output
# folder, or naming a page file. Source paths (content/clusters/…) are not outputs.
_SPELLED = re.compile(r"""(?<![\w/])f?["'](?:clusters|protocols|embed|downloads|assets|dlya-administratorov|search|poisk)/"""
                      r"""|["'][^"'\s]*/index\.html["']""")


def _code_lines():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "values" / "urls.py":
            continue
        inside_docstring = False
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.count('"""') == 1:
                inside_docstring = not inside_docstring
                continue
            if inside_docstring or line.lstrip().startswith("#") or '"""' in line:
                continue
            yield path.relative_to(REPO).as_posix(), n, line


def _template_names() -> set[str]:
    return {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")} | {"embed/"}


def test_no_module_but_urls_spells_an_output_path():
    names = _template_names()
    found = []
    for p, n, line in _code_lines():
        # Template names (embed/plan.html) and a source file's label (clusters/<slug>/cluster.yaml) are not outputs.
        rest = re.sub(r"""["']([^"']*)["']""", lambda m: "" if m.group(1) in names or m.group(1).endswith(".yaml: accent")
                      else m.group(0), line)
        if _SPELLED.search(rest):
            found.append(f"{p}:{n}: {line.strip()}")
    assert found == []


def test_no_template_spells_an_output_path():
    """Templates get addresses from their view or ask `urls`; `url('clusters/' ~ …)` is gone."""
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""(?:url|href=)\(?\s*["'](?:clusters|protocols|partners|professions|feed|index|embed)""", line) \
                    or re.search(r"""href="(?:plan|media-plan|matrix)\.\w+\"""", line):
                found.append(f"{path.relative_to(REPO).as_posix()}:{n}: {line.strip()[:120]}")
    assert found == []


@pytest.mark.parametrize("source, page", [
    ("content/clusters/it/cluster.yaml", "clusters/it/index.html"),
    ("content/clusters/it/videos.yaml", "clusters/it/videos/index.html"),
    ("content/clusters/it/plan-2022-2023.md", "clusters/it/plan-2022-2023/index.html"),
    ("content/clusters/it/championships/hitech.md", "clusters/it/championships/hitech/index.html"),
    ("content/clusters/it/pages/news.md", "clusters/it/pages/news/index.html"),
    ("content/protocols/protocol-4.md", "protocols/protocol-4/index.html"),
    ("content/clusters/it/media/logo.svg", None),
    ("content/clusters/it/other/x.md", None),
])
def test_page_of_a_content_file(source, page):
    assert urls.page_of(source) == page


def test_every_page_of_a_content_file_is_built(example_build):
    """page_of() and the pages the build writes agree for every file of the example region."""
    out, site = example_build.out, example_build.site
    sources = [p.relative_to(site).as_posix() for p in sorted((site / "content").rglob("*")) if p.is_file()]
    pages = [urls.page_of(s) for s in sources]
    assert any(pages)
    missing = [(s, p) for s, p in zip(sources, pages) if p and not (out / p).is_file()]
    assert missing == []


def test_relative_links_work_from_any_depth():
    assert urls.relative(urls.cluster("it"), urls.INDEX) == "clusters/it/index.html"
    assert urls.relative(urls.INDEX, urls.report_slides("it", "report-2021-2022")) == "../../../../index.html"
    assert urls.relative(urls.plan_item("it", "plan-2022-2023", "p-3"), urls.cluster("it")) \
        == "plan-2022-2023/index.html#item-p-3"
    assert urls.relative("https://example.org/x", urls.INDEX) == "https://example.org/x"


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["clusters", "it", "a", "b", "index.html", ".", "..", ""]), max_size=6),
       st.lists(st.sampled_from(["clusters", "it", "a", "b", "index.html", ".", ".."]), min_size=1, max_size=6))
def test_relative_paths_are_what_posixpath_relpath_gives(target, page):
    target, page = "/".join(target), "/".join(page)
    start = posixpath.dirname(page) or "."
    assert urls._relpath(target or page, start) == posixpath.relpath(target or page, start)


def test_cluster_of_a_path():
    assert urls.cluster_of(urls.document("it", "plan-2022-2023")) == "it"
    assert urls.cluster_of(urls.fragment("agro", "home")) == "agro"
    assert urls.cluster_of(urls.bundle("it")) is None
    assert urls.cluster_of(urls.INDEX) is None


def test_no_module_but_inputs_spells_an_input_path():
    """Where the content's files lie has one owner too, clusterpages/values/inputs.py."""
    found = [f"{p}:{n}: {line.strip()}" for p, n, line in _code_lines()
             if not p.endswith("values/inputs.py") and re.search(r"""(?<![\w/])f?["']content(?:/|["'])""", line)]
    assert found == []


@pytest.mark.parametrize("path, section, slug, rest", [
    ("content/clusters/it/plan-2022-2023.md", "cluster", "it", ("plan-2022-2023.md",)),
    ("content/clusters/it/media/a.png", "cluster", "it", ("media", "a.png")),
    ("content/protocols/protocol-4.md", "protocol", "protocol-4", ()),
    ("content/protocols/old/protocol-4.md", "other", None, ()),
    ("content/help/metodistu.md", "help", "metodistu", ()),
    ("content/media/logo.svg", "media", None, ("logo.svg",)),
    ("content/readme.txt", "other", None, ()),
    ("site_config.yaml", "other", None, ()),
])
def test_inputs_place_says_where_a_content_file_lies(path, section, slug, rest):
    where = inputs.place(path)
    assert (where.section, where.slug, where.rest) == (section, slug, rest)
    assert inputs.is_media(path) == (path.startswith("content/media/") or "/media/" in path)


# Templates that still ask the `urls` global for addresses; each is to get them from its view
# (issue: views for every template). The list only shrinks: a template off it never asks again.
STILL_ASKING_URLS: set[str] = set()


def test_templates_take_addresses_from_their_views():
    asking = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")
              if "urls." in p.read_text(encoding="utf-8")}
    assert asking == STILL_ASKING_URLS


def test_templates_have_no_urls_global():
    from clusterpages.site import render
    env = render.environment(REPO / "themes" / "brandbook" / "templates")
    assert "urls" not in env.globals
