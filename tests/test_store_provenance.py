"""What the store keeps of an entity's provenance and an event's object (revision 0004).

The extractor gives each entity its knowledge-base name (``kb``) and the resolution
pass that decided its country (``evidence``), and each event the things, places or
policies it is about (``object``, kept out of ``target``). ``redline ingest`` stores
them (``entities.kb``/``evidence``, ``events.object``), and everything that reads the
store gives them back: the article view, ``redline export`` (Parquet, PLOVER JSONL) and
the API's event and actor endpoints. A store made before the columns existed is
upgraded in place, keeps its rows, and takes the new fields for new articles.
"""
from __future__ import annotations

import json
import sqlite3

import pytest
import sqlalchemy as sa

from redline.cli import main
from redline.model import Article
from redline.store import models as M
from redline.store import tables as T
from redline.store.db import current_revision, make_engine, migrate, open_store

#: a real text: Kaja Kallas is known to the knowledge base only (not the hand table of
#: well-known figures), in office on the publication day, so her country comes from the
#: "knowledge" pass; what she rejected is no actor but the event's object.
TEXT = "Kaja Kallas rejected the ceasefire proposal on Monday, calling it a trap."
RECORD = {"id": "kallas", "text": TEXT, "published": "2021-06-04", "url": "https://news.example/kallas"}
AID = T.content_hash(TEXT, RECORD["url"])


def _cli(capsys, *argv) -> str:
    capsys.readouterr()
    rc = main(list(argv))
    out = capsys.readouterr().out
    assert rc == 0, out
    return out


@pytest.fixture(scope="module")
def expected() -> dict:
    """The extractor's own output for the text (``redline extract``'s JSON form)."""
    from redline.pipeline import analyse

    return analyse(Article(id="kallas", text=TEXT, published=RECORD["published"], url=RECORD["url"])).to_dict()


@pytest.fixture
def db(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    path = tmp_path / "r.db"
    _cli(capsys, "ingest", str(src), "--db", str(path), "--no-progress", "--format", "json")
    return path


def _kallas(entities: list[dict]) -> dict:
    return next(e for e in entities if e["name"] == "Kaja Kallas")


def _event_with_object(events: list[dict]) -> dict:
    return next(e for e in events if any(o["text"] == "the ceasefire proposal" for o in e["object"]))


def test_the_extractor_gives_the_fields_this_file_tests(expected):
    person = _kallas(expected["entities"])
    assert (person["kb"], person["evidence"], person["country"]) == ("Kaja Kallas", "knowledge", "EST")
    ev = _event_with_object(expected["events"])
    assert ev["type"] == "REJECT"
    assert all(o["name"] != "the ceasefire proposal" for o in ev["target"])


def test_ingest_stores_kb_evidence_and_object(db, expected):
    con = sqlite3.connect(db)
    try:
        ents = {r[0]: r[1:] for r in con.execute(
            "SELECT name, kb, evidence, country, role FROM entities WHERE article_id = ?", (AID,))}
        objects = [json.loads(r[0]) for r in con.execute(
            "SELECT object FROM events WHERE article_id = ? ORDER BY event_id", (AID,))]
    finally:
        con.close()
    person = _kallas(expected["entities"])
    assert ents["Kaja Kallas"] == ("Kaja Kallas", "knowledge", "EST", person["role"])
    # every event's object list as the extractor gave it, offsets into the text
    assert objects == [ev["object"] for ev in sorted(expected["events"], key=lambda e: e["id"])]
    obj = _event_with_object(expected["events"])["object"][0]
    assert TEXT[obj["start"]:obj["end"]] == obj["text"] == "the ceasefire proposal"


def test_the_store_gives_the_article_back_with_the_fields(db, expected):
    with open_store(str(db)) as store:
        back = store.article(AID)
    assert [(e["id"], e["kb"], e["evidence"], e["role"]) for e in back["entities"]] == \
        [(e["id"], e["kb"], e["evidence"], e["role"]) for e in expected["entities"]]
    assert [(e["id"], e["object"], e["target"]) for e in back["events"]] == \
        [(e["id"], e["object"], e["target"]) for e in expected["events"]]


def test_export_carries_the_fields(db, tmp_path, capsys):
    import pyarrow.parquet as pq

    out = tmp_path / "pq"
    _cli(capsys, "export", "--db", str(db), "--format", "parquet", "--out", str(out))
    ents = pq.read_table(out / "entities.parquet").to_pylist()
    person = _kallas(ents)
    assert (person["kb"], person["evidence"]) == ("Kaja Kallas", "knowledge")
    evs = pq.read_table(out / "events.parquet").to_pylist()
    assert any(o["text"] == "the ceasefire proposal" for e in evs for o in json.loads(e["object"]))

    plover = tmp_path / "ev.jsonl"
    _cli(capsys, "export", "--db", str(db), "--format", "plover-jsonl", "--out", str(plover))
    recs = [json.loads(x) for x in plover.read_text(encoding="utf-8").splitlines()]
    rej = next(r for r in recs if r["event"] == ["REJECT"])
    assert [o["entity_text"] for o in rej["object"]] == ["the ceasefire proposal"]
    assert all(a["entity_text"] != "the ceasefire proposal" for a in rej["actor"] + rej["recipient"])


def test_api_events_and_actors_carry_the_fields(db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from redline.serve.app import create_app

    with open_store(str(db)) as store:
        client = TestClient(create_app(store=store), base_url="http://127.0.0.1")
        items = client.get("/api/events", params={"article": AID}).json()["items"]
        rej = next(e for e in items if e["type"] == "REJECT")
        assert [(o["name"], o["start"], o["end"]) for o in rej["object"]] == \
            [("the ceasefire proposal", TEXT.index("the ceasefire"), TEXT.index(" on Monday"))]
        assert "the ceasefire proposal" in client.get(
            "/api/events/export", params={"article": AID, "format": "csv"}).text
        actors = client.get("/api/actors", params={"q": "Kallas"}).json()
        assert [(a["name"], a["kb"], a["evidence"]) for a in actors] == [("Kaja Kallas", "Kaja Kallas", ["knowledge"])]
        art = client.get(f"/api/articles/{AID}").json()
        assert _kallas(art["entities"])["evidence"] == "knowledge"


# --------------------------------------------------------------------------- an older store


NEW_COLUMNS = {"entities": ("kb", "evidence"), "events": ("object",)}


def test_a_store_from_before_the_columns_is_upgraded_and_keeps_its_rows(store_url, expected):
    # a store at revision 0003, with an article written as that version wrote it
    engine = make_engine(store_url)
    migrate(engine, "0003")
    have = {t: {c["name"] for c in sa.inspect(engine).get_columns(t)} for t in NEW_COLUMNS}
    assert not any(set(cols) & have[t] for t, cols in NEW_COLUMNS.items())
    old_rows = {t: [{k: v for k, v in r.items() if k not in NEW_COLUMNS.get(t, ())} for r in rs]
                for t, rs in T.article_rows(expected).items()}
    with engine.begin() as conn:
        for t in ("articles", *T.CHILD_TABLES):
            if old_rows[t]:
                conn.execute(M.TABLES[t].insert(), old_rows[t])
        n_names = conn.execute(sa.text("SELECT count(*) FROM actor_names")).scalar()
    engine.dispose()
    assert n_names  # the 0003 trigger filled it

    with open_store(store_url) as store:
        from alembic.script import ScriptDirectory

        from redline.store.db import alembic_config
        assert current_revision(store.engine) == ScriptDirectory.from_config(alembic_config()).get_current_head()
        # every old row is there, the new columns null
        with store.engine.connect() as conn:
            for t in ("articles", *T.CHILD_TABLES):
                got = [dict(r._mapping) for r in conn.execute(sa.select(M.TABLES[t]))]
                assert len(got) == len(old_rows[t]), t
                for row in got:
                    assert all(row[c] is None for c in NEW_COLUMNS.get(t, ())), t
                key = T.KEYS[t]
                assert sorted(({k: r[k] for k in old_rows[t][0]} for r in got), key=lambda r: [r[k] for k in key]) == \
                    sorted(old_rows[t], key=lambda r: [r[k] for k in key]), t
        # read back: no object known, an empty list; no provenance
        old = store.article(AID)
        assert all(e["object"] == [] for e in old["events"])
        assert all(e["kb"] is None and e["evidence"] is None for e in old["entities"])
        # the event_actors trigger of 0003 survives the upgrade, and a new article keeps the fields
        other = dict(expected, text=TEXT + " ", url="https://news.example/kallas-2")
        rows = T.article_rows(other)
        rows["event_actors"][0]["name"] = "Kaja Kallas (new)"
        assert store.store_article(rows)
        new = store.article(rows["articles"][0]["article_id"])
        assert _kallas(new["entities"])["kb"] == "Kaja Kallas"
        assert _event_with_object(new["events"])
        with store.engine.connect() as conn:
            names = set(conn.execute(sa.text("SELECT name FROM actor_names")).scalars())
            actors = set(conn.execute(sa.text("SELECT DISTINCT name FROM event_actors "
                                              "WHERE name IS NOT NULL")).scalars())
        assert "Kaja Kallas (new)" in names and names == actors


def test_spark_load_reads_an_older_output_without_the_columns(tmp_path, expected):
    """``redline load --from-parquet`` of a Spark output written before the columns
    existed: the missing columns are read as null, the article is stored."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from redline.spark.load import load

    rows = T.article_rows(expected)
    day = rows["articles"][0]["day"]
    for table, rs in rows.items():
        schema = T.arrow_schema(table)
        old = pa.schema([f for f in schema if f.name not in NEW_COLUMNS.get(table, ())])
        d = tmp_path / "out" / table / f"pub_day={day}"
        d.mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist([{k: r[k] for k in old.names} for r in rs], schema=old),
                       d / "part-0.parquet")
    with open_store(str(tmp_path / "s.db")) as store:
        rep = load(tmp_path / "out", store)
        assert rep["articles"] == 1
        back = store.article(AID)
    assert len(back["events"]) == len(expected["events"]) and all(e["object"] == [] for e in back["events"])
    assert _kallas(back["entities"])["kb"] is None
