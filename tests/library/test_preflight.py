"""Preflight and integrity: every finding a newsroom must see before publishing."""

from __future__ import annotations

from datetime import date

import pytest

from tests.library.conftest import sql, stored_photo
from workstation.errors import LibraryError
from workstation.library.database import Library, open_library
from workstation.library.models import Article, ArticleAuthor, Author
from workstation.publish.preflight import Finding, integrity, preflight

TODAY = date(2026, 6, 1)


def _published(slug: str = "story", **fields: object) -> Article:
    article = Article(slug=slug, status="published", **{"headline": "Trams return", **fields})
    article.bylines = [ArticleAuthor(author=Author(slug=f"by-{slug}", name="Writer", bio="Writes."), position=0)]
    return article


def findings(library: Library, *records: object, published_only: bool = True) -> list[str]:
    with library.transaction() as session:
        session.add_all(records)
    with library.session() as session:
        return [str(f) for f in preflight(session, published_only=published_only, today=TODAY)]


def test_a_complete_published_article_has_no_findings(library: Library) -> None:
    assert findings(library, _published(feature_photo=stored_photo(1), body="![Alt](photo:1)")) == []


def test_a_lead_photo_without_alt_text_is_a_finding(library: Library) -> None:
    assert findings(library, _published(feature_photo=stored_photo(1, alt_text=""))) == [
        "article story: lead photo (photo 1) has no alt text"]


def test_the_articles_own_alt_text_is_enough(library: Library) -> None:
    assert findings(library, _published(feature_photo=stored_photo(1, alt_text=""), feature_alt="A tram")) == []


def test_a_figure_without_alt_text_is_a_finding(library: Library) -> None:
    assert findings(library, _published(body="![](photo:2)"), stored_photo(2, alt_text="")) == [
        "article story: figure (photo 2) has no alt text"]


def test_a_used_photo_without_credit_is_a_finding(library: Library) -> None:
    assert findings(library, _published(feature_photo=stored_photo(1, creator=""))) == [
        "article story: lead photo (photo 1) has no credit"]


def test_a_credit_override_counts_as_a_credit(library: Library) -> None:
    assert findings(library, _published(feature_photo=stored_photo(1, creator="", credit_override="Pool"))) == []


def test_a_reference_to_a_missing_photo_is_a_finding(library: Library) -> None:
    assert findings(library, _published(body="Text\n\n![A tram](photo:99)\n")) == [
        "article story: refers to photo:99, which is not in the library"]


def test_a_link_to_a_missing_article_is_a_finding(library: Library) -> None:
    assert findings(library, _published(body="See\n\n[[no-such-story]]\n")) == [
        "article story: links to [[no-such-story]], which is not in the library"]


def test_a_link_from_a_published_to_an_unpublished_article_is_an_error(library: Library) -> None:
    found = findings(library, _published(body="[[draft-one]]\n"), Article(slug="draft-one", headline="D"))
    assert found == ["article story: links to [[draft-one]], which is not published; the page would show a missing article"]


def test_an_author_without_a_bio_is_a_finding(library: Library) -> None:
    article = _published()
    article.bylines[0].author.bio = ""
    assert findings(library, article) == ["author by-story: has no bio"]


def test_a_headline_over_110_characters_is_a_finding(library: Library) -> None:
    found = findings(library, _published(headline="x" * 111))
    assert found == ["article story: headline is 111 characters (over 110; search results cut it)"]


def test_expired_rights_are_an_error(library: Library) -> None:
    with library.transaction() as session:
        session.add(_published(feature_photo=stored_photo(1, rights_expiry=date(2026, 5, 31))))
    with library.session() as session:
        [finding] = preflight(session, today=TODAY)
    assert finding == Finding("error", "rights-expired", "article story",
                              "lead photo (photo 1): usage rights expired on 2026-05-31")


def test_rights_expiring_within_30_days_are_a_warning(library: Library) -> None:
    with library.transaction() as session:
        session.add(_published(feature_photo=stored_photo(1, rights_expiry=date(2026, 6, 20))))
    with library.session() as session:
        assert [f.severity for f in preflight(session, today=TODAY)] == ["warning"]


def test_rights_expiring_later_are_fine(library: Library) -> None:
    assert findings(library, _published(feature_photo=stored_photo(1, rights_expiry=date(2026, 9, 1)))) == []


def test_a_published_article_without_a_byline_is_a_finding(library: Library) -> None:
    assert findings(library, Article(slug="anon", headline="H", status="published")) == [
        "article anon: is published without a byline"]


def test_drafts_are_checked_only_when_asked(library: Library) -> None:
    draft = Article(slug="d", headline="x" * 200)
    assert findings(library, draft) == []
    with library.session() as session:
        assert len(preflight(session, published_only=False, today=TODAY)) == 1


def test_integrity_of_a_sound_library_is_clean(library: Library) -> None:
    with library.transaction() as session:
        session.add(stored_photo(1))
    with library.session() as session:
        assert integrity(session) == []


def test_a_photo_whose_bytes_changed_is_a_finding(library: Library) -> None:
    with library.transaction() as session:
        session.add(stored_photo(1))
    sql(library.path, "UPDATE photo_originals SET data = x'00'")
    with library.session() as session:
        assert [str(f) for f in integrity(session)] == [
            "photo 1: the stored original is damaged (its checksum does not match); restore it from a backup"]


def test_damage_among_photo_bytes_that_open_does_not_scan_is_found_by_the_full_check(library: Library) -> None:
    with library.transaction() as session:
        session.add_all([stored_photo(pid) for pid in range(1, 30)])
    library.close()
    page_size = sql(library.path, "PRAGMA page_size")[0][0]
    [(page,)] = sql(library.path, "SELECT min(pageno) FROM dbstat WHERE name = 'photo_originals'")
    with library.path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(bytes(range(256)) * (page_size // 256))
    with open_library(library.path, readonly=True) as damaged, damaged.session() as session:
        with pytest.raises(LibraryError, match="damaged"):
            integrity(session)


def test_a_photo_used_twice_without_alt_text_is_one_finding(library: Library) -> None:
    found = findings(library, _published(body="![](photo:2)\n\n![](photo:2)\n"), stored_photo(2, alt_text=""))
    assert found == ["article story: figure (photo 2) has no alt text"]
