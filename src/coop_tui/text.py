"""User text made safe to show: it is data, never markup, never a terminal command."""

from __future__ import annotations

import functools
import unicodedata


def clean(text: str, *, multiline: bool = False) -> str:
    """`text` with control characters made visible instead of sent to the terminal.

    ESC and the other C0 controls become their Unicode "control pictures" (ESC
    shows as ␛), C1 controls become �, so `\\x1b[2J` shows as `␛[2J` and cannot
    clear anyone's screen. Newlines become spaces unless `multiline`.
    Everything else, brackets, accents, emoji and right-to-left text, is kept.
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append("\n" if multiline else " ")
        elif ch == "\t":
            out.append("    " if multiline else " ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code < 0xA0:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


@functools.lru_cache(maxsize=16384)
def search_key(text: str) -> str:
    """The form in which text is searched: no case, no accents, single spaces.

    "Étude  de Marché" and "etude de marche" have the same key. Decompose, fold
    case, decompose again (folding can reveal compatibility forms, 𝘈 → A → a),
    then drop the accents: the key of a key is itself.
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def matches(query: str, haystack: str) -> bool:
    """Whether every word of `query` appears in `haystack` (case- and accent-insensitive).

    Every list's `/` filter uses this, so "realiser" finds "Réaliser" everywhere.
    """
    words = search_key(query).split()
    if not words:
        return True
    text = search_key(haystack)
    return all(word in text for word in words)


def bar(ratio: float | None, width: int = 10) -> str:
    """A text progress bar: ███████░░░ (empty for no value)."""
    if ratio is None:
        return "·" * width
    filled = round(max(0.0, min(1.0, ratio)) * width)
    return "█" * filled + "░" * (width - filled)
