"""A colleague's desk in a newsroom, without a window, for the presence tests: its library, presence, and what it heard."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable

import pytest

from workstation.editing.presence import Event, open_presence
from workstation.library.database import open_library

# Bounds for waiting, never asserted as timings: notices come within a second on a quiet machine.
WAIT_S = 20.0


class Desk:
    """One desk of a newsroom: its own open newsroom, its presence, and the events it heard."""

    def __init__(self, url: str, user: str) -> None:
        self.library = open_library(url, user=user)
        self.heard: queue.Queue[Event] = queue.Queue()
        self.presence = open_presence(self.library, user, self.heard.put)

    def hears(self, wanted: Callable[[Event], bool]) -> Event:
        """The first event ``wanted`` accepts, skipping others; fails after ``WAIT_S``."""
        deadline = time.monotonic() + WAIT_S
        while True:
            try:
                event = self.heard.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail("the notice did not arrive")
            if wanted(event):
                return event

    def close(self) -> None:
        self.presence.close()
        self.library.close()
