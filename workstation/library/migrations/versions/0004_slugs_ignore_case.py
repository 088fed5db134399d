"""Slugs are one address whatever their case.

Exported pages live in folders named by slug, and on case-insensitive file
systems (and in readers' hands) "Kyiv" and "kyiv" are one folder: an author
page could show the wrong person. Slugs that differ only in case or Unicode
normal form are resolved here: the earliest row keeps its slug, each later
one gets the first free ``-2``, ``-3``… suffix (every row is kept), and a
case-insensitive unique index on each slug column keeps it that way
(``COLLATE NOCASE`` in SQLite, ``lower(slug)`` on PostgreSQL, as
``models.slug_matches`` compares).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SLUG_TABLES = ("articles", "authors", "sections", "tags")
SLUG_LENGTH = 200


def _key(slug: str) -> str:
    return unicodedata.normalize("NFC", slug).casefold()


def _free(slug: str, taken: set[str]) -> str:
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = slug[: SLUG_LENGTH - len(suffix)] + suffix
        if _key(candidate) not in taken:
            return candidate
        number += 1


def upgrade() -> None:
    connection = op.get_bind()
    key = "lower(slug)" if connection.dialect.name == "postgresql" else "slug COLLATE NOCASE"
    for table in SLUG_TABLES:
        rows = connection.execute(sa.text(f"SELECT id, slug FROM {table} ORDER BY id")).all()
        taken = {_key(slug) for _id, slug in rows}
        kept: set[str] = set()
        for row_id, slug in rows:
            if _key(slug) not in kept:
                kept.add(_key(slug))
                continue
            renamed = _free(slug, taken)
            taken.add(_key(renamed))
            kept.add(_key(renamed))
            connection.execute(sa.text(f"UPDATE {table} SET slug = :slug WHERE id = :id"), {"slug": renamed, "id": row_id})
        op.create_index(f"uq_{table}_slug_nocase", table, [sa.text(key)], unique=True)


def downgrade() -> None:
    raise RuntimeError("Workstation libraries are never downgraded; restore the backup copy instead")
