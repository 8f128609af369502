"""Ingest throughput: articles/s with --workers 1 and 2, SQLite (and PostgreSQL if
REDLINE_BENCH_PG or --pg is given), and store size per 1,000 articles.

    .venv/bin/python bench/ingest.py [--corpus ../shared/data/voa/dev.jsonl] [--pg URL] [--repeat 1]

Each configuration ingests the corpus into a fresh store (dedup on, as in real use).
``articles_per_s`` is the steady-state rate (analysis + storing, after the model load
and the extractors' warm-up, which the workers do while the input is read); the
``*_wall_speedup_2_workers`` figures compare whole commands.
Also measured: extraction alone (redline.pipeline.analyse_many, 1 process) to give the
storage overhead = (ingest time with 1 worker - extraction time) / extraction time.
Prints a JSON summary (and a table) on stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "voa" / "dev.jsonl"


def run_ingest(corpus: Path, db: str, workers: int) -> dict:
    cmd = [sys.executable, "-m", "redline.cli", "ingest", str(corpus), "--db", db,
           "--workers", str(workers), "--no-progress", "--format", "json"]
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if res.returncode not in (0, 1):  # 1: some items failed (counted in the report)
        raise RuntimeError(f"ingest exited {res.returncode}: {res.stderr[-2000:]}")
    out = res.stdout
    wall = time.perf_counter() - t0
    rep = json.loads(out)
    return {"workers": workers, "wall_s": round(wall, 2), "analyse_store_s": rep["analysed_seconds"],
            "store_s": rep["store_seconds"],
            "stored": rep["stored"], "duplicates": rep["duplicates"], "failed": rep["failed"],
            "articles_per_s": round(rep["stored"] / rep["analysed_seconds"], 3) if rep["analysed_seconds"] else None}


def extraction_only(corpus: Path) -> dict:
    code = f"""
import json, time
from redline.ingest import read_inputs
from redline.pipeline import analyse_many
from redline.parse import load_nlp
load_nlp()
arts = list(read_inputs([{str(corpus)!r}]))
t0 = time.perf_counter()
n = sum(1 for a in analyse_many(arts, batch_size=4) if not a.error)
print(json.dumps({{"n": n, "s": time.perf_counter() - t0}}))
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout
    r = json.loads(out.strip().splitlines()[-1])
    return {"articles": r["n"], "seconds": round(r["s"], 2), "articles_per_s": round(r["n"] / r["s"], 3)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--pg", default=os.environ.get("REDLINE_BENCH_PG"), help="PostgreSQL server URL")
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    workers = [int(w) for w in args.workers.split(",")]
    res = {"corpus": str(args.corpus), "cpus": os.cpu_count(), "load_before": round(os.getloadavg()[0], 2),
           "extraction_only": extraction_only(args.corpus),
           "sqlite": [], "postgres": []}
    with tempfile.TemporaryDirectory() as tmp:
        for w in workers:
            db = Path(tmp) / f"w{w}.db"
            r = run_ingest(args.corpus, str(db), w)
            for suffix in ("", "-wal"):
                p = Path(str(db) + suffix)
                if p.exists() and suffix == "":
                    subprocess.run([sys.executable, "-c", f"import sqlite3; c=sqlite3.connect({str(db)!r}); "
                                    "c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.close()"], check=True)
            size = db.stat().st_size
            r["db_bytes"] = size
            r["mb_per_1000_articles"] = round(size / 1e6 / max(1, r["stored"] + r["duplicates"]) * 1000, 2)
            res["sqlite"].append(r)
    if args.pg:
        sys.path.insert(0, str(ROOT / "src"))
        import sqlalchemy as sa

        from redline.store.testing import temp_postgres_db
        for w in workers:
            with temp_postgres_db(args.pg) as url:
                def db_size():
                    eng = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
                    with eng.connect() as c:
                        n = c.execute(sa.text("select pg_database_size(current_database())")).scalar()
                    eng.dispose()
                    return int(n)
                empty = db_size()
                r = run_ingest(args.corpus, url, w)
                size = db_size() - empty
                r["db_bytes"] = int(size)
                r["mb_per_1000_articles"] = round(size / 1e6 / max(1, r["stored"] + r["duplicates"]) * 1000, 2)
                res["postgres"].append(r)
    ex = res["extraction_only"]["seconds"]
    for kind in ("sqlite", "postgres"):
        rows = res[kind]
        one = next((r for r in rows if r["workers"] == 1), None)
        two = next((r for r in rows if r["workers"] == 2), None)
        if one:
            # the writes' own time over the pure extraction time (less sensitive to
            # other load on the machine than the difference of two runs)
            res[f"{kind}_storage_overhead"] = round(one["store_s"] / ex, 3)
        if one and two:
            res[f"{kind}_speedup_2_workers"] = round(two["articles_per_s"] / one["articles_per_s"], 2)
            # the whole command, reading, model loads and warm-up included
            res[f"{kind}_wall_speedup_2_workers"] = round(one["wall_s"] / two["wall_s"], 2)
    res["load_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
