"""iCalendar (RFC 5545) files of plan and media-plan items, through the icalendar library."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from clusterpages.model import PlanDoc, PlanItem, Site
from clusterpages.values import diagnostics as dg
from clusterpages.values import urls
from clusterpages.values.memo import no_memo
from clusterpages.values.typography import typograph

if TYPE_CHECKING:
    import icalendar

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
    # icalendar is imported where it is used: a build that finds every calendar's events and
    # heads kept from before (memo) does not import it (~27 ms).
    import icalendar

    d = item.deadline
    if d is None or d.start is None or d.end is None:
        return None
    ev = icalendar.Event()
    ev.add("uid", f"{doc.cluster}.{doc.slug}.{item.uid}@clusterpages")
    ev.add("dtstamp", stamp)
    ev.add("summary", item.title_text)  # the same as the plan.json twin
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
    # Text people read in their calendar: the pages' typography and dates in words.
    ev.add("description", "\n".join(typograph(line) for line in desc))
    ev.add("categories", [doc.kind] + list(item.tags))
    return ev


def _calendar(name: str) -> icalendar.Calendar:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


_END = b"END:VCALENDAR\r\n"


def _joined(name: str, events: list[bytes], memo=no_memo) -> bytes:
    """A calendar of already serialised events: icalendar writes a calendar as its header, each
    event as it serialises alone, and the end line, so the bytes are the same."""
    head = memo(f"calendar:head:{name}", name, lambda: _calendar(name).to_ical())
    return head[:-len(_END)] + b"".join(events) + _END


def files(site: Site, memo=no_memo) -> tuple[dict[str, bytes], list[dg.Diagnostic]]:
    """One .ics per plan and media plan, per cluster and for the region; undated items are counted.

    `memo(name, inputs, make)` may give back a document's events made from the same inputs
    before (the preview: recall.Recall); serialising events is most of the work."""
    as_of = site.config.as_of
    stamp = _dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=_dt.timezone.utc)
    base_url = site.config.base_url
    out: dict[str, bytes] = {}
    region: list[bytes] = []
    per_cluster: dict[str, list[bytes]] = {}
    names = {c.slug: c.short_name for c in site.clusters}
    diags = []
    for doc in site.plans:
        def make(doc=doc) -> list[bytes]:
            return [ev.to_ical() for ev in (_event(doc, item, stamp, base_url) for item in doc.items) if ev is not None]
        events = memo(f"calendar:{doc.file}", (doc, stamp, base_url), make)
        per_cluster.setdefault(doc.cluster, []).extend(events)
        region.extend(events)
        out[urls.plan_ics(doc.cluster, doc.slug, doc.kind)] = _joined(doc.title, events, memo)
        skipped = len(doc.items) - len(events)
        if skipped:
            diags.append(dg.info("calendar.undated", doc.file, None,
                                 f"В календарь не вошло пунктов без даты: {skipped}.",
                                 "Укажите срок датой или периодом (25.12.2022, декабрь 2022), чтобы пункт попал в календарь."))
    for slug, events in per_cluster.items():
        out[urls.cluster_calendar(slug)] = _joined(names.get(slug, slug), events, memo)
    out[urls.CALENDAR] = _joined(site.config.title, region, memo)
    return out, diags
