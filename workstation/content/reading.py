"""Word counts, reading time and excerpts of an article body.

These read the Markdown source, not the rendered page: they run on every
keystroke in the article desk and for every article on export, so they use
the plain-text reduction of ``sanitise.plain_text`` rather than a render.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import filterfalse
from typing import NamedTuple

from workstation.content.sanitise import plain_text, plain_words

DEFAULT_WPM = 265
ELLIPSIS = "…"

_WORD = re.compile(r"[^\W_]+(?:['’ʼ.-][^\W_]+)*")
# Punctuation that opens or closes a word: never part of one, so a token that is a run of letters
# and digits between some of it holds exactly one word.
_EDGES = ".,;:!?\"'()[]{}«»“”‘’„…—–-*/"
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:\s|$)|^.*\n[ ]{0,3}(?:=+|-+)[ \t]*$")
_SKIP_BLOCK = re.compile(
    r"^[ ]{0,3}(?:!\[|\[\[|\[\^?[^\]\n]*\]:|```|~~~|<|\||[-*_]{3,}[ \t]*$|<?https?://\S+>?[ \t]*$)"
)


def word_count(markdown: str) -> int:
    """Words a reader reads: Markdown syntax, photo references and URLs on their own line are not words.

    No word spans whitespace, so the text is counted a token at a time, and a
    token of letters and digits alone (``str.isalnum`` is the pattern's
    ``[^\\W_]``) is one word without a regular expression: most tokens are,
    and most others are such a run between punctuation (``_EDGES``, none of
    it a letter or digit), which is one word too.
    """
    tokens = plain_words(markdown)
    others = list(filterfalse(str.isalnum, tokens))
    count = len(tokens) - len(others)
    for token in others:
        count += 1 if token.strip(_EDGES).isalnum() else len(_WORD.findall(token))
    return count


def reading_minutes(markdown: str, wpm: int = DEFAULT_WPM) -> int:
    """Minutes to read at ``wpm`` words a minute, rounded up, never less than one."""
    return minutes_for(word_count(markdown), wpm)


def minutes_for(words: int, wpm: int = DEFAULT_WPM) -> int:
    """Reading time of an already counted text: the editor's status bar counts once for both figures."""
    return max(1, math.ceil(words / max(1, wpm)))


def reading_time_label(minutes: int) -> str:
    return f"{max(1, int(minutes))} min read"


def trim_text(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters.

    An ellipsis is added only when something was cut, and it counts towards
    the limit; a first word longer than the limit is cut inside it.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    room = max(0, limit - len(ELLIPSIS))
    cut = flat[: room + 1]
    boundary = cut.rfind(" ")
    kept = cut[:boundary] if boundary > 0 else flat[:room]
    return kept.rstrip(" ,;:—–-(") + ELLIPSIS


_TYPOGRAPHY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"---"), "—"),
    (re.compile(r"--"), "–"),
    (re.compile(r"\.\.\."), "…"),
    (re.compile(r"(^|[\s(\[{—–-])\""), "\\1“"),
    (re.compile(r"\""), "”"),
    (re.compile(r"(^|[\s(\[{—–-])'"), "\\1‘"),
    (re.compile(r"'"), "’"),
)


def typographic(text: str) -> str:
    """Curly quotes, dashes and ellipses, as the body's ``smarty`` prints them, for plain-text excerpts."""
    for pattern, replacement in _TYPOGRAPHY:
        text = pattern.sub(replacement, text)
    return text


def _paragraphs(markdown: str) -> list[str]:
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", markdown.replace("\r\n", "\n").replace("\r", "\n"))]


def _prose(markdown: str) -> Iterator[str]:
    """The plain text of each real paragraph, in order.

    Headings, figures, video and card lines, code, tables, rules, raw HTML
    and definitions are skipped; so are blocks with no words left once the
    syntax is gone.
    """
    for block in _paragraphs(markdown):
        if not block.strip() or _HEADING.match(block) or _SKIP_BLOCK.match(block) or block.startswith(("    ", "\t")):
            continue
        text = plain_text(block)
        if _WORD.search(text):
            yield typographic(text)


def excerpt(markdown: str, limit: int = 200) -> str:
    """Plain text of the first real paragraph, trimmed at a word boundary to ``limit`` characters."""
    return trim_text(next(_prose(markdown), ""), limit)


def teaser(markdown: str, limit: int = 200) -> str:
    """The opening of an article for a related-article card: about ``limit`` characters ending in "…".

    A card invites the reader on, so it is filled from the first real
    paragraph and, when that is short, the ones after it; it ends in an
    ellipsis whenever the article goes on beyond it.
    """
    parts: list[str] = []
    length = 0
    for text in _prose(markdown):
        parts.append(text)
        length += len(text) + 1
        if length > limit:
            break
    return trim_text(" ".join(parts), limit)


# A sentence ends at . ! ? or … (with any closing quotes or brackets) before a space and a new sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[^\W\d_]|\d)")
# Abbreviations that end in a full stop without ending the sentence.
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Col|Lt|Sgt|Rev|No|vs|etc|e\.g|i\.e)|\b[A-Z])\.$")


class Readability(NamedTuple):
    """How hard the article reads: its sentences' average length and the longest of them."""

    sentences: int
    average_words: float
    longest: tuple[tuple[int, str], ...]  # (words, sentence), longest first


def sentences(markdown: str) -> list[str]:
    """The article's prose cut into sentences (headings, figures and embeds left out)."""
    found: list[str] = []
    for paragraph in _prose(markdown):
        pending = ""
        for piece in _SENTENCE_END.split(paragraph):
            pending = f"{pending} {piece}" if pending else piece
            if not _ABBREVIATION.search(pending):
                found.append(pending.strip())
                pending = ""
        if pending.strip():
            found.append(pending.strip())
    return [sentence for sentence in found if _WORD.search(sentence)]


def readability(markdown: str, longest: int = 3) -> Readability:
    """Average sentence length in words, and the ``longest`` longest sentences."""
    counted = [(len(_WORD.findall(sentence)), sentence) for sentence in sentences(markdown)]
    if not counted:
        return Readability(0, 0.0, ())
    average = sum(words for words, _sentence in counted) / len(counted)
    ranked = sorted(counted, key=lambda item: -item[0])[:longest]
    return Readability(len(counted), average, tuple(ranked))


def target_progress(words: int, target: int) -> str:
    """"512 / 800 words": the count against the assignment's target; just the count without one."""
    noun = "word" if words == 1 and not target else "words"
    return f"{words:,} / {target:,} {noun}" if target > 0 else f"{words:,} {noun}"
