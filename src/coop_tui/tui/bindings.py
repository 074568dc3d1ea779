"""Key descriptions in the user's language, translated where they are shown.

Bindings are declared on their narrowest owner with an i18n key as their
description (``key.add``). The key bar, the `?` help and the command palette
all show `describe(binding, tr)`, so they say the same words. Textual's own
bindings describe themselves in English, not with a catalog key: they keep
working but are not listed (nothing English in the French interface).
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from coop_tui.i18n import Translator


def describe(binding: Binding, tr: Translator, target: str = "") -> str:
    """What `binding` does, in the user's language; "" for a key not to list.

    `target` names what the key acts on (see `target_of`): `key.edit` with the target
    `shared_stakes` reads « Modifier l'enjeu partagé » (`key.edit.shared_stakes`).
    """
    description = binding.description
    if not description:
        return ""
    if target and tr.has(f"{description}.{target}"):
        return tr.t(f"{description}.{target}")
    return tr.t(description) if tr.has(description) else ""


def target_of(screen: Any, binding: Binding) -> str:
    """What `binding` acts on in `screen` now ("" when the screen does not say).

    A screen says it with `key_target(verb)`, the verb being the shared key's
    description without its `key.` ("add", "edit", "open", "delete"): e.g.
    "actions" for "add" while the actions table has the focus.
    """
    say = getattr(screen, "key_target", None)
    if not callable(say) or not binding.description.startswith("key."):
        return ""
    return str(say(binding.description.removeprefix("key.")) or "")


#: Textual's names of keys (as `App.get_key_display` writes them) that are words, each
#: with its catalog key: "space" is « espace » on a French keyboard, "del" « suppr ».
KEY_NAMES: dict[str, str] = {
    "space": "keyname.space",
    "del": "keyname.delete",
    "delete": "keyname.delete",
    "pgup": "keyname.page_up",
    "pgdn": "keyname.page_down",
    "home": "keyname.home",
    "end": "keyname.end",
    "esc": "keyname.escape",
    "escape": "keyname.escape",
    "insert": "keyname.insert",
    "shift": "keyname.shift",
    "tab": "keyname.tab",
}


def key_words(shown: str, tr: Translator) -> str:
    """A key as displayed (`shift+pgup`), its named parts in the user's language."""
    parts = shown.split("+") if shown != "+" else [shown]
    return "+".join(tr.t(KEY_NAMES[p]) if p in KEY_NAMES else p for p in parts)
