"""What a library allows to be kept about it outside its own file.

Two settings, stored in the library so they travel with it: a random id
that names the library's rendition folder in the user's cache (made on
first need; a copied library keeps it, which is harmless because
renditions are keyed by their content), and the user's choice to keep no
caches outside the library at all.

The rules for the stored values (``valid_id``, ``allows_outside``) take
the values alone, so the export reads the two settings in plain SQL
(``publish.caches``) by the same rules; the models are imported by the
functions that take a session, when one is used.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from workstation.library.plain import Plain

LIBRARY_ID = "library_id"
NO_OUTSIDE_CACHES = "keep_no_caches_outside"


def valid_id(value: str | None) -> str | None:
    """A stored random id; anything but up to 64 letters and digits is treated as absent."""
    value = (value or "").strip()
    return value if value.isalnum() and value.isascii() and len(value) <= 64 else None


def allows_outside(value: str | None) -> bool:
    """Whether the stored "keep no caches outside" value (None: never set) allows caches outside the library."""
    return value != "1"


def _value(session: Session, key: str) -> str | None:
    from workstation.library.models import Setting

    row = session.get(Setting, key)
    return row.value if row is not None else None


def stored_id(session: Session, key: str) -> str | None:
    """A random id kept in the setting ``key`` (``valid_id``)."""
    return valid_id(_value(session, key))


def ensure_id(session: Session, key: str) -> str:
    """The id in the setting ``key``, made (random) and stored in ``session``'s transaction if there is none."""
    known = stored_id(session, key)
    if known is not None:
        return known
    from workstation.library.models import Setting

    made = new_id()
    session.merge(Setting(key=key, value=made))
    session.flush()
    return made


def new_id() -> str:
    """A fresh random id (``valid_id`` keeps it)."""
    return secrets.token_hex(16)


def ensure_id_plain(plain: Plain, key: str) -> str:
    """``ensure_id`` in plain SQL, inside ``plain``'s write transaction: a library's first export stores
    its id without importing the ORM (``publish.caches``)."""
    rows = plain.rows("SELECT value FROM settings WHERE key = ?", (key,))
    known = valid_id(rows[0][0] if rows else None)
    if known is not None:
        return known
    made = new_id()
    if rows:
        plain.run("UPDATE settings SET value = ? WHERE key = ?", (made, key))
    else:
        plain.run("INSERT INTO settings (key, value) VALUES (?, ?)", (key, made))
    return made


def library_id(session: Session) -> str | None:
    # Only ever used as one folder name, which ``stored_id``'s rule keeps it safe as.
    return stored_id(session, LIBRARY_ID)


def ensure_library_id(session: Session) -> str:
    """The library's id, made and stored (in ``session``'s transaction) if it has none."""
    return ensure_id(session, LIBRARY_ID)


def outside_caches_allowed(session: Session) -> bool:
    return allows_outside(_value(session, NO_OUTSIDE_CACHES))


def set_outside_caches_allowed(session: Session, allowed: bool) -> None:
    from workstation.library.models import Setting

    session.merge(Setting(key=NO_OUTSIDE_CACHES, value="0" if allowed else "1"))
    session.flush()
