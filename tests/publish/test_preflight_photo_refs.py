"""Preflight sees every photo the renderer shows, found by the renderer's own parse."""

from __future__ import annotations

from datetime import date, timedelta

from tests.library.conftest import stored_photo
from workstation.library.database import Library
from workstation.library.models import Article, ArticleAuthor, Author, Photo
from workstation.library.photo_queries import photo_summaries
from workstation.photos.rules import Problem
from workstation.publish.preflight import preflight

TODAY = date(2026, 6, 1)


def findings(library: Library, body: str, *photos: Photo) -> list[str]:
    article = Article(slug="story", status="published", headline="Trams return", body=body)
    article.bylines = [ArticleAuthor(author=Author(slug="writer", name="Writer", bio="Writes."), position=0)]
    with library.transaction() as session:
        session.add_all([article, *photos])
    with library.session() as session:
        return [str(f) for f in preflight(session, today=TODAY)]


def test_a_reference_style_figure_without_credit_is_found(library: Library) -> None:
    body = "Trams are back.\n\n![A red tram][tram]\n\n[tram]: photo:12\n"
    assert findings(library, body, stored_photo(12, creator="")) == ["article story: figure (photo 12) has no credit"]


def test_a_reference_style_figure_without_alt_text_is_found(library: Library) -> None:
    body = "![][tram]\n\n[tram]: photo:12 \"The depot\"\n"
    assert findings(library, body, stored_photo(12, alt_text="")) == ["article story: figure (photo 12) has no alt text"]


def test_a_reference_style_figure_missing_from_the_library_is_found(library: Library) -> None:
    assert findings(library, "![A tram][t]\n\n[t]: photo:99\n") == [
        "article story: refers to photo:99, which is not in the library"]


def test_a_photo_in_a_footnote_is_checked_too(library: Library) -> None:
    body = "Trams are back.[^1]\n\n[^1]: As before: ![A tram](photo:5)\n"
    assert findings(library, body, stored_photo(5, rights_expiry=TODAY - timedelta(days=1))) == [
        "article story: figure (photo 5): usage rights expired on 2026-05-31"]


def test_an_image_the_page_would_show_as_missing_is_found(library: Library) -> None:
    assert findings(library, "![A tram](tram.jpg)\n") == [
        "article story: refers to tram.jpg, which is not in the library"]


def test_a_photo_in_code_is_not_a_reference(library: Library) -> None:
    assert findings(library, "```\n![A tram](photo:77)\n```\n") == []


def test_the_desk_badges_and_preflight_apply_the_same_rules(library: Library) -> None:
    ended = stored_photo(3, creator="", alt_text="", rights_expiry=TODAY - timedelta(days=2))
    found = findings(library, "![](photo:3)\n", ended)
    with library.session() as session:
        problems = photo_summaries(session, [3])[3].problems(TODAY)
    assert problems == [Problem.NO_CREDIT, Problem.NO_ALT, Problem.RIGHTS_ENDED]
    assert len(found) == len(problems)
