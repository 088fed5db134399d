"""House settings and the newsroom's spelling words, read and written through the application layer."""

from __future__ import annotations

import pytest

from workstation.editing import dictionary, settings
from workstation.errors import ValidationError
from workstation.library.database import open_library


def _typed(current, **changes):
    values = dict(
        site_name=current.site_name, base_url=current.base_url, credit_style=current.credit_style,
        words_per_minute=current.words_per_minute, spell_languages=current.spell_languages.split(","),
    )
    values.update(changes)
    return settings.checked_settings(current, **values)


def test_saved_settings_are_in_the_file(library):
    current = settings.site_settings(library)
    settings.save_site_settings(library, _typed(current, site_name="  River Post ", words_per_minute=300))
    with open_library(library.path, readonly=True) as lib:
        stored = settings.site_settings(lib)
    assert (stored.site_name, stored.words_per_minute) == ("River Post", 300)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"base_url": "news.example.org"}, "http"),
        ({"base_url": "https://"}, "names no host"),
        ({"site_name": "   "}, "needs a name"),
        ({"credit_style": "{nonsense}"}, "needs {creator} or {credit}"),
    ],
)
def test_bad_settings_are_refused_before_anything_is_written(library, changes, message):
    current = settings.site_settings(library)
    with pytest.raises(ValidationError, match=message):
        _typed(current, **changes)


def test_the_credit_sample_shows_the_house_style():
    assert settings.credit_sample("({creator}/{credit})") == "(Olena Koval/Agency via Distributor)"


def test_a_dictionary_word_is_kept_in_the_library(library):
    dictionary.add_word(library, "Zaluzhnyi")
    dictionary.add_word(library, "Покровськ")
    dictionary.add_word(library, "Zaluzhnyi")
    with open_library(library.path, readonly=True) as lib:
        assert dictionary.dictionary_words(lib) == ["Zaluzhnyi", "Покровськ"]


@pytest.mark.parametrize("bad", ["", "two words", "x" * 500])
def test_a_blank_spaced_or_overlong_dictionary_entry_is_refused(library, bad):
    with pytest.raises(ValidationError):
        dictionary.add_word(library, bad)
    assert dictionary.dictionary_words(library) == []
