"""The overview of a selection of events: where, when, what.

:func:`overview` answers ``GET /api/overview`` (the workbench's ``/overview`` page)
for an :class:`~redline.store.queries.EventFilter` (period, actor, types,
factuality), every part counted over the same selection:

* ``places`` — events by place, with the place's coordinates (the map);
* ``timeline`` — events per week or month, by PLOVER type and by cooperation
  (quad classes 1-2) / conflict (3-4), empty periods included as zeros;
* ``types``, ``countries`` (where the events happened), ``source_countries``
  (the source actor's country) and ``factuality`` — the breakdowns.

Each part is one GROUP BY over ``events`` (small results); periods are made from
the per-day counts in Python, which works the same on SQLite and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Optional

import sqlalchemy as sa

from ..store import models as M
from ..store.queries import EventFilter, event_conditions, intersects, resolve_names

#: a selection spanning more days than this is shown per month, else per week
MONTHLY_ABOVE_DAYS = 180
#: ... and per year beyond this many days
YEARLY_ABOVE_DAYS = 6 * 366

#: the periods of a timeline
INTERVALS = ("week", "month", "year")

#: most places on the map (the busiest)
MAX_PLACES = 400


def _quad_counts(e):
    coop = sa.func.sum(sa.case((e.c.quad_class.in_((1, 2)), 1), else_=0)).label("cooperation")
    conflict = sa.func.sum(sa.case((e.c.quad_class.in_((3, 4)), 1), else_=0)).label("conflict")
    return coop, conflict


def _grouped(conn, conds: list, *keys, extra_where=(), order_by_count=True, limit=None) -> list[dict]:
    """Events matching ``conds`` grouped by ``keys``: their number and their
    cooperation/conflict counts."""
    e = M.events
    coop, conflict = _quad_counts(e)
    q = (sa.select(*keys, sa.func.count().label("events"), coop, conflict)
         .where(*conds, *extra_where).group_by(*keys))
    if order_by_count:
        q = q.order_by(sa.desc("events"), *keys)
    if limit:
        q = q.limit(limit)
    out = []
    for r in conn.execute(q):
        row = dict(r._mapping)
        for k in ("events", "cooperation", "conflict"):
            row[k] = int(row[k] or 0)
        out.append(row)
    return out


def _period_start(day: str, interval: str) -> Optional[str]:
    try:
        d = dt.date.fromisoformat(day)
    except (TypeError, ValueError):
        return None
    if interval == "year":
        return d.replace(month=1, day=1).isoformat()
    if interval == "month":
        return d.replace(day=1).isoformat()
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def _next_period(start: dt.date, interval: str) -> dt.date:
    if interval == "year":
        return start.replace(year=start.year + 1)
    if interval == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start + dt.timedelta(days=7)


def choose_interval(first_day: Optional[str], last_day: Optional[str], interval: str = "auto") -> str:
    """``week``, ``month`` or ``year``: as asked, or by the span of the selection
    (``auto``: weeks up to 180 days, months up to six years, years beyond)."""
    if interval in INTERVALS:
        return interval
    try:
        span = (dt.date.fromisoformat(last_day) - dt.date.fromisoformat(first_day)).days
    except (TypeError, ValueError):
        return "week"
    if span > YEARLY_ABOVE_DAYS:
        return "year"
    return "month" if span > MONTHLY_ABOVE_DAYS else "week"


#: with ``interval="auto"``, the timeline leaves out this share of the events at each
#: end when that shortens it by more than half (a few events dated decades away, like
#: a war of 1950 recalled in a 2024 story, would squeeze the rest into one bar)
TRIM_SHARE = 0.01


def _trim(per_day: list[dict]) -> tuple[list[dict], int, int]:
    """``(rows kept, events left out before, events left out after)``."""
    dated = sorted((r for r in per_day if r.get("day")), key=lambda r: r["day"])
    total = sum(r["events"] for r in dated)
    if not dated or total < 20:
        return dated, 0, 0
    cut = total * TRIM_SHARE
    per: dict[str, int] = defaultdict(int)
    for r in dated:
        per[r["day"]] += r["events"]
    days = sorted(per)
    lo, before = 0, 0
    while lo < len(days) - 1 and before + per[days[lo]] <= cut:
        before += per[days[lo]]
        lo += 1
    hi, after = len(days) - 1, 0
    while hi > lo and after + per[days[hi]] <= cut:
        after += per[days[hi]]
        hi -= 1
    try:
        full = (dt.date.fromisoformat(days[-1]) - dt.date.fromisoformat(days[0])).days
        kept = (dt.date.fromisoformat(days[hi]) - dt.date.fromisoformat(days[lo])).days
    except ValueError:
        return dated, 0, 0
    if kept * 2 > full:
        return dated, 0, 0
    first, last = days[lo], days[hi]
    return [r for r in dated if first <= r["day"] <= last], before, after


def timeline(per_day: list[dict], interval: str = "auto") -> dict:
    """Periods (weeks starting on Monday, months or years) from per-day counts by type and
    quad class: ``{"interval", "periods": [{"start", "end", "events", "cooperation",
    "conflict", "other", "types": {TYPE: n}}]}``, every period between the first and
    the last listed (zeros included), and the number of events left out ``before``
    and ``after`` them (``auto`` only: see :data:`TRIM_SHARE`)."""
    before = after = 0
    if interval == "auto":
        per_day, before, after = _trim(per_day)
    days = sorted(r["day"] for r in per_day if r.get("day"))
    interval = choose_interval(days[0] if days else None, days[-1] if days else None, interval)
    slots: dict[str, dict] = {}
    for r in per_day:
        start = _period_start(r.get("day"), interval)
        if start is None:
            continue
        slot = slots.setdefault(start, {"events": 0, "cooperation": 0, "conflict": 0, "types": defaultdict(int)})
        slot["events"] += r["events"]
        slot["cooperation"] += r["cooperation"]
        slot["conflict"] += r["conflict"]
        slot["types"][r["type"] or "?"] += r["events"]
    periods = []
    if slots:
        d, last = dt.date.fromisoformat(min(slots)), dt.date.fromisoformat(max(slots))
        while d <= last:
            nxt = _next_period(d, interval)
            slot = slots.get(d.isoformat(), {"events": 0, "cooperation": 0, "conflict": 0, "types": {}})
            periods.append({"start": d.isoformat(), "end": (nxt - dt.timedelta(days=1)).isoformat(),
                            "events": slot["events"], "cooperation": slot["cooperation"],
                            "conflict": slot["conflict"],
                            "other": slot["events"] - slot["cooperation"] - slot["conflict"],
                            "types": dict(slot["types"])})
            d = nxt
    return {"interval": interval, "periods": periods, "before": before, "after": after}


def overview(store, f: EventFilter, interval: str = "auto", top: int = 25,
             max_places: int = MAX_PLACES) -> dict:
    """The overview of the events matching ``f`` (see the module doc)."""
    e = M.events
    c = e.c
    conds = event_conditions(f, resolve_names(store, f), intersect=intersects(store))
    with store.engine.connect() as conn:
        total = int(conn.execute(sa.select(sa.func.count()).select_from(e).where(*conds)).scalar() or 0)
        per_day = _grouped(conn, conds, c.day, c.type, order_by_count=False)
        places = _places(conn, conds, max_places)
        types = _grouped(conn, conds, c.type.label("key"), limit=top)
        countries = _grouped(conn, conds, c.location_country.label("key"),
                             extra_where=(c.location_country.is_not(None),), limit=top)
        source_countries = _grouped(conn, conds, c.source_country.label("key"),
                                    extra_where=(c.source_country.is_not(None),), limit=top)
        factuality = _grouped(conn, conds, c.factuality.label("key"))
    return {"total": total, "places": places, "timeline": timeline(per_day, interval),
            "types": types, "countries": countries, "source_countries": source_countries,
            "factuality": factuality}


def _places(conn, conds: list, limit: int) -> list[dict]:
    """Events by place (name and country), with the place's mean coordinates."""
    c = M.events.c
    rows = _grouped(conn, conds, c.location_name.label("name"), c.location_country.label("country"),
                    extra_where=(c.location_lat.is_not(None), c.location_lon.is_not(None)), limit=limit)
    if not rows:
        return rows
    coords = {}
    q = (sa.select(c.location_name, c.location_country, sa.func.avg(c.location_lat), sa.func.avg(c.location_lon))
         .where(*conds, c.location_lat.is_not(None), c.location_lon.is_not(None))
         .group_by(c.location_name, c.location_country))
    for name, country, lat, lon in conn.execute(q):
        coords[(name, country)] = (round(float(lat), 4), round(float(lon), 4))
    for r in rows:
        r["lat"], r["lon"] = coords[(r["name"], r["country"])]
    return rows
