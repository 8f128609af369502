"""``redline export``: a store as PLOVER JSONL, GDELT-style TSV or Parquet files."""
from __future__ import annotations

import json

from ._db import add_db


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="export a store as PLOVER JSONL, GDELT-2.0-style TSV or Parquet",
        description=(
            "plover-jsonl: one PLOVER record per event mention (PLOVER manual ch. 6 field names). "
            "gdelt-tsv: one row per real-world event (mentions clustered across articles) in GDELT "
            "2.0's 61-column event layout, with NumMentions/NumSources/NumArticles. parquet: a "
            "directory with one Parquet file per table (articles, entities, mentions, quotes, "
            "events, event_actors, dates, places, equipment, quantities, terms, failures, "
            "event_clusters)."))
    add_db(p)
    p.add_argument("--format", required=True, choices=["plover-jsonl", "gdelt-tsv", "parquet"])
    p.add_argument("--out", required=True, metavar="PATH",
                   help="output file (a directory for parquet)")
    p.add_argument("--header", action="store_true", help="gdelt-tsv: write a header line (GDELT's files have none)")
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from ..store import export
    from ..store.db import open_store

    with open_store(args.db) as store:
        if args.format == "plover-jsonl":
            n = export.write_plover(store, args.out)
            print(f"wrote {n} PLOVER records to {args.out}", file=sys.stderr)
        elif args.format == "gdelt-tsv":
            n = export.write_gdelt(store, args.out, header=args.header)
            print(f"wrote {n} GDELT event rows to {args.out}", file=sys.stderr)
        else:
            counts = export.write_parquet(store, args.out)
            print(f"wrote Parquet tables to {args.out}: {json.dumps(counts)}", file=sys.stderr)
    return 0
