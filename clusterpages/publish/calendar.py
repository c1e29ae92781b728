"""iCalendar (RFC 5545) files of plan and media-plan items, through the icalendar library."""

from __future__ import annotations

import datetime as _dt

import icalendar

from clusterpages import diagnostics as dg, urls
from clusterpages.model import PlanDoc, PlanItem, Site

_PRODID = "-//clusterpages//RU"


_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_MONTHS_APART = {"QUARTERLY": 3, "HALFYEARLY": 6}


def _rule(d) -> dict:
    """The RRULE of a recurring deadline: quarters and halves as every 3 or 6 months."""
    rule: dict = {"freq": "MONTHLY" if d.freq in _MONTHS_APART else d.freq}
    if d.freq in _MONTHS_APART:
        rule["interval"] = _MONTHS_APART[d.freq]
    if d.weekdays:
        rule["byday"] = [_DAYS[w] for w in d.weekdays]
    rule["until"] = d.end
    return rule


def _event(doc: PlanDoc, item: PlanItem, stamp: _dt.datetime, base_url: str | None) -> icalendar.Event | None:
    d = item.deadline
    if d is None or d.start is None or d.end is None:
        return None
    ev = icalendar.Event()
    ev.add("uid", f"{doc.cluster}.{doc.slug}.{item.uid}@clusterpages")
    ev.add("dtstamp", stamp)
    ev.add("summary", item.title_text)
    ev.add("dtstart", d.start)
    if d.kind == "recurrence":
        ev.add("dtend", d.start + _dt.timedelta(days=1))
        ev.add("rrule", _rule(d))
    else:
        ev.add("dtend", d.end + _dt.timedelta(days=1))
    page = urls.plan_item(doc.cluster, doc.slug, item.uid)
    if base_url:
        ev.add("url", base_url + page)
    desc = [f"Срок: {item.deadline_text}"]
    if item.responsible:
        desc.append(f"Ответственный: {item.responsible}")
    desc.append(f"Документ: {doc.title}")
    ev.add("description", "\n".join(desc))
    ev.add("categories", [doc.kind] + list(item.tags))
    return ev


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def files(site: Site) -> tuple[dict[str, bytes], list[dg.Diagnostic]]:
    """One .ics per plan and media plan, per cluster and for the region; undated items are counted."""
    as_of = site.config.as_of
    stamp = _dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=_dt.timezone.utc)
    out: dict[str, bytes] = {}
    region = _calendar(site.config.title)
    per_cluster: dict[str, icalendar.Calendar] = {}
    names = {c.slug: c.short_name for c in site.clusters}
    diags = []
    for doc in site.plans:
        cal = _calendar(doc.title)
        ccal = per_cluster.setdefault(doc.cluster, _calendar(names.get(doc.cluster, doc.cluster)))
        skipped = 0
        for item in doc.items:
            ev = _event(doc, item, stamp, site.config.base_url)
            if ev is None:
                skipped += 1
                continue
            for c in (cal, ccal, region):
                c.add_component(ev)
        out[urls.plan_ics(doc.cluster, doc.slug, doc.kind)] = cal.to_ical()
        if skipped:
            diags.append(dg.info("calendar.undated", doc.file, None,
                                 f"В календарь не вошло пунктов без даты: {skipped}.",
                                 "Укажите срок датой или периодом (25.12.2022, декабрь 2022), чтобы пункт попал в календарь."))
    for slug, cal in per_cluster.items():
        out[urls.cluster_calendar(slug)] = cal.to_ical()
    out[urls.CALENDAR] = region.to_ical()
    return out, diags
