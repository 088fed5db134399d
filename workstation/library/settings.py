"""Library-wide settings, stored in the library so they travel with the file."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from workstation.errors import ValidationError
from workstation.library.models import Setting

BASE_URL_EXAMPLE = "https://news.example.org/"
# Characters RFC 3986 never allows in a URL; a newline among them would start a new line of robots.txt.
NOT_IN_URLS = frozenset('"<>\\^`{|}')


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


def validate_base_url(text: str) -> str:
    """The site's address as stored: an absolute http(s) URL with a host, or "" for none.

    It is written verbatim into robots.txt, the feed, the sitemap and every
    canonical link, so anything but a plain address is refused with one line.
    """
    url = text.strip()
    if not url:
        return ""
    if any(ch.isspace() or ch in NOT_IN_URLS or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Cn") for ch in url):
        raise ValidationError(f"the base URL {url!r} holds spaces or characters no address may contain")
    try:
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port  # reading the port checks it is a number in range
    except ValueError as exc:
        raise ValidationError(f"the base URL {url!r} is not a valid address ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationError(f"the base URL {url!r} must start with http:// or https://, e.g. {BASE_URL_EXAMPLE}")
    if not host:
        raise ValidationError(f"the base URL {url!r} names no host, e.g. {BASE_URL_EXAMPLE}")
    if parts.username is not None or parts.password is not None:
        raise ValidationError(f"the base URL {url!r} must not carry a user name or password")
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise ValidationError(f"the base URL {url!r} must not carry a query (?) or a fragment (#)")
    return url


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
