"""The library's house settings, as Preferences reads, checks and writes them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.settings import SiteSettings, load_settings, save_settings, validate_base_url
from workstation.photos.credit import compose_credit, validate_credit_style

SAMPLE_CREATOR, SAMPLE_CREDIT = "Olena Koval", "Agency via Distributor"


def site_settings(library: Library) -> SiteSettings:
    with library.session() as session:
        return load_settings(session)


def credit_sample(style: str) -> str:
    """How a photo credit prints in ``style``; raises ``ValidationError`` for a style that cannot work."""
    return compose_credit(validate_credit_style(style), SAMPLE_CREATOR, SAMPLE_CREDIT)


def checked_settings(
    current: SiteSettings,
    *,
    site_name: str,
    base_url: str,
    credit_style: str,
    words_per_minute: int,
    spell_languages: Iterable[str],
    copyright_notice: str | None = None,
    usage_terms: str | None = None,
) -> SiteSettings:
    """``current`` with the typed values, or a ``ValidationError`` naming the first bad one.

    The syndication texts (``None``: as they are) are kept on one line each:
    partners print the notice as a credit line.
    """
    base_url = validate_base_url(base_url)
    if not site_name.strip():
        raise ValidationError("the site needs a name")
    credit_sample(credit_style)
    return dataclasses.replace(
        current,
        site_name=site_name.strip(),
        base_url=base_url,
        credit_style=credit_style,
        words_per_minute=words_per_minute,
        spell_languages=",".join(spell_languages),
        copyright_notice=current.copyright_notice if copyright_notice is None else " ".join(copyright_notice.split()),
        usage_terms=current.usage_terms if usage_terms is None else " ".join(usage_terms.split()),
    )


def save_site_settings(library: Library, settings: SiteSettings) -> SiteSettings:
    """Write ``settings``; returns them once committed."""
    with library.transaction() as session:
        save_settings(session, settings)
    return settings
