"""Nothing is dropped for photos and authors either: the losing side of a field conflict, kept.

A photo field or author field edited on two desks at once keeps one value
on the record; ``record_revisions`` keeps the other (the fields as the
losing writer had them), so the desk can show it and restore it.
``kind`` is "photo" or "author" and ``row_id`` that record's id: no
foreign key, so a kept version outlives a deleted photo and a
take-out file can carry it. It changes no page, so it has no
change-marker triggers.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_revisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False, server_default="conflict"),
        sa.Column("by_user", sa.Text(), nullable=False, server_default=""),
        sa.Column("fields", sa.Text(), nullable=False, server_default="{}"),
    )
    op.create_index("ix_record_revisions_kind_row", "record_revisions", ["kind", "row_id"])


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
