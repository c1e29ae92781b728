"""The protocol dashboard agrees with the content and the as-of date."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from conftest import prepare
from clusterpages.site import dashboard


def cells(config, as_of):
    site, diags = prepare(config, as_of)
    assert site is not None, diags
    protocol = site.protocols[0]
    return {(c.slug, cell.decision): cell for c, row in dashboard.matrix(site, protocol) for cell in row}


def test_example_matrix_mixes_states(example_site):
    m = cells(example_site, dt.date(2023, 2, 15))
    states = {c.state for c in m.values()}
    assert {"done", "overdue", "not_applicable"} <= states
    assert m[("stroy", 1)].state == "not_applicable"
    # IT published its 2021–2022 report: decision 1 is done with the report as evidence.
    assert m[("it", 1)].state == "done" and m[("it", 1)].evidence.link == "clusters/it/report-2021-2022/index.html"
    # Decision 5 lasts the whole academic year: not overdue in February.
    assert all(c.state != "overdue" for (slug, n), c in m.items() if n == 5)


def test_cells_follow_the_as_of_date(example_site):
    early = cells(example_site, dt.date(2022, 12, 10))
    assert early[("it", 1)].state in ("not_started", "in_progress")  # the report is dated later
    late = cells(example_site, dt.date(2023, 7, 1))
    assert all(c.state in ("done", "done_late", "overdue", "cancelled", "not_applicable") for c in late.values())


def test_cells_follow_the_content(example_site):
    before = cells(example_site, dt.date(2023, 2, 15))
    assert before[("med", 1)].state == "overdue"
    report = example_site.parent / "content" / "clusters" / "med" / "report-2021-2022.md"
    report.write_text("---\ntitle: Отчёт\nacademic_year: 2021-2022\npublished: 2022-12-20\n---\n## Итоги\nТекст.\n",
                      encoding="utf-8")
    after = cells(example_site, dt.date(2023, 2, 15))
    assert after[("med", 1)].state == "done" and after[("med", 1)].evidence.date == dt.date(2022, 12, 20)
    # Removing IT's report: its plan row still says «выполнено», so the cell stays done by that
    # mark (never «просрочено» while completion evidence exists), says so, and the build warns
    # naming the plan row and the protocol's rule.
    (example_site.parent / "content" / "clusters" / "it" / "report-2021-2022.md").unlink()
    cell = cells(example_site, dt.date(2023, 2, 15))[("it", 1)]
    assert cell.state == "done" and cell.evidence.kind == "plan"
    assert "отметка в плане" in cell.reason and "не опубликован на сайте кластера" in cell.reason
    site, diags = prepare(example_site)
    conflict = [d for d in diags if d.code == "protocol.evidence-conflict"]
    assert len(conflict) == 1 and conflict[0].file == "content/clusters/it/plan-2022-2023.md"
    assert conflict[0].line == cell.evidence.line
    assert "content/protocols/protocol-4-2022-12-06.md, строка 9" in conflict[0].message


def test_explicit_evidence_must_point_to_an_existing_page(example_site):
    cluster = example_site.parent / "content" / "clusters" / "med" / "cluster.yaml"
    cluster.write_text(cluster.read_text(encoding="utf-8") + "\nevidence:\n  - protocol: protocol-4-2022-12-06\n"
                       "    decision: 6\n    link: pages/net-takoy.md\n    date: 2023-01-18\n", encoding="utf-8")
    site, diags = prepare(example_site)
    assert any(d.code == "path.missing" and d.file.endswith("med/cluster.yaml") for d in diags)


def test_matrix_csv_and_json_for_excel(example_build):
    folder = example_build.out / "protocols" / "protocol-4-2022-12-06"
    raw = (folder / "matrix.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Кластер" and len(rows[0]) == 8 and len(rows) == 10
    data = json.loads((folder / "matrix.json").read_text(encoding="utf-8"))
    assert len(data["clusters"]) == 9 and data["as_of"] == "2023-02-15"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.count('class="cell cell--') == 63


def test_greetings_are_featured_only_inside_the_window(it_site):
    from clusterpages import pipeline
    for as_of, shown in ((dt.date(2022, 12, 25), True), (dt.date(2023, 1, 15), True), (dt.date(2023, 1, 16), False),
                         (dt.date(2022, 12, 19), False)):
        site, diags = prepare(it_site, as_of)
        files, _, _ = pipeline.produce(site, it_site.parent)
        index = files["index.html"].decode("utf-8")
        home = files["clusters/it/index.html"].decode("utf-8")
        assert ("Новогодние поздравления" in index) is shown, as_of
        assert ("Новогоднее поздравление" in home) is shown, as_of


def test_late_completion_is_done_late_never_overdue(example_site):
    """Industrial decision 7: the plan row says «выполнено — размещён 27.12.2022», two days after
    the deadline, and the plan's `updated` says the same: «выполнено с опозданием»."""
    m = cells(example_site, dt.date(2023, 2, 15))
    c = m[("prom", 7)]
    assert c.state == "done_late" and c.label == "Выполнено с опозданием"
    assert c.evidence.date == dt.date(2022, 12, 27) and "позже срока 25.12.2022" in c.reason
    assert any(s.kind == "plan" and s.done and s.date == dt.date(2022, 12, 27) for s in c.sources)


@pytest.mark.parametrize("as_of", [dt.date(2022, 12, 10), dt.date(2023, 1, 10), dt.date(2023, 2, 15),
                                   dt.date(2023, 7, 1)], ids=str)
def test_no_cell_is_overdue_while_completion_evidence_exists(example_site, as_of):
    for (slug, n), c in cells(example_site, as_of).items():
        if c.state == "overdue":
            assert not any(s.done for s in c.sources), (slug, n, c.reason)
        if c.state in ("done", "done_late"):
            assert c.evidence is not None and c.evidence.done and c.reason
            assert c.evidence.date is None or c.evidence.date <= as_of


def test_health_cluster_cell_says_which_evidence_it_used(example_site):
    c = cells(example_site, dt.date(2023, 2, 15))[("med", 1)]
    assert c.state == "overdue"
    # in the department's words: what was looked for and where, never a file name or a line
    assert "отчёт за 2021–2022 учебный год не опубликован на сайте кластера" in c.reason
    assert "план работы на 2022–2023 учебный год, п.\u00a02: просрочено на 52\u00a0дня · в работе" in c.reason
    assert ".md" not in c.reason and "строка" not in c.reason
