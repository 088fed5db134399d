"""The three-way merge of a record's fields: one side's change is taken, both sides' differing changes conflict,
paragraphs merge one by one, and no word of either side is ever lost."""

from __future__ import annotations

import pytest

from workstation.content.merge import Conflict, merge_fields, merge_paragraphs, paragraphs

BASE_BODY = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph."


def _words(text: str) -> list[str]:
    return text.split()


def test_a_field_only_one_side_changed_takes_that_side():
    merge = merge_fields({"headline": "Old", "dek": "d"}, {"headline": "Old", "dek": "mine"}, {"headline": "New", "dek": "d"})
    assert merge.clean
    assert merge.resolved() == {"headline": "New", "dek": "mine"}
    assert merge.from_theirs == ("headline",)


def test_a_field_both_sides_changed_the_same_way_is_not_a_conflict():
    merge = merge_fields({"headline": "Old"}, {"headline": "Same"}, {"headline": "Same"})
    assert merge.clean and merge.resolved() == {"headline": "Same"}


def test_a_field_both_sides_changed_differently_is_a_conflict_with_all_three_values():
    merge = merge_fields({"headline": "Old"}, {"headline": "Mine"}, {"headline": "Theirs"})
    assert merge.conflicts == (Conflict("headline", "Old", "Mine", "Theirs"),)
    assert merge.resolved(["theirs"]) == {"headline": "Theirs"}
    assert merge.resolved({0: "mine"}) == {"headline": "Mine"}


def test_a_conflict_left_without_a_choice_is_refused():
    merge = merge_fields({"headline": "Old"}, {"headline": "Mine"}, {"headline": "Theirs"})
    with pytest.raises(ValueError):
        merge.resolved()


def test_a_plain_field_cannot_keep_both_sides():
    merge = merge_fields({"section_id": 1}, {"section_id": 2}, {"section_id": 3})
    assert not merge.conflicts[0].can_keep_both
    with pytest.raises(ValueError):
        merge.resolved(["both"])


def test_tuple_values_compare_whole():
    merge = merge_fields({"tags": ("a",)}, {"tags": ("a", "b")}, {"tags": ("a",)})
    assert merge.resolved() == {"tags": ("a", "b")}


def test_edits_to_different_paragraphs_both_land():
    mine = "First paragraph, edited by me.\n\nSecond paragraph.\n\nThird paragraph."
    theirs = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph, edited by them."
    merge = merge_fields({"body": BASE_BODY}, {"body": mine}, {"body": theirs})
    assert merge.clean
    assert merge.resolved()["body"] == "First paragraph, edited by me.\n\nSecond paragraph.\n\nThird paragraph, edited by them."
    assert merge.from_theirs == ("body",)


def test_a_paragraph_both_rewrote_is_one_conflict_with_both_sides_and_the_rest_merges():
    mine = "First paragraph.\n\nSecond, my way.\n\nThird paragraph.\n\nMy new ending."
    theirs = "Their new opening.\n\nFirst paragraph.\n\nSecond, their way.\n\nThird paragraph."
    merge = merge_fields({"body": BASE_BODY}, {"body": mine}, {"body": theirs})
    (conflict,) = merge.conflicts
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == (
        "body", "Second paragraph.", "Second, my way.", "Second, their way.")
    assert conflict.can_keep_both
    both = merge.resolved(["both"])["body"]
    assert both == ("Their new opening.\n\nFirst paragraph.\n\nSecond, my way.\n\nSecond, their way.\n\n"
                    "Third paragraph.\n\nMy new ending.")
    assert "Second, their way." in merge.resolved(["theirs"])["body"]
    assert "Second, their way." not in merge.resolved(["mine"])["body"]


def test_a_paragraph_deleted_on_one_side_and_edited_on_the_other_conflicts_rather_than_vanishing():
    mine = "First paragraph.\n\nThird paragraph."
    theirs = "First paragraph.\n\nSecond paragraph, improved.\n\nThird paragraph."
    merge = merge_fields({"body": BASE_BODY}, {"body": mine}, {"body": theirs})
    (conflict,) = merge.conflicts
    assert conflict.mine == "" and conflict.theirs == "Second paragraph, improved."
    assert merge.resolved(["mine"])["body"] == "First paragraph.\n\nThird paragraph."


def test_paragraphs_split_on_blank_lines_however_many_and_keep_single_line_breaks():
    assert paragraphs("a\nb\n\n \n\nc\n") == ["a\nb", "c"]
    assert paragraphs("") == [] and paragraphs("\n \n") == []


def test_both_sides_appending_different_paragraphs_conflict_and_keeping_both_keeps_every_word():
    mine = BASE_BODY + "\n\nMine at the end."
    theirs = BASE_BODY + "\n\nTheirs at the end."
    merge = merge_fields({"body": BASE_BODY}, {"body": mine}, {"body": theirs})
    body = merge.resolved(["both"] * len(merge.conflicts))["body"]
    assert body == BASE_BODY + "\n\nMine at the end.\n\nTheirs at the end."


def test_thousands_of_repeating_paragraphs_merge_without_losing_a_word():
    base = [f"Paragraph {i % 7} repeats." for i in range(3000)]
    mine, theirs = list(base), list(base)
    mine[10] = "Mine changed ten."
    theirs[2900] = "Theirs changed near the end."
    merge = merge_fields({"body": "\n\n".join(base)}, {"body": "\n\n".join(mine)}, {"body": "\n\n".join(theirs)})
    body = merge.resolved(["both"] * len(merge.conflicts))["body"]
    assert "Mine changed ten." in body and "Theirs changed near the end." in body
    assert len(paragraphs(body)) >= 3000


def test_a_huge_body_with_differing_edits_keeps_every_word_of_both_sides_when_both_are_kept():
    base = "\n\n".join(f"Line {i} " + "word " * 50 for i in range(2000))
    mine = base.replace("Line 5 ", "Mine 5 ").replace("Line 1500 ", "Both 1500 mine ")
    theirs = base.replace("Line 900 ", "Theirs 900 ").replace("Line 1500 ", "Both 1500 theirs ")
    merge = merge_fields({"body": base}, {"body": mine}, {"body": theirs})
    body = merge.resolved(["both"] * len(merge.conflicts))["body"]
    for word in ("Mine", "Theirs", "mine", "theirs"):
        assert word in _words(body)
    assert len(merge.conflicts) == 1


def test_merge_paragraphs_returns_settled_text_and_conflicts_in_order():
    pieces = merge_paragraphs("body", "a\n\nb", "a\n\nmine", "a\n\ntheirs")
    assert pieces == ("a", Conflict("body", "b", "mine", "theirs", paragraphs=True))


def test_edits_to_neighbouring_paragraphs_both_land():
    base = "One.\n\nTwo.\n\nThree."
    merge = merge_fields({"body": base}, {"body": "One, mine.\n\nTwo.\n\nThree."}, {"body": "One.\n\nTwo, theirs.\n\nThree."})
    assert merge.clean
    assert merge.resolved()["body"] == "One, mine.\n\nTwo, theirs.\n\nThree."


def test_neighbouring_paragraphs_both_rewrote_make_one_conflict():
    base = "One.\n\nTwo.\n\nThree."
    merge = merge_fields({"body": base}, {"body": "One m.\n\nTwo m.\n\nThree."}, {"body": "One t.\n\nTwo t.\n\nThree."})
    (conflict,) = merge.conflicts
    assert (conflict.mine, conflict.theirs) == ("One m.\n\nTwo m.", "One t.\n\nTwo t.")


def test_settled_holds_every_field_without_a_conflict():
    merge = merge_fields({"headline": "H", "bio": "a\n\nb"}, {"headline": "Mine", "bio": "a2\n\nb"},
                         {"headline": "Theirs", "bio": "a\n\nb2"})
    assert merge.settled() == {"bio": "a2\n\nb2"}
