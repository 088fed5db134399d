"""The house-style rules a new library starts with (``content.house_style`` reads them).

Kept apart, as plain text, so that the library's settings can name the
default without loading the YAML and regular-expression machinery at every
start of every command.
"""

DEFAULT_RULES = """\
# House style: checked as you type and before publishing.
# substitutions: the left side, as a whole word, is replaced by the right.
substitutions:
  Kiev: Kyiv
  Kharkov: Kharkiv
  Odessa: Odesa
  Lvov: Lviv
  Nikolaev: Mykolaiv
  Zaporozhye: Zaporizhzhia
  Artemovsk: Bakhmut
  Artemivsk: Bakhmut
  the Ukraine: Ukraine
  e-mail: email
  in order to: to
# avoid: words and phrases to rephrase, and why.
avoid:
  very unique: unique has no degrees
  literally: rarely needed; say what happened
  war-torn: a cliché; describe the damage
  sources say: say which sources, or how many
# patterns: regular expressions, why, and an optional fix (\\1 is the first group).
patterns:
  - pattern: '\\b(\\d+) ?per ?cent\\b'
    note: figures take the % sign
    replace: '\\1%'
  - pattern: '(?<=\\S)  +(?=\\S)'
    note: one space between words
    replace: ' '
  - pattern: '\\b(\\w+) \\1\\b'
    note: a word twice in a row
    replace: '\\1'
"""
