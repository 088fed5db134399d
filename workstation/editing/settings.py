"""The library's house settings, as Preferences reads, checks and writes them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.settings import SiteSettings, load_settings, save_settings, validate_base_url
from workstation.photos.credit import compose_credit, validate_credit_style
from workstation.photos.vocabulary import DATA_MINING, check_data_mining

SAMPLE_CREATOR, SAMPLE_CREDIT = "Olena Koval", "Agency via Distributor"


def site_settings(library: Library) -> SiteSettings:
    with library.session() as session:
        return load_settings(session)


def credit_sample(style: str) -> str:
    """How a photo credit prints in ``style``; raises ``ValidationError`` for a style that cannot work."""
    return compose_credit(validate_credit_style(style), SAMPLE_CREATOR, SAMPLE_CREDIT)


def data_mining_defaults() -> list[tuple[str, str]]:
    """The data-mining permissions a house may write into every exported image, as (URI, readable name)."""
    return list(DATA_MINING.items())


def checked_settings(
    current: SiteSettings,
    *,
    site_name: str,
    base_url: str,
    credit_style: str,
    words_per_minute: int,
    spell_languages: Iterable[str],
    data_mining: str | None = None,
) -> SiteSettings:
    """``current`` with the typed values, or a ``ValidationError`` naming the first bad one.

    ``data_mining`` None keeps the current house default.
    """
    base_url = validate_base_url(base_url)
    if not site_name.strip():
        raise ValidationError("the site needs a name")
    credit_sample(credit_style)
    mining = current.data_mining if data_mining is None else check_data_mining(data_mining)
    if not mining:
        raise ValidationError("choose the house data-mining permission")
    return dataclasses.replace(
        current,
        site_name=site_name.strip(),
        base_url=base_url,
        credit_style=credit_style,
        words_per_minute=words_per_minute,
        spell_languages=",".join(spell_languages),
        data_mining=mining,
    )


def save_site_settings(library: Library, settings: SiteSettings) -> SiteSettings:
    """Write ``settings``; returns them once committed."""
    with library.transaction() as session:
        save_settings(session, settings)
    return settings
