"""Helpers for the publish tests that are not fixtures."""

from __future__ import annotations

import pytest

from workstation.publish import writer


def fail_writes(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make every file the site writer writes fail with ``error`` (an interrupt, a full disk).

    The manifest journal's appends (``os.write``) still work, as on a disk
    with a few bytes left.
    """

    def failing(handle: int, data: bytes) -> None:
        raise error

    monkeypatch.setattr(writer, "write_all", failing)
