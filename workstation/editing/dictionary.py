"""The newsroom's spelling words, as the editor reads and adds them."""

from __future__ import annotations

from workstation.library import dictionary
from workstation.library.database import Library


def dictionary_words(library: Library) -> list[str]:
    with library.session() as session:
        return dictionary.dictionary_words(session)


def add_word(library: Library, word: str) -> str:
    """Keep ``word`` in the library (committed on return); refuses blanks, spaces and overlong words."""
    with library.transaction() as session:
        return dictionary.add_word(session, word)
