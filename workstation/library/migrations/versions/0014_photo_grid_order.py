"""An index in the photo grid's own order, for a decade's archive.

The grid lists photos newest taken first, those without a date last, then by
import (``photo_queries._filtered``). Without an index in that order every
listing sorted the whole table: with 300,000 photos, seconds before the grid
showed. With it, SQLite (and PostgreSQL) walk the index, and a filtered
listing stops as soon as it has its page. An index only: no table changes,
so the change-marker triggers are untouched.

Revision ID: 0014
Revises: 0009
Create Date: 2026-12-06
"""

from alembic import op

revision = "0014"
down_revision = "0009"
branch_labels = None
depends_on = None

# The grid's ORDER BY, term for term (an expression index is used only for the same expressions).
GRID_ORDER = "(date_taken IS NULL), date_taken DESC, imported_at DESC, id DESC"


def upgrade() -> None:
    op.execute(f"CREATE INDEX ix_photos_grid_order ON photos ({GRID_ORDER})")


def downgrade() -> None:
    op.execute("DROP INDEX ix_photos_grid_order")
