"""The site's settings as plain data, and how stored key/value rows fill them.

Apart from ``library.settings`` (which reads and writes them through the
ORM) so that the export's plain reader (``publish.catalog_reader``) fills
the same dataclass by the same rule without importing SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from workstation.photos.vocabulary import DEFAULT_DATA_MINING


@dataclass
class SiteSettings:
    site_name: str = "Workstation News"
    site_description: str = "Independent reporting"
    base_url: str = ""
    # What syndicated (ninjs) articles carry: the copyright notice ("" composes
    # "© <year of publication> <publisher>") and the terms partners may use them under.
    copyright_notice: str = ""
    usage_terms: str = ""
    language: str = "en"
    # Placeholders: {creator} and {credit}; parts that are empty collapse.
    credit_style: str = "({creator}/{credit})"
    words_per_minute: int = 265
    spell_languages: str = "en_US,uk_UA"
    publisher_name: str = "Workstation News"
    # PLUS Data Mining written into exported images whose record sets none.
    data_mining: str = DEFAULT_DATA_MINING
    # The photo whose square crop is the site's icon and publisher logo; 0 draws one from the site name.
    logo_photo_id: int = 0


# The prefix of the writing desk's settings' keys (``settings.DeskSettings``), apart from the site's.
DESK_PREFIX = "desk."

def filled(settings: Any, stored: dict[str, str]) -> Any:
    """``settings`` (a dataclass of defaults) with the stored values over them, numbers as numbers."""
    for field in fields(settings):
        if field.name in stored:
            value = stored[field.name]
            setattr(settings, field.name, int(value) if field.type in (int, "int") else value)
    return settings


def site_settings(rows: Iterable[tuple[str, str]]) -> SiteSettings:
    """The site's settings from the library's ``(key, value)`` rows, defaults where none is stored."""
    return filled(SiteSettings(), dict(rows))
