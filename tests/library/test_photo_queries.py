"""The desk's listing: search, flags and order, done in SQL over photo records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from workstation.library.database import Library
from workstation.library.models import Photo, PhotoThumbnail
from workstation.library.photo_queries import (
    PhotoFilter,
    PhotoSort,
    known_creators,
    known_credits,
    photo_ids,
    photo_summaries,
    thumbnails,
)

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 25)


def ids(library: Library, **flags: object) -> list[int]:
    with library.session() as session:
        return photo_ids(session, PhotoFilter(**flags), today=TODAY)


def test_photos_are_listed_newest_taken_first_with_undated_last(
    library: Library, add_photo: Callable[..., int]
) -> None:
    old = add_photo(date_taken=datetime(2020, 1, 1, tzinfo=UTC))
    undated = add_photo(date_taken=None)
    new = add_photo(date_taken=datetime(2026, 1, 1, tzinfo=UTC))
    assert ids(library) == [new, old, undated]


def test_sort_by_imported_lists_the_latest_import_first(
    library: Library, add_photo: Callable[..., int]
) -> None:
    first = add_photo(imported_at=datetime(2026, 1, 1, tzinfo=UTC))
    second = add_photo(imported_at=datetime(2026, 2, 1, tzinfo=UTC))
    assert ids(library, sort=PhotoSort.IMPORTED) == [second, first]


def test_search_matches_caption_credit_and_creator(
    library: Library, add_photo: Callable[..., int]
) -> None:
    by_caption = add_photo(caption="Flooded street in Kherson")
    by_credit = add_photo(credit_line="Kherson Press Pool")
    by_creator = add_photo(creator="Ivan Khersonsky")
    add_photo(caption="Harvest near Poltava")
    assert set(ids(library, query="kherson")) == {by_caption, by_credit, by_creator}


def test_search_matches_cyrillic_words_by_prefix(
    library: Library, add_photo: Callable[..., int]
) -> None:
    wanted = add_photo(caption="Рятувальники у Харкові")
    add_photo(caption="Рибалки на Дніпрі")
    assert ids(library, query="харк") == [wanted]


def test_search_text_with_fts_syntax_is_matched_as_plain_words(
    library: Library, add_photo: Callable[..., int]
) -> None:
    add_photo(caption="Quiet morning")
    for hostile in ['"', "NEAR(", "caption:morning", "*", "a OR", ")(", "-x"]:
        assert ids(library, query=hostile) == []


def test_missing_credit_flag_finds_photos_with_nothing_to_print(
    library: Library, add_photo: Callable[..., int]
) -> None:
    bare = add_photo(creator="", credit_line="  ", credit_override="")
    add_photo(creator="Olena", credit_line="")
    add_photo(creator="", credit_line="", credit_override="Handout")
    assert ids(library, missing_credit=True) == [bare]


def test_missing_alt_flag_finds_blank_alt_text(
    library: Library, add_photo: Callable[..., int]
) -> None:
    bare = add_photo(alt_text=" ")
    add_photo(alt_text="A tram in snow")
    assert ids(library, missing_alt=True) == [bare]


def test_expiring_flag_finds_rights_ending_within_thirty_days_or_ended(
    library: Library, add_photo: Callable[..., int]
) -> None:
    ended = add_photo(rights_expiry=TODAY - timedelta(days=1))
    soon = add_photo(rights_expiry=TODAY + timedelta(days=30))
    add_photo(rights_expiry=TODAY + timedelta(days=31))
    add_photo(rights_expiry=None)
    assert set(ids(library, expiring=True)) == {ended, soon}


def test_unused_flag_leaves_out_lead_photos_and_body_references(
    library: Library, add_photo: Callable[..., int], add_article: Callable[..., int]
) -> None:
    lead, in_body, unused, lookalike = (add_photo() for _ in range(4))
    add_article("lead", feature_photo_id=lead)
    add_article("body", body=f'Text\n\n![alt](photo:{in_body} "cap")\n')
    add_article("mention", body=f"photo:{lookalike}0 is not a reference to {lookalike}")
    assert set(ids(library, unused=True)) == {unused, lookalike}


def test_flags_combine_with_search(
    library: Library, add_photo: Callable[..., int]
) -> None:
    wanted = add_photo(caption="Tram depot", alt_text="")
    add_photo(caption="Tram depot", alt_text="Trams")
    add_photo(caption="Bus depot", alt_text="")
    assert ids(library, query="tram", missing_alt=True) == [wanted]


def test_summaries_carry_the_flags_for_grid_badges(
    library: Library, add_photo: Callable[..., int]
) -> None:
    photo = add_photo(
        caption="C", creator="", credit_line="", alt_text="", rights_expiry=TODAY
    )
    with library.session() as session:
        summary = photo_summaries(session, [photo, 999_999])
    assert list(summary) == [photo]
    assert summary[photo].missing_credit and summary[photo].missing_alt
    assert summary[photo].rights_expiry == TODAY


def test_thumbnails_are_fetched_for_a_page_of_ids(
    library: Library, add_photo: Callable[..., int]
) -> None:
    photos = [add_photo() for _ in range(3)]
    with library.transaction() as session:
        for photo in photos[:2]:
            session.add(
                PhotoThumbnail(
                    photo_id=photo, data=b"jpeg-%d" % photo, width=10, height=10
                )
            )
    with library.session() as session:
        assert thumbnails(session, photos) == {p: b"jpeg-%d" % p for p in photos[:2]}


def test_summaries_are_read_in_chunks_for_long_id_lists(library: Library) -> None:
    with library.transaction() as session:
        session.add_all(
            Photo(
                sha256=f"{n:064x}", mime="image/jpeg", width=10, height=10, size_bytes=1
            )
            for n in range(1_200)
        )
    with library.session() as session:
        ids = photo_ids(session)
        assert len(photo_summaries(session, ids)) == 1_200


def test_autocomplete_lists_known_creators_and_credits_most_used_first(
    library: Library, add_photo: Callable[..., int]
) -> None:
    add_photo(creator="Ann", credit_line="Reuters")
    add_photo(creator="Bo", credit_line="AFP via Getty Images")
    add_photo(creator="Bo", credit_line="AFP via Getty Images")
    add_photo(creator=" ", credit_line="")
    with library.session() as session:
        assert known_creators(session) == ["Bo", "Ann"]
        assert known_credits(session) == ["AFP via Getty Images", "Reuters"]
