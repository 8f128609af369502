"""Store revision 0003 (covering indexes, ``actor_names``) and the event queries that
use it, on SQLite and PostgreSQL.

* a store at revision 0002 keeps every row when upgraded, and gains the indexes and
  a filled ``actor_names`` table that later writes keep up to date (trigger);
* the event queries of the workbench and ``redline query`` (names resolved through
  ``actor_names``, actor sets intersected, counts read from the actor index, pages
  read by walking an index) return exactly the events a plain Python filter over
  the stored rows selects, in the requested order, whatever plan is chosen.
"""
from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from redline.serve import queries as Q
from redline.store import models as M
from redline.store import queries as SQ
from redline.store import tables as T
from redline.store.db import Store, current_revision, make_engine, migrate, open_store
from redline.store.queries import EventFilter

#: (name, country) of the actors of the generated articles (ASCII: SQLite's lower()
#: folds ASCII only, and so does the store's name matching there)
ACTORS = [("Vladimir Putin", "RUS"), ("Russia", "RUS"), ("Russian forces", "RUS"),
          ("Ukraine", "UKR"), ("Volodymyr Zelensky", "UKR"), ("North Korea", "PRK"),
          ("Kim Jong Un", "PRK"), ("NATO", "IGO"), ("Hamas", None), ("the_100% club", None)]
TYPES = ["ASSAULT", "AID", "ACCUSE", "AGREE"]
FACTS = ["asserted", "reported", "hypothetical"]


def generated_articles(n: int, seed: int = 11, actors=ACTORS) -> list[dict]:
    """Articles (``Article.to_dict()`` form) with 1-5 events each between random
    actors, on random days of 2023-2025; some without a day or a score."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        words, events = [], []
        published = None if i % 9 == 4 else f"{rnd.choice((2023, 2024, 2025))}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        for k in range(rnd.randint(1, 5)):
            sides = {}
            for side in ("source", "target"):
                acts = []
                for name, country in rnd.sample(actors, rnd.choice((0, 1, 1, 2))):
                    start = sum(len(w) + 1 for w in words)
                    words.append(name)
                    acts.append({"name": name, "entity": None, "country": country, "sector": None,
                                 "start": start, "end": start + len(name), "text": name})
                sides[side] = acts
            start = sum(len(w) + 1 for w in words)
            words.append("struck")
            date = None if rnd.random() < 0.3 else f"{rnd.choice((2023, 2024, 2025))}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            events.append({
                "id": f"ev{k + 1}", "type": rnd.choice(TYPES), "factuality": rnd.choice(FACTS),
                "score": None if rnd.random() < 0.15 else rnd.choice((-9.5, -4.0, 0.0, 3.5, 7.0)),
                "trigger": {"start": start, "end": start + 6, "text": "struck"},
                "sentence": {"start": 0, "end": start + 6}, "date": date, **sides})
        out.append({"id": f"a{i}", "text": " ".join(words) + f" #{i}", "published": published,
                    "url": f"https://news.example/{i}", "events": events})
    return out


#: per-article columns added after revision 0003 (revision 0004), absent from older stores
LATER_COLUMNS = {"entities": ("kb", "evidence"), "events": ("object",)}


def _store_all(store: Store, arts: list[dict], old: bool = False) -> None:
    """Store the articles; ``old``: into a store at an older revision, without the
    columns it does not have yet (as the version of that time wrote them)."""
    for a in arts:
        rows = T.article_rows(a)
        if old:
            rows = {t: [{k: v for k, v in r.items() if k not in LATER_COLUMNS.get(t, ())} for r in rs]
                    for t, rs in rows.items()}
        assert store.store_article(rows)


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    _store_all(s, generated_articles(60))
    yield s
    s.close()


def _table_rows(store: Store, table: str) -> list[tuple]:
    """Every row of a table, in key order, with the columns the database has (an older
    revision's store lacks the later ones)."""
    t = M.metadata.tables[table]
    have = {c["name"] for c in sa.inspect(store.engine).get_columns(table)}
    cols = [c for c in t.columns if c.name in have and c.name not in LATER_COLUMNS.get(table, ())]
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(*cols).order_by(*t.primary_key.columns))]


def _actor_names(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(conn.execute(sa.select(M.actor_names.c.name)).scalars())


def _distinct_event_actor_names(store: Store) -> list[str]:
    ea = M.event_actors.c
    with store.engine.connect() as conn:
        return sorted(conn.execute(sa.select(ea.name).distinct().where(ea.name.is_not(None))).scalars())


# --------------------------------------------------------------------------- migration


def test_upgrade_from_0002_keeps_every_row_and_fills_actor_names(store_url):
    engine = make_engine(store_url)
    migrate(engine, "0002")
    old = Store(engine)
    _store_all(old, generated_articles(25, seed=5), old=True)
    before = {t: _table_rows(old, t) for t in M.metadata.tables if t != "actor_names"}
    assert len(before["events"]) > 40 and before["event_actors"]
    assert not sa.inspect(engine).has_table("actor_names")
    engine.dispose()

    store = open_store(store_url)  # upgrades to the head revision
    try:
        assert current_revision(store.engine) != "0002"
        for t, rows in before.items():
            assert _table_rows(store, t) == rows, t
        assert _actor_names(store) == _distinct_event_actor_names(store)
        ix = {i["name"]: i["column_names"] for i in sa.inspect(store.engine).get_indexes("event_actors")}
        assert ix["ix_event_actors_country_role_article_id_event_id"] == ["country", "role", "article_id", "event_id"]
        assert "ix_event_actors_country" not in ix
        # the trigger keeps the table up to date for articles stored after the upgrade
        new = generated_articles(1, seed=99, actors=[("Recep Tayyip Erdogan", "TUR")] * 3)[0]
        new["events"][0]["source"] = [{"name": "Recep Tayyip Erdogan", "country": "TUR", "start": 0,
                                       "end": 4, "text": "Recep"}]
        assert store.store_article(T.article_rows(new))
        assert "Recep Tayyip Erdogan" in _actor_names(store)
        assert _actor_names(store) == _distinct_event_actor_names(store)
    finally:
        store.close()


def test_actor_names_follow_every_write(store):
    names = _actor_names(store)
    assert names == _distinct_event_actor_names(store)
    assert len(names) == len(set(names)) == len({n for n, _ in ACTORS})
    # a bulk insert of event_actors rows (as the benchmark and loaders may do) too
    with store.engine.begin() as conn:
        conn.execute(M.event_actors.insert(), [
            {"article_id": "x1", "event_id": "ev1", "role": "source", "seq": i, "name": n,
             "start": 0, "end": 1} for i, n in enumerate(["Emmanuel Macron", "Russia", "Emmanuel Macron", None])])
    assert _actor_names(store) == sorted(set(names) | {"Emmanuel Macron"})


# --------------------------------------------------------------------------- queries


def _events_in_python(store: Store) -> dict[tuple, dict]:
    """Every stored event with its actors, from plain SELECTs."""
    evs = {}
    for r in store.iter_rows("events"):
        evs[(r["article_id"], r["event_id"])] = {**r, "source": [], "target": []}
    for r in store.iter_rows("event_actors"):
        evs[(r["article_id"], r["event_id"])][r["role"]].append(r)
    return evs


def _matches(ev: dict, term: str | None, roles: tuple[str, ...]) -> bool:
    if term is None:
        return True
    for role in roles:
        for a in ev[role]:
            if SQ.is_code(term) and a["country"] == term.strip():
                return True
            if not SQ.is_code(term) and a["name"] is not None and term.strip().lower() in a["name"].lower():
                return True
    return False


def expected(evs: dict, f: EventFilter) -> set[tuple]:
    out = set()
    for key, ev in evs.items():
        fwd = _matches(ev, f.source, ("source",)) and _matches(ev, f.target, ("target",))
        if f.both_directions:
            fwd = fwd or (_matches(ev, f.target, ("source",)) and _matches(ev, f.source, ("target",)))
        if not fwd or not _matches(ev, f.actor, ("source", "target")):
            continue
        if f.types and ev["type"] not in f.types:
            continue
        if f.factuality and ev["factuality"] not in f.factuality:
            continue
        if f.since and not (ev["day"] and ev["day"] >= f.since):
            continue
        if f.until and not (ev["day"] and ev["day"] <= f.until):
            continue
        out.add(key)
    return out


FILTERS = [
    EventFilter(),
    EventFilter(source="RUS"),
    EventFilter(target="UKR", since="2024-01-01", until="2024-12-31"),
    EventFilter(source="RUS", target="UKR"),
    EventFilter(source="RUS", target="UKR", since="2024-01-01", until="2024-12-31"),
    EventFilter(source="PRK", target="russia", both_directions=True),
    EventFilter(actor="russia"),  # "Russia" and "Russian forces"
    EventFilter(actor="putin", types=["ASSAULT", "AID"]),
    EventFilter(actor="IGO", factuality=["reported"], since="2024-06-01"),
    EventFilter(source="kim", target="nato"),
    EventFilter(actor="100%"),  # a LIKE wildcard, matched literally
    EventFilter(actor="_100"),
    EventFilter(actor="nobody at all"),
    EventFilter(types=["ACCUSE"], factuality=["asserted", "hypothetical"]),
]


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: ",".join(
    f"{k}={v}" for k, v in vars(f).items() if v not in (None, [], False)) or "all")
def test_event_queries_select_what_the_filter_says(store, f, monkeypatch):
    evs = _events_in_python(store)
    want = expected(evs, f)
    names = Q.resolve_names(store, f)
    assert Q.count_matching(store, f, names=names) == len(want)
    assert SQ.count_events(store, f) == len(want)
    assert {(r["article_id"], r["event_id"]) for r in SQ.find_events(store, f, limit=None)} == want
    # every plan gives the same rows in the same order: names listed, names through
    # the actor_names subquery, plain patterns; pages walked along an index or not
    pages = {}
    for label, nm, walk in (("listed", names, False), ("walked", names, True),
                            ("subquery", {t: None for t in names}, False),
                            ("pattern", {}, True)):
        monkeypatch.setattr(Q, "walk_index", lambda *a, walk=walk: walk)
        for sort, desc in (("day", True), ("score", False), ("type", True), ("confidence", True)):
            rows = Q.search_events(store, f, sort=sort, desc=desc, limit=500, names=nm, total=len(want))
            keys = [(r["article_id"], r["event_id"]) for r in rows]
            assert set(keys) == want and len(keys) == len(want), (label, sort)
            col = Q.EVENT_SORTS[sort]
            vals = [r[col] for r in rows if r[col] is not None]
            assert vals == sorted(vals, reverse=desc), (label, sort)
            pages.setdefault((sort, desc), []).append(keys)
    for (sort, desc), variants in pages.items():
        assert all(v == variants[0] for v in variants), sort
    # offset paging gives the same sequence, page by page
    full = pages[("day", True)][0]
    paged = []
    for offset in range(0, len(full) + 7, 7):
        paged += [(r["article_id"], r["event_id"])
                  for r in Q.search_events(store, f, limit=7, offset=offset, names=names, total=len(want))]
    assert paged == full


def test_counts_are_capped(store):
    f = EventFilter(actor="r")
    n = Q.count_matching(store, f)
    assert n > 10
    assert Q.count_matching(store, f, cap=5) == 6


def test_name_terms_resolve_through_actor_names(store, monkeypatch):
    f = EventFilter(source="russia", target="ZELENSKY", actor="nobody")
    assert Q.resolve_names(store, f) == {"russia": ["Russia", "Russian forces"],
                                          "ZELENSKY": ["Volodymyr Zelensky"], "nobody": []}
    assert Q.resolve_names(store, EventFilter(source="RUS", target="UKR")) == {}
    monkeypatch.setattr(SQ, "MAX_NAMES", 1)
    assert Q.resolve_names(store, EventFilter(actor="russia")) == {"russia": None}


def test_actors_of_a_page_are_exactly_its_events_actors(store):
    evs = _events_in_python(store)
    keys = sorted(evs)[::3]
    got = Q.event_actors_of(store, keys)
    assert set(got) == set(keys)
    for k in keys:
        for role in ("source", "target"):
            assert [a["name"] for a in got[k][role]] == [a["name"] for a in sorted(evs[k][role], key=lambda a: a["seq"])]
