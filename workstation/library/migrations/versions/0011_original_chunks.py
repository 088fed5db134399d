"""Photo originals in chunks of at most 1 MiB: ``photo_originals`` is keyed by (photo_id, seq).

A 50 MB original kept in one value must be held whole by whoever writes
or reads it (a PostgreSQL ``bytea`` cannot be written piecewise, and
libpq returns a result whole); in rows of 1 MiB it is written and read a
piece at a time (``library.original_store``). Existing originals are cut
into pieces here: on SQLite each is read once through incremental blob
I/O, on PostgreSQL ``substring`` cuts them on the server. The chunks
keep ``bytea`` storage uncompressed on PostgreSQL (``STORAGE EXTERNAL``):
pictures do not compress, so trying costs CPU for nothing.

SQLite rebuilds the table (its primary key changes), which drops its
change-marker triggers; they are created again.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

from workstation.library.changes import marker_triggers

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

CHUNK = 1024 * 1024


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        _upgrade_postgresql()
        return
    op.create_table(
        "photo_original_chunks",
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["photo_id"], ["photos.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("photo_id", "seq"),
    )
    _cut_sqlite()
    op.drop_table("photo_originals")
    op.rename_table("photo_original_chunks", "photo_originals")
    for statement in marker_triggers("photo_originals", dialect):
        op.execute(statement)


def _cut_sqlite() -> None:
    """Copy every original into the new table in pieces, reading each through a blob handle, once."""
    connection = op.get_bind().connection.driver_connection
    ids = [row[0] for row in connection.execute("SELECT photo_id FROM photo_originals ORDER BY photo_id")]
    for photo_id in ids:
        kind, length = connection.execute(
            "SELECT typeof(data), length(CAST(data AS BLOB)) FROM photo_originals WHERE photo_id = ?", (photo_id,)
        ).fetchone()
        if kind != "blob":
            # Damaged (text, a number): carried over as it is, for the integrity check to report.
            connection.execute(
                "INSERT INTO photo_original_chunks (photo_id, seq, data) "
                "SELECT photo_id, 0, data FROM photo_originals WHERE photo_id = ?",
                (photo_id,),
            )
            continue
        with connection.blobopen("photo_originals", "data", photo_id, readonly=True) as blob:
            for seq, offset in enumerate(range(0, max(length, 1), CHUNK)):
                connection.execute(
                    "INSERT INTO photo_original_chunks (photo_id, seq, data) VALUES (?, ?, ?)",
                    (photo_id, seq, blob.read(CHUNK)),
                )


def _upgrade_postgresql() -> None:
    op.add_column("photo_originals", sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
    op.alter_column("photo_originals", "seq", server_default=None)
    op.execute("ALTER TABLE photo_originals DROP CONSTRAINT photo_originals_pkey")
    op.create_primary_key("photo_originals_pkey", "photo_originals", ["photo_id", "seq"])
    op.execute("ALTER TABLE photo_originals ALTER COLUMN data SET STORAGE EXTERNAL")
    op.execute(
        "INSERT INTO photo_originals (photo_id, seq, data) "
        f"SELECT o.photo_id, s.seq, substring(o.data FROM s.seq * {CHUNK} + 1 FOR {CHUNK}) "
        "FROM photo_originals o, "
        f"generate_series(1, greatest(0, (length(o.data) - 1) / {CHUNK})) AS s(seq) WHERE o.seq = 0"
    )
    op.execute(f"UPDATE photo_originals SET data = substring(data FROM 1 FOR {CHUNK}) WHERE length(data) > {CHUNK}")


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
