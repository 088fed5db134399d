"""An article's word target: the length its assignment asked for (0 for none).

The desk shows progress against it in the status bar and the article list;
the published page does not use it. A plain added column, so the
``articles`` table keeps its change-marker triggers.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("word_target", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    op.drop_column("articles", "word_target")
