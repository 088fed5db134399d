"""Languages by name: a reporter picks "Українська", not ``uk_UA``.

Each language is named in itself (as the people who write it know it), from
the Unicode CLDR data that Babel carries; the region is added only when two
of the languages shown share one tongue ("English (United Kingdom)" beside
"English (United States)").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from babel import Locale, UnknownLocaleError


def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag.strip().replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def _capitalised(text: str) -> str:
    """"українська" heads a list as "Українська"; a name with capitals of its own ("isiZulu") stays as written."""
    return text[:1].upper() + text[1:] if text.islower() else text


def language_names(tags: Iterable[str]) -> dict[str, str]:
    """Each tag's display name; a tag Babel does not know keeps its code."""
    tags = [tag for tag in tags if tag.strip()]
    locales = {tag: _locale(tag) for tag in tags}
    shared = Counter(locale.language for locale in locales.values() if locale is not None)
    names = {}
    for tag, locale in locales.items():
        if locale is None:
            names[tag] = tag
            continue
        name = _capitalised(locale.get_language_name() or tag)
        if shared[locale.language] > 1 and locale.territory:
            name += f" ({locale.get_territory_name() or locale.territory})"
        names[tag] = name
    return names


def language_name(tag: str) -> str:
    """One tag's name, shown on its own (so without its region)."""
    return language_names([tag])[tag]
