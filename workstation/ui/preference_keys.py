"""Keys of per-computer Preferences read before the first paint, in a module that imports nothing heavy."""

from __future__ import annotations

# The name this computer's user works under in a library file (``library.user_names.chosen_or_default``).
USER_NAME_KEY = "identity/name"
