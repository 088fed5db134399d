"""The author desk on a real library file, with its web-view schemes registered before Qt starts."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

from workstation.library.authors import create_author
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor
from workstation.ui.author_desk import AuthorDesk
from workstation.ui.schemes import register_schemes

register_schemes()


@pytest.fixture
def authors(library: Library) -> dict[str, int]:
    """Two profiles; Anna is on two articles, Ivan on one of them too."""
    with library.transaction() as session:
        anna = create_author(session, "Anna Moroz", role="Reporter", email="anna@example.com", bio="Covers energy.")
        ivan = create_author(session, "Ivan Petrenko", role="Photo editor")
        for number in (1, 2):
            article = Article(slug=f"story-{number}", headline=f"Story {number}", status="published")
            session.add(article)
            session.flush()
            session.add(ArticleAuthor(article_id=article.id, author_id=anna.id, position=0))
            if number == 2:
                session.add(ArticleAuthor(article_id=article.id, author_id=ivan.id, position=1))
        return {"anna": anna.id, "ivan": ivan.id}


@pytest.fixture
def desk(qtbot, library: Library, authors: dict[str, int]):  # type: ignore[no-untyped-def]
    widget = AuthorDesk(library)
    widget.resize(1300, 760)
    widget.show()
    yield widget
    # Deleted now, not at interpreter exit: QtWebEngine wants its pages gone before it shuts down.
    widget.close()
    widget.deleteLater()
    qtbot.wait(10)


@pytest.fixture
def quadrant_png() -> Callable[[], bytes]:
    """Red top-left, green top-right, blue bottom-left, yellow bottom-right, 800 x 600."""

    def make() -> bytes:
        image = Image.new("RGB", (800, 600))
        for colour, box in (
            ((220, 30, 30), (0, 0, 400, 300)),
            ((30, 200, 30), (400, 0, 800, 300)),
            ((30, 30, 220), (0, 300, 400, 600)),
            ((230, 220, 20), (400, 300, 800, 600)),
        ):
            image.paste(colour, box)
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()

    return make
