"""Read queries of the workbench that the store does not provide itself.

Built on the store's SQLAlchemy tables (:mod:`redline.store.models`) and its event
filter (:func:`redline.store.queries.event_conditions`), so an event filter means the
same thing in ``redline query``, ``redline dyad`` and the API:

* :func:`search_events` — filtered events with a whitelisted sort column (the store's
  ``find_events`` always sorts by day), plus :func:`count_matching`;
* :func:`event_actors_of` — every source/target actor of a page of events;
* :func:`search_articles` — articles by title/text words, outlet and day, with their
  counts of events, quotes and entities;
* :func:`search_quotes` — quotes by speaker name, entity, country, article, words;
* :func:`actor_summary` — actors (entities grouped by name, country and sector) with
  the number of articles, mentions, quotes and events and their roles;
* :func:`network` — the actor network: one edge per (source, target) pair with the
  number of cooperation and conflict events and their mean score, counted by
  :func:`redline.store.queries.pair_keys` (the query behind an edge's events list);
* :func:`factuality_counts` — every factuality value with its number of events;
* :func:`plover_record` — a PLOVER JSON record for one event row (same field names as
  :func:`redline.store.export.plover_records`, which only exports a whole store).
"""
from __future__ import annotations

from typing import Iterable, Optional

import sqlalchemy as sa

from ..store import models as M
from ..store import queries as SQ
from ..store.queries import EventFilter, event_conditions


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

#: columns the events table may be sorted by (API name -> column).
EVENT_SORTS = {
    "day": "day", "type": "type", "score": "score", "goldstein": "goldstein",
    "factuality": "factuality", "source": "source_name", "target": "target_name",
    "confidence": "confidence", "trigger": "trigger_text",
}


#: most actor names a name term may stand for (see :func:`redline.store.queries.resolve_names`)
MAX_NAMES = SQ.MAX_NAMES


def resolve_names(store, f: EventFilter) -> dict[str, Optional[list[str]]]:
    """The canonical actor names each name term of ``f`` matches (case-insensitive
    substring), read once per request from the store's small ``actor_names`` table,
    so that the event queries look events up by exact names."""
    return SQ.resolve_names(store, f)


def conditions(f: EventFilter, names: Optional[dict] = None, drive: bool = True,
               intersect: bool = True) -> list:
    """WHERE conditions of an event filter: the store's own
    (:func:`redline.store.queries.event_conditions`), with name terms resolved."""
    return event_conditions(f, names, drive, intersect)


def _needs_article_join(f: EventFilter) -> bool:
    return bool(f.text)  # the text filter looks at the article's title too


def _event_from(f: EventFilter, with_article: bool = False):
    e, a = M.events, M.articles
    if with_article or _needs_article_join(f):
        return e.join(a, a.c.article_id == e.c.article_id)
    return e


def _actor_only_keys(f: EventFilter, names: Optional[dict]):
    """For a filter made of one actor term (or one source + target pair) and nothing
    else: the distinct keys of the matching events, read from the ``event_actors``
    indexes alone (every ``event_actors`` row belongs to a stored event: both are
    written in the same transaction). None for any other filter."""
    others = (f.types or f.factuality or f.since or f.until or f.text or f.article_id or f.exact
              or f.place)
    if others:
        return None
    if f.actor and not (f.source or f.target):
        return SQ.actor_keys(f.actor, None, names).distinct()
    if f.actor or f.both_directions or not (f.source or f.target):
        return None
    if f.source and f.target:
        return sa.intersect(SQ.actor_keys(f.source, "source", names),
                            SQ.actor_keys(f.target, "target", names))
    term, role = (f.source, "source") if f.source else (f.target, "target")
    return SQ.actor_keys(term, role, names).distinct()


def count_matching(store, f: EventFilter, cap: Optional[int] = None,
                   names: Optional[dict] = None) -> int:
    """Number of events matching ``f`` (counted up to ``cap`` + 1 when a cap is given,
    so that a huge count stays cheap: the count reads event keys from the covering
    indexes and stops after ``cap`` + 1 of them)."""
    if names is None:
        names = resolve_names(store, f)
    e = M.events
    keys = _actor_only_keys(f, names)
    if keys is not None:
        inner = keys
    else:
        inner = (sa.select(e.c.article_id).select_from(_event_from(f))
                 .where(*conditions(f, names, intersect=SQ.intersects(store))))
    if cap:
        inner = inner.limit(cap + 1)
    q = sa.select(sa.func.count()).select_from(inner.subquery())
    with store.engine.connect() as conn:
        return int(conn.execute(q).scalar() or 0)


#: sorts served by an index of ``events`` (the sort column, then day and key)
INDEXED_SORTS = ("day", "score", "type", "factuality")

#: above this many matches, a page sorted by an indexed column walks that index
WALK_ABOVE = 2000


def walk_index(f: EventFilter, sort: str, total: Optional[int], offset: int, limit: int) -> bool:
    """Whether a page of events matching an actor filter is best read by walking the
    sort's index (many matches, an early page) rather than from the actor index."""
    return (sort in INDEXED_SORTS and total is not None and total > WALK_ABOVE
            and offset + limit <= total // 2 and bool(f.source or f.target or f.actor))


def event_order(sort: str = "day", desc: bool = True) -> list:
    """ORDER BY of an events page: the sort column, then the day, then the event key,
    all in the same direction, so that a composite index (``score, day, article_id,
    event_id``...) read forwards or backwards gives the rows in order."""
    e = M.events.c
    cols = [e[EVENT_SORTS.get(sort, "day")]]
    if sort != "day":
        cols.append(e.day)
    cols += [e.article_id, e.event_id]
    return [c.desc() if desc else c.asc() for c in cols]


def search_events(store, f: EventFilter, sort: str = "day", desc: bool = True,
                  limit: int = 50, offset: int = 0, names: Optional[dict] = None,
                  total: Optional[int] = None) -> list[dict]:
    """A page of events matching ``f``, joined with their article's title/url/source
    and their cluster's counts, sorted by ``sort`` (a key of :data:`EVENT_SORTS`).

    Two steps in one query: the page's event keys alone (an index range for the usual
    filters and sorts, so a deep ``offset`` skips index entries, not rows), then the
    rows of those 50 events with their article and cluster.

    ``total``: the number of matches, if known. When an actor filter matches more than
    :data:`WALK_ABOVE` events and the sort has an index, the page is read by walking
    that index and checking the actor of each event, stopping after one page, instead
    of collecting every match and sorting (planners cannot tell how many events an
    ``IN (subquery)`` yields, and SQLite's guess is small)."""
    e, a, c = M.events, M.articles, M.event_clusters
    order = event_order(sort, desc)
    walk = walk_index(f, sort, total, offset, limit)
    page = (sa.select(e.c.article_id, e.c.event_id).select_from(_event_from(f))
            .where(*conditions(f, resolve_names(store, f) if names is None else names, drive=not walk,
                               intersect=SQ.intersects(store)))
            .order_by(*order).offset(offset).limit(limit)).subquery()
    q = (sa.select(e, a.c.title.label("article_title"), a.c.url.label("article_url"),
                   a.c.source.label("article_source"), a.c.published.label("article_published"),
                   c.c.num_mentions, c.c.num_articles, c.c.num_sources)
         .select_from(page.join(e, sa.and_(e.c.article_id == page.c.article_id,
                                          e.c.event_id == page.c.event_id))
                      .join(a, a.c.article_id == e.c.article_id)
                      .outerjoin(c, c.c.cluster_id == e.c.cluster_id))
         .order_by(*order))
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def event_actors_of(store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """``{(article_id, event_id): {"source": [...], "target": [...]}}`` for the given
    events (read by their keys: the primary key's prefix of ``event_actors``)."""
    keys = list(dict.fromkeys(keys))
    out: dict = {k: {"source": [], "target": []} for k in keys}
    if not keys:
        return out
    ea = M.event_actors.c
    with store.engine.connect() as conn:
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            # two IN lists on the primary key's first columns (a row-value IN list is
            # not an index lookup on SQLite); the few extra pairs are dropped below
            rows = conn.execute(sa.select(M.event_actors)
                                .where(ea.article_id.in_(sorted({k[0] for k in chunk})),
                                       ea.event_id.in_(sorted({k[1] for k in chunk})))
                                .order_by(ea.article_id, ea.event_id, ea.role, ea.seq))
            for r in rows:
                slot = out.get((r.article_id, r.event_id))
                if slot is not None and r.role in slot:
                    slot[r.role].append({"name": r.name, "entity": r.entity_id, "country": r.country,
                                         "sector": r.sector, "start": r.start, "end": r.end,
                                         "text": r.text})
    return out


def _count_sub(table: sa.Table):
    return (sa.select(sa.func.count()).select_from(table)
            .where(table.c.article_id == M.articles.c.article_id).scalar_subquery())


def search_articles(store, q: Optional[str] = None, source: Optional[str] = None,
                    since: Optional[str] = None, until: Optional[str] = None,
                    include_duplicates: bool = False, limit: int = 50,
                    offset: int = 0) -> tuple[int, list[dict]]:
    """``(total, page)`` of stored articles (newest first) with their counts."""
    a = M.articles.c
    conds = [a.error.is_(None)]
    if not include_duplicates:
        conds.append(a.duplicate_of.is_(None))
    if q:
        pat = f"%{_escape_like(q.strip())}%"
        conds.append(sa.or_(a.title.ilike(pat, escape="\\"), a.text.ilike(pat, escape="\\")))
    if source:
        conds.append(a.source.ilike(f"%{_escape_like(source.strip())}%", escape="\\"))
    if since:
        conds.append(a.day >= since)
    if until:
        conds.append(a.day <= until)
    cols = [a.article_id, a.ext_id, a.title, a.published, a.day, a.source, a.url, a.n_chars,
            a.duplicate_of, sa.func.substr(a.text, 1, 240).label("snippet"),
            _count_sub(M.events).label("n_events"), _count_sub(M.quotes).label("n_quotes"),
            _count_sub(M.entities).label("n_entities")]
    page = (sa.select(*cols).where(*conds)
            .order_by(a.day.desc().nulls_last(), a.article_id).offset(offset).limit(limit))
    total = sa.select(sa.func.count()).select_from(M.articles).where(*conds)
    with store.engine.connect() as conn:
        n = int(conn.execute(total).scalar() or 0)
        return n, [dict(r._mapping) for r in conn.execute(page)]


def search_quotes(store, speaker: Optional[str] = None, entity: Optional[str] = None,
                  country: Optional[str] = None, article: Optional[str] = None,
                  text: Optional[str] = None, kind: Optional[str] = None, limit: int = 50,
                  offset: int = 0) -> tuple[int, list[dict]]:
    """``(total, page)`` of quotes with their article's title and day."""
    qt, a = M.quotes.c, M.articles.c
    conds = []
    if speaker:
        conds.append(qt.speaker_name.ilike(f"%{_escape_like(speaker.strip())}%", escape="\\"))
    if entity:
        conds.append(qt.speaker_entity == entity)
    if country:
        conds.append(qt.speaker_country == country.strip().upper())
    if article:
        conds.append(qt.article_id == article)
    if kind:
        conds.append(qt.kind == kind)
    if text:
        conds.append(qt.text.ilike(f"%{_escape_like(text.strip())}%", escape="\\"))
    frm = M.quotes.join(M.articles, a.article_id == qt.article_id)
    page = (sa.select(M.quotes, a.title.label("article_title"), a.day.label("article_day"),
                      a.source.label("article_source"))
            .select_from(frm).where(*conds)
            .order_by(a.day.desc().nulls_last(), qt.article_id, qt.start).offset(offset).limit(limit))
    total = sa.select(sa.func.count()).select_from(M.quotes).where(*conds)
    with store.engine.connect() as conn:
        n = int(conn.execute(total).scalar() or 0)
        return n, [dict(r._mapping) for r in conn.execute(page)]


def actor_summary(store, q: Optional[str] = None, country: Optional[str] = None,
                  sector: Optional[str] = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """Actors: entities grouped by (name, country, sector), most mentioned first, with
    their number of articles, mentions, quotes spoken and events as source/target, up
    to five roles seen, their knowledge-base name (``kb``, if any) and how their
    country was decided (``evidence``: the resolution passes seen, at most five)."""
    en = M.entities.c
    conds = [en.type.in_(("PERSON", "ORG", "GPE", "NORP"))]
    if q:
        conds.append(en.name.ilike(f"%{_escape_like(q.strip())}%", escape="\\"))
    if country:
        conds.append(en.country == country.strip().upper())
    if sector:
        conds.append(en.sector == sector.strip().upper())
    agg = (sa.select(en.name, en.country, en.sector, sa.func.min(en.type).label("type"),
                     sa.func.count(sa.distinct(en.article_id)).label("articles"),
                     sa.func.coalesce(sa.func.sum(en.n_mentions), 0).label("mentions"))
           .where(*conds).group_by(en.name, en.country, en.sector)
           .order_by(sa.desc("mentions"), en.name).offset(offset).limit(limit))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(agg)]
        names = [r["name"] for r in rows if r["name"]]
        roles: dict[tuple, list[str]] = {}
        kbs: dict[tuple, str] = {}
        evidence: dict[tuple, list[str]] = {}
        quotes: dict[tuple, int] = {}
        events: dict[tuple, dict] = {}
        if names:
            for r in conn.execute(sa.select(en.name, en.country, en.sector, en.role).distinct()
                                  .where(en.name.in_(names), en.role.is_not(None))):
                lst = roles.setdefault((r.name, r.country, r.sector), [])
                if len(lst) < 5:
                    lst.append(r.role)
            for r in conn.execute(sa.select(en.name, en.country, en.sector, en.kb, en.evidence).distinct()
                                  .where(en.name.in_(names),
                                         sa.or_(en.kb.is_not(None), en.evidence.is_not(None)))
                                  .order_by(en.name, en.kb, en.evidence)):
                k = (r.name, r.country, r.sector)
                if r.kb and k not in kbs:
                    kbs[k] = r.kb
                lst = evidence.setdefault(k, [])
                if r.evidence and r.evidence not in lst and len(lst) < 5:
                    lst.append(r.evidence)
            qt = M.quotes.c
            for r in conn.execute(sa.select(qt.speaker_name, qt.speaker_country, sa.func.count())
                                  .where(qt.speaker_name.in_(names))
                                  .group_by(qt.speaker_name, qt.speaker_country)):
                quotes[(r[0], r[1])] = quotes.get((r[0], r[1]), 0) + int(r[2])
            ea = M.event_actors.c
            for r in conn.execute(sa.select(ea.name, ea.country, ea.role, sa.func.count())
                                  .where(ea.name.in_(names)).group_by(ea.name, ea.country, ea.role)):
                slot = events.setdefault((r[0], r[1]), {"source": 0, "target": 0})
                if r[2] in slot:
                    slot[r[2]] += int(r[3])
    for r in rows:
        r["roles"] = roles.get((r["name"], r["country"], r["sector"]), [])
        r["kb"] = kbs.get((r["name"], r["country"], r["sector"]))
        r["evidence"] = evidence.get((r["name"], r["country"], r["sector"]), [])
        r["quotes"] = quotes.get((r["name"], r["country"]), 0)
        ev = events.get((r["name"], r["country"]), {"source": 0, "target": 0})
        r["events_as_source"] = ev["source"]
        r["events_as_target"] = ev["target"]
    return rows


def network(store, since: Optional[str] = None, until: Optional[str] = None,
            by: str = "country", factuality: Optional[list[str]] = None,
            types: Optional[list[str]] = None, max_edges: int = 150) -> dict:
    """The actor network over a period.

    Nodes are countries (``by="country"``: the actors' country codes) or actors
    (``by="actor"``: their canonical names); an edge ``source -> target`` counts the
    events having a source actor of that key and a target actor of that key
    (:func:`redline.store.queries.pair_keys`), split into cooperation (quad classes
    1-2) and conflict (3-4), with the sum and mean of their PLOVER scores. Self-loops
    are left out; only the ``max_edges`` heaviest edges are returned. The events of
    an edge are those of ``EventFilter(exact=by, source=..., target=...)`` with the
    same period, factuality and types: the same query, so the same number.
    """
    e = M.events
    pairs = SQ.pair_keys(by).subquery()
    f = EventFilter(since=since, until=until, factuality=list(factuality or []), types=list(types or []))
    coop = sa.func.sum(sa.case((e.c.quad_class.in_((1, 2)), 1), else_=0))
    conflict = sa.func.sum(sa.case((e.c.quad_class.in_((3, 4)), 1), else_=0))
    q = (sa.select(pairs.c.source, pairs.c.target, sa.func.count().label("events"),
                   coop.label("cooperation"), conflict.label("conflict"),
                   sa.func.sum(e.c.score).label("score_sum"), sa.func.avg(e.c.score).label("score_mean"))
         .select_from(pairs.join(e, sa.and_(e.c.article_id == pairs.c.article_id,
                                            e.c.event_id == pairs.c.event_id)))
         .where(*event_conditions(f))
         .group_by(pairs.c.source, pairs.c.target)
         .order_by(sa.desc("events"), pairs.c.source, pairs.c.target).limit(max_edges))
    with store.engine.connect() as conn:
        edges = [_edge(dict(r._mapping)) for r in conn.execute(q)]
    return {"by": by, "nodes": _nodes_of(edges), "edges": edges}


def _edge(row: dict) -> dict:
    for k in ("events", "cooperation", "conflict"):
        row[k] = int(row[k] or 0)
    for k in ("score_sum", "score_mean"):
        row[k] = round(float(row[k]), 3) if row[k] is not None else None
    return row


def _nodes_of(edges: list[dict]) -> list[dict]:
    """The nodes of a network's edges, with their number of events in and out."""
    nodes: dict[str, dict] = {}
    for ed in edges:
        for key, role in ((ed["source"], "out"), (ed["target"], "in")):
            n = nodes.setdefault(key, {"id": key, "label": key, "events": 0, "out": 0, "in": 0})
            n["events"] += ed["events"]
            n[role] += ed["events"]
    return sorted(nodes.values(), key=lambda n: (-n["events"], n["id"]))


def factuality_counts(store) -> list[dict]:
    """``[{"factuality", "events"}]`` for every factuality the extractors give
    (:data:`redline.store.queries.FACTUALITIES`, most factual first), 0 when none."""
    e = M.events.c
    with store.engine.connect() as conn:
        counts = dict(conn.execute(sa.select(e.factuality, sa.func.count()).group_by(e.factuality)).all())
    return [{"factuality": k, "events": int(counts.get(k, 0))} for k in SQ.FACTUALITIES]


def plover_record(e: dict, actors: dict) -> dict:
    """A PLOVER JSON record for one event row of :func:`search_events`, built by the
    store's exporter so both give the same fields."""
    from ..store.export import plover_event

    article = {"url": e.get("article_url"), "title": e.get("article_title"),
               "source": e.get("article_source")}
    return plover_event(e, actors, article, e)

