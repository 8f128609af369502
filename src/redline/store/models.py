"""SQLAlchemy 2 models of the store, built from :mod:`redline.store.tables`.

The per-article tables come straight from :data:`tables.TABLES` (one definition of
the tabular form); the store adds three tables of its own:

* ``signatures``: each analysed article's MinHash signature, so near-duplicate
  detection survives restarts without re-reading texts;
* ``event_clusters``: one row per real-world event (see
  :func:`tables.event_cluster_id`) with GDELT-style counts (mentions, articles,
  sources), refreshed in the same transaction as the articles that touch it;
* ``actor_names``: every distinct actor name of ``event_actors`` with an integer id.
  A few thousand rows where ``event_actors`` has hundreds of thousands, so a name
  given in part ("Putin", "north korea") is looked up by substring here, and events
  are then found through the ``event_actors`` name index by exact names. Kept up to
  date by a database trigger on ``event_actors`` inserts (created by migration
  0003), so every writer (ingest, Spark load, bulk inserts) fills it without knowing
  about it. (Later migrations: SQLite's batch mode recreates a table it alters,
  which drops the table's triggers; re-create the trigger then.)

The schema itself is created by the versioned Alembic migrations in
``redline/store/migrations``; a test checks the two never drift apart.
"""
from __future__ import annotations

import sqlalchemy as sa

from . import tables as T

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
})

_TYPES = {
    "str": sa.String, "text": sa.Text, "json": sa.Text,
    "int": sa.Integer, "float": sa.Float, "bool": sa.Boolean,
}

#: the key of an event row, appended to the indexes below so that they *cover* the
#: event filters: a page of event keys is read from an index alone, in order.
_EV = ("article_id", "event_id")

#: secondary indexes, for the queries of ``redline query``/``dyad``/``serve``
#: (revision 0003 made the event ones composite, see its docstring).
INDEXES: dict[str, list[tuple[str, ...]]] = {
    "articles": [("day",), ("duplicate_of",), ("ext_id",), ("source",)],
    "entities": [("name",), ("country",)],
    "quotes": [("speaker_name",), ("speaker_entity",), ("speaker_country",)],
    "events": [("day", *_EV), ("type", "day", *_EV), ("factuality", "day", *_EV),
               ("score", "day", *_EV), (*_EV, "day", "score"), ("cluster_id",),
               ("source_country", "target_country"), ("source_name",), ("target_name",)],
    "event_actors": [("country", "role", *_EV), ("name", "role", *_EV)],
    "failures": [("stage",)],
}


def _table(name: str) -> sa.Table:
    cols = []
    keys = T.KEYS[name]
    for c in T.TABLES[name]:
        cols.append(sa.Column(c.name, _TYPES[c.type](), primary_key=c.name in keys,
                              nullable=False if c.name in keys else c.nullable))
    idx = [sa.Index(None, *cs) for cs in INDEXES.get(name, [])]
    return sa.Table(name, metadata, *cols, *idx)


TABLES: dict[str, sa.Table] = {name: _table(name) for name in T.TABLES}

signatures = sa.Table(
    "signatures", metadata,
    sa.Column("article_id", sa.String(), primary_key=True),
    sa.Column("minhash", sa.LargeBinary(), nullable=False),
)

event_clusters = sa.Table(
    "event_clusters", metadata,
    sa.Column("cluster_id", sa.String(), primary_key=True),
    sa.Column("type", sa.String()),
    sa.Column("day", sa.String()),
    sa.Column("source_code", sa.String()),
    sa.Column("target_code", sa.String()),
    sa.Column("num_mentions", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("num_articles", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("num_sources", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("first_article", sa.String()),
    sa.Index(None, "day"),
    sa.Index(None, "type"),
)

actor_names = sa.Table(
    "actor_names", metadata,
    sa.Column("name_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Index(None, "name", unique=True),
)

articles = TABLES["articles"]
events = TABLES["events"]
event_actors = TABLES["event_actors"]
quotes = TABLES["quotes"]
entities = TABLES["entities"]
failures = TABLES["failures"]
