"""Who works at this desk: the newsroom's list of people, and choosing (or adding) one's own name.

The list is the newsroom's (``library.users``); the choice is the desk's,
remembered per newsroom by the desk itself. A library file keeps no list:
its user is whoever the account says (``users.default_user``).
"""

from __future__ import annotations

import os

from workstation.library.database import Library
from workstation.library.users import USER_VARIABLE, list_users, user_name


def people(library: Library) -> list[str]:
    """Everyone on the newsroom's list, by name (a library file's list is empty)."""
    if library.path is not None:
        return []
    with library.session() as session:
        return list_users(session)


def named_by_environment() -> bool:
    """Whether ``WORKSTATION_USER`` says who this is, so that no desk needs to ask."""
    return bool(os.environ.get(USER_VARIABLE, "").strip())


def work_as(library: Library, name: str) -> str:
    """Work through ``library`` as ``name`` (put on the newsroom's list if new); returns the name as kept.

    Raises ``ValidationError`` for an empty or overlong name.
    """
    library.user = user_name(name)
    if not library.readonly:
        library.list_user()
    return library.user
