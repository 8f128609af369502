"""Shared options of the store commands."""
from __future__ import annotations


def add_db(parser) -> None:
    parser.add_argument(
        "--db", metavar="URL", default=None,
        help="the store: a SQLite file path or URL (default ./redline.db, or $REDLINE_DB), "
             "or postgresql+psycopg://user:pass@host:port/dbname")
