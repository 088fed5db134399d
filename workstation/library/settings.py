"""Library-wide settings, stored in the library so they travel with the file."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy.orm import Session

from workstation.library.base_url import BASE_URL_EXAMPLE, validate_base_url
from workstation.library.models import Setting
from workstation.photos.vocabulary import DEFAULT_DATA_MINING

__all__ = ["BASE_URL_EXAMPLE", "SiteSettings", "load_settings", "save_settings", "validate_base_url"]


@dataclass
class SiteSettings:
    site_name: str = "Workstation News"
    site_description: str = "Independent reporting"
    base_url: str = ""
    language: str = "en"
    # Placeholders: {creator} and {credit}; parts that are empty collapse.
    credit_style: str = "({creator}/{credit})"
    words_per_minute: int = 265
    spell_languages: str = "en_US,uk_UA"
    publisher_name: str = "Workstation News"
    # PLUS Data Mining written into exported images whose record sets none.
    data_mining: str = DEFAULT_DATA_MINING


def load_settings(session: Session) -> SiteSettings:
    stored = {row.key: row.value for row in session.query(Setting)}
    settings = SiteSettings()
    for field in fields(SiteSettings):
        if field.name in stored:
            value = stored[field.name]
            setattr(settings, field.name, int(value) if field.type in (int, "int") else value)
    return settings


def save_settings(session: Session, settings: SiteSettings) -> None:
    """Store ``settings``; raises ``ValidationError`` (storing nothing) for a bad base URL."""
    settings.base_url = validate_base_url(settings.base_url)
    for field in fields(SiteSettings):
        session.merge(Setting(key=field.name, value=str(getattr(settings, field.name))))
