"""The data out of plans: JSON twins against their schema, iCalendar read back, every row an item."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import icalendar
import jsonschema
import pytest

from conftest import REPO, run_cli


@pytest.fixture(scope="module")
def built(example_build) -> Path:
    return example_build.out


def _docx_rows(source: Path) -> int:
    """Rows of the Word tables that are items: not the header, not a row numbering the columns,
    not a section heading (one text merged across the row)."""
    import docx
    count = 0
    for table in docx.Document(str(source)).tables:
        for row in table.rows[1:]:
            texts = [c.text.strip() for c in row.cells]
            distinct = {t for t in texts if t}
            numbering = [t for t in texts if t] == [str(n) for n in range(1, len(distinct) + 1)]
            if len(distinct) > 1 and not numbering:
                count += 1
    return count


def _table_rows(source: Path) -> int:
    if source.suffix == ".docx":
        return _docx_rows(source)
    lines = source.read_text(encoding="utf-8").split("\n")
    count = 0
    for i, line in enumerate(lines):
        if re.match(r"^\s*\|?\s*:?-+", line) and i > 0 and "|" in lines[i - 1]:
            j = i + 1
            while j < len(lines) and lines[j].strip().startswith("|"):
                count += 1
                j += 1
    return count


def test_json_twins_match_schema_and_cover_every_row(built):
    schema = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    docs = sorted(built.glob("clusters/*/*plan-*/*.json"))
    assert len(docs) >= 18
    for path in docs:
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert len(data["items"]) == _table_rows(REPO / data["source"]), path
        for item in data["items"]:
            # every row has dates, or the reason it has none is visible (no-date phrase kept as written)
            assert item["deadline"]["start"] or item["deadline"]["kind"] == "none", item


def test_example_complete_clusters_have_long_plans(built):
    for slug in ("it", "agro", "prom"):
        for kind in ("plan", "media-plan"):
            data = json.loads((built / "clusters" / slug / f"{kind}-2022-2023" / f"{kind}.json").read_text(encoding="utf-8"))
            assert len(data["items"]) >= 15, (slug, kind)


def test_ics_files_parse_back_with_source_dates(built):
    for path in sorted(built.glob("clusters/*/*plan-*/*.ics")):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        twin = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        by_uid = {f"{twin['cluster']}.{twin['document']}.{i['uid']}@clusterpages": i for i in twin["items"]}
        events = list(cal.walk("VEVENT"))
        dated = [i for i in twin["items"] if i["deadline"]["start"]]
        assert len(events) == len(dated), path
        for ev in events:
            item = by_uid[str(ev["UID"])]
            assert str(ev["SUMMARY"]) == item["title"]
            start = ev.decoded("DTSTART")
            assert start == dt.date.fromisoformat(item["deadline"]["start"])
            if item["deadline"]["kind"] == "recurrence":
                assert "RRULE" in ev
            else:
                assert ev.decoded("DTEND") == dt.date.fromisoformat(item["deadline"]["end"]) + dt.timedelta(days=1)
    region = icalendar.Calendar.from_ical((built / "calendar.ics").read_bytes())
    assert len(list(region.walk("VEVENT"))) > 100
    uids = [str(e["UID"]) for e in region.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_plan_page_shows_approval_status_and_as_of(built):
    html = (built / "clusters" / "it" / "plan-2022-2023" / "index.html").read_text(encoding="utf-8")
    assert "УТВЕРЖДАЮ" in html and "Актуализировано" in html
    assert "По\u00a0состоянию на\u00a015\u00a0февраля\u00a02023\u00a0г." in html
    for label in ("Выполнено", "Просрочено", "Предстоит"):
        assert label in html
    # every status is text plus an icon, never colour alone
    assert html.count('class="status__icon"') >= 15
    # with JavaScript off nothing is hidden: no row carries the hidden attribute in the HTML
    assert not re.search(r"<tr[^>]*\bhidden\b", html)


def test_check_json_lists_unparsed_deadlines(example_site):
    plan = example_site.parent / "content" / "clusters" / "agro" / "plan-2022-2023.md"
    lines = plan.read_text(encoding="utf-8").split("\n")
    rows = [i for i, l in enumerate(lines) if re.match(r"^\|\s*\d", l)]
    for i in rows[:2]:
        cells = lines[i].split("|")
        cells[3] = " после дождичка в четверг "
        lines[i] = "|".join(cells)
    plan.write_text("\n".join(lines), encoding="utf-8")
    r = run_cli("check", "--config", str(example_site), "--format", "json")
    diags = [d for d in json.loads(r.stdout) if d["code"] == "plan.deadline"]
    assert [d["line"] for d in diags] == [rows[0] + 1, rows[1] + 1]
    assert all(d["file"] == "content/clusters/agro/plan-2022-2023.md" for d in diags)
