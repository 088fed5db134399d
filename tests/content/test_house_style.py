"""House style rules: substitutions, words to avoid and patterns, with fixes; hostile patterns cannot hang."""

from __future__ import annotations

import threading

import pytest

from workstation.content.house_style import DEFAULT_RULES, parse_rules, rules_or_none
from workstation.errors import ValidationError



def finishes(work, seconds: float = 60):
    """Run ``work`` in a thread; its result, or a failure if it has not finished within ``seconds``."""
    result = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"still running after {seconds} s"
    return result[0]


def test_a_substitution_is_found_as_a_whole_word_with_its_fix():
    style = parse_rules("substitutions:\n  Kiev: Kyiv\n")
    [match] = style.matches("Talks in Kiev and Kievan Rus history")
    assert (match.start, match.end, match.text, match.replacement) == (9, 13, "Kiev", "Kyiv")


def test_a_word_to_avoid_is_found_with_its_note_and_no_fix():
    style = parse_rules("avoid:\n  very unique: unique has no degrees\n")
    [match] = style.matches("A very unique bridge.")
    assert match.kind == "avoid" and match.replacement is None
    assert "unique has no degrees" in match.message


def test_avoid_may_be_a_plain_list_of_words():
    style = parse_rules("avoid:\n  - literally\n")
    assert [m.text for m in style.matches("It literally rained.")] == ["literally"]


def test_a_pattern_fix_expands_its_groups():
    style = parse_rules("patterns:\n  - pattern: '(\\d+) per cent'\n    note: figures\n    replace: '\\1%'\n")
    [match] = style.matches("Turnout was 40 per cent.")
    assert match.replacement == "40%"


def test_the_default_rules_are_valid_and_catch_the_old_spellings():
    style = parse_rules(DEFAULT_RULES)
    found = {m.text: m.replacement for m in style.matches("From Kiev to Kharkov, 12 per cent said it was very unique.")}
    assert found["Kiev"] == "Kyiv" and found["Kharkov"] == "Kharkiv" and found["12 per cent"] == "12%"
    assert "very unique" in found


def test_the_longer_rule_wins_where_two_start_together():
    style = parse_rules("substitutions:\n  the Ukraine: Ukraine\n  the: THE\n")
    assert [m.text for m in style.matches("in the Ukraine")] == ["the Ukraine"]


def test_a_pattern_that_backtracks_for_ever_is_refused():
    def parse():
        try:
            parse_rules("patterns:\n  - pattern: '(a|aa)+b'\n")
        except ValidationError as exc:
            return str(exc)
        return "accepted"

    assert "too long" in finishes(parse)


def test_a_slow_pattern_that_got_in_gives_up_on_the_text_instead_of_hanging():
    style = parse_rules("patterns:\n  - pattern: '(x+x+)+y'\n")
    assert finishes(lambda: style.matches("x" * 5000)) == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("patterns:\n  - pattern: '(unclosed'\n", "not a valid pattern"),
        ("substitutions: [1, 2\n", "not valid YAML"),
        ("spelling:\n  a: b\n", "unknown section"),
        ("substitutions:\n  Kiev: ''\n", "is empty"),
        ("patterns:\n  - note: no pattern\n", "needs a 'pattern:'"),
        ("patterns:\n  - pattern: 'a'\n    replace: '\\9'\n", "does not fit"),
        ("patterns:\n  - pattern: '" + "a" * 400 + "'\n", "longer than"),
    ],
)
def test_bad_rules_are_refused_with_a_clear_message(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_rules(text)


def test_unreadable_stored_rules_mean_no_rules_rather_than_a_crash():
    assert rules_or_none("patterns:\n  - pattern: '('\n").empty
