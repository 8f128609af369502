"""quantities: the thing counted and the cited claimant's name

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quantities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("counted", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("claimant_name", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quantities", schema=None) as batch_op:
        batch_op.drop_column("claimant_name")
        batch_op.drop_column("counted")
