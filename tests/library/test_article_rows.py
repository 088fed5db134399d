"""The lists' article rows: the same page as the articles themselves, with only the columns a list shows."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import insert

from workstation.library.articles import list_article_rows, list_articles
from workstation.library.database import Library
from workstation.library.models import Article


def test_rows_come_in_the_articles_order_and_carry_a_body_only_where_a_word_target_counts_it(library: Library) -> None:
    start = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
    with library.engine.begin() as connection:
        connection.execute(insert(Article), [
            {"id": n, "slug": f"s-{n}", "headline": f"River {n}", "body": f"words of story {n}", "created_at": start,
             "updated_at": start.replace(minute=n % 4), "word_target": 300 if n % 5 == 0 else 0}
            for n in range(1, 16)
        ])
    with library.session() as session:
        articles = list_articles(session, query="river", limit=6, after=(start.replace(minute=3), 20))
        rows = list_article_rows(session, query="river", limit=6, after=(start.replace(minute=3), 20))
    assert [row[0] for row in rows] == [article.id for article in articles]
    assert [row[:7] for row in rows] == [
        (a.id, a.slug, a.headline, a.status, a.updated_at, a.published_at, a.word_target) for a in articles
    ]
    assert [row[7] for row in rows] == [a.body if a.word_target else None for a in articles]
    assert any(row[7] for row in rows) and any(row[7] is None for row in rows)
