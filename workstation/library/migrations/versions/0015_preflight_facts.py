"""What preflight read in each article's own text, kept so ``check`` reads an unchanged article once.

``preflight_facts`` holds, per article, what ``publish.preflight_facts`` found
in its headline, dek and body (notes, house limits, images, links, house
style), and ``code``: a digest of the code and house-style rules that found
it. Triggers delete an article's row whenever its headline, dek or body is
written (or its id is reused), whoever writes, so a row that exists was made
from exactly the text the article holds now.

On a library file only: a newsroom has many writers, and a check's row
could land after another desk's save had already made it stale.
This table carries no change-marker triggers, as ``render_cache`` does not:
filling it changes nothing an export shows.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TRIGGERS = (
    "CREATE TRIGGER preflight_facts_article_new AFTER INSERT ON articles BEGIN "
    "DELETE FROM preflight_facts WHERE article_id = new.id; END",
    "CREATE TRIGGER preflight_facts_article_changed AFTER UPDATE OF id, headline, dek, body ON articles BEGIN "
    "DELETE FROM preflight_facts WHERE article_id IN (old.id, new.id); END",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_table(
        "preflight_facts",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("house_style", sa.Text(), nullable=True),
    )
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
