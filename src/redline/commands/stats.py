"""``redline stats``: counts of what a store holds."""
from __future__ import annotations

import json

from ._db import add_db


def register(subparsers) -> None:
    p = subparsers.add_parser("stats", help="counts of articles, quotes, events, entities and failures in a store")
    add_db(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--failures", action="store_true", help="also list the failed items and their errors")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..store.db import open_store

    with open_store(args.db) as store:
        counts = store.counts()
        fails = store.failures() if args.failures else None
    if args.format == "json":
        out = dict(counts)
        if fails is not None:
            out["failures"] = fails
        print(json.dumps(out, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"store {store.url}")
    t.add_column("what")
    t.add_column("count", justify="right")
    for k, v in counts.items():
        t.add_row(k, f"{v:,}")
    console = Console()
    console.print(t)
    if fails:
        ft = Table(title="failed items")
        for c in ("origin", "stage", "error"):
            ft.add_column(c, overflow="fold")
        for f in fails:
            ft.add_row(f.get("origin") or "", f.get("stage") or "", f.get("error") or "")
        console.print(ft)
    return 0
