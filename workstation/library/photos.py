"""Photo records: adding an ingested image, reading its original back, its rights.

The same picture arriving twice (a re-sent shoot, two stories using one
agency frame) must stay one record with one set of captions, so photos
are keyed by the SHA-256 of their original bytes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from workstation.errors import ImageRefused, ImportRefused
from workstation.library.models import Photo, PhotoThumbnail
from workstation.library.original_store import open_original, store_bytes, store_original
from workstation.library.photo_rights import credit_in_style, rights_in
from workstation.library.settings import SiteSettings, load_settings
from workstation.photos.culling import marks_from_raw
from workstation.photos.ingest import MAX_IMAGE_BYTES, IngestedImage
from workstation.photos.rights import RightsMetadata
from workstation.photos.vocabulary import data_mining_uri, source_type_uri, web_url_or_empty
from workstation.regular_files import open_regular_file


def find_photo_by_hash(session: Session, sha256: str) -> Photo | None:
    return session.scalars(select(Photo).where(Photo.sha256 == sha256)).first()


def add_photo(session: Session, image: IngestedImage) -> tuple[Photo, bool]:
    """The record for ``image`` and whether it was created just now.

    An existing record with the same bytes is returned untouched: the
    captions and credits someone already edited on it win over whatever
    the file says. An original named by its ``source`` file (a large one)
    is streamed from it and must still be the file that was decoded:
    otherwise ``ImageRefused`` is raised, and the caller's transaction (one
    per file, rolled back on any exception) keeps nothing of it.
    """
    existing = find_photo_by_hash(session, image.sha256)
    if existing is not None:
        return existing, False
    meta = image.metadata
    marks = marks_from_raw(meta.raw)
    photo = Photo(
        sha256=image.sha256,
        mime=image.mime,
        width=image.width,
        height=image.height,
        size_bytes=image.size_bytes,
        original_filename=image.filename[:500],
        caption=meta.caption,
        headline=meta.headline,
        creator=meta.creator,
        credit_line=meta.credit_line,
        source=meta.source,
        copyright_notice=meta.copyright_notice,
        usage_terms=meta.usage_terms,
        date_taken=meta.date_taken,
        city=meta.city,
        region=meta.region,
        country=meta.country,
        keywords=meta.keywords,
        alt_text=meta.alt_text,
        extended_description=meta.extended_description,
        digital_source_type=source_type_uri(meta.digital_source_type),
        data_mining=data_mining_uri(meta.data_mining),
        web_statement=web_url_or_empty(meta.web_statement),
        licensor_url=web_url_or_empty(meta.licensor_url),
        embedded_metadata={**meta.raw, **({"Sidecar:Warning": image.sidecar_warning} if image.sidecar_warning else {})},
        rating=marks.rating,
        color_label=marks.label,
        pick=marks.pick,
        content_credentials=dict(image.credentials),
    )
    photo.thumbnail = PhotoThumbnail(data=image.thumbnail, width=image.thumb_width, height=image.thumb_height)
    session.add(photo)
    session.flush()
    if image.source is None:
        store_bytes(session, photo.id, image.data)
        return photo, True
    try:
        with open_regular_file(image.source, MAX_IMAGE_BYTES, "an image") as stream:
            store_original(session, photo.id, stream, image.sha256, image.size_bytes)
    except OSError as exc:
        raise ImageRefused(f"{image.filename}: cannot be read ({exc.strerror or exc})") from None
    except ImportRefused as exc:
        raise ImageRefused(f"{image.filename}: {exc}") from None
    return photo, True


def load_original(session: Session, photo_id: int) -> bytes:
    """The original bytes, checked against the hash taken at import: only for a caller that needs them whole.

    A renderer, an exporter or a copier reads ``original_store.open_original``
    instead, which keeps a large original out of memory.
    """
    with open_original(session, photo_id) as stream:
        return stream.read()


def _settings_of(photo: Photo) -> SiteSettings:
    session = object_session(photo)
    return load_settings(session) if session is not None else SiteSettings()


def house_credit(photo: Photo, credit_style: str | None = None) -> str:
    """The credit printed under ``photo``: the typed override, or the house style of the photo's own library.

    A caller going through many photos passes the style it already read,
    rather than a settings query each.
    """
    return credit_in_style(photo, credit_style if credit_style is not None else _settings_of(photo).credit_style)


def rights_of(photo: Photo, settings: SiteSettings | None = None) -> RightsMetadata:
    """The rights written into published and exported files of ``photo`` (``photo_rights.rights_in``).

    ``settings`` are the library's, read here when not given.
    """
    return rights_in(photo, settings if settings is not None else _settings_of(photo))
