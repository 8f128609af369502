"""entities: knowledge-base name and country evidence; events: the act's object

Revision ID: 0004
Revises: 0003

* ``entities.kb``: the knowledge-base name of a known person or organisation;
* ``entities.evidence``: the resolution pass that gave the entity's country
  (``knowledge``, ``descriptor:nationality``, ``story``...);
* ``events.object``: what the act is about when it is no actor, a JSON list of
  ``{name, entity, country, sector, start, end, text}``.

Nullable columns added in place (``ALTER TABLE ... ADD COLUMN``, on SQLite too: no
table is recreated, so the ``event_actors`` trigger of 0003 is untouched). Rows
already stored keep everything they had; their new columns are null (not known then).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entities", sa.Column("kb", sa.Text(), nullable=True))
    op.add_column("entities", sa.Column("evidence", sa.String(), nullable=True))
    op.add_column("events", sa.Column("object", sa.Text(), nullable=True))


def downgrade() -> None:
    # batch mode: SQLite before 3.35 cannot drop a column in place (events and
    # entities have no triggers, so recreating them loses nothing)
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("object")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_column("evidence")
        batch_op.drop_column("kb")
