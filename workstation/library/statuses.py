"""An article's workflow states, in order.

Kept apart from the models so that the article list can offer them before
the ORM is imported (the window shows that list first).
"""

from __future__ import annotations

import enum


class Status(enum.StrEnum):
    DRAFT = "draft"
    EDITING = "editing"
    READY = "ready"
    PUBLISHED = "published"


STATUSES = tuple(s.value for s in Status)
