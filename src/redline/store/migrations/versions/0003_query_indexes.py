"""covering indexes for the event filters; actor_names lookup table

Revision ID: 0003
Revises: 0002

What the workbench's event queries need (``redline serve``, ``redline query``):

* ``event_actors``: ``(country, role, article_id, event_id)`` and
  ``(name, role, article_id, event_id)`` replace the one-column ``country`` and
  ``name`` indexes: "events whose source is RUS" is read from the index alone,
  without touching a table row;
* ``events``: ``(day, ...)``, ``(type, day, ...)``, ``(factuality, day, ...)`` and
  ``(score, day, ...)``, each followed by the event key ``(article_id, event_id)``,
  replace ``day``, ``type`` and ``factuality``: a page of a type (or factuality in a
  date range) sorted by day, or of events sorted by score, is a range of one index,
  read in order, and deep pages skip index entries instead of rows;
  ``(article_id, event_id, day, score)`` lets the events matched through an actor
  index be checked against a date range and sorted without reading their rows;
* ``actor_names``: the distinct actor names (a few thousand), searched by substring
  for a name given in part; a trigger on ``event_actors`` keeps it up to date.

The trigger SQL is written here (not in the models) so that this revision stays
frozen. Rows are kept: the new table is filled from ``event_actors``.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_EV = ["article_id", "event_id"]

#: (table, old one-column index, new index name, new index columns)
_REPLACED = [
    ("events", "ix_events_day", "ix_events_day_article_id_event_id", ["day", *_EV]),
    ("events", "ix_events_type", "ix_events_type_day_article_id_event_id", ["type", "day", *_EV]),
    ("events", "ix_events_factuality", "ix_events_factuality_day_article_id_event_id",
     ["factuality", "day", *_EV]),
    ("events", None, "ix_events_score_day_article_id_event_id", ["score", "day", *_EV]),
    ("events", None, "ix_events_article_id_event_id_day_score", [*_EV, "day", "score"]),
    ("event_actors", "ix_event_actors_country", "ix_event_actors_country_role_article_id_event_id",
     ["country", "role", *_EV]),
    ("event_actors", "ix_event_actors_name", "ix_event_actors_name_role_article_id_event_id",
     ["name", "role", *_EV]),
]

TRIGGERS = {
    "sqlite": [
        "CREATE TRIGGER tr_event_actors_name AFTER INSERT ON event_actors "
        "WHEN NEW.name IS NOT NULL BEGIN "
        "INSERT OR IGNORE INTO actor_names (name) VALUES (NEW.name); END",
    ],
    "postgresql": [
        # one statement-level trigger: the new names of a whole INSERT at once, sorted
        # (concurrent writers then take the unique index's locks in the same order)
        "CREATE OR REPLACE FUNCTION redline_add_actor_names() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO actor_names (name) SELECT DISTINCT name FROM new_rows "
        "WHERE name IS NOT NULL ORDER BY name ON CONFLICT (name) DO NOTHING; "
        "RETURN NULL; END $$",
        "CREATE TRIGGER tr_event_actors_name AFTER INSERT ON event_actors "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION redline_add_actor_names()",
    ],
}

DROP_TRIGGERS = {
    "sqlite": ["DROP TRIGGER IF EXISTS tr_event_actors_name"],
    "postgresql": ["DROP TRIGGER IF EXISTS tr_event_actors_name ON event_actors",
                   "DROP FUNCTION IF EXISTS redline_add_actor_names()"],
}


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.create_table(
        "actor_names",
        sa.Column("name_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name_id", name=op.f("pk_actor_names")),
    )
    op.create_index(op.f("ix_actor_names_name"), "actor_names", ["name"], unique=True)
    for table, old, new, cols in _REPLACED:
        if old:
            op.drop_index(old, table_name=table)
        op.create_index(new, table, cols, unique=False)
    op.execute("INSERT INTO actor_names (name) SELECT DISTINCT name FROM event_actors "
               "WHERE name IS NOT NULL ORDER BY name")
    for sql in TRIGGERS.get(dialect, []):
        op.execute(sql)
    # planner statistics for the new indexes of a store that already has rows (an empty
    # store is analysed later, once filled: see redline.serve.app)
    if bind.execute(sa.text("SELECT 1 FROM events LIMIT 1")).first():
        for table in ("events", "event_actors", "actor_names"):
            op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for sql in DROP_TRIGGERS.get(dialect, []):
        op.execute(sql)
    for table, old, new, cols in reversed(_REPLACED):
        op.drop_index(new, table_name=table)
        if old:
            op.create_index(old, table, [cols[0]], unique=False)
    op.drop_index(op.f("ix_actor_names_name"), table_name="actor_names")
    op.drop_table("actor_names")
