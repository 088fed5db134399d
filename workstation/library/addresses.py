"""Telling a newsroom's address from a library file's path, without importing the database layer.

The command line parses its LIBRARY argument before it knows whether any
library will be opened at all (``workstation export`` into a folder that is
already right never loads SQLAlchemy), so this test stands alone.
"""

from __future__ import annotations

from pathlib import Path

from workstation.errors import LibraryError

# How a newsroom's address begins (libpq's URI schemes); anything else is a file path.
NEWSROOM_SCHEMES = ("postgresql://", "postgres://")


def is_newsroom_url(target: object) -> bool:
    """Whether ``target`` names a newsroom on a PostgreSQL server rather than a library file."""
    return isinstance(target, str) and target.lower().startswith(NEWSROOM_SCHEMES)


def library_target(given: str | Path) -> Path | str:
    """What a LIBRARY argument names: a newsroom's URL as given, else a library file's path.

    Any other ``scheme://`` (a mistyped ``postgresql``, an ``http`` link) is
    refused in one line that shows only the scheme: what follows it may
    hold a password.
    """
    if isinstance(given, Path) or is_newsroom_url(given):
        return given
    scheme, separator, _rest = given.partition("://")
    if separator and scheme and all(c.isalnum() or c in "+-." for c in scheme):
        raise LibraryError(
            f"{scheme}://…: neither a library file nor a newsroom (a newsroom's address begins with postgresql://)"
        )
    return Path(given)
