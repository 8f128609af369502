"""The Spark job (`redline spark extract`) in local mode on inputs written here, and
`redline load` of its output into SQLite.

One SparkSession (local[2]) and one job run per module; the tests then read its
Parquet output with pyarrow. Skips with the reason when PySpark or Java is missing
(fails under CI=true)."""
from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from redline.store import tables as T

WIRE = ("MOSCOW (Wire) - Russia said on Thursday it had shot down 47 Ukrainian drones over several "
        "regions overnight, while Ukrainian officials reported strikes on energy facilities in the "
        "Kharkiv region that left thousands of homes without power. The defence ministry in Moscow "
        "said air defence units destroyed the drones over the Belgorod, Kursk and Bryansk regions. "
        "\"We will respond to every attack,\" Defence Minister Andrei Belousov said on Friday.")
TALKS = ("GENEVA - Diplomats from the United States and Iran met in Geneva on Tuesday to discuss "
         "the nuclear programme, officials said. \"The talks were constructive,\" said Secretary of "
         "State Antony Blinken. Iran's foreign minister accused Washington of imposing new sanctions "
         "and warned that Tehran would expand uranium enrichment if the talks failed.")
KOREA = ("SEOUL - North Korea sent thousands of soldiers to Russia last month, South Korea's spy agency "
         "said on Wednesday. The National Intelligence Service said the troops were trained to use "
         "drones. Pyongyang denied the report, and the Kremlin declined to comment.")
PAGE = ("<html><head><title>Ceasefire talks resume</title></head><body><article><h1>Ceasefire talks "
        "resume</h1><p>CAIRO - Israeli and Hamas negotiators resumed indirect talks in Cairo on Sunday, "
        "Egyptian officials said, as Qatar pressed both sides to agree to a ceasefire in Gaza.</p>"
        "<p>\"We are closer than ever,\" an Egyptian official said. The United Nations called for the "
        "immediate release of all hostages and for aid to reach civilians in the territory.</p>"
        "</article></body></html>")


def _missing() -> str | None:
    from redline.spark import pyspark_missing
    return pyspark_missing()


def _need_spark():
    why = _missing()
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Spark tests need {why}; CI=true requires them (.ci/run installs Java)")
        pytest.skip(f"Spark not available: {why}")


def jsonl_records() -> list:
    return [
        {"id": "wire-1", "text": WIRE, "published": "2024-11-07", "url": "https://wire.example/a1"},
        {"text": TALKS, "published": "2024-11-05", "source": "Example News"},  # no id: <stem>:<line>
        {"id": "repost", "text": "Published by Daily Example. " + WIRE.replace("(Wire)", "(Reuters)"),
         "published": "2024-11-07", "url": "https://daily.example/r"},  # near-copy of wire-1
        {"id": "wire-1", "text": WIRE, "published": "2024-11-07", "url": "https://wire.example/a1"},  # repeat
        "{not json",  # corrupt record
        # NUL is replaced by a space where input enters (redline.ingest.sanitise): what is
        # left is blank, which the analysis refuses
        {"id": "nul", "text": "\u0000 \u0000\n\u0000"},
        {"id": "korea", "text": KOREA},  # undated
    ]


def write_jsonl(path: Path, records) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")


def build_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, body, status, ctype in [
            ("https://cairo.example/talks.html", PAGE.encode(), "200 OK", "text/html; charset=utf-8"),
            ("https://cairo.example/gone", b"<html>gone</html>", "404 Not Found", "text/html"),
            ("https://cairo.example/logo.png", b"\x89PNG\r\n", "200 OK", "image/png"),
        ]:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2024-11-10T08:00:00Z"}))


def read_out(out: Path, table: str) -> list[dict]:
    import pyarrow as pa
    import pyarrow.dataset as ds

    if not (out / table).is_dir():
        return []
    part = (ds.partitioning(pa.schema([("pub_day", pa.string())]), flavor="hive")
            if table != "event_clusters" else None)
    return ds.dataset(str(out / table), format="parquet", partitioning=part).to_table().to_pylist()


@pytest.fixture(scope="module")
def spark():
    _need_spark()
    from redline.spark.session import get_session

    s = get_session("local[2]", app_name="redline-test", shuffle_partitions=4)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("spark_in")
    write_jsonl(d / "news.jsonl", jsonl_records())
    build_warc(d / "crawl.warc.gz")
    good = d / "crawl.warc.gz"
    data = good.read_bytes()
    cut = len(data) // 2  # a corrupt archive: its first record, then garbage
    (d / "broken.warc.gz").write_bytes(data[:cut] + b"\x00garbage" * 20 + data[cut + 60:])
    return d


@pytest.fixture(scope="module")
def run1(spark, inputs, tmp_path_factory):
    from redline.spark.job import extract

    out = tmp_path_factory.mktemp("spark_out") / "out"
    # split_bytes small: the JSONL file is cut into several read tasks
    rep = extract(spark, [str(inputs / "news.jsonl"), str(inputs / "crawl.warc.gz"),
                          str(inputs / "broken.warc.gz")], str(out), partitions=3, split_bytes=400)
    return out, rep


def test_jsonl_is_cut_into_ranges_with_true_line_numbers(inputs):
    from redline.spark.inputs import plan, read_task

    tasks = [t for t in plan([str(inputs / "news.jsonl")], split_bytes=400)]
    assert len(tasks) > 2
    recs = [r for t in tasks for r in read_task(t)]
    ext = [r[3] for r in recs]
    assert ext[:4] == ["wire-1", "news:2", "repost", "wire-1"] and ext[4] == "news:5"
    assert [r[11].rsplit(" line ", 1)[1] for r in recs] == [str(i) for i in range(1, 8)]


def test_link_resolves_in_input_order():
    from redline.spark.dedup import link

    # c matches b and a; b matches a: b is a copy of a, c of a (b is not indexed)
    pairs = [("b", (0, 2), "a", (0, 1), 0.9), ("c", (1, 0), "b", (0, 2), 0.95),
             ("c", (1, 0), "a", (0, 1), 0.85), ("d", (1, 1), "old", None, 0.8)]
    assert link(pairs) == {"b": ("a", 0.9), "c": ("a", 0.85), "d": ("old", 0.8)}


def test_tables_have_exactly_the_store_columns(run1):
    import pyarrow.parquet as pq

    out, _ = run1
    checked = set()
    for table in T.TABLES:
        assert (out / table).is_dir(), table
        files = sorted((out / table).rglob("*.parquet"))
        if not files:  # an empty table (terms here): Spark writes no file under partitionBy
            continue
        checked.add(table)
        schema = pq.read_schema(files[0])
        want = T.arrow_schema(table)
        assert schema.names == want.names, table
        assert [f.type for f in schema] == [f.type for f in want], table
    assert checked >= {"articles", "entities", "mentions", "quotes", "events", "event_actors",
                       "dates", "places", "failures"}


def test_rows_match_redline_extract_field_by_field(run1, inputs, capsys):
    from redline.cli import main

    out, _ = run1
    assert main(["extract", str(inputs / "news.jsonl")]) == 1  # some items fail
    extracted = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    wanted = {}
    for d in extracted:
        if d.get("error") or d["id"] == "repost":
            continue
        aid = T.content_hash(d["text"], d.get("url"))
        wanted[aid] = T.article_rows(d, article_id=aid)
    assert len(wanted) == 3  # wire-1, news:2, korea
    for table in T.TABLES:
        if table == "failures":
            continue
        got = [r for r in read_out(out, table) if r["article_id"] in wanted]
        want = [r for rows in wanted.values() for r in rows[table]]
        for r in got:
            r.pop("pub_day")
            if table == "articles":
                r.pop("meta")  # `redline extract` drops meta (timings)
        for r in want:
            if table == "articles":
                r.pop("meta")
        key = lambda r: tuple(str(r[k]) for k in T.KEYS[table])  # noqa: E731
        assert sorted(got, key=key) == sorted(want, key=key), table
    assert sum(len(rows["events"]) for rows in wanted.values()) > 0
    assert sum(len(rows["quotes"]) for rows in wanted.values()) > 0


def test_warc_article_matches_the_pipeline(run1, inputs):
    from redline.corpus.sources import read_warc
    from redline.pipeline import analyse

    out, _ = run1
    (item,) = [it for it in read_warc(str(inputs / "crawl.warc.gz"))]
    art = analyse(item.article)
    aid = T.content_hash(art.text, art.url)
    rows = T.article_rows(art.to_dict(), article_id=aid)
    for table in ("articles", "quotes", "events", "entities", "places"):
        got = [r for r in read_out(out, table) if r["article_id"] == aid]
        for r in got + rows[table]:
            r.pop("pub_day", None)
            r.pop("meta", None)
        key = lambda r: tuple(str(r[k]) for k in T.KEYS[table])  # noqa: E731
        assert sorted(got, key=key) == sorted(rows[table], key=key), table
    (a,) = [r for r in read_out(out, "articles") if r["article_id"] == aid]
    assert a["url"] == "https://cairo.example/talks.html" and a["pub_day"] == a["day"] == "2024-11-10"


def test_partitioned_by_publication_day(run1):
    out, _ = run1
    arts = read_out(out, "articles")
    assert {r["pub_day"] for r in arts} >= {"2024-11-05", "2024-11-07", "2024-11-10"}
    for r in arts:
        assert r["pub_day"] == r["day"]  # undated articles: the Hive null partition
    assert any(p.name == "pub_day=__HIVE_DEFAULT_PARTITION__" for p in (out / "articles").iterdir())
    days = {r["article_id"]: r["day"] for r in arts}
    for table in ("events", "quotes", "entities"):
        for r in read_out(out, table):
            assert r["pub_day"] == days[r["article_id"]]


def test_failures_recorded_job_goes_on(run1):
    out, rep = run1
    fails = read_out(out, "failures")
    by_stage = {}
    for f in fails:
        by_stage.setdefault(f["stage"], []).append(f)
    assert any("not valid JSON" in f["error"] and f["origin"].endswith("news.jsonl line 5")
               for f in by_stage["read"])
    assert any("WARC read failed" in f["error"] for f in by_stage["read"])
    assert [f["ext_id"] for f in by_stage["analyse"]] == ["nul"]
    assert rep["failed"] == len(fails) == 3
    arts = {r["article_id"]: r for r in read_out(out, "articles")}
    assert all(arts[f["article_id"]]["error"] == f["error"] for f in fails)
    events = read_out(out, "events")
    assert not {e["article_id"] for e in events} & {f["article_id"] for f in fails}


def test_near_duplicate_linked_and_repeat_skipped(run1):
    out, rep = run1
    arts = read_out(out, "articles")
    (orig,) = [r for r in arts if r["ext_id"] == "wire-1"]  # the repeated line: once
    (copy,) = [r for r in arts if r["ext_id"] == "repost"]
    assert copy["duplicate_of"] == orig["article_id"] and copy["similarity"] >= 0.8
    assert not [r for r in read_out(out, "events") if r["article_id"] == copy["article_id"]]
    # skipped: the repeated JSONL line, and the Cairo page read again from broken.warc.gz
    assert rep["duplicates"] == 1 and rep["skipped"] == 2
    sigs = {r["article_id"] for r in read_out(out, "signatures")}
    assert orig["article_id"] in sigs and copy["article_id"] not in sigs
    # the copy counts as an article for the original's event clusters
    clusters = {c["cluster_id"]: c for c in read_out(out, "event_clusters")}
    for e in read_out(out, "events"):
        if e["article_id"] == orig["article_id"]:
            assert clusters[e["cluster_id"]]["num_articles"] >= 2
            assert clusters[e["cluster_id"]]["num_sources"] >= 2


def test_rerun_and_overlapping_input_add_no_rows(run1, spark, inputs, tmp_path):
    from redline.spark.job import extract

    out, _ = run1
    before = {t: len(read_out(out, t)) for t in list(T.TABLES) + ["signatures"]}
    rep = extract(spark, [str(inputs / "news.jsonl"), str(inputs / "crawl.warc.gz"),
                          str(inputs / "broken.warc.gz")], str(out), partitions=2)
    assert rep["new"] == 0 and sum(rep["rows"].values()) == 0
    assert {t: len(read_out(out, t)) for t in before} == before
    # overlapping input: two known articles, one new one
    recs = jsonl_records()
    more = tmp_path / "more.jsonl"
    fresh = {"id": "fresh", "text": KOREA.replace("last month", "in October"), "published": "2024-11-08"}
    write_jsonl(more, [recs[0], fresh, recs[6]])
    rep = extract(spark, [str(more)], str(out), partitions=2)
    assert rep["new"] == 1
    after = {t: len(read_out(out, t)) for t in before}
    assert after["articles"] == before["articles"] + 1
    ids = [r["article_id"] for r in read_out(out, "articles")]
    assert len(ids) == len(set(ids))
    for t in ("entities", "quotes", "events"):
        keys = [tuple(r[k] for k in T.KEYS[t]) for r in read_out(out, t)]
        assert len(keys) == len(set(keys)), t


def test_load_into_sqlite_counts_match_and_idempotent(run1, tmp_path):
    from redline.cli import main
    from redline.store.db import open_store

    out, _ = run1
    db = tmp_path / "r.db"
    assert main(["load", "--from-parquet", str(out), "--db", str(db)]) == 0
    arts = read_out(out, "articles")
    with open_store(str(db)) as store:
        counts = store.counts()
        assert counts["items"] == len(arts)
        assert counts["duplicates"] == sum(1 for a in arts if a["duplicate_of"])
        assert counts["failed"] == len(read_out(out, "failures"))
        for table in ("events", "quotes", "entities", "mentions"):
            assert counts[table] == len(read_out(out, table)), table
        assert len(list(store.signatures())) == len(read_out(out, "signatures"))
        stored = {r["cluster_id"]: r for r in store.iter_rows("event_clusters")}
    spark_clusters = {c["cluster_id"]: c for c in read_out(out, "event_clusters")}
    assert stored.keys() == spark_clusters.keys()
    for cid, c in spark_clusters.items():
        s = stored[cid]
        assert (s["num_mentions"], s["num_articles"], s["num_sources"], s["first_article"],
                s["type"], s["day"], s["source_code"], s["target_code"]) == (
            c["num_mentions"], c["num_articles"], c["num_sources"], c["first_article"],
            c["type"], c["day"], c["source_code"], c["target_code"]), cid
    assert main(["load", "--from-parquet", str(out), "--db", str(db)]) == 0
    with open_store(str(db)) as store:
        assert store.counts() == counts


def test_cli_runs_spark_extract(tmp_path, inputs, spark, capsys):
    """The command line end to end, reusing the module's session (getOrCreate)."""
    from redline.cli import main

    small = tmp_path / "one.jsonl"
    write_jsonl(small, [jsonl_records()[1]])
    out = tmp_path / "cli_out"
    assert main(["spark", "extract", str(small), "--out", str(out), "--format", "json"]) == 0
    rep = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert rep["analysed"] == 1 and rep["rows"]["articles"] == 1
    assert len(read_out(out, "articles")) == 1


def test_actor_code_column_is_the_store_function(spark):
    """The cluster table's actor codes are computed in Spark SQL (no Python UDF): the
    same strings as :func:`redline.store.tables.actor_code`, odd names included."""
    from pyspark.sql import functions as F

    from redline.spark.clusters import actor_code

    rows = [("PRK", "MIL", "x"), ("prk", None, None), (None, "gov", " ignored "), (None, None, None),
            (None, None, "  Kim Jong Un\n"), ("", "", "\xa0Hamas\u3000"), (None, None, "\x1cİstanbul Δ ΟΔΟΣ\x85"),
            (None, None, "Straße  "), (None, None, "\t"), ("", None, "Ünited\u2028")]
    df = spark.createDataFrame(rows, "country string, sector string, name string")
    got = [r[0] for r in df.select(actor_code(F.col("country"), F.col("sector"), F.col("name"))).collect()]
    assert got == [T.actor_code(*r) for r in rows]


def test_near_duplicates_are_the_stores(spark):
    """Spark's banded LSH join links exactly the copies the store's sequential
    datasketch index links, in the same input order, to the same originals."""
    import random

    from redline.corpus import dedup as D
    from redline.spark import schema as SC
    from redline.spark.dedup import candidate_pairs, link
    from redline.spark.inputs import to_record
    from redline.model import Article

    rng = random.Random(7)
    base = [WIRE, TALKS, KOREA, WIRE.replace("47", "52") + " " + KOREA]
    texts = list(base)
    for t in base * 3:  # copies with 1 to 12 words changed: some above, some below 0.8
        w = t.split()
        for _ in range(rng.choice([1, 2, 4, 8, 12])):
            i = rng.randrange(len(w))
            w[i] = w[i] + "x"
        texts.append("Reposted. " + " ".join(w))
    rng.shuffle(texts)
    texts = list(dict.fromkeys(texts))  # a repeat is skipped before dedup, by both
    recs = [to_record(0, i, Article(id=f"t{i}", text=t), "test") for i, t in enumerate(texts)]
    index, want = D.NearDuplicates(), {}
    for r in recs:
        m = D.from_bytes(bytes(r[13]))
        hit = index.match(m)
        if hit:
            want[r[2]] = (hit[0], round(hit[1], 4))
        else:
            index.add(r[2], m)
    got = link(candidate_pairs(spark, spark.createDataFrame(recs, SC.record_schema())))
    assert want and got == want
