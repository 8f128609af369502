"""``redline ingest`` end to end: directories, JSONL, feeds, WARC; idempotence;
near-duplicates; kill -9 and resume; the query/stats/export/dyad commands."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redline.cli import main
from redline.model import Article
from redline.store import tables as T

ROOT = Path(__file__).resolve().parents[1]

SENTENCES = [
    "Russian forces shelled the city of Kharkiv overnight, regional governor Oleh Syniehubov said.",
    "Ukraine's foreign minister met his Polish counterpart in Warsaw on Monday to discuss air defence.",
    "North Korea has sent thousands of troops to Russia, according to South Korean intelligence.",
    "The European Union imposed new sanctions on Iranian drone makers on Tuesday.",
    "China called for restraint and urged both sides to return to negotiations.",
    "Israeli aircraft struck targets in southern Lebanon, the military said in a statement.",
    "Hezbollah fired dozens of rockets at northern Israel, Israeli officials said.",
    "The United Nations Security Council will meet on Friday to discuss the crisis in Sudan.",
    "Sudan's army accused the Rapid Support Forces of attacking a displacement camp near El Fasher.",
    "Turkey offered to host peace talks between Moscow and Kyiv, President Recep Tayyip Erdogan said.",
    "The Pentagon announced a new military aid package for Ukraine worth $425 million.",
    "Hungary blocked a joint EU statement on the conflict, diplomats said.",
    "Protesters gathered outside the parliament in Tbilisi for a fourth night.",
    "Georgian police detained dozens of demonstrators, the interior ministry said.",
    "Venezuela rejected the accusations as interference in its internal affairs.",
    "The Kremlin denied that Russian soldiers had crossed into Moldova.",
    "Germany pledged additional Patriot missile systems to protect Ukrainian cities.",
    "South Korea summoned the Russian ambassador to protest the military cooperation.",
    "Iran threatened to retaliate if its nuclear facilities were attacked.",
    "The Houthis claimed responsibility for an attack on a cargo ship in the Red Sea.",
    "Myanmar's military government extended the state of emergency by six months.",
    "Ethiopia and Somalia agreed to resume talks under Turkish mediation.",
    "Japan's defence ministry said Chinese warships sailed near the Senkaku islands.",
    "Poland's prime minister warned that Europe must prepare for a longer war.",
    "The International Atomic Energy Agency said inspectors had regained access to the plant.",
    "Armenia and Azerbaijan said they had agreed on the text of a peace treaty.",
    "French President Emmanuel Macron called for a ceasefire in Gaza during the Olympic truce.",
    "NATO allies agreed to raise defence spending targets at the summit in The Hague.",
    "The Taliban government banned women from speaking in public, a UN report said.",
    "Mali's junta expelled the French ambassador, accusing Paris of hostile remarks.",
]


def make_corpus(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        sents = rnd.sample(SENTENCES, 4)
        out.append({"id": f"a{i}", "text": " ".join(sents), "published": f"2024-11-{1 + i % 20:02d}",
                    "url": f"https://news{i % 3}.example/{i}", "source": f"Outlet {i % 3}"})
    return out


def write_jsonl(path: Path, records: list) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def run_cli(capsys, *argv) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(list(argv))
    return rc, capsys.readouterr().out


def ingest_json(capsys, *argv) -> dict:
    rc, out = run_cli(capsys, "ingest", *argv, "--no-progress", "--format", "json")
    rep = json.loads(out)
    assert rc == (1 if rep["failed"] else 0)  # like extract: non-zero when an item failed
    return rep


def table_rows(db: Path, table: str, drop=("meta",)) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        cols = [c for c in T.columns(table) if c not in drop] if table in T.TABLES else None
        q = f'select {", ".join(chr(34) + c + chr(34) for c in cols)} from {table}' if cols else f"select * from {table}"
        return sorted(con.execute(q).fetchall(), key=repr)
    finally:
        con.close()


def test_ingest_directory_and_jsonl_with_failures_then_idempotent(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "one.txt").write_text(SENTENCES[0] + " " + SENTENCES[1], encoding="utf-8")
    (d / "two.html").write_text(
        "<html><body><article><h1>Talks</h1><p>" + SENTENCES[9] + "</p><p>" + SENTENCES[21]
        + "</p><p>" + SENTENCES[25] + "</p></article></body></html>", encoding="utf-8")
    (d / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    jl = write_jsonl(tmp_path / "x.jsonl", [
        {"id": "j1", "text": SENTENCES[2] + " " + SENTENCES[17], "published": "2024-11-04"},
        "{not json",
        {"id": "j3", "text": SENTENCES[3], "published": "2024-11-05"},
    ])
    db = tmp_path / "r.db"
    rep = ingest_json(capsys, str(d), str(jl), "--db", str(db))
    assert (rep["read"], rep["stored"], rep["failed"], rep["duplicates"]) == (6, 4, 2, 0)
    errors = " | ".join(f["error"] for f in rep["failures"])
    assert "binary" in errors and "not valid JSON" in errors
    assert rep["store"]["articles"] == 4 and rep["store"]["failed"] == 2
    before = {t: table_rows(db, t) for t in T.TABLES}
    # the same inputs again add nothing
    rep2 = ingest_json(capsys, str(d), str(jl), "--db", str(db))
    assert (rep2["stored"], rep2["failed"], rep2["skipped"]) == (0, 0, 6)
    assert {t: table_rows(db, t) for t in T.TABLES} == before
    rc, out = run_cli(capsys, "stats", "--db", str(db), "--format", "json", "--failures")
    stats = json.loads(out)
    assert {"articles", "quotes", "events", "entities", "failed"} <= set(stats)
    assert stats["articles"] == 4 and stats["failed"] == 2 and len(stats["failures"]) == 2


def test_stored_rows_are_the_pipeline_output(tmp_path, capsys):
    """End to end on a small real text: the store holds exactly what the pipeline extracts."""
    from redline.pipeline import analyse

    text = (SENTENCES[0] + " " + SENTENCES[10] + ' "We will not give up," Zelenskyy said on Monday. '
            + SENTENCES[17])
    jl = write_jsonl(tmp_path / "one.jsonl", [{"id": "k", "text": text, "published": "2024-11-04",
                                               "url": "https://x.example/k"}])
    db = tmp_path / "r.db"
    ingest_json(capsys, str(jl), "--db", str(db))
    art = analyse(Article(id="k", text=text, published="2024-11-04", url="https://x.example/k"))
    expected = T.article_rows(art.to_dict())
    for table in T.CHILD_TABLES:
        cols = T.columns(table)
        assert table_rows(db, table) == sorted((tuple(r[c] for c in cols) for r in expected[table]), key=repr), table
    assert table_rows(db, "quotes"), "a direct quote should be found"
    rc, out = run_cli(capsys, "query", "--db", str(db), "--format", "json", "--limit", "0")
    assert json.loads(out)["total"] == len(expected["events"])


def test_near_duplicate_repost_linked_not_analysed(tmp_path, capsys):
    body = " ".join(SENTENCES[:8])
    jl = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "orig", "text": body, "url": "https://wire.example/1", "source": "Wire", "published": "2024-11-04"},
        {"id": "repost", "text": "By Staff. " + body + " Follow us for more.", "url": "https://blog.example/9",
         "source": "Blog", "published": "2024-11-04"},
        {"id": "other", "text": " ".join(SENTENCES[10:18]), "url": "https://wire.example/2", "published": "2024-11-04"},
    ])
    db = tmp_path / "r.db"
    rep = ingest_json(capsys, str(jl), "--db", str(db))
    assert (rep["stored"], rep["duplicates"]) == (2, 1)
    con = sqlite3.connect(db)
    (dup,) = con.execute("select ext_id, duplicate_of, similarity from articles where duplicate_of is not null").fetchall()
    orig_id = con.execute("select article_id from articles where ext_id='orig'").fetchone()[0]
    assert dup[0] == "repost" and dup[1] == orig_id and dup[2] >= 0.8
    assert con.execute("select count(*) from events e join articles a using(article_id) "
                       "where a.ext_id='repost'").fetchone()[0] == 0
    # the repost counts as an article and a source for every event of the original
    n_events = con.execute("select count(*) from events where article_id=?", (orig_id,)).fetchone()[0]
    if n_events:
        rows = con.execute("select c.num_articles, c.num_sources from events e join event_clusters c "
                           "using(cluster_id) where e.article_id=?", (orig_id,)).fetchall()
        assert all(na >= 2 and ns >= 2 for na, ns in rows)
    con.close()
    # a later run sees the stored signature: another copy is linked too
    jl2 = write_jsonl(tmp_path / "d2.jsonl", [{"id": "copy2", "text": body + " (AP)", "url": "https://c.example/3"}])
    rep = ingest_json(capsys, str(jl2), "--db", str(db))
    assert (rep["stored"], rep["duplicates"]) == (0, 1)


def test_ingest_feed_and_warc(tmp_path, capsys):
    import threading
    import http.server

    from test_corpus_sources import PAGES, build_warc, page_html, rss

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path not in PAGES:
                self.send_response(404)
                self.end_headers()
                return
            data = page_html(*PAGES[self.path]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        feed = tmp_path / "wire.rss"
        feed.write_text(rss(f"http://127.0.0.1:{srv.server_port}"))
        db = tmp_path / "r.db"
        refused = ingest_json(capsys, str(feed), "--db", str(db))
        assert refused["stored"] == 0 and refused["failed"] == 3
        assert all("loopback" in f["error"] for f in refused["failures"])
        db2 = tmp_path / "r2.db"
        rep = ingest_json(capsys, str(feed), "--db", str(db2), "--allow-private")
        assert (rep["stored"], rep["failed"]) == (2, 1)
    finally:
        srv.shutdown()
        srv.server_close()
    con = sqlite3.connect(db2)
    urls = sorted(r[0] for r in con.execute("select url from articles where error is null"))
    assert [u.rsplit("/", 1)[1] for u in urls] == ["1.html", "2.html"]
    assert all(r[0] == "2024-11-05" for r in con.execute("select day from articles where error is null"))
    con.close()
    warc = tmp_path / "cc.warc.gz"
    build_warc(warc)
    # the WARC holds the same pages at other URLs: stored as near-duplicates of the feed's
    rep = ingest_json(capsys, str(warc), "--db", str(db2))
    assert (rep["read"], rep["stored"], rep["duplicates"]) == (2, 0, 2)
    db3 = tmp_path / "r3.db"
    rep = ingest_json(capsys, str(warc), "--db", str(db3))
    assert (rep["read"], rep["stored"]) == (2, 2)


def test_kill_9_mid_run_then_resume_loses_and_duplicates_nothing(tmp_path, capsys):
    n = 16
    jl = write_jsonl(tmp_path / "c.jsonl", make_corpus(n))
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "redline.cli", "ingest", str(jl), "--db", str(db), "--workers", "2", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    errlog = open(tmp_path / "stderr.txt", "wb")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errlog, env=env, start_new_session=True)
    stored = 0
    deadline = time.time() + 180
    try:
        while time.time() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                    stored = con.execute("select count(*) from articles").fetchone()[0]
                    con.close()
                except sqlite3.OperationalError:
                    stored = 0
            if stored >= 3:
                break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, no clean-up
        proc.wait(timeout=30)
        errlog.close()
    assert proc.returncode == -signal.SIGKILL, (tmp_path / "stderr.txt").read_text()[-2000:]
    # reference: one clean, uninterrupted run (a subprocess too, so both see the same code)
    clean = tmp_path / "clean.db"
    subprocess.run([*cmd[:5], "--db", str(clean), "--no-progress"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    assert len(table_rows(clean, "articles")) == n
    ids_clean = {r[0] for r in table_rows(clean, "articles")}
    partial = {t: table_rows(db, t) for t in T.TABLES}
    got = {r[0] for r in partial["articles"]}
    assert 3 <= len(got) < n and got <= ids_clean
    # every stored article is whole: its rows are exactly the clean run's rows
    for table in T.CHILD_TABLES:
        clean_rows = [r for r in table_rows(clean, table) if r[0] in got]
        assert partial[table] == clean_rows, table
    # restart: the rest is added, nothing twice
    out = subprocess.run([*cmd[:7], "--no-progress", "--format", "json"], env=env, check=True, capture_output=True,
                         text=True, timeout=300).stdout
    rep = json.loads(out)
    assert rep["stored"] == n - len(got) and rep["skipped"] == len(got)
    for table in [*T.TABLES, "event_clusters"]:
        assert table_rows(db, table) == table_rows(clean, table), table


def _typed_store(tmp_path) -> Path:
    """A store filled with typed records (independent of the extractors' output)."""
    from test_store_db import TXT_A, TXT_B, article, shelling

    from redline.store.db import open_store

    db = tmp_path / "typed.db"
    with open_store(str(db)) as s:
        s.store_article(T.article_rows(shelling(TXT_A, "https://a.example/1", "A", "2024-11-04")))
        s.store_article(T.article_rows(shelling(TXT_B, "https://b.example/2", "B", "2024-11-19")))
        s.store_article(T.article_rows(article(
            "Ukraine thanked Russia for the prisoner swap, the ministry said.",
            [("AGREE", "Ukraine", "UKR", "Russia", "RUS", "thanked", 4.2, "asserted")],
            "https://a.example/4", "A", "2024-11-20")))
    return db


def test_query_dyad_export_commands(tmp_path, capsys):
    import pyarrow.parquet as pq

    db = _typed_store(tmp_path)
    rc, out = run_cli(capsys, "query", "--db", str(db), "--dyad", "RUS:UKR", "--format", "json")
    res = json.loads(out)
    assert rc == 0 and res["total"] == 2 and {e["type"] for e in res["events"]} == {"ASSAULT"}
    rc, out = run_cli(capsys, "query", "--db", str(db), "--type", "AGREE")
    assert rc == 0 and "AGREE" in out and "1 of 1 events" in out
    assert run_cli(capsys, "query", "--db", str(db), "--dyad", "RUS")[0] == 2

    png = tmp_path / "d.png"
    rc, out = run_cli(capsys, "dyad", "RUS", "UKR", "--db", str(db), "--png", str(png), "--format", "json")
    series = json.loads(out)["weeks"]
    assert rc == 0 and [w["week"] for w in series] == ["2024-11-04", "2024-11-11", "2024-11-18"]
    assert [w["events"] for w in series] == [1, 0, 1] and series[0]["sum"] == pytest.approx(-9.3)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000

    for fmt, out_path in (("plover-jsonl", tmp_path / "e.jsonl"), ("gdelt-tsv", tmp_path / "e.tsv"),
                          ("parquet", tmp_path / "pq")):
        assert run_cli(capsys, "export", "--db", str(db), "--format", fmt, "--out", str(out_path))[0] == 0
    assert len((tmp_path / "e.jsonl").read_text().splitlines()) == 3
    assert [len(r.split("\t")) for r in (tmp_path / "e.tsv").read_text().splitlines()] == [61, 61, 61]
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 3


def test_worker_crash_fails_only_its_article(tmp_path, monkeypatch):
    """A worker process that dies mid-batch costs one article, recorded as failed."""
    from redline.corpus.batch import ingest
    from redline.store.db import open_store

    records = make_corpus(7, seed=11)
    records[3]["text"] += " CRASH-ME-NOW."
    jl = write_jsonl(tmp_path / "c.jsonl", records)
    monkeypatch.setenv("REDLINE_TEST_CRASH_MARKER", "CRASH-ME-NOW")
    with open_store(str(tmp_path / "r.db")) as store:
        rep = ingest([str(jl)], store, workers=2, progress=False)
        counts = store.counts()
        fails = store.failures()
    assert (rep.stored, rep.failed) == (6, 1)
    assert counts["articles"] == 6 and counts["failed"] == 1
    assert "worker process died" in fails[0]["error"] and fails[0]["stage"] == "analyse"


def test_chunks_keep_every_article_in_order_and_end_one_by_one():
    from redline.corpus.batch import make_chunks

    items = list(range(23))
    for workers in (1, 2, 3):
        chunks = make_chunks(items, workers, size=4)
        assert [x for c in chunks for x in c] == items
        assert all(1 <= len(c) <= 4 for c in chunks)
        if workers > 1:  # the last workers*size items go one per chunk
            assert all(len(c) == 1 for c in chunks[-workers * 4:])
            assert len(chunks[0]) == 4
        else:
            assert [len(c) for c in chunks] == [4, 4, 4, 4, 4, 3]
    assert make_chunks([], 2) == []
