"""Library-wide settings, stored in the library so they travel with the file."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy.orm import Session

from workstation.content.house_rules import DEFAULT_RULES
from workstation.library.base_url import BASE_URL_EXAMPLE, validate_base_url
from workstation.library.models import Setting
from workstation.library.site_settings import DESK_PREFIX, SiteSettings, filled, site_settings

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


def load_settings(session: Session) -> SiteSettings:
    return site_settings((row.key, row.value) for row in session.query(Setting))


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


def load_desk_settings(session: Session) -> DeskSettings:
    stored = {
        row.key[len(DESK_PREFIX) :]: row.value
        for row in session.query(Setting).filter(Setting.key.startswith(DESK_PREFIX, autoescape=True))
    }
    return filled(DeskSettings(), stored)


def save_desk_settings(session: Session, settings: DeskSettings) -> None:
    for field in fields(DeskSettings):
        session.merge(Setting(key=DESK_PREFIX + field.name, value=str(getattr(settings, field.name))))
