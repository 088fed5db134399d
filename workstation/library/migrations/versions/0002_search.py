"""Full-text search (FTS5) over articles, photos and authors; the newsroom's spelling dictionary.

The FTS tables are external-content indexes kept in step by triggers, so
every write, from the ORM or from raw SQL, updates search in the same
transaction.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# table -> (fts table, indexed columns)
INDEXES = {
    "articles": ("articles_fts", ("headline", "dek", "body")),
    "photos": ("photos_fts", ("caption", "credit_line", "creator")),
    "authors": ("authors_fts", ("name", "bio")),
}
TOKENIZER = "unicode61 remove_diacritics 2"


def _statements(table: str, fts: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    watched = ", ".join(columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        f"tokenize='{TOKENIZER}', prefix='2 3')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {watched} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    for table, (fts, columns) in INDEXES.items():
        for statement in _statements(table, fts, columns):
            op.execute(statement)
    op.create_table(
        "dictionary_words",
        sa.Column("word", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("word"),
    )


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
