"""The rendered-page cache moves inside the library.

Exports used to keep the HTML of every page (drafts too) in a cache file
under the user's home, which outlived the library it came from. Kept here,
deleting the library deletes its words, and a copied library exports warm.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "render_cache",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("html", sa.LargeBinary(), nullable=False),
        sa.Column("used_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
