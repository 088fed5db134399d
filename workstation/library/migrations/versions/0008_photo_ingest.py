"""Photo Mechanic-class ingest: culling marks, Content Credentials, ingest templates, code replacements.

Photos gain a star rating (0 to 5), a colour label and a pick/reject flag,
read from and written to XMP, and what their C2PA manifest said at import
(signer, time, tool, validation state) as a small JSON object. Ingest
templates and the code-replacement list live in their own tables, so they
travel with the library like its other settings. Neither is read by the
export, so they carry no change-marker triggers.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("photos", sa.Column("rating", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("photos", sa.Column("color_label", sa.String(length=30), nullable=False, server_default=""))
    op.add_column("photos", sa.Column("pick", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("photos", sa.Column("content_credentials", sa.Text(), nullable=False, server_default="{}"))
    op.create_table(
        "ingest_templates",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "code_replacements",
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
