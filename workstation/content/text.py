"""What text the library may hold: one rule, applied at every way in.

Every field ends up in HTML pages, an Atom feed (XML 1.0), JSON-LD and a
terminal, and each of those refuses characters the others accept: XML
cannot carry C0 controls at all, HTML forbids controls and noncharacters,
and a lone surrogate cannot even be encoded as UTF-8. So text is cleaned
once, when it comes in (the model layer cleans every text column before it
is written, and the renderer cleans the unsaved text of the live preview):

* line ends become ``\\n`` (``\\r\\n`` and a lone ``\\r`` alike);
* C0 controls other than tab and newline, DEL and the C1 controls go;
* lone surrogates (left by undecodable bytes) go;
* Unicode noncharacters (U+FDD0–U+FDEF and the last two code points of
  every plane) go. Nothing typed or imported holds them, which is also what
  lets the renderer use them as internal markers no input can forge.
"""

from __future__ import annotations

import re
from typing import Any

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_FORBIDDEN = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef{_NONCHARACTERS}]")
# The same rule without the astral noncharacters: a class of 34 scattered
# astral code points makes every scan ten times slower, and the live preview
# cleans the whole body on each keystroke; most text holds no astral
# character at all, which one cheap scan tells.
_FORBIDDEN_BMP = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff]")
_ASTRAL = re.compile("[\\U00010000-\\U0010ffff]")
_LINE_END = re.compile(r"\r\n?")
# The rule's characters an ASCII text can hold, as bytes for ``bytes.translate`` to drop: an ASCII
# text is told clean by one pass of a table lookup, many times quicker than the pattern's scan.
_FORBIDDEN_ASCII = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def clean_text(text: str) -> str:
    """``text`` as the library may hold it (see the module docstring); unchanged when already clean."""
    if "\r" in text:
        text = _LINE_END.sub("\n", text)
    if text.isascii():
        data = text.encode("ascii")
        kept = data.translate(None, _FORBIDDEN_ASCII)
        return text if len(kept) == len(data) else kept.decode("ascii")
    rule = _FORBIDDEN if _ASTRAL.search(text) else _FORBIDDEN_BMP
    return rule.sub("", text)


def clean_value(value: Any) -> Any:
    """``clean_text`` applied to every string in a JSON-like value (dicts, lists, strings)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(key): clean_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    return value
