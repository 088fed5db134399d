"""The library's code-replacement list (``photos.codes``), kept with the library like its other settings."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workstation.library.models import CodeReplacement


def load_codes(session: Session) -> dict[str, str]:
    """Every code and its text."""
    return {row.code: row.text for row in session.execute(select(CodeReplacement.code, CodeReplacement.text))}


def replace_codes(session: Session, codes: Mapping[str, str]) -> None:
    """Make ``codes`` the whole list (an imported file replaces the list, as in Photo Mechanic)."""
    session.execute(delete(CodeReplacement))
    session.add_all(CodeReplacement(code=code, text=text) for code, text in codes.items())
    session.flush()
