"""Every count on every page is the model's (content.tally), at as-of dates before, between
and after the protocol's deadlines, and every list agrees with the total above it."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from clusterpages import pipeline
from clusterpages.content.facts import execution, years
from clusterpages.content.facts.tally import tally
from clusterpages.values import diagnostics as dg
from conftest import prepare

# before every deadline; between the December and the April ones; the example's date; after all
AS_OF = (dt.date(2022, 12, 10), dt.date(2023, 1, 10), dt.date(2023, 2, 15), dt.date(2023, 7, 1))
NUM = re.compile(r'<span class="num" data-count="([\w.]+)" data-scope="([^"]*)">(\d+)</span>')
LIST = re.compile(r'<ul class="due-list" data-list="(\w+)" data-scope="([^"]*)">(.*?)</ul>', re.S)


def _scope(site, scope: str):
    scope, _, decision = scope.partition("#")
    scope, _, protocol = scope.partition("@")
    cluster, _, doc = scope.partition("/")
    return tally(site, cluster or None, doc or None, int(decision) if decision else None, protocol=protocol or None)


@pytest.fixture(scope="module")
def builds(example_build):
    """(site, files) at each as-of date: the example's own date is the run's shared build."""
    from conftest import EXAMPLE_AS_OF
    root = example_build.site  # prepared and rendered in memory only: nothing is written into it
    out = {}
    for as_of in AS_OF:
        if as_of == EXAMPLE_AS_OF:
            out[as_of] = (example_build.result.site, example_build.files)
            continue
        site, diags = prepare(root / "site_config.yaml", as_of)
        assert site is not None and not [d for d in diags if d.severity == dg.ERROR], diags
        files, _, sub = pipeline.produce(site, root)
        assert not [d for d in sub if d.severity == dg.ERROR], sub
        out[as_of] = (site, files)
    return out


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_every_count_shown_is_the_models(builds, as_of):
    site, files = builds[as_of]
    seen = 0
    for path, data in files.items():
        if not path.endswith(".html") or path.startswith("embed/"):
            continue
        page = data.decode("utf-8")
        for key, scope, value in NUM.findall(page):
            assert int(value) == _scope(site, scope).get(key), (as_of, path, key, scope)
            seen += 1
    # the index, nine homes and every plan page carry counts
    assert seen > 9 * 6 + len(site.plans) * 2


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_lists_agree_with_their_totals(builds, as_of):
    site, files = builds[as_of]
    pages = ["index.html"] + [f"clusters/{c.slug}/index.html" for c in site.clusters]
    for path in pages:
        page = files[path].decode("utf-8")
        for key in ("overdue", "soon"):
            t_scope = "" if path == "index.html" else path.split("/")[1]
            total = tally(site, t_scope or None).get(f"{key}.total")
            heading = re.search(rf'data-count="{key}.total" data-scope="{t_scope}">(\d+)<', page)
            assert heading and int(heading.group(1)) == total, (as_of, path, key)
            found = [m for m in LIST.findall(page) if m[0] == key]
            items = found[0][2].count('<li class="due') if found else 0
            assert items == total, (as_of, path, key)
    # the region is the sum of its clusters; a card equals its cluster's home
    region = tally(site)
    for key in ("plan.total", "plan.done", "plan.overdue", "media.total", "decisions.total", "decisions.overdue",
                "decisions.done", "overdue.total", "soon.total"):
        assert region.get(key) == sum(tally(site, c.slug).get(key) for c in site.clusters), (as_of, key)


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_tally_agrees_with_the_rows_and_cells(builds, as_of):
    site, _ = builds[as_of]
    for c in site.clusters:
        t = tally(site, c.slug)
        current = years.current_plans(site)   # a cluster counts its current plans, not the archive's or next year's
        rows = [i for d in site.plans if d.cluster == c.slug and d.kind == "plan" and (d.cluster, d.slug) in current
                for i in d.items]
        assert t.get("plan.total") == len(rows)
        assert t.get("plan.done") == sum(i.status == "done" for i in rows)
        assert t.get("plan.partial") == sum(i.status == "partial" for i in rows)
        cells = [x for p in site.protocols for cl, row in execution.matrix(site, p) if cl.slug == c.slug for x in row]
        live = [x for x in cells if x.state != "not_applicable"]
        assert t.get("decisions.total") == len(live)
        assert t.get("decisions.overdue") == sum(x.state == "overdue" for x in live)
        assert t.get("decisions.done") == sum(x.state in ("done", "done_late") for x in live)


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_matrix_json_and_fragments_use_the_same_counts(builds, as_of):
    site, files = builds[as_of]
    data = json.loads(files["protocols/protocol-4-2022-12-06/matrix.json"])
    region = tally(site, protocol="protocol-4-2022-12-06")   # the protocol's own cells
    assert data["totals"]["total"] == region.get("decisions.total")
    assert data["totals"]["overdue"] == region.get("decisions.overdue")
    states = [cell["state"] for c in data["clusters"] for cell in c["cells"] if cell["state"] != "not_applicable"]
    assert len(states) == region.get("decisions.total")
    for c in site.clusters:
        t = tally(site, c.slug)
        fragment = files[f"embed/{c.slug}/home.html"].decode("utf-8").replace("\u00a0", " ")
        assert f"Пунктов плана выполнено {t.get('plan.done')} из {t.get('plan.total')}" in fragment


def test_every_number_says_what_it_counts(builds):
    site, files = builds[dt.date(2023, 2, 15)]
    index = files["index.html"].decode("utf-8").replace("\u00a0", " ")
    text = re.sub(r"<[^>]+>", "", index)
    assert re.search(r"пунктов плана выполнено \d+ из \d+", text)
    assert re.search(r"поручений протокола выполнено \d+ из \d+, просрочено \d+ из \d+", text)
    for c in site.clusters:
        home = re.sub(r"<[^>]+>", "", files[f"clusters/{c.slug}/index.html"].decode("utf-8").replace("\u00a0", " "))
        t = tally(site, c.slug)
        if t.get("decisions.overdue"):
            # the health home once said «Просроченных пунктов нет» above three overdue decisions
            assert f"просрочено {t.get('decisions.overdue')} из {t.get('decisions.total')}" in home, c.slug
        assert "Просроченных пунктов нет" not in home


def test_cards_show_overdue_decisions(builds):
    site, files = builds[dt.date(2023, 2, 15)]
    index = files["index.html"].decode("utf-8")
    for slug in ("med", "transport"):
        card = index[index.index(f'class="card cluster-{slug}"'):]
        card = card[:card.index("</li>\n    </ul>") if "</li>\n    </ul>" in card else 2000]
        n = tally(site, slug).get("decisions.overdue")
        assert n > 0 and f'data-count="decisions.overdue" data-scope="{slug}">{n}<' in card


def test_plan_and_media_plan_events_are_one_entry(builds):
    site, files = builds[dt.date(2023, 2, 15)]
    soon = tally(site).soon
    titles = [d.item.title_text for d in soon]
    assert len([t for t in titles if t.startswith("Неделя промышленности")]) == 1, titles
    week = next(d for d in soon if d.item.title_text.startswith("Неделя промышленности"))
    assert week.doc.kind == "plan" and [doc.kind for doc, _ in week.also] == ["media-plan"]
    index = files["index.html"].decode("utf-8")
    entry = index[index.index(week.item.uid):][:1500]
    assert "план" in entry and "медиаплан" in entry and week.also[0][1].uid in entry
    # and nothing is listed twice under two titles: every media row is merged or stands alone once
    uids = [d.item.uid for d in soon] + [i.uid for d in soon for _, i in d.also]
    assert len(uids) == len(set(uids))


def test_media_reach_compares_the_same_publications(builds):
    """The prom media plan: the year's plan (17 rows) is not compared with the fact of the 11 out."""
    from clusterpages.values import reach
    site, files = builds[dt.date(2023, 2, 15)]
    doc = next(d for d in site.plans if d.cluster == "prom" and d.kind == "media-plan")
    out = [i for i in doc.items if i.status == "published" and reach.parse(i.reach_fact)]
    plan_out = sum(reach.parse(i.reach_plan).low for i in out)
    fact_out = sum(reach.parse(i.reach_fact).low for i in out)
    year = sum(reach.parse(i.reach_plan).low for i in doc.items if reach.parse(i.reach_plan))
    assert year > plan_out
    page = files[f"clusters/prom/{doc.slug}/index.html"].decode("utf-8")
    shown = {k: int(re.sub(r"\D", "", v)) for k, v in re.findall(r'data-reach="(\w+)">([^<]+)<', page)}
    assert shown == {"plan": plan_out, "fact": fact_out, "year": year}
    fragment = files[f"embed/prom/{doc.slug}.html"].decode("utf-8").replace("\u00a0", " ")
    assert f"({len(out)}, с указанным фактом)" in fragment
