"""Publishing history: the last published change, corrections, and notes on revisions.

``articles.modified_at`` is the time of the last published change (set by
publishing, updating and correcting, never by an autosave or an import
without ``updated:``): the page's ``dateModified``, the feed's ``updated``
and the sitemap's ``lastmod``. ``corrections`` holds the dated notes shown
at the foot of a corrected article; ``revisions.note`` keeps the words that
go with a publishing decision (the reason typed to override preflight, the
text of a correction).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

from workstation.library.changes import marker_triggers

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("modified_at", sa.String(length=40), nullable=True))
    op.add_column("revisions", sa.Column("note", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("noted_at", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_corrections_article_id", "corrections", ["article_id"])
    for statement in marker_triggers("corrections", op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
