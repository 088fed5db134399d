"""Alembic environment: always driven from ``workstation.library.database``.

The connection is handed in through ``config.attributes`` so migrations run
inside the same guarded open that made the backup copy first.
"""

from alembic import context

from workstation.library.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Workstation migrations run only through workstation.library.database")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
