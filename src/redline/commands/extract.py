"""``redline extract``: analyse articles and print the structured result."""
from __future__ import annotations

import json
import sys

from rich.console import Console

EPILOG = """\
inputs: .txt files (the text is used unchanged), .html/.htm pages (main text, title,
date and site through trafilatura), .jsonl files of {"id", "text"|"html", "published"?,
"title"?, "source"?, "url"?} records, directories of these (recursively), or - for
JSONL on standard input.

output formats:
  jsonl    one JSON object per article and line, in input order (the default;
           fields in schema/article.schema.json)
  json     one JSON array of the same objects
  pretty   a readable terminal view: entities, quotes, events, details
  summary  one line per article with its main quotes and events

An item that cannot be analysed still gets its output record, with "error" set;
the message also goes to stderr. Exit status: 0 all analysed, 1 some items failed,
2 bad usage.

examples:
  redline extract examples/ --format summary
  redline extract article.txt --published 2024-11-04 --format pretty
  cat stories.jsonl | redline extract - --workers 2 > out.jsonl
"""


def register(sub):
    p = sub.add_parser(
        "extract", help="analyse articles and print quotes, events, actors, dates, places...",
        description="Analyse articles: who said what, who did what to whom, when, where, "
                    "with what, how many. Every datum carries character offsets into the text.",
        epilog=EPILOG, formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for JSONL on stdin")
    p.add_argument("--format", "-f", choices=["jsonl", "json", "pretty", "summary"], default="jsonl")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none (anchors relative dates)")
    p.add_argument("--workers", "-w", type=int, default=1, metavar="N",
                   help="analyse with N processes (default 1)")
    p.add_argument("--no-text", action="store_true", help="omit the article text from JSON output")
    p.add_argument("--event-threshold", metavar="P", default=None,
                   help="keep the events the learned 'no event' decision gives a probability of at "
                        "least P (0 to 1; default 0.2, stored with the model). 0 keeps every event "
                        "the rules pass: more events found, more of them wrong (docs/events.md); "
                        "also $REDLINE_EVENT_THRESHOLD")
    p.add_argument("--actors", action="append", default=[], metavar="FILE",
                   help="a user actor file (TSV: kind name aliases country sector role start end; "
                        "see docs/actors.md); repeatable, added to $REDLINE_ACTORS, wins over "
                        "the packaged tables")
    p.set_defaults(func=run)


def record_json(article, no_text: bool = False) -> str:
    """The JSON line ``redline extract --format jsonl`` writes for an analysed article
    (also what ``redline eval articles --out`` writes and scores)."""
    d = article.to_dict()
    d.pop("meta", None)
    if no_text:
        d.pop("text", None)
    return json.dumps(d, ensure_ascii=False)


def run(args) -> int:
    from ..batch import run as run_batch
    from ..ingest import read_inputs
    from .. import render

    err = Console(stderr=True)
    import os

    from .. import knowledge

    if args.event_threshold is not None:
        from ..extract import event_none
        try:
            event_none.parse_threshold(args.event_threshold)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        # Through the environment, so that worker processes use the same threshold.
        os.environ[event_none.ENV_VAR] = args.event_threshold
    if args.actors:
        # Through the environment, so that worker processes load the same files.
        os.environ[knowledge.ENV_VAR] = os.pathsep.join(
            [p for p in os.environ.get(knowledge.ENV_VAR, "").split(os.pathsep) if p] + args.actors)
        knowledge.reload()
    if os.environ.get(knowledge.ENV_VAR):
        # A bad user file is a usage error, not a failure of every article.
        try:
            knowledge.check_user_files()
        except knowledge.ActorFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        articles = read_inputs(args.paths, published=args.published)
        first = next(articles, None)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 2
    if first is None:
        err.print("[red]error:[/red] no input articles found in " + " ".join(args.paths))
        return 2

    def chain():
        yield first
        yield from articles

    failed = 0
    out = sys.stdout
    results = run_batch(chain(), workers=max(1, args.workers))
    console = Console()
    if args.format == "summary":
        ok, failed = render.summary(results, console)
        console.print(f"[dim]{ok} analysed, {failed} failed[/dim]")
        return 1 if failed else 0
    if args.format == "json":
        out.write("[")
    n = 0
    for a in results:
        if a.error:
            failed += 1
            err.print(f"[red]error[/red] {a.id}: {a.error}", highlight=False)
        if args.format == "pretty":
            render.pretty(a, console)
            continue
        line = record_json(a, no_text=args.no_text)
        if args.format == "json":
            out.write(("," if n else "") + "\n" + line)
        else:
            out.write(line + "\n")
        n += 1
    if args.format == "json":
        out.write("\n]\n")
    out.flush()
    return 1 if failed else 0
