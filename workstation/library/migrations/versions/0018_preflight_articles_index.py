"""Preflight's index: the articles it reads, by status then slug, with every field it reads of them.

``workstation check`` reads, of every published article, its slug, status,
headline, lead photo and the alt text the article gives it
(``publish.preflight``), in slug order. From the table that meant every
article's row, 5 KB with its text, fetched in id order and then sorted by
slug: with 100,000 articles, 80,000 of them published, a tenth of a
second of the check. This index holds exactly those fields (the id comes
with every entry), in that order, so the read walks it alone and needs no
sort. It is small (some 9 MB for 100,000 articles), and an article's save
writes it only when one of those fields changes: a body's autosave does
not.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

NAME = "ix_articles_preflight"
# Preflight's WHERE (status) and ORDER BY (slug), then the rest of what it reads (``preflight._ARTICLES``).
COLUMNS = ("status", "slug", "headline", "feature_photo_id", "feature_alt")


def upgrade() -> None:
    op.execute(f"CREATE INDEX {NAME} ON articles ({', '.join(COLUMNS)})")


def downgrade() -> None:
    op.execute(f"DROP INDEX {NAME}")
