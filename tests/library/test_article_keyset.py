"""The article list's pages go on from the last row of the page before (a keyset)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import insert

from workstation.library.articles import list_articles
from workstation.library.database import Library
from workstation.library.models import Article


def test_pages_after_a_row_continue_the_order_without_gaps_or_repeats(library: Library) -> None:
    # Ties on the time of change are broken by id, as in the list's order.
    same_time = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
    with library.engine.begin() as connection:
        connection.execute(insert(Article), [
            {"id": n, "slug": f"s-{n}", "headline": f"H {n}", "body": "", "created_at": same_time,
             "updated_at": same_time.replace(hour=9 + n % 3)}
            for n in range(1, 26)
        ])
    with library.session() as session:
        everything = [a.id for a in list_articles(session, limit=100)]
        paged: list[int] = []
        after = None
        while True:
            page = list_articles(session, limit=7, after=after)
            if not page:
                break
            paged += [a.id for a in page]
            after = (page[-1].updated_at, page[-1].id)
    assert paged == everything and len(paged) == 25
