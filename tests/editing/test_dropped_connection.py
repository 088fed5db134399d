"""A newsroom connection dropped in the middle of a save: reported as StorageFailed, never half-applied, and retried.

The server ends the saving connection (``pg_terminate_backend`` from another
connection, as an administrator or a failover would) just before the
article's UPDATE, or just before the COMMIT.
"""

from __future__ import annotations

from dataclasses import replace

import psycopg
import pytest
from sqlalchemy import event

from workstation.editing import articles
from workstation.editing.article_edit import ArticleEdit
from workstation.errors import StorageFailed
from workstation.library.articles import new_article
from workstation.library.database import open_library
from workstation.library.models import Article, Revision


@pytest.fixture
def newsroom_url(new_newsroom_url):
    url = new_newsroom_url()
    with open_library(url) as newsroom, newsroom.transaction() as session:
        article = new_article(session, "Dropped")
        article.body = "Stored words."
    return url


def _terminate_on(newsroom, url: str, moment: str) -> list[int]:
    """End the saving connection's backend when ``moment`` ("update" or "commit") comes, once."""
    ended: list[int] = []

    def end(connection) -> None:
        if ended:
            return
        pid = connection.connection.dbapi_connection.info.backend_pid
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        ended.append(pid)

    if moment == "update":
        @event.listens_for(newsroom.engine, "before_cursor_execute")
        def before_update(connection, _cursor, statement, *_args) -> None:
            if statement.startswith("UPDATE articles"):
                end(connection)
    else:
        @event.listens_for(newsroom.engine, "commit")
        def before_commit(connection) -> None:
            end(connection)
    return ended


@pytest.mark.parametrize("moment", ["update", "commit"])
def test_a_save_whose_connection_drops_is_reported_and_leaves_the_article_as_it_was(newsroom_url, moment):
    with open_library(newsroom_url, user="Olena Marchenko") as newsroom:
        edit = ArticleEdit(newsroom, articles.open_article(newsroom, 1))
        before = edit.version
        ended = _terminate_on(newsroom, newsroom_url, moment)
        shown = replace(edit.stored, body="Stored words.\n\nTyped while the server went away.")
        with pytest.raises(StorageFailed):
            edit.save(shown, "manual")
        assert ended
        assert edit.version == before and edit.stored.body == "Stored words."
        with newsroom.session() as session:
            assert session.get(Article, 1).body == "Stored words."
            assert session.get(Article, 1).version == before
            assert session.query(Revision).filter_by(reason="manual").count() == 0
        saved = edit.save(shown, "manual")
        assert isinstance(saved, articles.Saved) and saved.state.body == shown.body
    with open_library(newsroom_url, readonly=True) as again, again.session() as session:
        assert session.get(Article, 1).body == shown.body
        assert session.query(Revision).filter_by(reason="manual").count() == 1
