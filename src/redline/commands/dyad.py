"""``redline dyad A B``: weekly conflict-cooperation scores from A to B."""
from __future__ import annotations

import json
import sys

from ._db import add_db


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "dyad", help="weekly sum and mean of event scores from one actor or country to another",
        description=(
            "Weekly series (weeks start on Monday) of the scores of events from A to B. A and B "
            "are 3-letter country codes (PRK, RUS) or parts of actor names. By default each "
            "real-world event (a cluster of mentions across articles) counts once, and only "
            "asserted and reported events count."))
    p.add_argument("source", metavar="A")
    p.add_argument("target", metavar="B")
    add_db(p)
    p.add_argument("--measure", choices=["score", "goldstein"], default="score",
                   help="PLOVER score (default) or Goldstein scale")
    p.add_argument("--per", choices=["event", "mention"], default="event",
                   help="count each clustered event once (default) or every mention")
    p.add_argument("--factuality", default=None,
                   help="comma-separated factualities to count (default asserted,reported; 'all' for any)")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--png", metavar="PATH", help="also draw the series into this PNG file")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=run)


def plot(series: list[dict], path: str, title: str, measure: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import datetime as dt

    import matplotlib.pyplot as plt

    weeks = [dt.date.fromisoformat(r["week"]) for r in series]
    sums = [r["sum"] for r in series]
    means = [r["mean"] if r["mean"] is not None else float("nan") for r in series]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 5.5), sharex=True)
    colours = ["tab:red" if v < 0 else "tab:blue" for v in sums]
    ax1.bar(weeks, sums, width=5, color=colours)
    ax1.axhline(0, color="grey", lw=0.8)
    ax1.set_ylabel(f"weekly sum of {measure}")
    ax1.set_title(title)
    ax2.plot(weeks, means, marker="o", color="black", lw=1)
    ax2.axhline(0, color="grey", lw=0.8)
    ax2.set_ylabel(f"weekly mean of {measure}")
    ax2.set_xlabel("week (starting Monday)")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(args) -> int:
    from ..store.db import open_store
    from ..store.queries import dyad_series

    fact = None
    if args.factuality:
        fact = [] if args.factuality.strip().lower() == "all" else \
            [x.strip() for x in args.factuality.split(",") if x.strip()]
    with open_store(args.db) as store:
        series = dyad_series(store, args.source, args.target, measure=args.measure, factuality=fact,
                             since=args.since, until=args.until, per=args.per)
    if args.png:
        if series:
            plot(series, args.png, f"{args.source} → {args.target}", args.measure)
        else:
            print(f"redline dyad: no events from {args.source} to {args.target}; no plot written",
                  file=sys.stderr)
    if args.format == "json":
        print(json.dumps({"source": args.source, "target": args.target, "measure": args.measure,
                          "per": args.per, "weeks": series}, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{args.source} → {args.target}: weekly {args.measure} ({args.per}s)")
    for c in ("week", "events", "mentions", "sum", "mean"):
        t.add_column(c, justify="right" if c != "week" else "left")
    for r in series:
        t.add_row(r["week"], str(r["events"]), str(r["mentions"]),
                  f"{r['sum']:+.2f}" if r["events"] else "", f"{r['mean']:+.2f}" if r["mean"] is not None else "")
    Console().print(t)
    if not series:
        print(f"no events from {args.source} to {args.target}", file=sys.stderr)
    return 0
