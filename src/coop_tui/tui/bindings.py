"""Key descriptions in the user's language.

Bindings are declared on their narrowest owner with an i18n key as their
description (``key.add``); `translate_bindings` swaps in the text once, so the
key bar, the `?` help and the command palette all show the same words.
"""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode

from coop_tui.i18n import Translator


def translate_bindings(node: DOMNode, tr: Translator) -> None:
    """Replace i18n keys in `node`'s binding descriptions with their text."""
    bindings = node._bindings.key_to_bindings  # private: Textual 8 has no public setter
    for key, items in list(bindings.items()):
        bindings[key] = [
            dataclasses.replace(b, description=tr.t(b.description))
            if b.description and tr.has(b.description)
            else b
            for b in items
        ]
