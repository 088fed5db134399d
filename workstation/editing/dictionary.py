"""The newsroom's spelling words, as the editor reads and adds them.

Besides the words someone added, the library itself vouches for names it
already holds: authors, photo creators and the places photos were taken,
sections, tags and the words of published headlines. Those are recomputed
whenever the library's change marker moves, so an author added on the
author desk stops being underlined in the story that names her.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workstation.content.spelling import WORD
from workstation.library import dictionary
from workstation.library.changes import session_marker
from workstation.library.database import Library
from workstation.library.models import Article, Author, Photo, Section, Status, Tag


@dataclass(frozen=True)
class KnownNames:
    """The words the library vouches for, and the change marker they were read at."""

    marker: str | None
    words: frozenset[str]


def dictionary_words(library: Library) -> list[str]:
    with library.session() as session:
        return dictionary.dictionary_words(session)


def add_word(library: Library, word: str) -> str:
    """Keep ``word`` in the library (committed on return); refuses blanks, spaces and overlong words."""
    with library.transaction() as session:
        return dictionary.add_word(session, word)


def library_marker(library: Library) -> str | None:
    """The library's change marker now: one indexed read, cheap enough to ask every few seconds."""
    with library.session() as session:
        return session_marker(session)


def known_names(library: Library) -> KnownNames:
    """Every word of the names the library holds, read at one marker."""
    columns = (
        select(Author.name),
        select(Photo.creator).distinct(),
        select(Photo.city).distinct(),
        select(Photo.region).distinct(),
        select(Photo.country).distinct(),
        select(Section.name),
        select(Tag.name),
        select(Article.headline).where(Article.status == Status.PUBLISHED.value),
    )
    words: set[str] = set()
    with library.session() as session:
        marker = session_marker(session)
        for query in columns:
            for (text,) in session.execute(query):
                if text:
                    words.update(WORD.findall(text))
    return KnownNames(marker, frozenset(words))
