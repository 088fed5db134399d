"""The author page in the export: the profile, then the author's published articles, newest first, in pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from workstation.library.authors import create_author
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor
from workstation.publish.site import export_site

START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def write_stories(library: Library, count: int) -> None:
    """``count`` published stories a day apart, plus one draft, all by Nadia Rudenko."""
    with library.transaction() as session:
        author = create_author(session, "Nadia Rudenko", role="Reporter", bio="Covers *courts*.",
                               social_links=[{"label": "Mastodon", "url": "https://social.example/@nadia"}])
        for number in range(count):
            article = Article(slug=f"story-{number}", headline=f"Story {number}", body="Text.",
                              status="published", published_at=START + timedelta(days=number))
            article.bylines = [ArticleAuthor(author=author, position=0)]
            session.add(article)
        draft = Article(slug="unfinished", headline="Unfinished draft", body="Text.", status="draft")
        draft.bylines = [ArticleAuthor(author=author, position=0)]
        session.add(draft)


def listed(page: Path) -> list[str]:
    return re.findall(r'class="story__headline"><a [^>]*>([^<]+)</a>', page.read_text(encoding="utf-8"))


def test_author_pages_list_every_published_article_newest_first_across_pages(library: Library, tmp_path: Path) -> None:
    write_stories(library, 45)
    export_site(library, tmp_path / "site")
    folder = tmp_path / "site" / "author" / "nadia-rudenko"
    pages = [folder / "index.html", *sorted((folder / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))]
    assert len(pages) > 1
    headlines = [headline for page in pages for headline in listed(page)]
    assert headlines == [f"Story {number}" for number in reversed(range(45))]


def test_the_author_page_shows_avatar_name_role_bio_and_links(library: Library, tmp_path: Path) -> None:
    write_stories(library, 1)
    export_site(library, tmp_path / "site")
    html = (tmp_path / "site" / "author" / "nadia-rudenko" / "index.html").read_text(encoding="utf-8")
    avatar = re.search(r'<img class="profile__avatar avatar" src="([^"]+)"', html).group(1)
    initials = (tmp_path / "site" / "author" / "nadia-rudenko" / avatar).resolve().read_text(encoding="utf-8")
    assert ">NR<" in initials
    assert '<h1 class="profile__name">Nadia Rudenko</h1>' in html and ">Reporter<" in html
    assert "<em>courts</em>" in html and 'href="https://social.example/@nadia"' in html
    assert "Unfinished draft" not in html
