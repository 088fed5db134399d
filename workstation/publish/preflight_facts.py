"""What preflight reads in an article's own text, and the library's record of it between checks.

Reading a body is the costly part of preflight: the notes still in it, the
house limits it goes past, the images and links it shows, the house style's
breaks. All of it depends on the article's headline, dek and body, the
house-style rules and the code that reads them, and on nothing else (no
photo, no other article, no clock): ``TextFacts``. Preflight turns them into
findings together with what may change without the text changing (the
photos, the linked articles' dates, today), which it always reads afresh.

On a library file the facts are kept in ``preflight_facts`` (migration
0015), one row per article. Its triggers delete an article's row whenever
its headline, dek or body is written, by anyone, and each row records the
``facts_code`` it was made under (a digest of Workstation's code and the
house-style rules), so a row is reused only when it was made from exactly
the text, rules and code in force now. Only the library's writer stores
rows; a newsroom keeps none (see the migration).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from workstation.content.critic import pending
from workstation.content.references import article_refs
from workstation.library.plain import Plain, batches, marks
from workstation.publish.stamp import code_version

if TYPE_CHECKING:
    from workstation.content.house_style import HouseStyle

# The table (migration 0015): article_id (the key), code, facts (everything but the house style, as
# ``encode`` writes it) and house_style (apart, so that the common article needs no JSON read).
TABLE = "preflight_facts"
HOUSE_STYLE_SHOWN = 3
# Seconds a house-style pattern may take on one text here, and (four times over) on each ordinary text the rules
# are tried on when read (the editor gives it ``house_style.PATTERN_TIMEOUT_S``, a keystroke's worth): the limit
# is time on the clock, and a check on a busy machine must neither refuse sound rules nor give up on them.
HOUSE_STYLE_SECONDS = 1.0


class TextFacts(NamedTuple):
    """What an article's headline, dek and body say to preflight, in the order preflight reports it.

    A tuple: a decade's archive decodes a hundred thousand of them per check.
    """

    suggestions: int = 0
    comments: int = 0
    limits: tuple[str, ...] = ()
    # (reference, alt text) of each library image the body shows, as the renderer parses them
    images: tuple[tuple[str, str], ...] = ()
    remote_images: tuple[str, ...] = ()
    article_refs: tuple[str, ...] = ()
    # the house-style warning's text ("house style: …"), None when the text keeps the style
    house_style: str | None = None
    # False when a house-style pattern was given up on (too slow on this text): such facts depend on the time
    # it was given, not only on the text, and are never kept
    settled: bool = True


def text_facts(headline: str, dek: str, body: str, style: HouseStyle | None) -> TextFacts:
    """Read ``body`` (and, for the house style, ``headline`` and ``dek``) as preflight does.

    The Markdown dialect is imported here, at the first text read: a check
    that finds every article's facts kept never needs it.
    """
    from workstation.content.markdown import body_limits, image_uses, remote_images

    notes = pending(body)
    found, gave_up = [], []
    for text in (headline, dek, body) if style is not None else ():
        matches, slow = style.read(text, HOUSE_STYLE_SECONDS)  # type: ignore[union-attr]
        found += matches
        gave_up += slow
    said = []
    if found:
        shown = "; ".join(match.message.removeprefix("House style: ") for match in found[:HOUSE_STYLE_SHOWN])
        more = f" and {len(found) - HOUSE_STYLE_SHOWN} more" if len(found) > HOUSE_STYLE_SHOWN else ""
        said.append(f"{shown}{more}")
    said += [f"the pattern “{pattern}” was not checked (it took over {HOUSE_STYLE_SECONDS:g} s on this text)"
             for pattern in dict.fromkeys(gave_up)]
    house_style = "house style: " + "; ".join(said) if said else None
    return TextFacts(
        suggestions=notes.suggestions,
        comments=notes.comments,
        limits=tuple(str(excess) for excess in body_limits(body)),
        images=tuple((use.ref, use.alt) for use in image_uses(body)) if "![" in body else (),
        remote_images=tuple(remote_images(body)),
        article_refs=tuple(article_refs(body)),
        house_style=house_style,
        settled=not gave_up,
    )


def facts_code(house_style_rules: str) -> str:
    """The digest a row must carry to be reused: this build's code and the library's house-style rules."""
    return hashlib.sha256(f"{code_version()}\0{house_style_rules}".encode()).hexdigest()


def encode(facts: TextFacts) -> str:
    """A row's ``facts``: all but the house style, "" when there is none of it (most articles)."""
    rest = (facts.suggestions, facts.comments, facts.limits, facts.images, facts.remote_images, facts.article_refs)
    if not any(rest):
        return ""
    return json.dumps(rest, ensure_ascii=False)


_text_facts: Callable[[tuple[object, ...]], TextFacts] = partial(tuple.__new__, TextFacts)


def decode(stored: str, house_style: str | None) -> TextFacts:
    """The facts a row holds (``encode``'s text and the house-style warning)."""
    if not stored:
        # Made in C from its fields, not by the named tuple's ``__new__`` (Python code): nearly every row is so.
        return _text_facts((0, 0, (), (), (), (), house_style, True))
    suggestions, comments, limits, images, remote, refs = json.loads(stored)
    return TextFacts(suggestions, comments, tuple(limits), tuple((ref, alt) for ref, alt in images), tuple(remote),
                     tuple(refs), house_style)


def store(plain: Plain, code: str, facts: Mapping[int, TextFacts]) -> None:
    """Keep ``facts`` (by article id), made under ``code``, in place of what was kept for those articles.

    Facts that are not ``settled`` take nothing's place: the next check reads those texts again.
    """
    ids = list(facts)
    for chunk in batches(ids):
        plain.run(f"DELETE FROM {TABLE} WHERE article_id IN ({marks(len(chunk))})", chunk)
    plain.run_many(f"INSERT INTO {TABLE} (article_id, code, facts, house_style) VALUES (?, ?, ?, ?)",
                   ((i, code, encode(facts[i]), facts[i].house_style) for i in ids if facts[i].settled))
