"""The house data-mining permission: chosen in Preferences, checked, stored with the library."""

from __future__ import annotations

import pytest

from workstation.editing.settings import checked_settings, data_mining_defaults, save_site_settings, site_settings
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.settings import SiteSettings
from workstation.photos.vocabulary import DEFAULT_DATA_MINING

TYPED = {
    "site_name": "The Daily",
    "base_url": "",
    "credit_style": "({creator}/{credit})",
    "words_per_minute": 250,
    "spell_languages": ["en_US"],
}


def test_a_new_library_prohibits_ai_training_by_default(library: Library) -> None:
    assert site_settings(library).data_mining == DEFAULT_DATA_MINING
    assert DEFAULT_DATA_MINING in dict(data_mining_defaults())


def test_the_chosen_default_is_stored(library: Library) -> None:
    allowed = "http://ns.useplus.org/ldf/vocab/DMI-ALLOWED"
    save_site_settings(library, checked_settings(SiteSettings(), **TYPED, data_mining=allowed))
    assert site_settings(library).data_mining == allowed


def test_a_bare_plus_code_is_stored_as_its_uri() -> None:
    chosen = checked_settings(SiteSettings(), **TYPED, data_mining="DMI-PROHIBITED")
    assert chosen.data_mining == "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED"


@pytest.mark.parametrize("value", ["", "not a code"])
def test_no_permission_or_a_made_up_one_is_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        checked_settings(SiteSettings(), **TYPED, data_mining=value)
