"""The SQL store on SQLite and PostgreSQL: migrations, atomic idempotent writes, event
clusters with article/source counts, queries, dyad series and exports read back."""
from __future__ import annotations

import csv
import json

import pytest
import sqlalchemy as sa

from redline.model import Actor, Article, Entity, Event, Mention, Quote, Speaker, TextSpan
from redline.store import models as M
from redline.store import tables as T
from redline.store.db import current_revision, open_store
from redline.store.testing import postgres_url_or_skip, temp_postgres_db


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(str(tmp_path / "t.db"))
        yield s
        s.close()
    else:
        with temp_postgres_db(postgres_url_or_skip()) as url:
            s = open_store(url)
            yield s
            s.close()


def article(text: str, events: list[tuple], url: str, source: str | None = None,
            published: str = "2024-11-04") -> Article:
    """An article with events built from (type, source word, source country, target word,
    target country, trigger word, score, factuality)."""
    evs, ents = [], {}
    for n, (typ, sw, sc, tw, tc, trig, score, fact) in enumerate(events, 1):
        s0, t0, g0 = text.index(sw), text.index(tw), text.index(trig)
        for w, c, i in ((sw, sc, s0), (tw, tc, t0)):
            ents.setdefault(w, Entity(f"e{len(ents) + 1}", w, "GPE", c, None,
                                      mentions=[Mention(i, i + len(w), w)]))
        evs.append(Event(
            f"ev{n}", typ, None, None, None, score, score, fact, TextSpan(g0, g0 + len(trig), trig),
            {"start": 0, "end": len(text)},
            source=[Actor(sw, ents[sw].id, sc, None, s0, s0 + len(sw), sw)],
            target=[Actor(tw, ents[tw].id, tc, None, t0, t0 + len(tw), tw)]))
    q0 = text.index("said")
    quote = Quote("q1", "indirect", 0, q0, text[:q0], cue=TextSpan(q0, q0 + 4, "said"),
                  speaker=Speaker(q0, q0 + 4, "said", None, None))
    return Article(id=url.rsplit("/", 1)[-1], text=text, url=url, source=source, published=published,
                   entities=list(ents.values()), events=evs, quotes=[quote])


TXT_A = "Russia shelled Kharkiv in Ukraine on Monday and Ukraine protested, officials said."
TXT_B = "Russian forces: Russia shelled Ukraine again on Monday, the governor said in a statement."
TXT_C = "Kyiv said Russia shelled Ukraine overnight; Ukraine appealed for air defence."


def shelling(text, url, source=None, published="2024-11-04", fact="asserted"):
    return article(text, [("ASSAULT", "Russia", "RUS", "Ukraine", "UKR", "shelled", -9.3, fact)],
                   url, source, published)


def test_migrations_create_the_models_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    head = _script_head()
    assert current_revision(store.engine) == head
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), M.metadata)
    assert diff == []
    # opening again is a no-op
    again = open_store(store.engine.url.render_as_string(hide_password=False))
    assert current_revision(again.engine) == head
    again.close()


def _script_head() -> str:
    from alembic.script import ScriptDirectory

    from redline.store.db import alembic_config
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_an_older_store_is_upgraded_in_place_without_loss(tmp_path):
    """A store at revision 0001 (before quantities had `counted`) keeps its rows and
    gains the new columns when opened by this version."""
    import sqlalchemy as sa

    from redline.store.db import make_engine, migrate

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO quantities (article_id, seq, start, \"end\", text, unit) "
                             "VALUES ('a1', 0, 5, 17, 'over 7,000 soldiers', 'soldiers')"))
    engine.dispose()
    store = open_store(url)
    assert current_revision(store.engine) == _script_head() != "0001"
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT text, unit, counted FROM quantities")).all()
    assert rows == [("over 7,000 soldiers", "soldiers", None)]
    store.close()


def test_store_article_whole_and_idempotent(store):
    a = shelling(TXT_A, "https://a.example/1", "A News")
    rows = T.article_rows(a)
    assert store.store_article(rows) is True
    assert store.store_article(rows) is False  # same content hash: nothing added
    c = store.counts()
    assert (c["articles"], c["events"], c["quotes"], c["entities"], c["failed"]) == (1, 1, 1, 2, 0)
    back = store.article(rows["articles"][0]["article_id"])
    assert back["text"] == TXT_A
    ev = back["events"][0]
    assert TXT_A[ev["trigger"]["start"]:ev["trigger"]["end"]] == "shelled"
    assert ev["source"][0]["country"] == "RUS" and ev["target"][0]["country"] == "UKR"


def test_failed_write_leaves_nothing(store):
    """An article whose rows cannot all be written is absent, not half-stored."""
    rows = T.article_rows(shelling(TXT_A, "https://a.example/1"))
    rows["events"].append(dict(rows["events"][0]))  # duplicate primary key -> the insert fails
    with pytest.raises(sa.exc.IntegrityError):
        store.store_article(rows)
    assert store.counts()["items"] == 0
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(M.TABLES["mentions"])).scalar() == 0


def test_event_clusters_count_mentions_articles_and_sources(store):
    # three articles from two outlets report the same shelling on the same day; one re-post
    a = T.article_rows(shelling(TXT_A, "https://a.example/1", "A News"))
    b = T.article_rows(shelling(TXT_B, "https://b.example/2", "B Post"))
    c = T.article_rows(shelling(TXT_C, "https://a.example/3", "A News"))
    other_day = T.article_rows(shelling(TXT_C, "https://c.example/9", "C", published="2024-11-08"))
    for rows in (a, b, c, other_day):
        assert store.store_article(rows)
    cid = a["events"][0]["cluster_id"]
    assert cid == b["events"][0]["cluster_id"] == c["events"][0]["cluster_id"]
    assert other_day["events"][0]["cluster_id"] != cid
    clusters = {r["cluster_id"]: r for r in store.iter_rows("event_clusters")}
    assert (clusters[cid]["num_mentions"], clusters[cid]["num_articles"], clusters[cid]["num_sources"]) == (3, 3, 2)
    # a near-copy of B on a third outlet is linked, not analysed, and counts as article and source
    copy = T.article_rows(Article(id="copy", text=TXT_B + " (Reuters)", url="https://d.example/x",
                                  source="D Daily", published="2024-11-04"))
    assert store.store_article(copy, duplicate_of=b["articles"][0]["article_id"], similarity=0.93)
    clusters = {r["cluster_id"]: r for r in store.iter_rows("event_clusters")}
    assert (clusters[cid]["num_mentions"], clusters[cid]["num_articles"], clusters[cid]["num_sources"]) == (3, 4, 3)
    counts = store.counts()
    assert counts["duplicates"] == 1 and counts["articles"] == 4 and counts["events"] == 4
    # each mention keeps its own evidence
    evs = [e for e in store.iter_rows("events") if e["cluster_id"] == cid]
    assert {e["sentence_text"] for e in evs} == {TXT_A, TXT_B, TXT_C}


def test_duplicate_stored_before_its_original_still_counts(store):
    b = T.article_rows(shelling(TXT_B, "https://b.example/2", "B Post"))
    copy = T.article_rows(Article(id="copy", text=TXT_B + " (AP)", url="https://d.example/x", source="D"))
    assert store.store_article(copy, duplicate_of=b["articles"][0]["article_id"], similarity=0.9)
    assert store.store_article(b)
    (cl,) = list(store.iter_rows("event_clusters"))
    assert (cl["num_articles"], cl["num_sources"]) == (2, 2)


def _fill(store):
    store.store_article(T.article_rows(shelling(TXT_A, "https://a.example/1", "A", "2024-11-04")))
    store.store_article(T.article_rows(shelling(TXT_B, "https://b.example/2", "B", "2024-11-12")))
    store.store_article(T.article_rows(shelling(TXT_C, "https://c.example/3", "C", "2024-11-13",
                                                fact="hypothetical")))
    store.store_article(T.article_rows(article(
        "Ukraine thanked Russia for the prisoner swap, the ministry said.",
        [("AGREE", "Ukraine", "UKR", "Russia", "RUS", "thanked", 4.2, "asserted")],
        "https://a.example/4", "A", "2024-11-20")))


def test_query_filters(store):
    from redline.store.queries import EventFilter, count_events, find_events

    _fill(store)
    assert count_events(store, EventFilter()) == 4
    rows = find_events(store, EventFilter(source="RUS", target="UKR"))
    assert len(rows) == 3 and all(r["type"] == "ASSAULT" for r in rows)
    assert [r["day"] for r in rows] == sorted((r["day"] for r in rows), reverse=True)
    assert count_events(store, EventFilter(source="UKR", target="RUS")) == 1
    assert count_events(store, EventFilter(source="UKR", target="RUS", both_directions=True)) == 4
    assert count_events(store, EventFilter(actor="ukraine")) == 4  # by name, case-insensitive
    assert count_events(store, EventFilter(types=["agree"])) == 1
    assert count_events(store, EventFilter(factuality=["hypothetical"])) == 1
    assert count_events(store, EventFilter(since="2024-11-12", until="2024-11-13")) == 2
    assert count_events(store, EventFilter(text="prisoner")) == 1
    assert count_events(store, EventFilter(text="100%")) == 0  # LIKE wildcards are literal


def test_dyad_weekly_series(store):
    from redline.store.queries import dyad_series

    _fill(store)
    s = dyad_series(store, "RUS", "UKR")
    # hypothetical shelling excluded by default; weeks start on Monday, empty weeks kept
    assert [r["week"] for r in s] == ["2024-11-04", "2024-11-11"]
    assert [(r["events"], r["sum"], r["mean"]) for r in s] == [(1, -9.3, -9.3), (1, -9.3, -9.3)]
    s_all = dyad_series(store, "RUS", "UKR", factuality=[])
    assert s_all[1]["events"] == 2 and s_all[1]["sum"] == pytest.approx(-18.6)
    assert dyad_series(store, "UKR", "RUS")[0]["mean"] == pytest.approx(4.2)
    assert dyad_series(store, "PRK", "RUS") == []


def test_exports_read_back(store, tmp_path):
    import pyarrow.parquet as pq

    from redline.store import export

    _fill(store)
    copy = T.article_rows(Article(id="copy", text=TXT_A + " More.", url="https://z.example/1", source="Z"))
    a_id = T.content_hash(TXT_A, "https://a.example/1")
    store.store_article(copy, duplicate_of=a_id, similarity=0.9)

    n = export.write_plover(store, tmp_path / "e.jsonl")
    recs = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert n == len(recs) == 4
    for r in recs:
        assert {"id", "date", "actor", "recipient", "event", "quad_code", "event_scale", "mode",
                "context", "text_info", "cite_info", "link"} <= set(r)
        assert len(r["event"]) == 1 and r["actor"][0]["code"] in ("RUS", "UKR")
    swap = next(r for r in recs if r["event"] == ["AGREE"])
    assert swap["quad_code"] == 1 and swap["recipient"][0]["code"] == "RUS"
    shell_a = next(r for r in recs if r["article_id"] == a_id)
    assert shell_a["num_articles"] == 2 and shell_a["num_sources"] == 2

    n = export.write_gdelt(store, tmp_path / "e.tsv")
    with open(tmp_path / "e.tsv", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    assert n == len(rows) == 4 and all(len(r) == 61 for r in rows)
    g = [dict(zip(export.GDELT_COLUMNS, r)) for r in rows]
    first = next(r for r in g if r["SQLDATE"] == "20241104")
    assert (first["Actor1CountryCode"], first["Actor2CountryCode"], first["EventRootCode"],
            first["QuadClass"], first["GoldsteinScale"]) == ("RUS", "UKR", "19", "4", "-9.3")
    assert (first["NumMentions"], first["NumArticles"], first["NumSources"]) == ("1", "2", "2")
    assert first["SOURCEURL"] == "https://a.example/1"

    counts = export.write_parquet(store, tmp_path / "pq")
    ev = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert ev.num_rows == counts["events"] == 4
    assert set(T.columns("events")) == set(ev.schema.names)
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").num_rows == 4
    ents = pq.read_table(tmp_path / "pq" / "entities.parquet").to_pylist()
    assert {e["country"] for e in ents} == {"RUS", "UKR"}
    arts = pq.read_table(tmp_path / "pq" / "articles.parquet").to_pylist()
    assert sum(1 for a in arts if a["duplicate_of"] == a_id) == 1
    for e in pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist():
        text = next(a["text"] for a in arts if a["article_id"] == e["article_id"])
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger_text"]
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    got = con.execute(f"select count(*) from '{tmp_path / 'pq' / 'events.parquet'}' "
                      "where source_country = 'RUS'").fetchall()[0][0]
    con.close()
    assert got == 3
