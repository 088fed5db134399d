"""Telling a newsroom's address from a library file's path, without importing the database layer.

The command line parses its LIBRARY argument before it knows whether any
library will be opened at all (``workstation export`` into a folder that is
already right never loads SQLAlchemy), so this test stands alone.
"""

from __future__ import annotations

# How a newsroom's address begins (libpq's URI schemes); anything else is a file path.
NEWSROOM_SCHEMES = ("postgresql://", "postgres://")


def is_newsroom_url(target: object) -> bool:
    """Whether ``target`` names a newsroom on a PostgreSQL server rather than a library file."""
    return isinstance(target, str) and target.lower().startswith(NEWSROOM_SCHEMES)
