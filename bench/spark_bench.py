"""Throughput of the Spark job against the single-machine pipeline, on one real corpus.

Measures, on the same articles (VOA dev stories by default, ../shared/data/voa/dev.jsonl):

* ``pipeline``: one Python process reading the JSONL with the project reader, analysing
  with ``redline.pipeline.analyse_many`` and flattening with ``tables.article_rows``
  (no storage) -- the single-machine work Spark distributes; model load included and
  reported apart;
* ``spark local[1]`` / ``spark local[2]``: ``redline.spark.job.extract`` into a fresh
  output directory (SparkSession start reported apart, not counted);
* ``ingest --workers 2``: ``redline ingest`` into a fresh SQLite file (the single-machine
  batch pipeline, from the command line; its own analysed-articles/s and wall time).

Each configuration runs in its own process, ``--repeat`` times; the load average of the
machine is recorded around each run (the cores are shared). Prints JSON lines, then a
Markdown summary with the Spark overhead per article and a scaling model (cores for one
million articles a day).

Usage: .venv/bin/python bench/spark_bench.py [--input FILE] [--repeat 2] [--partitions 8]
       .venv/bin/python bench/spark_bench.py --only spark --master 'local[2]'
       .venv/bin/python bench/spark_bench.py --make-polnear 600 /tmp/polnear600.jsonl

``--make-polnear N FILE`` writes the benchmark corpus: the first N PolNeAR train texts
(``../shared/data/polnear/train/text/*.txt``, sorted by file name; 840 in all) as JSONL
lines ``{"id": <file stem>, "text": <file text>}`` (no date). Keep it outside the repo.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "voa" / "dev.jsonl"
PY = sys.executable


POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def make_polnear(n: int, out: str) -> int:
    files = sorted(POLNEAR.glob("*.txt"))[:n]
    with open(out, "w", encoding="utf-8") as fh:
        for f in files:
            fh.write(json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8")}) + "\n")
    return len(files)


def load() -> float:
    return os.getloadavg()[0]


def one_pipeline(path: str) -> dict:
    from redline.ingest import read_inputs
    from redline.parse import load_nlp
    from redline.pipeline import analyse_many
    from redline.store import tables as T

    t0 = time.perf_counter()
    load_nlp()
    t_model = time.perf_counter() - t0
    t1 = time.perf_counter()
    n = failed = 0
    for art in analyse_many(read_inputs([path]), batch_size=8):
        aid = T.content_hash(art.text, art.url)
        T.article_rows(art.to_dict(), article_id=aid)
        n += 1
        failed += bool(art.error)
    t_work = time.perf_counter() - t1
    return {"config": "pipeline", "articles": n, "failed": failed, "model_s": round(t_model, 2),
            "work_s": round(t_work, 2), "total_s": round(t_model + t_work, 2),
            "articles_per_s": round(n / (t_model + t_work), 3)}


def one_spark(path: str, master: str, partitions: int) -> dict:
    from redline.spark.job import extract
    from redline.spark.session import get_session

    t0 = time.perf_counter()
    spark = get_session(master, app_name="redline-bench", shuffle_partitions=partitions)
    spark.range(1).count()
    t_session = time.perf_counter() - t0
    out = tempfile.mkdtemp(prefix="redline-spark-bench-")
    try:
        t1 = time.perf_counter()
        rep = extract(spark, [path], out, partitions=partitions)
        t_job = time.perf_counter() - t1
    finally:
        spark.stop()
        shutil.rmtree(out, ignore_errors=True)
    n = rep["new"]
    return {"config": f"spark {master}", "articles": n, "analysed": rep["analysed"],
            "duplicates": rep["duplicates"], "failed": rep["failed"], "partitions": partitions,
            "session_s": round(t_session, 2), "total_s": round(t_job, 2),
            "phases_s": rep["seconds"], "worker_peak_rss_mb": rep.get("worker_peak_rss_mb"),
            "articles_per_s": round(n / t_job, 3)}


def one_ingest(path: str, workers: int) -> dict:
    d = tempfile.mkdtemp(prefix="redline-ingest-bench-")
    try:
        t0 = time.perf_counter()
        res = subprocess.run([PY, "-m", "redline.cli", "ingest", path, "--db", f"{d}/r.db",
                              "--workers", str(workers), "--no-progress", "--format", "json"],
                             capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t0
    finally:
        shutil.rmtree(d, ignore_errors=True)
    if res.returncode not in (0, 1):  # 1: some items failed (counted in the report)
        return {"config": f"ingest --workers {workers}", "error": res.stderr[-2000:]}
    rep = json.loads(res.stdout.strip().splitlines()[-1])
    n = rep["read"]
    return {"config": f"ingest --workers {workers}", "articles": n, "stored": rep["stored"],
            "duplicates": rep["duplicates"], "failed": rep["failed"], "total_s": round(wall, 2),
            "ingest_seconds": rep["seconds"], "articles_per_s": round(n / wall, 3),
            "analysed_per_s_reported": rep.get("articles_per_second")}


def run_child(args_list: list[str]) -> dict:
    before = load()
    res = subprocess.run([PY, __file__, *args_list], capture_output=True, text=True, cwd=ROOT)
    after = load()
    if res.returncode != 0:
        return {"config": " ".join(args_list), "error": res.stderr[-2000:]}
    d = json.loads(res.stdout.strip().splitlines()[-1])
    d["load_before"], d["load_after"] = round(before, 2), round(after, 2)
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--only", choices=["pipeline", "spark", "ingest"])
    ap.add_argument("--master", default="local[1]")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--configs", default="pipeline,local[1],local[2],ingest2",
                    help="comma-separated: pipeline, local[N], ingestN")
    ap.add_argument("--make-polnear", nargs=2, metavar=("N", "FILE"),
                    help="write the first N PolNeAR train texts as JSONL to FILE, then exit")
    args = ap.parse_args()
    if args.make_polnear:
        n = make_polnear(int(args.make_polnear[0]), args.make_polnear[1])
        print(f"{n} articles -> {args.make_polnear[1]}")
        return 0
    if args.only == "pipeline":
        print(json.dumps(one_pipeline(args.input)))
        return 0
    if args.only == "spark":
        print(json.dumps(one_spark(args.input, args.master, args.partitions)))
        return 0
    if args.only == "ingest":
        print(json.dumps(one_ingest(args.input, args.workers)))
        return 0
    if not Path(args.input).exists():
        sys.exit(f"{args.input} not found (the benchmark reads ../shared)")
    results: dict[str, list[dict]] = {}
    for r in range(args.repeat):
        for cfg in args.configs.split(","):
            if cfg == "pipeline":
                child = ["--only", "pipeline", "--input", args.input]
            elif cfg.startswith("local"):
                child = ["--only", "spark", "--master", cfg, "--input", args.input,
                         "--partitions", str(args.partitions)]
            elif cfg.startswith("ingest"):
                child = ["--only", "ingest", "--workers", cfg[6:] or "2", "--input", args.input]
            else:
                sys.exit(f"unknown config {cfg}")
            d = run_child(child)
            d["run"] = r + 1
            print(json.dumps(d), flush=True)
            results.setdefault(d["config"], []).append(d)
    summary(results)
    return 0


def summary(results: dict) -> None:
    def best(cfg, key="total_s"):
        vals = [d[key] for d in results.get(cfg, []) if key in d]
        return min(vals) if vals else None

    print("\n| configuration | articles | best wall s | articles/s (best) | runs (wall s) | load avg |")
    print("|---|---|---|---|---|---|")
    for cfg, runs in results.items():
        ok = [d for d in runs if "total_s" in d]
        if not ok:
            print(f"| {cfg} | error | | | | |")
            continue
        b = min(d["total_s"] for d in ok)
        walls = ", ".join("%.1f" % d["total_s"] for d in ok)
        loads = ", ".join("%.1f" % d["load_before"] for d in ok)
        print(f"| {cfg} | {ok[0]['articles']} | {b:.1f} | {ok[0]['articles'] / b:.2f} | {walls} | {loads} |")
    p, s1, s2 = best("pipeline"), best("spark local[1]"), best("spark local[2]")
    n = (results.get("pipeline") or results.get("spark local[1]") or [{}])[0].get("articles")
    if p and s1 and n:
        print(f"\nSpark local[1] overhead vs the single-process pipeline: "
              f"{(s1 - p) / n * 1000:.0f} ms/article ({(s1 / p - 1) * 100:.1f}%)")
    if s1 and s2:
        print(f"local[2] / local[1] speed-up: {s1 / s2:.2f}x")
    if s2 and n:
        per_core = n / s2 / 2
        need = 1_000_000 / 86400 / per_core
        print(f"scaling: {per_core:.2f} articles/s per core at local[2] -> "
              f"{need:.0f} cores for 1,000,000 articles/day at 100% efficiency")


if __name__ == "__main__":
    sys.exit(main())
