"""Key descriptions in the user's language, translated where they are shown.

Bindings are declared on their narrowest owner with an i18n key as their
description (``key.add``). The key bar, the `?` help and the command palette
all show `describe(binding, tr)`, so they say the same words. Textual's own
bindings describe themselves in English, not with a catalog key: they keep
working but are not listed (nothing English in the French interface).
"""

from __future__ import annotations

from textual.binding import Binding

from coop_tui.i18n import Translator


def describe(binding: Binding, tr: Translator) -> str:
    """What `binding` does, in the user's language; "" for a key not to list."""
    description = binding.description
    return tr.t(description) if description and tr.has(description) else ""
