"""The library's house settings, as Preferences reads, checks and writes them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from workstation.content.house_style import parse_rules
from workstation.errors import ValidationError
from workstation.library.database import Library
from workstation.library.settings import (
    DeskSettings,
    SiteSettings,
    load_desk_settings,
    load_settings,
    save_desk_settings,
    save_settings,
    validate_base_url,
)
from workstation.library.user_names import chosen_or_default
from workstation.library.users import default_user
from workstation.photos.credit import compose_credit, validate_credit_style
from workstation.photos.vocabulary import DATA_MINING, check_data_mining

SAMPLE_CREATOR, SAMPLE_CREDIT = "Olena Koval", "Agency via Distributor"


def default_user_name() -> str:
    """Who works here until Preferences or the desk says otherwise (``library.users.default_user``)."""
    return default_user()


def user_name(chosen: object) -> str:
    """Who works at this computer: ``chosen`` in Preferences (kept per computer user), else the default.

    A library file is opened as this name (``Library.user``), which signs
    comments as it marks revisions; a newsroom's desk asks instead.
    """
    return chosen_or_default(chosen)


def site_settings(library: Library) -> SiteSettings:
    with library.session() as session:
        return load_settings(session)


def with_syndication(current: SiteSettings, *, copyright_notice: str, usage_terms: str) -> SiteSettings:
    """``current`` with the texts the ninjs export carries, each kept on one line: partners print the notice as a credit."""
    return dataclasses.replace(
        current, copyright_notice=" ".join(copyright_notice.split()), usage_terms=" ".join(usage_terms.split())
    )


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
    logo_photo_id: int | None = None,
    data_mining: str | None = None,
) -> SiteSettings:
    """``current`` with the typed values, or a ``ValidationError`` naming the first bad one.

    ``data_mining`` None keeps the current house default. ``logo_photo_id`` is the
    photo whose crop is the site's icon and logo (0: drawn from the site name; None: unchanged).
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
        logo_photo_id=current.logo_photo_id if logo_photo_id is None else max(0, logo_photo_id),
        data_mining=mining,
    )


def save_site_settings(library: Library, settings: SiteSettings) -> SiteSettings:
    """Write ``settings``; returns them once committed."""
    with library.transaction() as session:
        save_settings(session, settings)
    return settings


def desk_settings(library: Library) -> DeskSettings:
    with library.session() as session:
        return load_desk_settings(session)


def checked_desk_settings(*, headline_limit: int, dek_limit: int, house_style: str) -> DeskSettings:
    """The writing desk's rules as typed; a ``ValidationError`` names the first that cannot be kept."""
    if not 20 <= headline_limit <= 1000:
        raise ValidationError("the headline limit must be between 20 and 1,000 characters")
    if not 20 <= dek_limit <= 5000:
        raise ValidationError("the dek limit must be between 20 and 5,000 characters")
    parse_rules(house_style)
    return DeskSettings(headline_limit=headline_limit, dek_limit=dek_limit, house_style=house_style)


def save_all_settings(library: Library, site: SiteSettings, desk: DeskSettings) -> None:
    """Write the site's and the desk's settings in one transaction: both are kept, or neither."""
    with library.transaction() as session:
        save_settings(session, site)
        save_desk_settings(session, desk)
