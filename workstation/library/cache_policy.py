"""What a library allows to be kept about it outside its own file.

Two settings, stored in the library so they travel with it: a random id
that names the library's rendition folder in the user's cache (made on
first need; a copied library keeps it, which is harmless because
renditions are keyed by their content), and the user's choice to keep no
caches outside the library at all.
"""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from workstation.library.models import Setting

LIBRARY_ID = "library_id"
NO_OUTSIDE_CACHES = "keep_no_caches_outside"


def stored_id(session: Session, key: str) -> str | None:
    """A random id kept in the setting ``key``; anything but up to 64 letters and digits is treated as absent."""
    row = session.get(Setting, key)
    value = row.value.strip() if row is not None else ""
    return value if value.isalnum() and value.isascii() and len(value) <= 64 else None


def ensure_id(session: Session, key: str) -> str:
    """The id in the setting ``key``, made (random) and stored in ``session``'s transaction if there is none."""
    known = stored_id(session, key)
    if known is not None:
        return known
    made = secrets.token_hex(16)
    session.merge(Setting(key=key, value=made))
    session.flush()
    return made


def library_id(session: Session) -> str | None:
    # Only ever used as one folder name, which ``stored_id``'s rule keeps it safe as.
    return stored_id(session, LIBRARY_ID)


def ensure_library_id(session: Session) -> str:
    """The library's id, made and stored (in ``session``'s transaction) if it has none."""
    return ensure_id(session, LIBRARY_ID)


def outside_caches_allowed(session: Session) -> bool:
    row = session.get(Setting, NO_OUTSIDE_CACHES)
    return row is None or row.value != "1"


def set_outside_caches_allowed(session: Session, allowed: bool) -> None:
    session.merge(Setting(key=NO_OUTSIDE_CACHES, value="0" if allowed else "1"))
    session.flush()
