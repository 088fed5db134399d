"""One of two desks editing the same newsroom article at once, in its own process (``test_two_desks``).

Each round it types a word into its own paragraph, and every third round
also into the paragraph both desks share, then saves through the
application layer as the article desk does (``ArticleEdit``): a merged save
shows the merged text, a conflict is resolved keeping both sides. A word
is acknowledged, by a line in the log, only once a save holding it returned.

Usage: concurrent_desk.py NEWSROOM_URL ARTICLE_ID NAME ROUNDS LOG
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from workstation.content.merge import join_paragraphs, paragraphs
from workstation.editing.article_edit import ArticleEdit
from workstation.editing.articles import Conflicted, open_article
from workstation.library.database import open_library


def _typed(body: str, marker: str, word: str) -> str:
    """``word`` added to the end of every paragraph that starts with ``marker``."""
    return join_paragraphs([f"{p} {word}" if p.startswith(marker) else p for p in paragraphs(body)])


def main(url: str, article_id: int, name: str, rounds: int, log: Path) -> None:
    with open_library(url, user=name) as library, log.open("w", encoding="utf-8") as acknowledged:
        edit = ArticleEdit(library, open_article(library, article_id))
        for n in range(rounds):
            word = f"{name}{n}"
            body = _typed(edit.stored.body, name, word)
            if n % 3 == 0:
                body = _typed(body, "Shared", word)
            result = edit.autosave(replace(edit.stored, body=body))
            while isinstance(result, Conflicted):
                acknowledged.write("# conflict\n")
                result = edit.resolve(["both"] * len(result.conflicts))
            if result.merged is not None:
                acknowledged.write("# merged\n")
            if word in result.state.body.split():
                acknowledged.write(word + "\n")
                acknowledged.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
