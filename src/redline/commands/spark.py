"""``redline spark extract INPUT... --out DIR``: the pipeline on Apache Spark."""
from __future__ import annotations

import json
import sys

EPILOG = """\
Reads .jsonl files (cut into byte ranges when large), .warc/.warc.gz files (HTML
responses, e.g. Common Crawl's CC-NEWS) and .txt/.html files, or directories of
them; analyses the articles in Spark executors and writes Parquet tables to DIR
(articles, entities, mentions, quotes, events, event_actors, dates, places,
equipment, quantities, terms, failures, signatures, event_clusters), partitioned by
publication day (DIR/<table>/pub_day=YYYY-MM-DD/). Article ids are content hashes;
a re-run on the same or overlapping input adds no rows. Per-article failures go to
the failures table and never fail the job.

On a cluster, run the same job with spark-submit:
  spark-submit --master yarn src/redline/spark/submit.py extract INPUT... --out DIR
(see docs/spark.md for shipping the model and sizing executors).

examples:
  redline spark extract stories.jsonl crawl/*.warc.gz --out parquet/ --master 'local[2]'
  redline load --from-parquet parquet/ --db redline.db
"""


def add_extract_arguments(p) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl / .warc(.gz) / .txt / .html files or directories")
    p.add_argument("--out", "-o", required=True, metavar="DIR", help="output directory (local path or a Hadoop URL)")
    p.add_argument("--master", default=None,
                   help="Spark master (default: spark-submit's, else local[*]); e.g. local[2], yarn, spark://host:7077")
    p.add_argument("--partitions", "-p", type=int, default=None, metavar="N",
                   help="analysis partitions (default 4 x the default parallelism)")
    p.add_argument("--published", metavar="YYYY-MM-DD", default=None,
                   help="publication date for articles that carry none")
    p.add_argument("--no-dedup", action="store_true", help="do not detect near-duplicates")
    p.add_argument("--split-mb", type=int, default=64, metavar="MB",
                   help="cut JSONL files larger than this into several read tasks (default 64)")
    p.add_argument("--driver-memory", default=None, metavar="SIZE",
                   help="spark.driver.memory for a session started here (e.g. 2g)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="extra Spark setting")
    p.add_argument("--format", choices=["text", "json"], default="text", help="report format")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "spark", help="run the pipeline on Apache Spark (PySpark), writing Parquet",
        description="Run Redline on Apache Spark: read JSONL and WARC inputs as Spark data, "
                    "analyse articles in executors, write Parquet tables partitioned by day.")
    sub = p.add_subparsers(dest="spark_command", metavar="COMMAND")
    e = sub.add_parser("extract", help="analyse inputs into Parquet tables", epilog=EPILOG,
                       formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    add_extract_arguments(e)
    e.set_defaults(func=run)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run(args) -> int:
    from ..spark import pyspark_missing

    why = pyspark_missing()
    if why:
        print(f"redline spark: {why}", file=sys.stderr)
        return 2
    from ..ingest import check_cli_date

    try:
        args.published, _ = check_cli_date(args.published)
    except ValueError as exc:
        print(f"redline spark: {exc}", file=sys.stderr)
        return 2
    if args.partitions is not None and args.partitions < 1:
        print("redline spark: --partitions must be at least 1", file=sys.stderr)
        return 2
    conf = {}
    for kv in args.conf:
        if "=" not in kv:
            print(f"redline spark: --conf wants KEY=VALUE, got {kv!r}", file=sys.stderr)
            return 2
        k, v = kv.split("=", 1)
        conf[k] = v
    from ..spark.job import extract
    from ..spark.session import get_session

    master = args.master
    if master is None:
        import os
        if "SPARK_MASTER" not in os.environ and not _under_spark_submit():
            master = "local[*]"
    from pyspark.sql import SparkSession

    ours = SparkSession.getActiveSession() is None  # stop only a session started here
    local = bool(master and master.startswith("local"))
    spark = get_session(master=master, driver_memory=args.driver_memory, conf=conf,
                        shuffle_partitions=(args.partitions or 8) if local else args.partitions)
    try:
        rep = extract(spark, args.inputs, args.out, partitions=args.partitions, published=args.published,
                      dedupe=not args.no_dedup, split_bytes=args.split_mb * 1024 * 1024)
    except ValueError as exc:
        print(f"redline spark: {exc}", file=sys.stderr)
        return 2
    finally:
        if ours and not _under_spark_submit():
            spark.stop()
    if args.format == "json":
        print(json.dumps(rep, ensure_ascii=False))
    else:
        s = rep["seconds"]
        print(f"read {rep['read']} items in {rep['read_tasks']} tasks: {rep['new']} new, "
              f"{rep['skipped']} already in {rep['out']} or repeated; {rep['duplicates']} near-duplicates "
              f"linked, {rep['analysed']} analysed, {rep['failed']} failed; "
              f"{rep['event_clusters']} event clusters")
        print("rows written: " + ", ".join(f"{t} {n}" for t, n in rep["rows"].items()))
        print(f"{s['total']:.1f} s (read {s['read']:.1f}, dedup {s['dedup']:.1f}, analyse {s['analyse']:.1f}, "
              f"clusters {s['clusters']:.1f}); executors spent {s['executor_analysis']:.1f} s analysing")
        for f in rep["failures"]:
            print(f"failed [{f['stage']}] {f['origin']}: {f['error']}", file=sys.stderr)
    return 0


def _under_spark_submit() -> bool:
    import os
    return bool(os.environ.get("SPARK_ENV_LOADED") or os.environ.get("PYSPARK_GATEWAY_PORT"))
