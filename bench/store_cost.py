"""Cost of storing, against the cost of extracting, measured in one process.

    .venv/bin/python bench/store_cost.py [--corpus ../shared/data/voa/dev.jsonl] [-n 40] [--pg URL]

Analyses N articles once (CPU and wall time), flattens them, then times
``Store.store_article`` (one transaction per article, with signature and cluster
recount) into a fresh SQLite file and, with --pg/$REDLINE_BENCH_PG, a fresh PostgreSQL
database. CPU time (process_time) is reported beside wall time because the machine
may be shared.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "data" / "voa" / "dev.jsonl")
    ap.add_argument("-n", type=int, default=40)
    ap.add_argument("--pg", default=os.environ.get("REDLINE_BENCH_PG"))
    args = ap.parse_args()

    from redline.corpus import dedup
    from redline.ingest import read_inputs
    from redline.parse import load_nlp
    from redline.pipeline import analyse_many
    from redline.store import tables as T
    from redline.store.db import open_store

    load_nlp()
    arts = list(read_inputs([str(args.corpus)]))[: args.n]
    c0, w0 = time.process_time(), time.perf_counter()
    done = list(analyse_many(arts, batch_size=4))
    res = {"articles": len(done), "analyse_cpu_s": round(time.process_time() - c0, 3),
           "analyse_wall_s": round(time.perf_counter() - w0, 3)}
    c0 = time.process_time()
    rows = [T.article_rows(a.to_dict()) for a in done]
    res["flatten_cpu_s"] = round(time.process_time() - c0, 3)
    c0 = time.process_time()
    sigs = [dedup.minhash(a.text) for a in done]
    res["minhash_cpu_s"] = round(time.process_time() - c0, 3)
    sigs = [dedup.to_bytes(m) if m is not None else None for m in sigs]

    def bench(url: str, key: str) -> None:
        store = open_store(url)
        c0, w0 = time.process_time(), time.perf_counter()
        for r, g in zip(rows, sigs):
            store.store_article(r, signature=g)
        res[f"{key}_store_cpu_s"] = round(time.process_time() - c0, 3)
        res[f"{key}_store_wall_s"] = round(time.perf_counter() - w0, 3)
        res[f"{key}_overhead_cpu"] = round((res[f"{key}_store_cpu_s"] + res["flatten_cpu_s"]
                                            + res["minhash_cpu_s"]) / res["analyse_cpu_s"], 4)
        store.close()

    with tempfile.TemporaryDirectory() as tmp:
        bench(str(Path(tmp) / "s.db"), "sqlite")
    if args.pg:
        from redline.store.testing import temp_postgres_db

        with temp_postgres_db(args.pg) as url:
            bench(url, "postgres")
    print(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
