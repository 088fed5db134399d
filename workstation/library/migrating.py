"""Running the Alembic migrations: the one place that knows how.

Both the open path (upgrading an older file) and the schema guard
(building the schema each revision should have) migrate through here, so
they cannot disagree about what a migration makes. Alembic is imported
inside the functions: opening an up-to-date file never pays for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migration_revisions() -> list[str]:
    """Every revision the migration scripts define, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return [entry.revision for entry in reversed(list(script.walk_revisions()))]


def upgrade(connection: Connection, revision: str) -> None:
    """Migrate the database behind ``connection`` up to ``revision``, inside its transaction."""
    from alembic import command

    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
