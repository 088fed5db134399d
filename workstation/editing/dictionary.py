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

# Names read and split per step (see ``known_names``).
NAME_ROWS = 250


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
    """Every word of the names the library holds, read at one marker.

    A decade's archive has 80,000 published headlines. They are read and
    split a few hundred at a time, each step a short stretch of C
    (``_words``), so the desk painting beside this job waits little for the
    interpreter lock (a regular expression per headline cost twice the time,
    in as many short steps as there are headlines).
    """
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
        connection = session.connection()
        for query in columns:
            result = connection.execute(query)
            while rows := result.fetchmany(NAME_ROWS):
                words |= _words([text for (text,) in rows if text])
    return KnownNames(marker, frozenset(words))


def _words(texts: list[str]) -> set[str]:
    """``WORD``'s matches in ``texts``: each distinct token once; a token of letters only is a word as it stands.

    A word holds no space, so splitting at spaces first finds the same words.
    """
    tokens = set(" ".join(texts).split())
    plain = {token for token in tokens if token.isalpha()}
    return plain.union(WORD.findall("\n".join(tokens - plain)))
