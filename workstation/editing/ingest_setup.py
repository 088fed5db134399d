"""What the photo desk keeps for ingest: metadata templates and the code-replacement list.

Both live in the library (``library.ingest_templates``,
``library.code_replacements``) so the desk, the command line and a
colleague opening the same library see the same ones. The code list is
imported from and exported to Photo Mechanic's tab-separated file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workstation.errors import ImportRefused, ValidationError, os_reason
from workstation.library.code_replacements import load_codes, replace_codes
from workstation.library.database import Library
from workstation.library.ingest_templates import (
    Template,
    check_template,
    delete_template,
    get_template,
    list_templates,
    save_template,
    template_fields,
)
from workstation.photos.codes import format_codes, parse_codes
from workstation.regular_files import printable_name, read_regular_file

# A code file larger than this is no code list.
MAX_CODES_FILE = 4 * 1024 * 1024

__all__ = [
    "Template",
    "codes",
    "export_codes",
    "import_codes",
    "ingest_templates",
    "remove_template",
    "store_template",
    "template_fields",
    "template_named",
]


def ingest_templates(library: Library) -> list[Template]:
    with library.session() as session:
        return list_templates(session)


def template_named(library: Library, name: str) -> Template:
    with library.session() as session:
        return get_template(session, name)


def store_template(library: Library, name: str, fields: Mapping[str, Any]) -> Template:
    """Check and store a template (replacing one of that name); ValidationError stores nothing."""
    template = check_template(name, fields)
    with library.transaction() as session:
        save_template(session, template)
    return template


def remove_template(library: Library, name: str) -> None:
    with library.transaction() as session:
        delete_template(session, name)


def codes(library: Library) -> dict[str, str]:
    with library.session() as session:
        return load_codes(session)


def import_codes(library: Library, path: Path) -> int:
    """Replace the library's code list with a Photo Mechanic file's; returns how many codes it holds."""
    try:
        data = read_regular_file(Path(path), MAX_CODES_FILE, "a code replacement file")
    except ImportRefused as exc:
        raise ValidationError(f"{printable_name(Path(path))}: {exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"{printable_name(Path(path))}: not UTF-8 text; save it as UTF-8") from None
    try:
        parsed = parse_codes(text)
    except ValidationError as exc:
        raise ValidationError(f"{printable_name(Path(path))}: {exc}") from None
    with library.transaction() as session:
        replace_codes(session, parsed)
    return len(parsed)


def export_codes(library: Library, path: Path) -> int:
    """Write the library's code list as a Photo Mechanic file; returns how many codes it holds."""
    found = codes(library)
    try:
        Path(path).write_text(format_codes(found), encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"{printable_name(Path(path))}: cannot be written ({os_reason(exc)})") from None
    return len(found)
