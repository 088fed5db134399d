"""An article page's fingerprint: any change to what the page shows gives a new one, and nothing else does."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone

import pytest

from workstation.library.article_state import ArticleState
from workstation.library.site_settings import SiteSettings
from workstation.photos.rights import RightsMetadata
from workstation.publish.catalog import ArticleRecord, AuthorData, Catalog, CorrectionData, PhotoData, SectionData
from workstation.publish.fingerprints import Fingerprints
from workstation.publish.images import PhotoInfo

NOON = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)

# A changed value for every field of an article's state: a field added to the state must be added here.
CHANGED = {
    "slug": "river-rises-again",
    "headline": "The river rose again",
    "dek": "A second flood.",
    "body": "The water came back.\n\n[[bridge-shut]]",
    "section_id": 2,
    "author_ids": (2, 1),
    "tags": ("floods",),
    "status": "ready",
    "published_at": NOON + timedelta(minutes=1),
    "feature_photo_id": 8,
    "feature_caption": "Sandbags on the quay.",
    "feature_alt": "Sandbags piled along a quay",
    "seo_title": "River rises",
    "seo_description": "The river rose overnight.",
    "word_target": 600,
}


def photo(photo_id: int, caption: str = "The quay at dawn.") -> PhotoData:
    info = PhotoInfo(photo_id, f"{photo_id:064x}", 1600, 1200, (0.5, 0.5), RightsMetadata(creator="A. Photographer"))
    return PhotoData(info, caption, "A quay", "(A. Photographer/Agency)")


def article(slug: str, minutes: int, **changes: object) -> ArticleRecord:
    state = ArticleState(
        slug=slug, headline=slug.replace("-", " ").title(), dek="", body="The water rose.", section_id=1,
        author_ids=(1,), status="published", published_at=NOON - timedelta(minutes=minutes), feature_photo_id=7,
    )
    return ArticleRecord(replace(state, **changes), updated_at=NOON, created_at=NOON - timedelta(days=1))


def catalog(*records: ArticleRecord, photos: dict[int, PhotoData] | None = None) -> Catalog:
    sections = {n: SectionData(n, f"section-{n}", f"Section {n}", "", n) for n in (1, 2)}
    authors = {n: AuthorData(n, f"author-{n}", f"Author {n}", "Reporter", "", "", "", (), None, "") for n in (1, 2)}
    return Catalog(SiteSettings(), sections, authors, list(records), photos or {7: photo(7), 8: photo(8)})


def others() -> list[ArticleRecord]:
    return [article("bridge-shut", 10), article("school-reopens", 20)]


def fingerprint(shelf: Catalog, slug: str = "river-rises") -> str:
    prints = Fingerprints(shelf, design="design", base_url="", drafts=False, renderer="renderer")
    record = next(r for r in shelf.articles if r.slug == slug)
    return prints.article(record, shelf.latest_in_section(record))


def test_the_same_inputs_give_the_same_fingerprint() -> None:
    assert fingerprint(catalog(article("river-rises", 0), *others())) == fingerprint(
        catalog(article("river-rises", 0), *others())
    )


def test_every_field_of_an_article_has_a_change_to_try() -> None:
    assert set(CHANGED) == {field.name for field in fields(ArticleState)}


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_a_change_to_any_field_of_an_article_gives_a_new_fingerprint(name: str) -> None:
    before = fingerprint(catalog(article("river-rises", 0), *others()))
    changed = article("river-rises", 0)._replace(state=replace(article("river-rises", 0).state, **{name: CHANGED[name]}))
    assert fingerprint(catalog(changed, *others()), changed.slug) != before


@pytest.mark.parametrize(
    "change",
    [
        {"modified_at": NOON + timedelta(hours=1)},
        {"corrections": (CorrectionData(NOON + timedelta(hours=2), "The level was 4 m, not 5 m."),)},
    ],
)
def test_a_change_to_its_publishing_history_gives_a_new_fingerprint(change: dict[str, object]) -> None:
    before = fingerprint(catalog(article("river-rises", 0), *others()))
    assert fingerprint(catalog(article("river-rises", 0)._replace(**change), *others())) != before


def test_a_new_creation_time_of_an_unpublished_article_gives_a_new_fingerprint() -> None:
    draft = article("river-rises", 0, published_at=None)
    before = fingerprint(catalog(draft, *others()))
    assert fingerprint(catalog(draft._replace(created_at=NOON - timedelta(days=2)), *others())) != before


@pytest.mark.parametrize("name", ["headline", "dek", "body", "feature_alt", "seo_description", "author_ids"])
def test_a_change_to_a_story_in_its_latest_news_gives_a_new_fingerprint(name: str) -> None:
    before = fingerprint(catalog(article("river-rises", 0), *others()))
    bridge = article("bridge-shut", 10, **{name: CHANGED[name]})
    assert fingerprint(catalog(article("river-rises", 0), bridge, article("school-reopens", 20))) != before


def test_a_change_to_its_lead_photo_gives_a_new_fingerprint() -> None:
    records = (article("river-rises", 0), *others())
    before = fingerprint(catalog(*records))
    assert fingerprint(catalog(*records, photos={7: photo(7, "The quay at noon."), 8: photo(8)})) != before


def test_a_change_to_an_article_its_body_shows_as_a_card_gives_a_new_fingerprint() -> None:
    river = article("river-rises", 0, body="Upstream:\n\n[[bridge-shut]]\n", section_id=2)
    before = fingerprint(catalog(river, *others()))
    bridge = article("bridge-shut", 10, headline="The bridge is open again")
    assert fingerprint(catalog(river, bridge, article("school-reopens", 20))) != before


def test_an_edit_time_alone_is_not_a_change_to_the_page() -> None:
    before = fingerprint(catalog(article("river-rises", 0), *others()))
    touched = article("river-rises", 0)._replace(updated_at=NOON + timedelta(hours=3))
    assert fingerprint(catalog(touched, *others())) == before


def test_a_new_avatar_of_an_author_gives_every_page_a_new_fingerprint() -> None:
    shelf = catalog(article("river-rises", 0), *others())
    before = fingerprint(shelf)
    # Another picture of the same size: only its bytes differ.
    shelf.authors[2] = shelf.authors[2]._replace(avatar=b"\xff\xd8" + b"\x01" * 30_000, avatar_mime="image/jpeg")
    with_avatar = fingerprint(shelf)
    shelf.authors[2] = shelf.authors[2]._replace(avatar=b"\xff\xd8" + b"\x02" * 30_000)
    assert len({before, with_avatar, fingerprint(shelf)}) == 3


def teaser(shelf: Catalog, slug: str) -> str:
    prints = Fingerprints(shelf, design="design", base_url="", drafts=False, renderer="renderer")
    return prints.story(next(r for r in shelf.articles if r.slug == slug))


def test_a_teaser_under_a_dek_does_not_change_with_the_body() -> None:
    before = teaser(catalog(article("river-rises", 0, dek="Residents had minutes to leave.")), "river-rises")
    edited = article("river-rises", 0, dek="Residents had minutes to leave.", body="A new body.")
    assert teaser(catalog(edited), "river-rises") == before


def test_a_teaser_without_a_dek_changes_with_the_body_it_is_made_from() -> None:
    before = teaser(catalog(article("river-rises", 0)), "river-rises")
    assert teaser(catalog(article("river-rises", 0, body="A new body.")), "river-rises") != before


@pytest.mark.parametrize("name", ["body", "feature_caption", "tags", "feature_photo_id"])
def test_the_feed_changes_with_what_an_entry_shows(name: str) -> None:
    def feed(record: ArticleRecord) -> str:
        shelf = catalog(record, *others())
        return Fingerprints(shelf, design="design", base_url="", drafts=False, renderer="renderer").feed(shelf.articles)

    with_dek = {"dek": "Residents had minutes to leave."}
    before = feed(article("river-rises", 0, **with_dek))
    assert feed(article("river-rises", 0, **with_dek, **{name: CHANGED[name]})) != before
