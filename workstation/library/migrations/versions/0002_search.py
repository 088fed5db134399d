"""Full-text search (FTS5) over articles, photos and authors; the newsroom's spelling dictionary.

The FTS tables are external-content indexes kept in step by triggers, so
every write, from the ORM or from raw SQL, updates search in the same
transaction.

On PostgreSQL (a newsroom) each ``*_fts`` table holds a weighted
``tsvector`` per record under a GIN index, kept by plpgsql triggers; words
are folded by ``workstation_search_fold`` (lower case, then ``unaccent``),
the one function both the index and every query (``library.fts``) call, so
case and accents are ignored as FTS5's ``remove_diacritics`` does here.

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
# PostgreSQL: each indexed column's weight (A counts most), as search.py's bm25 weights rank them in SQLite.
WEIGHTS = {
    "articles": ("A", "B", "D"),
    "photos": ("A", "B", "B"),
    "authors": ("A", "D"),
}
FOLD_FUNCTION = (
    "CREATE FUNCTION workstation_search_fold(value text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE "
    "AS $$ SELECT unaccent(lower(coalesce(value, ''))) $$"
)


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


def _document(table: str, columns: tuple[str, ...], row: str) -> str:
    """The weighted tsvector of one record; ``row`` is "NEW." in a trigger, "" over the table."""
    return " || ".join(
        f"setweight(to_tsvector('simple', workstation_search_fold({row}{column})), '{weight}')"
        for column, weight in zip(columns, WEIGHTS[table], strict=True)
    )


def _statements_postgresql(table: str, fts: str, columns: tuple[str, ...]) -> list[str]:
    return [
        f"CREATE TABLE {fts} (rowid integer PRIMARY KEY REFERENCES {table} (id) ON DELETE CASCADE, "
        "document tsvector NOT NULL)",
        f"CREATE INDEX {fts}_document ON {fts} USING gin (document)",
        f"CREATE FUNCTION {fts}_refresh() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO {fts} (rowid, document) VALUES (NEW.id, {_document(table, columns, 'NEW.')}) "
        "ON CONFLICT (rowid) DO UPDATE SET document = excluded.document; RETURN NULL; END $$",
        f"CREATE TRIGGER {fts}_refresh AFTER INSERT OR UPDATE OF {', '.join(columns)} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {fts}_refresh()",
        f"INSERT INTO {fts} (rowid, document) SELECT id, {_document(table, columns, '')} FROM {table}",
    ]


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute(FOLD_FUNCTION)
    for table, (fts, columns) in INDEXES.items():
        for statement in (_statements_postgresql if postgresql else _statements)(table, fts, columns):
            op.execute(statement)
    op.create_table(
        "dictionary_words",
        sa.Column("word", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("word"),
    )


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
