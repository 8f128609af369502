"""``redline load --from-parquet DIR``: bring a Spark run's output into the store."""
from __future__ import annotations

import json
import sys

from ._db import add_db


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "load", help="load a `redline spark extract` Parquet output into the store",
        description="Load the Parquet tables written by `redline spark extract` into the store "
                    "(SQLite or PostgreSQL) that `redline query` and `redline serve` read. Each "
                    "article is stored whole in one transaction with its signature and event "
                    "cluster counts; articles already stored are skipped, so loading is idempotent.")
    p.add_argument("--from-parquet", required=True, metavar="DIR", dest="from_parquet",
                   help="output directory of `redline spark extract`")
    add_db(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..spark.load import load
    from ..store.db import open_store

    try:
        with open_store(args.db) as store:
            rep = load(args.from_parquet, store)
            counts = store.counts()
    except ValueError as exc:
        print(f"redline load: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps({**rep, "store": counts}))
    else:
        print(f"loaded {rep['articles']} articles, {rep['duplicates']} near-duplicates, "
              f"{rep['failed']} failed items from {rep['days']} days; {rep['skipped']} already stored "
              f"({rep['seconds']:.1f} s)")
        print(f"store: {counts['articles']} articles, {counts['events']} events "
              f"({counts['event_clusters']} clusters), {counts['quotes']} quotes, "
              f"{counts['entities']} entities, {counts['failed']} failed items")
    return 0
