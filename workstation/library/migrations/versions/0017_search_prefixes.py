"""Search at a decade's scale: 4-letter prefix indexes, and each index's term list.

Search matches the last word typed as a prefix. FTS5 answers a prefix from
a prefix index of that length when it has one; otherwise it merges the
record lists of every term starting with it, once to find the matches and
once more to weigh the word for ranking (bm25). With 100,000 articles a
common word's list holds nearly every article, and that merge was most of
a search's time. Migration 0002 kept 2- and 3-letter prefixes; 4 letters
are added here. A prefix index cannot be added to an FTS5 table, so each
is made again and rebuilt from its records: upgrading a library of 100,000
articles and 300,000 photos took 67 s of CPU (2.5 minutes with the copies
the upgrade makes, on a busy machine), and the file grew from 1.9 to 2.1 GB.

``*_terms`` (FTS5's ``fts5vocab``, which keeps no data of its own) list each
index's terms: a longer prefix that no other term starts with is the word
itself, which search then matches whole, reading its list without a merge
(``library.search``).

On a library file only: a newsroom's PostgreSQL text search has neither.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-06
"""

from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None

# table -> (search index, its columns, its term list)
INDEXES = {
    "articles": ("articles_fts", ("headline", "dek", "body"), "articles_terms"),
    "photos": ("photos_fts", ("caption", "credit_line", "creator"), "photos_terms"),
    "authors": ("authors_fts", ("name", "bio"), "authors_terms"),
}
TOKENIZER = "unicode61 remove_diacritics 2"
PREFIXES = "2 3 4"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, (fts, columns, terms) in INDEXES.items():
        # The triggers of migration 0002 name the index, not its definition: they write the new one.
        op.execute(f"DROP TABLE {fts}")
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, content='{table}', content_rowid='id', "
            f"tokenize='{TOKENIZER}', prefix='{PREFIXES}')"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        op.execute(f"CREATE VIRTUAL TABLE {terms} USING fts5vocab({fts}, row)")


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
