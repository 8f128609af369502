"""Queries over the store: filtered events, dyad time series.

Used by ``redline query``/``redline dyad`` and meant for the API server too.

Actor terms (``--dyad A:B``, ``--actor``): a term written as an upper-case code of 3
letters (``PRK``, ``RUS``, ``IGO``) matches actors of that country code; anything
else matches actors whose canonical name contains it (case-insensitive). An event
matches a side when **any** of its source (or target) actors matches.

On a big store, a name term is first resolved to the canonical names containing it
(:func:`resolve_names`, on the small ``actor_names`` table), then events are found
by those exact names through the ``event_actors`` indexes (:func:`actor_condition`).
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
    #: "country" or "actor": source/target/actor are exact keys of that kind (country
    #: codes, or whole canonical names: "BLA" is then a name, not a code), matched
    #: through :func:`pair_keys`, the query that counts the network's edges.
    exact: Optional[str] = None
    #: where the event happened: a 3-letter country code, or a place's exact name
    place: Optional[str] = None


#: the kinds of exact actor keys (``EventFilter.exact``, the network's ``by``).
PAIR_KINDS = ("country", "actor")

#: every factuality the extractors give (redline.extract.factuality), most factual first.
FACTUALITIES = ("asserted", "reported", "future", "advocated", "hypothetical", "negated", "conditional")


def parse_dyad(value: str) -> tuple[str, str]:
    """``PRK:RUS`` / ``"Kim Jong Un:Putin"`` -> (source term, target term)."""
    for sep in (":", ">", ","):
        if sep in value:
            a, b = value.split(sep, 1)
            if a.strip() and b.strip():
                return a.strip(), b.strip()
    raise ValueError(f"a dyad is written SOURCE:TARGET (e.g. PRK:RUS), got {value!r}")


#: most actor names a name term is expanded to in the query text (beyond that the
#: names are read by a subquery on ``actor_names``, same result).
MAX_NAMES = 500


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _name_pattern(term: str) -> str:
    return f"%{_escape_like(term.strip())}%"


def is_code(term: Optional[str]) -> bool:
    """A country/IGO code term (``PRK``), as opposed to (part of) a name."""
    return bool(term) and bool(_CODE.match(term.strip()))


def resolve_names(store, f: EventFilter) -> dict[str, Optional[list[str]]]:
    """The actor names each name term of ``f`` stands for: the canonical names that
    contain it (case-insensitive), read from the small ``actor_names`` table, so that
    the event query can look events up by exact names in the ``event_actors`` name
    index instead of matching a pattern against every actor row.

    ``{term: [names]}``; ``None`` for a term matching more than :data:`MAX_NAMES`
    names (the query then reads them with a subquery). Empty for a store without
    ``actor_names`` (opened without migrating): the query then matches the pattern.
    """
    out: dict[str, Optional[list[str]]] = {}
    if f.exact:
        return out  # exact keys are looked up as they are
    an = M.actor_names.c
    terms = [t.strip() for t in (f.source, f.target, f.actor) if t and t.strip() and not is_code(t)]
    if not terms:
        return out
    try:
        with store.engine.connect() as conn:
            for t in dict.fromkeys(terms):
                q = (sa.select(an.name).where(an.name.ilike(_name_pattern(t), escape="\\"))
                     .order_by(an.name).limit(MAX_NAMES + 1))
                names = list(conn.execute(q).scalars())
                out[t] = names if len(names) <= MAX_NAMES else None
    except sa.exc.DBAPIError:  # pragma: no cover - a store at a revision before 0003
        return {}
    return out


def actor_keys(term: str, role: Optional[str], names: Optional[dict] = None):
    """``SELECT article_id, event_id FROM event_actors WHERE <actor matches term> [AND role]``
    (an event appears once per matching actor)."""
    ea = M.event_actors.c
    conds = []
    t = term.strip()
    if is_code(t):
        conds.append(ea.country == t)
    elif names is not None and names.get(t) is not None:
        conds.append(ea.name.in_(names[t]) if names[t] else sa.false())
    elif names is not None and t in names:  # too many names to list
        an = M.actor_names.c
        conds.append(ea.name.in_(sa.select(an.name).where(an.name.ilike(_name_pattern(t), escape="\\"))))
    else:
        conds.append(ea.name.ilike(_name_pattern(t), escape="\\"))
    if role:
        conds.append(ea.role == role)
    return sa.select(ea.article_id, ea.event_id).where(*conds)


def actor_condition(term: str, role: Optional[str], names: Optional[dict] = None,
                    drive: bool = True, also: Optional[tuple[str, str]] = None):
    """Events having an actor matching ``term`` (in ``role`` when given).

    Written as ``(article_id, event_id) IN (SELECT ... FROM event_actors WHERE ...)``:
    the subquery is a range of the covering ``event_actors`` index (``country, role,
    article_id, event_id`` or ``name, role, ...``), never a table row. A name term is
    looked up by the exact names of ``names`` (:func:`resolve_names`), or through
    ``actor_names`` when it matched too many (or was not resolved).

    ``drive=False`` writes the event key as ``coalesce(article_id, '')`` (the same
    value: it is never null), which keeps the planner from starting the query from
    the actor index: the right plan when the actor matches many events and the page
    is read in the order of another index (see :func:`event_conditions`).

    ``also=(term, role)``: a second actor the events must have too (a source and a
    target): the two sets of event keys are intersected inside ``event_actors``
    first, which leaves few events to look up."""
    e = M.events.c
    keys = actor_keys(term, role, names)
    if also:
        keys = sa.intersect(keys, actor_keys(also[0], also[1], names))
    key = sa.tuple_(e.article_id if drive else sa.func.coalesce(e.article_id, ""), e.event_id)
    return key.in_(keys)


def _key_column(table, by: str):
    if by not in PAIR_KINDS:
        raise ValueError(f"by must be one of {', '.join(PAIR_KINDS)}, got {by!r}")
    return table.c.country if by == "country" else table.c.name


def pair_keys(by: str, source: Optional[str] = None, target: Optional[str] = None):
    """``SELECT DISTINCT article_id, event_id, source, target`` for every (source actor,
    target actor) pair of every event, the actors keyed by country code (``by=
    "country"``) or canonical name (``by="actor"``), pairs of one key with itself left
    out; restricted to the exact keys ``source``/``target`` when given.

    The one query behind the network's edge counts (grouped by source and target, see
    :func:`redline.serve.queries.network`) and the events list an edge opens
    (``EventFilter(exact=by, source=..., target=...)``), so both always agree."""
    ea = M.event_actors
    s, t = ea.alias("pair_source"), ea.alias("pair_target")
    sk, tk = _key_column(s, by), _key_column(t, by)
    q = (sa.select(s.c.article_id, s.c.event_id, sk.label("source"), tk.label("target"))
         .select_from(s.join(t, sa.and_(t.c.article_id == s.c.article_id, t.c.event_id == s.c.event_id,
                                        t.c.role == "target")))
         .where(s.c.role == "source", sk.is_not(None), tk.is_not(None), sk != tk))
    if source is not None:
        q = q.where(sk == source)
    if target is not None:
        q = q.where(tk == target)
    return q.distinct()


def exact_actor_keys(by: str, term: str):
    """``SELECT article_id, event_id`` of the events having an actor (either side) whose
    country code or canonical name is exactly ``term``."""
    ea = M.event_actors
    return sa.select(ea.c.article_id, ea.c.event_id).where(_key_column(ea, by) == term).distinct()


def _exact_conditions(f: EventFilter) -> list:
    key = sa.tuple_(M.events.c.article_id, M.events.c.event_id)

    def pair(source, target):
        return key.in_(sa.select(*pair_keys(f.exact, source, target).subquery().c[:2]))

    conds = []
    if f.source or f.target:
        cond = pair(f.source, f.target)
        if f.both_directions:
            cond = sa.or_(cond, pair(f.target, f.source))
        conds.append(cond)
    if f.actor:
        conds.append(key.in_(exact_actor_keys(f.exact, f.actor)))
    return conds


def intersects(store) -> bool:
    """How to write a source + target pair on this store (``event_conditions(intersect=)``)."""
    return store.dialect != "sqlite"


def event_conditions(f: EventFilter, names: Optional[dict] = None, drive: bool = True,
                     intersect: bool = True) -> list:
    """WHERE conditions on ``events`` (joined with ``articles`` when ``f.text`` is set)
    for the filter ``f``; ``names`` from :func:`resolve_names` (optional: without it
    name terms are matched as patterns, same result, slower on a big store).

    ``drive=False``: actor conditions that only check the events read through
    another index (for a page of a common actor in the order of an index; see
    :func:`actor_condition`).

    ``intersect``: a source + target pair as one ``IN`` over the intersection of their
    event keys (PostgreSQL hashes it: few events left to look up); False writes two
    ``IN`` conditions, which suits SQLite better: it can start from an ``IN`` list
    but not from a compound query (see :func:`intersects`)."""
    e, a = M.events.c, M.articles.c
    conds = []

    def pair(source, target):
        if source and target and not intersect:
            return sa.and_(actor_condition(source, "source", names, drive),
                           actor_condition(target, "target", names, drive))
        if source and target:
            return actor_condition(source, "source", names, drive, also=(target, "target"))
        return actor_condition(source or target, "source" if source else "target", names, drive)

    if f.exact:
        conds += _exact_conditions(f)
    else:
        if f.source or f.target:
            cond = pair(f.source, f.target)
            if f.both_directions:
                cond = sa.or_(cond, pair(f.target, f.source))
            conds.append(cond)
        if f.actor:
            conds.append(actor_condition(f.actor, None, names, drive))
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
    if f.place:
        p = f.place.strip()
        conds.append(e.location_country == p if is_code(p) else e.location_name == p)
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
         .where(*event_conditions(f, resolve_names(store, f), intersect=intersects(store))))
    order = [e.c.day.desc() if newest_first else e.c.day.asc(), e.c.article_id, e.c.trigger_start]
    q = q.order_by(*order).offset(offset)
    if limit:
        q = q.limit(limit)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def count_events(store, f: EventFilter) -> int:
    e, a = M.events, M.articles
    q = (sa.select(sa.func.count()).select_from(e.join(a, a.c.article_id == e.c.article_id))
         .where(*event_conditions(f, resolve_names(store, f), intersect=intersects(store))))
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
         .where(*event_conditions(f, resolve_names(store, f), intersect=intersects(store)), e.day.is_not(None), col.is_not(None)))
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
