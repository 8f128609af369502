"""Queries over the store: filtered events, dyad time series.

Used by ``redline query``/``redline dyad`` and meant for the API server too.

Actor terms (``--dyad A:B``, ``--actor``): a term written as an upper-case code of 3
letters (``PRK``, ``RUS``, ``IGO``) matches actors of that country code; anything
else matches actors whose canonical name contains it (case-insensitive). An event
matches a side when **any** of its source (or target) actors matches.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

import sqlalchemy as sa

from . import models as M

_CODE = re.compile(r"^[A-Z]{3}$")

#: factualities of events that (are said to) have happened: the dyad default.
FACTUAL = ("asserted", "reported")


@dataclass
class EventFilter:
    source: Optional[str] = None  # actor term on the source side
    target: Optional[str] = None  # actor term on the target side
    actor: Optional[str] = None  # actor term on either side
    types: list[str] = field(default_factory=list)
    factuality: list[str] = field(default_factory=list)
    since: Optional[str] = None  # YYYY-MM-DD, inclusive
    until: Optional[str] = None  # YYYY-MM-DD, inclusive
    text: Optional[str] = None  # substring of the evidence sentence or article title
    article_id: Optional[str] = None
    both_directions: bool = False  # dyad A:B also matches B->A


def parse_dyad(value: str) -> tuple[str, str]:
    """``PRK:RUS`` / ``"Kim Jong Un:Putin"`` -> (source term, target term)."""
    for sep in (":", ">", ","):
        if sep in value:
            a, b = value.split(sep, 1)
            if a.strip() and b.strip():
                return a.strip(), b.strip()
    raise ValueError(f"a dyad is written SOURCE:TARGET (e.g. PRK:RUS), got {value!r}")


def _actor_match(term: str, role: Optional[str]):
    ea = M.event_actors.c
    e = M.events.c
    cond = [ea.article_id == e.article_id, ea.event_id == e.event_id]
    if role:
        cond.append(ea.role == role)
    if _CODE.match(term.strip()):
        cond.append(ea.country == term.strip())
    else:
        cond.append(ea.name.ilike(f"%{_escape_like(term.strip())}%", escape="\\"))
    return sa.exists(sa.select(sa.literal(1)).select_from(M.event_actors).where(*cond))


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_conditions(f: EventFilter) -> list:
    e, a = M.events.c, M.articles.c
    conds = []
    if f.source or f.target:
        fwd = [c for c in ((_actor_match(f.source, "source") if f.source else None),
                           (_actor_match(f.target, "target") if f.target else None)) if c is not None]
        cond = sa.and_(*fwd)
        if f.both_directions:
            back = [c for c in ((_actor_match(f.target, "source") if f.target else None),
                                (_actor_match(f.source, "target") if f.source else None)) if c is not None]
            cond = sa.or_(cond, sa.and_(*back))
        conds.append(cond)
    if f.actor:
        conds.append(_actor_match(f.actor, None))
    if f.types:
        conds.append(e.type.in_([t.upper() for t in f.types]))
    if f.factuality:
        conds.append(e.factuality.in_([x.lower() for x in f.factuality]))
    if f.since:
        conds.append(e.day >= f.since)
    if f.until:
        conds.append(e.day <= f.until)
    if f.article_id:
        conds.append(e.article_id == f.article_id)
    if f.text:
        pat = f"%{_escape_like(f.text)}%"
        conds.append(sa.or_(e.sentence_text.ilike(pat, escape="\\"), a.title.ilike(pat, escape="\\")))
    return conds


def find_events(store, f: EventFilter, limit: Optional[int] = 100, offset: int = 0,
                newest_first: bool = True) -> list[dict]:
    """Events matching ``f`` with their article's title/url/source and the counts
    of the real-world event (cluster) they belong to."""
    e, a, c = M.events, M.articles, M.event_clusters
    q = (sa.select(e, a.c.title.label("article_title"), a.c.url.label("article_url"),
                   a.c.source.label("article_source"), a.c.published.label("article_published"),
                   c.c.num_mentions, c.c.num_articles, c.c.num_sources)
         .select_from(e.join(a, a.c.article_id == e.c.article_id)
                      .outerjoin(c, c.c.cluster_id == e.c.cluster_id))
         .where(*event_conditions(f)))
    order = [e.c.day.desc() if newest_first else e.c.day.asc(), e.c.article_id, e.c.trigger_start]
    q = q.order_by(*order).offset(offset)
    if limit:
        q = q.limit(limit)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def count_events(store, f: EventFilter) -> int:
    e, a = M.events, M.articles
    q = (sa.select(sa.func.count()).select_from(e.join(a, a.c.article_id == e.c.article_id))
         .where(*event_conditions(f)))
    with store.engine.connect() as conn:
        return int(conn.execute(q).scalar() or 0)


def week_start(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def dyad_series(store, source: str, target: str, measure: str = "score",
                factuality: Optional[list[str]] = None, since: Optional[str] = None,
                until: Optional[str] = None, per: str = "event") -> list[dict]:
    """Weekly series of event scores ``source`` -> ``target``.

    ``measure`` is ``score`` (PLOVER) or ``goldstein``. With ``per="event"`` each
    real-world event (cluster) counts once, with the mean of its mentions' scores;
    with ``per="mention"`` every mention counts. Weeks start on Monday; weeks with
    no event between the first and last are listed with zero events. Rows:
    ``week``, ``events``, ``mentions``, ``sum``, ``mean`` (None when no event).
    """
    if measure not in ("score", "goldstein"):
        raise ValueError("measure must be 'score' or 'goldstein'")
    f = EventFilter(source=source, target=target,
                    factuality=list(FACTUAL) if factuality is None else factuality,
                    since=since, until=until)
    e = M.events.c
    col = e.score if measure == "score" else e.goldstein
    q = (sa.select(e.cluster_id, e.article_id, e.event_id, e.day, col.label("value"))
         .select_from(M.events.join(M.articles, M.articles.c.article_id == e.article_id))
         .where(*event_conditions(f), e.day.is_not(None), col.is_not(None)))
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    groups: dict[str, list] = defaultdict(list)
    for r in rows:
        key = r.cluster_id if per == "event" else f"{r.article_id}/{r.event_id}"
        groups[key].append(r)
    weeks: dict[str, dict] = {}
    for ms in groups.values():
        day = min(m.day for m in ms)
        try:
            w = week_start(day)
        except ValueError:
            continue
        slot = weeks.setdefault(w, {"week": w, "events": 0, "mentions": 0, "sum": 0.0})
        slot["events"] += 1
        slot["mentions"] += len(ms)
        slot["sum"] += sum(float(m.value) for m in ms) / len(ms)
    if not weeks:
        return []
    first = dt.date.fromisoformat(min(weeks))
    last = dt.date.fromisoformat(max(weeks))
    out = []
    d = first
    while d <= last:
        w = d.isoformat()
        slot = weeks.get(w, {"week": w, "events": 0, "mentions": 0, "sum": 0.0})
        slot["sum"] = round(slot["sum"], 4)
        slot["mean"] = round(slot["sum"] / slot["events"], 4) if slot["events"] else None
        out.append(slot)
        d += dt.timedelta(days=7)
    return out
