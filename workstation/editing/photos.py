"""What the photo desk reads and writes: field edits, focal points, batch edits with undo.

Every write is one short transaction that either lands whole or not at
all, and returns what was stored; a refused value raises a
``WorkstationError`` whose message the desk shows. A batch edit returns an
undo record holding the exact previous value of every field it touched on
every photo, so undoing it brings each photo back as it was, whatever the
batch wrote.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from workstation.content.merge import Conflict
from workstation.editing.dictionary import known_names
from workstation.editing.versions import Changed, keep_losing, kept_note, merge_patch
from workstation.errors import ValidationError
from workstation.library.code_replacements import load_codes
from workstation.library.database import Library
from workstation.library.dictionary import dictionary_words
from workstation.library.models import Photo
from workstation.library.photos import load_original
from workstation.library.photo_queries import (
    BATCH_FIELDS,
    FIELD_LABELS,
    PhotoFields,
    PhotoFilter,
    PhotoSummary,
    Usage,
    apply_caption_template,
    batch_edit,
    edit_photo,
    get_photo,
    known_creators,
    known_credits,
    photo_fields,
    photo_id_bound,
    photo_id_array,
    photo_summaries,
    set_marks,
    thumbnails,
    validate_changes,
    where_used,
)
from workstation.library.preview_images import PreviewSource
from workstation.library.preview_images import preview_source as library_preview_source
from workstation.library.settings import load_settings
from workstation.photos.codes import expand_codes
from workstation.photos.templates import TEMPLATE_TARGETS, fill_template
from workstation.photos.vocabulary import DATA_MINING, SOURCE_TYPES


@dataclass(frozen=True)
class PhotoDetails:
    """Everything the inspector shows about one photo."""

    fields: PhotoFields
    usages: list[Usage]
    thumbnail: bytes


@dataclass(frozen=True)
class PhotoSaved:
    """The values now stored for the fields an edit named.

    An edit made against values someone else changed since (``base``) is
    merged: ``merged`` says whose changes it met; ``conflicts`` are the
    fields both changed differently, left as they were stored, with
    base, mine and theirs for the desk to show.
    """

    photo_id: int
    values: dict[str, Any]
    merged: Changed | None = None
    conflicts: tuple[Conflict, ...] = ()
    # The kept version holding my side of the conflicts (``editing.versions.kept_versions``), None without any.
    kept_id: int | None = None

    def conflict_note(self) -> str:
        """"Olena Marchenko changed caption at 14:02 — theirs is kept; your caption was kept as an earlier version"."""
        if not self.conflicts:
            return ""
        who = self.merged.user if self.merged is not None and self.merged.user else "Someone else"
        at = self.merged.at if self.merged is not None else None
        when = f" at {at.astimezone():%H:%M}" if at is not None else ""
        names = ", ".join(FIELD_LABELS.get(c.field, c.field) for c in self.conflicts)
        return f"{who} changed {names}{when}, theirs is on the photo. {kept_note(names)}"


@dataclass(frozen=True)
class BatchUndo:
    """The previous value of every field a batch edit touched, photo by photo."""

    before: dict[int, dict[str, Any]]

    @property
    def count(self) -> int:
        return len(self.before)


@dataclass(frozen=True)
class BatchApplied:
    changed: int
    undo: BatchUndo


@dataclass(frozen=True)
class BatchForm:
    """What the batch dialog offers: the first photo for the template sample, and completions."""

    sample: PhotoFields | None
    creators: list[str]
    credits: list[str]
    codes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeskSettings:
    credit_style: str
    # The code replacements typed as =code= in the desk's text fields.
    codes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NameCompletions:
    """Creators and credit lines already in the library, most used first, for autocompletion."""

    creators: list[str]
    credits: list[str]


# Reading


def grid_ids(library: Library, flt: PhotoFilter) -> array[int]:
    """The grid's ids in order, packed (``photo_id_array``: a decade's listing barely holds the interpreter lock)."""
    with library.session() as session:
        return photo_id_array(session, flt)


def grid_size_bound(library: Library) -> int:
    """At least as many as the photos in the library (cheap: ``photo_id_bound``)."""
    with library.session() as session:
        return photo_id_bound(session)


def grid_page(
    library: Library, summary_ids: Sequence[int], image_ids: Sequence[int]
) -> tuple[dict[int, PhotoSummary], dict[int, bytes]]:
    """Captions and flags of ``summary_ids``, thumbnail bytes of ``image_ids``."""
    with library.session() as session:
        summaries = photo_summaries(session, summary_ids) if summary_ids else {}
        thumbs = thumbnails(session, image_ids) if image_ids else {}
    return summaries, thumbs


def photo_details(library: Library, photo_id: int) -> PhotoDetails:
    with library.session() as session:
        return PhotoDetails(
            fields=photo_fields(session, photo_id),
            usages=where_used(session, photo_id),
            thumbnail=thumbnails(session, [photo_id]).get(photo_id, b""),
        )


def thumbnail(library: Library, photo_id: int | None) -> bytes | None:
    """A photo's stored thumbnail; None for no photo (an article without a lead) or one without."""
    if photo_id is None:
        return None
    with library.session() as session:
        return thumbnails(session, [photo_id]).get(photo_id)


def original_bytes(library: Library, photo_id: int) -> tuple[bytes, PhotoFields]:
    """A photo's checked original and its fields (the compare view shows it at full size)."""
    with library.session() as session:
        return load_original(session, photo_id), photo_fields(session, photo_id)


def photo_usages(library: Library, photo_id: int) -> list[Usage]:
    """The articles that use ``photo_id`` (lead or body), newest first."""
    with library.session() as session:
        return where_used(session, photo_id)


def preview_source(library: Library, photo_id: int, width: int) -> PreviewSource:
    """The inspector's picture: the stored thumbnail when wide enough, else the original to encode."""
    with library.session() as session:
        return library_preview_source(session, photo_id, width)


def desk_settings(library: Library) -> DeskSettings:
    """The house credit style and the code replacements."""
    with library.session() as session:
        return DeskSettings(credit_style=load_settings(session).credit_style, codes=load_codes(session))


def name_completions(library: Library) -> NameCompletions:
    """The names offered for completion: a scan of every photo (a decade's take a tenth of a second or more)."""
    with library.session() as session:
        return NameCompletions(creators=known_creators(session), credits=known_credits(session))


def spelling_inputs(library: Library) -> tuple[list[str], list[str], frozenset[str]]:
    """The spell-check languages, the words added to the library, and the names it knows.

    The names go to the checker as they are (``SpellChecker.set_known``):
    a decade's archive knows a hundred thousand, and sorting or copying
    them would hold the interpreter lock the desk paints with.
    """
    with library.session() as session:
        languages, words = load_settings(session).spell_languages.split(","), list(dictionary_words(session))
    return languages, words, known_names(library).words


def batch_form(library: Library, ids: Sequence[int], names: NameCompletions | None = None) -> BatchForm:
    """The batch dialog's data; ``names`` already read (the desk keeps them) spare a scan of every photo."""
    with library.session() as session:
        return BatchForm(
            sample=photo_fields(session, ids[0]) if ids else None,
            creators=names.creators if names is not None else known_creators(session),
            credits=names.credits if names is not None else known_credits(session),
            codes=load_codes(session),
        )


def source_type_choices() -> list[tuple[str, str]]:
    """The digital source types the desk offers, as (stored URI, readable name); "" first for none."""
    return [("", "Not set"), *SOURCE_TYPES.items()]


def data_mining_choices(default_label: str = "House default") -> list[tuple[str, str]]:
    """The data-mining permissions the desk offers; "" first, meaning the house default."""
    return [("", default_label), *DATA_MINING.items()]


def template_sample(template: str, sample: PhotoFields) -> str:
    """What ``template`` makes of ``sample``'s caption; ``ValidationError`` if it is malformed."""
    subject = SimpleNamespace(**sample.values, original_filename=sample.original_filename)
    return fill_template(template, subject)


# Writing


def _with_codes(codes: Mapping[str, str], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` with code replacements (``=kv=``) expanded in every text value."""
    return {name: expand_codes(value, codes) if isinstance(value, str) else value for name, value in changes.items()}


def save_photo_fields(
    library: Library, photo_id: int, changes: Mapping[str, Any], base: Mapping[str, Any] | None = None,
    *, lost_reason: str = "conflict",
) -> PhotoSaved:
    """Store edited fields of one photo, code replacements expanded; nothing is written if any value is refused.

    ``base`` holds the values the edited fields had when the desk loaded
    them: a field someone else changed since is merged, never overwritten
    (``editing.versions``); where both changed a field, theirs stays and
    mine is kept as a version (``lost_reason``, in the same transaction).
    The photo is read under a row lock, so two saves cannot both win.
    """
    with library.transaction() as session:
        expanded = _with_codes(load_codes(session), changes)
        merged, conflicts = None, ()
        if base is not None:
            stored = get_photo(session, photo_id, lock=True)
            clean = validate_changes(expanded)
            patch = merge_patch({name: getattr(stored, name) for name in clean}, clean, base,
                                stored.updated_by, stored.updated_at)
            # Photo fields merge whole (none by paragraphs): a settled field is mine to write, or theirs and stored.
            expanded = {name: expanded[name] for name, value in patch.values.items() if value == clean[name]}
            merged, conflicts = patch.changed, patch.conflicts
        kept = keep_losing(session, "photo", photo_id, conflicts, lost_reason)
        photo = edit_photo(session, photo_id, expanded)
        return PhotoSaved(photo_id, {name: getattr(photo, name) for name in changes}, merged, conflicts, kept)


def set_focal_point(library: Library, photo_id: int, x: float, y: float) -> PhotoSaved:
    """Where crops keep the subject, as fractions of the frame."""
    return save_photo_fields(library, photo_id, {"focal_x": x, "focal_y": y})


def apply_batch(
    library: Library,
    ids: Sequence[int],
    changes: Mapping[str, Any],
    template: str = "",
    target: str = "caption",
) -> BatchApplied:
    """Set ``changes`` on every photo of ``ids`` and fill ``template`` into their ``target`` field, in one transaction.

    Code replacements are expanded in both. A refused value or template changes no photo at all.
    """
    if not changes and not template:
        raise ValidationError("tick at least one field to apply")
    touched = [*changes, *([target] if template else [])]
    with library.transaction() as session:
        photos = session.scalars(select(Photo).where(Photo.id.in_(list(ids)))).all()
        before = {photo.id: {name: getattr(photo, name) for name in touched} for photo in photos}
        codes = load_codes(session)
        if changes:
            batch_edit(session, ids, _with_codes(codes, changes))
        if template:
            apply_caption_template(session, ids, template, codes, target)
        changed = sum(
            any(getattr(photo, name) != value for name, value in before[photo.id].items()) for photo in photos
        )
    return BatchApplied(changed, BatchUndo(before))


def marks_of(library: Library, photo_id: int) -> tuple[int, str, int]:
    """A photo's culling marks as stored: (rating, colour label, pick); unmarked for a photo gone meanwhile."""
    with library.session() as session:
        row = session.execute(
            select(Photo.rating, Photo.color_label, Photo.pick).where(Photo.id == photo_id)
        ).first()
    return (row[0], row[1], row[2]) if row is not None else (0, "", 0)


def mark_photos(
    library: Library,
    ids: Sequence[int],
    *,
    rating: int | None = None,
    label: str | None = None,
    pick: int | None = None,
) -> int:
    """Culling: set a rating, colour label or pick flag on every photo of ``ids``; returns how many changed."""
    with library.transaction() as session:
        return set_marks(session, ids, rating=rating, label=label, pick=pick)


def undo_batch(library: Library, undo: BatchUndo) -> int:
    """Put back every value ``undo`` recorded; photos deleted since are skipped. Returns how many were restored."""
    restored = 0
    with library.transaction() as session:
        for photo_id, values in undo.before.items():
            photo = session.get(Photo, photo_id)
            if photo is None:
                continue
            for name, value in values.items():
                setattr(photo, name, value)
            restored += 1
    return restored


__all__ = [
    "BATCH_FIELDS",
    "BatchApplied",
    "BatchForm",
    "BatchUndo",
    "DeskSettings",
    "NameCompletions",
    "PhotoDetails",
    "PhotoSaved",
    "PreviewSource",
    "TEMPLATE_TARGETS",
    "apply_batch",
    "batch_form",
    "data_mining_choices",
    "desk_settings",
    "grid_ids",
    "grid_page",
    "mark_photos",
    "marks_of",
    "name_completions",
    "original_bytes",
    "photo_details",
    "photo_usages",
    "preview_source",
    "save_photo_fields",
    "set_focal_point",
    "source_type_choices",
    "spelling_inputs",
    "template_sample",
    "thumbnail",
    "undo_batch",
]
