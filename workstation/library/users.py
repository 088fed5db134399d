"""Who is who: the name a library is worked through, and a newsroom's list of its people.

Revisions, corrections and publishing overrides record who did them by name
(``by_user``, not a key to ``users``, so the name survives a take-out into a
file and a user who leaves). The name comes from whoever opens the library;
when nobody says, it is ``WORKSTATION_USER``, else the account's full name
(the GECOS field), else its login.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from workstation.library.models import Article, Author, Photo, TZDateTime, User, utcnow
from workstation.library.user_names import NAME_LIMIT as NAME_LIMIT
from workstation.library.user_names import USER_VARIABLE as USER_VARIABLE
from workstation.library.user_names import default_user as default_user
from workstation.library.user_names import user_name

# The records that carry a version and who made it.
VERSIONED = (Article, Photo, Author)
# The same statement on SQLite (3.24 and later) and PostgreSQL: two desks naming a new user at once both succeed.
_ADD = text(
    "INSERT INTO users (name, created_at) VALUES (:name, :created_at) ON CONFLICT (name) DO NOTHING"
).bindparams(bindparam("created_at", type_=TZDateTime()))


def acting_user(session: Session) -> str:
    """Who works through the library this session belongs to ("" when nobody was named)."""
    return str(session.info.get("user", ""))


def stamp_changes(session: Session, _context: object, _instances: object) -> None:
    """Before a flush: every new or changed article, photo or author records who changed it (``updated_by``)."""
    user = acting_user(session)
    for record in (*session.new, *session.dirty):
        if isinstance(record, VERSIONED) and record.updated_by != user and session.is_modified(record):
            record.updated_by = user


def add_user(session: Session, name: str) -> None:
    """Put ``name`` on the list of users, unless it is there already."""
    session.execute(_ADD, {"name": user_name(name), "created_at": utcnow()})


def list_users(session: Session) -> list[str]:
    """Everyone on the list, by name."""
    return list(session.scalars(select(User.name).order_by(User.name)))
