"""Photos carry keywords and the IPTC Photo Metadata 2025.1 fields a newsroom needs.

Keywords (MWG's "semicolon-space" list in one text), the accessibility
extended description (the alt text column exists already), the digital
source type and data-mining permission (controlled-vocabulary URIs; an
empty data mining means the house default from Preferences), and the web
statement of rights and licensor URL that make an image licensable in
search. Plain added columns: the change-marker triggers on ``photos``
stay as they are.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = (
    ("keywords", sa.Text()),
    ("extended_description", sa.Text()),
    ("digital_source_type", sa.String(200)),
    ("data_mining", sa.String(200)),
    ("web_statement", sa.String(1000)),
    ("licensor_url", sa.String(1000)),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("photos", sa.Column(name, kind, nullable=False, server_default=""))


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
