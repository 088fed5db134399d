"""Presence in a newsroom: who holds which article, and a notice on every change.

On PostgreSQL only. The ``holds`` table names, per article, the person
editing it and the server process of their desk's presence connection
(``library.holds``); the change-marker function is replaced by one that
also announces the changed table on ``CHANGES_CHANNEL``, so that other
desks refresh their lists. A library file has one writer and no presence:
this revision leaves its schema as it was.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

from workstation.library.changes import marker_function_postgresql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_table(
        "holds",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_name", sa.Text(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_holds_pid", "holds", ["pid"])
    op.execute(marker_function_postgresql(announcing=True))


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
