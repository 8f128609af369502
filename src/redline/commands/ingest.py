"""``redline ingest SOURCE...``: analyse articles into the store."""
from __future__ import annotations

import json
import sys

from ._db import add_db


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ingest", help="analyse articles from files, feeds, URLs or WARC archives into a store",
        description=(
            "Analyse articles into the store (SQLite by default, or PostgreSQL). SOURCE is a "
            ".txt/.html/.jsonl file, a directory, '-' (JSONL on stdin), an RSS/Atom feed file "
            "(.rss/.atom/.xml) or URL (each entry's page is fetched), a page URL, or a "
            "WARC/WARC.gz file. Articles already stored (same content hash) are skipped, so a "
            "run can be repeated or resumed after a crash; near-duplicates are linked, not "
            "analysed again; failures are recorded and listed at the end. Exit status: 0 all "
            "items stored, 1 some items failed (recorded in the store) or a store error, 2 bad "
            "usage."))
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    add_db(p)
    p.add_argument("--workers", "-j", type=int, default=1, metavar="N",
                   help="analysis processes (default 1)")
    p.add_argument("--published", metavar="YYYY-MM-DD", default=None,
                   help="publication date for articles that carry none")
    p.add_argument("--allow-private", action="store_true",
                   help="allow fetching from loopback, private and link-local addresses")
    p.add_argument("--no-dedup", action="store_true", help="do not detect near-duplicates")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="summary format (default text)")
    p.set_defaults(func=run)


def run(args) -> int:
    from rich.console import Console

    from ..corpus.batch import ingest
    from ..store.db import open_store

    from ..ingest import check_cli_date

    try:
        args.published, note = check_cli_date(args.published)
    except ValueError as exc:
        print(f"redline ingest: {exc}", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("redline ingest: --workers must be at least 1", file=sys.stderr)
        return 2
    console = Console(stderr=True)
    if note:
        console.print(f"note: {note}", highlight=False)
    with open_store(args.db) as store:
        store.check_writable()  # a read-only store fails now, before any analysis
        rep = ingest(args.sources, store, workers=args.workers, published=args.published,
                     allow_private=args.allow_private, progress=not args.no_progress and console.is_terminal,
                     dedupe=not args.no_dedup)
        counts = store.counts()
    if args.format == "json":
        print(json.dumps({**rep.as_dict(), "store": counts}, ensure_ascii=False))
    else:
        console.print(
            f"read {rep.read}: stored {rep.stored}, near-duplicates linked {rep.duplicates}, "
            f"already stored {rep.skipped}, failed {rep.failed} "
            f"({rep.seconds:.1f} s; {rep.rate:.2f} articles/s analysed)")
        console.print(f"store {store.url}: {counts['articles']} articles, {counts['events']} events, "
                      f"{counts['quotes']} quotes, {counts['entities']} entities, "
                      f"{counts['duplicates']} duplicates, {counts['failed']} failed items")
        for f in rep.failures[:50]:
            console.print(f"[red]failed[/red] {f['origin']}: {f['error']}", markup=True, highlight=False)
        if len(rep.failures) > 50:
            console.print(f"... and {len(rep.failures) - 50} more (see `redline stats --failures`)")
    # like `extract`: 1 when any item failed (recorded in the store), 0 when all went in
    return 1 if rep.failed else 0
