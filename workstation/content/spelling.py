"""Spell checking for the editor, through Enchant and the system's Hunspell dictionaries.

A Kyiv newsroom writes in two scripts in the same paragraph, so the
dictionary is chosen per word by its script: Cyrillic words go to the
Cyrillic language among the configured ones (uk_UA), everything else to the
Latin one (en_US). Results are cached per word because the highlighter asks
again every time a paragraph changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from workstation.content.languages import language_names

CYRILLIC_LANGUAGES = ("uk", "ru", "be", "bg", "sr", "mk")
CYRILLIC = re.compile("[\u0400-\u04ff]")
# Letters, with apostrophes inside a word ("don't", "п'ять", "м’ята").
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
MAX_CACHE = 50_000


def available_languages() -> list[str]:
    """The spelling languages this computer has dictionaries for (none without Enchant)."""
    try:
        import enchant
    except ImportError:
        return []
    return sorted({tag for tag in enchant.list_languages() if "_" in tag})


def is_cyrillic_language(tag: str) -> bool:
    return tag.split("_")[0].lower() in CYRILLIC_LANGUAGES


class SpellChecker:
    """Checks words in the configured languages; ``available`` is False when it cannot."""

    def __init__(self, languages: Iterable[str], extra_words: Iterable[str] = ()) -> None:
        self.note = ""
        self._latin: Any = None
        self._cyrillic: Any = None
        self._cache: dict[str, bool] = {}
        self._own: set[str] = set(extra_words)
        self._known: frozenset[str] = frozenset()
        wanted = [tag.strip() for tag in languages if tag.strip()]
        try:
            import enchant
        except ImportError:
            self.note = "Spell checking is off: Enchant is not installed"
            return
        missing = []
        for tag in wanted:
            try:
                if not enchant.dict_exists(tag):
                    missing.append(tag)
                    continue
                dictionary = enchant.Dict(tag)
            except enchant.errors.Error:
                missing.append(tag)
                continue
            if is_cyrillic_language(tag):
                self._cyrillic = self._cyrillic or dictionary
            else:
                self._latin = self._latin or dictionary
        if missing:
            names = language_names(missing)
            self.note = "No spelling dictionary for " + ", ".join(names[tag] for tag in missing)
        if not self.available and not self.note:
            self.note = "Spell checking is off: no languages chosen"

    @property
    def available(self) -> bool:
        return self._latin is not None or self._cyrillic is not None

    def _dictionary_for(self, word: str) -> Any:
        return self._cyrillic if CYRILLIC.search(word) else self._latin

    def check(self, word: str) -> bool:
        """True when the word is spelled right, or cannot be judged."""
        known = self._cache.get(word)
        if known is not None:
            return known
        dictionary = self._dictionary_for(word)
        if dictionary is None or word in self._own or word in self._known or len(word) < 2:
            ok = True
        else:
            normal = word.replace("’", "'").replace("ʼ", "'")
            ok = dictionary.check(normal) or (normal != word and dictionary.check(word))
        if len(self._cache) > MAX_CACHE:
            self._cache.clear()
        self._cache[word] = ok
        return ok

    def suggest(self, word: str, limit: int = 7) -> list[str]:
        dictionary = self._dictionary_for(word)
        if dictionary is None:
            return []
        return list(dictionary.suggest(word))[:limit]

    def set_known(self, words: Iterable[str]) -> bool:
        """Take the library's known names (authors, places, tags...) as spelled right; True when they changed.

        Replaces the previous set: a name deleted from the library is no
        longer vouched for.
        """
        known = frozenset(words)
        if known == self._known:
            return False
        self._known = known
        self._cache.clear()
        return True

    def add(self, word: str) -> None:
        """Accept a word for this session; the caller keeps it in the library."""
        self._own.add(word)
        self._cache[word] = True
