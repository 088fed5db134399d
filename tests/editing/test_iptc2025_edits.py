"""Editing the IPTC 2025 fields without Qt: checked values, batch edits and templates that fill them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from workstation.editing.photos import apply_batch, save_photo_fields, source_type_choices, undo_batch
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.models import Photo

AddPhoto = Callable[..., int]
AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


def values(library: Library, photo_id: int, *names: str) -> tuple[Any, ...]:
    with library.session() as session:
        photo = session.get(Photo, photo_id)
        return tuple(getattr(photo, name) for name in names)


def test_a_bare_source_type_code_is_stored_as_its_iptc_uri(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo()
    assert save_photo_fields(library, photo, {"digital_source_type": "trainedAlgorithmicMedia"}).values == {
        "digital_source_type": AI
    }


def test_a_made_up_source_type_is_refused(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo()
    with pytest.raises(ValidationError, match="digital source type 'made up' is not one of the IPTC / PLUS codes"):
        save_photo_fields(library, photo, {"digital_source_type": "made up"})


@pytest.mark.parametrize("name", ["web_statement", "licensor_url"])
@pytest.mark.parametrize("value", ["javascript:alert(1)", "ftp://x.example/", "licence page"])
def test_licence_addresses_must_be_web_addresses(library: Library, add_photo: AddPhoto, name: str, value: str) -> None:
    photo = add_photo()
    with pytest.raises(ValidationError, match="must be a web address"):
        save_photo_fields(library, photo, {name: value})
    assert values(library, photo, name) == ("",)


def test_keywords_are_one_semicolon_list_without_repeats(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo()
    save_photo_fields(library, photo, {"keywords": " ferry ;harbour;; ferry "})
    assert values(library, photo, "keywords") == ("ferry; harbour",)


def test_batch_sets_source_type_and_licence_on_every_photo_and_undoes(library: Library, add_photo: AddPhoto) -> None:
    ids = [add_photo(), add_photo()]
    applied = apply_batch(
        library, ids, {"digital_source_type": AI, "licensor_url": "https://agency.example/buy"}
    )
    assert applied.changed == 2
    assert {values(library, i, "digital_source_type", "licensor_url") for i in ids} == {
        (AI, "https://agency.example/buy")
    }
    undo_batch(library, applied.undo)
    assert {values(library, i, "digital_source_type") for i in ids} == {("",)}


def test_a_template_fills_the_alt_text_per_photo(library: Library, add_photo: AddPhoto) -> None:
    ids = [add_photo(city="Kyiv"), add_photo(city="Lviv")]
    apply_batch(library, ids, {}, "A street in {city}", target="alt_text")
    assert [values(library, i, "alt_text")[0] for i in ids] == ["A street in Kyiv", "A street in Lviv"]


def test_a_template_can_name_how_a_photo_was_made(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo(digital_source_type=AI, keywords="ferry; harbour")
    apply_batch(library, [photo], {}, "{caption} [{source_type}; {keywords}]", target="extended_description")
    assert values(library, photo, "extended_description") == ("[AI-generated; ferry; harbour]",)


def test_a_template_cannot_fill_any_other_field(library: Library, add_photo: AddPhoto) -> None:
    photo = add_photo()
    with pytest.raises(ValidationError, match="a template cannot fill 'creator'"):
        apply_batch(library, [photo], {}, "{city}", target="creator")


def test_the_source_type_list_offers_none_first_and_the_ai_codes() -> None:
    choices = dict(source_type_choices())
    assert list(choices)[0] == ""
    assert choices[AI] == "AI-generated"
