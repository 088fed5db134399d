"""What the photo desk asks of the library: filtered id lists, where-used, edits.

The desk must stay smooth with 20,000 photos, so the listing returns only
ids (sorted and filtered in SQL); summaries and thumbnails are fetched a
page at a time for the rows on screen. Edits are validated field by field
before anything is written, so a bad value leaves every record as it was.
"""

from __future__ import annotations

import binascii
import math
import re
import sys
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from workstation.content.references import photo_refs
from workstation.errors import ValidationError
from workstation.library.fts import fts_filter
from workstation.library.models import Article, Photo, PhotoThumbnail
from workstation.library.plain import batches
from workstation.photos.culling import check_marks
from workstation.photos.rights import LIST_SEPARATOR
from workstation.photos.rules import CREDIT_FIELDS, PhotoFacts, Problem, expiry_horizon, has_alt, has_credit, photo_problems
from workstation.photos.templates import TEMPLATE_TARGETS, fill_template
from workstation.photos.vocabulary import check_data_mining, check_source_type, check_web_url

# Bound on the id lists of a single query, so an "IN (...)" never hits SQLite's variable limit.


class PhotoSort(StrEnum):
    DATE_TAKEN = "date_taken"
    IMPORTED = "imported"


@dataclass(frozen=True)
class PhotoFilter:
    """The desk's current view: a search and any number of flags, all ANDed."""

    query: str = ""
    missing_credit: bool = False
    missing_alt: bool = False
    unused: bool = False
    expiring: bool = False
    sort: PhotoSort = PhotoSort.DATE_TAKEN
    # Culling: at least this many stars; this colour label ("" for none, None for any); picked/rejected/neither.
    min_rating: int = 0
    label: str | None = None
    pick: int | None = None


@dataclass(frozen=True)
class PhotoSummary:
    """What a grid cell shows; cheap to fetch for a page of rows."""

    id: int
    caption: str
    filename: str
    width: int
    height: int
    facts: PhotoFacts
    rating: int = 0
    label: str = ""
    pick: int = 0
    # The file carries Content Credentials (a C2PA manifest).
    signed: bool = False

    @property
    def missing_credit(self) -> bool:
        return not has_credit(self.facts)

    @property
    def missing_alt(self) -> bool:
        return not has_alt(self.facts)

    @property
    def rights_expiry(self) -> date | None:
        return self.facts.rights_expiry

    def problems(self, today: date) -> list[Problem]:
        """The photo rules' findings, as preflight would report them for this photo."""
        return photo_problems(self.facts, today)


@dataclass(frozen=True)
class Usage:
    """One article that uses a photo, and how."""

    article_id: int
    slug: str
    headline: str
    status: str
    as_lead: bool
    in_body: bool


@dataclass(frozen=True)
class _FieldRule:
    max_length: int
    multiline: bool = False


# Text fields an editor may change, with their limits (the column sizes).
TEXT_FIELDS: dict[str, _FieldRule] = {
    "caption": _FieldRule(10_000, multiline=True),
    "alt_text": _FieldRule(2_000, multiline=True),
    "headline": _FieldRule(500),
    "creator": _FieldRule(300),
    "credit_line": _FieldRule(500),
    "credit_override": _FieldRule(500),
    "source": _FieldRule(300),
    "copyright_notice": _FieldRule(500),
    "usage_terms": _FieldRule(10_000, multiline=True),
    "city": _FieldRule(200),
    "region": _FieldRule(200),
    "country": _FieldRule(200),
    "keywords": _FieldRule(2_000),
    "extended_description": _FieldRule(8_000, multiline=True),
    "web_statement": _FieldRule(1_000),
    "licensor_url": _FieldRule(1_000),
    "digital_source_type": _FieldRule(200),
    "data_mining": _FieldRule(200),
}
# Text fields whose value must also be a web address, or a code of a controlled vocabulary.
_CHECKED: dict[str, Callable[[str], str]] = {
    "web_statement": lambda value: check_web_url("web statement of rights", value),
    "licensor_url": lambda value: check_web_url("licensor URL", value),
    "digital_source_type": check_source_type,
    "data_mining": check_data_mining,
}
OTHER_FIELDS = ("rights_expiry", "date_taken", "focal_x", "focal_y")
# What "apply to the selection" offers: the rights fields an agency shoot shares.
BATCH_FIELDS = (
    "creator",
    "credit_line",
    "source",
    "copyright_notice",
    "usage_terms",
    "web_statement",
    "licensor_url",
    "digital_source_type",
    "data_mining",
    "keywords",
)
FIELD_LABELS = {
    "caption": "caption",
    "alt_text": "alt text",
    "headline": "headline",
    "creator": "creator",
    "credit_line": "credit line",
    "credit_override": "printed credit override",
    "source": "source",
    "copyright_notice": "copyright notice",
    "usage_terms": "usage terms",
    "city": "city",
    "region": "region",
    "country": "country",
    "keywords": "keywords",
    "extended_description": "extended description",
    "web_statement": "web statement of rights",
    "licensor_url": "licensor URL",
    "digital_source_type": "digital source type",
    "data_mining": "data mining",
    "rights_expiry": "rights expiry",
    "date_taken": "date taken",
    "focal_x": "focal point",
    "focal_y": "focal point",
}
_FACT_FIELDS = tuple(PhotoFacts.__dataclass_fields__)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")


def _blank(column: Any) -> Any:
    return func.trim(func.coalesce(column, "")) == ""


def _missing_credit() -> Any:
    """``rules.has_credit`` in SQL: every credit field blank."""
    return and_(*(_blank(getattr(Photo, name)) for name in CREDIT_FIELDS))


def used_photo_ids(session: Session) -> set[int]:
    """Every photo an article uses, as a lead photo or by a ``photo:<id>`` reference in its body."""
    used = set(
        session.scalars(
            select(Article.feature_photo_id).where(
                Article.feature_photo_id.is_not(None)
            )
        )
    )
    bodies = session.scalars(
        select(Article.body).where(Article.body.contains("photo:"))
    )
    for body in bodies:
        used.update(photo_refs(body))
    return used


def _filtered(flt: PhotoFilter, today: date) -> Select[tuple[int]]:
    statement = select(Photo.id)
    matching = fts_filter("photo", Photo.id, flt.query)
    if matching is not None:
        statement = statement.where(matching)
    if flt.missing_credit:
        statement = statement.where(_missing_credit())
    if flt.missing_alt:
        statement = statement.where(_blank(Photo.alt_text))
    if flt.expiring:
        statement = statement.where(
            Photo.rights_expiry.is_not(None),
            Photo.rights_expiry <= expiry_horizon(today),
        )
    if flt.min_rating:
        statement = statement.where(Photo.rating >= flt.min_rating)
    if flt.label is not None:
        statement = statement.where(Photo.color_label == flt.label)
    if flt.pick is not None:
        statement = statement.where(Photo.pick == flt.pick)
    if flt.sort == PhotoSort.IMPORTED:
        return statement.order_by(Photo.imported_at.desc(), Photo.id.desc())
    return statement.order_by(
        Photo.date_taken.is_(None),
        Photo.date_taken.desc(),
        Photo.imported_at.desc(),
        Photo.id.desc(),
    )


def photo_ids(
    session: Session, flt: PhotoFilter = PhotoFilter(), today: date | None = None, limit: int | None = None
) -> list[int]:
    """The ids of the photos ``flt`` selects, in its order; the first ``limit`` of them if given."""
    statement = _filtered(flt, today or date.today())
    if flt.unused:
        used = used_photo_ids(session)
        ids = [photo_id for photo_id in session.scalars(statement) if photo_id not in used]
        return ids if limit is None else ids[:limit]
    # Through the connection, not the ORM: a decade's 300,000 ids come back as plain values, without the ORM's
    # per-row work.
    return list(session.connection().execute(statement if limit is None else statement.limit(limit)).scalars())


def photo_id_array(session: Session, flt: PhotoFilter = PhotoFilter(), today: date | None = None) -> array[int]:
    """``photo_ids`` as a packed array of 64-bit ids, handed over by SQLite in one step.

    Row by row, a decade's 300,000 ids cost a Python step each and hold the
    interpreter lock for a quarter of a second, which a painting UI thread
    then waits on. Here SQLite sorts, filters and writes them as one hex
    string while the lock is free, and two C calls unpack it: ``a2b_hex``,
    which holds the lock for 2 ms over a decade's 4.8 MB of hex where
    ``bytes.fromhex`` (which also skips spaces) held it for 10. The ordered
    subquery under an aggregate is run in its order (SQLite does not flatten
    it). The "unused" filter, worked out in Python, and a PostgreSQL
    newsroom (whose server does the work) take ``photo_ids``.
    """
    if flt.unused or session.get_bind().dialect.name != "sqlite":
        return array("q", photo_ids(session, flt, today))
    ordered = _filtered(flt, today or date.today()).subquery()
    packed = session.connection().execute(
        select(func.group_concat(func.printf("%016x", ordered.c.id), ""))
    ).scalar()
    ids = array("q", binascii.a2b_hex(packed or ""))
    if sys.byteorder == "little":
        ids.byteswap()
    return ids


def photo_id_bound(session: Session) -> int:
    """The highest photo id: never less than how many photos there are, read in one step of the key's index.

    Counting a decade's 300,000 photos reads all of them; this tells a small
    library from a large one at once.
    """
    return int(session.scalar(select(func.max(Photo.id))) or 0)


def photo_summaries(session: Session, ids: Sequence[int]) -> dict[int, PhotoSummary]:
    """Grid-cell data for ``ids`` (those no longer in the library are absent)."""
    summaries: dict[int, PhotoSummary] = {}
    for chunk in batches(ids):
        rows = session.execute(
            select(
                Photo.id,
                Photo.caption,
                Photo.original_filename,
                Photo.width,
                Photo.height,
                Photo.rating,
                Photo.color_label,
                Photo.pick,
                Photo.content_credentials,
                *(getattr(Photo, name) for name in _FACT_FIELDS),
            ).where(Photo.id.in_(chunk))
        )
        for row in rows:
            facts = PhotoFacts(**{name: value for name, value in zip(_FACT_FIELDS, row[9:])})
            summaries[row[0]] = PhotoSummary(
                id=row[0],
                caption=row[1] or "",
                filename=row[2] or "",
                width=row[3],
                height=row[4],
                facts=facts,
                rating=row[5] or 0,
                label=row[6] or "",
                pick=row[7] or 0,
                signed=bool((row[8] or {}).get("manifest")),
            )
    return summaries


def thumbnails(session: Session, ids: Sequence[int]) -> dict[int, bytes]:
    """The stored thumbnail JPEG bytes of ``ids``."""
    found: dict[int, bytes] = {}
    for chunk in batches(ids):
        rows = session.execute(
            select(PhotoThumbnail.photo_id, PhotoThumbnail.data).where(
                PhotoThumbnail.photo_id.in_(chunk)
            )
        )
        found.update({row[0]: row[1] for row in rows})
    return found


def get_photo(session: Session, photo_id: int, lock: bool = False) -> Photo:
    """The photo; with ``lock`` (to change it), read under a row lock held to the end of the transaction.

    A photo's version moves with every update, so two desks changing one
    photo at once must not both write from the version they read: the
    second waits for the first and then changes what it wrote. The lock is
    PostgreSQL's ``FOR NO KEY UPDATE`` (what an UPDATE itself takes), so an
    article saved meanwhile with this photo as its lead (a foreign-key
    check) is not held up by it, and the two cannot deadlock.
    """
    locking = {"key_share": True} if lock else None
    photo = session.get(Photo, photo_id, with_for_update=locking, populate_existing=lock)
    if photo is None:
        raise ValidationError(f"photo {photo_id} is no longer in the library")
    return photo


def where_used(session: Session, photo_id: int) -> list[Usage]:
    """The articles that use ``photo_id``, as lead photo or in the body, newest first."""
    rows = session.execute(
        select(
            Article.id,
            Article.slug,
            Article.headline,
            Article.status,
            Article.feature_photo_id,
            Article.body,
        )
        .where(
            or_(
                Article.feature_photo_id == photo_id,
                Article.body.contains(f"photo:{photo_id}"),
            )
        )
        .order_by(Article.updated_at.desc(), Article.id.desc())
    )
    usages = []
    for article_id, slug, headline, status, feature_id, body in rows:
        as_lead = feature_id == photo_id
        in_body = photo_id in photo_refs(body or "")
        if as_lead or in_body:
            usages.append(Usage(article_id, slug, headline, status, as_lead, in_body))
    return usages


def _check_text(name: str, value: Any) -> str:
    rule = TEXT_FIELDS[name]
    label = FIELD_LABELS[name]
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text")
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    pattern = _CONTROL if rule.multiline else _CONTROL_SINGLE_LINE
    if pattern.search(value):
        where = (
            "control characters"
            if rule.multiline
            else "line breaks or control characters"
        )
        raise ValidationError(f"{label} must not contain {where}")
    if len(value) > rule.max_length:
        raise ValidationError(
            f"{label} is too long ({len(value)} characters; at most {rule.max_length})"
        )
    if name == "keywords":
        value = LIST_SEPARATOR.join(dict.fromkeys(k.strip() for k in value.split(";") if k.strip()))
    return _CHECKED[name](value) if name in _CHECKED else value


def _check_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                f"rights expiry {value[:40]!r} is not a date (YYYY-MM-DD)"
            ) from None
    raise ValidationError("rights expiry must be a date")


def _check_datetime(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                f"date taken {value[:40]!r} is not a date and time"
            ) from None
    raise ValidationError("date taken must be a date and time")


def _check_fraction(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError("the focal point must be a number between 0 and 1")
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValidationError("the focal point must lie inside the frame (0 to 1)")
    return float(value)


def validate_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` checked and normalised; ValidationError names the first bad field."""
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name in TEXT_FIELDS:
            clean[name] = _check_text(name, value)
        elif name == "rights_expiry":
            clean[name] = _check_date(value)
        elif name == "date_taken":
            clean[name] = _check_datetime(value)
        elif name in ("focal_x", "focal_y"):
            clean[name] = _check_fraction(name, value)
        else:
            raise ValidationError(
                f"{str(name)[:40]!r} is not a photo field that can be edited"
            )
    return clean


def edit_photo(session: Session, photo_id: int, changes: Mapping[str, Any]) -> Photo:
    """Apply ``changes`` to one photo; nothing is written if any value is refused."""
    clean = validate_changes(changes)
    photo = get_photo(session, photo_id, lock=True)
    for name, value in clean.items():
        if getattr(photo, name) != value:
            setattr(photo, name, value)
    session.flush()
    return photo


def _photos(session: Session, ids: Sequence[int]) -> list[Photo]:
    """The photos of ``ids`` in that order, to be changed: locked as ``get_photo`` locks one (in id order, so two selections never deadlock)."""
    wanted = list(dict.fromkeys(ids))
    found: dict[int, Photo] = {}
    for chunk in batches(sorted(wanted)):
        query = select(Photo).where(Photo.id.in_(chunk)).order_by(Photo.id).with_for_update(key_share=True)
        found.update({p.id: p for p in session.scalars(query.execution_options(populate_existing=True))})
    missing = [photo_id for photo_id in wanted if photo_id not in found]
    if missing:
        raise ValidationError(f"photo {missing[0]} is no longer in the library")
    return [found[photo_id] for photo_id in wanted]


def batch_edit(session: Session, ids: Sequence[int], changes: Mapping[str, Any]) -> int:
    """Set the same rights fields on every photo in ``ids``; returns how many changed."""
    for name in changes:
        if name not in BATCH_FIELDS:
            labels = ", ".join(FIELD_LABELS[f] for f in BATCH_FIELDS)
            raise ValidationError(
                f"{str(name)[:40]!r} cannot be applied to a selection; only {labels}"
            )
    clean = validate_changes(changes)
    changed = 0
    for photo in _photos(session, ids):
        differs = False
        for name, value in clean.items():
            if getattr(photo, name) != value:
                setattr(photo, name, value)
                differs = True
        changed += differs
    session.flush()
    return changed


def apply_caption_template(
    session: Session,
    ids: Sequence[int],
    template: str,
    codes: Mapping[str, str] | None = None,
    target: str = "caption",
) -> int:
    """Fill ``template`` for each photo and store it in ``target`` (the caption unless said); returns how many changed.

    ``{seq}`` numbers the photos in the order of ``ids``; ``codes`` are
    expanded in each value. Every value is computed and checked before
    any is written, so one photo whose result is refused leaves the whole
    selection unchanged.
    """
    if target not in TEMPLATE_TARGETS:
        raise ValidationError(f"a template cannot fill {str(target)[:40]!r}")
    photos = _photos(session, ids)
    values = [
        _check_text(target, fill_template(template, photo, seq, codes))
        for seq, photo in enumerate(photos, 1)
    ]
    changed = 0
    for photo, value in zip(photos, values):
        if getattr(photo, target) != value:
            setattr(photo, target, value)
            changed += 1
    session.flush()
    return changed


def set_marks(
    session: Session,
    ids: Sequence[int],
    *,
    rating: int | None = None,
    label: str | None = None,
    pick: int | None = None,
) -> int:
    """Set the culling marks given (None leaves one as it is) on every photo of ``ids``; returns how many changed."""
    photos = _photos(session, ids)
    changed = 0
    for photo in photos:
        marks = check_marks(
            photo.rating if rating is None else rating,
            photo.color_label if label is None else label,
            photo.pick if pick is None else pick,
        )
        if (photo.rating, photo.color_label, photo.pick) != (marks.rating, marks.label, marks.pick):
            photo.rating, photo.color_label, photo.pick = marks.rating, marks.label, marks.pick
            changed += 1
    session.flush()
    return changed


def _distinct_values(session: Session, column: Any, limit: int) -> list[str]:
    value = func.trim(column)
    rows = session.execute(
        select(value, func.count())
        .where(value != "")
        .group_by(value)
        .order_by(func.count().desc(), value)
        .limit(limit)
    )
    return [row[0] for row in rows]


def known_creators(session: Session, limit: int = 2_000) -> list[str]:
    """Creators already in the library, most used first, for autocompletion."""
    return _distinct_values(session, Photo.creator, limit)


def known_credits(session: Session, limit: int = 2_000) -> list[str]:
    """Credit lines already in the library, most used first, for autocompletion."""
    return _distinct_values(session, Photo.credit_line, limit)


@dataclass(frozen=True)
class PhotoFields:
    """A detached copy of one photo's editable fields, for the inspector."""

    id: int
    values: dict[str, Any] = field(default_factory=dict)
    original_filename: str = ""
    width: int = 0
    height: int = 0
    size_bytes: int = 0
    mime: str = ""
    imported_at: datetime | None = None
    embedded_metadata: dict[str, Any] = field(default_factory=dict)
    rating: int = 0
    label: str = ""
    pick: int = 0
    content_credentials: dict[str, Any] = field(default_factory=dict)


def photo_fields(session: Session, photo_id: int) -> PhotoFields:
    """Everything the inspector shows about one photo, safe to keep after the session closes."""
    photo = get_photo(session, photo_id)
    return PhotoFields(
        id=photo.id,
        values={name: getattr(photo, name) for name in (*TEXT_FIELDS, *OTHER_FIELDS)},
        original_filename=photo.original_filename,
        width=photo.width,
        height=photo.height,
        size_bytes=photo.size_bytes,
        mime=photo.mime,
        imported_at=photo.imported_at,
        embedded_metadata=dict(photo.embedded_metadata or {}),
        rating=photo.rating,
        label=photo.color_label,
        pick=photo.pick,
        content_credentials=dict(photo.content_credentials or {}),
    )
