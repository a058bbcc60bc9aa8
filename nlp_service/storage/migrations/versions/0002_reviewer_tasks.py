"""tasks a reviewer added: origin, who added them, their span

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 22:40:00.000000

Plain ``ADD COLUMN``s, never a batch table copy: on SQLite a copy drops ``tasks``, and with
foreign keys on that cascades into ``corrections`` and deletes every reviewer's history.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "tasks",
        sa.Column("origin", sa.String(length=16), nullable=False, server_default="machine"),
    )
    op.add_column("tasks", sa.Column("created_by", sa.String(length=128), nullable=True))
    op.add_column("tasks", sa.Column("span", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("tasks", "span")
    op.drop_column("tasks", "created_by")
    op.drop_column("tasks", "origin")
