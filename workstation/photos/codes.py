"""Code replacements, as Photo Mechanic has them: ``=kv=`` typed in a text field becomes "Kyiv".

A photo editor captioning a shoot types the same long names (places,
agencies, people) hundreds of times; a list of short codes keeps them
spelled one way. The list is Photo Mechanic's own file format, so a desk
can bring the list it already has: one ``code<TAB>text`` pair a line,
UTF-8 (a BOM is accepted), blank lines and lines starting with ``#``
ignored. A code is looked up exactly as typed; an unknown code is left in
the text as it was, delimiters and all, so nothing typed is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from workstation.errors import ValidationError

DELIMITER = "="
MAX_CODE_LENGTH = 100
MAX_TEXT_LENGTH = 2_000
MAX_CODES = 20_000
# A code between two delimiters: no spaces, no delimiter, not empty.
_CODE = re.compile(re.escape(DELIMITER) + r"([^\s" + re.escape(DELIMITER) + r"]{1,%d})" % MAX_CODE_LENGTH + re.escape(DELIMITER))


def expand_codes(text: str, codes: Mapping[str, str]) -> str:
    """``text`` with every known ``=code=`` replaced by its text; unknown codes are kept as typed."""
    if not codes or DELIMITER not in text:
        return text
    return _CODE.sub(lambda match: codes.get(match.group(1), match.group(0)), text)


def parse_codes(text: str) -> dict[str, str]:
    """The codes of a Photo Mechanic code-replacement file; ``ValidationError`` names the first bad line."""
    codes: dict[str, str] = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        code, tab, replacement = line.partition("\t")
        code = code.strip()
        if not tab:
            raise ValidationError(f"line {number}: expected a code, a tab and its text (code<TAB>text)")
        if not code or any(c.isspace() for c in code) or DELIMITER in code:
            raise ValidationError(f"line {number}: a code must be one word without spaces or '{DELIMITER}'")
        if len(code) > MAX_CODE_LENGTH:
            raise ValidationError(f"line {number}: the code is longer than {MAX_CODE_LENGTH} characters")
        replacement = replacement.strip()
        if len(replacement) > MAX_TEXT_LENGTH:
            raise ValidationError(f"line {number}: the text is longer than {MAX_TEXT_LENGTH} characters")
        if any(ord(c) < 32 for c in replacement):
            raise ValidationError(f"line {number}: the text holds a control character")
        codes[code] = replacement
        if len(codes) > MAX_CODES:
            raise ValidationError(f"the file holds more than {MAX_CODES:,} codes")
    return codes


def format_codes(codes: Mapping[str, str]) -> str:
    """A Photo Mechanic code-replacement file holding ``codes``, sorted by code."""
    return "".join(f"{code}\t{text}\n" for code, text in sorted(codes.items()))
