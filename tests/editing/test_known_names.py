"""Names the library already holds count as spelled right, and follow the library as it changes."""

from __future__ import annotations

from workstation.editing import authors, dictionary, settings
from workstation.library.articles import find_or_create_tag
from workstation.library.settings import DeskSettings


def test_authors_photo_creators_places_sections_tags_and_published_headlines_are_known(library, newsroom):
    with library.transaction() as session:
        from workstation.library.models import Photo

        photo = session.get(Photo, newsroom.photo)
        photo.city, photo.region, photo.country = "Lowmere", "Kharkivska", "Ukraine"
    words = dictionary.known_names(library).words
    assert {"Olena", "Koval", "Taras", "Bondar", "Lowmere", "Kharkivska", "Culture", "Kyiv", "Bridge"} <= words
    # Draft headlines are not vouched for: only what was published.
    assert "Power" not in words


def test_an_author_added_on_the_author_desk_becomes_known(library, newsroom):
    before = dictionary.known_names(library)
    assert "Zaluzhna" not in before.words
    authors.save_profile(library, None, {"name": "Iryna Zaluzhna"})
    after = dictionary.known_names(library)
    assert "Zaluzhna" in after.words
    assert after.marker != before.marker


def test_the_marker_moves_with_every_change_and_stays_when_nothing_changed(library, newsroom):
    first = dictionary.library_marker(library)
    assert dictionary.library_marker(library) == first
    with library.transaction() as session:
        find_or_create_tag(session, "Pokrovsk")
    assert dictionary.library_marker(library) != first


def test_desk_settings_are_kept_apart_from_the_site_settings(library):
    rules = "substitutions:\n  Kiev: Kyiv\n"
    desk = settings.checked_desk_settings(headline_limit=80, dek_limit=180, house_style=rules)
    settings.save_all_settings(library, settings.site_settings(library), desk)
    assert settings.desk_settings(library) == DeskSettings(headline_limit=80, dek_limit=180, house_style=rules)


def test_bad_house_style_rules_are_refused_before_anything_is_written(library):
    import pytest

    from workstation.errors import ValidationError

    with pytest.raises(ValidationError, match="house style"):
        settings.checked_desk_settings(headline_limit=80, dek_limit=180, house_style="patterns:\n  - pattern: '('\n")
    assert settings.desk_settings(library) == DeskSettings()


def test_the_photo_captions_spell_checker_knows_the_names_too(library, newsroom):
    from workstation.editing.photos import spelling_inputs

    _languages, _added, known = spelling_inputs(library)
    assert {"Bondar", "Koval", "Culture"} <= known
