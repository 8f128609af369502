"""The ``redline`` command line: one sub-command per module in ``redline.commands``.

Each command module defines ``register(subparsers)``; it adds its parser and sets
``func`` to the function that runs it and returns the exit status.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from . import __version__

# Order is the order shown by --help.
COMMANDS = [
    "extract", "ingest", "query", "stats", "export", "dyad", "serve",
    "load", "spark", "eval", "train", "build",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redline",
        description=(
            "Turn news about wars and international politics into structured, checkable "
            "data: who said what (quotes and speakers), who did what to whom (PLOVER "
            "events with actors, factuality and scores), when, where, with what, how many. "
            "Every datum points back to the characters it came from."
        ),
        epilog="Run `redline COMMAND --help` for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"redline {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debugging detail to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"redline.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("redline.commands"):
                continue  # command not part of this build
            raise
        module.register(sub)
    return parser


def _never_fail_encoding() -> None:
    """Whatever reaches stdout/stderr is written: a character the stream cannot encode
    (a lone surrogate that got past the readers, a terminal in Latin-1) is escaped
    (``\\udc80``) instead of raising UnicodeEncodeError and losing the records after it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a TextIOWrapper (tests, pipes replaced)
            pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    _never_fail_encoding()
    from .store.errors import StoreError

    try:
        return int(args.func(args) or 0)
    except StoreError as exc:
        print(f"redline {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
