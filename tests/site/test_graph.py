"""The site graph is sound: every output an edit changes is one the graph says it can reach.

The test edits each kind of source file of the example's IT cluster the way a methodist would
(all the edits in one copy), builds the site clean, and compares the outputs with the unedited
build's file by file. The preview
relies on the graph to reuse the pages of other clusters without looking at them
(pipeline.render_pages), so a miss here would be a stale page there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from clusterpages import pipeline
from clusterpages.site import graph

AS_OF = dt.date(2023, 2, 15)
IT = "content/clusters/it/"


def _add_paragraph(text: str) -> str:
    return text.rstrip("\n") + "\n\nНовый абзац: проверка графа сайта.\n"


def _first_done_to_in_progress(text: str) -> str:
    return text.replace("| выполнено |", "| в работе |", 1)


def _new_reach_fact(text: str) -> str:
    return text.replace("| 1500 | 1820 |", "| 1500 | 1905 |", 1)


def _retitle_video(text: str) -> str:
    return text.replace("title: Профессия «Программист»", "title: Профессия «Программист-разработчик»", 1)


def _new_indicator_value(text: str) -> str:
    return re.sub(r"value: 1250\b", "value: 1310", text, count=1)


EDITS = [
    (IT + "pages/sovet-klastera.md", _add_paragraph),
    (IT + "plan-2022-2023.md", _first_done_to_in_progress),
    (IT + "plan-2022-2023.md", _add_paragraph),
    (IT + "media-plan-2022-2023.md", _new_reach_fact),
    (IT + "report-2021-2022.md", _new_indicator_value),
    (IT + "videos.yaml", _retitle_video),
    (IT + "championships/it-start-2023.md", _add_paragraph),
]


def _build(config: Path, out: Path) -> dict[str, str]:
    result = pipeline.build(config, out, None, AS_OF, False, jobs=1, use_cache=False)
    assert result.written, [d for d in result.diagnostics if d.severity == "error"]
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in out.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def before(tmp_path_factory, repo, example_build):
    """A copy of the example to edit, and the outputs of the unedited example (the run's shared build)."""
    site = tmp_path_factory.mktemp("graph") / "site"
    site.mkdir()
    (site / "site_config.yaml").write_bytes((repo / "site_config.yaml").read_bytes())
    shutil.copytree(repo / "content", site / "content")
    return site, dict(example_build.hashes)


def test_edits_change_only_what_the_graph_says_they_reach(before, tmp_path):
    """All the edits at once, in one build: each edit's reach is the IT cluster (asserted), so an
    output outside it that any of them changes is a miss of the graph."""
    site, outputs = before
    originals = {}
    for source, edit in EDITS:
        path = site / source
        original = originals.setdefault(source, path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        changed_text = edit(text)
        assert changed_text != text, f"{source}: the edit {edit.__name__} must change the file"
        path.write_text(changed_text, encoding="utf-8")
    try:
        after = _build(site / "site_config.yaml", tmp_path / "after")
    finally:
        for source, original in originals.items():
            (site / source).write_text(original, encoding="utf-8")
    changed = sorted(p for p in set(outputs) | set(after) if outputs.get(p) != after.get(p))
    reach = graph.reach([source for source, _ in EDITS])
    for source, _ in EDITS:
        assert graph.reach([source]).clusters == frozenset({"it"}), source
    assert reach.clusters == frozenset({"it"})
    for part in ("pages/sovet-klastera/", "plan-2022-2023/", "media-plan-2022-2023/", "report-2021-2022/",
                 "videos/", "championships/it-start-2023/"):
        assert any(p.startswith("clusters/it/" + part) for p in changed), f"no output of clusters/it/{part} changed"
    missed = [p for p in changed if not reach.includes(p)]
    assert not missed, f"outputs changed outside the graph's reach: {missed[:10]}"
    # and the graph is not vacuous: other clusters' pages are out of reach
    assert not reach.includes("clusters/agro/index.html")


def test_what_is_not_a_clusters_own_content_reaches_everything():
    for source in ("content/clusters/it/cluster.yaml", "content/protocols/protocol-4-2022-12-06.md",
                   "site_config.yaml", "themes/brandbook/templates/base.html"):
        assert graph.reach([source]).clusters is None, source
    assert graph.reach(None).includes("clusters/agro/index.html")
    assert graph.reach([IT + "pages/x.md", "content/clusters/agro/plan-2022-2023.md"]).clusters == {"it", "agro"}
