"""A line rule of the plain-text reduction is passed over only for lines it could not change."""

from __future__ import annotations

import random

from workstation.content.sanitise import _RULES, plain_text

PIECES = (
    " ", "  ", "   ", "    ", "\t", "#", "##", ">", "> ", "-", "--", "---", "*", "* ", "+ ", "_", "=", "==", "|", ":",
    "[", "]", "]:", "[^1]:", "1.", "12) ", "\u0663. ", "```", "~~~", "<", "http://x.y", "https://x.y/z", "word", "Київ",
)


def test_each_line_a_rule_changes_starts_as_the_rule_says() -> None:
    rng = random.Random(7)
    lines = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))) for _ in range(5000)]
    for _pattern, by_line, replacement, _needs, starts in _RULES:
        if by_line is None or starts is None:
            continue
        for line in lines:
            if by_line.sub(replacement, line) != line:
                assert starts.match(line), (by_line.pattern, line)


def test_list_markers_with_digits_of_any_script_still_go() -> None:
    assert plain_text("\u0663. first\n12) second\n- third\n  * fourth") == "first second third fourth"
