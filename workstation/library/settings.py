"""Library-wide settings, stored in the library so they travel with the file."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy.orm import Session

from workstation.content.house_rules import DEFAULT_RULES
from workstation.library.base_url import BASE_URL_EXAMPLE, validate_base_url
from workstation.library.models import Setting
from workstation.photos.vocabulary import DEFAULT_DATA_MINING

__all__ = [
    "BASE_URL_EXAMPLE",
    "DeskSettings",
    "SiteSettings",
    "load_desk_settings",
    "load_settings",
    "save_desk_settings",
    "save_settings",
    "validate_base_url",
]


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


def _filled(settings: Any, stored: dict[str, str]) -> Any:
    """``settings`` (a dataclass of defaults) with the stored values over them, numbers as numbers."""
    for field in fields(settings):
        if field.name in stored:
            value = stored[field.name]
            setattr(settings, field.name, int(value) if field.type in (int, "int") else value)
    return settings


def load_settings(session: Session) -> SiteSettings:
    return _filled(SiteSettings(), {row.key: row.value for row in session.query(Setting)})


def save_settings(session: Session, settings: SiteSettings) -> None:
    """Store ``settings``; raises ``ValidationError`` (storing nothing) for a bad base URL."""
    settings.base_url = validate_base_url(settings.base_url)
    for field in fields(SiteSettings):
        session.merge(Setting(key=field.name, value=str(getattr(settings, field.name))))


@dataclass
class DeskSettings:
    """The writing desk's house rules: kept in the library like the site's, but not part of any page.

    Stored under their own keys (``desk.…``), apart from ``SiteSettings``,
    whose values feed every exported page's fingerprint: a new house-style
    rule must not make the next export re-render the whole site.
    """

    headline_limit: int = 100
    dek_limit: int = 220
    house_style: str = DEFAULT_RULES


DESK_PREFIX = "desk."


def load_desk_settings(session: Session) -> DeskSettings:
    stored = {
        row.key[len(DESK_PREFIX) :]: row.value
        for row in session.query(Setting).filter(Setting.key.startswith(DESK_PREFIX, autoescape=True))
    }
    return _filled(DeskSettings(), stored)


def save_desk_settings(session: Session, settings: DeskSettings) -> None:
    for field in fields(DeskSettings):
        session.merge(Setting(key=DESK_PREFIX + field.name, value=str(getattr(settings, field.name))))
