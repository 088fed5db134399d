"""The rule for a site's base URL, kept free of the ORM.

``workstation export`` checks a ``--base-url`` before it decides whether
anything changed, and that decision must not wait for SQLAlchemy to import;
the settings module re-exports it for the desks.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from workstation.errors import ValidationError

BASE_URL_EXAMPLE = "https://news.example.org/"
# Characters RFC 3986 never allows in a URL; a newline among them would start a new line of robots.txt.
NOT_IN_URLS = frozenset('"<>\\^`{|}')


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
