"""The newsroom's own spelling words, kept in the library file.

Names of people and places ("Zaluzhnyi", "Покровськ") are added once by
whoever meets them first, and travel with the library to every machine.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import ValidationError
from workstation.library.models import DictionaryWord

MAX_WORD_LENGTH = 200


def dictionary_words(session: Session) -> list[str]:
    return list(session.scalars(select(DictionaryWord.word).order_by(DictionaryWord.word)))


def add_word(session: Session, word: str) -> str:
    """Add one word (idempotent); refuses blanks, spaces and overlong input."""
    word = word.strip()
    if not word or any(ch.isspace() for ch in word):
        raise ValidationError("a dictionary word must be one word, without spaces")
    if len(word) > MAX_WORD_LENGTH:
        raise ValidationError(f"a dictionary word is at most {MAX_WORD_LENGTH} characters")
    if session.get(DictionaryWord, word) is None:
        session.add(DictionaryWord(word=word))
    return word
