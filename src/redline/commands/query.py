"""``redline query``: events from the store, filtered, as a table or JSON."""
from __future__ import annotations

import json
import sys

from ._db import add_db


def _csv(values):
    out = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def snippet(r: dict, width: int = 50):
    """The evidence sentence around the trigger (trigger in bold)."""
    from rich.text import Text

    sent = r.get("sentence_text") or ""
    ss, ts, te = r.get("sentence_start"), r.get("trigger_start"), r.get("trigger_end")
    if not sent or ss is None or ts is None or te is None or not (ss <= ts <= te <= ss + len(sent)):
        return Text(r.get("trigger_text") or sent[: 2 * width])
    a, b = ts - ss, te - ss
    lo, hi = max(0, a - width), min(len(sent), b + width)
    t = Text("…" if lo else "")
    t.append(sent[lo:a])
    t.append(sent[a:b], style="bold")
    t.append(sent[b:hi] + ("…" if hi < len(sent) else ""))
    return t


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "query", help="list stored events matching filters",
        description=(
            "List events from the store. Actor terms: a 3-letter upper-case code (PRK, RUS, "
            "IGO) matches actors of that country; any other text matches actors whose name "
            "contains it (case-insensitive)."))
    add_db(p)
    p.add_argument("--dyad", metavar="SRC:TGT", help="source and target actors or countries, e.g. PRK:RUS")
    p.add_argument("--both", action="store_true", help="with --dyad, both directions")
    p.add_argument("--actor", metavar="TERM", help="an actor or country on either side")
    p.add_argument("--type", action="append", metavar="TYPE", help="PLOVER type(s), e.g. ASSAULT,AID (repeatable)")
    p.add_argument("--factuality", action="append", metavar="F",
                   help="asserted, reported, hypothetical, ... (comma-separated or repeated)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="events on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="events on or before this day")
    p.add_argument("--text", metavar="WORDS", help="substring of the evidence sentence or the article title")
    p.add_argument("--article", metavar="ID", help="events of one article (its content-hash id)")
    p.add_argument("--limit", type=int, default=50, help="rows to show (default 50; 0 = all)")
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--format", choices=["table", "json", "jsonl"], default="table")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..store.db import open_store
    from ..store.queries import EventFilter, count_events, find_events, parse_dyad

    f = EventFilter(actor=args.actor, types=_csv(args.type), factuality=_csv(args.factuality),
                    since=args.since, until=args.until, text=args.text, article_id=args.article,
                    both_directions=args.both)
    if args.dyad:
        try:
            f.source, f.target = parse_dyad(args.dyad)
        except ValueError as exc:
            print(f"redline query: {exc}", file=sys.stderr)
            return 2
    with open_store(args.db) as store:
        rows = find_events(store, f, limit=args.limit or None, offset=args.offset)
        total = count_events(store, f)
    if args.format == "json":
        print(json.dumps({"total": total, "events": rows}, ensure_ascii=False, default=str))
        return 0
    if args.format == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))
        return 0
    from rich.console import Console
    from rich.table import Table

    def actor(name, country):
        if not name and not country:
            return ""
        return f"{name or ''} [{country}]" if country else (name or "")

    t = Table(title=f"{len(rows)} of {total} events", show_lines=False)
    for col, kw in (("day", {}), ("type", {}), ("source", {"max_width": 24}), ("target", {"max_width": 24}),
                    ("factuality", {}), ("score", {"justify": "right"}), ("arts", {"justify": "right"}),
                    ("srcs", {"justify": "right"}), ("evidence", {"min_width": 30, "ratio": 1})):
        t.add_column(col, **kw)
    for r in rows:
        s = snippet(r)
        t.add_row(r.get("day") or "", (r.get("type") or "") + (f"/{r['mode']}" if r.get("mode") else ""),
                  actor(r.get("source_name"), r.get("source_country")),
                  actor(r.get("target_name"), r.get("target_country")),
                  r.get("factuality") or "", "" if r.get("score") is None else f"{r['score']:+.1f}",
                  str(r.get("num_articles") or ""), str(r.get("num_sources") or ""),
                  s)
    Console().print(t)
    return 0
