"""No silent overwrite, and who is who: row versions, the newsroom's users, who did each revision.

``articles``, ``photos`` and ``authors`` carry a ``version`` that every
update bumps (the models' ``version_id_col``), so a save made against a
version that has since moved on is noticed and merged instead of applied
blindly, and ``updated_by``, who made that version (so a desk can say whose
changes it merged). ``users`` is the newsroom's list of who works in it, by display
name; ``revisions.by_user`` and ``corrections.by_user`` name who did each
(a name, not a key, so that it survives a take-out into a file). Plain
added columns and a new table, so every table keeps its change-marker triggers;
``users`` does not change a page and has none.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

VERSIONED = ("articles", "photos", "authors")
ATTRIBUTED = ("revisions", "corrections")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=300), nullable=False, unique=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
    )
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        op.add_column(table, sa.Column("updated_by", sa.Text(), nullable=False, server_default=""))
    for table in ATTRIBUTED:
        op.add_column(table, sa.Column("by_user", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
