"""Photo records made straight through the models, so desk queries are tested on their own."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from workstation.library.database import Library
from workstation.library.models import Article, Photo

_counter = itertools.count(1)


@pytest.fixture
def add_photo(library: Library) -> Callable[..., int]:
    """Store a photo record with ``fields``; returns its id."""

    def add(**fields: Any) -> int:
        n = next(_counter)
        values: dict[str, Any] = {
            "sha256": hashlib.sha256(f"photo-{n}".encode()).hexdigest(),
            "mime": "image/jpeg",
            "width": 600,
            "height": 400,
            "size_bytes": 1234,
            "original_filename": f"frame-{n:04d}.jpg",
            "credit_line": "Agency",
            "alt_text": "Alt",
        }
        values.update(fields)
        with library.transaction() as session:
            photo = Photo(**values)
            session.add(photo)
            session.flush()
            return photo.id

    return add


@pytest.fixture
def add_article(library: Library) -> Callable[..., int]:
    def add(
        slug: str, body: str = "", feature_photo_id: int | None = None, **fields: Any
    ) -> int:
        with library.transaction() as session:
            article = Article(
                slug=slug,
                headline=fields.pop("headline", slug.title()),
                body=body,
                feature_photo_id=feature_photo_id,
                **fields,
            )
            session.add(article)
            session.flush()
            return article.id

    return add
