"""CriticMarkup in a body: parsing, accepting, rejecting, publishing, and suggestion-mode edits."""

from __future__ import annotations

from datetime import datetime

import pytest

from workstation.content import critic
from workstation.content.critic import Kind

BODY = (
    "The mayor {++finally ++}spoke {--on Monday--} at {~~noon~>10:00~~}. "
    "{==Crews==}{>>Olena Marchenko · 2026-12-06 10:14: how many?<<} worked {>>check the date<<}."
)


def test_every_kind_of_mark_is_found_in_order() -> None:
    kinds = [mark.kind for mark in critic.parse(BODY)]
    assert kinds == [Kind.ADDITION, Kind.DELETION, Kind.SUBSTITUTION, Kind.COMMENT, Kind.COMMENT]


def test_a_signed_comment_says_who_and_when_and_keeps_its_highlight() -> None:
    comment = critic.parse(BODY)[3]
    assert (comment.author, comment.when, comment.note, comment.old) == (
        "Olena Marchenko", "2026-12-06 10:14", "how many?", "Crews"
    )


def test_an_unsigned_comment_is_kept_with_no_author() -> None:
    comment = critic.parse(BODY)[4]
    assert (comment.author, comment.note) == ("", "check the date")


def test_accepting_a_suggestion_keeps_its_new_words() -> None:
    text = "a {~~noon~>10:00~~} b"
    mark = critic.parse(text)[0]
    assert critic.accept(text, mark).apply(text) == "a 10:00 b"


def test_rejecting_a_suggestion_keeps_the_original_words() -> None:
    text = "a {++new ++}{--old--} b"
    addition, deletion = critic.parse(text)
    assert critic.reject(text, addition).apply(text) == "a {--old--} b"
    assert critic.reject(text, deletion).apply(text) == "a {++new ++}old b"


def test_accept_all_and_reject_all_leave_comments_alone() -> None:
    assert critic.accept_all(BODY) == (
        "The mayor finally spoke  at 10:00. "
        "{==Crews==}{>>Olena Marchenko · 2026-12-06 10:14: how many?<<} worked {>>check the date<<}."
    )
    assert critic.reject_all(BODY).startswith("The mayor spoke on Monday at noon. {==Crews==}")


def test_resolving_a_comment_removes_its_markup_and_keeps_the_highlighted_words() -> None:
    text = "{==Crews==}{>>A · 2026-12-06 10:14: n<<} worked"
    assert critic.resolve(text, critic.parse(text)[0]).apply(text) == "Crews worked"


def test_the_published_text_is_the_original_without_suggestions_or_comments() -> None:
    assert critic.published_text(BODY) == "The mayor spoke on Monday at noon. Crews worked ."


def test_pending_counts_suggestions_and_comments() -> None:
    assert critic.pending(BODY) == critic.Pending(suggestions=3, comments=2)


@pytest.mark.parametrize("text", ["{++ never closed", "a {~~no arrow~~} b", "{--", "{>>", "plain {braces} text"])
def test_an_opener_without_its_closer_is_plain_text(text: str) -> None:
    assert critic.published_text(text) == text
    assert critic.pending(text).suggestions == 0


@pytest.mark.parametrize(
    "hostile",
    [
        "{++" * 200_000,
        "{~~" * 200_000 + "~~}",
        "{~~" * 200_000 + "~>",
        "{==a==}{>>" * 50_000,
        "{++a++}" * 50_000,
        "{>>" * 100_000 + "<<}",
    ],
)
def test_hostile_bodies_parse_at_all(hostile: str) -> None:
    critic.parse(hostile)
    critic.published_text(hostile)
    critic.preview_text(hostile)


def test_the_preview_shows_marks_as_classed_spans_and_escapes_comments() -> None:
    shown = critic.preview_text('x {++y++} {>>say "<b>"<<}')
    assert '<span class="critic-add">y</span>' in shown
    assert 'title="say &quot;&lt;b&gt;&quot;"' in shown


def test_a_suggestion_across_paragraphs_is_shown_per_paragraph() -> None:
    shown = critic.preview_text("{++one\n\ntwo++}")
    assert shown == '<span class="critic-add">one</span>\n\n<span class="critic-add">two</span>'


def test_comment_markup_is_signed_and_parses_back() -> None:
    markup = critic.comment_markup("Olena Marchenko", "source?", datetime(2026, 12, 6, 10, 14), "Crews")
    assert markup == "{==Crews==}{>>Olena Marchenko · 2026-12-06 10:14: source?<<}"
    assert critic.parse(markup)[0].author == "Olena Marchenko"


def _type(text: str, caret: int, keys: str) -> tuple[str, int]:
    for key in keys:
        edit = critic.suggest_insert(text, caret, caret, key)
        text, caret = edit.apply(text), edit.caret
    return text, caret


def _backspace(text: str, caret: int, times: int, forward: bool = False) -> tuple[str, int]:
    for _ in range(times):
        edit = critic.suggest_delete(text, caret, caret, forward)
        text, caret = edit.apply(text), edit.caret
    return text, caret


def test_typing_in_suggestion_mode_records_one_growing_addition() -> None:
    assert _type("abc def", 3, "XY") == ("abc{++XY++} def", 8)


def test_backspace_in_suggestion_mode_marks_the_characters_deleted() -> None:
    assert _backspace("abc def", 3, 2) == ("a{--bc--} def", 1)


def test_delete_in_suggestion_mode_marks_the_following_characters_deleted() -> None:
    assert _backspace("abc def", 4, 2, forward=True)[0] == "abc {--de--}f"


def test_backspace_inside_ones_own_addition_really_deletes() -> None:
    text, caret = _type("abc", 3, "XY")
    assert _backspace(text, caret, 1) == ("abc{++X++}", 7)
    assert _backspace(text, caret, 2) == ("abc", 3)


def test_typing_over_a_selection_suggests_a_substitution() -> None:
    edit = critic.suggest_insert("abc def", 0, 3, "x")
    assert edit.apply("abc def") == "{~~abc~>x~~} def"
    assert edit.caret == len("{~~abc~>x")


def test_deleting_a_selection_suggests_its_deletion() -> None:
    assert critic.suggest_delete("abc def", 4, 7, False).apply("abc def") == "abc {--def--}"


def test_suggestion_edits_beside_thousands_of_marks_finish_at_all() -> None:
    text = "{--a--}" * 50_000 + "b" + "{++c++}" * 50_000
    middle = len("{--a--}") * 50_000
    assert critic.suggest_delete(text, middle, middle, False).apply(text).count("{--") == 50_000
    assert critic.suggest_delete(text, middle + 1, middle + 1, True).apply(text) == text
    critic.suggest_insert(text, middle, middle, "x")
