"""``redline build``: regenerate the package's derived data from reference sources."""
from __future__ import annotations

import sys
from pathlib import Path


def _default_out() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "actors"


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help="regenerate derived data tables (the actor knowledge base)")
    sub = p.add_subparsers(dest="what", metavar="WHAT")
    a = sub.add_parser(
        "actors",
        help="convert PETRARCH2's dictionaries and Wikidata's leaders into data/actors/*.tsv",
        description=(
            "Convert the reference dictionaries of SOURCE (petrarch2/Phoenix.*.txt, "
            "wikidata/world-leaders.csv; see its README.md) into the package's actor tables: "
            "people.tsv, organisations.tsv, regions.tsv, agents.tsv. Deterministic: two runs "
            "give byte-identical files. Hand tables (current_officeholders.tsv, "
            "regions_hand.tsv, organisations_hand.tsv) are not touched."
        ),
    )
    a.add_argument("--source", type=Path, default=Path("../shared/data/actors"),
                   help="directory of the reference dictionaries (default: ../shared/data/actors)")
    a.add_argument("--out", type=Path, default=None,
                   help="output directory (default: the installed package's data/actors)")
    a.set_defaults(func=run_actors)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser) -> int:
    parser.print_help()
    return 2


def run_actors(args) -> int:
    from ..training.actors_kb import build

    out = args.out or _default_out()
    try:
        report = build(args.source, out, log=lambda s: print(s, file=sys.stderr))
    except FileNotFoundError as exc:
        print(f"redline build actors: {exc}", file=sys.stderr)
        return 2
    total = sum(report.files.values())
    print(f"wrote {total:,} rows to {out}: " +
          ", ".join(f"{name} {n:,}" for name, n in report.files.items()))
    return 0
