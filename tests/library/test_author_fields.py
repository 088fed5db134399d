"""Creating and editing profiles: what is accepted, and what is refused with nothing saved."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from workstation.errors import ValidationError
from workstation.library.authors import create_author, find_author, update_author
from workstation.library.database import Library
from workstation.library.models import Author

pytestmark = pytest.mark.both_backends


def author_count(library: Library) -> int:
    with library.session() as session:
        return session.scalar(select(func.count()).select_from(Author))


def test_new_author_gets_a_slug_from_the_name(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Olena Kovalenko", role="Reporter")
    assert author.slug == "olena-kovalenko"
    assert author.role == "Reporter"


def test_slug_of_cyrillic_name_is_transliterated(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Київ Бахмут")
    assert author.slug == "kyiv-bakhmut"


def test_second_author_with_the_same_name_gets_a_distinct_slug(library: Library) -> None:
    with library.transaction() as session:
        first = create_author(session, "Anna Moroz")
        second = create_author(session, "Anna Moroz")
    assert first.slug != second.slug
    assert second.slug.startswith("anna-moroz")


def test_given_slug_is_made_safe(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Petro", slug="../Petro Shevchuk/")
    assert author.slug == "petro-shevchuk"


def test_duplicate_slug_is_refused(library: Library) -> None:
    with library.transaction() as session:
        create_author(session, "Anna Moroz")
    with pytest.raises(ValidationError, match="already used by Anna Moroz"):
        with library.transaction() as session:
            create_author(session, "Anna M.", slug="anna-moroz")
    assert author_count(library) == 1


def test_changing_to_another_authors_slug_leaves_the_profile_unchanged(library: Library) -> None:
    with library.transaction() as session:
        create_author(session, "Anna Moroz")
        create_author(session, "Ivan Petrenko", bio="Covers energy.")
    with pytest.raises(ValidationError, match="already used"):
        with library.transaction() as session:
            ivan = find_author(session, "ivan-petrenko")
            update_author(session, ivan, slug="anna-moroz", bio="Changed.")
    with library.session() as session:
        assert find_author(session, "ivan-petrenko").bio == "Covers energy."


def test_keeping_its_own_slug_is_not_a_duplicate(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Anna Moroz")
        update_author(session, author, slug="anna-moroz", role="Editor")
    assert author.role == "Editor"


def test_renaming_keeps_the_slug(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Anna Moroz")
        update_author(session, author, name="Anna Moroz-Lysenko")
    assert author.slug == "anna-moroz"


@pytest.mark.parametrize("name", ["", "   ", "\n\t"])
def test_empty_name_is_refused(library: Library, name: str) -> None:
    with pytest.raises(ValidationError, match="name is required"):
        with library.transaction() as session:
            create_author(session, name)
    assert author_count(library) == 0


def test_huge_name_is_refused(library: Library) -> None:
    with pytest.raises(ValidationError, match="name is longer than 300"):
        with library.transaction() as session:
            create_author(session, "A" * 5000)


def test_name_whitespace_is_collapsed_to_one_line(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "  Anna \n  Moroz ")
    assert author.name == "Anna Moroz"


@pytest.mark.parametrize(
    "email", ["anna@", "anna.example.com", "anna moroz@example.com", "anna@localhost", "<script>@x.com"]
)
def test_bad_email_is_refused(library: Library, email: str) -> None:
    with pytest.raises(ValidationError, match="email") as caught:
        with library.transaction() as session:
            create_author(session, "Anna Moroz", email=email)
    assert "\n" not in str(caught.value)
    assert author_count(library) == 0


def test_good_email_is_kept_with_its_domain_normalised(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Anna Moroz", email=" anna@Example.COM ")
    assert author.email == "anna@example.com"


def test_international_email_is_accepted(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Анна Мороз", email="анна@приклад.укр")
    assert author.email == "анна@приклад.укр"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://example.com/",
        "example.com",
        "https://",
        "https:///path-only",
        "https://exa mple.com",
        "https://example.com/\x00",
        "https://example.com:99999/",
    ],
)
def test_website_that_is_not_http_or_https_with_a_host_is_refused(library: Library, url: str) -> None:
    with pytest.raises(ValidationError, match="website"):
        with library.transaction() as session:
            create_author(session, "Anna Moroz", website=url)
    assert author_count(library) == 0


def test_huge_website_is_refused(library: Library) -> None:
    with pytest.raises(ValidationError, match="longer than 2000"):
        with library.transaction() as session:
            create_author(session, "Anna Moroz", website="https://example.com/" + "a" * 3000)


def test_https_website_is_accepted(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Anna Moroz", website="https://anna.example.org/about?x=1")
    assert author.website == "https://anna.example.org/about?x=1"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:image/svg+xml;base64,PHN2Zz4=", "vbscript:x"])
def test_social_link_with_a_hostile_scheme_is_refused(library: Library, url: str) -> None:
    with pytest.raises(ValidationError, match="social link 2"):
        with library.transaction() as session:
            create_author(
                session,
                "Anna Moroz",
                social_links=[
                    {"label": "Mastodon", "url": "https://mastodon.example/@anna"},
                    {"label": "X", "url": url},
                ],
            )
    assert author_count(library) == 0


def test_social_links_keep_their_order_and_labels(library: Library) -> None:
    links = [
        {"label": "Mastodon", "url": "https://mastodon.example/@anna"},
        {"label": "Bluesky", "url": "https://bsky.example/profile/anna"},
    ]
    with library.transaction() as session:
        create_author(session, "Anna Moroz", social_links=links)
    with library.session() as session:
        assert find_author(session, "anna-moroz").social_links == links


def test_unlabelled_social_link_is_labelled_with_its_host(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(
            session, "Anna Moroz", social_links=[{"label": "", "url": "https://mastodon.example/@a"}]
        )
    assert author.social_links == [{"label": "mastodon.example", "url": "https://mastodon.example/@a"}]


def test_blank_social_link_rows_are_dropped(library: Library) -> None:
    with library.transaction() as session:
        author = create_author(session, "Anna Moroz", social_links=[{"label": "", "url": "  "}])
    assert author.social_links == []


def test_label_without_an_address_is_refused(library: Library) -> None:
    with pytest.raises(ValidationError, match="has no address"):
        with library.transaction() as session:
            create_author(session, "Anna Moroz", social_links=[{"label": "Mastodon", "url": ""}])


def test_huge_bio_is_refused_and_the_old_bio_kept(library: Library) -> None:
    with library.transaction() as session:
        create_author(session, "Anna Moroz", bio="Covers the front line.")
    with pytest.raises(ValidationError, match="bio is 1,000,000 characters"):
        with library.transaction() as session:
            update_author(session, find_author(session, "anna-moroz"), bio="x" * 1_000_000)
    with library.session() as session:
        assert find_author(session, "anna-moroz").bio == "Covers the front line."


def test_bio_keeps_its_paragraphs(library: Library) -> None:
    bio = "Covers energy.\n\nBefore that, *courts*."
    with library.transaction() as session:
        author = create_author(session, "Anna Moroz", bio=bio)
    assert author.bio == bio


def test_field_that_is_not_text_is_refused(library: Library) -> None:
    with pytest.raises(ValidationError, match="role must be text"):
        with library.transaction() as session:
            create_author(session, "Anna Moroz", role=["Reporter"])


def test_unknown_field_is_a_programming_error(library: Library) -> None:
    with pytest.raises(TypeError, match="twitter"):
        with library.transaction() as session:
            create_author(session, "Anna Moroz", twitter="@anna")


def test_find_author_by_slug_then_by_name_ignoring_case(library: Library) -> None:
    with library.transaction() as session:
        create_author(session, "Олена Коваленко")
        create_author(session, "Anna Moroz")
    with library.session() as session:
        assert find_author(session, "olena-kovalenko").name == "Олена Коваленко"
        assert find_author(session, "ОЛЕНА коваленко").slug == "olena-kovalenko"
        assert find_author(session, "anna moroz").slug == "anna-moroz"
        assert find_author(session, "Nobody") is None
        assert find_author(session, "  ") is None
