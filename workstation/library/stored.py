"""How the library stores the values SQLite has no type for, read back without SQLAlchemy.

The models' column types (``models.TZDateTime``, ``models.JSONText``) and
the export's plain reader (``publish.catalog_reader``) both turn stored
values into Python ones through these functions, so the two cannot read a
time or a list differently.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any


def stored_datetime(value: str | None) -> datetime | None:
    """An aware datetime from its stored ISO 8601 text (naive text is taken as UTC)."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def stored_json(value: str | None) -> Any:
    """A JSON value from its stored text."""
    return None if value is None else json.loads(value)
