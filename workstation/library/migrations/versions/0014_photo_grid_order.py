"""Indexes for a decade's archive: the photo grid's order, and the names offered for completion.

The grid lists photos newest taken first, those without a date last, then by
import (``photo_queries._filtered``). Without an index in that order every
listing sorted the whole table: with 300,000 photos, seconds before the grid
showed. With it, SQLite (and PostgreSQL) walk the index, and a filtered
listing stops as soon as it has its page. The photo desk also offers the
creators and credit lines already used (``photo_queries.known_creators``),
grouped by their trimmed text: indexes on those expressions let the count
read an index rather than every photo. Indexes only: no table changes, so
the change-marker triggers are untouched.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The grid's ORDER BY, term for term (an expression index is used only for the same expressions).
GRID_ORDER = "(date_taken IS NULL), date_taken DESC, imported_at DESC, id DESC"
INDEXES = {
    "ix_photos_grid_order": GRID_ORDER,
    "ix_photos_creator_trimmed": "(trim(creator))",
    "ix_photos_credit_line_trimmed": "(trim(credit_line))",
}


def upgrade() -> None:
    for name, terms in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON photos ({terms})")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
