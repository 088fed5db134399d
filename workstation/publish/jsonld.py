"""schema.org JSON-LD for article pages, safe to drop inside ``<script>``.

``json.dumps`` alone is not enough: a headline holding ``</script>`` would
close the element. Escaping ``<``, ``>`` and ``&`` as ``\\u003c`` and friends
keeps the same JSON value while leaving nothing an HTML parser can act on.
"""

from __future__ import annotations

import json
from typing import Any

_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)

_EMPTY = ("", None, [], {})


def script_json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.translate(_ESCAPES)


def drop_empty(value: Any) -> Any:
    """Leave out empty strings, lists and objects: schema.org readers prefer absence."""
    if isinstance(value, dict):
        return {key: kept for key, item in value.items() if (kept := drop_empty(item)) not in _EMPTY}
    if isinstance(value, list):
        return [kept for item in value if (kept := drop_empty(item)) not in _EMPTY]
    return value
