"""``clean_text`` keeps and drops each ASCII character as its rule says, however the text is checked."""

from __future__ import annotations

from workstation.content.text import _FORBIDDEN, clean_text


def test_each_ascii_character_is_kept_or_dropped_by_the_rule() -> None:
    for code in range(128):
        character = chr(code)
        text = f"a{character}b"
        expected = "a\nb" if character == "\r" else _FORBIDDEN.sub("", text)
        assert clean_text(text) == expected, code


def test_a_clean_ascii_text_comes_back_as_it_is_and_a_dirty_one_cleaned() -> None:
    clean = "Plain words\tand a tab\nover two lines."
    assert clean_text(clean) is clean
    assert clean_text("bell\x07 and delete\x7f and nul\x00 go\r\n") == "bell and delete and nul go\n"


def test_text_beyond_ascii_is_cleaned_by_the_rule() -> None:
    assert clean_text("caf\u00e9\x00 \ufdd0\ufffe ok \U0001fffe") == "caf\u00e9  ok "
