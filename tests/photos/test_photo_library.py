"""Photo records in a real library file: add, dedupe, read back, rights."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from photo_helpers import encode, picture
from sqlalchemy import func, select, text

from workstation.errors import LibraryError
from workstation.library.database import Library
from workstation.library.models import Photo, PhotoOriginal, PhotoThumbnail
from workstation.library.photos import add_photo, find_photo_by_hash, house_credit, load_original, rights_of
from workstation.library.settings import load_settings, save_settings
from workstation.photos.ingest import ingest_bytes, ingest_file


def count(library: Library, model: type) -> int:
    with library.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_new_photo_gets_record_original_and_thumbnail(library: Library, tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg(
        "-IPTC:Caption-Abstract=Бахмут: рятувальники",
        "-XMP-dc:Creator=Олена Коваленко",
        "-XMP-photoshop:Credit=Укрінформ",
        "-XMP-photoshop:DateCreated=2024:03:01 10:20:30+02:00",
        "-IPTC:City=Київ",
        size=(640, 480),
    )
    with library.transaction() as session:
        photo, created = add_photo(session, ingest_bytes(data, "frame.jpg"))
        photo_id = photo.id
    assert created
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        assert (photo.caption, photo.creator, photo.credit_line) == (
            "Бахмут: рятувальники",
            "Олена Коваленко",
            "Укрінформ",
        )
        assert (photo.city, photo.width, photo.height, photo.mime) == ("Київ", 640, 480, "image/jpeg")
        assert photo.date_taken == datetime(2024, 3, 1, 10, 20, 30, tzinfo=timezone(timedelta(hours=2)))
        assert (photo.size_bytes, photo.original_filename) == (len(data), "frame.jpg")
        assert photo.embedded_metadata["IPTC:Caption-Abstract"] == "Бахмут: рятувальники"
        assert photo.thumbnail.width == 400 and photo.thumbnail.data[:2] == b"\xff\xd8"
        assert load_original(session, photo_id) == data


def test_same_bytes_twice_reuse_the_record_untouched(library: Library) -> None:
    data = encode(picture((320, 240)))
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(data, "a.jpg"))
        photo.caption = "Edited by the desk"
    with library.transaction() as session:
        again, created = add_photo(session, ingest_bytes(data, "copy-of-a.jpg"))
        assert not created
        assert (again.caption, again.original_filename) == ("Edited by the desk", "a.jpg")
    assert count(library, Photo) == count(library, PhotoOriginal) == count(library, PhotoThumbnail) == 1


def test_photo_is_found_by_hash(library: Library) -> None:
    image = ingest_bytes(encode(picture((64, 48))), "a.jpg")
    with library.transaction() as session:
        add_photo(session, image)
    with library.session() as session:
        assert find_photo_by_hash(session, image.sha256) is not None
        assert find_photo_by_hash(session, "0" * 64) is None


def test_photo_is_searchable_by_caption(library: Library, tagged_jpeg: Callable[..., bytes]) -> None:
    data = tagged_jpeg("-IPTC:Caption-Abstract=Lighthouse keeper")
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(data, "a.jpg"))
        photo_id = photo.id
    with library.session() as session:
        hits = session.execute(text("SELECT rowid FROM photos_fts WHERE photos_fts MATCH 'lighthouse'")).all()
    assert [row[0] for row in hits] == [photo_id]


def test_original_reads_back_verified(library: Library, fixture_photos: Path) -> None:
    image = ingest_file(fixture_photos / "Canon.jpg")
    with library.transaction() as session:
        photo_id = add_photo(session, image)[0].id
    with library.session() as session:
        assert load_original(session, photo_id) == (fixture_photos / "Canon.jpg").read_bytes()


def test_damaged_original_is_reported_by_photo(library: Library) -> None:
    with library.transaction() as session:
        photo_id = add_photo(session, ingest_bytes(encode(picture((64, 48))), "frame.jpg"))[0].id
    with library.transaction() as session:
        session.execute(
            text("UPDATE photo_originals SET data = :data WHERE photo_id = :id"), {"data": b"bitrot", "id": photo_id}
        )
    with (
        library.session() as session,
        pytest.raises(LibraryError, match=rf"^photo {photo_id} \(frame\.jpg\): the stored original is damaged"),
    ):
        load_original(session, photo_id)


def test_unknown_photo_is_reported(library: Library) -> None:
    with library.session() as session, pytest.raises(LibraryError, match=r"^photo 999: no such photo"):
        load_original(session, 999)


def test_rights_use_the_library_credit_style(library: Library) -> None:
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(encode(picture((64, 48))), "a.jpg"))
        photo.creator, photo.credit_line = "Vincenzo Circosta", "Anadolu Agency via Getty Images"
        photo.copyright_notice, photo.caption, photo.usage_terms = "© Anadolu", "Caption", "Editorial only"
        settings = load_settings(session)
        settings.credit_style = "Photo: {creator} / {credit}"
        save_settings(session, settings)
    with library.session() as session:
        photo = session.scalars(select(Photo)).one()
        rights = rights_of(photo)
        assert house_credit(photo) == "Photo: Vincenzo Circosta / Anadolu Agency via Getty Images"
    assert rights.credit_line == "Anadolu Agency via Getty Images"
    assert (rights.creator, rights.copyright_notice, rights.caption, rights.usage_terms) == (
        "Vincenzo Circosta",
        "© Anadolu",
        "Caption",
        "Editorial only",
    )


def test_rights_default_style_and_override(library: Library) -> None:
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(encode(picture((64, 48))), "a.jpg"))
        photo.credit_line = "Agency"
        assert house_credit(photo) == "(Agency)"
        photo.credit_override = "Handout photo"
        assert house_credit(photo) == "Handout photo"


def test_bad_stored_style_falls_back_to_house_default(library: Library) -> None:
    with library.transaction() as session:
        photo, _ = add_photo(session, ingest_bytes(encode(picture((64, 48))), "a.jpg"))
        photo.creator = "Anna"
        settings = load_settings(session)
        settings.credit_style = "{photographer}"
        save_settings(session, settings)
        assert house_credit(photo) == "(Anna)"


def test_rights_given_a_credit_style_use_it_instead_of_the_librarys(library) -> None:
    from workstation.library.models import Photo

    photo = Photo(sha256="0" * 64, mime="image/jpeg", width=1, height=1, size_bytes=1,
                  creator="Ann Lee", credit_line="Wire")
    assert house_credit(photo, "Photo: {creator} / {credit}") == "Photo: Ann Lee / Wire"
    assert house_credit(photo) == "(Ann Lee/Wire)"
