"""Helpers for the publish tests that are not fixtures."""

from __future__ import annotations

import pytest

from workstation.publish import writer


def fail_writes(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make every file the site writer writes fail with ``error`` (an interrupt, a full disk).

    The manifest journal's appends (``os.write``) still work, as on a disk
    with a few bytes left.
    """
    real_fdopen = writer.os.fdopen

    class Failing:
        def __init__(self, stream):  # type: ignore[no-untyped-def]
            self.stream = stream

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            self.stream.close()

        def write(self, data: bytes) -> int:
            raise error

    monkeypatch.setattr(writer.os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))
