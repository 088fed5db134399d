"""IPTC's ninjs 3.1 JSON Schema, from ``shared/standards/ninjs`` beside this checkout, as a validator.

Two strengths: ``strict`` also asserts the schema's ``format`` keywords
(``uri``, ``date-time``), which JSON Schema 2020-12 treats as annotations
by default; our own documents must pass it. IPTC's examples are checked
at the schema's default strength (one of them identifies itself as
``"renditions-example"``, which is no URI). Either way the validator never
fetches anything: the one remote reference in the schema (GeoJSON, for
``places[].geoJSON``, which we never write) is refused if it is ever needed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

NINJS_STANDARD = Path(__file__).resolve().parents[2] / "shared" / "standards" / "ninjs"
SCHEMA_FILE = NINJS_STANDARD / "ninjs-schema_3.1.json"


def _no_network(uri: str) -> Resource[Any]:
    raise LookupError(f"the ninjs tests fetch nothing; the schema referred to {uri}")


@cache
def _validator(strict: bool) -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(
        schema, format_checker=FormatChecker() if strict else None, registry=Registry(retrieve=_no_network)
    )


def ninjs_validator(strict: bool = True) -> Draft202012Validator:
    if not SCHEMA_FILE.is_file():
        pytest.skip("shared/standards/ninjs is not beside this checkout")
    return _validator(strict)


def ninjs_errors(document: Any, strict: bool = True) -> list[str]:
    """Every way ``document`` breaks the schema, as "path: message" lines (none when it is valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in ninjs_validator(strict).iter_errors(document)
    ]


def ninjs_examples() -> list[Path]:
    return sorted((NINJS_STANDARD / "examples").glob("*.json"))


def documents(outdir: Path) -> dict[str, Any]:
    """Every document of a ninjs export, by its path under the folder."""
    return {
        path.relative_to(outdir).as_posix(): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((outdir / "ninjs").rglob("*.json"))
    }
