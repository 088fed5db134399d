"""Ingest templates: metadata filled into every photo as it is imported, as Photo Mechanic's IPTC stationery.

A template ticks the fields it sets; each ticked field either replaces
what the file said or is appended to it (a shoot's shared sentence after
each frame's own caption). Values are caption templates
(``photos.templates``: ``{creator}``, ``{date}``, ``{city}``, ``{seq}``,
``{filename}``…) filled from the photo as the file described it, so every
field sees the same values whatever order they are filled in, and code
replacements (``=kv=``) are expanded in the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import ValidationError
from workstation.library.code_replacements import load_codes
from workstation.library.models import IngestTemplate, Photo
from workstation.library.photo_queries import FIELD_LABELS, TEXT_FIELDS, validate_changes
from workstation.library.photos import add_photo
from workstation.photos.ingest import IngestedImage
from workstation.photos.templates import fill_template, parse_template

REPLACE, APPEND = "replace", "append"
MODES = (REPLACE, APPEND)
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class TemplateField:
    value: str
    mode: str = REPLACE


@dataclass(frozen=True)
class Template:
    """A named template: the ticked fields only, in the order the inspector shows them."""

    name: str
    fields: dict[str, TemplateField]

    def stored(self) -> dict[str, Any]:
        return {name: {"value": f.value, "mode": f.mode} for name, f in self.fields.items()}


def template_fields() -> tuple[str, ...]:
    """The photo fields a template may set: every text field of the inspector."""
    return tuple(TEXT_FIELDS)


def check_template(name: str, fields: Mapping[str, Any]) -> Template:
    """A template from a name and ``{field: {"value", "mode"}}`` (or TemplateField); ValidationError if bad."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("a template needs a name")
    if len(name) > MAX_NAME_LENGTH or any(ord(c) < 32 for c in name):
        raise ValidationError(f"a template name is one line of at most {MAX_NAME_LENGTH} characters")
    checked: dict[str, TemplateField] = {}
    for field_name, entry in fields.items():
        if field_name not in TEXT_FIELDS:
            raise ValidationError(f"{str(field_name)[:40]!r} is not a photo field a template can set")
        if isinstance(entry, TemplateField):
            value, mode = entry.value, entry.mode
        elif isinstance(entry, Mapping):
            value, mode = entry.get("value", ""), entry.get("mode", REPLACE)
        else:
            raise ValidationError(f"the template's {FIELD_LABELS[field_name]} is not a value and a mode")
        if not isinstance(value, str) or mode not in MODES:
            raise ValidationError(f"the template's {FIELD_LABELS[field_name]} must be text, to replace or append")
        try:
            parse_template(value)
        except ValidationError as exc:
            raise ValidationError(f"{FIELD_LABELS[field_name]}: {exc}") from None
        checked[field_name] = TemplateField(value, mode)
    return Template(name, {key: checked[key] for key in TEXT_FIELDS if key in checked})


def list_templates(session: Session) -> list[Template]:
    """Every stored template, by name; a stored one that no longer checks is skipped."""
    templates = []
    for row in session.scalars(select(IngestTemplate).order_by(IngestTemplate.name)):
        try:
            templates.append(check_template(row.name, row.fields or {}))
        except ValidationError:
            continue
    return templates


def get_template(session: Session, name: str) -> Template:
    """The template called ``name``; ValidationError lists the known ones if there is none."""
    row = session.get(IngestTemplate, name)
    if row is None:
        known = ", ".join(t.name for t in list_templates(session)) or "none yet"
        raise ValidationError(f"no ingest template named {name[:80]!r} (known: {known})")
    return check_template(row.name, row.fields or {})


def save_template(session: Session, template: Template) -> None:
    """Store ``template``, replacing one of the same name."""
    template = check_template(template.name, template.fields)
    session.merge(IngestTemplate(name=template.name, fields=template.stored()))
    session.flush()


def delete_template(session: Session, name: str) -> None:
    row = session.get(IngestTemplate, name)
    if row is not None:
        session.delete(row)
        session.flush()


def apply_template(photo: Photo, template: Template, seq: int, codes: Mapping[str, str]) -> None:
    """Fill ``template`` into ``photo`` (the ``seq``-th photo of its import); nothing is set if a value is refused."""
    changes: dict[str, str] = {}
    for name, entry in template.fields.items():
        filled = fill_template(entry.value, photo, seq, codes)
        current = getattr(photo, name) or ""
        if entry.mode == APPEND and current:
            filled = f"{current} {filled}" if filled else current
        changes[name] = filled
    for name, value in validate_changes(changes).items():
        if getattr(photo, name) != value:
            setattr(photo, name, value)


@dataclass
class TemplateRun:
    """One template applied through one import: numbers the import's new photos 1, 2, 3… in order."""

    template: Template
    codes: dict[str, str]
    seq: int = 0

    def apply(self, photo: Photo) -> None:
        apply_template(photo, self.template, self.seq + 1, self.codes)
        self.seq += 1


def add_ingested(session: Session, image: IngestedImage, run: TemplateRun | None) -> tuple[Photo, bool]:
    """The photo for a decoded ``image`` and whether it is new, ``run``'s template filled into a new one.

    How every import stores a photo: the command line's, the desk's and live ingest.
    """
    photo, created = add_photo(session, image)
    if created and run is not None:
        run.apply(photo)
    return photo, created


def start_run(session: Session, name: str) -> TemplateRun:
    """The run of the template called ``name`` with the library's code replacements; ValidationError if none."""
    return TemplateRun(get_template(session, name), load_codes(session))
