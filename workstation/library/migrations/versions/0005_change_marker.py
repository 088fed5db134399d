"""A change marker: one settings row that every write to the library's content replaces.

``workstation export`` into a folder it already wrote compares the marker
with the one that export recorded and finishes at once when they match,
without loading the library. Triggers replace it on every insert, update
and delete of every table an export could read, so no way of writing
(the app, the command line, a script, the ``sqlite3`` shell) can leave it
standing. The new value is random rather than a counter so that two copies
of one library, each changed once, never carry the same marker.

A later migration that rebuilds one of these tables (Alembic's batch mode
on SQLite) drops its triggers and must create them again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from alembic import op

from workstation.library.changes import MARKER_KEY as MARKER
from workstation.library.changes import NEW_MARKER_VALUE_POSTGRESQL, marker_function_postgresql, marker_triggers

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Every table an export reads, and the desk-only ones beside them: a write to
# any of them may change the site. ``render_cache`` (written by the export
# itself) and the search index (kept by its own triggers) are left out.
TABLES = (
    "settings",
    "sections",
    "tags",
    "authors",
    "photos",
    "photo_originals",
    "photo_thumbnails",
    "articles",
    "article_authors",
    "article_tags",
    "revisions",
    "dictionary_words",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            f"INSERT INTO settings (key, value) VALUES ('{MARKER}', {NEW_MARKER_VALUE_POSTGRESQL}) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        op.execute(marker_function_postgresql())
    else:
        op.execute(f"INSERT OR REPLACE INTO settings (key, value) VALUES ('{MARKER}', lower(hex(randomblob(8))))")
    for table in TABLES:
        for statement in marker_triggers(table, dialect):
            op.execute(statement)


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
