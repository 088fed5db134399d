"""House style rules: spellings the newsroom settled, words it avoids, patterns it fixes.

The rules are a short YAML file kept in the library (Preferences edits it),
read here once into a ``HouseStyle`` that the editor asks per paragraph and
preflight asks per article, so the underline in the editor and the warning
before publishing come from one place::

    substitutions:          # the left side, as a whole word, becomes the right
      Kiev: Kyiv
    avoid:                  # a word or phrase, and why (the note may be empty)
      very unique: unique has no degrees
    patterns:               # a regular expression, why, and an optional fix
      - pattern: '\\b(\\d+) per cent\\b'
        note: figures take the % sign
        replace: '\\1%'

Patterns are written by people and run on every keystroke's paragraph, so
each is compiled by the ``regex`` module and run with a time limit: one that
would backtrack for ever (``(a+)+$``) is refused when the rules are checked
and, should it still be slow on some text, gives up on that text instead of
hanging the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from workstation.content.house_rules import DEFAULT_RULES
from workstation.errors import ValidationError

__all__ = ["DEFAULT_RULES", "HouseStyle", "StyleMatch", "parse_rules", "rules_or_none"]

MAX_RULES = 500
MAX_PATTERN_LENGTH = 300
MAX_RULES_TEXT = 100_000
# Seconds one pattern may spend on one paragraph before it is given up on.
PATTERN_TIMEOUT_S = 0.05
# Text a pattern must get through when the rules are checked: long runs of one
# letter and of letters and spaces are what makes a careless pattern backtrack.
_PROBES = ("a" * 40 + "!", "word " * 30 + "!", "1" * 40 + "x", "Aa " * 40 + ".")



@dataclass(frozen=True)
class StyleMatch:
    """One place the text breaks a rule: where, which kind, why, and the fix (None when there is none)."""

    start: int
    end: int
    kind: str  # "substitution", "avoid" or "pattern"
    text: str
    note: str
    replacement: str | None

    @property
    def message(self) -> str:
        if self.replacement is not None:
            fix = f"“{self.replacement}”" if self.replacement.strip() else "one space"
            return f"House style: {fix}, not “{self.text}”" + (f" ({self.note})" if self.note else "")
        return f"House style: avoid “{self.text}”" + (f" — {self.note}" if self.note else "")


@dataclass(frozen=True)
class _Pattern:
    compiled: Any
    note: str
    replace: str | None


class HouseStyle:
    """Compiled rules; ``matches`` finds every break of them in a piece of text."""

    def __init__(
        self,
        substitutions: dict[str, str] | None = None,
        avoid: dict[str, str] | None = None,
        patterns: list[_Pattern] | None = None,
    ) -> None:
        self.substitutions = dict(substitutions or {})
        self.avoid = dict(avoid or {})
        self.patterns = list(patterns or [])
        words = {**{k: None for k in self.avoid}, **{k: None for k in self.substitutions}}
        # One alternation for the literal rules, longest first so "the Ukraine" wins over a shorter rule.
        alternatives = sorted(words, key=len, reverse=True)
        self._literal = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in alternatives) + r")(?!\w)")
            if alternatives
            else None
        )

    @property
    def empty(self) -> bool:
        return self._literal is None and not self.patterns

    def matches(self, text: str) -> list[StyleMatch]:
        """Every rule broken in ``text``, in order of position; overlapping finds keep the first.

        A pattern slower than ``PATTERN_TIMEOUT_S`` on ``text`` is left out (``read``).
        """
        return self.read(text, PATTERN_TIMEOUT_S)[0]

    def read(self, text: str, timeout: float) -> tuple[list[StyleMatch], list[str]]:
        """``matches`` with each pattern given ``timeout`` seconds on ``text``, and the patterns given up on.

        The limit is time on the clock, so a busy machine gives up sooner:
        whoever keeps what it found (preflight) must know when it did.
        """
        found: list[StyleMatch] = []
        gave_up: list[str] = []
        if self._literal is not None:
            for match in self._literal.finditer(text):
                word = match.group()
                if word in self.substitutions:
                    found.append(StyleMatch(match.start(), match.end(), "substitution", word, "", self.substitutions[word]))
                else:
                    found.append(StyleMatch(match.start(), match.end(), "avoid", word, self.avoid[word], None))
        for rule in self.patterns:
            try:
                for match in rule.compiled.finditer(text, timeout=timeout):
                    if match.end() == match.start():
                        continue
                    fix = match.expand(rule.replace) if rule.replace is not None else None
                    found.append(StyleMatch(match.start(), match.end(), "pattern", match.group(), rule.note, fix))
            except TimeoutError:
                # Too slow on this text: no underline rather than a frozen editor. (What it found before is
                # kept; what it would have found after is not known.)
                gave_up.append(rule.compiled.pattern)
        found.sort(key=lambda item: (item.start, -item.end))
        kept: list[StyleMatch] = []
        for item in found:
            if not kept or item.start >= kept[-1].end:
                kept.append(item)
        return kept, gave_up


def _text(value: Any, where: str, limit: int = 500) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValidationError(f"house style: {where} must be text")
    text = str(value)
    if not text.strip():
        raise ValidationError(f"house style: {where} is empty")
    if len(text) > limit:
        raise ValidationError(f"house style: {where} is longer than {limit} characters")
    return text


def _mapping(data: dict[str, Any], key: str, empty_values: bool) -> dict[str, str]:
    value = data.get(key) or {}
    if isinstance(value, list):  # "avoid" may be a plain list of words
        value = dict.fromkeys(_text(item, f"a word in '{key}'") for item in value) if empty_values else None
    if not isinstance(value, dict):
        raise ValidationError(f"house style: '{key}' must be a list of “word: …” lines")
    out = {}
    for word, target in value.items():
        word = _text(word, f"a word in '{key}'").strip()
        if empty_values:
            out[word] = "" if target in (None, "") else _text(target, f"the note on “{word}”").strip()
        else:
            out[word] = _text(target, f"the replacement for “{word}”").strip()
    return out


def _compile(number: int, item: Any, timeout: float) -> _Pattern:
    where = f"pattern {number}"
    if isinstance(item, str):
        item = {"pattern": item}
    if not isinstance(item, dict) or "pattern" not in item:
        raise ValidationError(f"house style: {where} needs a 'pattern:' line")
    source = _text(item["pattern"], where, MAX_PATTERN_LENGTH)
    import regex  # on first use: the editor and preflight need it, most commands never do

    try:
        compiled = regex.compile(source, regex.VERSION0)
    except regex.error as exc:
        raise ValidationError(f"house style: {where} is not a valid pattern ({exc})") from None
    note = "" if item.get("note") is None else _text(item["note"], f"the note of {where}")
    replace = item.get("replace")
    if replace is not None:
        replace = str(replace)
        try:
            compiled.sub(replace, "")
            for probe in _PROBES:
                for match in compiled.finditer(probe, timeout=timeout * 4):
                    match.expand(replace)
        except TimeoutError:
            raise ValidationError(f"house style: {where} takes too long on ordinary text; simplify it") from None
        except (regex.error, IndexError) as exc:
            raise ValidationError(f"house style: the fix of {where} does not fit its pattern ({exc})") from None
    for probe in _PROBES:
        try:
            for _match in compiled.finditer(probe, timeout=timeout * 4):
                pass
        except TimeoutError:
            raise ValidationError(f"house style: {where} takes too long on ordinary text; simplify it") from None
    return _Pattern(compiled, note, replace)


def parse_rules(text: str, timeout: float = PATTERN_TIMEOUT_S) -> HouseStyle:
    """The rules in ``text`` (YAML), compiled; a ``ValidationError`` names the first that cannot be kept.

    A pattern that takes over four times ``timeout`` on any of a few ordinary texts is refused. The limit
    is time on the clock: preflight, which must not lose sound rules on a busy machine, gives its own.
    """
    if len(text) > MAX_RULES_TEXT:
        raise ValidationError(f"house style: the rules are longer than {MAX_RULES_TEXT:,} characters")
    import yaml  # on first use, like ``regex``

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader) if text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" on line {mark.line + 1}" if mark is not None else ""
        raise ValidationError(f"house style: the rules are not valid YAML{line}") from None
    data = data or {}
    if not isinstance(data, dict):
        raise ValidationError("house style: expected 'substitutions:', 'avoid:' and 'patterns:' sections")
    unknown = set(data) - {"substitutions", "avoid", "patterns"}
    if unknown:
        raise ValidationError(f"house style: unknown section '{sorted(unknown)[0]}'")
    substitutions = _mapping(data, "substitutions", empty_values=False)
    avoid = _mapping(data, "avoid", empty_values=True)
    raw_patterns = data.get("patterns") or []
    if not isinstance(raw_patterns, list):
        raise ValidationError("house style: 'patterns' must be a list")
    if len(substitutions) + len(avoid) + len(raw_patterns) > MAX_RULES:
        raise ValidationError(f"house style: at most {MAX_RULES} rules")
    patterns = [_compile(number, item, timeout) for number, item in enumerate(raw_patterns, 1)]
    return HouseStyle(substitutions, avoid, patterns)


def rules_or_none(text: str, timeout: float = PATTERN_TIMEOUT_S) -> HouseStyle:
    """The stored rules, or no rules when they cannot be read (the editor still opens; Preferences says why)."""
    try:
        return parse_rules(text, timeout)
    except ValidationError:
        return HouseStyle()
