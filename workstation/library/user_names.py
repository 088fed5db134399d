"""The name a library is worked through: where it comes from by default, and how it is kept.

Apart from ``users`` (the newsroom's list, which needs the ORM) so that
opening a library, which names its user, imports no ORM: the app's window
shows before it is needed.
"""

from __future__ import annotations

import getpass
import os
import pwd

from workstation.errors import ValidationError

USER_VARIABLE = "WORKSTATION_USER"
NAME_LIMIT = 300


def default_user() -> str:
    """``WORKSTATION_USER``, else the account's full name, else its login."""
    named = " ".join(os.environ.get(USER_VARIABLE, "").split())
    if named:
        return named
    try:
        full_name = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    except KeyError:
        full_name = ""
    return full_name or getpass.getuser()


def chosen_or_default(chosen: object) -> str:
    """Who works at this computer: ``chosen`` in Preferences (kept per computer user), else ``default_user()``."""
    return " ".join(str(chosen or "").split()) or default_user()


def user_name(name: str) -> str:
    """``name`` as kept: inner whitespace collapsed; an empty or overlong one is refused."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise ValidationError("a user needs a name")
    if len(cleaned) > NAME_LIMIT:
        raise ValidationError(f"a user's name is at most {NAME_LIMIT} characters")
    return cleaned
