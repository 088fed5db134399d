"""Where a photo is used: lead photo and body references."""

from __future__ import annotations

from collections.abc import Callable

from workstation.library.database import Library
from workstation.library.photo_queries import where_used


def test_lead_and_body_uses_are_both_listed(
    library: Library, add_photo: Callable[..., int], add_article: Callable[..., int]
) -> None:
    photo = add_photo()
    lead = add_article("lead-story", feature_photo_id=photo)
    body = add_article("body-story", body=f"Intro\n\n![Alt](photo:{photo})\n")
    both = add_article("both", body=f"![Alt](photo:{photo})", feature_photo_id=photo)
    with library.session() as session:
        usages = {
            u.article_id: (u.as_lead, u.in_body) for u in where_used(session, photo)
        }
    assert usages == {lead: (True, False), body: (False, True), both: (True, True)}


def test_a_reference_to_a_longer_id_is_not_a_use(
    library: Library, add_photo: Callable[..., int], add_article: Callable[..., int]
) -> None:
    photo = add_photo()
    add_article("other", body=f"![Alt](photo:{photo}7)")
    with library.session() as session:
        assert where_used(session, photo) == []


def test_unused_photo_has_no_uses(
    library: Library, add_photo: Callable[..., int]
) -> None:
    with library.session() as session:
        assert where_used(session, add_photo()) == []
