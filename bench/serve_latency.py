"""Latency of the workbench API (``redline serve``) on a store of ~100,000 events.

Corpus: real articles (the four example wire stories, plus the seed article and up to
``--real`` PolNeAR dev texts when ``../shared`` is there) are analysed ONCE by the
whole pipeline; their rows are then copied with new ids and publication dates spread
over 2023-2025 (event days shifted with them, clusters recounted by the store) until
the store holds ``--events`` events. The copies are bulk-inserted through the store's
SQLAlchemy tables (one transaction per 500 articles), then the event clusters are
recounted with ``Store.refresh_all_clusters``.

Then the app runs under uvicorn (one worker, in a thread) and an httpx client sends
``--requests`` sequential requests per query, after 5 warm-up requests:

* events endpoint, pages of 50 with the total: unfiltered; ``type=ASSAULT``;
  ``source=RUS`` (actor country); ``factuality=reported`` + a 6-month range;
  ``actor=<name>`` sorted by score; ``source=RUS&target=UKR`` + a year;
* the overview (``/api/overview``: no filter; an actor, factual events, one year), the
  network (by country, by actor), an edge's events list (``by=country``), a dyad;
* article page: the HTML page and the article's JSON (``/api/articles/{id}``, what
  the page fetches), on random articles.

Prints a Markdown table (median and p95 in ms). Target: p95 < 150 ms for a filtered
page of 50 events.

Usage:
  .venv/bin/python bench/serve_latency.py [--events 100000] [--requests 200]
        [--sqlite /tmp/rl-bench.db] [--pg postgresql+psycopg://user@host:port/db] [--reuse]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def real_articles(n_real: int):
    from redline.model import Article

    arts = []
    for line in (ROOT / "examples" / "wire-stories.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            arts.append(Article(id=r["id"], text=r["text"], title=r.get("title"), published=r.get("published"),
                                source=r.get("source")))
    seed = SHARED / "seed" / "article.txt"
    if seed.exists():
        arts.append(Article(id="seed", text=seed.read_text(encoding="utf-8"), title="seed article",
                            published="2024-11-04", source="voanews.com"))
    pol = SHARED / "data" / "polnear" / "dev" / "text"
    if pol.is_dir():
        for p in sorted(pol.glob("*.txt"))[:n_real]:
            day = p.name.split("_")[1] if p.name.count("_") >= 2 else "2016-10-01"
            arts.append(Article(id=p.stem, text=p.read_text(encoding="utf-8"), title=p.stem.split("_")[-1],
                                published=day, source=p.name.split("_")[0]))
    return arts


def analysed_rows(n_real: int) -> list[dict]:
    from redline.pipeline import analyse_many
    from redline.store import tables as T

    t0 = time.perf_counter()
    out = []
    for a in analyse_many(real_articles(n_real)):
        if not a.error:
            out.append(T.article_rows(a.to_dict()))
    print(f"analysed {len(out)} real articles in {time.perf_counter() - t0:.1f} s "
          f"({sum(len(r['events']) for r in out)} events)", file=sys.stderr)
    return out


def _shift(day, delta):
    if not day:
        return day
    try:
        return (dt.date.fromisoformat(day[:10]) + delta).isoformat()
    except ValueError:
        return day


def copies(templates: list[dict], n_events: int, seed: int = 7):
    """Yield row dicts: copies of the templates with new ids and dates."""
    from redline.store import tables as T

    rnd = random.Random(seed)
    start = dt.date(2023, 1, 1)
    made, k = 0, 0
    while made < n_events:
        tpl = templates[k % len(templates)]
        k += 1
        art = dict(tpl["articles"][0])
        aid = hashlib.sha256(f"{art['article_id']}#{k}".encode()).hexdigest()[:32]
        new_day = start + dt.timedelta(days=rnd.randrange(0, 3 * 365))
        old_day = dt.date.fromisoformat(art["day"]) if art.get("day") else new_day
        delta = new_day - old_day
        art.update(article_id=aid, published=new_day.isoformat(), day=new_day.isoformat(),
                   ext_id=f"{art.get('ext_id')}#{k}")
        rows = {"articles": [art]}
        for name in T.CHILD_TABLES:
            rows[name] = [{**r, "article_id": aid} for r in tpl.get(name, [])]
        for ev in rows["events"]:
            ev["day"] = _shift(ev.get("day"), delta) or new_day.isoformat()
            if ev.get("date") and len(ev["date"]) == 10:
                ev["date"] = _shift(ev["date"], delta)
            src = T.actor_code(ev.get("source_country"), ev.get("source_sector"), ev.get("source_name")) if ev.get("source_name") or ev.get("source_country") else ""
            tgt = T.actor_code(ev.get("target_country"), ev.get("target_sector"), ev.get("target_name")) if ev.get("target_name") or ev.get("target_country") else ""
            ev["cluster_id"] = T.event_cluster_id(ev.get("type"), src, tgt, ev["day"], aid, ev["event_id"])
        made += len(rows["events"])
        yield rows


def build(store, templates, n_events: int) -> int:
    from redline.store import models as M
    from redline.store import tables as T

    t0 = time.perf_counter()
    batch: dict[str, list] = {}
    n_articles = 0

    def flush():
        with store.engine.begin() as conn:
            for name in ("articles",) + T.CHILD_TABLES:
                if batch.get(name):
                    conn.execute(M.TABLES[name].insert(), batch[name])
        batch.clear()

    for rows in copies(templates, n_events):
        for name, rs in rows.items():
            batch.setdefault(name, []).extend(rs)
        n_articles += 1
        if n_articles % 500 == 0:
            flush()
    flush()
    t1 = time.perf_counter()
    n_clusters = store.refresh_all_clusters()
    if store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # what autovacuum does shortly after a bulk load (PostgreSQL >= 13 vacuums
            # after inserts too): statistics, and the visibility map of index-only scans
            conn.exec_driver_sql("VACUUM ANALYZE")
    print(f"stored {n_articles} articles in {t1 - t0:.1f} s; {n_clusters} clusters recounted in "
          f"{time.perf_counter() - t1:.1f} s", file=sys.stderr)
    return n_articles


def serve(app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    while not server.started:
        time.sleep(0.05)
    return server, th, f"http://127.0.0.1:{port}"


def measure(client, path, params_list, n):
    for p in params_list[:5]:
        client.get(path(p) if callable(path) else path, params=None if callable(path) else p)
    times = []
    for i in range(n):
        p = params_list[i % len(params_list)]
        t0 = time.perf_counter()
        r = client.get(path(p) if callable(path) else path, params=None if callable(path) else p)
        times.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{r.status_code} on {r.url}: {r.text[:300]}")
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)], r


def run_backend(label, url, templates, args):
    import httpx

    from redline.serve.app import create_app
    from redline.store.db import open_store

    store = open_store(url)
    have = store.counts()["events"]
    if not (args.reuse and have >= args.events * 0.95):
        if have:
            raise SystemExit(f"{label}: the store {url} is not empty ({have} events); use a new one or --reuse")
        build(store, templates(), args.events)
    counts = store.counts()
    app = create_app(store=store)
    server, th, base = serve(app)
    rnd = random.Random(3)
    import sqlalchemy as sa

    from redline.store import models as M
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(M.articles.c.article_id).limit(5000))]
        names = [r[0] for r in conn.execute(
            sa.select(M.event_actors.c.name, sa.func.count()).group_by(M.event_actors.c.name)
            .order_by(sa.func.count().desc()).limit(10))]
    rnd.shuffle(ids)
    months = [f"{y}-{m:02d}-01" for y in (2023, 2024, 2025) for m in (1, 4, 7, 10)]
    rows = []
    with httpx.Client(base_url=base, timeout=60) as client:
        cases = [
            ("events, no filter", "/api/events", [{"limit": 50}]),
            ("events, type=ASSAULT", "/api/events", [{"type": "ASSAULT", "limit": 50}]),
            ("events, source=RUS (actor country)", "/api/events", [{"source": "RUS", "limit": 50}]),
            ("events, factuality=reported + 6-month range", "/api/events",
             [{"factuality": "reported", "since": m, "until": _shift(m, dt.timedelta(days=182)), "limit": 50} for m in months]),
            ("events, actor=<name> sorted by score", "/api/events",
             [{"actor": n, "sort": "score", "limit": 50} for n in names[:5]]),
            ("events, RUS→UKR + one year", "/api/events",
             [{"source": "RUS", "target": "UKR", "since": f"{y}-01-01", "until": f"{y}-12-31", "limit": 50} for y in (2023, 2024, 2025)]),
            ("events, type=ASSAULT, page 20 (offset 950)", "/api/events", [{"type": "ASSAULT", "limit": 50, "offset": 950}]),
            ("overview, no filter", "/api/overview", [{}]),
            ("overview, actor=RUS, asserted/reported, one year", "/api/overview",
             [{"actor": "RUS", "factuality": "asserted,reported", "since": f"{y}-01-01", "until": f"{y}-12-31"} for y in (2023, 2024, 2025)]),
            ("network by country, asserted/reported, 80 edges", "/api/network",
             [{"by": "country", "factuality": "asserted,reported", "edges": 80}]),
            ("network by actor, 80 edges", "/api/network", [{"by": "actor", "edges": 80}]),
            ("events of a network edge (by=country, RUS→UKR)", "/api/events",
             [{"source": "RUS", "target": "UKR", "by": "country", "limit": 50}]),
            ("dyad RUS→UKR", "/api/dyad", [{"source": "RUS", "target": "UKR"}]),
            ("article page (HTML)", lambda i: f"/articles/{i}", ids[:200]),
            ("article JSON /api/articles/{id}", lambda i: f"/api/articles/{i}", ids[:200]),
        ]
        for name, path, plist in cases:
            med, p95, r = measure(client, path, plist, args.requests)
            extra = ""
            if r.headers.get("content-type", "").startswith("application/json"):
                d = r.json()
                if isinstance(d, dict) and "timeline" in d:
                    extra = f"{d['total']} events, {len(d['places'])} places, {len(d['timeline']['periods'])} periods"
                elif isinstance(d, dict) and "nodes" in d:
                    extra = f"{len(d['nodes'])} nodes, {len(d['edges'])} edges"
                elif isinstance(d, dict) and "series" in d:
                    extra = f"{len(d['series'])} weeks"
                elif "total" in d:
                    extra = f"{len(d['items'])} items of {d['total']}{'+' if d.get('total_capped') else ''}"
                elif "events" in d:
                    extra = f"{len(d['events'])} events, {len(d.get('text') or ''):,} chars"
            rows.append((label, name, med, p95, extra))
            print(f"{label:10} {name:45} median {med:7.1f} ms  p95 {p95:7.1f} ms  {extra}", file=sys.stderr)
    server.should_exit = True
    th.join(10)
    store.close()
    return counts, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--real", type=int, default=20, help="PolNeAR dev texts to analyse (if ../shared exists)")
    ap.add_argument("--sqlite", default="/tmp/redline-serve-bench.db")
    ap.add_argument("--pg", default=os.environ.get("REDLINE_TEST_PG"), help="PostgreSQL URL (an empty database)")
    ap.add_argument("--reuse", action="store_true", help="reuse stores already filled by a previous run")
    args = ap.parse_args()

    load_start = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    need_build = True
    if args.reuse and Path(args.sqlite).exists():
        need_build = False
    cache: list = []

    def templates():  # analysed only when a store has to be built
        if not cache:
            cache.extend(analysed_rows(args.real))
            if not cache:
                raise SystemExit("no template articles")
        return cache
    if need_build and Path(args.sqlite).exists():
        Path(args.sqlite).unlink()
    results = []
    counts = {}
    c, r = run_backend("SQLite", "sqlite:///" + args.sqlite, templates, args)
    counts["SQLite"] = c
    results += r
    if args.pg:
        c, r = run_backend("PostgreSQL", args.pg, templates, args)
        counts["PostgreSQL"] = c
        results += r
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"{args.requests} sequential requests per query over HTTP (uvicorn, 1 worker, same host); "
          f"load average at the start {load_start}, at the end {load} (1/5/15 min)")
    for k, c in counts.items():
        print(f"{k}: {c['articles']:,} articles, {c['events']:,} events, {c['quotes']:,} quotes, {c['entities']:,} entities")
    print("\n| store | request | median ms | p95 ms | response |")
    print("|---|---|---:|---:|---|")
    for label, name, med, p95, extra in results:
        print(f"| {label} | {name} | {med:.1f} | {p95:.1f} | {extra} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
