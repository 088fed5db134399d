"""Suggestions and comments in a body, as CriticMarkup.

An editor proposes changes without making them: ``{++added++}``,
``{--deleted--}``, ``{~~old~>new~~}``; and comments on the text:
``{>>comment<<}``, usually right after the span it is about,
``{==highlighted text==}{>>comment<<}``. Comments the desk writes carry who
and when, ``{>>Olena Marchenko · 2026-12-06 10:14: the comment<<}``
(``comment_markup``); a comment in any other shape is kept and shown with no
author.

**The original text wins until a suggestion is accepted.** What is
published (``published_text``) is the body with every pending suggestion
rejected and every comment and highlight removed (the highlighted words
stay). An article is therefore never published with half-made edits, and
preflight reports what is still pending (``pending``).

Marks do not nest (as in the CriticMarkup specification): inside a mark,
an opener is plain text. Parsing is one left-to-right pass; each kind of
closer is searched for at most once per stretch of text, so a hostile body
of a million unclosed openers parses in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import datetime
from enum import StrEnum
from html import escape
from typing import NamedTuple

_OPENER = re.compile(r"\{(?:\+\+|--|~~|>>|==)")
_CLOSERS = {"++": "++}", "--": "--}", "~~": "~~}", ">>": "<<}", "==": "==}"}
_SUBSTITUTE = "~>"
# "Olena Marchenko · 2026-12-06 10:14: text": the shape ``comment_markup`` writes.
_SIGNED = re.compile(r"(?s)(?P<who>[^\n·{}]{1,120}?) · (?P<when>\d{4}-\d{2}-\d{2} \d{2}:\d{2}): ?(?P<text>.*)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class Kind(StrEnum):
    ADDITION = "addition"
    DELETION = "deletion"
    SUBSTITUTION = "substitution"
    COMMENT = "comment"
    HIGHLIGHT = "highlight"


SUGGESTIONS = frozenset({Kind.ADDITION, Kind.DELETION, Kind.SUBSTITUTION})


class Mark(NamedTuple):
    """One suggestion or comment: where it is in the body (``start``..``end``, markup included) and what it says.

    ``old`` is the text as it stands (a deletion's or substitution's old
    words, a highlight's words), ``new`` what the suggestion would put
    there; a comment's ``note`` is its text, signed by ``author`` at ``when``.
    A highlight followed at once by a comment is one ``COMMENT`` mark whose
    ``old`` is the highlighted text.
    """

    kind: Kind
    start: int
    end: int
    old: str = ""
    new: str = ""
    note: str = ""
    author: str = ""
    when: str = ""
    # Where the words shown in the editor begin (the content, after the opener).
    content_start: int = 0

    @property
    def is_suggestion(self) -> bool:
        return self.kind in SUGGESTIONS


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``, then put the caret at ``caret`` (in the new text)."""

    start: int
    end: int
    replacement: str
    caret: int

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]


class Pending(NamedTuple):
    suggestions: int
    comments: int


class _Closers:
    """The next closer of each kind at or after a position, each found once per stretch (linear overall)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, int] = {}

    def after(self, token: str, position: int) -> int:
        """Where ``token`` next occurs at or after ``position`` (-1: nowhere)."""
        known = self.found.get(token)
        if known is not None and (known == -1 or known >= position):
            return known
        found = self.text.find(token, position)
        self.found[token] = found
        return found


def _comment(start: int, end: int, content: str, old: str = "", content_start: int = 0) -> Mark:
    signed = _SIGNED.fullmatch(content)
    if signed:
        return Mark(Kind.COMMENT, start, end, old=old, note=signed["text"], author=signed["who"].strip(),
                    when=signed["when"], content_start=content_start)
    return Mark(Kind.COMMENT, start, end, old=old, note=content, content_start=content_start)


def parse(text: str) -> list[Mark]:
    """Every mark in ``text``, in order; an opener without its closer is plain text."""
    if "{" not in text:
        return []
    marks: list[Mark] = []
    closers = _Closers(text)
    position = 0
    while (found := _OPENER.search(text, position)) is not None:
        start = found.start()
        opener = text[start + 1 : start + 3]
        inner = start + 3
        close = closers.after(_CLOSERS[opener], inner)
        if close == -1:
            position = start + 1
            continue
        end = close + 3
        if opener == "~~":
            split = closers.after(_SUBSTITUTE, inner)
            if split == -1 or split > close - 2:
                position = start + 1
                continue
            marks.append(Mark(Kind.SUBSTITUTION, start, end, old=text[inner:split], new=text[split + 2 : close],
                              content_start=inner))
            position = end
            continue
        content = text[inner:close]
        if opener == "++":
            marks.append(Mark(Kind.ADDITION, start, end, new=content, content_start=inner))
        elif opener == "--":
            marks.append(Mark(Kind.DELETION, start, end, old=content, content_start=inner))
        elif opener == ">>":
            marks.append(_comment(start, end, content, content_start=inner))
        else:
            if text.startswith("{>>", end):
                note_end = closers.after(_CLOSERS[">>"], end + 3)
                if note_end != -1:
                    marks.append(_comment(start, note_end + 3, text[end + 3 : note_end], old=content,
                                          content_start=inner))
                    position = note_end + 3
                    continue
            marks.append(Mark(Kind.HIGHLIGHT, start, end, old=content, content_start=inner))
        position = end
    return marks


def _rebuild(text: str, marks: list[Mark], keep: dict[int, str]) -> str:
    """``text`` with each mark whose start is in ``keep`` replaced by ``keep[start]``."""
    parts: list[str] = []
    position = 0
    for mark in marks:
        if mark.start in keep:
            parts.append(text[position : mark.start])
            parts.append(keep[mark.start])
            position = mark.end
    parts.append(text[position:])
    return "".join(parts)


def accepted(mark: Mark) -> str:
    """What a mark leaves when accepted (a comment or highlight: resolved, its words kept)."""
    return mark.new if mark.is_suggestion else mark.old


def rejected(mark: Mark) -> str:
    """What a mark leaves when rejected: the text as it was before the suggestion."""
    return mark.old


def accept(text: str, mark: Mark) -> Edit:
    return Edit(mark.start, mark.end, accepted(mark), mark.start + len(accepted(mark)))


def reject(text: str, mark: Mark) -> Edit:
    return Edit(mark.start, mark.end, rejected(mark), mark.start + len(rejected(mark)))


resolve = accept


def accept_all(text: str) -> str:
    marks = parse(text)
    return _rebuild(text, marks, {m.start: accepted(m) for m in marks if m.is_suggestion})


def reject_all(text: str) -> str:
    marks = parse(text)
    return _rebuild(text, marks, {m.start: rejected(m) for m in marks if m.is_suggestion})


def published_text(text: str) -> str:
    """The body as it is published: every suggestion rejected, every comment and highlight gone."""
    marks = parse(text)
    return _rebuild(text, marks, {m.start: m.old for m in marks}) if marks else text


def pending(text: str) -> Pending:
    marks = parse(text)
    suggestions = sum(1 for m in marks if m.is_suggestion)
    return Pending(suggestions, len(marks) - suggestions)


def mark_at(marks: list[Mark], position: int) -> Mark | None:
    """The mark around ``position``, its edges included (the caret just before or after it)."""
    index = bisect_right(marks, position, key=lambda m: m.start) - 1
    if index >= 0 and marks[index].start <= position <= marks[index].end:
        return marks[index]
    return None


def comment_markup(author: str, note: str, moment: datetime, highlighted: str = "") -> str:
    """A signed comment, on ``highlighted`` words when there are any."""
    who = " ".join(author.replace("·", " ").replace("{", "(").replace("}", ")").split())[:120] or "Anonymous"
    body = note.replace("<<}", "<< }")
    comment = f"{{>>{who} · {moment:%Y-%m-%d %H:%M}: {body}<<}}"
    if highlighted:
        return "{==" + highlighted.replace("==}", "== }") + "==}" + comment
    return comment


# -- suggestion mode: typing and deleting as suggestions -----------------------------------


def suggest_insert(text: str, start: int, end: int, typed: str) -> Edit:
    """What typing ``typed`` over ``text[start:end]`` records in suggestion mode.

    Typing inside one's own addition (or a substitution's new words) extends
    it; typing over a selection suggests a substitution; anywhere else it
    suggests an addition. The caret stays inside the mark so that the next
    keystroke extends it.
    """
    marks = parse(text)
    if start == end:
        own = _editable(marks, start)
        if own is not None:
            return Edit(start, start, typed, start + len(typed))
        inside = _inside(marks, start)
        if inside is not None:
            start = inside.end  # inside a comment or a deletion: the addition goes right after it
        return Edit(start, start, "{++" + typed + "++}", start + 3 + len(typed))
    selected = text[start:end]
    if any(m.start < end and m.end > start for m in marks):
        return Edit(start, start, "", start)
    replacement = "{~~" + selected + "~>" + typed + "~~}"
    return Edit(start, end, replacement, start + len(replacement) - 3)


def _editable(marks: list[Mark], position: int) -> Mark | None:
    """The addition or substitution whose new words ``position`` is within (ends included)."""
    mark = _inside(marks, position)
    if mark is None:
        return None
    if mark.kind is Kind.ADDITION and mark.content_start <= position <= mark.end - 3:
        return mark
    if mark.kind is Kind.SUBSTITUTION and mark.end - 3 - len(mark.new) <= position <= mark.end - 3:
        return mark
    return None


def suggest_delete(text: str, start: int, end: int, forward: bool) -> Edit:
    """What Backspace (``forward`` False) or Delete over ``text[start:end]`` records in suggestion mode.

    Deleting within one's own addition really deletes (an emptied addition
    goes altogether); deleting plain text marks it deleted, joining a
    deletion right beside it; marks in the way are stepped over, never
    broken.
    """
    marks = parse(text)
    if start != end:
        if any(m.start < end and m.end > start for m in marks):
            return Edit(start, start, "", start if not forward else end)
        return Edit(start, end, "{--" + text[start:end] + "--}", start)
    own = _editable(marks, start)
    if own is not None:
        content_start = own.content_start if own.kind is Kind.ADDITION else own.end - 3 - len(own.new)
        content_end = own.end - 3
        target = start + 1 if forward else start - 1
        if content_start <= min(start, target) and max(start, target) <= content_end:
            if own.kind is Kind.ADDITION and content_end - content_start == 1:
                return Edit(own.start, own.end, "", own.start)
            low = min(start, target)
            return Edit(low, low + 1, "", low)
    if forward:
        return _delete_forward(text, marks, start)
    return _delete_backward(text, marks, start)


def _inside(marks: list[Mark], position: int) -> Mark | None:
    """The mark ``position`` is strictly within (marks are in order and never overlap)."""
    index = bisect_left(marks, position, key=lambda m: m.start) - 1
    if index >= 0 and marks[index].start < position < marks[index].end:
        return marks[index]
    return None


def _plain_neighbour(marks: list[Mark], caret: int, forward: bool) -> tuple[int, Mark | None]:
    """Step over the marks beside the caret to the plain character to delete.

    Returns where that character's edge is, and the deletion touching it
    there (which the new deletion joins), if any.
    """
    ahead = {(m.start if forward else m.end): m for m in marks}
    position, joined = caret, None
    while (mark := ahead.get(position) or _inside(marks, position)) is not None:
        joined = mark if mark.kind is Kind.DELETION else None
        position = mark.end if forward else mark.start
    if joined is None:
        behind = {(m.end if forward else m.start): m for m in marks}.get(position)
        joined = behind if behind is not None and behind.kind is Kind.DELETION else None
    return position, joined


def _delete_backward(text: str, marks: list[Mark], caret: int) -> Edit:
    position, joined = _plain_neighbour(marks, caret, forward=False)
    if position == 0:
        return Edit(caret, caret, "", caret)
    char = text[position - 1]
    if joined is not None:
        return Edit(position - 1, joined.content_start, "{--" + char, position - 1)
    return Edit(position - 1, position, "{--" + char + "--}", position - 1)


def _delete_forward(text: str, marks: list[Mark], caret: int) -> Edit:
    position, joined = _plain_neighbour(marks, caret, forward=True)
    if position >= len(text):
        return Edit(caret, caret, "", caret)
    char = text[position]
    if joined is not None:
        return Edit(position - 3, position + 1, char + "--}", position + 1)
    return Edit(position, position + 1, "{--" + char + "--}", position + 7)


# -- the live preview's marks -----------------------------------------------------------------


def _spans(css: str, words: str, title: str = "") -> str:
    """``words`` in a span per paragraph: a suggestion across a blank line must not join two paragraphs."""
    attribute = f' title="{escape(title)}"' if title else ""
    pieces: list[str] = []
    position = 0
    for gap in _BLANK_LINE.finditer(words):
        pieces.append(_span(css, words[position : gap.start()], attribute))
        pieces.append(gap.group())
        position = gap.end()
    pieces.append(_span(css, words[position:], attribute))
    return "".join(pieces)


def _span(css: str, words: str, attribute: str) -> str:
    return f'<span class="{css}"{attribute}>{words}</span>' if words.strip() else words


def preview_text(text: str) -> str:
    """The body for the live preview: each mark as a classed span the preview's stylesheet colours.

    The words stay Markdown (a suggested ``**bold**`` shows bold); a
    comment becomes a small dot whose tooltip is the comment. The
    sanitiser keeps only the span and its class and title.
    """
    marks = parse(text)
    if not marks:
        return text
    shown: dict[int, str] = {}
    for mark in marks:
        if mark.kind is Kind.ADDITION:
            shown[mark.start] = _spans("critic-add", mark.new)
        elif mark.kind is Kind.DELETION:
            shown[mark.start] = _spans("critic-del", mark.old)
        elif mark.kind is Kind.SUBSTITUTION:
            shown[mark.start] = _spans("critic-del", mark.old) + _spans("critic-add", mark.new)
        else:
            signed = f"{mark.author}, {mark.when}: " if mark.author else ""
            note = " ".join(f"{signed}{mark.note}".split())
            marker = f'<span class="critic-comment" title="{escape(note)}"></span>' if mark.kind is Kind.COMMENT else ""
            shown[mark.start] = _spans("critic-highlight", mark.old) + marker
    return _rebuild(text, marks, shown)
