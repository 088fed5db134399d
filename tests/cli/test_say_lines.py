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
