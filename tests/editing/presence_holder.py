"""A desk in a process of its own for the presence tests: holds one article and says when it is taken over.

Usage: presence_holder.py URL ARTICLE_ID USER. Prints "taken over by NAME: ID"
when another desk takes the article over, and runs until killed.
"""

from __future__ import annotations

import queue
import sys

from workstation.editing.presence import TakenOver, open_presence
from workstation.library.database import open_library


def main(url: str, article_id: int, user: str) -> None:
    heard: queue.Queue = queue.Queue()
    library = open_library(url)
    presence = open_presence(library, user, heard.put)
    presence.hold(article_id)
    while True:
        event = heard.get()
        if isinstance(event, TakenOver) and event.from_me:
            print(f"taken over by {event.user}: {event.article_id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
