"""URL slugs: ASCII, readable, and always safe as one path segment.

Slugs name folders in the exported site, so they must never be able to
climb out of one: the result only ever holds ``a-z``, ``0-9`` and single
hyphens, which rules out separators and dot segments by construction.

Cyrillic is transliterated with the Ukrainian national system (Cabinet of
Ministers resolution 55, 2010) unless the text is recognisably Russian (it
holds ы, э, ъ or ё and none of і, ї, є, ґ), in which case the library's
default transliteration applies. Text with none of the telling letters is
read as Ukrainian, because this newsroom writes "Житомир" far more often
than it writes Russian, and "zhytomyr" is how the city spells itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from slugify import slugify as _library_slugify

from workstation.errors import ValidationError

FALLBACK = "untitled"
MAX_ATTEMPTS = 10_000

# What every slug is: ASCII letters and digits in words joined by single hyphens.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_UKRAINIAN_LETTERS = frozenset("іїєґ")
_RUSSIAN_LETTERS = frozenset("ыэъё")
_CYRILLIC = "а-яіїєґ"
_APOSTROPHE = re.compile(rf"(?<=[{_CYRILLIC}])['’ʼ`](?=[{_CYRILLIC}])")
_WORD_INITIAL = re.compile(rf"(?<![{_CYRILLIC}])[єїйюя]")
_INITIAL_FORMS = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UKRAINIAN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
        "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
        "ю": "iu", "я": "ia",
    }
)


def _is_russian(text: str) -> bool:
    letters = set(text)
    return bool(letters & _RUSSIAN_LETTERS) and not letters & _UKRAINIAN_LETTERS


def transliterate_ukrainian(text: str) -> str:
    """Latin letters for Ukrainian Cyrillic; other characters pass through.

    The national system spells є, ї, й, ю, я differently at the start of a
    word ("Ялта" → "yalta", "Юрій" → "yurii"), writes "зг" as "zgh" so it is
    not read as "ж", and drops the apostrophe and the soft sign.
    """
    lowered = _APOSTROPHE.sub("", text.lower())
    lowered = lowered.replace("зг", "zgh")
    lowered = _WORD_INITIAL.sub(lambda m: _INITIAL_FORMS[m.group(0)], lowered)
    return lowered.translate(_UKRAINIAN)


def slugify(text: str, max_length: int = 80, *, fallback: str = FALLBACK) -> str:
    """A lowercase ASCII slug of at most ``max_length`` characters.

    Longer slugs are cut at a word boundary (a single over-long word is cut
    inside it). Text with nothing transliterable (emoji, punctuation) gives
    ``fallback`` so a slug is never empty. Text that already is such a slug
    is its own slug, given back at once: an export slugifies every stored
    slug again (``publish.paths``), and the full rules took 11 ms for a
    thousand of them.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    if len(text) <= max_length and _SLUG.fullmatch(text):
        return text
    return _slugified(text, max_length, fallback)


def _slugified(text: str, max_length: int, fallback: str) -> str:
    """``slugify`` by its full rules: transliteration, then python-slugify, then only ``a-z0-9-`` kept."""
    # Only the start of a very long text can reach the slug; transliteration
    # grows a character into at most four, and the rest would be discarded.
    head = text[: max_length * 8]
    prepared = head.lower() if _is_russian(head.lower()) else transliterate_ukrainian(head)
    slug = _library_slugify(prepared, max_length=max_length, word_boundary=True, save_order=True)
    slug = re.sub(r"[^a-z0-9-]+", "", slug).strip("-")
    return slug or fallback[:max_length]


def slug_key(slug: str) -> str:
    """What two slugs are compared by: the same key is the same address.

    Exported folders and URLs meet case-insensitive file systems (macOS,
    Windows) and people who type "KYIV" for "kyiv", so slugs that differ
    only in case or Unicode normal form are one slug.
    """
    return unicodedata.normalize("NFC", slug).casefold()


def unique_slug(text: str, taken: Callable[[str], bool], max_length: int = 80) -> str:
    """The slug of ``text``, or that slug with -2, -3… appended: the first one ``taken`` says is free.

    The suffix is kept within ``max_length`` by cutting the base slug at a
    word boundary first, so ``unique_slug`` never returns a longer slug than
    ``slugify`` would.
    """
    base = slugify(text, max_length)
    if not taken(base):
        return base
    for number in range(2, MAX_ATTEMPTS + 1):
        suffix = f"-{number}"
        room = max(1, max_length - len(suffix))
        candidate = slugify(text, room) + suffix
        if not taken(candidate):
            return candidate
    raise ValidationError(f"no free address for {base!r}: {MAX_ATTEMPTS} variants are already in use")
