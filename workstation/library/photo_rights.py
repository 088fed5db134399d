"""What a photo's record puts on a page and into its files: the printed credit and the rights.

Plain functions of the record's fields (an ORM ``Photo`` or the export's
plain row, ``publish.catalog_reader``) and the library's settings, so both
ways of reading a photo print the same credit and embed the same rights.
"""

from __future__ import annotations

from typing import Any

from workstation.errors import ValidationError
from workstation.library.site_settings import SiteSettings
from workstation.photos.credit import DEFAULT_CREDIT_STYLE, printed_credit
from workstation.photos.rights import RightsMetadata


def credit_in_style(photo: Any, style: str) -> str:
    """The credit printed under ``photo``: its typed override, or ``style`` composed from its creator and credit line."""
    try:
        return printed_credit(photo, style)
    except ValidationError:
        # Only a hand-edited file holds a style the Preferences dialog
        # refused; publishing must still print a credit.
        return printed_credit(photo, DEFAULT_CREDIT_STYLE)


def rights_in(photo: Any, settings: SiteSettings) -> RightsMetadata:
    """The rights written into published and exported files of ``photo``.

    The record's own values, with the house data-mining default (Preferences)
    where the photo sets none.
    """
    credentials = photo.content_credentials or {}
    return RightsMetadata(
        creator=photo.creator or "",
        credit_line=photo.credit_line or "",
        copyright_notice=photo.copyright_notice or "",
        caption=photo.caption or "",
        usage_terms=photo.usage_terms or "",
        source=photo.source or "",
        web_statement=photo.web_statement or "",
        licensor_url=photo.licensor_url or "",
        city=photo.city or "",
        region=photo.region or "",
        country=photo.country or "",
        keywords=photo.keywords or "",
        alt_text=photo.alt_text or "",
        extended_description=photo.extended_description or "",
        digital_source_type=photo.digital_source_type or "",
        data_mining=photo.data_mining or settings.data_mining,
        source_manifest=str(credentials.get("manifest", "")),
        source_instance=str(credentials.get("instance_id", "")),
    )
