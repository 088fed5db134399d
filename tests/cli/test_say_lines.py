"""``say_lines``: many lines written a batch at a time, each escaped exactly as ``printable`` escapes one line."""

from __future__ import annotations

import io

from workstation.cli.terminal import LINES_AT_ONCE, printable, say_lines


def test_every_line_is_written_once_in_order_with_a_newline_after_the_last() -> None:
    lines = [f"article story-{n}: has no byline" for n in range(2 * LINES_AT_ONCE + 3)]
    out = io.StringIO()
    say_lines(lines, out)
    assert out.getvalue() == "".join(f"{line}\n" for line in lines)


def test_a_line_a_terminal_would_act_on_is_escaped_in_a_batch_of_plain_ones() -> None:
    lines = [f"article story-{n}: has no byline" for n in range(LINES_AT_ONCE + 5)]
    lines[LINES_AT_ONCE + 2] = "article x\x1b]0;owned\x07\nworkstation: forged: has no byline"
    out = io.StringIO()
    say_lines(lines, out)
    written = out.getvalue().splitlines()
    assert written == [printable(line) for line in lines]
    assert not any(line.startswith("workstation: forged") for line in written)


def test_nothing_to_say_writes_nothing() -> None:
    out = io.StringIO()
    say_lines([], out)
    assert out.getvalue() == ""


def test_lines_in_other_scripts_print_as_they_are() -> None:
    lines = ["article москва: house style: “colour” not “color”…", "photo 7: is 4000 × 20 px", "article café: ok"]
    out = io.StringIO()
    say_lines(lines, out)
    assert out.getvalue() == "".join(f"{line}\n" for line in lines)


def test_a_newline_of_a_lines_own_is_escaped_however_plain_the_rest() -> None:
    lines = ["article a: fine", "article b\nworkstation: forged", "article c: fine"]
    out = io.StringIO()
    say_lines(lines, out)
    assert out.getvalue().splitlines() == ["article a: fine", "article b\\nworkstation: forged", "article c: fine"]


def test_control_characters_and_undecodable_bytes_are_escaped_as_printable_escapes_them() -> None:
    lines = ["article a\x7f: delete", "photo \udcff.jpg: not UTF-8", "article b\u202e: reversed", "article c\x00: nul"]
    out = io.StringIO()
    say_lines(lines, out)
    assert out.getvalue().splitlines() == [printable(line) for line in lines]
    assert all(line != printable(line) for line in lines)


def test_items_are_printed_as_str_gives_them_and_may_be_any_iterable() -> None:
    out = io.StringIO()
    say_lines((n * 10 for n in range(3)), out)
    assert out.getvalue() == "0\n10\n20\n"
