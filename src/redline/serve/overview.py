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


def _quad(e):
    """The quad bucket of an event: cooperation (1-2), conflict (3-4) or other."""
    return sa.case((e.c.quad_class.in_((1, 2)), "cooperation"), (e.c.quad_class.in_((3, 4)), "conflict"),
                   else_="other").label("quad")


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


def trimmed_range(per_day: list[tuple[str, int]]) -> tuple[Optional[str], Optional[str], int, int]:
    """``(first day, last day, events before, events after)`` of the timeline from the
    number of events per day: the whole range, or without the :data:`TRIM_SHARE` of
    events at each end when that halves it at least."""
    per = {d: n for d, n in per_day if d}
    days = sorted(per)
    if not days:
        return None, None, 0, 0
    total = sum(per.values())
    if total < 20:
        return days[0], days[-1], 0, 0
    cut = total * TRIM_SHARE
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
        return days[0], days[-1], 0, 0
    if kept * 2 > full:
        return days[0], days[-1], 0, 0
    return days[lo], days[hi], before, after


def _period_key(c, interval: str):
    """The SQL expression grouping days into periods: the month or year prefix of the
    day (``2024-05``, ``2024``), or the day itself for weeks (folded in Python)."""
    if interval == "year":
        return sa.func.substr(c.day, 1, 4)
    if interval == "month":
        return sa.func.substr(c.day, 1, 7)
    return c.day


def _key_day(key: str) -> str:
    """A day of the period a :func:`_period_key` value names."""
    return {4: key + "-01-01", 7: key + "-01"}.get(len(key), key)


def timeline(rows: list[tuple], interval: str, before: int = 0, after: int = 0) -> dict:
    """Periods (weeks starting on Monday, months or years) from rows ``(period key or
    day, type, quad bucket, events)``: ``{"interval", "periods": [{"start", "end",
    "events", "cooperation", "conflict", "other", "types": {TYPE: n}}], "before",
    "after"}``, every period between the first and the last listed (zeros included)."""
    slots: dict[str, dict] = {}
    for key, type_, quad, n in rows:
        start = _period_start(_key_day(key), interval) if key else None
        if start is None:
            continue
        slot = slots.setdefault(start, {"events": 0, "cooperation": 0, "conflict": 0, "other": 0,
                                        "types": defaultdict(int)})
        slot["events"] += n
        slot[quad] += n
        slot["types"][type_ or "?"] += n
    periods = []
    if slots:
        d, last = dt.date.fromisoformat(min(slots)), dt.date.fromisoformat(max(slots))
        while d <= last:
            nxt = _next_period(d, interval)
            slot = slots.get(d.isoformat(), {"events": 0, "cooperation": 0, "conflict": 0, "other": 0, "types": {}})
            periods.append({"start": d.isoformat(), "end": (nxt - dt.timedelta(days=1)).isoformat(),
                            **{k: slot[k] for k in ("events", "cooperation", "conflict", "other")},
                            "types": dict(slot["types"])})
            d = nxt
    return {"interval": interval, "periods": periods, "before": before, "after": after}


#: the breakdowns, by their name in the response: the column counted
BREAKDOWNS = {"types": "type", "factuality": "factuality", "countries": "location_country",
              "source_countries": "source_country"}


def _breakdowns(conn, conds: list, top: int) -> tuple[int, dict[str, list[dict]]]:
    """``(total, {name: rows})``: every breakdown from one GROUP BY over the events
    (type x factuality x place country x source country x quad bucket), folded here."""
    e = M.events
    cols = [e.c[col] for col in BREAKDOWNS.values()]
    q = sa.select(*cols, _quad(e), sa.func.count()).where(*conds).group_by(*cols, sa.literal_column("quad"))
    acc: dict[str, dict] = {name: defaultdict(lambda: {"events": 0, "cooperation": 0, "conflict": 0, "other": 0})
                            for name in BREAKDOWNS}
    total = 0
    for *keys, quad, n in conn.execute(q):
        total += n
        for name, key in zip(BREAKDOWNS, keys):
            if key is None and name != "types" and name != "factuality":
                continue  # no place / no source country: not counted under a country
            slot = acc[name][key]
            slot["events"] += n
            slot[quad] += n
    out = {}
    for name, slots in acc.items():
        rows = [{"key": k, "events": v["events"], "cooperation": v["cooperation"], "conflict": v["conflict"]}
                for k, v in slots.items()]
        rows.sort(key=lambda r: (-r["events"], r["key"] or ""))
        out[name] = rows if name == "factuality" else rows[:top]
    return total, out


def overview(store, f: EventFilter, interval: str = "auto", top: int = 25,
             max_places: int = MAX_PLACES) -> dict:
    """The overview of the events matching ``f`` (see the module doc)."""
    c = M.events.c
    conds = event_conditions(f, resolve_names(store, f), intersect=intersects(store))
    with store.engine.connect() as conn:
        total, parts = _breakdowns(conn, conds, top)
        per_day = conn.execute(sa.select(c.day, sa.func.count()).where(*conds, c.day.is_not(None))
                               .group_by(c.day)).all()
        if interval == "auto":
            first, last, before, after = trimmed_range(per_day)
        else:
            days = [d for d, _ in per_day]
            first, last, before, after = (min(days), max(days), 0, 0) if days else (None, None, 0, 0)
        chosen = choose_interval(first, last, interval)
        rows = []
        if first is not None:
            key = _period_key(c, chosen).label("period")
            rows = conn.execute(sa.select(key, c.type, _quad(M.events), sa.func.count())
                                .where(*conds, c.day >= first, c.day <= last)
                                .group_by(sa.literal_column("period"), c.type, sa.literal_column("quad"))).all()
        places = _places(conn, conds, max_places)
    return {"total": total, "places": places, "timeline": timeline(rows, chosen, before, after), **parts}


def _places(conn, conds: list, limit: int) -> list[dict]:
    """Events by place (name and country), with the place's mean coordinates."""
    e = M.events
    c = e.c
    q = (sa.select(c.location_name, c.location_country, sa.func.avg(c.location_lat), sa.func.avg(c.location_lon),
                   sa.func.count().label("events"), _quad(e))
         .where(*conds, c.location_lat.is_not(None), c.location_lon.is_not(None))
         .group_by(c.location_name, c.location_country, sa.literal_column("quad")))
    acc: dict[tuple, dict] = {}
    for name, country, lat, lon, n, quad in conn.execute(q):
        p = acc.setdefault((name, country), {"name": name, "country": country, "events": 0, "cooperation": 0,
                                             "conflict": 0, "other": 0, "lat_sum": 0.0, "lon_sum": 0.0})
        p["events"] += n
        p[quad] += n
        p["lat_sum"] += float(lat) * n
        p["lon_sum"] += float(lon) * n
    out = []
    for p in sorted(acc.values(), key=lambda p: (-p["events"], p["name"] or "")):
        out.append({"name": p["name"], "country": p["country"], "events": p["events"],
                    "cooperation": p["cooperation"], "conflict": p["conflict"],
                    "lat": round(p["lat_sum"] / p["events"], 4), "lon": round(p["lon_sum"] / p["events"], 4)})
    return out[:limit]
